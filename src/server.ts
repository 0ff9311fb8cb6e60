import "dotenv/config";
import path from "node:path";
import { serve } from "@hono/node-server";
import pino from "pino";
import { createApp } from "./api/app.js";
import { AppError } from "./api/errors.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./db/client.js";
import { runMigrations } from "./db/migrate.js";
import { settleBackgroundTasks } from "./db/transaction.js";
import type { Deps } from "./deps.js";
import { issueSetupLink } from "./modules/auth/auth.service.js";
import { createMailer, deliverPending } from "./modules/mail/mail.service.js";
import { runPlanReminders } from "./modules/plans/plans.reminders.js";

/** A start-up failure is one clear line, not a stack trace. */
function fail(message: string): never {
  console.error(`headway: ${message}`);
  process.exit(1);
}

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ env: process.env });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = pino({ level: config.logLevel });
  const database = await openDatabase({ config, logger, role: "server" }).catch((err) => {
    if (err instanceof AppError) fail(err.message);
    throw err;
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    server?.close();
    await settleBackgroundTasks();
    await database.close().catch((err) => logger.error({ err }, "closing the database"));
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  let server: ReturnType<typeof serve> | undefined;
  await runMigrations({ pool: database.pool });
  const mailer = createMailer({ config });
  const deps: Deps = { config, database, logger, clock: () => new Date(), mailer };
  const app = createApp({ ...deps, webDir: path.resolve("dist/web") });

  server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    logger.info({ url: config.baseUrl, database: database.kind }, "Headway is running");
  });
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") {
      console.error(`headway: PORT ${config.port} is already in use; set PORT to a free port.`);
      void stop("EADDRINUSE").then(() => process.exit(1));
    } else throw err;
  });

  const setup = await issueSetupLink(deps);
  if (setup) {
    console.log(
      `\n  Headway needs its first admin. Open this one-time link (valid until ${setup.expiresAt.toISOString()}):\n\n    ${setup.url}\n`,
    );
  }
  setInterval(
    () => void deliverPending(deps).catch((err) => logger.warn({ err }, "mail retry failed")),
    60_000,
  ).unref();
  // Check-in reminders; safe with several instances (each row is claimed by one of them).
  setInterval(
    () =>
      void runPlanReminders(deps).catch((err) => logger.error({ err }, "plan reminders failed")),
    15 * 60_000,
  ).unref();
}

void main();
