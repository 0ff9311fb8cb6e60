import { can } from "../../access/access.policy.js";
import type { Actor } from "../../access/access.types.js";
import { AppError } from "../../api/errors.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { toCsv } from "../org/org.csv.js";
import { causeKinds, labels, outcomes, resourceKinds } from "../plans/plans.types.js";
import {
  assessFairness,
  type GroupCount,
  SIGNIFICANCE_LEVEL,
  showCount,
} from "./insight.fairness.rules.js";
import {
  averageConfidenceByCheckin,
  countCauses,
  countClosedByMonth,
  countExtendedAndRunning,
  countPlacements,
  countResources,
  countSupportDelivered,
  findMinGroupSizeSetting,
  findRecordedAttributes,
  saveMinGroupSize,
} from "./insight.plans.repository.js";
import {
  fisherExactTwoSided,
  listMonths,
  minGroupSizeProblems,
  rateOf,
  summariseImprovementDays,
} from "./insight.rules.js";
import type { InsightFilterInput } from "./insight.schemas.js";
import {
  type InsightScope,
  insightDb,
  readMinGroupSize,
  resolveInsightScope,
} from "./insight.scope.js";
import {
  type CausesReport,
  type FairnessReport,
  INDUSTRY_SUCCESS_RATE,
  type InsightFilters,
  MIN_GROUP_SIZE_FLOOR,
  type OutcomesReport,
} from "./insight.types.js";

// Plan outcomes, why plans start and what helps, and fairness: what HR and L&D see of plans in
// numbers. No figure here names anyone. In the aggregate view (L&D) a report whose plans closed
// in the period are fewer than the minimum group size shows no figure at all, so a handful of
// plans in a small department cannot be traced to the people on them.

/** Confidence is followed over the first twelve held check-ins (a long plan with weekly ones). */
export const CONFIDENCE_CHECKINS = 12;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** True when the aggregate view must hide a report built on `closed` plans. */
function hidesFigures(scope: InsightScope, closed: number): boolean {
  return scope.view === "aggregate" && closed < scope.minGroupSize;
}

// ---------- plan outcomes ----------

/**
 * Success = plans closed in the period with their goals met ÷ plans closed in the period, by
 * outcome and month by month; the time from issue to a goals-met close; plans extended and
 * withdrawn in the period; plans running now. A draft withdrawn before it was ever issued never
 * ran, so it is in none of these figures.
 */
export async function getOutcomesReport(
  deps: Deps,
  { actor, query }: { actor: Actor; query: InsightFilterInput },
): Promise<OutcomesReport> {
  const scope = await resolveInsightScope(deps, { actor, query, section: "outcomes" });
  const db = insightDb(deps);
  const [rows, counts] = await Promise.all([
    countClosedByMonth(db, { scope }),
    countExtendedAndRunning(db, { scope }),
  ]);
  const closed = sum(rows.map((r) => r.plans));
  const suppressed = hidesFigures(scope, closed);
  const shown = suppressed ? [] : rows;
  const byOutcome = outcomes.map((outcome) => ({
    outcome,
    count: sum(shown.filter((r) => r.outcome === outcome).map((r) => r.plans)),
  }));
  const countOf = (outcome: string) => byOutcome.find((o) => o.outcome === outcome)!.count;
  const overTime = listMonths(scope.filters).map((month) => {
    const inMonth = shown.filter((r) => r.month === month);
    const monthClosed = sum(inMonth.map((r) => r.plans));
    const goalsMet = sum(inMonth.filter((r) => r.outcome === "goals_met").map((r) => r.plans));
    return {
      month,
      closed: monthClosed,
      goalsMet,
      rate: rateOf({ count: goalsMet, of: monthClosed }).rate,
    };
  });
  return {
    meta: scope.meta,
    suppressed,
    success: rateOf({ count: countOf("goals_met"), of: suppressed ? 0 : closed }),
    industry: INDUSTRY_SUCCESS_RATE,
    byOutcome,
    overTime,
    timeToImprovement: summariseImprovementDays({
      days: shown.flatMap((r) => r.improvementDays),
    }),
    extended: suppressed ? 0 : counts.extended,
    withdrawn: countOf("withdrawn"),
    running: suppressed ? 0 : counts.running,
  };
}

// ---------- why plans start and what helps ----------

/**
 * Root causes named on plans issued in the period and how those plans ended; per kind of
 * resource, plans closed in the period with it all delivered against some not delivered, and
 * the goals met on each side; whether having every resource delivered goes with meeting the
 * goals (Fisher exact test); and the average confidence at each held check-in, plans that met
 * their goals against the rest.
 */
export async function getCausesReport(
  deps: Deps,
  { actor, query }: { actor: Actor; query: InsightFilterInput },
): Promise<CausesReport> {
  const scope = await resolveInsightScope(deps, { actor, query, section: "causes" });
  const db = insightDb(deps);
  const [causeRows, resourceRows, supportRows, confidenceRows] = await Promise.all([
    countCauses(db, { scope }),
    countResources(db, { scope }),
    countSupportDelivered(db, { scope }),
    averageConfidenceByCheckin(db, { scope, upTo: CONFIDENCE_CHECKINS }),
  ]);
  const suppressed = hidesFigures(scope, sum(supportRows.map((r) => r.plans)));
  const pick = <T>(rows: T[]) => (suppressed ? [] : rows);

  const causes = causeKinds.map((cause) => {
    const row = pick(causeRows).find((r) => r.cause === cause);
    const closed = row?.closed ?? 0;
    const goalsMet = row?.goalsMet ?? 0;
    return {
      cause,
      plans: row?.plans ?? 0,
      closed,
      goalsMet,
      rate: rateOf({ count: goalsMet, of: closed }).rate,
    };
  });

  const resources = resourceKinds.map((kind) => {
    const side = (delivered: boolean) => {
      const row = pick(resourceRows).find((r) => r.kind === kind && r.delivered === delivered);
      return rateOf({ count: row?.goalsMet ?? 0, of: row?.plans ?? 0 });
    };
    return { kind, delivered: side(true), notDelivered: side(false) };
  });

  const support = (allDelivered: boolean) => {
    const rows = pick(supportRows).filter((r) => r.allDelivered === allDelivered);
    return rateOf({
      count: sum(rows.filter((r) => r.goalsMet).map((r) => r.plans)),
      of: sum(rows.map((r) => r.plans)),
    });
  };
  const allDelivered = support(true);
  const someNotDelivered = support(false);
  const pValue =
    allDelivered.of > 0 && someNotDelivered.of > 0
      ? fisherExactTwoSided({
          a: allDelivered.count,
          b: allDelivered.of - allDelivered.count,
          c: someNotDelivered.count,
          d: someNotDelivered.of - someNotDelivered.count,
        })
      : null;

  const confidence = Array.from({ length: CONFIDENCE_CHECKINS }, (_, i) => {
    const at = (goalsMet: boolean) =>
      pick(confidenceRows).find((r) => r.checkin === i + 1 && r.goalsMet === goalsMet);
    const successful = at(true);
    const unsuccessful = at(false);
    return {
      checkin: i + 1,
      successful: successful?.average ?? null,
      successfulPlans: successful?.plans ?? 0,
      unsuccessful: unsuccessful?.average ?? null,
      unsuccessfulPlans: unsuccessful?.plans ?? 0,
    };
  });

  return {
    meta: scope.meta,
    suppressed,
    causes,
    resources,
    association: { allDelivered, someNotDelivered, pValue },
    confidence,
  };
}

// ---------- fairness ----------

export type FairnessInput = InsightFilterInput & { attribute?: string };

/**
 * Plan placement rate by group of a recorded attribute: of the people covered who were there in
 * the period, how many were issued a plan in it. Each group against the one placed least often:
 * the four-fifths ratio, a z statistic and a Fisher exact p-value. Groups under the minimum size
 * are hidden, with one more when a single one is (see insight.fairness.rules).
 */
export async function getFairnessReport(
  deps: Deps,
  { actor, query }: { actor: Actor; query: FairnessInput },
): Promise<FairnessReport> {
  const { attribute: asked, ...filters } = query;
  const scope = await resolveInsightScope(deps, { actor, query: filters, section: "fairness" });
  const db = insightDb(deps);
  const attributes = await findRecordedAttributes(db, { scope });
  if (asked !== undefined && !attributes.includes(asked)) {
    const message = attributes.length
      ? `Nothing is recorded for "${asked}" among the people you see. Pick one of: ${attributes.join(", ")}.`
      : "HR has recorded no attribute for the people you see, so there is nothing to compare yet.";
    throw new AppError("validation.failed", message, [{ path: "attribute", message }]);
  }
  const attribute = asked ?? attributes[0] ?? null;
  // With no attribute recorded, everyone is "not recorded": the query reads an empty key.
  const rows = await countPlacements(db, { scope, attribute: attribute ?? "" });
  const recorded = attribute ? rows.filter((r): r is GroupCount => r.group !== null) : [];
  const notRecorded = sum(rows.filter((r) => !attribute || r.group === null).map((r) => r.people));
  return {
    meta: scope.meta,
    attributes,
    attribute,
    groups: assessFairness({ groups: recorded, minGroupSize: scope.minGroupSize }),
    notRecorded: showCount({ count: notRecorded, minGroupSize: scope.minGroupSize }),
    significanceLevel: SIGNIFICANCE_LEVEL,
  };
}

// ---------- CSV ----------

export type InsightCsv = { filename: string; csv: string };

function filenameOf(section: string, filters: InsightFilters) {
  return `headway-${section}-${filters.from}-${filters.to}.csv`;
}

/** A figure for a spreadsheet cell: empty when there is none, six significant digits at most. */
function cell(value: number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** Plan outcomes month by month: one row a month. Figures are empty when the report hides them. */
export async function exportOutcomesCsv(
  deps: Deps,
  { actor, query }: { actor: Actor; query: InsightFilterInput },
): Promise<InsightCsv> {
  const report = await getOutcomesReport(deps, { actor, query });
  const hide = (v: number | null) => (report.suppressed ? "" : cell(v));
  const columns = ["month", "closed", "goals_met", "success_rate"] as const;
  const rows = report.overTime.map((m) => ({
    month: m.month,
    closed: hide(m.closed),
    goals_met: hide(m.goalsMet),
    success_rate: hide(m.rate),
  }));
  return { filename: filenameOf("outcomes", report.meta.filters), csv: toCsv(rows, columns) };
}

/** Causes and resources in one table; the `table` column says which a row is. */
export async function exportCausesCsv(
  deps: Deps,
  { actor, query }: { actor: Actor; query: InsightFilterInput },
): Promise<InsightCsv> {
  const report = await getCausesReport(deps, { actor, query });
  const hide = (v: number | null) => (report.suppressed ? "" : cell(v));
  const columns = [
    "table",
    "code",
    "name",
    "plans",
    "closed",
    "goals_met",
    "success_rate",
    "delivered_plans",
    "delivered_goals_met",
    "delivered_success_rate",
    "not_delivered_plans",
    "not_delivered_goals_met",
    "not_delivered_success_rate",
  ] as const;
  const rows: Record<string, string>[] = [
    ...report.causes.map((c) => ({
      table: "cause",
      code: c.cause,
      name: labels.cause[c.cause],
      plans: hide(c.plans),
      closed: hide(c.closed),
      goals_met: hide(c.goalsMet),
      success_rate: hide(c.rate),
    })),
    ...report.resources.map((r) => ({
      table: "resource",
      code: r.kind,
      name: labels.resource[r.kind],
      delivered_plans: hide(r.delivered.of),
      delivered_goals_met: hide(r.delivered.count),
      delivered_success_rate: hide(r.delivered.rate),
      not_delivered_plans: hide(r.notDelivered.of),
      not_delivered_goals_met: hide(r.notDelivered.count),
      not_delivered_success_rate: hide(r.notDelivered.rate),
    })),
  ];
  return { filename: filenameOf("causes", report.meta.filters), csv: toCsv(rows, columns) };
}

/** One row a group; a hidden group's figures are empty. */
export async function exportFairnessCsv(
  deps: Deps,
  { actor, query }: { actor: Actor; query: FairnessInput },
): Promise<InsightCsv> {
  const report = await getFairnessReport(deps, { actor, query });
  const columns = [
    "attribute",
    "group",
    "people",
    "placed",
    "placement_rate",
    "impact_ratio",
    "four_fifths_fails",
    "z",
    "p_value",
    "significant",
    "reference",
    "suppressed",
  ] as const;
  const rows = report.groups.map((g) => ({
    attribute: report.attribute ?? "",
    group: g.group,
    people: cell(g.people),
    placed: cell(g.placed),
    placement_rate: cell(g.rate),
    impact_ratio: cell(g.impactRatio),
    four_fifths_fails: g.suppressed ? "" : cell(g.fourFifthsFails),
    z: cell(g.z),
    p_value: cell(g.pValue),
    significant: g.suppressed ? "" : cell(g.significant),
    reference: g.suppressed ? "" : cell(g.reference),
    suppressed: cell(g.suppressed),
  }));
  return { filename: filenameOf("fairness", report.meta.filters), csv: toCsv(rows, columns) };
}

// ---------- settings ----------

export type InsightSettings = { minGroupSize: number };

/** The smallest group insight shows (HR and admins may read it). */
export async function getInsightSettings(
  deps: Deps,
  { actor }: { actor: Actor },
): Promise<InsightSettings> {
  if (!can(actor, "org.view_settings", { type: "org" }))
    throw new AppError("insight.forbidden", "The insight settings are for HR and admins.");
  return { minGroupSize: await readMinGroupSize(deps.database.db) };
}

/** Changes the smallest group insight shows (never under 5); saving the same value records nothing. */
export async function updateInsightSettings(
  deps: Deps,
  { actor, input }: { actor: Actor; input: InsightSettings },
): Promise<InsightSettings> {
  if (!can(actor, "org.manage_insight", { type: "org" }))
    throw new AppError(
      "insight.forbidden",
      "Only admins and HR for the whole organisation can change the minimum group size.",
    );
  const problems = minGroupSizeProblems({ size: input.minGroupSize });
  if (problems.length) throw new AppError("validation.failed", problems[0]!.message, problems);
  const current = await findMinGroupSizeSetting(deps.database.db);
  if (current === input.minGroupSize) return { minGroupSize: current };
  await write(deps, async (w) => {
    const previous = (await findMinGroupSizeSetting(w.tx)) ?? MIN_GROUP_SIZE_FLOOR;
    await saveMinGroupSize(w.tx, { size: input.minGroupSize, now: w.now });
    await w.audit({
      actor,
      action: "org.insight_settings_updated",
      subjectType: "org",
      data: { minGroupSize: input.minGroupSize, previous },
    });
  });
  return { minGroupSize: input.minGroupSize };
}
