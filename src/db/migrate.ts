import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type pg from "pg";

/** The project's folder: the nearest above this module holding package.json (from src/db when
 * run through tsx, from dist/server when run from the built server). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("headway: cannot find the project folder (package.json)");
    dir = parent;
  }
  return dir;
}

export const migrationsFolder = path.join(projectRoot(), "src", "db", "migrations");

export type MigrationResult = {
  /** Migrations applied by this call. */
  applied: number;
  /** Migrations the database has now. */
  total: number;
};

/** How many migrations the database has; 0 before the first. */
async function countApplied(client: pg.PoolClient): Promise<number> {
  const table = await client.query<{ t: string | null }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t",
  );
  if (!table.rows[0]?.t) return 0;
  const result = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations",
  );
  return result.rows[0]?.n ?? 0;
}

/** Applies the forward-only migrations; an advisory lock keeps several instances from racing. */
export async function runMigrations({ pool }: { pool: pg.Pool }): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(724310)");
    const before = await countApplied(client);
    await migrate(drizzle(client), { migrationsFolder });
    const total = await countApplied(client);
    return { applied: total - before, total };
  } finally {
    await client.query("SELECT pg_advisory_unlock(724310)").catch(() => {});
    client.release();
  }
}
