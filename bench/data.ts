// `npm run bench:data -- --employees 100000`: generates a realistic organisation with two years of
// history into PostgreSQL, by bulk loading (COPY), for the benchmarks to run against. Without
// --database-url (or DATABASE_URL) it uses an embedded PostgreSQL in bench/.data, which a server
// started with HEADWAY_DATA_DIR=bench/.data then serves. Writes the benchmark's credentials to
// bench/.data/credentials.json (or --credentials).

import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import pino from "pino";
import { AppError } from "../src/api/errors.js";
import { ConfigError, loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { runMigrations } from "../src/db/migrate.js";
import type { Deps } from "../src/deps.js";
import { prepareKeys } from "../src/modules/keys/keys.sweep.js";
import { createMailer } from "../src/modules/mail/mail.service.js";
import { loadOrganisation, NotEmptyError } from "./data/load.js";

const benchDir = path.dirname(fileURLToPath(import.meta.url));

const whole = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`Enter a whole number from ${min} to ${max}.`);
  return n;
};

const program = new Command("bench:data")
  .description(
    "Generate an organisation with two years of coaching and success-plan history into PostgreSQL, for the benchmarks.",
  )
  .option("--employees <n>", "people in the organisation", whole(50, 1_000_000), 100_000)
  .option("--seed <n>", "the same seed makes the same organisation", whole(0, 2 ** 31), 1)
  .option("--years <n>", "years of history", whole(1, 5), 2)
  .option("--database-url <url>", "an external PostgreSQL (default: DATABASE_URL, else embedded)")
  .option(
    "--data-dir <dir>",
    "where the embedded PostgreSQL and the keys live",
    path.join(benchDir, ".data"),
  )
  .option("--reset", "drop and recreate the database's schema first (everything in it is lost)")
  .option("--keep-indexes", "load into fully indexed tables instead of rebuilding indexes after")
  .option("--password <password>", "password of the benchmark's people", "bench-password-1")
  .option("--credentials <file>", "where to write the benchmark's credentials (JSON)")
  .addHelpText(
    "after",
    `
Examples:
  $ npm run bench:data -- --employees 2000 --reset
  $ npm run bench:data -- --employees 100000 --reset
  $ npm run bench:data -- --database-url postgres://user:pass@db:5432/headway_bench --credentials bench/.data/credentials.json

Then serve it:
  $ HEADWAY_DATA_DIR=bench/.data npm start`,
  );

type Options = {
  employees: number;
  seed: number;
  years: number;
  databaseUrl?: string;
  dataDir: string;
  reset?: boolean;
  keepIndexes?: boolean;
  password: string;
  credentials?: string;
};

async function main() {
  const opts = program.parse(process.argv).opts<Options>();
  const dataDir = path.resolve(opts.dataDir);
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL ?? "";
  let config: ReturnType<typeof loadConfig>;
  try {
    // The keys (master key, audit secret) are the data dir's, as they are for the server that
    // will serve this database: start it with the same HEADWAY_DATA_DIR.
    config = loadConfig({
      env: {
        ...process.env,
        HEADWAY_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "warn",
      },
    });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 1);
    throw err;
  }
  const logger = pino({ level: "warn" });
  const load = os.loadavg().map((l) => l.toFixed(2));
  console.log(
    `Generating ${opts.employees.toLocaleString("en-GB")} people, ${opts.years} years of history, seed ${opts.seed}, into ${databaseUrl ? "the PostgreSQL at --database-url" : `the embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || "."}`}.`,
  );
  console.log(
    `Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${load.join(" ")} at the start.`,
  );
  const database = await openDatabase({ config, logger, role: "cli" }).catch((err) => {
    if (err instanceof AppError) fail(err.message, 1);
    throw err;
  });
  try {
    if (opts.reset) {
      await database.pool.query(
        "DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;",
      );
      console.log("Dropped and recreated the schema (--reset).");
    }
    await runMigrations({ pool: database.pool });
    const mailer = createMailer({ config });
    const deps: Deps = { config, database, logger, clock: () => new Date(), mailer };
    await prepareKeys(deps);
    const result = await loadOrganisation(deps, {
      employees: opts.employees,
      seed: opts.seed,
      years: opts.years,
      password: opts.password,
      rebuildIndexes: !opts.keepIndexes,
      log: (line) => console.log(line),
    }).catch((err) => {
      if (err instanceof NotEmptyError) fail(err.message, 2);
      throw err;
    });
    mailer.close();

    // The embedded server's URL, as the pool connects to it (with its password).
    const embeddedUrl = databaseUrl ? null : (database.pool.options.connectionString ?? null);
    const file = path.resolve(opts.credentials ?? path.join(dataDir, "credentials.json"));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          baseUrl: process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
          databaseUrl: databaseUrl || embeddedUrl,
          dataDir,
          generatedAt: new Date().toISOString(),
          employees: opts.employees,
          seed: opts.seed,
          password: opts.password,
          emails: result.emails,
          tokens: result.tokens,
          ids: result.ids,
          counts: result.counts,
        },
        null,
        2,
      )}\n`,
      { mode: 0o600 },
    );
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    console.log(
      `Done in ${result.seconds.toFixed(1)} s: ${total.toLocaleString("en-GB")} rows, a reporting tree ${result.depth} levels deep. Load average now ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}.`,
    );
    console.log(`Credentials for the benchmark: ${path.relative(process.cwd(), file)}`);
    if (!databaseUrl)
      console.log(
        `Serve it with: HEADWAY_DATA_DIR=${path.relative(process.cwd(), dataDir)} npm start`,
      );
    else
      console.log(
        `Serve it with DATABASE_URL set and HEADWAY_DATA_DIR=${path.relative(process.cwd(), dataDir)} (its master key and secret encrypted and sealed this data).`,
      );
  } finally {
    await database.close();
  }
}

function fail(message: string, code: number): never {
  console.error(`bench:data: ${message}`);
  process.exit(code);
}

await main();
