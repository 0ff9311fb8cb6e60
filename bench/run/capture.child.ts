// Child process: records the exact SQL the app sends for one request of each endpoint.
//
// It runs the real app in this process (createApp, as src/server.ts wires it) against
// DATABASE_URL, with a recorder around pg's Client.prototype.query — every statement, whether
// sent through the pool or a transaction's client, passes there. Each endpoint is asked twice
// through app.fetch: the first request warms the app's caches, the second is recorded. Only
// one request is in flight at a time, so every statement seen belongs to it.
//
// Input: the endpoints as JSON in process.argv[2]. Output: a CaptureOutput over IPC.

import { createRequire } from "node:module";
import pg from "pg";
import pino from "pino";
import { createApp } from "../../src/api/app.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import type { Deps } from "../../src/deps.js";
import { createMailer } from "../../src/modules/mail/mail.service.js";
import type { Capture, CaptureOutput, EndpointKey, Statement, WireValue } from "./types.js";

type Target = { key: EndpointKey; path: string; token: string };

// pg's own conversion of a parameter to what it sends, so the floor sends the same bytes.
const { prepareValue } = createRequire(import.meta.url)("pg/lib/utils") as {
  prepareValue: (value: unknown) => string | Buffer | null;
};

function toWire(value: unknown): WireValue {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return null;
  if (Buffer.isBuffer(prepared)) return { base64: prepared.toString("base64") };
  return String(prepared);
}

let recording: Statement[] | null = null;
let connectionIds = new WeakMap<object, number>();

type QueryConfig = { text?: string; values?: unknown[]; rowMode?: string; name?: string };
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function recordedQuery(this: object, ...args: unknown[]) {
  if (recording) {
    const [first, second] = args;
    const config: QueryConfig =
      typeof first === "string" ? { text: first } : ((first ?? {}) as QueryConfig);
    const values = Array.isArray(second) ? second : (config.values ?? []);
    let id = connectionIds.get(this);
    if (id === undefined) {
      id = recording.reduce((max, s) => Math.max(max, s.connection), 0) + 1;
      connectionIds.set(this, id);
    }
    recording.push({
      text: config.text ?? "",
      values: values.map(toWire),
      rowMode: config.rowMode === "array" ? "array" : null,
      name: config.name ?? null,
      connection: id,
    });
    return originalQuery.apply(this, args);
  }
  return originalQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

/** A statement that changes data (a data-modifying CTE counts: "with … insert"). */
const WRITES = /\b(insert\s+into|update\s+"?\w+"?\s+set|delete\s+from|merge\s+into|truncate)\b/i;

async function record(fetch: () => Promise<Response>) {
  recording = [];
  connectionIds = new WeakMap();
  const response = await fetch();
  const body = await response.text();
  const statements = recording;
  recording = null;
  // The pool hands an idle connection back out, so a second connection means queries overlapped.
  const connections = new Set(statements.map((s) => s.connection)).size;
  return { status: response.status, body, statements, connections };
}

async function main() {
  const targets = JSON.parse(process.argv[2] ?? "[]") as Target[];
  const config = loadConfig({ env: process.env });
  if (!config.databaseUrl) throw new Error("the capture needs DATABASE_URL");
  const logger = pino({ level: "warn" });
  const database = await openDatabase({ config, logger, role: "server" });
  const deps: Deps = {
    config,
    database,
    logger,
    clock: () => new Date(),
    mailer: createMailer({ config }),
  };
  const app = createApp({ ...deps, webDir: null });
  const output: CaptureOutput = {
    poolMax: database.pool.options.max ?? 10,
    captures: [],
    missing: [],
  };
  for (const target of targets) {
    const ask = () =>
      Promise.resolve(
        app.fetch(
          new Request(`http://localhost${target.path}`, {
            headers: { authorization: `Bearer ${target.token}`, accept: "application/json" },
          }),
        ),
      );
    const first = await record(ask);
    if (first.status === 404 && first.body.includes('"route.not_found"')) {
      output.missing.push({ key: target.key, path: target.path });
      continue;
    }
    if (first.status !== 200)
      throw new Error(`GET ${target.path} answered ${first.status}: ${first.body.slice(0, 300)}`);
    const second = await record(ask);
    if (second.status !== 200)
      throw new Error(
        `GET ${target.path} answered ${second.status} the second time: ${second.body.slice(0, 300)}`,
      );
    const capture: Capture = {
      key: target.key,
      path: target.path,
      status: second.status,
      statements: second.statements,
      firstRequestStatements: first.statements.length,
      writes: second.statements.filter((s) => WRITES.test(s.text)).length,
      connections: second.connections,
    };
    output.captures.push(capture);
  }
  await database.close();
  process.send?.(output, () => process.disconnect());
}

main().catch((err: unknown) => {
  process.send?.({ error: err instanceof Error ? err.message : String(err) }, () =>
    process.disconnect(),
  );
  process.exitCode = 1;
});
