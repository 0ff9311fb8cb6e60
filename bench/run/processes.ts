// Processes the benchmark starts: the app server, the floor server and the child scripts; how
// to wait for them, stop them and read their memory and CPU from /proc.

import { type ChildProcess, fork, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import getPort from "get-port";
import type { ProcessUsage } from "./types.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const here = path.dirname(fileURLToPath(import.meta.url));

export function freePort(): Promise<number> {
  return getPort({ host: "127.0.0.1" });
}

/**
 * Runs one of the child scripts beside this file under tsx; `onMessage` sees every message it
 * sends, and the promise resolves with the first one that holds `key`.
 */
export function runChild<T>({
  script,
  args,
  env = process.env,
  key,
  onMessage,
}: {
  script: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  key: string;
  onMessage?: (message: Record<string, unknown>) => void;
}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, script), args, {
      cwd: root,
      env,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let settled = false;
    child.on("message", (raw) => {
      const message = raw as Record<string, unknown>;
      onMessage?.(message);
      if (settled) return;
      if (typeof message.error === "string") {
        settled = true;
        reject(new Error(`${script}: ${message.error}`));
      } else if (key in message) {
        settled = true;
        resolve(message as T);
      }
    });
    child.on("exit", (code) => {
      if (!settled) reject(new Error(`${script} ended (exit ${code}) without an answer`));
    });
  });
}

export type Server = {
  name: string;
  process: ChildProcess;
  pid: number;
  url: string;
  /** The last lines the process printed, to explain a failure. */
  output(): string;
  stop(): Promise<number | null>;
};

/** Starts a server process and resolves once GET /healthz answers 200. */
export async function startServer({
  name,
  args,
  env,
  port,
  timeoutMs = 120_000,
}: {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  timeoutMs?: number;
}): Promise<Server> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const server: Server = {
    name,
    process: child,
    pid: child.pid!,
    url,
    output: () => lines.join("\n"),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  await waitForHealthy({ url, timeoutMs, exited, what: name, output: server.output });
  return server;
}

export async function waitForHealthy({
  url,
  timeoutMs,
  exited,
  what,
  output,
  intervalMs = 50,
}: {
  url: string;
  timeoutMs: number;
  exited: Promise<number | null>;
  what: string;
  output: () => string;
  intervalMs?: number;
}): Promise<void> {
  let ended: number | null | undefined;
  void exited.then((code) => {
    ended = code;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (ended !== undefined)
      throw new Error(`${what} stopped (exit ${ended}) before it was healthy:\n${output()}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what} was not healthy after ${timeoutMs / 1000} s:\n${output()}`);
}

/** A field of /proc/<pid>/status (VmRSS, VmHWM) in MB of 10⁶ bytes, or null once the process is gone. */
export function memoryMB(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1];
    return kib ? (Number(kib) * 1024) / 1e6 : null;
  } catch {
    return null;
  }
}

/** User + system CPU time of a process so far, in seconds (clock ticks are 100 a second). */
function cpuSeconds(pid: number): number {
  return readStat(pid)?.cpu ?? 0;
}

function readStat(pid: number | string): { ppid: number; cpu: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / 100 };
  } catch {
    return null;
  }
}

/** CPU seconds of a PostgreSQL postmaster and each of its backends (its child processes), by pid. */
function postgresCpu(postmasterPid: number): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat && (Number(entry) === postmasterPid || stat.ppid === postmasterPid))
      cpu.set(Number(entry), stat.cpu);
  }
  return cpu;
}

/**
 * PostgreSQL's CPU over a period. Backends come and go (a pool closes idle connections), and a
 * backend that exits takes its counter with it, so each is sampled while it lives: its share is
 * its last reading less its first (or 0 when it started during the period).
 */
function watchPostgresCpu(postmasterPid: number) {
  const first = postgresCpu(postmasterPid);
  const last = new Map(first);
  return {
    sample() {
      for (const [pid, cpu] of postgresCpu(postmasterPid)) {
        if (!first.has(pid)) first.set(pid, 0);
        last.set(pid, cpu);
      }
    },
    seconds(): number {
      let total = 0;
      for (const [pid, cpu] of last) total += cpu - (first.get(pid) ?? 0);
      return total;
    },
  };
}

/**
 * Samples a server's VmRSS every 200 ms and its CPU use from start() to stop(), and the CPU of
 * the database's processes when its postmaster is known.
 */
export function watchUsage(pid: number, postmasterPid: number | null) {
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  let started = 0;
  let cpuAtStart = 0;
  let database: ReturnType<typeof watchPostgresCpu> | null = null;
  const sample = () => {
    peak = Math.max(peak, memoryMB(pid, "VmRSS") ?? 0);
    database?.sample();
  };
  return {
    start() {
      started = performance.now();
      cpuAtStart = cpuSeconds(pid);
      database = postmasterPid ? watchPostgresCpu(postmasterPid) : null;
      sample();
      timer = setInterval(sample, 200);
    },
    stop(): ProcessUsage {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - started) / 1000;
      return {
        peakRssMB: peak,
        cpuCores: (cpuSeconds(pid) - cpuAtStart) / seconds,
        databaseCpuCores: database ? database.seconds() / seconds : null,
      };
    },
  };
}
