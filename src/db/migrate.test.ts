import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { withDatabase } from "../../test/global-setup.js";
import { connect, type Database } from "./client.js";
import { migrationsFolder, runMigrations } from "./migrate.js";

const admin = new pg.Client({ connectionString: inject("adminUrl") });
await admin.connect();
const created: { name: string; database: Database }[] = [];
afterAll(async () => {
  for (const { name, database } of created) {
    await database.close().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  await admin.end();
});

/** A brand-new, empty database (not a copy of the migrated template). */
async function emptyDatabase(): Promise<Database> {
  const name = `headway_migrate_${randomBytes(5).toString("hex")}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const database = connect({ url: withDatabase(inject("adminUrl"), name), kind: "external" });
  created.push({ name, database });
  return database;
}

const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8"),
) as { entries: { tag: string }[] };

async function schemaOf(pool: pg.Pool) {
  const columns = await pool.query<{ t: string; c: string; ty: string }>(`
    SELECT table_name AS t, column_name AS c, data_type AS ty FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, column_name`);
  const applied = await pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations",
  );
  const settings = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM org_settings");
  return { columns: columns.rows, applied: applied.rows[0]!.n, settings: settings.rows[0]!.n };
}

describe("migrations", () => {
  it("every SQL file is in the journal, in order", () => {
    const files = readdirSync(migrationsFolder)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
  });

  it("apply the whole chain to an empty database, and a second run changes nothing", async () => {
    const { pool } = await emptyDatabase();
    const before = await pool.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(before.rows[0]).toEqual({ n: 0 });

    await runMigrations({ pool });
    const first = await schemaOf(pool);
    expect(first.applied).toBe(journal.entries.length);
    expect(first.settings).toBe(1);

    await runMigrations({ pool });
    expect(await schemaOf(pool)).toEqual(first);
  });

  it("create the expected tables and the audit triggers", async () => {
    const { pool } = await emptyDatabase();
    await runMigrations({ pool });
    const tables = await pool.query<{ t: string }>(`
      SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' ORDER BY table_name`);
    expect(tables.rows.map((r) => r.t)).toEqual(
      expect.arrayContaining([
        "api_tokens",
        "audit_events",
        "audit_head",
        "credentials",
        "mail_messages",
        "one_time_tokens",
        "org_settings",
        "people",
        "sessions",
      ]),
    );
    const triggers = await pool.query<{ name: string; timing: string; events: string }>(`
      SELECT tgname AS name FROM pg_trigger
      WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal ORDER BY tgname`);
    expect(triggers.rows.map((r) => r.name)).toEqual([
      "audit_events_no_truncate",
      "audit_events_no_update_delete",
    ]);
    await pool.query(`
      INSERT INTO audit_events (seq, id, at, actor_label, action, subject_type, data, digest, prev_hash, hash)
      VALUES (1, gen_random_uuid(), now(), 'test', 'test.event', 'test', '{}', 'd', 'p', 'h')`);
    await expect(pool.query("UPDATE audit_events SET action = 'x'")).rejects.toThrow(
      /append-only: UPDATE is refused/,
    );
    await expect(pool.query("DELETE FROM audit_events")).rejects.toThrow(
      /append-only: DELETE is refused/,
    );
    await expect(pool.query("TRUNCATE audit_events")).rejects.toThrow(
      /append-only: TRUNCATE is refused/,
    );
    const left = await pool.query("SELECT action FROM audit_events");
    expect(left.rows).toEqual([{ action: "test.event" }]);
  });

  it("can be started by several instances at once", async () => {
    const { pool } = await emptyDatabase();
    const other = connect({ url: `${pool.options.connectionString}`, kind: "external" });
    try {
      await Promise.all([runMigrations({ pool }), runMigrations({ pool: other.pool })]);
    } finally {
      await other.close();
    }
    expect((await schemaOf(pool)).applied).toBe(journal.entries.length);
  });
});
