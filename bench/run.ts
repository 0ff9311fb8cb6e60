// `npm run bench`: how fast Headway answers its busiest pages on the generated organisation
// (`npm run bench:data`), each page measured in the same run against its floor: the same SQL
// without the app around it. A report, not a test: it exits 0 whether or not targets are met,
// and 1 only when it cannot run or its measurement is not valid (the app answered errors).
//
//   npm run bench                       everything, results into bench/results/ and the README
//   npm run bench -- --only team,plan   some pages (team, plan, home, outcomes)
//   npm run bench -- --no-cold-start    skip the cold start
//   npm run bench -- --no-save          print the report only

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildServer, serverEntry, serverIsStale } from "../bin/build.js";
import { type ColdStart, measureColdStart } from "./run/coldstart.js";
import { openBenchDatabase } from "./run/database.js";
import { type Explained, explainCaptures } from "./run/explain.js";
import { countDataset, type Dataset, describeMachine, type Machine } from "./run/machine.js";
import {
  freePort,
  memoryMB,
  root,
  runChild,
  type Server,
  startServer,
  watchUsage,
} from "./run/processes.js";
import {
  type BenchReport,
  judgeColdStart,
  judgeEndpoint,
  judgeMemory,
  renderReport,
  renderSummary,
  saveReport,
  updateReadme,
} from "./run/report.js";
import { combineRounds, type Round } from "./run/stats.js";
import type {
  CaptureOutput,
  Endpoint,
  EndpointKey,
  EndpointResult,
  LoadRequest,
  LoadResult,
  Measurement,
} from "./run/types.js";

type Credentials = {
  databaseUrl: string;
  tokens: { hr: string; manager: string; employee: string };
  ids: { managerId: string; employeeId: string; planId: string; hrId: string };
  /** Where the data set's key files (and embedded PostgreSQL, if any) live; default: beside this file. */
  dataDir?: string;
};

const { values: options } = parseArgs({
  options: {
    credentials: { type: "string", default: path.join(root, "bench/.data/credentials.json") },
    "data-dir": { type: "string" },
    "embedded-dir": { type: "string" },
    connections: { type: "string", default: "32" },
    warmup: { type: "string", default: "2" },
    duration: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    starts: { type: "string", default: "3" },
    only: { type: "string" },
    "no-cold-start": { type: "boolean", default: false },
    "no-save": { type: "boolean", default: false },
    "no-readme": { type: "boolean", default: false },
  },
});

function say(message: string) {
  console.error(`bench: ${message}`);
}

async function readCredentials(file: string): Promise<Credentials> {
  const { readFileSync, existsSync } = await import("node:fs");
  if (!existsSync(file))
    throw new Error(
      `${file} is missing. Generate the organisation first: npm run bench:data -- --employees 100000`,
    );
  return JSON.parse(readFileSync(file, "utf8")) as Credentials;
}

function endpointsFor(credentials: Credentials): Endpoint[] {
  const { tokens, ids } = credentials;
  return [
    {
      key: "team",
      label: "Manager's team page",
      actor: "a manager",
      path: "/api/v1/team",
      token: tokens.manager,
      p95TargetMs: 50,
      throughputTarget: 0.6,
    },
    {
      key: "plan",
      label: "Plan page",
      actor: "the plan's manager",
      path: `/api/v1/plans/${ids.planId}`,
      token: tokens.manager,
      p95TargetMs: 50,
      throughputTarget: 0.6,
    },
    {
      key: "home",
      label: "Employee home",
      actor: "the employee, their own page",
      path: `/api/v1/people/${ids.employeeId}`,
      token: tokens.employee,
      p95TargetMs: 50,
      throughputTarget: 0.6,
    },
    {
      key: "outcomes",
      label: "HR outcomes dashboard",
      actor: "HR, whole organisation",
      path: "/api/v1/insight/outcomes",
      token: tokens.hr,
      p95TargetMs: 500,
      throughputTarget: null,
    },
  ];
}

/** One round of load on one server, with its CPU and memory while the measured part ran. */
async function measureRound(
  server: Server,
  request: LoadRequest,
  postmasterPid: number | null,
): Promise<Round> {
  const usage = watchUsage(server.pid, postmasterPid);
  const message = await runChild<{ result: LoadResult; latenciesMs: number[] }>({
    script: "load.child.ts",
    args: [JSON.stringify(request)],
    key: "result",
    onMessage: (m) => {
      if (m.phase === "measuring") usage.start();
    },
  });
  // JSON carries NaN (no 2xx answer to take a percentile of) as null.
  const load = Object.fromEntries(
    Object.entries(message.result).map(([k, v]) => [
      k,
      v === null && k !== "firstErrorBody" ? Number.NaN : v,
    ]),
  ) as LoadResult;
  return { load, latenciesMs: message.latenciesMs, usage: usage.stop() };
}

function describeErrors(who: string, load: LoadResult): string | null {
  if (load.non2xx === 0 && load.errors === 0) return null;
  return `${who} answered ${load.non2xx} non-2xx responses and ${load.errors} connection errors (${JSON.stringify(load.statusCodes)}); for example: ${load.firstErrorBody ?? "no body"}`;
}

type LoadOutcome = {
  results: EndpointResult[];
  missing: Endpoint[];
  appMemory: BenchReport["appMemory"];
  poolMax: number;
  /** Why the measurement is not valid: a server answered errors. */
  invalid: string[];
};

/** The app server and the floor, each page under load on both, one after the other. */
async function measureLoad({
  databaseUrl,
  postmasterPid,
  dataDir,
  endpoints,
  settings,
  notes,
}: {
  databaseUrl: string;
  postmasterPid: number | null;
  dataDir: string;
  endpoints: Endpoint[];
  settings: {
    connections: number;
    warmupSeconds: number;
    durationSeconds: number;
    rounds: number;
  };
  notes: string[];
}): Promise<LoadOutcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    HEADWAY_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
  };
  const appPort = await freePort();
  if (serverIsStale()) {
    say("building the server");
    await buildServer();
  }
  say("starting the app server");
  const app = await startServer({
    name: "the app server",
    // The built server with the heap limit `npm start` sets (package.json) and its source maps.
    args: ["--max-old-space-size=192", "--enable-source-maps", serverEntry],
    env: { ...env, PORT: String(appPort), HOST: "127.0.0.1" },
    port: appPort,
  });
  let floor: Server | null = null;
  const scratch = mkdtempSync(path.join(os.tmpdir(), "headway-bench-"));
  const outcome: LoadOutcome = {
    results: [],
    missing: [],
    appMemory: null,
    poolMax: 10,
    invalid: [],
  };
  try {
    say("recording the SQL of one request of each page");
    const captured = await runChild<CaptureOutput>({
      script: "capture.child.ts",
      args: [JSON.stringify(endpoints.map(({ key, path: p, token }) => ({ key, path: p, token })))],
      env,
      key: "captures",
    });
    outcome.poolMax = captured.poolMax;
    outcome.missing = endpoints.filter((e) => captured.missing.some((m) => m.key === e.key));
    for (const m of outcome.missing) {
      say(`${m.label} (GET ${m.path}) is not in the app yet: left out`);
      notes.push(`${m.label} (GET ${m.path}) was not measured: the app answered route.not_found.`);
    }
    const capturesFile = path.join(scratch, "captures.json");
    writeFileSync(capturesFile, JSON.stringify(captured.captures));

    const floorPort = await freePort();
    say("starting the floor");
    floor = await startServer({
      name: "the floor",
      args: ["--import", "tsx", path.join(root, "bench/run/floor.child.ts"), capturesFile],
      env: { ...env, PORT: String(floorPort), FLOOR_POOL_MAX: String(captured.poolMax) },
      port: floorPort,
    });

    const rssBeforeLoadMB = memoryMB(app.pid, "VmRSS") ?? Number.NaN;
    for (const endpoint of endpoints) {
      const capture = captured.captures.find((c) => c.key === endpoint.key);
      if (!capture) continue;
      const request = (server: Server): LoadRequest => ({
        url: `${server.url}${endpoint.path}`,
        token: endpoint.token,
        connections: settings.connections,
        warmupSeconds: settings.warmupSeconds,
        durationSeconds: settings.durationSeconds,
      });
      say(`${endpoint.label} (${capture.statements.length} statements a request)`);
      const rounds: [Round[], Round[]] = [[], []];
      for (let round = 0; round < settings.rounds; round += 1) {
        for (const [side, server] of [app, floor].entries()) {
          const measured = await measureRound(server, request(server), postmasterPid);
          const { load } = measured;
          say(
            `  ${server === app ? "app  " : "floor"} round ${round + 1}: p50 ${load.p50Ms.toFixed(1)} ms, p95 ${load.p95Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms, ${load.requestsPerSecond.toFixed(0)} req/s, ${measured.usage.peakRssMB.toFixed(0)} MB`,
          );
          const problem = describeErrors(`${server.name} on ${endpoint.label}`, load);
          if (problem) {
            say(`ERROR: ${problem}`);
            outcome.invalid.push(problem);
            notes.push(`INVALID: ${problem}`);
          }
          rounds[side]!.push(measured);
        }
      }
      const pair: Measurement[] = rounds.map(combineRounds);
      outcome.results.push({ endpoint, capture, app: pair[0]!, floor: pair[1]! });
    }
    outcome.appMemory = {
      vmHwmMB: memoryMB(app.pid, "VmHWM") ?? Number.NaN,
      rssAfterMB: memoryMB(app.pid, "VmRSS") ?? Number.NaN,
      rssBeforeLoadMB,
    };
  } finally {
    await floor?.stop();
    const code = await app.stop();
    if (code !== 0)
      notes.push(`The app server exited with code ${code} when stopped with SIGTERM.`);
    rmSync(scratch, { recursive: true, force: true });
  }
  return outcome;
}

async function main(): Promise<number> {
  const credentialsFile = path.resolve(options.credentials!);
  const credentials = await readCredentials(credentialsFile);
  const dataDir = path.resolve(
    options["data-dir"] ?? credentials.dataDir ?? path.dirname(credentialsFile),
  );
  const embeddedDir = path.resolve(options["embedded-dir"] ?? dataDir);
  const settings = {
    connections: Number(options.connections),
    warmupSeconds: Number(options.warmup),
    durationSeconds: Number(options.duration),
    rounds: Number(options.rounds),
  };
  const only = options.only?.split(",").map((s) => s.trim()) as EndpointKey[] | undefined;
  const endpoints = endpointsFor(credentials).filter((e) => !only || only.includes(e.key));
  const notes: string[] = [];

  const database = await openBenchDatabase({ databaseUrl: credentials.databaseUrl, dataDir });
  let machine: Machine;
  let dataset: Dataset;
  let load: LoadOutcome;
  let explained: Explained[];
  try {
    machine = await describeMachine({ databaseUrl: database.url });
    say(
      `${machine.cpu}, ${machine.cores} cores; PostgreSQL ${machine.postgres} (${database.kind}); load average ${machine.loadBefore.toFixed(2)}`,
    );
    if (machine.loadBefore > 0.5)
      notes.push(
        `The machine was not idle when the run began (load average ${machine.loadBefore.toFixed(2)}): other work competed for the same cores, so latencies are higher than on a quiet machine.`,
      );
    dataset = await countDataset({ databaseUrl: database.url });
    say(`data set: ${dataset.map((d) => `${d.rows} ${d.label}`).join(", ")}`);
    load = await measureLoad({
      databaseUrl: database.url,
      postmasterPid: database.postmasterPid,
      dataDir,
      endpoints,
      settings,
      notes,
    });
    say("explaining the captured statements");
    explained = await explainCaptures({
      databaseUrl: database.url,
      captures: load.results.map((r) => r.capture),
    });
  } finally {
    await database.stop();
  }

  let coldStart: ColdStart | null = null;
  if (!options["no-cold-start"]) {
    say(`cold start: ${options.starts} starts of npm start on ${embeddedDir}`);
    coldStart = await measureColdStart({ embeddedDir, starts: Number(options.starts) });
    say(`  median ${(coldStart.medianMs / 1000).toFixed(2)} s`);
  }

  machine.loadAfter = os.loadavg()[0] ?? null;
  const report: BenchReport = {
    machine,
    dataset,
    settings: { ...settings, poolMax: load.poolMax, database: database.kind },
    results: load.results,
    missing: load.missing,
    appMemory: load.appMemory,
    coldStart,
    explained,
    notes,
  };
  const markdown = renderReport(report);
  if (options["no-save"]) {
    console.log(markdown);
  } else {
    const resultFile = saveReport({
      dir: path.join(root, "bench/results"),
      markdown,
      date: machine.date.slice(0, 10),
    });
    say(`report: ${path.relative(root, resultFile)} (and bench/results/latest.md)`);
    if (!options["no-readme"] && load.invalid.length === 0) {
      const updated = updateReadme({
        file: path.join(root, "README.md"),
        summary: renderSummary(report),
        resultFile: path.relative(root, resultFile),
      });
      if (!updated) say("README.md has no bench markers; its table was not updated");
    }
    console.log(renderSummary(report));
  }

  const verdicts: { what: string; met: boolean; why: string }[] = load.results.map((r) => ({
    what: r.endpoint.label,
    ...judgeEndpoint(r),
  }));
  const cold = judgeColdStart(coldStart);
  if (cold) verdicts.push({ what: "cold start", ...cold });
  const memory = judgeMemory(report);
  if (memory) verdicts.push({ what: "server memory", ...memory });
  const unmet = verdicts.filter((v) => !v.met);
  say(
    unmet.length
      ? `targets not met: ${unmet.map((v) => (v.why.startsWith(v.what) ? v.why : `${v.what} (${v.why})`)).join("; ")}`
      : "all measured targets met",
  );
  if (load.invalid.length) {
    say("the measurement is not valid: a server answered errors (see above)");
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
