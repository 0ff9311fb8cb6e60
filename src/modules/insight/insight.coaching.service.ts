import type { Actor } from "../../access/access.types.js";
import type { Deps } from "../../deps.js";
import { keyringFor } from "../keys/keys.service.js";
import { toCsv } from "../org/org.csv.js";
import { annotate, isOpenBlocker, planForReview } from "../review/review.evaluate.js";
import { findPolicy } from "../review/review.repository.js";
import { reviewPlan } from "../review/review.rules.js";
import type { PlanForReview } from "../review/review.types.js";
import {
  countCoachingByManager,
  countOpenItemsOf,
  findOverridesOf,
  findPlanDocuments,
  findPriorNoticeOf,
  findProtectedActivitiesOf,
  findRunningPlans,
  type RunningPlan,
} from "./insight.coaching.repository.js";
import {
  type CoachingSort,
  countBands,
  countFlags,
  DEFAULT_PAGE_LIMIT,
  figuresOf,
  flagsOf,
  hiddenFigures,
  hidesCoaching,
  hidesRisk,
  type ManagerRow,
  monthsInPeriod,
  numberCell,
  type PlanRiskFacts,
  pageOf,
  rateCell,
  type SortDirection,
  sortManagers,
  sortRiskPlans,
  sumCounts,
} from "./insight.coaching.rules.js";
import type { InsightFilterInput } from "./insight.schemas.js";
import { type InsightScope, insightDb, resolveInsightScope } from "./insight.scope.js";
import type { CoachingReport, RiskFlag, RiskReport } from "./insight.types.js";

// Coaching health by manager, and plans at risk. HR in scope sees names; L&D sees counts only.

export type CoachingQueryInput = InsightFilterInput & {
  offset?: number;
  limit?: number;
  sort?: CoachingSort;
  direction?: SortDirection;
};

type Csv = { csv: string; filename: string };

const filenameOf = (section: string, scope: InsightScope) =>
  `headway-${section}-${scope.filters.from}-${scope.filters.to}.csv`;

const todayOf = (scope: InsightScope) => scope.now.toISOString().slice(0, 10);

/** Every manager's row (sorted), the organisation's figures and the bands, before paging. */
async function buildCoaching(
  deps: Deps,
  { actor, query }: { actor: Actor; query: CoachingQueryInput },
) {
  const scope = await resolveInsightScope(deps, { actor, query, section: "coaching" });
  const db = insightDb(deps);
  const policy = await findPolicy(db);
  const counts = await countCoachingByManager(db, {
    scope,
    today: todayOf(scope),
    priorNoticeDays: policy.priorNoticeDays,
  });
  const months = monthsInPeriod(scope.filters);
  const rows: ManagerRow[] = counts.map((c) => ({
    managerId: c.managerId,
    name: c.name,
    department: c.department,
    ...figuresOf({ counts: c, months }),
  }));
  const suppressed = hidesCoaching({
    view: scope.view,
    managers: rows.length,
    minGroupSize: scope.minGroupSize,
  });
  const organisation = suppressed
    ? hiddenFigures(rows.length)
    : { ...figuresOf({ counts: sumCounts(counts), months }), managers: rows.length };
  const bands = countBands(suppressed ? [] : rows.map((r) => r.heldRate)).map((b) => ({
    ...b,
    managers: suppressed ? 0 : b.managers,
  }));
  return {
    scope,
    suppressed,
    organisation,
    bands,
    managers:
      scope.view === "named" ? sortManagers(rows, query.sort ?? "held_rate", query.direction) : [],
  };
}

/**
 * Coaching health by manager. The named view (HR in scope) pages through managers, worst first;
 * the aggregate view (L&D) gets the organisation's figures and the bands, never a manager.
 */
export async function getCoachingReport(
  deps: Deps,
  { actor, query }: { actor: Actor; query: CoachingQueryInput },
): Promise<CoachingReport> {
  const built = await buildCoaching(deps, { actor, query });
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  return {
    meta: built.scope.meta,
    suppressed: built.suppressed,
    organisation: built.organisation,
    managers: pageOf(built.managers, { offset, limit }),
    heldRateBands: built.bands,
    page: { offset, limit, total: built.managers.length },
  };
}

const coachingColumns = [
  "row",
  "manager",
  "department",
  "band",
  "managers",
  "reports",
  "one_on_ones_held",
  "one_on_ones_cancelled",
  "held_rate",
  "feedback_given",
  "feedback_per_report_per_month",
  "commitments_due",
  "commitments_kept",
  "kept_rate",
  "plans_opened",
  "plans_per_100_reports",
  "plans_without_prior_feedback",
  "share_without_prior_feedback",
] as const;

function figureCells(f: CoachingReport["organisation"] | ManagerRow): Record<string, string> {
  return {
    reports: String(f.reports),
    one_on_ones_held: String(f.oneOnOnesHeld),
    one_on_ones_cancelled: String(f.oneOnOnesCancelled),
    held_rate: rateCell(f.heldRate),
    feedback_given: String(f.feedbackGiven),
    feedback_per_report_per_month: numberCell(f.feedbackPerReportPerMonth),
    commitments_due: String(f.commitmentsDue),
    commitments_kept: String(f.commitmentsKept),
    kept_rate: rateCell(f.keptRate),
    plans_opened: String(f.plansOpened),
    plans_per_100_reports: numberCell(f.plansPer100Reports),
    plans_without_prior_feedback: String(f.plansWithoutPriorFeedback),
    share_without_prior_feedback: rateCell(f.shareWithoutPriorFeedback),
  };
}

/**
 * The coaching report as CSV. Named view: the organisation's row, then every manager (not one
 * page). Aggregate view: the organisation's row and the bands; no name in any cell. Hidden
 * figures are empty cells, never zeros.
 */
export async function exportCoachingCsv(
  deps: Deps,
  { actor, query }: { actor: Actor; query: CoachingQueryInput },
): Promise<Csv> {
  const built = await buildCoaching(deps, { actor, query });
  const org = built.organisation;
  const rows: Record<string, string>[] = [
    {
      row: "organisation",
      managers: String(org.managers),
      ...(built.suppressed ? {} : figureCells(org)),
    },
  ];
  if (built.scope.view === "named")
    for (const m of built.managers)
      rows.push({ row: "manager", manager: m.name, department: m.department, ...figureCells(m) });
  else if (!built.suppressed)
    for (const b of built.bands)
      rows.push({ row: "band", band: b.band, managers: String(b.managers) });
  return { csv: toCsv(rows, coachingColumns), filename: filenameOf("coaching", built.scope) };
}

// ---------- risk ----------

/** Plans reviewed between two yields to the event loop, so a large organisation never stalls it. */
const REVIEW_BATCH = 100;

/**
 * The plan as the review reads it, without its free texts (standard, evidence, goal wording).
 * Only the language checker reads them, and it never raises a blocker (its findings are warnings
 * and notes; a test holds it to that): leaving them out makes no difference to the blockers or
 * to the retaliation finding, and makes the review about seven times cheaper.
 */
function withoutFreeText(plan: PlanForReview): PlanForReview {
  return {
    ...plan,
    standard: "",
    evidence: plan.evidence.map((e) => ({ ...e, title: "", description: "", impact: "" })),
    goals: plan.goals.map((g) => ({ ...g, description: "" })),
  };
}

/**
 * What the plan review says of each running plan now: how many blockers are open and whether the
 * retaliation finding is there. The review runs on the inputs of the plan's own review page (the
 * saved document, the prior notice, protected activities, the organisation's policy, the day of
 * issue), loaded for all plans at once in a handful of queries, and HR's overrides are matched
 * as the review matches them. Left out, because they never decide a blocker: the free texts
 * (see withoutFreeText), the recorded metric history and the pair's 1:1s (those only raise
 * warnings).
 */
async function reviewRunningPlans(
  deps: Deps,
  running: readonly RunningPlan[],
  now: Date,
): Promise<Map<string, { openBlockers: number; retaliationRisk: boolean; overrides: number }>> {
  const db = insightDb(deps);
  const ids = running.map((r) => r.plan.id);
  const keys = await keyringFor(deps);
  const [policy, docs, overrides, notice, activities] = await Promise.all([
    findPolicy(db),
    findPlanDocuments(db, ids),
    findOverridesOf(db, ids),
    findPriorNoticeOf(
      db,
      running.map((r) => r.plan),
    ),
    findProtectedActivitiesOf(
      db,
      running.map((r) => r.plan.employeeId),
      keys,
    ),
  ]);
  const reviewed = new Map<
    string,
    { openBlockers: number; retaliationRisk: boolean; overrides: number }
  >();
  for (const [i, { plan }] of running.entries()) {
    if (i > 0 && i % REVIEW_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    const planOverrides = overrides.get(plan.id) ?? [];
    const subject = planForReview(
      plan,
      docs.get(plan.id) ?? { evidence: [], causes: [], goals: [] },
    );
    const findings = reviewPlan({
      plan: withoutFreeText(subject),
      history: {
        metrics: [],
        priorNotice: (notice.get(plan.id) ?? []).map((n) => ({ ...n, sharedWithEmployee: true })),
        oneOnOnes: [],
        protectedActivities: (activities.get(plan.employeeId) ?? []).map((a) => ({
          date: a.date,
          kind: a.kind,
        })),
      },
      policy,
      // An issued plan is judged as it stood when the employee received it.
      now: plan.issuedAt ?? now,
    }).map((f) => annotate(f, planOverrides));
    reviewed.set(plan.id, {
      openBlockers: findings.filter(isOpenBlocker).length,
      retaliationRisk: findings.some((f) => f.code === "plan.retaliation_risk"),
      overrides: planOverrides.length,
    });
  }
  return reviewed;
}

async function buildRisk(
  deps: Deps,
  { actor, query }: { actor: Actor; query: InsightFilterInput },
) {
  const scope = await resolveInsightScope(deps, { actor, query, section: "risk" });
  const db = insightDb(deps);
  const today = todayOf(scope);
  // Only people reach here (the scope refuses anyone else); the nil id matches no one.
  const readerId =
    actor.kind === "person" ? actor.personId : "00000000-0000-0000-0000-000000000000";
  const running = await findRunningPlans(db, { scope, readerId });
  const ids = running.map((r) => r.plan.id);
  const [reviewed, open] = await Promise.all([
    reviewRunningPlans(deps, running, scope.now),
    countOpenItemsOf(db, { planIds: ids, today }),
  ]);
  const plans = running.map((r) => {
    const review = reviewed.get(r.plan.id);
    const items = open.get(r.plan.id) ?? { overdueCheckins: 0, unansweredClarifications: 0 };
    const issued = r.plan.issuedAt ?? r.plan.submittedAt;
    const facts: PlanRiskFacts = {
      openBlockers: review?.openBlockers ?? 0,
      overriddenFindings: review?.overrides ?? 0,
      retaliationRisk: review?.retaliationRisk ?? false,
      issuedOn: issued ? issued.toISOString().slice(0, 10) : null,
      ...items,
    };
    return {
      planId: r.plan.id,
      employeeName: r.employeeName,
      managerName: r.managerName,
      department: r.department,
      status: r.plan.status,
      flags: flagsOf(facts, scope.filters) as RiskFlag[],
      overdueCheckins: items.overdueCheckins,
      unansweredClarifications: items.unansweredClarifications,
    };
  });
  const suppressed = hidesRisk({
    view: scope.view,
    running: plans.length,
    minGroupSize: scope.minGroupSize,
  });
  const counts = countFlags(plans).map((c) => ({ ...c, plans: suppressed ? 0 : c.plans }));
  return {
    scope,
    suppressed,
    counts,
    running: plans.length,
    plans: scope.view === "named" ? sortRiskPlans(plans) : [],
  };
}

/**
 * Running plans (issued, acknowledged, active, paused, extended) of employees in scope, with
 * five flags each: open blockers, overridden findings, issued within the retaliation window
 * (for plans issued in the period), overdue check-ins, unanswered clarification requests. The
 * named view lists the plans, most flags first; the aggregate view has the counts only.
 */
export async function getRiskReport(
  deps: Deps,
  { actor, query }: { actor: Actor; query: InsightFilterInput },
): Promise<RiskReport> {
  const built = await buildRisk(deps, { actor, query });
  return {
    meta: built.scope.meta,
    suppressed: built.suppressed,
    counts: built.counts,
    running: built.running,
    plans: built.plans,
  };
}

const riskColumns = [
  "row",
  "plan_id",
  "employee",
  "manager",
  "department",
  "status",
  "flag",
  "flags",
  "plans",
  "overdue_checkins",
  "unanswered_clarifications",
] as const;

/**
 * Risk as CSV. Named view: one row a running plan. Aggregate view: the running total and the
 * count of each flag (empty when hidden); no name in any cell.
 */
export async function exportRiskCsv(
  deps: Deps,
  { actor, query }: { actor: Actor; query: InsightFilterInput },
): Promise<Csv> {
  const built = await buildRisk(deps, { actor, query });
  const rows: Record<string, string>[] = [];
  if (built.scope.view === "named")
    for (const p of built.plans)
      rows.push({
        row: "plan",
        plan_id: p.planId,
        employee: p.employeeName,
        manager: p.managerName,
        department: p.department,
        status: p.status,
        flags: p.flags.join(" "),
        overdue_checkins: String(p.overdueCheckins),
        unanswered_clarifications: String(p.unansweredClarifications),
      });
  else {
    rows.push({ row: "running", plans: String(built.running) });
    for (const c of built.counts)
      rows.push({ row: "flag", flag: c.flag, plans: built.suppressed ? "" : String(c.plans) });
  }
  return { csv: toCsv(rows, riskColumns), filename: filenameOf("risk", built.scope) };
}
