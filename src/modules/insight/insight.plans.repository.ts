import { eq, type SQL, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "../../db/client.js";
import { orgSettings } from "../org/org.table.js";
import type { CauseKind, Outcome, ResourceKind } from "../plans/plans.types.js";
import { type InsightScope, inScope } from "./insight.scope.js";

// Set-based queries for plan outcomes, causes and resources, and fairness: each groups in the
// database and returns a few small rows, whatever the size of the organisation. Counts only.
//
// Days are UTC days: a period from..to covers [from 00:00 UTC, to + 1 day 00:00 UTC).

const startOf = (day: string) => sql`((${day}::date)::timestamp AT TIME ZONE 'UTC')`;
const endOf = (day: string) => sql`((${day}::date + 1)::timestamp AT TIME ZONE 'UTC')`;

/** `column` (a timestamp) falls within the report's period. */
function inPeriod(scope: InsightScope, column: SQL): SQL {
  return sql`(${column} >= ${startOf(scope.filters.from)} AND ${column} < ${endOf(scope.filters.to)})`;
}

/**
 * A plan that ran: anything but a draft withdrawn before it was ever issued (the only way a plan
 * that never ran can close). Such a draft was never a plan anyone was on, so no figure counts it.
 */
const ran = sql`NOT (p.outcome = 'withdrawn' AND p.issued_at IS NULL)`;

/** Plans (alias p) that closed in the period and ran, for people the report covers. */
function closedInPeriod(scope: InsightScope): SQL {
  return sql`p.status = 'closed' AND ${inPeriod(scope, sql`p.closed_at`)} AND ${ran}
    AND ${inScope(scope, sql`p.employee_id`)}`;
}

const runningStatuses = sql`('issued', 'acknowledged', 'active', 'paused', 'extended')`;

// ---------- plan outcomes ----------

export type ClosedByMonthRow = {
  month: string;
  outcome: Outcome;
  plans: number;
  /** Days from issue (or start) to close, for plans closed with the goals met. */
  improvementDays: number[];
};

/** Plans closed in the period, by month closed and outcome. */
export async function countClosedByMonth(
  db: Db,
  { scope }: { scope: InsightScope },
): Promise<ClosedByMonthRow[]> {
  const result = await db.execute<{
    month: string;
    outcome: Outcome;
    plans: number;
    days: number[] | null;
  }>(sql`
    SELECT to_char(p.closed_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, p.outcome,
      count(*)::int AS plans,
      array_agg((p.closed_at AT TIME ZONE 'UTC')::date
          - coalesce((p.issued_at AT TIME ZONE 'UTC')::date, p.start_date))
        FILTER (WHERE p.outcome = 'goals_met'
          AND coalesce((p.issued_at AT TIME ZONE 'UTC')::date, p.start_date) IS NOT NULL) AS days
    FROM plans p
    WHERE ${closedInPeriod(scope)} AND p.outcome IS NOT NULL
    GROUP BY 1, 2`);
  return result.rows.map((r) => ({
    month: r.month,
    outcome: r.outcome,
    plans: Number(r.plans),
    improvementDays: (r.days ?? []).map(Number),
  }));
}

/**
 * Plans given more time in the period — an extension recorded in the period (each one is a
 * `plan.extend` event: the status moves to extended and the end date later) or a close with the
 * outcome "extended" in the period — and plans running now.
 */
export async function countExtendedAndRunning(
  db: Db,
  { scope }: { scope: InsightScope },
): Promise<{ extended: number; running: number }> {
  const result = await db.execute<{ extended: number; running: number }>(sql`
    WITH extensions AS (
      SELECT DISTINCT a.subject_id FROM audit_events a
      WHERE a.action = 'plan.extend' AND a.subject_type = 'plan' AND ${inPeriod(scope, sql`a.at`)}
    )
    SELECT
      (count(*) FILTER (WHERE p.id::text IN (SELECT subject_id FROM extensions)
        OR (p.status = 'closed' AND p.outcome = 'extended'
          AND ${inPeriod(scope, sql`p.closed_at`)})))::int AS extended,
      (count(*) FILTER (WHERE p.status IN ${runningStatuses}))::int AS running
    FROM plans p
    WHERE ${inScope(scope, sql`p.employee_id`)}`);
  const row = result.rows[0];
  return { extended: Number(row?.extended ?? 0), running: Number(row?.running ?? 0) };
}

// ---------- why plans start and what helps ----------

export type CauseRow = { cause: CauseKind; plans: number; closed: number; goalsMet: number };

/** Per root cause: plans issued in the period naming it, how many have closed, how many met their goals. */
export async function countCauses(db: Db, { scope }: { scope: InsightScope }): Promise<CauseRow[]> {
  const result = await db.execute<{
    cause: CauseKind;
    plans: number;
    closed: number;
    goals_met: number;
  }>(sql`
    SELECT c.cause, count(DISTINCT p.id)::int AS plans,
      (count(DISTINCT p.id) FILTER (WHERE p.status = 'closed'))::int AS closed,
      (count(DISTINCT p.id) FILTER (WHERE p.status = 'closed' AND p.outcome = 'goals_met'))::int
        AS goals_met
    FROM plans p JOIN plan_causes c ON c.plan_id = p.id
    WHERE ${inPeriod(scope, sql`p.issued_at`)} AND ${inScope(scope, sql`p.employee_id`)}
    GROUP BY c.cause`);
  return result.rows.map((r) => ({
    cause: r.cause,
    plans: Number(r.plans),
    closed: Number(r.closed),
    goalsMet: Number(r.goals_met),
  }));
}

export type ResourceRow = {
  kind: ResourceKind;
  delivered: boolean;
  plans: number;
  goalsMet: number;
};

/**
 * Per kind of resource, on plans closed in the period: plans where every resource of that kind
 * was delivered by the close, and plans where some was not (not delivered, still offered or in use).
 */
export async function countResources(
  db: Db,
  { scope }: { scope: InsightScope },
): Promise<ResourceRow[]> {
  const result = await db.execute<{
    kind: ResourceKind;
    delivered: boolean;
    plans: number;
    goals_met: number;
  }>(sql`
    WITH per_kind AS (
      SELECT p.id, p.outcome = 'goals_met' AS met, r.kind,
        bool_and(r.status = 'delivered') AS delivered
      FROM plans p
      JOIN plan_goals g ON g.plan_id = p.id
      JOIN plan_resources r ON r.goal_id = g.id
      WHERE ${closedInPeriod(scope)}
      GROUP BY p.id, p.outcome, r.kind
    )
    SELECT kind, delivered, count(*)::int AS plans, (count(*) FILTER (WHERE met))::int AS goals_met
    FROM per_kind GROUP BY kind, delivered`);
  return result.rows.map((r) => ({
    kind: r.kind,
    delivered: r.delivered,
    plans: Number(r.plans),
    goalsMet: Number(r.goals_met),
  }));
}

export type SupportRow = {
  /** true: every resource delivered; false: some not; null: the plan had no resource. */
  allDelivered: boolean | null;
  goalsMet: boolean;
  plans: number;
};

/** Plans closed in the period, by whether all their support was delivered and whether goals were met. */
export async function countSupportDelivered(
  db: Db,
  { scope }: { scope: InsightScope },
): Promise<SupportRow[]> {
  const result = await db.execute<{
    all_delivered: boolean | null;
    met: boolean;
    plans: number;
  }>(sql`
    WITH per_plan AS (
      SELECT p.id, coalesce(p.outcome = 'goals_met', false) AS met,
        bool_and(r.status = 'delivered') AS all_delivered
      FROM plans p
      LEFT JOIN plan_goals g ON g.plan_id = p.id
      LEFT JOIN plan_resources r ON r.goal_id = g.id
      WHERE ${closedInPeriod(scope)}
      GROUP BY p.id, p.outcome
    )
    SELECT all_delivered, met, count(*)::int AS plans FROM per_plan GROUP BY all_delivered, met`);
  return result.rows.map((r) => ({
    allDelivered: r.all_delivered,
    goalsMet: r.met,
    plans: Number(r.plans),
  }));
}

export type ConfidenceRow = { checkin: number; goalsMet: boolean; average: number; plans: number };

/**
 * On plans closed in the period: the average confidence at the n-th held check-in (by the day it
 * was held), up to `upTo`, for plans that met their goals and for the rest. A held check-in
 * without a rating keeps its place in the count but adds nothing to the average.
 */
export async function averageConfidenceByCheckin(
  db: Db,
  { scope, upTo }: { scope: InsightScope; upTo: number },
): Promise<ConfidenceRow[]> {
  const result = await db.execute<{ n: number; met: boolean; average: number; plans: number }>(sql`
    WITH numbered AS (
      SELECT coalesce(p.outcome = 'goals_met', false) AS met, k.confidence,
        row_number() OVER (
          PARTITION BY k.plan_id ORDER BY coalesce(k.held_on, k.scheduled_on), k.scheduled_on, k.id
        ) AS n
      FROM plans p JOIN plan_checkins k ON k.plan_id = p.id
      WHERE ${closedInPeriod(scope)} AND k.status = 'held'
    )
    SELECT n::int AS n, met, avg(confidence)::float8 AS average, count(*)::int AS plans
    FROM numbered WHERE n <= ${upTo} AND confidence IS NOT NULL
    GROUP BY n, met`);
  return result.rows.map((r) => ({
    checkin: Number(r.n),
    goalsMet: r.met,
    average: Number(r.average),
    plans: Number(r.plans),
  }));
}

// ---------- fairness ----------

/** The demographic attributes HR recorded for anyone the report covers, sorted. */
export async function findRecordedAttributes(
  db: Db,
  { scope }: { scope: InsightScope },
): Promise<string[]> {
  const result = await db.execute<{ key: string }>(sql`
    SELECT DISTINCT d.key FROM people p, jsonb_each_text(p.demographics) d
    WHERE p.demographics <> '{}'::jsonb AND btrim(d.value) <> ''
      AND ${inScope(scope, sql`p.id`)}
    ORDER BY d.key`);
  return result.rows.map((r) => r.key);
}

export type PlacementRow = { group: string | null; people: number; placed: number };

/**
 * The population by the recorded value of `attribute` (null: nothing recorded): people covered by
 * the report who were there in the period — active now and hired by its end, or issued a plan
 * in it — and how many of them were issued a plan in the period.
 */
export async function countPlacements(
  db: Db,
  { scope, attribute }: { scope: InsightScope; attribute: string },
): Promise<PlacementRow[]> {
  const result = await db.execute<{ grp: string | null; people: number; placed: number }>(sql`
    WITH placed AS (
      SELECT DISTINCT pl.employee_id AS id FROM plans pl
      WHERE ${inPeriod(scope, sql`pl.issued_at`)}
    )
    SELECT nullif(btrim(p.demographics ->> ${attribute}), '') AS grp,
      count(*)::int AS people, (count(*) FILTER (WHERE pd.id IS NOT NULL))::int AS placed
    FROM people p LEFT JOIN placed pd ON pd.id = p.id
    WHERE ${inScope(scope, sql`p.id`)}
      AND ((p.active AND (p.hire_date IS NULL OR p.hire_date <= ${scope.filters.to}::date))
        OR pd.id IS NOT NULL)
    GROUP BY 1`);
  return result.rows.map((r) => ({
    group: r.grp,
    people: Number(r.people),
    placed: Number(r.placed),
  }));
}

// ---------- settings ----------

export async function findMinGroupSizeSetting(db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({ size: orgSettings.insightMinGroupSize })
    .from(orgSettings)
    .where(eq(orgSettings.id, 1));
  return row?.size ?? null;
}

export async function saveMinGroupSize(tx: Tx, { size, now }: { size: number; now: Date }) {
  await tx
    .insert(orgSettings)
    .values({ id: 1, insightMinGroupSize: size, updatedAt: now })
    .onConflictDoUpdate({
      target: orgSettings.id,
      set: { insightMinGroupSize: size, updatedAt: now },
    });
}
