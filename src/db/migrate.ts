import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type pg from "pg";
import { projectRoot } from "../paths.js";

export const migrationsFolder = path.join(projectRoot, "src", "db", "migrations");

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
