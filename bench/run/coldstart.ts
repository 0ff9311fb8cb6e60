// Cold start: `npm start` (node bin/start.js) on existing embedded data, from the spawn to the
// first healthy /healthz, each start stopped with SIGTERM and waited for before the next.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverIsStale, webIsStale } from "../../bin/build.js";
import { freePort, root, waitForHealthy } from "./processes.js";

export type ColdStart = {
  dataDir: string;
  /** "generated": the benchmark data set's embedded data; "fresh": an empty organisation. */
  source: "generated" | "fresh";
  /** The untimed first start (initialises a fresh folder, builds the web app if needed). */
  firstStartMs: number;
  startsMs: number[];
  medianMs: number;
  stopsMs: number[];
  /** True when dist/web and dist/server were up to date before the timed starts: no build timed. */
  buildsPresent: boolean;
  profile: { name: string; ms: number }[] | null;
  notes: string[];
};

const seconds = (millis: number) => (millis / 1000).toFixed(2);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function postmasterRunning(dataDir: string): boolean {
  const pidFile = path.join(dataDir, "pg", "postmaster.pid");
  if (!existsSync(pidFile)) return false;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startEnv(dataDir: string, logLevel = "warn"): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HEADWAY_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    HEADWAY_EMBEDDED_DB_PORT: String(await freePort()),
    LOG_LEVEL: logLevel,
  };
  // The embedded PostgreSQL is what is timed: an external one must not be used instead.
  delete env.DATABASE_URL;
  return env;
}

/** What each step is, for the steps src/server.ts logs as `startupMs`. */
const stepNames: Record<string, string> = {
  load: "node starts, bin/start.js checks both builds (up to date) and the built server loads",
  config: "read the configuration and the key files",
  database: "start the embedded PostgreSQL and connect",
  migrations: "check migrations (none to apply)",
  keys: "prepareKeys (data key and encryption sweep)",
  sealing: "seal plans that closed before sealing existed",
  app: "createApp (routes, OpenAPI, metrics)",
  listen: "listen",
};

/** The start-up steps from the "Headway is running" log line, or null when there is none. */
export function startupProfile(output: string): { name: string; ms: number }[] | null {
  for (const line of output.split("\n")) {
    if (!line.includes('"Headway is running"')) continue;
    const steps = (JSON.parse(line) as { startupMs?: Record<string, number> }).startupMs;
    if (!steps) return null;
    return Object.entries(steps).map(([key, ms]) => ({ name: stepNames[key] ?? key, ms }));
  }
  return null;
}

/** One `npm start`: milliseconds to healthy and to stopped after SIGTERM. */
async function startOnce(dataDir: string, logLevel = "warn") {
  const env = await startEnv(dataDir, logLevel);
  const began = performance.now();
  const child = spawn(
    process.execPath,
    ["--max-old-space-size=192", path.join(root, "bin/start.js")],
    {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => lines.push(chunk.toString());
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    await waitForHealthy({
      url: `http://127.0.0.1:${env.PORT}`,
      timeoutMs: 600_000,
      exited,
      what: "npm start",
      output: () => lines.join("").slice(-3000),
      intervalMs: 20,
    });
  } catch (err) {
    child.kill("SIGTERM");
    await exited;
    throw err;
  }
  const healthyMs = performance.now() - began;
  const stopping = performance.now();
  child.kill("SIGTERM");
  const code = await exited;
  const stopMs = performance.now() - stopping;
  const output = lines.join("");
  const built = /building the (web app|server)/.test(output);
  return { healthyMs, stopMs, code, built, output };
}

export async function measureColdStart({
  embeddedDir,
  starts = 3,
}: {
  /** The generated data set's embedded data folder, if there is one. */
  embeddedDir: string | null;
  starts?: number;
}): Promise<ColdStart> {
  const notes: string[] = [];
  let dataDir: string;
  let source: ColdStart["source"];
  let temporary = false;
  if (embeddedDir && existsSync(path.join(embeddedDir, "pg", "PG_VERSION"))) {
    if (postmasterRunning(embeddedDir)) {
      throw new Error(
        `The embedded PostgreSQL in ${embeddedDir} is running; a cold start must start it. Stop it (or the server using it) and run again.`,
      );
    }
    dataDir = embeddedDir;
    source = "generated";
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "headway-bench-cold-"));
    source = "fresh";
    temporary = true;
    notes.push(
      "No generated embedded data was found, so the starts ran on a fresh organisation initialised by the untimed first start.",
    );
  }
  try {
    const first = await startOnce(dataDir);
    if (first.built) notes.push("The untimed first start built the web app or the server.");
    const buildsPresent = !webIsStale() && !serverIsStale();
    if (!buildsPresent)
      notes.push("The builds were not current before the timed starts: they include a build.");
    const startsMs: number[] = [];
    const stopsMs: number[] = [];
    // A start that had to build the web app (its sources changed meanwhile) times the build, not
    // the start: it is noted, left out and made again, at most twice per start.
    let rebuilt = 0;
    while (startsMs.length < starts) {
      const run = await startOnce(dataDir);
      if (run.built && rebuilt < starts * 2) {
        rebuilt += 1;
        notes.push(
          `A start built the web app or the server (their sources changed during the run); it took ${seconds(run.healthyMs)} s and was made again.`,
        );
        continue;
      }
      if (run.built) notes.push(`Timed start ${startsMs.length + 1} includes a build.`);
      if (run.code !== 0)
        notes.push(`Timed start ${startsMs.length + 1} exited with code ${run.code} on SIGTERM.`);
      startsMs.push(run.healthyMs);
      stopsMs.push(run.stopMs);
    }
    // One more start at LOG_LEVEL=info: the server logs the milliseconds of each start-up step.
    const profiled = await startOnce(dataDir, "info");
    const profile = startupProfile(profiled.output);
    if (!profile) notes.push("The profiled start logged no start-up steps.");
    return {
      dataDir,
      source,
      firstStartMs: first.healthyMs,
      startsMs,
      medianMs: median(startsMs),
      stopsMs,
      buildsPresent,
      profile,
      notes,
    };
  } finally {
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  }
}
