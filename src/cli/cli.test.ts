import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import pg from "pg";
import pino from "pino";
import { afterAll, describe, expect, inject, it } from "vitest";
import { withDatabase } from "../../test/global-setup.js";
import { freshDatabase, TEST_SECRET, testApp, testConfig } from "../../test/helpers.js";
import type { Database } from "../db/client.js";
import { createMailer } from "../modules/mail/mail.service.js";
import { demoPeople } from "../modules/org/org.demo.js";
import { createProgram } from "./program.js";

// These tests run the real `headway` command as a child process, against a fresh database.

const root = fileURLToPath(new URL("../..", import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), "headway-cli-test-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const database = await freshDatabase();

/** Every setting the CLI reads, blanked so neither this shell nor a .env file leaks in. */
const settings = [
  "PORT",
  "HOST",
  "BASE_URL",
  "HEADWAY_DATA_DIR",
  "DATABASE_URL",
  "HEADWAY_EMBEDDED_DB_PORT",
  "HEADWAY_SECRET",
  "SMTP_HOST",
  "SMTP_PORT",
  "SMTP_SECURE",
  "SMTP_USER",
  "SMTP_PASSWORD",
  "MAIL_FROM",
  "LOG_LEVEL",
  "HEADWAY_SECURE_COOKIES",
  "HEADWAY_SETUP_TOKEN_TTL_MINUTES",
];

type Result = { code: number | null; stdout: string; stderr: string };

function headway(
  args: string[],
  { url = database.url, cwd = root }: { url?: string; cwd?: string } = {},
): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of settings) env[name] = "";
  Object.assign(env, {
    DATABASE_URL: url,
    HEADWAY_DATA_DIR: dataDir,
    HEADWAY_SECRET: TEST_SECRET,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/headway.js"), ...args], {
      cwd,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    // Not a terminal: commands that would ask must not wait for an answer.
    child.stdin.end();
  });
}

async function countRows(table: "people" | "audit_events" | "credentials", db = database) {
  const result = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return result.rows[0]!.n;
}

function csvFile(name: string, text: string): string {
  const file = path.join(dataDir, name);
  writeFileSync(file, text);
  return file;
}

/** The help a command prints, with the text added after it (examples). */
function helpOf(command: Command): string {
  let text = "";
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.outputHelp();
  return text;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

describe("headway --help", () => {
  it("describes every command and shows examples", async () => {
    const { code, stdout } = await headway(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: headway");
    for (const command of [
      "migrate",
      "create-admin",
      "setup-link",
      "import",
      "export",
      "demo",
      "token",
      "audit",
      "outbox",
      "reminders",
      "goals",
      "plan",
    ])
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
    expect(stdout).toContain("Examples:");
  });

  it("gives every subcommand a description and examples", () => {
    const commands = allCommands(createProgram());
    expect(commands.map((c) => c.name())).toEqual(
      expect.arrayContaining(["people", "create", "list", "revoke", "verify"]),
    );
    for (const command of commands) {
      expect(command.description().length, command.name()).toBeGreaterThan(10);
      expect(helpOf(command), command.name()).toContain("Examples:\n  # ");
    }
  });

  it("treats an unknown option as a usage error: one line, exit code 2", async () => {
    const { code, stderr } = await headway(["outbox", "--bogus"]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")[0]).toBe("headway: unknown option '--bogus'");
  });
});

describe("headway migrate", () => {
  it("applies every migration to an empty database, then says the schema is current, from any working directory", async () => {
    const name = `headway_cli_empty_${process.pid}`;
    const admin = new pg.Client({ connectionString: inject("adminUrl") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = withDatabase(inject("adminUrl"), name);
      // Run from elsewhere: the migrations are found beside the program, not in the working directory.
      const first = await headway(["migrate"], { url, cwd: tmpdir() });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Applied \d+ migrations? to the PostgreSQL at DATABASE_URL/);
      const second = await headway(["migrate"], { url });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/^The schema is current \(\d+ migrations?\).*nothing to apply/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe("headway --version", () => {
  it("prints the package's version, from any working directory", async () => {
    const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      version: string;
    };
    const result = await headway(["--version"], { cwd: tmpdir() });
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("headway demo", () => {
  it("creates an organisation of about 40 people with managers, HR, L&D and an admin, and prints who to sign in as", async () => {
    const { code, stdout } = await headway(["demo"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`created ${demoPeople.length} people`);
    expect(await countRows("people")).toBe(demoPeople.length);
    expect(await countRows("credentials")).toBe(demoPeople.length);

    const departments = await database.pool.query<{ department: string }>(
      "SELECT DISTINCT department FROM people",
    );
    expect(departments.rows.map((r) => r.department)).toEqual(
      expect.arrayContaining(["Customer Support", "Engineering", "Sales"]),
    );
    const roles = await database.pool.query<{ role: string; n: number }>(
      "SELECT unnest(roles) AS role, count(*)::int AS n FROM people GROUP BY 1",
    );
    expect(Object.fromEntries(roles.rows.map((r) => [r.role, r.n]))).toEqual({
      admin: 1,
      hr: 2,
      ld: 1,
    });

    expect(stdout).toContain('with the password "headway-demo-password"');
    expect(stdout).toMatch(/martin\.kowalski@brightwater\.example\s+Martin Kowalski\s+admin/);
    for (const situation of [
      "missed deadlines",
      "friction with customers",
      "a new technology to learn",
    ])
      expect(stdout).toContain(situation);
  });

  it("changes nothing when run a second time, and says so", async () => {
    const events = await countRows("audit_events");
    const { code, stdout } = await headway(["demo"]);
    expect(code).toBe(0);
    expect(stdout).toContain("already in place; nothing changed");
    expect(await countRows("people")).toBe(demoPeople.length);
    expect(await countRows("audit_events")).toBe(events);
  });
});

describe("headway import people", () => {
  it("prints every problem with its line number and field, exits 1 and writes nothing", async () => {
    const file = csvFile(
      "bad.csv",
      [
        "email,name,manager_email,hire_date",
        "new.person@example.com,New Person,,",
        "not-an-email,Bad Email,,",
        "third@example.com,Third,nobody@example.com,2024-13-01",
      ].join("\n"),
    );
    const before = await countRows("people");
    const { code, stdout, stderr } = await headway(["import", "people", file]);
    expect(code).toBe(1);
    expect(stdout).toContain('line 3, email: "not-an-email" is not an email address.');
    expect(stdout).toContain("line 4, hire_date:");
    expect(stdout).toContain("line 4, manager_email:");
    expect(stderr).toContain("headway: the file has 3 problems; nothing was imported.");
    expect(await countRows("people")).toBe(before);
  });

  it("says in one line when the file cannot be read", async () => {
    const { code, stdout, stderr } = await headway([
      "import",
      "people",
      path.join(dataDir, "missing.csv"),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `headway: cannot read ${path.join(dataDir, "missing.csv")}: no such file.\n`,
    );
  });

  const goodCsv = [
    "employee_id,email,name,title,department,manager_email",
    "NEW-1,ada.new@example.com,Ada New,Analyst,Sales,rebecca.stone@brightwater.example",
    "NEW-2,bo.new@example.com,Bo New,Analyst,Sales,ada.new@example.com",
  ].join("\n");

  it("without --yes and without a terminal, shows the preview and writes nothing", async () => {
    const before = await countRows("people");
    const { code, stdout } = await headway(["import", "people", csvFile("good.csv", goodCsv)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/to create\s+2/);
    expect(stdout).toContain("Re-run with --yes to import 2 people.");
    expect(await countRows("people")).toBe(before);
  });

  it("with --yes imports the people and their reporting lines", async () => {
    const before = await countRows("people");
    const { code, stdout } = await headway([
      "import",
      "people",
      csvFile("good.csv", goodCsv),
      "--yes",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("Imported: 2 created, 0 updated, 0 unchanged.");
    expect(await countRows("people")).toBe(before + 2);
    const bo = await database.pool.query<{ manager: string }>(
      "SELECT m.email AS manager FROM people p JOIN people m ON m.id = p.manager_id WHERE p.email = 'bo.new@example.com'",
    );
    expect(bo.rows[0]?.manager).toBe("ada.new@example.com");
  });
});

describe("headway token", () => {
  const deps = {
    config: testConfig(),
    database: database as Database,
    logger: pino({ level: "silent" }),
    clock: () => new Date(),
    mailer: createMailer({ config: testConfig() }),
  };
  const app = testApp(deps);
  const me = (token: string) =>
    app.request("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });

  it("creates a token that authenticates against the API, lists it, and revoking it stops it", async () => {
    const email = "ethan.brooks@brightwater.example";
    const created = await headway(["token", "create", "--email", email, "--name", "test"]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(created.stdout).toMatch(/^hw_\S+\n$/);
    expect(created.stderr).toContain("shown only this once");

    const res = await me(token);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(email);

    const listed = await headway(["token", "list", "--email", email]);
    expect(listed.code).toBe(0);
    const id = listed.stdout.split("\n")[1]!.split(/\s+/)[0]!;
    expect(listed.stdout).toContain(`${token.slice(0, 9)}…`);
    expect(listed.stdout).toMatch(/active$/m);

    const revoked = await headway(["token", "revoke", id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked API token ${id}.`);
    expect((await me(token)).status).toBe(401);
  });
});

describe("headway reminders run", () => {
  it("runs one pass of the check-in and coaching reminders and says what it did", async () => {
    const { code, stdout } = await headway(["reminders", "run"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "0 check-in reminders sent, 0 check-ins marked missed, 0 coaching reminders sent.",
    );
  });

  it("sends a 1:1 reminder due in the next day to both sides, once however often it runs", async () => {
    const { rows } = await database.pool.query<{ manager: string; report: string }>(`
      WITH m AS (INSERT INTO people (email, name) VALUES ('rita.reminded@example.com', 'Rita Reminded') RETURNING id),
           r AS (INSERT INTO people (email, name, manager_id) SELECT 'ravi.reminded@example.com', 'Ravi Reminded', id FROM m RETURNING id),
           s AS (INSERT INTO one_on_one_series (manager_id, report_id, cadence, weekday, start_time, starts_on, created_at, updated_at)
                 SELECT m.id, r.id, 'weekly', 1, '10:00', current_date, now(), now() FROM m, r RETURNING id)
      INSERT INTO one_on_one_meetings (series_id, scheduled_at, created_at, updated_at)
        SELECT id, now() + interval '12 hours', now(), now() FROM s
      RETURNING (SELECT id FROM m) AS manager, (SELECT id FROM r) AS report`);
    const first = await headway(["reminders", "run"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("1 coaching reminder sent.");
    expect(first.stdout).toContain("1:1s tomorrow: 1 (agenda empty: 1)");
    const again = await headway(["reminders", "run"]);
    expect(again.stdout).toContain("0 coaching reminders sent.");
    const told = await database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM notifications WHERE kind = 'oneonone.upcoming' AND person_id = ANY($1)",
      [[rows[0]!.manager, rows[0]!.report]],
    );
    expect(told.rows[0]!.n).toBe(2);
  });
});

describe("headway create-admin and headway outbox", () => {
  it("prints a link to choose a password, and the outbox holds the invitation with that link", async () => {
    const created = await headway([
      "create-admin",
      "--email",
      "grace.admin@example.com",
      "--name",
      "Grace Admin",
    ]);
    expect(created.code).toBe(0);
    const link = created.stdout.match(/https?:\/\/\S+reset-password\?token=\S+/)?.[0];
    expect(link).toBeDefined();

    const outbox = await headway(["outbox", "--limit", "1"]);
    expect(outbox.code).toBe(0);
    expect(outbox.stdout).toContain("To:      grace.admin@example.com");
    expect(outbox.stdout).toMatch(/Subject: You're invited to Headway/);
    expect(outbox.stdout).toContain(link!);
  });
});

describe("headway audit verify", () => {
  it("prints ok and the number of events, and exits 0", async () => {
    const events = await countRows("audit_events");
    expect(events).toBeGreaterThan(0);
    const { code, stdout } = await headway(["audit", "verify"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`ok ${events} events\n`);
  });

  it("names the first broken event and exits 1 when an event was edited", async () => {
    const other = await freshDatabase();
    const { code: made } = await headway(["setup-link"], { url: other.url });
    expect(made).toBe(0);
    // A superuser can switch the append-only triggers off; verification must still notice.
    const client = await other.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL session_replication_role = replica");
      await client.query(`UPDATE audit_events SET action = 'edited' WHERE seq = 1`);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const { code, stdout } = await headway(["audit", "verify"], { url: other.url });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^broken at event 1: /);
  });
});
