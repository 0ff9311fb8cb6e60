import { randomBytes } from "node:crypto";
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
  embeddedDbPort: number | null;
  secret: string;
  smtp: SmtpConfig | null;
  mailFrom: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  secureCookies: boolean;
  setupTokenTtlMinutes: number;
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
} as const;

type Env = Record<string, string | undefined>;

const secretVariables = new Set(["HEADWAY_SECRET", "DATABASE_URL", "SMTP_PASSWORD", "SMTP_USER"]);

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
  };
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
