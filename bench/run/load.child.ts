// Child process: the load generator. autocannon with N connections against one URL: a warm-up
// run whose numbers are thrown away, then the measured run. Every response's latency is kept
// (from autocannon's "response" event, in fractional milliseconds), so p50/p95/p99 are exact
// nearest-rank percentiles rather than autocannon's fixed set (which has no p95).
//
// Input: a LoadRequest as JSON in argv[2]. Output over IPC: { phase: "measuring" } when the
// measured run starts, then { result: LoadResult, latenciesMs: number[] } (every 2xx latency).

import autocannon from "autocannon";
import { percentile } from "./stats.js";
import type { LoadRequest, LoadResult } from "./types.js";

/** One autocannon run; `onResponse` sees every response as it comes. */
function fire(
  request: LoadRequest,
  seconds: number,
  onResponse?: (statusCode: number, responseTime: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        connections: request.connections,
        duration: seconds,
        headers: { authorization: `Bearer ${request.token}`, accept: "application/json" },
        // A slow answer is a result to report, not a failure of the run.
        timeout: 30,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (onResponse)
      instance.on("response", (_client, statusCode, _bytes, responseTime) =>
        onResponse(statusCode, responseTime),
      );
  });
}

async function main() {
  const request = JSON.parse(process.argv[2] ?? "{}") as LoadRequest;
  if (request.warmupSeconds > 0) await fire(request, request.warmupSeconds);

  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  process.send?.({ phase: "measuring" });
  const summary = await fire(request, request.durationSeconds, (statusCode, responseTime) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
  });

  const sorted = Float64Array.from(latencies).sort();
  const seconds = summary.duration;
  const non2xx = Object.entries(statusCodes)
    .filter(([code]) => !code.startsWith("2"))
    .reduce((sum, [, n]) => sum + n, 0);
  let firstErrorBody: string | null = null;
  if (non2xx > 0 || summary.errors > 0) {
    firstErrorBody = await fetch(request.url, {
      headers: { authorization: `Bearer ${request.token}` },
    })
      .then(async (r) => `${r.status} ${(await r.text()).slice(0, 500)}`)
      .catch((err: Error) => `no answer: ${err.message}`);
  }
  const result: LoadResult = {
    requests: sorted.length,
    seconds,
    requestsPerSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    non2xx,
    errors: summary.errors,
    timeouts: summary.timeouts,
    statusCodes,
    firstErrorBody,
  };
  process.send?.({ result, latenciesMs: Array.from(sorted) }, () => process.disconnect());
}

main().catch((err: unknown) => {
  process.send?.({ error: err instanceof Error ? err.message : String(err) }, () =>
    process.disconnect(),
  );
  process.exitCode = 1;
});
