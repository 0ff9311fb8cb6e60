// Child process: where a cold start's time goes. It does what `npm start` does on existing
// embedded data (bin/start.js's web build check, then src/server.ts's steps up to a healthy
// /healthz), in the same order with the same functions, and times each step. Run under tsx
// like bin/start.js; HEADWAY_DATA_DIR, PORT and HEADWAY_EMBEDDED_DB_PORT come from the env.
//
// Output over IPC: { phases: { name, ms }[] }, the last one being the embedded PostgreSQL's stop.

import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const reachedScript = performance.now();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const phases: { name: string; ms: number }[] = [
  { name: "node starts and loads the TypeScript loader (tsx)", ms: reachedScript },
];
let last = reachedScript;
function lap(name: string) {
  const now = performance.now();
  phases.push({ name, ms: now - last });
  last = now;
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

async function main() {
  const built = path.join(root, "dist/web/index.html");
  const stale = !existsSync(built) || newest(path.join(root, "src/web")) > statSync(built).mtimeMs;
  lap(`bin/start.js checks the web build (${stale ? "STALE: it would rebuild" : "up to date"})`);

  const [
    { serve },
    { default: pino },
    { createApp },
    { loadConfig },
    { openDatabase },
    { runMigrations },
    { prepareKeys },
    { createMailer },
    { sealPastPlans },
    { issueSetupLink },
  ] = await Promise.all([
    import("@hono/node-server"),
    import("pino"),
    import("../../src/api/app.js"),
    import("../../src/config.js"),
    import("../../src/db/client.js"),
    import("../../src/db/migrate.js"),
    import("../../src/modules/keys/keys.sweep.js"),
    import("../../src/modules/mail/mail.service.js"),
    import("../../src/modules/plans/plans.sealing.service.js"),
    import("../../src/modules/auth/auth.service.js"),
    import("../../src/modules/jobs/jobs.js"),
  ]);
  lap(
    "load the server's modules (TypeScript transform, cached after the first run, and evaluation)",
  );

  const config = loadConfig({ env: process.env });
  const logger = pino({ level: "warn" });
  lap("read the configuration and the key files");

  const database = await openDatabase({ config, logger, role: "server" });
  lap(`start the ${database.kind} PostgreSQL and connect`);

  await runMigrations({ pool: database.pool });
  lap("check migrations (none to apply)");

  const deps = {
    config,
    database,
    logger,
    clock: () => new Date(),
    mailer: createMailer({ config }),
  };
  await prepareKeys(deps);
  lap("prepareKeys (data key and encryption sweep)");

  await sealPastPlans(deps);
  lap("sealPastPlans");

  const app = createApp({ ...deps, webDir: path.resolve(root, "dist/web") });
  lap("createApp (routes, OpenAPI, metrics)");

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
  });
  const health = await fetch(`http://${config.host}:${config.port}/healthz`);
  if (!health.ok) throw new Error(`/healthz answered ${health.status}`);
  lap("listen and answer the first /healthz");

  await issueSetupLink(deps);
  lap("(after healthy) issueSetupLink");

  server.close();
  await database.close();
  lap("(after healthy) stop: close the pool and the embedded PostgreSQL");

  process.send?.({ phases }, () => process.disconnect());
}

main().catch((err: unknown) => {
  process.send?.({ error: err instanceof Error ? err.message : String(err) }, () =>
    process.disconnect(),
  );
  process.exitCode = 1;
});
