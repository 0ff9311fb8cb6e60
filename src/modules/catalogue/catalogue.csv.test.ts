import { parse } from "csv-parse/sync";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { verifyAuditTrail } from "../record/record.service.js";
import { auditEvents } from "../record/record.table.js";
import { catalogueItems } from "./catalogue.table.js";

// The catalogue as CSV: L&D imports a file, exports it, and the export imports back unchanged.
// A file with bad rows answers every problem by line and changes nothing.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const ld = await makeUser(deps, { name: "Lena Learning", roles: ["ld"] });
const employee = await makeUser(deps, { name: "Eve Employee" });
const cookie = await signInCookie(app, ld.email, ld.password);
const employeeCookie = await signInCookie(app, employee.email, employee.password);

const preview = (csv: string) =>
  send(app, "/api/v1/imports/catalogue/preview", { body: { csv }, cookie });
const commit = (csv: string) =>
  send(app, "/api/v1/imports/catalogue/commit", { body: { csv }, cookie });
const exportCsv = async (c = cookie) => {
  const res = await send(app, "/api/v1/catalogue/export.csv", { cookie: c });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/csv/);
  return res.text();
};

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function state() {
  const [i] = await db.select({ n: count() }).from(catalogueItems);
  const [a] = await db.select({ n: count() }).from(auditEvents);
  const rows = await db.select().from(catalogueItems);
  return { items: i!.n, audit: a!.n, versions: rows.map((r) => `${r.id}:${r.version}`).sort() };
}

const FILE = [
  "kind,title,provider,link,description,duration_hours,format,skills,causes,active",
  'course,SQL for analysts,Learning Co,https://learning.example.com/sql,"Joins, grouping and windows",6,online,SQL;data analysis,skill,true',
  "workshop,Negotiation in practice,Talk Ltd,,,7.5,in person,negotiation,Missing skill;overload,",
  "tool,Query linter,,https://lint.example.com,,,self_paced,sql,tools_or_resources,yes",
  "guide,Old handbook,,,,,online,,process,false",
].join("\n");

describe("importing the catalogue from a CSV", () => {
  it("the preview says what it would add and writes nothing", async () => {
    const before = await state();
    const body = await json<{
      summary: Record<string, number>;
      rows: { line: number; action: string; title: string }[];
    }>(await preview(FILE), 200);
    expect(body.summary).toEqual({ create: 4, update: 0, unchanged: 0, problems: 0 });
    expect(body.rows.map((r) => [r.line, r.action, r.title])).toEqual([
      [2, "create", "SQL for analysts"],
      [3, "create", "Negotiation in practice"],
      [4, "create", "Query linter"],
      [5, "create", "Old handbook"],
    ]);
    expect(await state()).toEqual(before);
  });

  it("the commit adds every row in one go, with one event per item and one for the import", async () => {
    const result = await json<Record<string, number>>(await commit(FILE), 200);
    expect(result).toEqual({ create: 4, update: 0, unchanged: 0, problems: 0 });
    const rows = await db.select().from(catalogueItems);
    const negotiation = rows.find((r) => r.title === "Negotiation in practice")!;
    expect(negotiation).toMatchObject({
      format: "in_person",
      durationHours: 7.5,
      causes: ["skill", "overload"],
      active: true,
    });
    expect(rows.find((r) => r.title === "Old handbook")!.active).toBe(false);
    const events = await db.select().from(auditEvents);
    expect(events.filter((e) => e.action === "catalogue.item_created")).toHaveLength(4);
    expect(events.filter((e) => e.action === "catalogue.imported")).toHaveLength(1);
    expect((await verifyAuditTrail({ db, secret: deps.config.secret })).ok).toBe(true);
  });

  it("exporting and importing the export changes nothing", async () => {
    const csv = await exportCsv();
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(4);
    expect(records.find((r) => r.title === "SQL for analysts")).toMatchObject({
      kind: "course",
      skills: "sql;data analysis",
      causes: "skill",
      duration_hours: "6",
      active: "true",
    });
    const before = await state();
    const body = await json<{ summary: Record<string, number> }>(await preview(csv), 200);
    expect(body.summary).toEqual({ create: 0, update: 0, unchanged: 4, problems: 0 });
    const result = await json<Record<string, number>>(await commit(csv), 200);
    expect(result).toEqual({ create: 0, update: 0, unchanged: 4, problems: 0 });
    const after = await state();
    expect(after.versions).toEqual(before.versions);
    expect(after.items).toBe(before.items);
  });

  it("an edited export updates by id, and a row without an id is matched by kind, title and provider", async () => {
    const records = parse(await exportCsv(), { columns: true }) as Record<string, string>[];
    const sql = records.find((r) => r.title === "SQL for analysts")!;
    const csv = [
      "id,kind,title,provider,duration_hours,skills",
      `${sql.id},course,SQL for analysts,Learning Co,10,sql`,
      ",tool,QUERY LINTER,,2,sql;linting",
    ].join("\n");
    const result = await json<Record<string, number>>(await commit(csv), 200);
    expect(result).toEqual({ create: 0, update: 2, unchanged: 0, problems: 0 });
    const [row] = await db.select().from(catalogueItems).where(eq(catalogueItems.id, sql.id!));
    // Columns the file leaves out keep their values.
    const [linter] = await db.select().from(catalogueItems).where(eq(catalogueItems.kind, "tool"));
    expect(linter).toMatchObject({
      title: "QUERY LINTER",
      link: "https://lint.example.com",
      causes: ["tools_or_resources"],
      durationHours: 2,
    });
    expect(row).toMatchObject({
      durationHours: 10,
      skills: ["sql"],
      link: "https://learning.example.com/sql",
      causes: ["skill"],
      version: 2,
    });
  });

  it("a file with bad rows answers every problem by line and changes nothing", async () => {
    const before = await state();
    const bad = [
      "kind,title,provider,link,duration_hours,causes",
      "course,Good one,X,https://ok.example,1,skill",
      "webinar,Bad kind,X,,,",
      "course,Bad link,X,learning.example.com,,",
      "course,Bad hours,X,,-3,",
      "course,Bad cause,X,,,laziness",
      "course,,X,,,",
    ].join("\n");
    const shown = await json<{ problems: { line: number; field: string; message: string }[] }>(
      await preview(bad),
      200,
    );
    expect(shown.problems.map((p) => [p.line, p.field])).toEqual([
      [3, "kind"],
      [4, "link"],
      [5, "duration_hours"],
      [6, "causes"],
      [7, "title"],
    ]);
    expect(shown.problems[1]!.message).toBe(
      "A link must be a web address starting with https:// or http://",
    );
    const refused = await json<{ error: { code: string; details: unknown[] } }>(
      await commit(bad),
      400,
    );
    expect(refused.error.code).toBe("import.invalid");
    expect(refused.error.details).toHaveLength(5);
    expect(await state()).toEqual(before);
  });

  it("an unreadable file or one without its key columns is one clear error", async () => {
    const before = await state();
    const noTitle = await json<{ error: { message: string } }>(
      await preview("kind,provider\ncourse,X"),
      400,
    );
    expect(noTitle.error.message).toMatch(/lacks the column title/);
    const broken = await json<{ error: { code: string } }>(
      await commit('kind,title\ncourse,"never closed'),
      400,
    );
    expect(broken.error.code).toBe("import.invalid");
    expect(await state()).toEqual(before);
  });

  it("only L&D and admins import; everyone may export what is offered", async () => {
    const res = await send(app, "/api/v1/imports/catalogue/commit", {
      body: { csv: FILE },
      cookie: employeeCookie,
    });
    expect(res.status).toBe(404);
    const csv = await exportCsv(employeeCookie);
    expect(csv).not.toContain("Old handbook");
    expect(csv).toMatch(/query linter/i);
  });
});

describe("the export opens safely in a spreadsheet", () => {
  it("cells that could run as formulas are neutralised, and import back as they were", async () => {
    const created = await json<{ id: string }>(
      await send(app, "/api/v1/catalogue/items", {
        cookie,
        body: {
          kind: "course",
          title: '=HYPERLINK("https://evil.example","click")',
          provider: "+cmd",
          description: "@SUM(1)",
          skills: ["-risky"],
        },
      }),
      201,
    );
    const csv = await exportCsv();
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    const row = records.find((r) => r.id === created.id)!;
    expect(row.title).toBe('\'=HYPERLINK("https://evil.example","click")');
    expect(row.provider).toBe("'+cmd");
    expect(row.description).toBe("'@SUM(1)");
    expect(row.skills).toBe("'-risky");
    const body = await json<{ summary: Record<string, number> }>(await preview(csv), 200);
    expect(body.summary).toMatchObject({ create: 0, update: 0, problems: 0 });
  });
});
