// The benchmark's report: Markdown for bench/results/, and the summary the README shows.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ColdStart } from "./coldstart.js";
import type { Explained } from "./explain.js";
import type { Dataset, Machine } from "./machine.js";
import type { Endpoint, EndpointResult } from "./types.js";

export const COLD_START_TARGET_MS = 3_000;
export const MEMORY_TARGET_MB = 300;

export type BenchReport = {
  machine: Machine;
  dataset: Dataset;
  settings: {
    connections: number;
    warmupSeconds: number;
    durationSeconds: number;
    rounds: number;
    poolMax: number;
    /** The data set's PostgreSQL: the embedded one in its data folder, or an external one. */
    database: "embedded" | "external";
  };
  results: EndpointResult[];
  /** Endpoints the app does not have yet. */
  missing: Endpoint[];
  /** The app server's memory: VmHWM (peak over its life) and VmRSS, after all the load. */
  appMemory: { vmHwmMB: number; rssAfterMB: number; rssBeforeLoadMB: number } | null;
  coldStart: ColdStart | null;
  explained: Explained[];
  notes: string[];
};

export type Verdict = { met: boolean; why: string };

const ms = (value: number) =>
  Number.isNaN(value) ? "–" : value >= 100 ? value.toFixed(0) : value.toFixed(1);
const perSecond = (value: number) => (Number.isNaN(value) ? "–" : value.toFixed(0));
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "–");
const percent = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(0)}%` : "–");
const mb = (value: number) => value.toFixed(0);
const seconds = (millis: number) => (millis / 1000).toFixed(2);
const mark = (met: boolean) => (met ? "met" : "**not met**");

export function judgeEndpoint(result: EndpointResult): Verdict {
  const { endpoint, app, floor } = result;
  const reasons: string[] = [];
  if (app.load.non2xx > 0 || app.load.errors > 0)
    return { met: false, why: "the app answered errors: the numbers are not valid" };
  if (app.load.requests === 0)
    return { met: false, why: "no request completed in the measured time" };
  if (!(app.load.p95Ms < endpoint.p95TargetMs))
    reasons.push(`p95 ${ms(app.load.p95Ms)} ms ≥ ${endpoint.p95TargetMs} ms`);
  if (endpoint.throughputTarget !== null) {
    const ratio = app.load.requestsPerSecond / floor.load.requestsPerSecond;
    if (!(ratio >= endpoint.throughputTarget))
      reasons.push(
        `throughput ${(ratio * 100).toFixed(0)}% of the floor < ${endpoint.throughputTarget * 100}%`,
      );
  }
  return { met: reasons.length === 0, why: reasons.join("; ") };
}

function targetText(endpoint: Endpoint): string {
  const parts = [`p95 < ${endpoint.p95TargetMs} ms`];
  if (endpoint.throughputTarget !== null)
    parts.push(`≥ ${endpoint.throughputTarget * 100}% of floor req/s`);
  return parts.join(", ");
}

export function judgeMemory(report: BenchReport): Verdict | null {
  if (!report.appMemory) return null;
  const peak = report.appMemory.vmHwmMB;
  return {
    met: peak < MEMORY_TARGET_MB,
    why:
      peak < MEMORY_TARGET_MB ? "" : `server memory: peak ${mb(peak)} MB ≥ ${MEMORY_TARGET_MB} MB`,
  };
}

export function judgeColdStart(coldStart: ColdStart | null): Verdict | null {
  if (!coldStart) return null;
  const met = coldStart.medianMs < COLD_START_TARGET_MS;
  return { met, why: met ? "" : `cold start: median ${seconds(coldStart.medianMs)} s ≥ 3 s` };
}

/** The tables the README shows: the latency table with the floor ratios, then the other targets. */
export function renderSummary(report: BenchReport): string {
  const { machine, settings } = report;
  const lines: string[] = [];
  const people = report.dataset.find((d) => d.table === "people")?.rows ?? 0;
  lines.push(
    `${people.toLocaleString("en")} people; ${settings.connections} concurrent connections; ${settings.rounds * settings.durationSeconds} s measured per page and side (${settings.rounds} rounds of ${settings.durationSeconds} s, app and floor taking turns); ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgres}; ${machine.date.slice(0, 10)}.`,
  );
  lines.push("");
  lines.push(
    "| Page (request) | p50 ms | p95 ms | p99 ms | req/s | floor p95 ms | floor req/s | p95 app ÷ floor | req/s app ÷ floor | Target | |",
  );
  lines.push("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
  for (const result of report.results) {
    const { endpoint, app, floor } = result;
    const verdict = judgeEndpoint(result);
    lines.push(
      `| ${endpoint.label} (\`GET ${templatePath(endpoint)}\`) | ${ms(app.load.p50Ms)} | ${ms(app.load.p95Ms)} | ${ms(app.load.p99Ms)} | ${perSecond(app.load.requestsPerSecond)} | ${ms(floor.load.p95Ms)} | ${perSecond(floor.load.requestsPerSecond)} | ${times(app.load.p95Ms / floor.load.p95Ms)} | ${percent(app.load.requestsPerSecond / floor.load.requestsPerSecond)} | ${targetText(endpoint)} | ${mark(verdict.met)} |`,
    );
  }
  for (const endpoint of report.missing)
    lines.push(
      `| ${endpoint.label} (\`GET ${templatePath(endpoint)}\`) | | | | | | | | | ${targetText(endpoint)} | not measured: not in the app yet |`,
    );
  lines.push("");
  lines.push("| Target | Result | |");
  lines.push("|---|---|---|");
  const cold = judgeColdStart(report.coldStart);
  if (report.coldStart && cold)
    lines.push(
      `| Cold start of \`npm start\` on existing embedded data to a healthy \`/healthz\` < 3 s | median ${seconds(report.coldStart.medianMs)} s (${report.coldStart.startsMs.map(seconds).join(", ")} s)${report.coldStart.source === "fresh" ? ", on a fresh organisation" : ""} | ${mark(cold.met)} |`,
    );
  const memory = judgeMemory(report);
  if (report.appMemory && memory)
    lines.push(
      `| Server resident memory < ${MEMORY_TARGET_MB} MB under the load | peak ${mb(report.appMemory.vmHwmMB)} MB (VmHWM); highest sampled during the load ${mb(Math.max(...report.results.map((r) => r.app.usage.peakRssMB)))} MB | ${mark(memory.met)} |`,
    );
  return lines.join("\n");
}

/**
 * Why a latency target is missed: with every connection always waiting (a closed loop), the
 * mean latency is connections ÷ throughput (Little's law), so a p95 target at N connections
 * needs at least N ÷ target requests a second, which bounds the CPU a request may take.
 */
function readLatency(report: BenchReport, misses: EndpointResult[]): string[] {
  const { connections } = report.settings;
  const cores = report.machine.cores;
  const lines = ["How to read the latency misses:", ""];
  for (const r of misses) {
    const needed = connections / (r.endpoint.p95TargetMs / 1000);
    const budget = (cores * 1000) / needed;
    const cpu = (cores: number | null, rps: number) =>
      cores === null || !(rps > 0) ? null : (cores * 1000) / rps;
    const appCpu = cpu(r.app.usage.cpuCores, r.app.load.requestsPerSecond);
    const appDb = cpu(r.app.usage.databaseCpuCores, r.app.load.requestsPerSecond);
    const floorCpu = cpu(r.floor.usage.cpuCores, r.floor.load.requestsPerSecond);
    const floorDb = cpu(r.floor.usage.databaseCpuCores, r.floor.load.requestsPerSecond);
    const explained = report.explained.find((e) => e.key === r.endpoint.key);
    const spent =
      appCpu !== null && appDb !== null && floorCpu !== null && floorDb !== null
        ? ` It takes ${(appCpu + appDb).toFixed(1)} ms (server ${appCpu.toFixed(1)} + PostgreSQL ${appDb.toFixed(1)}); its floor ${(floorCpu + floorDb).toFixed(1)} ms (${floorCpu.toFixed(1)} + ${floorDb.toFixed(1)}).`
        : "";
    lines.push(
      `- ${r.endpoint.label}: p95 < ${r.endpoint.p95TargetMs} ms with ${connections} connections always waiting needs at least ${perSecond(needed)} req/s, which leaves ${budget.toFixed(1)} ms of CPU a request on ${cores} cores for the server, PostgreSQL and the load generator together.${spent} The floor reaches p95 ${ms(r.floor.load.p95Ms)} ms${explained ? `; the page's SQL takes ${ms(explained.totalMs)} ms in EXPLAIN ANALYZE, so the time is ${explained.totalMs > r.endpoint.p95TargetMs / 2 ? "largely in the SQL" : "not in slow SQL but in the work per request"}` : ""}.`,
    );
  }
  return lines;
}

/** The path with ids shown as placeholders, so the table does not print data ids. */
function templatePath(endpoint: Endpoint): string {
  return endpoint.path.replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
    ":id",
  );
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function renderReport(report: BenchReport): string {
  const { machine, settings } = report;
  const out: string[] = [];
  out.push(`# Headway benchmark, ${machine.date.slice(0, 10)}`);
  out.push("");
  out.push(
    "Made by `npm run bench`. Each page is loaded against the running server and, in the same run, against its **floor**: a bare `node:http` handler with a plain `pg` pool of the same size that replays the exact SQL the app sent for one request of that page (captured from the app), on one connection, and answers the rows as JSON. The ratio app ÷ floor is what the app costs on top of its SQL.",
  );
  out.push("");
  out.push("## Summary");
  out.push("");
  out.push(renderSummary(report));
  out.push("");

  const misses = report.results.filter((r) => !judgeEndpoint(r).met);
  const otherMisses = [judgeColdStart(report.coldStart), judgeMemory(report)].filter(
    (v): v is Verdict => v !== null && !v.met,
  );
  if (misses.length || otherMisses.length) {
    out.push("Not met:");
    out.push("");
    for (const r of misses) out.push(`- ${r.endpoint.label}: ${judgeEndpoint(r).why}.`);
    for (const v of otherMisses) out.push(`- ${v.why[0]!.toUpperCase()}${v.why.slice(1)}.`);
    out.push("");
  }
  const latencyMisses = report.results.filter(
    (r) => !(r.app.load.p95Ms < r.endpoint.p95TargetMs) && r.app.load.requests > 0,
  );
  if (latencyMisses.length) out.push(...readLatency(report, latencyMisses), "");

  out.push("## Machine");
  out.push("");
  out.push("| | |");
  out.push("|---|---|");
  out.push(`| Date | ${machine.date} |`);
  out.push(`| CPU | ${machine.cpu}, ${machine.cores} cores |`);
  out.push(`| Memory | ${machine.memoryGiB} GiB |`);
  out.push(`| OS | ${machine.os} |`);
  out.push(`| Node.js | ${machine.node} |`);
  out.push(`| PostgreSQL | ${machine.postgres} |`);
  out.push(
    `| Load average (1 min) | ${machine.loadBefore.toFixed(2)} before the run${machine.loadAfter === null ? "" : `, ${machine.loadAfter.toFixed(2)} after`} |`,
  );
  out.push(
    `| Priority | nice ${machine.nice}${machine.nice < 0 ? " (ahead of other work on the machine)" : ""} |`,
  );
  out.push("");
  out.push(
    "The server, its floor, PostgreSQL and the load generator share these cores, as they would on a small single-machine installation.",
  );
  out.push("");

  out.push("## Data set");
  out.push("");
  out.push("| Table | Rows |");
  out.push("|---|--:|");
  for (const d of report.dataset)
    out.push(`| ${d.label} (\`${d.table}\`) | ${d.rows.toLocaleString("en")} |`);
  out.push("");

  out.push("## Method");
  out.push("");
  out.push(
    `- Load: autocannon in its own process, ${settings.connections} connections. Per page, ${settings.rounds} rounds in which the app and then its floor each get ${settings.warmupSeconds} s of warm-up (not counted) and ${settings.durationSeconds} s measured; taking turns spreads any other work on the machine over both. Percentiles are exact (nearest rank) over every 2xx response of all rounds; req/s is 2xx responses ÷ measured seconds.`,
  );
  out.push(
    `- App: the real server as \`npm start\` runs it (\`node --max-old-space-size=192 --enable-source-maps dist/server/server.js\`, built first, \`LOG_LEVEL=warn\`) with \`DATABASE_URL\` set to the data set's PostgreSQL (${settings.database === "embedded" ? "the embedded one in its data folder, started for the load" : "an external one"}), authenticated with personal API tokens (\`Authorization: Bearer\`).`,
  );
  out.push(
    `- Floor: pool of ${settings.poolMax} connections, like the app's. Its SQL is one steady-state request of each page (the second; the first warms the app's caches), recorded around \`pg\`'s \`Client.query\`. Where the app runs statements side by side on several connections, the floor runs them one after another on one.`,
  );
  out.push(
    "- Memory: the app server's `VmHWM` (peak resident set over its life) from `/proc/<pid>/status` after all the load, and `VmRSS` sampled every 200 ms during each measured run. CPU: user + system time from `/proc/<pid>/stat` during the measured run, of the server process and (for the embedded PostgreSQL) of the postmaster and its backends.",
  );
  out.push(
    "- Database time: `EXPLAIN (ANALYZE, BUFFERS)` of each captured statement with its captured parameters, after the load (warm cache), second of two runs, planning + execution, summed one after another.",
  );
  out.push("");

  out.push("## Per page");
  out.push("");
  out.push(
    "| Page | Who asks | SQL statements (first request) | Connections | DB time ms | App p50 / p99 ms | Floor p50 / p99 ms | Server CPU ms a request, app / floor | PostgreSQL CPU ms a request, app / floor | App peak RSS MB |",
  );
  out.push("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
  const perRequest = (cores: number | null, rps: number) =>
    cores === null || !(rps > 0) ? "–" : ((cores * 1000) / rps).toFixed(1);
  for (const r of report.results) {
    const explained = report.explained.find((e) => e.key === r.endpoint.key);
    const { app, floor } = r;
    out.push(
      `| ${r.endpoint.label} | ${r.endpoint.actor} | ${r.capture.statements.length} (${r.capture.firstRequestStatements}) | ${r.capture.connections} | ${explained ? ms(explained.totalMs) : "–"} | ${ms(app.load.p50Ms)} / ${ms(app.load.p99Ms)} | ${ms(floor.load.p50Ms)} / ${ms(floor.load.p99Ms)} | ${perRequest(app.usage.cpuCores, app.load.requestsPerSecond)} / ${perRequest(floor.usage.cpuCores, floor.load.requestsPerSecond)} | ${perRequest(app.usage.databaseCpuCores, app.load.requestsPerSecond)} / ${perRequest(floor.usage.databaseCpuCores, floor.load.requestsPerSecond)} | ${mb(app.usage.peakRssMB)} |`,
    );
  }
  out.push("");
  out.push(
    "DB time: the sum of the page's statements' planning and execution in `EXPLAIN ANALYZE`, one after another. CPU a request: the process's CPU time during the measured run ÷ the requests it answered; unlike latency, it hardly depends on what else the machine is doing, so it says where the time goes even on a busy machine.",
  );
  out.push("");
  const writing = report.results.filter((r) => r.capture.writes > 0);
  if (writing.length)
    out.push(
      `Pages whose steady-state request writes (the floor replays the writes too): ${writing.map((r) => `${r.endpoint.label} (${r.capture.writes})`).join(", ")}.`,
      "",
    );
  if (report.appMemory)
    out.push(
      `App server memory: ${mb(report.appMemory.rssBeforeLoadMB)} MB resident before the load, ${mb(report.appMemory.rssAfterMB)} MB after it, peak ${mb(report.appMemory.vmHwmMB)} MB (VmHWM).`,
      "",
    );

  if (report.coldStart) {
    const c = report.coldStart;
    out.push("## Cold start");
    out.push("");
    out.push(
      `\`npm start\` (\`node bin/start.js\`) with \`HEADWAY_DATA_DIR\` on ${c.source === "generated" ? "the generated organisation's embedded data" : "a fresh organisation's embedded data"}, timed from the spawn to the first 200 from \`/healthz\` (polled every 20 ms), then stopped with SIGTERM and waited for. An untimed first start ran before (${seconds(c.firstStartMs)} s) so the web app and the server were ${c.buildsPresent ? "already built and current: no build was timed" : "**not** both built and current"}.`,
    );
    out.push("");
    out.push("| Start | To healthy s | Stop after SIGTERM s |");
    out.push("|--:|--:|--:|");
    c.startsMs.forEach((s, i) => {
      out.push(`| ${i + 1} | ${seconds(s)} | ${seconds(c.stopsMs[i] ?? Number.NaN)} |`);
    });
    out.push(`| median | ${seconds(c.medianMs)} | |`);
    out.push("");
    if (c.profile) {
      out.push(
        "Where the time goes (one more start, at `LOG_LEVEL=info`: the server logs how long each start-up step took):",
      );
      out.push("");
      out.push("| Step | ms |");
      out.push("|---|--:|");
      for (const p of c.profile) out.push(`| ${p.name} | ${p.ms.toFixed(0)} |`);
      out.push("");
    }
    for (const note of c.notes) out.push(`- ${note}`);
    if (c.notes.length) out.push("");
  }

  const slow = report.explained.filter((e) => {
    const r = report.results.find((x) => x.endpoint.key === e.key);
    return r && !judgeEndpoint(r).met;
  });
  if (slow.length) {
    out.push("## Slowest statements of the pages that missed");
    out.push("");
    for (const e of slow) {
      const r = report.results.find((x) => x.endpoint.key === e.key)!;
      out.push(`### ${r.endpoint.label}`);
      out.push("");
      const top = [...e.statements]
        .sort((a, b) => b.planningMs + b.executionMs - (a.planningMs + a.executionMs))
        .slice(0, 3);
      for (const s of top) {
        out.push(
          `Statement ${s.index + 1} of ${r.capture.statements.length}: ${(s.planningMs + s.executionMs).toFixed(1)} ms (planning ${s.planningMs.toFixed(1)}, execution ${s.executionMs.toFixed(1)})`,
        );
        out.push("");
        out.push("```sql");
        out.push(s.text.trim());
        out.push("```");
        out.push("");
        out.push("```");
        // A token's hash says nothing useful about the plan: it is left out.
        out.push(
          s.plan
            .replace(/'[0-9a-f]{64}'/g, "'…'")
            .split("\n")
            .slice(0, 40)
            .join("\n"),
        );
        out.push("```");
        out.push("");
      }
    }
  }

  if (report.notes.length) {
    out.push("## Notes");
    out.push("");
    for (const note of report.notes) out.push(`- ${oneLine(note, 1000)}`);
    out.push("");
  }
  return out.join("\n");
}

/** Writes bench/results/<date>.md (or <date>-2.md, …) and bench/results/latest.md. */
export function saveReport({
  dir,
  markdown,
  date,
}: {
  dir: string;
  markdown: string;
  date: string;
}) {
  mkdirSync(dir, { recursive: true });
  let file = path.join(dir, `${date}.md`);
  for (let n = 2; existsSync(file); n += 1) file = path.join(dir, `${date}-${n}.md`);
  writeFileSync(file, `${markdown}\n`);
  writeFileSync(path.join(dir, "latest.md"), `${markdown}\n`);
  return file;
}

export const README_START = "<!-- bench:start -->";
export const README_END = "<!-- bench:end -->";

/** Replaces the README's table between the bench markers; false when the markers are missing. */
export function updateReadme({
  file,
  summary,
  resultFile,
}: {
  file: string;
  summary: string;
  resultFile: string;
}): boolean {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return false;
  const body = `${README_START}\n${summary}\n\nFull report: [${resultFile}](${resultFile}).\n${README_END}`;
  writeFileSync(file, text.slice(0, start) + body + text.slice(end + README_END.length));
  return true;
}
