import { mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const root = mkdtempSync(path.join(tmpdir(), "headway-config-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** A data dir of its own for each test (not created yet). */
const freshDir = () => path.join(root, `data-${++n}`);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ env: { HEADWAY_DATA_DIR: freshDir(), ...env } });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("has defaults for everything", () => {
    const cwd = process.cwd();
    process.chdir(realpathSync(root));
    try {
      const config = loadConfig({ env: {} });
      expect(config).toMatchObject({
        port: 3000,
        host: "127.0.0.1",
        baseUrl: "http://localhost:3000",
        dataDir: path.join(realpathSync(root), "data"),
        databaseUrl: null,
        databasePoolSize: 10,
        insightDatabaseUrl: null,
        trustedProxies: [],
        embeddedDbPort: null,
        smtp: null,
        mailFrom: "Headway <headway@localhost>",
        logLevel: "info",
        secureCookies: false,
        setupTokenTtlMinutes: 1440,
      });
      expect(config.secret.length).toBeGreaterThanOrEqual(32);
    } finally {
      process.chdir(cwd);
    }
  });

  it("reads every setting it is given", () => {
    const config = loadConfig({
      env: {
        PORT: "8080",
        HOST: "0.0.0.0",
        BASE_URL: "https://headway.example.com/",
        HEADWAY_DATA_DIR: freshDir(),
        DATABASE_URL: "postgres://u:p@db.example.com:5432/headway",
        SMTP_HOST: "smtp.example.com",
        SMTP_USER: "mailer",
        SMTP_PASSWORD: "secret",
        SMTP_SECURE: "yes",
        LOG_LEVEL: "warn",
        DATABASE_POOL_SIZE: "40",
        INSIGHT_DATABASE_URL: "postgres://reader@replica.example.com:5432/headway",
        HEADWAY_TRUSTED_PROXIES: "10.0.0.2, ::1",
      },
    });
    expect(config).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      baseUrl: "https://headway.example.com",
      databaseUrl: "postgres://u:p@db.example.com:5432/headway",
      databasePoolSize: 40,
      insightDatabaseUrl: "postgres://reader@replica.example.com:5432/headway",
      trustedProxies: ["10.0.0.2", "::1"],
      smtp: {
        host: "smtp.example.com",
        port: 587,
        secure: true,
        user: "mailer",
        password: "secret",
      },
      logLevel: "warn",
      // An https BASE_URL means cookies are sent over TLS only.
      secureCookies: true,
    });
  });

  it("treats an empty variable as unset", () => {
    expect(
      loadConfig({ env: { HEADWAY_DATA_DIR: freshDir(), PORT: "", SMTP_HOST: "" } }),
    ).toMatchObject({
      port: 3000,
      smtp: null,
    });
  });

  it.each([
    { name: "PORT", value: "abc" },
    { name: "PORT", value: "0" },
    { name: "PORT", value: "70000" },
    { name: "PORT", value: "80.5" },
    { name: "DATABASE_URL", value: "mysql://db.example.com/headway" },
    { name: "DATABASE_URL", value: "db.example.com:5432" },
    { name: "SMTP_PORT", value: "smtp" },
    { name: "SMTP_PORT", value: "-25" },
    { name: "SMTP_SECURE", value: "maybe" },
    { name: "BASE_URL", value: "headway.example.com" },
    { name: "BASE_URL", value: "ftp://headway.example.com" },
    { name: "LOG_LEVEL", value: "loud" },
    { name: "HEADWAY_SECRET", value: "too short" },
    { name: "HEADWAY_SETUP_TOKEN_TTL_MINUTES", value: "0" },
    { name: "DATABASE_POOL_SIZE", value: "1" },
    { name: "INSIGHT_DATABASE_URL", value: "replica.example.com:5432" },
    { name: "HEADWAY_TRUSTED_PROXIES", value: "10.0.0.2, proxy.internal" },
  ])("stops on $name=$value with one line that starts with the variable", ({ name, value }) => {
    const error = configError({ [name]: value });
    expect(error.variable).toBe(name);
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(error.message).not.toContain("\n");
    // The value is shown to help, except where it may hold a secret (a connection string, a key).
    if (["DATABASE_URL", "INSIGHT_DATABASE_URL", "HEADWAY_SECRET"].includes(name))
      expect(error.message).not.toContain(value);
    else expect(error.message).toContain(JSON.stringify(value));
  });

  it("never echoes a secret it refuses", () => {
    const error = configError({ DATABASE_URL: "mysql://admin:hunter2@db.example.com/headway" });
    expect(error.message).toMatch(/^DATABASE_URL: /);
    expect(error.message).not.toContain("hunter2");
  });

  it("generates secrets once, in the data dir, readable by the owner only, and reuses them", () => {
    const dir = freshDir();
    const first = loadConfig({ env: { HEADWAY_DATA_DIR: dir } });
    const file = path.join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.secret).toBe(first.secret);
    expect(stored.embeddedDbPassword).toEqual(expect.any(String));
    const second = loadConfig({ env: { HEADWAY_DATA_DIR: dir } });
    expect(second.secret).toBe(first.secret);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(stored);
    expect(loadConfig({ env: { HEADWAY_DATA_DIR: freshDir() } }).secret).not.toBe(first.secret);
  });

  it("uses HEADWAY_SECRET over the generated one", () => {
    const dir = freshDir();
    const generated = loadConfig({ env: { HEADWAY_DATA_DIR: dir } }).secret;
    const given = "a-secret-given-by-the-operator-0123456789";
    const config = loadConfig({ env: { HEADWAY_DATA_DIR: dir, HEADWAY_SECRET: given } });
    expect(config.secret).toBe(given);
    expect(generated).not.toBe(given);
  });

  it.each([
    { what: "not JSON", content: "{ not json" },
    { what: "missing a secret", content: '{"secret": "x"}' },
  ])("stops with HEADWAY_DATA_DIR when secrets.json is damaged ($what)", ({ content }) => {
    const dir = freshDir();
    loadConfig({ env: { HEADWAY_DATA_DIR: dir } });
    writeFileSync(path.join(dir, "secrets.json"), content);
    const error = configError({ HEADWAY_DATA_DIR: dir });
    expect(error.message).toMatch(/^HEADWAY_DATA_DIR: .*secrets\.json is damaged/);
  });

  it("stops with HEADWAY_DATA_DIR when the data dir cannot be created", () => {
    const file = path.join(root, "a-file");
    writeFileSync(file, "");
    const error = configError({ HEADWAY_DATA_DIR: path.join(file, "data") });
    expect(error.variable).toBe("HEADWAY_DATA_DIR");
    expect(error.message).toMatch(/^HEADWAY_DATA_DIR: cannot keep data in /);
  });
});
