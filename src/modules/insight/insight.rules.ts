// PURE: the arithmetic of insight. No I/O, no clock: `today` is passed in.
import type { InsightFilters } from "./insight.types.js";

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
