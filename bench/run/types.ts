// Shapes passed between the benchmark's processes (as JSON) and its report.

/** A value as it goes over the wire to PostgreSQL: text, null, or bytes (base64). */
export type WireValue = string | null | { base64: string };

/** One statement the app sent for one request, exactly as sent. */
export type Statement = {
  text: string;
  values: WireValue[];
  /** "array" when the driver asked for rows as arrays (drizzle's selects do). */
  rowMode: "array" | null;
  /** The prepared statement's name, when the app named one. */
  name: string | null;
  /** Which pooled connection ran it, numbered in order of first use within the request. */
  connection: number;
};

export type EndpointKey = "team" | "plan" | "home" | "outcomes";

export type Endpoint = {
  key: EndpointKey;
  /** What the page is, for the report. */
  label: string;
  /** Who asks, for the report. */
  actor: string;
  path: string;
  token: string;
  /** p95 latency target at the benchmark's concurrency. */
  p95TargetMs: number;
  /** Minimum app ÷ floor throughput, or null when only latency is targeted. */
  throughputTarget: number | null;
};

export type Capture = {
  key: EndpointKey;
  path: string;
  status: number;
  /** Statements of one steady-state request (the second one; the first warms caches). */
  statements: Statement[];
  /** How many statements the first (cold) request sent, to show what caches save. */
  firstRequestStatements: number;
  /** Statements that change data (anything but SELECT, BEGIN, COMMIT, ROLLBACK, SET, SHOW). */
  writes: number;
  /** Connections the request used: more than one means it ran queries side by side. */
  connections: number;
};

export type CaptureOutput = {
  poolMax: number;
  captures: Capture[];
  /** Endpoints the app does not have (answered route.not_found). */
  missing: { key: EndpointKey; path: string }[];
};

export type LoadRequest = {
  url: string;
  token: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
};

export type LoadResult = {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Status codes seen, with counts, for a loud failure message. */
  statusCodes: Record<string, number>;
  /** The first body of a non-2xx answer, to say why. */
  firstErrorBody: string | null;
};

/** A server under load: its memory and CPU while the measured part ran. */
export type ProcessUsage = {
  /** Highest VmRSS sampled during the measured load, in MB (10⁶ bytes). */
  peakRssMB: number;
  /** Share of one core the process used during the measured load (1 = a full core). */
  cpuCores: number;
  /** The same for PostgreSQL's processes, when the benchmark started that PostgreSQL. */
  databaseCpuCores: number | null;
};

export type Measurement = {
  load: LoadResult;
  usage: ProcessUsage;
};

export type EndpointResult = {
  endpoint: Endpoint;
  capture: Capture;
  app: Measurement;
  floor: Measurement;
};
