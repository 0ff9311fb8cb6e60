import { addDaysIso, daysBetween } from "../plans/plans.rules.js";
import { checkGoal, checkWording } from "./review.language.js";
import {
  defaultPolicy,
  type Finding,
  type LanguageCode,
  type PlanForReview,
  type ProtectedActivityKind,
  type ReviewHistory,
  type ReviewPolicy,
  type Severity,
} from "./review.types.js";

// The plan review (see docs/domain: "Guardrails (the plan review)"): pure rules that read a plan
// and what happened before it, and explain what would make it unfair. No I/O.

/** Every code the review can emit, with its usual severity and a short label for the UI and docs. */
export const reviewCodes = {
  // From the language checker (it decides the severity; these are the usual ones).
  "goal.trait_based": { severity: "warning", title: "Trait-based goal" },
  "goal.vague": { severity: "warning", title: "Vague goal" },
  "goal.not_measurable": { severity: "warning", title: "Goal not measurable" },
  "goal.not_time_bound": { severity: "warning", title: "Goal has no deadline" },
  "goal.absolute": { severity: "warning", title: "Absolute goal" },
  "wording.judgemental": { severity: "warning", title: "Judgemental wording" },
  // Goals.
  "goal.no_baseline": { severity: "warning", title: "No baseline" },
  "goal.no_target": { severity: "warning", title: "No target" },
  "goal.no_resources": { severity: "warning", title: "Goal without support" },
  "goal.target_unrealistic": { severity: "warning", title: "Target beyond history" },
  // The plan as a whole.
  "plan.too_short": { severity: "blocker", title: "Plan too short" },
  "plan.checkins_sparse": { severity: "warning", title: "Too few check-ins" },
  "plan.no_early_win": { severity: "warning", title: "No early win" },
  "plan.too_many_goals": { severity: "warning", title: "Too many goals" },
  "plan.no_root_cause": { severity: "warning", title: "No root cause" },
  "plan.surprise": { severity: "blocker", title: "No prior notice" },
  "plan.retaliation_risk": { severity: "blocker", title: "Retaliation risk" },
  "plan.one_on_ones_cancelled": { severity: "warning", title: "1:1s mostly cancelled" },
  "plan.behaviour_only": { severity: "info", title: "Behaviour-only issue" },
  "plan.good_faith_failed": { severity: "blocker", title: "Good-faith test failed" },
  "plan.good_faith_unsure": { severity: "info", title: "Good faith unsure" },
  // Info before the plan is issued, a warning after.
  "plan.evidence_unanswered": { severity: "warning", title: "Evidence not answered" },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type ReviewCode = keyof typeof reviewCodes;

export type ReviewInput = {
  plan: PlanForReview;
  history: ReviewHistory;
  /** The organisation's thresholds; anything left out takes its default. */
  policy?: Partial<ReviewPolicy>;
  /** The reference moment: now for a draft, the issue time for an issued plan. */
  now: Date;
};

/** Everything the review notices about a plan, blockers first. */
export function reviewPlan({ plan, history, policy, now }: ReviewInput): Finding[] {
  const p: ReviewPolicy = { ...defaultPolicy, ...policy };
  const ref = now.toISOString().slice(0, 10);
  const findings: Finding[] = [
    ...languageFindings(plan),
    ...goalFindings(plan, history, p),
    ...scheduleFindings(plan, p),
    ...structureFindings(plan, p),
    ...historyFindings(history, p, ref),
    ...goodFaithFindings(plan),
    ...evidenceFindings(plan),
  ];
  return sortFindings(findings);
}

/** Only the findings that stop a plan from being issued (until HR overrides them). */
export function blockers(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "blocker");
}

const severityRank: Record<Severity, number> = { blocker: 0, warning: 1, info: 2 };

/** Blockers, then warnings, then info; by path within a severity ("goals.2" before "goals.10"). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => severityRank[a.severity] - severityRank[b.severity] || comparePaths(a.path, b.path),
  );
}

function comparePaths(a: string, b: string): number {
  const as = a.split(".");
  const bs = b.split(".");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

// ---------- language ----------

function finding(
  code: ReviewCode,
  path: string,
  message: string,
  suggestion?: string,
  severity: Severity = reviewCodes[code].severity,
): Finding {
  return suggestion === undefined
    ? { code, severity, path, message }
    : { code, severity, path, message, suggestion };
}

const isMeasured = (g: PlanForReview["goals"][number]) =>
  g.metric.trim() !== "" && g.baseline !== null && g.target !== null;

/** Language findings the goal's structured fields already answer. */
function suppressed(code: LanguageCode, g: PlanForReview["goals"][number]): boolean {
  if (code === "goal.not_time_bound") return g.dueDate !== null;
  if (code === "goal.not_measurable") return isMeasured(g);
  return false;
}

function languageFindings(plan: PlanForReview): Finding[] {
  const findings: Finding[] = [];
  plan.goals.forEach((g, i) => {
    for (const f of checkGoal(g.description).findings) {
      if (suppressed(f.code, g)) continue;
      findings.push(finding(f.code, `goals.${i}.description`, f.message, f.suggestion, f.severity));
    }
  });
  const texts: [string, string][] = [["standard", plan.standard]];
  plan.evidence.forEach((e, i) => {
    texts.push([`evidence.${i}.description`, e.description], [`evidence.${i}.impact`, e.impact]);
  });
  for (const [path, text] of texts) {
    const hits = checkWording(text);
    if (hits.length === 0) continue;
    const words = [...new Set(hits.flatMap((h) => h.words))];
    const message =
      words.length > 0
        ? `${quoteList(words)} ${words.length === 1 ? "judges" : "judge"} the person rather than describing what happened. Write facts and their impact, not emotion: the employee can answer facts, not labels.`
        : hits[0]!.message;
    findings.push(
      finding(
        "wording.judgemental",
        path,
        message,
        hits[0]!.suggestion || "Describe what happened, when, and its effect on the work.",
      ),
    );
  }
  return findings;
}

// ---------- goals ----------

function goalFindings(plan: PlanForReview, history: ReviewHistory, p: ReviewPolicy): Finding[] {
  const findings: Finding[] = [];
  plan.goals.forEach((g, i) => {
    const at = `goals.${i}`;
    if (g.baseline === null)
      findings.push(
        finding(
          "goal.no_baseline",
          `${at}.baseline`,
          "This goal has no baseline. Without knowing where things stand today, nobody can show the person improved, and the outcome comes down to opinion.",
          "Add today's value of the metric, taken from the evidence.",
        ),
      );
    if (g.target === null)
      findings.push(
        finding(
          "goal.no_target",
          `${at}.target`,
          "This goal has no target. The person cannot tell what counts as success, or whether they are on track.",
          "Set the number that counts as success by the due date.",
        ),
      );
    if (g.resources.length === 0)
      findings.push(
        finding(
          "goal.no_resources",
          `${at}.resources`,
          "This goal has no support attached. A goal without support tests the person; it doesn't help them improve.",
          "Add what makes it reachable: training, a mentor, time set aside, tools, or a lighter load meanwhile.",
        ),
      );
    const unrealistic = unrealisticTarget(g, history, p, `${at}.target`);
    if (unrealistic) findings.push(unrealistic);
  });
  return findings;
}

const metricKey = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/** Linear-interpolation quantile of sorted values (q in 0..1). */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

function unrealisticTarget(
  g: PlanForReview["goals"][number],
  history: ReviewHistory,
  p: ReviewPolicy,
  path: string,
): Finding | null {
  if (g.target === null || !g.metric.trim()) return null;
  const key = metricKey(g.metric);
  const valuesOf = (scope: "person" | "team") =>
    history.metrics
      .filter((m) => m.scope === scope && metricKey(m.metric) === key)
      .flatMap((m) => m.values)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
  const person = valuesOf("person");
  const team = valuesOf("team");
  if (person.length === 0 && team.length === 0) return null;

  const up = g.direction === "up";
  const personBest = person.length ? (up ? person.at(-1)! : person[0]!) : null;
  const teamQuartile = team.length ? quantile(team, up ? 0.75 : 0.25) : null;
  const known = [personBest, teamQuartile].filter((v): v is number => v !== null);
  const bound = up ? Math.max(...known) : Math.min(...known);
  const slack = Math.abs(bound) * p.targetStretch;
  const limit = up ? bound + slack : bound - slack;
  if (up ? g.target <= limit : g.target >= limit) return null;

  const facts = [
    personBest !== null && `this person's ${up ? "best" : "lowest"} is ${fmt(personBest)}`,
    teamQuartile !== null &&
      `the team's ${up ? "upper" : "lower"} quartile is ${fmt(teamQuartile)}`,
  ].filter((s): s is string => typeof s === "string");
  return finding(
    "goal.target_unrealistic",
    path,
    `The target of ${fmt(g.target)} is ${up ? "above" : "below"} anything recorded: ${facts.join(" and ")}. A target nobody has reached sets the person up to fail.`,
    `Aim for ${up ? "at most" : "no lower than"} about ${fmt(limit)}, or explain what extra support makes a bigger step realistic.`,
  );
}

// ---------- schedule ----------

function scheduleFindings(plan: PlanForReview, p: ReviewPolicy): Finding[] {
  const findings: Finding[] = [];
  const { startDate, endDate } = plan;
  if (startDate && endDate) {
    const days = daysBetween(startDate, endDate);
    // An end before the start is a typing slip the editor already points out, not a short plan.
    if (days > 0 && days < p.minPlanDays)
      findings.push(
        finding(
          "plan.too_short",
          "endDate",
          `The plan runs ${days} days; the minimum is ${p.minPlanDays}. Real improvement takes time, and a plan too short to succeed is a paper trail, not a chance.`,
          `Move the end date to ${addDaysIso(startDate, p.minPlanDays)} or later.`,
        ),
      );
  }

  const sparse = sparseCheckins(plan, p);
  if (sparse) findings.push(sparse);

  if (startDate && plan.goals.length > 0) {
    const early = plan.goals.some((g) =>
      g.milestones.some((m) => {
        const d = daysBetween(startDate, m.dueDate);
        return d >= 0 && d <= p.earlyWinDays;
      }),
    );
    if (!early)
      findings.push(
        finding(
          "plan.no_early_win",
          "goals",
          `No milestone falls within the first ${p.earlyWinDays} days. A small early win rebuilds confidence; without one the person may spend weeks not knowing whether they are on track.`,
          `Add a small first milestone due by ${addDaysIso(startDate, p.earlyWinDays)}.`,
        ),
      );
  }
  return findings;
}

function sparseCheckins(plan: PlanForReview, p: ReviewPolicy): Finding | null {
  const suggestion = `Check in at least every ${p.maxCheckinGapDays} days; weekly is best.`;
  const why = "Check-ins are where problems are caught early and support is adjusted.";
  if (plan.cadenceDays > p.maxCheckinGapDays)
    return finding(
      "plan.checkins_sparse",
      "cadenceDays",
      `Check-ins every ${plan.cadenceDays} days leave the person on their own too long; the most allowed is ${p.maxCheckinGapDays}. ${why}`,
      suggestion,
    );

  const { startDate, endDate } = plan;
  let dates: string[];
  // Dates that follow from the cadence are never further apart than the cadence itself (checked
  // above): only an explicit schedule needs walking.
  if (plan.checkinDates) dates = [...plan.checkinDates].sort();
  else return null;
  if (dates.length === 0) {
    if (!startDate || !endDate || daysBetween(startDate, endDate) <= p.maxCheckinGapDays)
      return null;
    return finding(
      "plan.checkins_sparse",
      "cadenceDays",
      `No check-ins are planned between ${startDate} and ${endDate}: the person would be on their own for the whole plan. ${why}`,
      suggestion,
    );
  }
  const chain = startDate ? [startDate, ...dates] : dates;

  let worst: { from: string; to: string; days: number } | null = null;
  for (let i = 1; i < chain.length; i++) {
    const days = daysBetween(chain[i - 1]!, chain[i]!);
    if (days > p.maxCheckinGapDays && (!worst || days > worst.days))
      worst = { from: chain[i - 1]!, to: chain[i]!, days };
  }
  if (!worst) return null;
  return finding(
    "plan.checkins_sparse",
    "cadenceDays",
    `There are ${worst.days} days between ${worst.from === startDate ? "the start" : "the check-in on"} ${worst.from} and the check-in on ${worst.to}; the most allowed is ${p.maxCheckinGapDays}. ${why}`,
    suggestion,
  );
}

// ---------- structure ----------

function structureFindings(plan: PlanForReview, p: ReviewPolicy): Finding[] {
  const findings: Finding[] = [];
  if (plan.goals.length > p.maxGoals)
    findings.push(
      finding(
        "plan.too_many_goals",
        "goals",
        `The plan has ${plan.goals.length} goals; the most recommended is ${p.maxGoals}. Too many goals at once spread the effort thin and make success less likely.`,
        "Keep the goals that matter most; the rest can be coached outside the plan.",
      ),
    );
  if (plan.causes.length === 0)
    findings.push(
      finding(
        "plan.no_root_cause",
        "causes",
        "No root cause has been diagnosed. Without knowing why performance slipped (unclear expectations, a missing skill, overload, missing tools, something personal) the goals may miss the real problem.",
        "Talk with the person about what gets in the way, and record the causes before setting goals.",
      ),
    );
  if (
    plan.goals.length > 0 &&
    plan.goals.every((g) => !g.metric.trim() && g.baseline === null && g.target === null)
  )
    findings.push(
      finding(
        "plan.behaviour_only",
        "goals",
        "No goal has a metric, a baseline or a target: the issue is about behaviour only. A plan is built to measure progress, and behaviour that no number captures is usually better handled in a documented performance discussion.",
        "Consider a documented performance discussion instead, or add a measure of the behaviour's effect on the work.",
      ),
    );
  return findings;
}

// ---------- history ----------

const activityLabels: Record<ProtectedActivityKind, string> = {
  complaint: "a complaint",
  grievance: "a grievance",
  promotion_request: "a promotion request",
  transfer_request: "a transfer request",
  leave: "leave",
  accommodation_request: "an accommodation request",
};

/** Whether an ISO date falls in the `days` before the reference day, both ends included. */
function within(date: string, ref: string, days: number): boolean {
  const ago = daysBetween(date.slice(0, 10), ref);
  return ago >= 0 && ago <= days;
}

function historyFindings(history: ReviewHistory, p: ReviewPolicy, ref: string): Finding[] {
  const findings: Finding[] = [];

  const noticed = history.priorNotice.some(
    (n) => n.sharedWithEmployee && within(n.date, ref, p.priorNoticeDays),
  );
  if (!noticed)
    findings.push(
      finding(
        "plan.surprise",
        "plan",
        `The employee has no written record of hearing about this issue in the ${p.priorNoticeDays} days before the plan: no feedback or 1:1 notes shared with them. A plan should never be the first time someone hears there is a problem.`,
        "Share written feedback, or hold a 1:1 on the issue and share the notes, first. If the issue was raised another way, HR can override this with a reason.",
      ),
    );

  const recent = history.protectedActivities
    .filter((a) => within(a.date, ref, p.protectedActivityDays))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (recent.length > 0)
    findings.push({
      ...finding(
        "plan.retaliation_risk",
        "plan",
        `This plan comes within ${p.protectedActivityDays} days of ${listing(recent.map((a) => `${activityLabels[a.kind]} on ${a.date.slice(0, 10)}`))}. A plan soon after a protected activity can be, or look like, retaliation: HR must review it before it goes ahead.`,
        "Check that the evidence predates the activity and stands on its own; record your reasoning if you override.",
      ),
      audience: "hr",
    });

  const past = history.oneOnOnes.filter(
    (o) => o.status !== "scheduled" && within(o.date, ref, p.oneOnOneWindowDays),
  );
  const cancelled = past.filter((o) => o.status === "cancelled").length;
  if (past.length > 0 && cancelled / past.length >= p.cancelledOneOnOnesShare)
    findings.push(
      finding(
        "plan.one_on_ones_cancelled",
        "plan",
        `${cancelled} of the ${past.length} 1:1s with this person in the last ${p.oneOnOneWindowDays} days were cancelled. Without regular 1:1s they have had little chance to hear about the issue and get help before a plan.`,
        "Hold the 1:1s and coach on the issue first; then decide whether a plan is still needed.",
      ),
    );
  return findings;
}

// ---------- good faith and evidence ----------

function goodFaithFindings(plan: PlanForReview): Finding[] {
  if (plan.goodFaith === "no")
    return [
      finding(
        "plan.good_faith_failed",
        "goodFaith",
        "You answered that this person would not stay even if they met every goal. A plan is the wrong tool when the outcome is already decided: it asks for effort that cannot change anything.",
        "Don't issue the plan. Be honest with the person, and talk to HR about a fair exit.",
      ),
    ];
  if (plan.goodFaith === "unsure")
    return [
      finding(
        "plan.good_faith_unsure",
        "goodFaith",
        "You are unsure whether this person would stay if they met every goal. A plan is only fair when meeting it really means keeping the role.",
        "Settle that with HR before issuing the plan.",
      ),
    ];
  return [];
}

function evidenceFindings(plan: PlanForReview): Finding[] {
  const open = plan.evidence.filter((e) => e.answeredAt === null).length;
  if (open === 0) return [];
  const items = open === 1 ? "1 evidence item" : `${open} evidence items`;
  if (!plan.issued)
    return [
      finding(
        "plan.evidence_unanswered",
        "evidence",
        `${items} not answered yet: the employee will see and answer the evidence when the plan is issued.`,
        undefined,
        "info",
      ),
    ];
  return [
    finding(
      "plan.evidence_unanswered",
      "evidence",
      `${items} not yet answered by the employee. Their side belongs in the record; evidence they have not answered tells only one side.`,
      "Remind the employee they can answer each item, and go through the evidence together at the next check-in.",
    ),
  ];
}

// ---------- wording ----------

function listing(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function quoteList(words: string[]): string {
  const quoted = words.map((w) => `"${w}"`);
  return words.length === 1 ? `The word ${quoted[0]}` : `The words ${listing(quoted)}`;
}
