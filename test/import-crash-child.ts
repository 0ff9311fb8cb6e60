// Runs one organisation import the way the server or CLI would, for the crash test in
// src/modules/org/org.import.test.ts: that test kills this process with SIGKILL mid-import.
// Usage: DATABASE_URL=… HEADWAY_SECRET=… HEADWAY_DATA_DIR=… node --import tsx test/import-crash-child.ts FILE.csv
import { readFileSync } from "node:fs";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { connect } from "../src/db/client.js";
import type { Deps } from "../src/deps.js";
import { createMailer } from "../src/modules/mail/mail.service.js";
import { commitImport } from "../src/modules/org/org.service.js";

const file = process.argv[2];
if (!file) throw new Error("usage: import-crash-child.ts FILE.csv");
const config = loadConfig({ env: process.env });
const database = connect({ url: config.databaseUrl!, kind: "external" });
const deps: Deps = {
  config,
  database,
  logger: pino({ level: "silent" }),
  clock: () => new Date(),
  mailer: createMailer({ config }),
};
const csv = readFileSync(file, "utf8");
const summary = await commitImport(deps, { actor: { kind: "system", label: "crash test" }, csv });
process.stdout.write(`${JSON.stringify(summary)}\n`);
await database.close();
