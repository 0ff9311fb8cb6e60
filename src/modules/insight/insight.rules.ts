// PURE: the arithmetic of insight. No I/O, no clock: `today` is passed in.
import {
  type InsightFilters,
  MIN_GROUP_SIZE_FLOOR,
  type OutcomesReport,
  type Rate,
} from "./insight.types.js";

/** The longest period a report may cover. */
export const MAX_PERIOD_DAYS = 366 * 5;

export type FieldProblem = { path: string; message: string };

/** The same day `months` months away (the month's last day when it has fewer days). */
export function shiftMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString().slice(0, 10);
}

/**
 * Fills in the period (the twelve months to `today` unless given) and checks it: `from` on or
 * before `to`, at most five years. Problems name the field at fault; the caller throws.
 */
export function resolvePeriod({
  from,
  to,
  today,
}: {
  from?: string;
  to?: string;
  today: string;
}): Pick<InsightFilters, "from" | "to"> & { problems: FieldProblem[] } {
  const end = to ?? today;
  const start = from ?? shiftMonths(end, -12);
  const problems: FieldProblem[] = [];
  if (start > end)
    problems.push({ path: "from", message: "The period starts after it ends: pick a later end." });
  else if ((Date.parse(end) - Date.parse(start)) / 86_400_000 > MAX_PERIOD_DAYS)
    problems.push({ path: "from", message: "Pick a period of at most five years." });
  return { from: start, to: end, problems };
}

// ---------- figures ----------

/** A share and what it is made of; no rate when there is nothing to divide by. */
export function rateOf({ count, of }: { count: number; of: number }): Rate {
  return { count, of, rate: of > 0 ? count / of : null };
}

/** Every month (YYYY-MM) the period touches, first to last, so a chart has no gaps. */
export function listMonths({ from, to }: { from: string; to: string }): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const lastYear = Number(to.slice(0, 4));
  const lastMonth = Number(to.slice(5, 7));
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Time to improvement is read in months of a plan: most plans run 30 to 90 days. */
export const improvementBuckets = [
  { label: "Up to 30 days", upTo: 30 },
  { label: "31–60 days", upTo: 60 },
  { label: "61–90 days", upTo: 90 },
  { label: "Over 90 days", upTo: Number.POSITIVE_INFINITY },
] as const;

/** Days from issue to a goals-met close: how many, the median, and the count in each bucket. */
export function summariseImprovementDays({
  days,
}: {
  days: number[];
}): OutcomesReport["timeToImprovement"] {
  return {
    plans: days.length,
    medianDays: medianOf(days),
    buckets: improvementBuckets.map((b, i) => {
      const above = i === 0 ? Number.NEGATIVE_INFINITY : improvementBuckets[i - 1]!.upTo;
      return { label: b.label, count: days.filter((d) => d > above && d <= b.upTo).length };
    }),
  };
}

// ---------- statistics ----------

/** ln(k!) for k = 0..n, summed once per test so large populations stay exact enough. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) table[k] = table[k - 1]! + Math.log(k);
  return table;
}

/**
 * Two-sided Fisher exact test of a 2×2 table [[a, b], [c, d]] (rows: two groups; columns: with
 * and without the event). With the margins fixed, the count in the top-left cell follows the
 * hypergeometric distribution; the p-value sums the probability of every table as likely as the
 * one observed or less (the usual definition, as R's fisher.test and SciPy compute it).
 */
export function fisherExactTwoSided({
  a,
  b,
  c,
  d,
}: {
  a: number;
  b: number;
  c: number;
  d: number;
}): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  if (n === 0) return 1;
  const lf = logFactorials(n);
  const logChoose = (m: number, k: number) => lf[m]! - lf[k]! - lf[m - k]!;
  const logTotal = logChoose(n, row1);
  const logP = (x: number) => logChoose(col1, x) + logChoose(n - col1, row1 - x) - logTotal;
  const observed = logP(a);
  // Tables whose probability equals the observed one up to rounding count as "as extreme".
  const threshold = observed + Math.log1p(1e-7);
  let p = 0;
  for (let x = Math.max(0, row1 - (n - col1)); x <= Math.min(row1, col1); x++) {
    const lp = logP(x);
    if (lp <= threshold) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/**
 * The pooled two-proportion z statistic: (p₁ − p₂) ÷ √(p̂(1 − p̂)(1/n₁ + 1/n₂)), p̂ the pooled
 * rate. When p̂ is 0 or 1 both rates are equal and there is no spread: the difference is 0
 * standard deviations. Null when a group is empty.
 */
export function twoProportionZ({
  x1,
  n1,
  x2,
  n2,
}: {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
}): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 0;
  return (x1 / n1 - x2 / n2) / se;
}

// ---------- settings ----------

/** The largest minimum group size: beyond it nearly every breakdown would be hidden. */
export const MAX_MIN_GROUP_SIZE = 1000;

/** Problems with a minimum group size; empty when it can be used. */
export function minGroupSizeProblems({ size }: { size: number }): FieldProblem[] {
  if (!Number.isInteger(size) || size < MIN_GROUP_SIZE_FLOOR || size > MAX_MIN_GROUP_SIZE)
    return [
      {
        path: "minGroupSize",
        message: `Enter a whole number from ${MIN_GROUP_SIZE_FLOOR} to ${MAX_MIN_GROUP_SIZE}. Groups of fewer than ${MIN_GROUP_SIZE_FLOOR} people could identify someone.`,
      },
    ];
  return [];
}
