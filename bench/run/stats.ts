// Percentiles, and one measurement out of several rounds of the same load.

import type { LoadResult, Measurement, ProcessUsage } from "./types.js";

/** Nearest-rank percentile of ascending values; NaN when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type Round = { load: LoadResult; latenciesMs: number[]; usage: ProcessUsage };

/**
 * Rounds taken turn about with the other server pool into one measurement: percentiles over
 * every response of every round, requests over the seconds of all rounds, CPU weighted by
 * time, the highest memory. A burst of other work on the machine then weighs on both sides.
 */
export function combineRounds(rounds: Round[]): Measurement {
  const sorted = Float64Array.from(rounds.flatMap((r) => r.latenciesMs)).sort();
  const seconds = rounds.reduce((sum, r) => sum + r.load.seconds, 0);
  const statusCodes: Record<string, number> = {};
  for (const r of rounds)
    for (const [code, n] of Object.entries(r.load.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const sum = (pick: (r: Round) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  const weighted = (pick: (r: Round) => number | null) =>
    rounds.some((r) => pick(r) === null)
      ? null
      : sum((r) => (pick(r) ?? 0) * r.load.seconds) / seconds;
  const load: LoadResult = {
    requests: sorted.length,
    seconds,
    requestsPerSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    non2xx: sum((r) => r.load.non2xx),
    errors: sum((r) => r.load.errors),
    timeouts: sum((r) => r.load.timeouts),
    statusCodes,
    firstErrorBody: rounds.find((r) => r.load.firstErrorBody)?.load.firstErrorBody ?? null,
  };
  const usage: ProcessUsage = {
    peakRssMB: Math.max(...rounds.map((r) => r.usage.peakRssMB)),
    cpuCores: weighted((r) => r.usage.cpuCores) ?? 0,
    databaseCpuCores: weighted((r) => r.usage.databaseCpuCores),
  };
  return { load, usage };
}
