// The vocabulary of the plan review: findings, the organisation's policy and the history a
// review reads. Pure types and defaults; no I/O.

export type Severity = "blocker" | "warning" | "info";

/** One thing the review noticed. `code` is stable and dotted; `path` points into the plan. */
export type Finding = {
  code: string;
  severity: Severity;
  /** Where in the plan: "goals.0.description", "evidence.1.description", "endDate", "plan". */
  path: string;
  message: string;
  suggestion?: string;
  /** "hr" findings concern facts only HR may know (a complaint, a leave); never shown to others. */
  audience?: "all" | "hr";
};

/** What the language checker says of one goal or expectation. */
export type LanguageCode =
  | "goal.trait_based"
  | "goal.vague"
  | "goal.not_measurable"
  | "goal.not_time_bound"
  | "goal.absolute";

export type GoalCheck = {
  text: string;
  verdict: "ok" | "flag";
  findings: { code: LanguageCode; severity: Severity; message: string; suggestion: string }[];
};

/** Thresholds an organisation may tune; every one has a default. */
export type ReviewPolicy = {
  /** Shorter than this (days) is a blocker: too little time to improve. */
  minPlanDays: number;
  /** More than this many days between check-ins leaves the employee alone too long. */
  maxCheckinGapDays: number;
  /** A milestone should fall within this many days of the start: an early win. */
  earlyWinDays: number;
  maxGoals: number;
  /** Written feedback or 1:1 notes on the issue must exist within this many days before. */
  priorNoticeDays: number;
  /** A protected activity within this many days before is a retaliation risk. */
  protectedActivityDays: number;
  /** Share of the pair's scheduled 1:1s cancelled (in `oneOnOneWindowDays`) that raises a flag. */
  cancelledOneOnOnesShare: number;
  oneOnOneWindowDays: number;
  /** How far (as a fraction, 0.1 = 10%) a target may go beyond recorded history. */
  targetStretch: number;
};

export const defaultPolicy: ReviewPolicy = {
  minPlanDays: 30,
  maxCheckinGapDays: 14,
  earlyWinDays: 14,
  maxGoals: 5,
  priorNoticeDays: 90,
  protectedActivityDays: 180,
  cancelledOneOnOnesShare: 0.5,
  oneOnOneWindowDays: 90,
  targetStretch: 0.1,
};

export const protectedActivityKinds = [
  "complaint",
  "grievance",
  "promotion_request",
  "transfer_request",
  "leave",
  "accommodation_request",
] as const;
export type ProtectedActivityKind = (typeof protectedActivityKinds)[number];

/** A plan as the review reads it: a saved plan or an unsaved draft. Dates are ISO "YYYY-MM-DD". */
export type PlanForReview = {
  /** Issued plans (anything the employee has seen) get some findings at a higher severity. */
  issued: boolean;
  standard: string;
  startDate: string | null;
  endDate: string | null;
  cadenceDays: number;
  /** Explicit check-in dates; when absent they follow from the cadence. */
  checkinDates?: string[];
  goodFaith: "yes" | "no" | "unsure" | null;
  evidence: {
    title: string;
    description: string;
    impact: string;
    /** When the employee answered it ("Do you see what I see?"); null: not yet. */
    answeredAt: string | null;
  }[];
  causes: { cause: string; notes: string }[];
  goals: {
    description: string;
    metric: string;
    unit: string;
    direction: "up" | "down";
    baseline: number | null;
    target: number | null;
    measurement: string;
    dueDate: string | null;
    resources: { kind: string; description: string }[];
    milestones: { title: string; dueDate: string; target: number | null }[];
  }[];
};

/** What happened before the plan, as far as Headway knows it. Every list may be empty. */
export type ReviewHistory = {
  /** Recorded values of a metric, for this person and for their team (not including them). */
  metrics: { metric: string; scope: "person" | "team"; values: number[] }[];
  /** Written feedback, 1:1 notes and documented discussions about the performance issue. */
  priorNotice: { date: string; kind: string; sharedWithEmployee: boolean }[];
  /** This manager–employee pair's scheduled 1:1s. */
  oneOnOnes: { date: string; status: "held" | "cancelled" | "scheduled" }[];
  protectedActivities: { date: string; kind: ProtectedActivityKind }[];
};

export const emptyHistory: ReviewHistory = {
  metrics: [],
  priorNotice: [],
  oneOnOnes: [],
  protectedActivities: [],
};

/** How the manager raised the issue before the plan ("Before this plan"). */
export const priorNoticeLabels = {
  written_feedback: "Written feedback",
  one_on_one: "1:1 conversation",
  documented_discussion: "Documented discussion",
  email: "Email",
} as const;
export type PriorNoticeKind = keyof typeof priorNoticeLabels;
