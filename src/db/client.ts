import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
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
  kind: "embedded" | "external";
  close(): Promise<void>;
};

export function connect({
  url,
  kind,
  onClose,
}: {
  url: string;
  kind: Database["kind"];
  onClose?: () => Promise<void>;
}): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
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

/** Opens the configured database: external when DATABASE_URL is set, else the embedded one. */
export async function openDatabase({
  config,
  logger,
  role,
}: {
  config: Config;
  logger: Logger;
  role: "server" | "cli";
}): Promise<Database> {
  if (config.databaseUrl) {
    const database = connect({ url: config.databaseUrl, kind: "external" });
    try {
      await database.pool.query("SELECT 1");
    } catch (err) {
      await database.close().catch(() => {});
      // One clear line instead of a driver's stack trace; the URL itself may hold a password.
      throw new AppError(
        "startup.database_unreachable",
        `DATABASE_URL: cannot connect to that PostgreSQL (${(err as Error).message}). Check that it is running and that the host, port, database, user and password are right.`,
      );
    }
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
  return connect({ url: server.url, kind: "embedded", onClose: () => server.stop() });
}
