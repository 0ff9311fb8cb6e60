import { type AnyColumn, sql } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgTransaction } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Logger } from "pino";
import { AppError } from "../api/errors.js";
import type { Config } from "../config.js";
import { loadOrCreateSecrets } from "../config.js";
import { startEmbeddedPostgres } from "./embedded.js";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A drizzle handle inside a transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  pool: pg.Pool;
  /** Where the insight dashboards read: a replica when INSIGHT_DATABASE_URL is set. */
  insight?: Db;
  kind: "embedded" | "external";
  close(): Promise<void>;
};

export function connect({
  url,
  kind,
  poolSize = 10,
  onClose,
}: {
  url: string;
  kind: Database["kind"];
  poolSize?: number;
  onClose?: () => Promise<void>;
}): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const db = drizzle(pool, { schema });
  return {
    db,
    pool,
    kind,
    async close() {
      await pool.end();
      await onClose?.();
    },
  };
}

/**
 * Opens the configured database: external when DATABASE_URL is set, else the embedded one; with
 * INSIGHT_DATABASE_URL, the dashboards read from that replica.
 */
export async function openDatabase({
  config,
  logger,
  role,
}: {
  config: Config;
  logger: Logger;
  role: "server" | "cli";
}): Promise<Database> {
  const primary = await openPrimary({ config, logger, role });
  if (!config.insightDatabaseUrl) return primary;
  const replica = connect({
    url: config.insightDatabaseUrl,
    kind: "external",
    poolSize: Math.max(2, Math.floor(config.databasePoolSize / 2)),
  });
  await checkReachable(replica, "INSIGHT_DATABASE_URL").catch(async (err) => {
    await primary.close().catch(() => {});
    throw err;
  });
  return {
    ...primary,
    insight: replica.db,
    async close() {
      await replica.close();
      await primary.close();
    },
  };
}

async function checkReachable(database: Database, variable: string) {
  try {
    await database.pool.query("SELECT 1");
  } catch (err) {
    await database.close().catch(() => {});
    // One clear line instead of a driver's stack trace; the URL itself may hold a password.
    throw new AppError(
      "startup.database_unreachable",
      `${variable}: cannot connect to that PostgreSQL (${(err as Error).message}). Check that it is running and that the host, port, database, user and password are right.`,
    );
  }
}

async function openPrimary({
  config,
  logger,
  role,
}: {
  config: Config;
  logger: Logger;
  role: "server" | "cli";
}): Promise<Database> {
  const poolSize = config.databasePoolSize;
  if (config.databaseUrl) {
    const database = connect({ url: config.databaseUrl, kind: "external", poolSize });
    await checkReachable(database, "DATABASE_URL");
    return database;
  }
  const secrets = loadOrCreateSecrets({ dataDir: config.dataDir });
  const server = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    password: secrets.embeddedDbPassword,
    port: config.embeddedDbPort,
    role,
    logger,
  });
  return connect({ url: server.url, kind: "embedded", poolSize, onClose: () => server.stop() });
}

/**
 * Runs queries side by side on the pool, one after the other inside a transaction, whose single
 * connection runs one query at a time. Each is a function, so nothing starts before its turn.
 */
export async function allOf<const T extends readonly (() => unknown)[]>(
  db: DbOrTx,
  queries: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(queries.map((q) => q()))) as never;
  const results: unknown[] = [];
  for (const query of queries) results.push(await query());
  return results as never;
}

/** A drizzle query with placeholders (`sql.placeholder`), before it is prepared. */
type Preparable<R> = {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
  execute(values?: Record<string, unknown>): Promise<R>;
};

const preparedByDb = new WeakMap<
  object,
  Map<string, { execute(values?: never): Promise<unknown> }>
>();

/**
 * A hot query built once and then run as a named prepared statement on every pool connection, so
 * a request spends its time in PostgreSQL rather than in building SQL. Inside a transaction (which
 * has its own connection) it is built and run as an ordinary query. `name` must be unique.
 */
export function reusable<R>(
  name: string,
  build: (db: DbOrTx) => Preparable<R>,
): (db: DbOrTx, values: Record<string, unknown>) => Promise<R> {
  return (db, values) => {
    if (db instanceof PgTransaction) return build(db).execute(values);
    let byName = preparedByDb.get(db);
    if (!byName) {
      byName = new Map();
      preparedByDb.set(db, byName);
    }
    let query = byName.get(name) as ReturnType<Preparable<R>["prepare"]> | undefined;
    if (!query) {
      query = build(db).prepare(name);
      byName.set(name, query);
    }
    return query.execute(values);
  };
}

/** `column = ANY($ids)`: for a reusable query, one prepared statement for any number of ids. */
export const anyOfIds = (column: AnyColumn) => sql`${column} = ANY(${sql.placeholder("ids")})`;
