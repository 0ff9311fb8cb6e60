import {
  ALLOWED_CADENCES,
  MAX_GOALS,
  type Outcome,
  type PlanAction,
  type PlanStatus,
} from "./plans.types.js";

// Pure rules of a success plan: its lifecycle, what makes a draft submittable, its schedule.

/** Where each lifecycle action may start from, and where it leads. */
const transitions: Record<PlanAction, { from: readonly PlanStatus[]; to: PlanStatus | "resume" }> =
  {
    submit: { from: ["draft", "changes_requested"], to: "in_review" },
    request_changes: { from: ["in_review"], to: "changes_requested" },
    approve: { from: ["in_review"], to: "approved" },
    reopen: { from: ["approved", "changes_requested", "in_review"], to: "draft" },
    issue: { from: ["approved"], to: "issued" },
    acknowledge: { from: ["issued"], to: "acknowledged" },
    // A plan can start without an acknowledgement: the record then shows it was never given.
    start: { from: ["issued", "acknowledged"], to: "active" },
    pause: { from: ["active", "extended"], to: "paused" },
    resume: { from: ["paused"], to: "resume" },
    extend: { from: ["active", "extended", "paused"], to: "extended" },
    close: {
      from: [
        "draft",
        "in_review",
        "changes_requested",
        "approved",
        "issued",
        "acknowledged",
        "active",
        "paused",
        "extended",
      ],
      to: "closed",
    },
  };

/** Outcomes that need a plan that actually ran; a plan never issued can only be withdrawn. */
const ranStatuses: readonly PlanStatus[] = [
  "issued",
  "acknowledged",
  "active",
  "paused",
  "extended",
];

export function allowedActions(status: PlanStatus): PlanAction[] {
  return (Object.keys(transitions) as PlanAction[]).filter((a) =>
    transitions[a].from.includes(status),
  );
}

export type TransitionResult =
  | { ok: true; next: PlanStatus }
  | { ok: false; allowed: PlanAction[]; message: string };

export function nextStatus({
  status,
  action,
  pausedFrom,
  outcome,
}: {
  status: PlanStatus;
  action: PlanAction;
  pausedFrom?: PlanStatus | null;
  outcome?: Outcome | null;
}): TransitionResult {
  const rule = transitions[action];
  const allowed = allowedActions(status);
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      allowed,
      message: `A plan that is ${status.replace("_", " ")} cannot be ${pastTense[action]}. Allowed next: ${allowed.join(", ") || "nothing"}.`,
    };
  }
  if (action === "close" && outcome && outcome !== "withdrawn" && !ranStatuses.includes(status)) {
    return {
      ok: false,
      allowed,
      message: "A plan that was never issued can only be closed as withdrawn.",
    };
  }
  if (rule.to === "resume") return { ok: true, next: pausedFrom ?? "active" };
  return { ok: true, next: rule.to };
}

const pastTense: Record<PlanAction, string> = {
  submit: "submitted",
  request_changes: "sent back for changes",
  approve: "approved",
  reopen: "reopened",
  issue: "issued",
  acknowledge: "acknowledged",
  start: "started",
  pause: "paused",
  resume: "resumed",
  extend: "extended",
  close: "closed",
};

/** Statuses in which the manager edits the draft in place. */
export const draftStatuses: readonly PlanStatus[] = ["draft", "changes_requested"];
/** Statuses in which a change makes a new version the employee must acknowledge again. */
export const versionedStatuses: readonly PlanStatus[] = [
  "issued",
  "acknowledged",
  "active",
  "paused",
  "extended",
];
/** Statuses the employee can see: never a draft or anything under review. */
export const employeeVisibleStatuses: readonly PlanStatus[] = [...versionedStatuses, "closed"];

export type PlanProblem = { path: string; message: string };

export type DraftForCheck = {
  standard: string;
  startDate: string | null;
  endDate: string | null;
  cadenceDays: number;
  goodFaith: "yes" | "no" | "unsure" | null;
  evidence: { id: string; title: string }[];
  causes: { cause: string }[];
  goals: {
    id: string;
    description: string;
    metric: string;
    direction: "up" | "down";
    baseline: number | null;
    target: number | null;
    dueDate: string | null;
    milestones: { id: string; dueDate: string; title: string }[];
  }[];
};

/** Problems that make a plan impossible to run as written (fairness is the review's job). */
export function completenessProblems(plan: DraftForCheck): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!plan.standard.trim())
    problems.push({ path: "standard", message: "Write down the standard that is not being met." });
  if (plan.evidence.length === 0)
    problems.push({
      path: "evidence",
      message: "Add at least one piece of evidence the employee can answer.",
    });
  if (plan.causes.length === 0)
    problems.push({
      path: "causes",
      message: "Diagnose at least one root cause before setting goals.",
    });
  if (plan.goals.length === 0) problems.push({ path: "goals", message: "Add at least one goal." });
  if (plan.goals.length > MAX_GOALS)
    problems.push({ path: "goals", message: `Keep to at most ${MAX_GOALS} goals.` });
  problems.push(...scheduleProblems(plan));
  plan.goals.forEach((g, i) => {
    const at = `goals.${i}`;
    problems.push(...goalProblems(g, at));
    if (
      g.dueDate &&
      plan.startDate &&
      plan.endDate &&
      (g.dueDate < plan.startDate || g.dueDate > plan.endDate)
    )
      problems.push({ path: `${at}.dueDate`, message: "The due date must fall within the plan." });
    if (!g.dueDate) problems.push({ path: `${at}.dueDate`, message: "Give the goal a due date." });
    g.milestones.forEach((m, j) => {
      if (
        plan.startDate &&
        plan.endDate &&
        (m.dueDate < plan.startDate || m.dueDate > plan.endDate)
      )
        problems.push({
          path: `${at}.milestones.${j}.dueDate`,
          message: "The milestone must fall within the plan.",
        });
    });
  });
  if (!plan.goodFaith) {
    problems.push({
      path: "goodFaith",
      message:
        "Answer the good-faith question: if this person meets every goal, will they stay in the role?",
    });
  }
  return problems;
}

/** A goal's own consistency: a number to move from and to, in the stated direction. */
export function goalProblems(
  g: Pick<
    DraftForCheck["goals"][number],
    "description" | "metric" | "direction" | "baseline" | "target"
  >,
  at: string,
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!g.description.trim())
    problems.push({ path: `${at}.description`, message: "Describe the goal." });
  if (!g.metric.trim())
    problems.push({ path: `${at}.metric`, message: "Name the metric that shows progress." });
  if (g.baseline === null)
    problems.push({
      path: `${at}.baseline`,
      message: "Give the baseline: where things stand today.",
    });
  if (g.target === null) problems.push({ path: `${at}.target`, message: "Give the target." });
  if (g.baseline !== null && g.target !== null) {
    if (g.baseline === g.target)
      problems.push({
        path: `${at}.target`,
        message: "The target equals the baseline: there is nothing to improve.",
      });
    else if (g.direction === "up" && g.target < g.baseline)
      problems.push({
        path: `${at}.target`,
        message: "For a metric that should go up, the target must be above the baseline.",
      });
    else if (g.direction === "down" && g.target > g.baseline)
      problems.push({
        path: `${at}.target`,
        message: "For a metric that should go down, the target must be below the baseline.",
      });
  }
  return problems;
}

export function scheduleProblems(
  plan: Pick<DraftForCheck, "startDate" | "endDate" | "cadenceDays">,
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!plan.startDate) problems.push({ path: "startDate", message: "Choose a start date." });
  if (!plan.endDate) problems.push({ path: "endDate", message: "Choose an end date." });
  if (plan.startDate && plan.endDate && plan.endDate <= plan.startDate)
    problems.push({ path: "endDate", message: "The end date must come after the start date." });
  if (!(ALLOWED_CADENCES as readonly number[]).includes(plan.cadenceDays))
    problems.push({
      path: "cadenceDays",
      message: "Check in weekly or every two weeks: never more than 14 days apart.",
    });
  return problems;
}

const DAY = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

export function addDaysIso(iso: string, days: number): string {
  return toIso(new Date(toDate(iso).getTime() + days * DAY));
}

export function daysBetween(fromIso: string, toIsoDate: string): number {
  return Math.round((toDate(toIsoDate).getTime() - toDate(fromIso).getTime()) / DAY);
}

/**
 * Check-in dates from the cadence: every `cadenceDays` after the start, and one on the last day,
 * so no two are ever more than the cadence apart.
 */
export function checkinDates({
  startDate,
  endDate,
  cadenceDays,
}: {
  startDate: string;
  endDate: string;
  cadenceDays: number;
}): string[] {
  const dates: string[] = [];
  for (let d = addDaysIso(startDate, cadenceDays); d < endDate; d = addDaysIso(d, cadenceDays))
    dates.push(d);
  if (endDate > startDate) dates.push(endDate);
  return dates;
}

/**
 * Where a plan stands on sealing at `now`: sealed once it closed with its goals met; the manager
 * who ran it may open it until `sealedManagerUntil`.
 */
export function sealStateOf(
  plan: { sealedAt: Date | null; sealedManagerUntil: Date | null },
  now: Date,
): { sealed: boolean; sealedManagerAccess: boolean } {
  if (!plan.sealedAt) return { sealed: false, sealedManagerAccess: true };
  return {
    sealed: true,
    sealedManagerAccess: !!plan.sealedManagerUntil && plan.sealedManagerUntil > now,
  };
}
