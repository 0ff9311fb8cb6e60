import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Logger } from "pino";
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
  if (config.databaseUrl) return connect({ url: config.databaseUrl, kind: "external" });
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
