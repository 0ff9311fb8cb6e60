import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { afterAll, inject } from "vitest";
import { createApp } from "../src/api/app.js";
import type { Config } from "../src/config.js";
import { connect, type Database } from "../src/db/client.js";
import type { Deps } from "../src/deps.js";
import { prepareKeys } from "../src/modules/keys/keys.sweep.js";
import { createMailer } from "../src/modules/mail/mail.service.js";
import { withDatabase } from "./global-setup.js";

export const TEST_SECRET = "test-secret-that-is-long-enough-to-be-real-0123456789";

/** A fixed master key for tests (never a real one). */
export const TEST_MASTER_KEY = createHash("sha256").update("headway test master key").digest();
/** An Ed25519 key for this test process. */
export const TEST_SIGNING_KEY_PEM = generateKeyPairSync("ed25519")
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    baseUrl: "http://headway.test",
    dataDir: "/nonexistent",
    databaseUrl: null,
    databasePoolSize: 10,
    insightDatabaseUrl: null,
    trustedProxies: [],
    embeddedDbPort: null,
    secret: TEST_SECRET,
    smtp: null,
    mailFrom: "Headway <headway@example.com>",
    logLevel: "silent",
    secureCookies: false,
    setupTokenTtlMinutes: 60,
    masterKey: TEST_MASTER_KEY,
    signingKeyPem: TEST_SIGNING_KEY_PEM,
    checkpointRecipients: [],
    ...overrides,
  };
}

/** A fresh database (a copy of the migrated template) for the calling test file; dropped after it. */
export async function freshDatabase(): Promise<Database & { url: string; name: string }> {
  const adminUrl = inject("adminUrl");
  const name = `headway_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDb")}"`);
  const url = withDatabase(adminUrl, name);
  const database = connect({ url, kind: "external" });
  afterAll(async () => {
    await database.close().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  return Object.assign(database, { url, name });
}

export type TestDeps = Deps & {
  setNow(date: Date): void;
  advance(ms: number): void;
  /** The URL of this file's database, for child processes that should use it too. */
  databaseUrl: string;
};

/** Deps wired as the server wires them, on a fresh database, with a clock the test controls. */
export async function createTestDeps(
  overrides: { config?: Partial<Config> } = {},
): Promise<TestDeps> {
  const database = await freshDatabase();
  const config = testConfig(overrides.config);
  let now = new Date("2026-03-02T09:00:00.000Z");
  const mailer = createMailer({ config });
  afterAll(() => mailer.close());
  const logger = pino({ level: "silent" });
  await prepareKeys({ config, database, logger, clock: () => new Date(now.getTime()) });
  return {
    config,
    database,
    logger: pino({ level: "silent" }),
    clock: () => new Date(now.getTime()),
    mailer,
    databaseUrl: database.url,
    setNow(date) {
      now = date;
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export function testApp(deps: Deps) {
  return createApp({ ...deps, webDir: null });
}

export type TestApp = ReturnType<typeof testApp>;

/** The Node server's bindings for a request from `ip`, so per-address rules (rate limits) can be tested. */
export function fromAddress(ip: string) {
  return { incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: "IPv4" } } };
}

/**
 * One request to the app as a client would send it: JSON body (an object, or a raw string sent
 * as is), an optional session cookie or bearer token, and the client's address.
 */
export function send(
  app: TestApp,
  path: string,
  {
    method,
    body,
    cookie,
    bearer,
    ip,
    headers = {},
  }: {
    method?: string;
    body?: unknown;
    cookie?: string;
    bearer?: string;
    ip?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const h: Record<string, string> = { ...headers };
  if (body !== undefined) h["content-type"] ??= "application/json";
  if (cookie) h.cookie = cookie;
  if (bearer) h.authorization = `Bearer ${bearer}`;
  return app.request(
    path,
    {
      method: method ?? (body === undefined ? "GET" : "POST"),
      headers: h,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    },
    ip ? fromAddress(ip) : undefined,
  );
}
