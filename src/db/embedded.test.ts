import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import getPort from "get-port";
import { afterAll, describe, expect, it } from "vitest";
import { serverEntry } from "../../bin/build.js";

// The real server, twice, on one data dir: the embedded PostgreSQL is created, guarded, stopped
// and found again. Slow (initdb, real processes), so the timeouts are generous.

const root = mkdtempSync(path.join(tmpdir(), "headway-embedded-"));
// PostgreSQL runs as its own user when the tests run as root: it must be able to enter the folder.
chmodSync(root, 0o755);
const dataDir = path.join(root, "data");
const pgDir = path.join(dataDir, "pg");

type Server = {
  child: ChildProcess;
  port: number;
  out(): string;
  err(): string;
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
};

const started: Server[] = [];

async function startServer(): Promise<Server> {
  const port = await getPort();
  // A working directory of its own, so a developer's .env in the repository is not read.
  const child = spawn(process.execPath, ["--enable-source-maps", serverEntry], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HEADWAY_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const server: Server = {
    child,
    port,
    out: () => out,
    err: () => err,
    exited,
    async waitFor(pattern, timeoutMs = 120_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const match = out.match(pattern);
        if (match) return match;
        if (child.exitCode !== null)
          throw new Error(
            `the server exited (${child.exitCode}) before printing ${pattern}:\n${out}\n${err}`,
          );
        if (Date.now() > end)
          throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`);
        await sleep(50);
      }
    },
  };
  started.push(server);
  return server;
}

const url = (server: Server, p: string) => `http://127.0.0.1:${server.port}${p}`;

function postmasterPid(): number | null {
  const file = path.join(pgDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  // Whatever a failed test left running: the servers this file started, then their PostgreSQL.
  for (const s of started) if (s.child.exitCode === null) s.child.kill("SIGKILL");
  const pid = postmasterPid();
  if (pid && alive(pid)) process.kill(pid, "SIGINT");
  await sleep(200);
  rmSync(root, { recursive: true, force: true });
});

describe("the embedded PostgreSQL", { timeout: 180_000 }, () => {
  let first: Server;
  let setupToken: string;
  const admin = { name: "Ada Admin", email: "ada@example.com", password: "a long admin password" };

  it("is created on first start; the server prints the setup link and reports the embedded database", async () => {
    first = await startServer();
    const [, token] = await first.waitFor(/\/setup\?token=([\w-]+)/);
    setupToken = token!;
    const health = await fetch(url(first, "/healthz"));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "embedded" });
    expect(existsSync(path.join(pgDir, "PG_VERSION"))).toBe(true);
    expect(postmasterPid()).not.toBeNull();
  });

  it("refuses a second server on the same data dir with exit code 1 and one clear line", async () => {
    const second = await startServer();
    expect(await second.exited).toBe(1);
    const lines = second.err().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^headway: Another Headway server \\(pid ${first.child.pid}\\) is already using ${dataDir}`,
      ),
    );
    expect(lines[0]).toMatch(/HEADWAY_DATA_DIR/);
  });

  it("keeps the first server working after the refused second one", async () => {
    const health = await fetch(url(first, "/healthz"));
    expect(await health.json()).toEqual({ status: "ok", database: "embedded" });
    const setup = await fetch(url(first, "/api/v1/setup"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: setupToken, ...admin }),
    });
    expect(setup.status).toBe(201);
  });

  it("stops cleanly on SIGTERM, and its PostgreSQL with it", async () => {
    const pgPid = postmasterPid()!;
    expect(alive(pgPid)).toBe(true);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const left = postmasterPid();
    expect(left === null || !alive(left)).toBe(true);
    expect(alive(pgPid)).toBe(false);
    expect(existsSync(path.join(dataDir, "server.pid"))).toBe(false);
  });

  it("starts again on the same data dir and finds the data where it was", async () => {
    const again = await startServer();
    await again.waitFor(/Headway is running/);
    expect(again.out()).not.toMatch(/setup\?token=/);
    expect(await (await fetch(url(again, "/api/v1/setup"))).json()).toEqual({ needed: false });
    const signIn = await fetch(url(again, "/api/v1/auth/sign-in"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(signIn.status).toBe(200);
    // A crash: the server dies at once, its PostgreSQL is left running.
    again.child.kill("SIGKILL");
    await again.exited;
    expect(alive(postmasterPid()!)).toBe(true);
  });

  it("after a crash, starts on the PostgreSQL left running and stops it on exit", async () => {
    const orphan = postmasterPid()!;
    const next = await startServer();
    await next.waitFor(/Headway is running/);
    expect(await (await fetch(url(next, "/api/v1/setup"))).json()).toEqual({ needed: false });
    next.child.kill("SIGTERM");
    expect(await next.exited).toBe(0);
    for (let i = 0; i < 100 && alive(orphan); i++) await sleep(100);
    expect(alive(orphan)).toBe(false);
  });
});

describe("a server that cannot start", { timeout: 60_000 }, () => {
  async function startWith(env: Record<string, string>) {
    const child = spawn(process.execPath, ["--enable-source-maps", serverEntry], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        HEADWAY_DATA_DIR: path.join(root, "other"),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    return { code, lines: err.trim().split("\n") };
  }

  it.each<{ variable: string; env: Record<string, string> }>([
    { variable: "PORT", env: { PORT: "eighty" } },
    { variable: "DATABASE_URL", env: { DATABASE_URL: "mysql://db.example.com/headway" } },
  ])(
    "stops on a bad $variable with exit code 1 and one line naming it",
    async ({ variable, env }) => {
      const { code, lines } = await startWith(env);
      expect(code).toBe(1);
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^headway: ${variable}: `))]);
    },
  );

  it("stops with one line when DATABASE_URL points at no PostgreSQL", async () => {
    const port = await getPort();
    const { code, lines } = await startWith({
      DATABASE_URL: `postgres://someone:hunter2@127.0.0.1:${port}/headway`,
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^headway: DATABASE_URL: cannot connect to that PostgreSQL/),
    ]);
    expect(lines[0]).not.toContain("hunter2");
  });
});
