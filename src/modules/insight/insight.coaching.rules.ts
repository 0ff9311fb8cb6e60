// PURE: the arithmetic of coaching health and risk. No I/O, no clock: days are passed in.
import {
  type CoachingFigures,
  type CoachingReport,
  type RiskFlag,
  type RiskReport,
  riskFlags,
} from "./insight.types.js";

// ---------- coaching health ----------

export const coachingSorts = ["held_rate", "feedback", "kept_rate", "plans", "name"] as const;
export type CoachingSort = (typeof coachingSorts)[number];

export const MAX_PAGE_LIMIT = 200;
export const DEFAULT_PAGE_LIMIT = 50;

/** What the database counts for one manager over the period; every figure follows from these. */
export type ManagerCounts = {
  managerId: string;
  name: string;
  department: string;
  reports: number;
  held: number;
  cancelled: number;
  feedbackGiven: number;
  commitmentsDue: number;
  commitmentsKept: number;
  plansOpened: number;
  plansWithoutPriorFeedback: number;
};

export type Totals = Omit<ManagerCounts, "managerId" | "name" | "department">;

export type ManagerRow = CoachingReport["managers"][number];

/** count ÷ of, or null when there is nothing to divide by. */
export function ratioOf({ count, of }: { count: number; of: number }): number | null {
  return of > 0 ? count / of : null;
}

/** An average month: 365.25 ÷ 12 days. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** The period's length in average months, both ends included ("2026-01-01".."2026-01-31" is 31 days). */
export function monthsInPeriod({ from, to }: { from: string; to: string }): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  return days / DAYS_PER_MONTH;
}

/** The figures a manager (or the whole organisation) shows, from the counts. */
export function figuresOf({ counts, months }: { counts: Totals; months: number }): CoachingFigures {
  const c = counts;
  return {
    reports: c.reports,
    oneOnOnesHeld: c.held,
    oneOnOnesCancelled: c.cancelled,
    heldRate: ratioOf({ count: c.held, of: c.held + c.cancelled }),
    feedbackGiven: c.feedbackGiven,
    feedbackPerReportPerMonth:
      c.reports > 0 && months > 0 ? c.feedbackGiven / c.reports / months : null,
    commitmentsDue: c.commitmentsDue,
    commitmentsKept: c.commitmentsKept,
    keptRate: ratioOf({ count: c.commitmentsKept, of: c.commitmentsDue }),
    plansOpened: c.plansOpened,
    plansPer100Reports: c.reports > 0 ? (c.plansOpened / c.reports) * 100 : null,
    plansWithoutPriorFeedback: c.plansWithoutPriorFeedback,
    shareWithoutPriorFeedback: ratioOf({
      count: c.plansWithoutPriorFeedback,
      of: c.plansOpened,
    }),
  };
}

const zeroTotals: Totals = {
  reports: 0,
  held: 0,
  cancelled: 0,
  feedbackGiven: 0,
  commitmentsDue: 0,
  commitmentsKept: 0,
  plansOpened: 0,
  plansWithoutPriorFeedback: 0,
};

/** The organisation's counts: every manager's added up (each report has one manager). */
export function sumCounts(rows: readonly Totals[]): Totals {
  const total = { ...zeroTotals };
  for (const r of rows)
    for (const key of Object.keys(total) as (keyof Totals)[]) total[key] += r[key];
  return total;
}

/** Bands of 1:1s held, in the order a chart shows them; "No 1:1s" when none were recorded. */
export const heldRateBandLabels = [
  "Under 50%",
  "50–69%",
  "70–89%",
  "90% or more",
  "No 1:1s",
] as const;
export type HeldRateBand = (typeof heldRateBandLabels)[number];

export function bandOf(heldRate: number | null): HeldRateBand {
  if (heldRate === null) return "No 1:1s";
  if (heldRate < 0.5) return "Under 50%";
  if (heldRate < 0.7) return "50–69%";
  if (heldRate < 0.9) return "70–89%";
  return "90% or more";
}

/** How many managers fall in each band; every band is listed, empty ones with 0. */
export function countBands(heldRates: readonly (number | null)[]): CoachingReport["heldRateBands"] {
  const counts = new Map<HeldRateBand, number>(heldRateBandLabels.map((b) => [b, 0]));
  for (const rate of heldRates) {
    const band = bandOf(rate);
    counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  return heldRateBandLabels.map((band) => ({ band, managers: counts.get(band) ?? 0 }));
}

/** Nulls go first (`"first"`) or last (`"last"`); numbers ascending or descending. */
function compareNullable(
  a: number | null,
  b: number | null,
  { direction, nulls }: { direction: "asc" | "desc"; nulls: "first" | "last" },
): number {
  if (a === null && b === null) return 0;
  if (a === null) return nulls === "first" ? -1 : 1;
  if (b === null) return nulls === "first" ? 1 : -1;
  return direction === "asc" ? a - b : b - a;
}

export const sortDirections = ["asc", "desc"] as const;
export type SortDirection = (typeof sortDirections)[number];

/**
 * Each sort's own direction: worst first, so the managers who most need support head the list.
 * - held_rate: lowest share of 1:1s held first; managers with no 1:1s at all before anyone.
 * - feedback: least feedback per report per month first.
 * - kept_rate: lowest share of commitments kept first.
 * - plans: most plans per 100 reports first.
 * - name: alphabetical.
 */
export const worstFirst: Record<CoachingSort, SortDirection> = {
  held_rate: "asc",
  feedback: "asc",
  kept_rate: "asc",
  plans: "desc",
  name: "asc",
};

/**
 * Managers in the order asked for, worst first unless `direction` says otherwise. No 1:1s (or no
 * feedback figure) counts as the lowest figure, so it leads lowest-first and ends highest-first;
 * nothing due (kept_rate) and no reports (plans) have nothing to judge and always come last.
 * Ties fall back to the name, then the id, so pages never overlap.
 */
export function sortManagers<T extends ManagerRow>(
  rows: readonly T[],
  sort: CoachingSort,
  direction: SortDirection = worstFirst[sort],
): T[] {
  const byName = (a: T, b: T) =>
    a.name.localeCompare(b.name) ||
    (a.managerId < b.managerId ? -1 : a.managerId > b.managerId ? 1 : 0);
  const lowest = direction === "asc" ? "first" : "last";
  const primary: Record<CoachingSort, (a: T, b: T) => number> = {
    held_rate: (a, b) => compareNullable(a.heldRate, b.heldRate, { direction, nulls: lowest }),
    feedback: (a, b) =>
      compareNullable(a.feedbackPerReportPerMonth, b.feedbackPerReportPerMonth, {
        direction,
        nulls: lowest,
      }),
    kept_rate: (a, b) => compareNullable(a.keptRate, b.keptRate, { direction, nulls: "last" }),
    plans: (a, b) =>
      compareNullable(a.plansPer100Reports, b.plansPer100Reports, { direction, nulls: "last" }),
    name: (a, b) => (direction === "asc" ? 0 : byName(b, a)),
  };
  return [...rows].sort((a, b) => primary[sort](a, b) || byName(a, b));
}

/** One page of rows. */
export function pageOf<T>(
  rows: readonly T[],
  { offset, limit }: { offset: number; limit: number },
) {
  return rows.slice(offset, offset + limit);
}

/** The organisation's figures with nothing shown: what the aggregate view gives a small group. */
export function hiddenFigures(managers: number): CoachingReport["organisation"] {
  return { ...figuresOf({ counts: zeroTotals, months: 1 }), managers };
}

/**
 * The aggregate view names no one: fewer managers than the minimum group size would let a
 * reader who knows the organisation tell whose figures these are.
 */
export function hidesCoaching({
  view,
  managers,
  minGroupSize,
}: {
  view: "named" | "aggregate";
  managers: number;
  minGroupSize: number;
}): boolean {
  return view === "aggregate" && managers < minGroupSize;
}

// ---------- risk ----------

export type PlanRiskFacts = {
  openBlockers: number;
  overriddenFindings: number;
  /** The review says the plan came within the retaliation window of a protected activity. */
  retaliationRisk: boolean;
  /** The day the plan was issued (or submitted), YYYY-MM-DD; null when it never was. */
  issuedOn: string | null;
  overdueCheckins: number;
  unansweredClarifications: number;
};

/**
 * The flags of one running plan. Every flag reads the plan as it stands now, except the
 * retaliation window, which belongs to the moment the plan was issued: it counts only for plans
 * issued in the period.
 */
export function flagsOf(
  facts: PlanRiskFacts,
  { from, to }: { from: string; to: string },
): RiskFlag[] {
  const on: Record<RiskFlag, boolean> = {
    open_blockers: facts.openBlockers > 0,
    overridden_findings: facts.overriddenFindings > 0,
    retaliation_window:
      facts.retaliationRisk &&
      facts.issuedOn !== null &&
      facts.issuedOn >= from &&
      facts.issuedOn <= to,
    overdue_checkins: facts.overdueCheckins > 0,
    unanswered_clarifications: facts.unansweredClarifications > 0,
  };
  return riskFlags.filter((f) => on[f]);
}

/** Plans with each flag; every flag is listed, those no plan carries with 0. */
export function countFlags(plans: readonly { flags: readonly RiskFlag[] }[]): RiskReport["counts"] {
  return riskFlags.map((flag) => ({
    flag,
    plans: plans.filter((p) => p.flags.includes(flag)).length,
  }));
}

/** Most flags first; then the most overdue check-ins and open questions; then by name. */
export function sortRiskPlans<T extends RiskReport["plans"][number]>(plans: readonly T[]): T[] {
  return [...plans].sort(
    (a, b) =>
      b.flags.length - a.flags.length ||
      b.overdueCheckins +
        b.unansweredClarifications -
        (a.overdueCheckins + a.unansweredClarifications) ||
      a.employeeName.localeCompare(b.employeeName) ||
      (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0),
  );
}

/** The aggregate view hides the counts when so few plans run that a reader could tell whose. */
export function hidesRisk({
  view,
  running,
  minGroupSize,
}: {
  view: "named" | "aggregate";
  running: number;
  minGroupSize: number;
}): boolean {
  return view === "aggregate" && running < minGroupSize;
}

// ---------- CSV cells ----------

/** A rate as a CSV cell: a decimal with four places, or empty when there is none. */
export function rateCell(rate: number | null): string {
  return rate === null ? "" : rate.toFixed(4);
}

/** A figure as a CSV cell with two places, or empty when there is none. */
export function numberCell(value: number | null): string {
  return value === null ? "" : String(Math.round(value * 100) / 100);
}
