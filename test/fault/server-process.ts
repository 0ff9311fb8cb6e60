import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { serverEntry } from "../../bin/build.js";
import type { TestDeps } from "../helpers.js";

/** The real server (the bundle `npm start` runs) in its own process, on this test file's database. */
export type ServerProcess = {
  baseUrl: string;
  child: ChildProcess;
  /** Everything it printed (for a failure message). */
  output(): string;
  /** SIGKILL: no shutdown hooks, no flushing, as a crash or an OOM kill would do. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
};

export async function startServer({
  deps,
  port,
  dataDir,
  env = {},
}: {
  deps: TestDeps;
  port: number;
  dataDir: string;
  /** More settings, or replacements for the ones above (SMTP_HOST, LOG_LEVEL, DATABASE_URL…). */
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--enable-source-maps", serverEntry], {
    // A clean environment: vitest's own variables (BASE_URL=/, …) are not Headway's.
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: deps.databaseUrl,
      HEADWAY_SECRET: deps.config.secret,
      HEADWAY_MASTER_KEY: deps.config.masterKey.toString("base64"),
      HEADWAY_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start-up:\n${out}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the server did not become healthy:\n${out}`);
    await sleep(25);
  }
  return {
    baseUrl,
    child,
    output: () => out,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
