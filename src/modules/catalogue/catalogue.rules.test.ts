import { describe, expect, it } from "vitest";
import {
  type CatalogueImportRow,
  type CatalogueItemInput,
  causeOf,
  checkCatalogueItem,
  checkSession,
  type ExistingCatalogueItem,
  isWebLink,
  LINK_MESSAGE,
  normaliseSkills,
  planCatalogueImport,
  seatsLeft,
} from "./catalogue.rules.js";

// What a catalogue item, a workshop date and a catalogue CSV row must be.

const item = (over: Partial<CatalogueItemInput> = {}): CatalogueItemInput => ({
  kind: "course",
  title: "SQL for analysts",
  provider: "Learning Co",
  link: "https://learning.example.com/sql",
  description: "Joins, grouping and window functions.",
  durationHours: 6,
  format: "online",
  skills: ["SQL"],
  causes: ["skill"],
  ...over,
});

describe("checkCatalogueItem: what an item must be", () => {
  const cases: { why: string; input: CatalogueItemInput; problems: [string, RegExp][] }[] = [
    { why: "a complete course passes", input: item(), problems: [] },
    {
      why: "an empty link is fine (an in-house workshop)",
      input: item({ link: "" }),
      problems: [],
    },
    {
      why: "an http link is fine",
      input: item({ link: "http://intranet.example/x" }),
      problems: [],
    },
    {
      why: "the title is required",
      input: item({ title: "   " }),
      problems: [["title", /Write the title/]],
    },
    {
      why: "the title is at most 200 characters",
      input: item({ title: "x".repeat(201) }),
      problems: [["title", /under 200/]],
    },
    {
      why: "a link that is not a web address is refused",
      input: item({ link: "learning.example.com/sql" }),
      problems: [["link", /https:\/\//]],
    },
    {
      why: "a javascript: link is refused",
      input: item({ link: "javascript:alert(1)" }),
      problems: [["link", /web address/]],
    },
    {
      why: "a negative duration is refused",
      input: item({ durationHours: -1 }),
      problems: [["durationHours", /0 to 1000/]],
    },
    {
      why: "a duration over 1000 hours is refused",
      input: item({ durationHours: 1000.5 }),
      problems: [["durationHours", /0 to 1000/]],
    },
    { why: "no duration is fine", input: item({ durationHours: null }), problems: [] },
    {
      why: "more than 20 skills are refused",
      input: item({ skills: Array.from({ length: 21 }, (_, i) => `skill ${i}`) }),
      problems: [["skills", /at most 20/]],
    },
    {
      why: "20 skills that repeat are counted once",
      input: item({ skills: [...Array.from({ length: 20 }, (_, i) => `s${i}`), "S1 ", "s2"] }),
      problems: [],
    },
    {
      why: "a skill over 40 characters is refused",
      input: item({ skills: ["x".repeat(41)] }),
      problems: [["skills", /under 40/]],
    },
    {
      why: "an unknown root cause is refused",
      input: item({ causes: ["skill", "laziness"] }),
      problems: [["causes", /"laziness"/]],
    },
  ];
  for (const c of cases)
    it(c.why, () => {
      const { problems } = checkCatalogueItem(c.input);
      expect(problems.map((p) => p.path)).toEqual(c.problems.map(([p]) => p));
      for (const [i, [, re]] of c.problems.entries()) expect(problems[i]!.message).toMatch(re);
    });

  it("the link message says what a link must be", () => {
    const { problems } = checkCatalogueItem(item({ link: "ftp://x.example" }));
    expect(problems[0]!.message).toBe(LINK_MESSAGE);
  });

  it("normalises: trimmed text, lower-case unique skills, causes in their fixed order", () => {
    const { item: out } = checkCatalogueItem(
      item({
        title: "  SQL  ",
        skills: [" SQL", "sql", "Data  Modelling", ""],
        causes: ["tools_or_resources", "skill"],
      }),
    );
    expect(out.title).toBe("SQL");
    expect(out.skills).toEqual(["sql", "data modelling"]);
    expect(out.causes).toEqual(["skill", "tools_or_resources"]);
  });
});

describe("small helpers", () => {
  it.each([
    ["https://a.example", true],
    ["HTTP://A.EXAMPLE/x?y=1", true],
    ["https://", false],
    ["mailto:a@b.example", false],
    ["data:text/html,hi", false],
    ["/relative/path", false],
  ])("isWebLink(%s) is %s", (value, ok) => expect(isWebLink(value)).toBe(ok));

  it("normaliseSkills keeps the first spelling's order and drops blanks", () => {
    expect(normaliseSkills(["B", "a", " b ", "  "])).toEqual(["b", "a"]);
  });

  it.each([
    ["skill", "skill"],
    ["Missing skill", "skill"],
    ["tools or resources", "tools_or_resources"],
    ["A broken process", "process"],
    ["laziness", null],
  ])("causeOf(%s) is %s", (value, cause) => expect(causeOf(value)).toBe(cause));

  it("seats left never go below zero", () => {
    expect(seatsLeft({ seats: 10, seatsTaken: 3 })).toBe(7);
    expect(seatsLeft({ seats: 2, seatsTaken: 5 })).toBe(0);
  });
});

describe("checkSession: a workshop date", () => {
  const start = new Date("2026-05-04T09:00:00Z");
  const base = {
    kind: "workshop" as const,
    startsAt: start,
    endsAt: null,
    location: "",
    seats: 12,
  };
  const cases: { why: string; input: Parameters<typeof checkSession>[0]; paths: string[] }[] = [
    { why: "a workshop date with seats passes", input: base, paths: [] },
    { why: "a course has no dates", input: { ...base, kind: "course" }, paths: ["kind"] },
    { why: "at least one seat", input: { ...base, seats: 0 }, paths: ["seats"] },
    { why: "at most 1000 seats", input: { ...base, seats: 1001 }, paths: ["seats"] },
    { why: "1000 seats are fine", input: { ...base, seats: 1000 }, paths: [] },
    {
      why: "it ends after it starts",
      input: { ...base, endsAt: new Date("2026-05-04T08:00:00Z") },
      paths: ["endsAt"],
    },
    {
      why: "an end equal to the start is refused",
      input: { ...base, endsAt: start },
      paths: ["endsAt"],
    },
    {
      why: "a date outside 2000–2100 is refused",
      input: { ...base, startsAt: new Date("0000-01-01T00:00:00Z") },
      paths: ["startsAt"],
    },
  ];
  for (const c of cases)
    it(c.why, () => expect(checkSession(c.input).map((p) => p.path)).toEqual(c.paths));
});

describe("planCatalogueImport: a CSV becomes creates and updates, or problems by line", () => {
  const stored: ExistingCatalogueItem = {
    id: "11111111-1111-4111-8111-111111111111",
    kind: "course",
    title: "SQL for analysts",
    provider: "Learning Co",
    link: "https://learning.example.com/sql",
    description: "",
    durationHours: 6,
    format: "online",
    skills: ["sql"],
    causes: ["skill"],
    active: true,
  };
  const row = (over: Partial<CatalogueImportRow> = {}): CatalogueImportRow => ({
    line: 2,
    id: "",
    kind: "course",
    title: "Negotiation basics",
    provider: "Talk Ltd",
    link: "",
    description: "",
    durationHours: "3",
    format: "in_person",
    skills: "negotiation; Influence",
    causes: "skill;Missing tools or resources",
    active: "",
    ...over,
  });
  const plan = (rows: CatalogueImportRow[]) => planCatalogueImport({ rows, existing: [stored] });

  it("a new row is a create with normalised values", () => {
    const p = plan([row()]);
    expect(p.problems).toEqual([]);
    expect(p.rows[0]).toMatchObject({
      action: "create",
      values: {
        skills: ["negotiation", "influence"],
        causes: ["skill", "tools_or_resources"],
        durationHours: 3,
        active: true,
      },
    });
  });

  it("a row matching kind, title and provider case-insensitively updates that item", () => {
    const p = plan([
      row({ title: "sql FOR analysts", provider: "learning co", skills: "sql", causes: "skill" }),
    ]);
    expect(p.rows[0]).toMatchObject({ action: "update", id: stored.id });
    expect(p.rows[0]!.changedFields).toContain("title");
  });

  it("a row identical to what is stored changes nothing", () => {
    const p = plan([
      row({
        id: stored.id,
        title: stored.title,
        provider: stored.provider,
        link: stored.link,
        durationHours: "6",
        format: "online",
        skills: "sql",
        causes: "skill",
        active: "true",
      }),
    ]);
    expect(p.summary).toEqual({ create: 0, update: 0, unchanged: 1, problems: 0 });
  });

  it("every bad cell is reported with its line and column", () => {
    const p = plan([
      row({ line: 2, kind: "webinar" }),
      row({ line: 3, link: "not a link", title: "A" }),
      row({ line: 4, durationHours: "two", title: "B" }),
      row({ line: 5, causes: "laziness", title: "C" }),
      row({ line: 6, id: "22222222-2222-4222-8222-222222222222", title: "D" }),
      row({ line: 7, active: "maybe", title: "E" }),
      row({ line: 8, title: "" }),
    ]);
    expect(p.problems.map((x) => [x.line, x.field])).toEqual([
      [2, "kind"],
      [3, "link"],
      [4, "duration_hours"],
      [5, "causes"],
      [6, "id"],
      [7, "active"],
      [8, "title"],
    ]);
    expect(p.rows).toEqual([]);
  });

  it("a row with several bad cells reports each of them", () => {
    const p = plan([row({ kind: "webinar", link: "not a link", causes: "laziness" })]);
    expect(p.problems.map((x) => x.field)).toEqual(["kind", "causes", "link"]);
  });

  it("two rows for the same item are refused", () => {
    const p = plan([row({ line: 2 }), row({ line: 3, title: "NEGOTIATION BASICS" })]);
    expect(p.problems).toEqual([
      { line: 3, field: "title", message: expect.stringMatching(/Line 2/) },
    ]);
  });

  it("renaming by id onto another item's identity is refused", () => {
    const other = { ...stored, id: "33333333-3333-4333-8333-333333333333", title: "Other" };
    const p = planCatalogueImport({
      rows: [row({ id: other.id, title: stored.title, provider: stored.provider })],
      existing: [stored, other],
    });
    expect(p.problems[0]).toMatchObject({ field: "title" });
  });

  it("kinds and formats may be written as their labels", () => {
    const p = plan([row({ kind: "Internal guide", format: "Self-paced" })]);
    expect(p.rows[0]!.values).toMatchObject({ kind: "guide", format: "self_paced" });
  });
});
