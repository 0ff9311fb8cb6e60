import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Everything Headway reads from its environment, parsed once. */
export type Config = {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Connections each instance keeps open to PostgreSQL (shared with the job queue). */
  databasePoolSize: number;
  /** A read replica for the insight dashboards; null = the primary. */
  insightDatabaseUrl: string | null;
  embeddedDbPort: number | null;
  /**
   * Addresses of the reverse proxies in front of Headway. A request from one of them is taken to
   * come from the address it names in X-Forwarded-For; from anyone else, from its socket.
   */
  trustedProxies: string[];
  secret: string;
  smtp: SmtpConfig | null;
  mailFrom: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  secureCookies: boolean;
  setupTokenTtlMinutes: number;
  /**
   * The master key (32 bytes) that wraps the organisation's data keys. Kept outside the
   * database, so a dump alone does not reveal encrypted records.
   */
  masterKey: Buffer;
  /** The Ed25519 private key (PEM) that signs audit checkpoints and record exports. */
  signingKeyPem: string;
  /** Who receives signed audit checkpoints by email (`headway audit checkpoint --email`). */
  checkpointRecipients: string[];
};

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
};

/** A bad setting: start-up stops with this one line. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

const port = z.coerce.number().int().min(1).max(65535);
const url = z.url({ protocol: /^https?$/ });
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, "must start with postgres://");
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => ["true", "1", "yes"].includes(v));

const fields = {
  PORT: port.default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  BASE_URL: url.optional(),
  HEADWAY_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).default(10),
  INSIGHT_DATABASE_URL: postgresUrl.optional(),
  HEADWAY_TRUSTED_PROXIES: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()], "must be a comma-separated list of IP addresses")))
    .optional(),
  HEADWAY_EMBEDDED_DB_PORT: port.optional(),
  HEADWAY_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default("Headway <headway@localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HEADWAY_SECURE_COOKIES: bool.optional(),
  HEADWAY_SETUP_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).max(10080).default(1440),
  HEADWAY_MASTER_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, "base64").length === 32,
      "must be 32 bytes in base64 (make one with: openssl rand -base64 32)",
    )
    .optional(),
  HEADWAY_MASTER_KEY_FILE: z.string().min(1).optional(),
  HEADWAY_SIGNING_KEY_FILE: z.string().min(1).optional(),
  HEADWAY_CHECKPOINT_EMAILS: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email("must be a comma-separated list of email addresses")))
    .optional(),
} as const;

type Env = Record<string, string | undefined>;

const secretVariables = new Set([
  "HEADWAY_SECRET",
  "DATABASE_URL",
  "INSIGHT_DATABASE_URL",
  "SMTP_PASSWORD",
  "SMTP_USER",
  "HEADWAY_MASTER_KEY",
]);

/** Parses the environment; throws ConfigError naming the first bad variable. */
export function loadConfig({ env }: { env: Env }): Config {
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(fields)) {
    const raw = env[name] === "" ? undefined : env[name];
    const parsed = (schema as z.ZodType).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // Secrets and connection strings are never echoed back: a log line must not leak them.
      const shown = secretVariables.has(name) ? "" : ` (got ${JSON.stringify(raw)})`;
      throw new ConfigError(name, `${issue?.message ?? "invalid value"}${shown}`);
    }
    values[name] = parsed.data;
  }
  const v = values as { [K in keyof typeof fields]: z.output<(typeof fields)[K]> };
  const dataDir = path.resolve(v.HEADWAY_DATA_DIR);
  const baseUrl = (v.BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, "");
  const secrets = loadOrCreateSecrets({ dataDir });
  return {
    port: v.PORT,
    host: v.HOST,
    baseUrl,
    dataDir,
    databaseUrl: v.DATABASE_URL ?? null,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    insightDatabaseUrl: v.INSIGHT_DATABASE_URL ?? null,
    trustedProxies: v.HEADWAY_TRUSTED_PROXIES ?? [],
    embeddedDbPort: v.HEADWAY_EMBEDDED_DB_PORT ?? null,
    secret: v.HEADWAY_SECRET ?? secrets.secret,
    smtp: v.SMTP_HOST
      ? {
          host: v.SMTP_HOST,
          port: v.SMTP_PORT,
          secure: v.SMTP_SECURE,
          user: v.SMTP_USER ?? null,
          password: v.SMTP_PASSWORD ?? null,
        }
      : null,
    mailFrom: v.MAIL_FROM,
    logLevel: v.LOG_LEVEL,
    secureCookies: v.HEADWAY_SECURE_COOKIES ?? baseUrl.startsWith("https://"),
    setupTokenTtlMinutes: v.HEADWAY_SETUP_TOKEN_TTL_MINUTES,
    masterKey: v.HEADWAY_MASTER_KEY
      ? Buffer.from(v.HEADWAY_MASTER_KEY, "base64")
      : loadOrCreateMasterKey({
          file: v.HEADWAY_MASTER_KEY_FILE ?? path.join(dataDir, "master.key"),
          create: !v.HEADWAY_MASTER_KEY_FILE,
        }),
    signingKeyPem: loadOrCreateSigningKey({
      file: v.HEADWAY_SIGNING_KEY_FILE ?? path.join(dataDir, "audit-signing.key"),
      create: !v.HEADWAY_SIGNING_KEY_FILE,
    }),
    checkpointRecipients: v.HEADWAY_CHECKPOINT_EMAILS ?? [],
  };
}

const keyVariable = (file: string) =>
  file.endsWith("audit-signing.key") ? "HEADWAY_SIGNING_KEY_FILE" : "HEADWAY_MASTER_KEY_FILE";

/**
 * Reads a key file, or, for the default location only, creates it once (mode 600). A key named
 * in the environment is never created: a missing one is a mistake, and a new key would make
 * everything encrypted under the old one unreadable.
 */
function loadOrCreateKeyFile({
  file,
  create,
  make,
  check,
}: {
  file: string;
  create: boolean;
  make: () => string;
  check: (content: string) => string | null;
}): string {
  if (existsSync(file)) {
    let content: string;
    try {
      content = readFileSync(file, "utf8").trim();
    } catch (err) {
      throw new ConfigError(keyVariable(file), `cannot read ${file} (${(err as Error).message})`);
    }
    const problem = check(content);
    if (problem) throw new ConfigError(keyVariable(file), `${file} ${problem}`);
    return content;
  }
  if (!create)
    throw new ConfigError(keyVariable(file), `${file} does not exist; point it at your key file`);
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    writeFileSync(file, `${make()}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST")
      return loadOrCreateKeyFile({ file, create, make, check });
    throw new ConfigError(
      keyVariable(file),
      `cannot write ${file} (${(err as Error).message}); choose a folder Headway can write to`,
    );
  }
  return loadOrCreateKeyFile({ file, create: false, make, check });
}

/** The master key: 32 random bytes in base64, one line. */
export function loadOrCreateMasterKey({ file, create }: { file: string; create: boolean }): Buffer {
  const content = loadOrCreateKeyFile({
    file,
    create,
    make: () => randomBytes(32).toString("base64"),
    check: (c) =>
      Buffer.from(c, "base64").length === 32
        ? null
        : "is not a master key (32 bytes in base64, as made by: openssl rand -base64 32)",
  });
  return Buffer.from(content, "base64");
}

/** The Ed25519 signing key, PEM (PKCS#8). */
export function loadOrCreateSigningKey({
  file,
  create,
}: {
  file: string;
  create: boolean;
}): string {
  return loadOrCreateKeyFile({
    file,
    create,
    make: () =>
      generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    check: (c) => {
      try {
        return createPrivateKey(c).asymmetricKeyType === "ed25519"
          ? null
          : "is not an Ed25519 private key";
      } catch {
        return "is not an Ed25519 private key in PEM (make one with: openssl genpkey -algorithm ed25519)";
      }
    },
  });
}

/** A short, non-secret name for a master key, so a wrong key is named as such. */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

type Secrets = { secret: string; embeddedDbPassword: string };

/** Secrets not given in the environment are generated once and kept in the data dir (mode 600). */
export function loadOrCreateSecrets({ dataDir }: { dataDir: string }): Secrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    let parsed: Partial<Secrets> = {};
    try {
      parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Secrets>;
    } catch {
      // Unreadable or not JSON: reported below as damaged.
    }
    if (parsed?.secret && parsed.embeddedDbPassword) return parsed as Secrets;
    throw new ConfigError("HEADWAY_DATA_DIR", `${file} is damaged; restore it from a backup`);
  }
  const secrets: Secrets = {
    secret: randomBytes(32).toString("base64url"),
    embeddedDbPassword: randomBytes(24).toString("base64url"),
  };
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  } catch (err) {
    // Another process (the CLI, a second start) wrote them first: use theirs.
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return loadOrCreateSecrets({ dataDir });
    throw new ConfigError(
      "HEADWAY_DATA_DIR",
      `cannot keep data in ${dataDir} (${(err as Error).message}); choose a folder Headway can write to`,
    );
  }
  return secrets;
}
