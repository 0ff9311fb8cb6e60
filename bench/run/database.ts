// The data set's PostgreSQL for the load: the external one the credentials name when it
// answers, else the embedded one in the data folder (as `npm run bench:data` leaves it,
// stopped), started here for the length of the load on a free port and stopped after, so the
// cold start that follows starts it from its files.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import pino from "pino";
import { loadOrCreateSecrets } from "../../src/config.js";
import { startEmbeddedPostgres } from "../../src/db/embedded.js";
import { freePort } from "./processes.js";

export type BenchDatabase = {
  url: string;
  kind: "external" | "embedded";
  /** The postmaster's pid, to measure PostgreSQL's CPU; known for the embedded one only. */
  postmasterPid: number | null;
  stop(): Promise<void>;
};

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openBenchDatabase({
  databaseUrl,
  dataDir,
}: {
  databaseUrl: string;
  dataDir: string;
}): Promise<BenchDatabase> {
  const embedded = existsSync(path.join(dataDir, "pg", "PG_VERSION"));
  if (!embedded) {
    if (await answers(databaseUrl))
      return { url: databaseUrl, kind: "external", postmasterPid: null, async stop() {} };
    throw new Error(
      `The data set's PostgreSQL does not answer, and ${dataDir} holds no embedded PostgreSQL. Start it, or generate the organisation again: npm run bench:data -- --employees 100000`,
    );
  }
  const secrets = loadOrCreateSecrets({ dataDir });
  const server = await startEmbeddedPostgres({
    dataDir,
    password: secrets.embeddedDbPassword,
    port: await freePort(),
    role: "cli",
    logger: pino({ level: "warn" }),
  });
  const pidLine = readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0];
  const postmasterPid = Number.parseInt(pidLine ?? "", 10);
  return {
    url: server.url,
    kind: "embedded",
    postmasterPid: Number.isInteger(postmasterPid) ? postmasterPid : null,
    stop: () => server.stop(),
  };
}
