// Insight: what HR and L&D see of the organisation in numbers. Every report says which filters
// made it and whether names were allowed; a figure hidden to protect a small group is `null`.
import type { CauseKind, Outcome, ResourceKind } from "../plans/plans.types.js";

export const insightSections = ["outcomes", "causes", "coaching", "risk", "fairness"] as const;
export type InsightSection = (typeof insightSections)[number];

/** The industry's record: 5–10% of people on a plan stay. The number to beat. */
export const INDUSTRY_SUCCESS_RATE = { low: 0.05, high: 0.1 } as const;

/** The smallest group the organisation may allow, and the default. */
export const MIN_GROUP_SIZE_FLOOR = 5;

/** What the reader asked for: dates are ISO days, inclusive. */
export type InsightFilters = {
  department?: string;
  /** That manager's whole organisation: direct and indirect reports. HR only. */
  managerId?: string;
  from: string;
  to: string;
};

export type InsightMeta = {
  filters: InsightFilters;
  /** "named": HR in scope, who may see managers' names and open plans. "aggregate": counts only. */
  view: "named" | "aggregate";
  /** Groups (and, for the aggregate view, whole breakdowns) under this size are hidden. */
  minGroupSize: number;
  generatedAt: string;
};

/** A share with what it is made of; `rate` is null when there is nothing to divide by. */
export type Rate = { count: number; of: number; rate: number | null };

// ---------- plan outcomes ----------

export type OutcomesReport = {
  meta: InsightMeta;
  /** True when the aggregate view hid the figures because too few plans closed. */
  suppressed: boolean;
  /** Plans closed in the period; success = closed with the goals met. */
  success: Rate;
  industry: typeof INDUSTRY_SUCCESS_RATE;
  byOutcome: { outcome: Outcome; count: number }[];
  /** Month by month (YYYY-MM), by the day the plan closed. */
  overTime: { month: string; closed: number; goalsMet: number; rate: number | null }[];
  /** Days from issue to a goals-met close. */
  timeToImprovement: {
    plans: number;
    medianDays: number | null;
    buckets: { label: string; count: number }[];
  };
  /** Plans given more time in the period, and plans withdrawn. */
  extended: number;
  withdrawn: number;
  /** Plans running now (issued, acknowledged, active, paused, extended). */
  running: number;
};

// ---------- why plans start and what helps ----------

export type CausesReport = {
  meta: InsightMeta;
  suppressed: boolean;
  /** Root causes named on plans opened in the period, and how those plans ended. */
  causes: {
    cause: CauseKind;
    plans: number;
    closed: number;
    goalsMet: number;
    rate: number | null;
  }[];
  /** Per kind of resource on closed plans: delivered vs not, and the success of each side. */
  resources: {
    kind: ResourceKind;
    delivered: Rate;
    notDelivered: Rate;
  }[];
  /** Closed plans whose support was all delivered, against those where some was not. */
  association: {
    allDelivered: Rate;
    someNotDelivered: Rate;
    /** Two-sided Fisher exact test of the two rates; null when either side is empty. */
    pValue: number | null;
  };
  /** Average confidence at the n-th check-in, plans that ended with goals met against the rest. */
  confidence: {
    checkin: number;
    successful: number | null;
    successfulPlans: number;
    unsuccessful: number | null;
    unsuccessfulPlans: number;
  }[];
};

// ---------- coaching health by manager ----------

export type CoachingFigures = {
  reports: number;
  oneOnOnesHeld: number;
  oneOnOnesCancelled: number;
  /** held ÷ (held + cancelled) */
  heldRate: number | null;
  feedbackGiven: number;
  feedbackPerReportPerMonth: number | null;
  commitmentsDue: number;
  commitmentsKept: number;
  keptRate: number | null;
  plansOpened: number;
  plansPer100Reports: number | null;
  plansWithoutPriorFeedback: number;
  shareWithoutPriorFeedback: number | null;
};

export type CoachingReport = {
  meta: InsightMeta;
  /** True when the aggregate view hid the figures and bands because too few managers are in it. */
  suppressed: boolean;
  organisation: CoachingFigures & { managers: number };
  /** One row a manager (named view only; empty for the aggregate view). */
  managers: (CoachingFigures & { managerId: string; name: string; department: string })[];
  /** How many managers fall in each band of 1:1s held, for the chart (both views). */
  heldRateBands: { band: string; managers: number }[];
  /** Paging over `managers`, worst held rate first unless sorted otherwise. */
  page: { offset: number; limit: number; total: number };
};

// ---------- risk ----------

export const riskFlags = [
  "open_blockers",
  "overridden_findings",
  "retaliation_window",
  "overdue_checkins",
  "unanswered_clarifications",
] as const;
export type RiskFlag = (typeof riskFlags)[number];

export type RiskReport = {
  meta: InsightMeta;
  /** True when the aggregate view hid the counts because too few plans are running. */
  suppressed: boolean;
  /** Running plans with each flag (a plan may carry several). */
  counts: { flag: RiskFlag; plans: number }[];
  running: number;
  /** The plans themselves: named view only; empty for the aggregate view. */
  plans: {
    planId: string;
    employeeName: string;
    managerName: string;
    department: string;
    status: string;
    flags: RiskFlag[];
    overdueCheckins: number;
    unansweredClarifications: number;
  }[];
};

// ---------- fairness ----------

export type FairnessGroup = {
  group: string;
  /** null when the group is hidden (fewer people than the minimum, or to protect another). */
  people: number | null;
  placed: number | null;
  rate: number | null;
  /** Lowest placement rate ÷ this group's rate; under 0.8 fails the four-fifths rule. */
  impactRatio: number | null;
  fourFifthsFails: boolean;
  /** Two-proportion z statistic against the reference group (standard deviations). */
  z: number | null;
  /** Two-sided Fisher exact test against the reference group. */
  pValue: number | null;
  significant: boolean;
  reference: boolean;
  suppressed: boolean;
};

export type FairnessReport = {
  meta: InsightMeta;
  /** Attributes HR has recorded for anyone in scope (e.g. gender, age_band). */
  attributes: string[];
  attribute: string | null;
  /** People in scope at any time in the period, and plans issued to them in the period. */
  groups: FairnessGroup[];
  /**
   * People in scope with nothing recorded for this attribute: counted, never compared; null
   * when fewer than the minimum group size.
   */
  notRecorded: number | null;
  significanceLevel: number;
};
