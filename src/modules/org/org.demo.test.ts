import { describe, expect, it } from "vitest";
import { passwordProblems } from "../auth/auth.rules.js";
import { checkCatalogueItem, isWebLink, normaliseSkills } from "../catalogue/catalogue.rules.js";
import { catalogueKinds } from "../catalogue/catalogue.types.js";
import { causeKinds } from "../plans/plans.types.js";
import { parsePeopleCsv } from "./org.csv.js";
import {
  DEMO_ANCHOR_EMAIL,
  DEMO_PASSWORD,
  demoAnchorDate,
  demoCatalogue,
  demoEmail,
  demoMentors,
  demoPeople,
  demoRoleLabel,
  demoWorkshopDate,
  renderDemoCsv,
} from "./org.demo.js";
import { type ExistingPerson, planImport } from "./org.rules.js";

const anchor = "2026-03-02";
const plan = () => planImport({ rows: parsePeopleCsv(renderDemoCsv({ anchor })), existing: [] });

const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

describe("the demo organisation", () => {
  it("renders a CSV that passes the import rules with no problems", () => {
    const result = plan();
    expect(result.problems).toEqual([]);
    expect(result.summary).toMatchObject({ create: demoPeople.length, update: 0, unchanged: 0 });
  });

  it("has about 40 people in Customer Support, Engineering and Sales, plus a small operations team", () => {
    expect(demoPeople.length).toBeGreaterThanOrEqual(38);
    expect(demoPeople.length).toBeLessThanOrEqual(45);
    const departments = new Set(demoPeople.map((p) => p.department));
    expect(departments).toEqual(
      new Set(["Customer Support", "Engineering", "Sales", "Operations"]),
    );
    for (const d of ["Customer Support", "Engineering", "Sales"])
      expect(demoPeople.filter((p) => p.department === d).length).toBeGreaterThanOrEqual(8);
  });

  it("has a CEO, department heads, team managers, two HR partners (whole organisation and one department), L&D and an admin", () => {
    const labels = demoPeople.map(demoRoleLabel);
    expect(labels.filter((l) => l === "CEO")).toHaveLength(1);
    expect(labels.filter((l) => l.startsWith("head of"))).toHaveLength(3);
    expect(labels.filter((l) => l === "manager").length).toBeGreaterThanOrEqual(6);
    expect(labels).toContain("HR partner (whole organisation)");
    expect(labels).toContain("HR partner (Engineering)");
    expect(labels).toContain("L&D");
    expect(labels).toContain("admin");
  });

  it("includes reports who missed deadlines, have friction with customers or a new technology to learn, each with a manager", () => {
    for (const kind of ["missed_deadlines", "customer_friction", "new_technology"]) {
      const people = demoPeople.filter((p) => p.situation?.kind === kind);
      expect(people.length, kind).toBeGreaterThanOrEqual(1);
      for (const p of people) {
        expect(p.managerId).not.toBeNull();
        expect(p.situation!.summary.length).toBeGreaterThan(40);
      }
    }
  });

  it("gives everyone a unique employee id and email, and realistic titles, locations and hire dates", () => {
    expect(new Set(demoPeople.map((p) => p.employeeId)).size).toBe(demoPeople.length);
    expect(new Set(demoPeople.map(demoEmail)).size).toBe(demoPeople.length);
    for (const row of plan().rows) {
      expect(row.values.title).not.toBe("");
      expect(row.values.location).not.toBe("");
      expect(row.values.hireDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("dates a few hires within the last 60 days", () => {
    const recent = plan().rows.filter((r) => daysBetween(r.values.hireDate!, anchor) <= 60);
    expect(recent.length).toBeGreaterThanOrEqual(2);
    expect(recent.length).toBeLessThanOrEqual(6);
    for (const r of recent) expect(daysBetween(r.values.hireDate!, anchor)).toBeGreaterThan(0);
  });

  it("keeps its anchor date on later runs, so re-importing the same people changes nothing", () => {
    const first = plan();
    const anchorRow = first.rows.find((r) => r.values.email === DEMO_ANCHOR_EMAIL)!;
    const later = demoAnchorDate({
      today: "2026-09-30",
      anchorHireDate: anchorRow.values.hireDate,
    });
    expect(later).toBe(anchor);
    expect(demoAnchorDate({ today: "2026-09-30", anchorHireDate: null })).toBe("2026-09-30");

    const existing: ExistingPerson[] = first.rows.map((r) => ({ id: r.id, ...r.values }));
    const again = planImport({
      rows: parsePeopleCsv(renderDemoCsv({ anchor: later })),
      existing,
    });
    expect(again.problems).toEqual([]);
    expect(again.summary).toMatchObject({ create: 0, update: 0, unchanged: demoPeople.length });
  });

  it("uses a default password that the password rules accept", () => {
    expect(passwordProblems({ password: DEMO_PASSWORD })).toEqual([]);
  });
});

describe("the demo's catalogue and mentors", () => {
  it("has 10 to 15 resources of every kind, each one L&D could have entered by hand", () => {
    expect(demoCatalogue.length).toBeGreaterThanOrEqual(10);
    expect(demoCatalogue.length).toBeLessThanOrEqual(15);
    expect(new Set(demoCatalogue.map((i) => i.kind))).toEqual(new Set(catalogueKinds));
    for (const item of demoCatalogue) {
      const { problems } = checkCatalogueItem({ ...item, causes: [...item.causes] });
      expect(problems, item.title).toEqual([]);
      expect(item.skills, item.title).toEqual(normaliseSkills(item.skills));
      for (const cause of item.causes) expect(causeKinds).toContain(cause);
      if (item.link) expect(isWebLink(item.link), item.title).toBe(true);
    }
    const identities = demoCatalogue.map((i) => `${i.kind}|${i.title}|${i.provider}`.toLowerCase());
    expect(new Set(identities).size).toBe(identities.length);
  });

  it('has a course for skill "sql" and resources for each demo situation\'s likely cause', () => {
    expect(demoCatalogue.some((i) => i.kind === "course" && i.skills.includes("sql"))).toBe(true);
    for (const skill of ["kubernetes", "estimation", "customer communication", "crm"])
      expect(
        demoCatalogue.some((i) => i.skills.includes(skill)),
        skill,
      ).toBe(true);
    for (const cause of ["skill", "overload", "tools_or_resources", "personal_or_health"])
      expect(demoCatalogue.some((i) => (i.causes as string[]).includes(cause))).toBe(true);
  });

  it("gives workshops dates with seats, and only workshops", () => {
    const workshops = demoCatalogue.filter((i) => i.kind === "workshop");
    expect(workshops.length).toBeGreaterThanOrEqual(1);
    for (const item of demoCatalogue) {
      if (item.kind !== "workshop") expect(item.dates ?? [], item.title).toEqual([]);
      else expect(item.dates?.length, item.title).toBeGreaterThan(0);
      for (const date of item.dates ?? []) {
        expect(date.seats).toBeGreaterThan(0);
        const { startsAt, endsAt } = demoWorkshopDate(date, anchor);
        expect(startsAt.getTime()).toBeGreaterThan(Date.parse(`${anchor}T00:00:00Z`));
        expect(endsAt.getTime()).toBeGreaterThan(startsAt.getTime());
      }
    }
  });

  it("has three or four mentors, demo people with skills and places, none of them managing a demo situation's person", () => {
    expect(demoMentors.length).toBeGreaterThanOrEqual(3);
    expect(demoMentors.length).toBeLessThanOrEqual(4);
    const byId = new Map(demoPeople.map((p) => [p.employeeId, p]));
    const chainOf = (id: string) => {
      const chain: string[] = [];
      let next = byId.get(id)?.managerId ?? null;
      while (next) {
        chain.push(next);
        next = byId.get(next)?.managerId ?? null;
      }
      return chain;
    };
    for (const mentor of demoMentors) {
      expect(byId.has(mentor.employeeId), mentor.employeeId).toBe(true);
      expect(mentor.skills.length).toBeGreaterThan(0);
      expect(mentor.skills).toEqual(normaliseSkills(mentor.skills));
      expect(mentor.capacity).toBeGreaterThanOrEqual(1);
      expect(mentor.availability).not.toBe("");
    }
    // Each situation that a skill answers has a mentor outside the person's chain.
    for (const [employeeName, skill] of [
      ["Wei Zhang", "kubernetes"],
      ["Ethan Brooks", "estimation"],
      ["Liam O'Connor", "negotiation"],
    ] as const) {
      const person = demoPeople.find((p) => p.name === employeeName)!;
      const chain = chainOf(person.employeeId);
      expect(
        demoMentors.some((m) => m.skills.includes(skill) && !chain.includes(m.employeeId)),
        employeeName,
      ).toBe(true);
    }
  });
});
