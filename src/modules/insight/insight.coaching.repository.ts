import { asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { feedback } from "../feedback/feedback.table.js";
import { documentedDiscussions } from "../growth/growth.table.js";
import type { Keyring } from "../keys/keys.service.js";
import { people } from "../org/org.table.js";
import type { PlanDocumentRows, PlanRow } from "../plans/plans.repository.js";
import {
  planCauses,
  planCheckins,
  planEvidence,
  planGoals,
  planMilestones,
  planResources,
  plans,
  planThreads,
} from "../plans/plans.table.js";
import type { OverrideRow } from "../review/review.repository.js";
import {
  planFindingOverrides,
  planPriorNotice,
  protectedActivities,
} from "../review/review.table.js";
import type { ProtectedActivityKind } from "../review/review.types.js";
import type { ManagerCounts } from "./insight.coaching.rules.js";
import { type InsightScope, inScope } from "./insight.scope.js";

// Coaching health and risk, counted in the database: one statement groups every figure family
// by manager, so the cost grows with the rows in the period, not with the number of managers.

const dayStart = (day: string) => `${day}T00:00:00.000Z`;
const nextDayStart = (day: string) =>
  new Date(Date.parse(dayStart(day)) + 86_400_000).toISOString();
const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

/**
 * A manager is in the report when they are in the reader's scope. With a manager filter, that
 * manager's organisation is their reports (and theirs): the manager named is shown too, since
 * the coaching counted is of their direct reports, who are in it.
 */
function managerInScope(scope: InsightScope, column: SQL): SQL {
  const own = inScope(scope, column);
  const { managerId, ...rest } = scope.filters;
  if (!managerId) return own;
  const withoutManager: InsightScope = { ...scope, filters: rest };
  return sql`(${own} or (${column} = ${managerId} and ${inScope(withoutManager, column)}))`;
}

/** Whether the report covers only part of the organisation. */
const narrows = (scope: InsightScope) =>
  Boolean(scope.departments || scope.filters.department || scope.filters.managerId);

type CountsRow = {
  manager_id: string;
  name: string;
  department: string;
  reports: number;
  held: number;
  cancelled: number;
  feedback_given: number;
  commitments_due: number;
  commitments_kept: number;
  plans_opened: number;
  plans_without_prior: number;
};

/**
 * Per manager in scope with at least one active direct report, over the period (UTC days, both
 * ends included):
 * - reports: active direct reports now;
 * - 1:1s held and cancelled: meetings scheduled in the period, of every series they run;
 * - feedback given: shared feedback (drafts and HR-only notes are never counted) from them to
 *   people who report to them now, by the day it was shared;
 * - commitments due and kept: commitments of their series due in the period and no longer
 *   pending (done, dropped, or open past the due day); kept = done on or before the due day,
 *   the day read in the series' time zone, as the 1:1 follow-through rate reads it;
 * - plans opened: plans they manage issued in the period; without prior feedback: no shared
 *   feedback from anyone and no shared documented discussion for the employee in the
 *   `priorNoticeDays` days up to the day of issue.
 *
 * One statement: each figure family is grouped on its own (meetings first by series, the
 * narrowest grouping, then by manager) and joined to the managers once. Over the whole
 * organisation no family is filtered by manager at all, which lets PostgreSQL scan each table
 * once, in parallel; for part of it, each family is narrowed by the same scope, so the indexes
 * by manager, series and recipient do the work. JIT compilation is turned off for the statement:
 * planning it costs seconds and saves nothing on a query that runs once.
 */
export async function countCoachingByManager(
  db: Db,
  {
    scope,
    today,
    priorNoticeDays,
  }: { scope: InsightScope; today: string; priorNoticeDays: number },
): Promise<ManagerCounts[]> {
  const { from, to } = scope.filters;
  const start = dayStart(from);
  const end = nextDayStart(to);
  const narrow = narrows(scope);
  const only = (column: SQL) => (narrow ? sql`and ${managerInScope(scope, column)}` : sql``);
  const query = sql`
    with mgr as (
      select m.id, m.name, m.department, count(r.id)::int as reports
      from people m
      join people r on r.manager_id = m.id and r.active and r.id <> m.id
      where ${managerInScope(scope, sql`m.id`)}
      group by m.id
    ),
    mt as (
      select s.manager_id, sum(x.held)::int as held, sum(x.cancelled)::int as cancelled
      from (
        select series_id,
          count(*) filter (where status = 'held') as held,
          count(*) filter (where status = 'cancelled' and cancelled_by_id is not null) as cancelled
        from one_on_one_meetings
        where scheduled_at >= ${start}::timestamptz and scheduled_at < ${end}::timestamptz
          and status in ('held', 'cancelled')
          ${narrow ? sql`and series_id in (select ss.id from one_on_one_series ss where ${managerInScope(scope, sql`ss.manager_id`)})` : sql``}
        group by series_id
      ) x
      join one_on_one_series s on s.id = x.series_id
      group by s.manager_id
    ),
    fb as (
      select f.giver_id as manager_id, count(*)::int as given
      from feedback f
      join people r on r.id = f.recipient_id and r.manager_id = f.giver_id
      where f.visibility = 'shared'
        and f.shared_at >= ${start}::timestamptz and f.shared_at < ${end}::timestamptz
        ${only(sql`f.giver_id`)}
      group by f.giver_id
    ),
    cm as (
      select s.manager_id,
        count(*)::int as due,
        count(*) filter (
          where c.status = 'done' and (c.closed_at at time zone s.time_zone)::date <= c.due_on
        )::int as kept
      from commitments c
      join one_on_one_series s on s.id = c.series_id
      where c.due_on >= ${from}::date and c.due_on <= ${to}::date
        and (c.status <> 'open' or c.due_on < ${today}::date)
        ${only(sql`s.manager_id`)}
      group by s.manager_id
    ),
    pl as (
      select p.manager_id,
        count(*)::int as opened,
        count(*) filter (
          where not exists (
            select 1 from feedback f
            where f.recipient_id = p.employee_id and f.visibility = 'shared'
              and f.shared_at >= date_trunc('day', p.issued_at, 'UTC') - make_interval(days => ${priorNoticeDays}::int)
              and f.shared_at < date_trunc('day', p.issued_at, 'UTC') + interval '1 day'
          ) and not exists (
            select 1 from documented_discussions d
            where d.employee_id = p.employee_id and d.status in ('shared', 'acknowledged')
              and d.occurred_on >= (p.issued_at at time zone 'UTC')::date - ${priorNoticeDays}::int
              and d.occurred_on <= (p.issued_at at time zone 'UTC')::date
          )
        )::int as plans_without_prior
      from plans p
      where p.issued_at >= ${start}::timestamptz and p.issued_at < ${end}::timestamptz
        ${only(sql`p.manager_id`)}
      group by p.manager_id
    )
    select mgr.id as manager_id, mgr.name, mgr.department, mgr.reports,
      coalesce(mt.held, 0) as held,
      coalesce(mt.cancelled, 0) as cancelled,
      coalesce(fb.given, 0) as feedback_given,
      coalesce(cm.due, 0) as commitments_due,
      coalesce(cm.kept, 0) as commitments_kept,
      coalesce(pl.opened, 0) as plans_opened,
      coalesce(pl.plans_without_prior, 0) as plans_without_prior
    from mgr
    left join mt on mt.manager_id = mgr.id
    left join fb on fb.manager_id = mgr.id
    left join cm on cm.manager_id = mgr.id
    left join pl on pl.manager_id = mgr.id
  `;
  const result = await db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`);
      return tx.execute<CountsRow>(query);
    },
    { accessMode: "read only" },
  );
  return result.rows.map((r) => ({
    managerId: r.manager_id,
    name: r.name,
    department: r.department,
    reports: r.reports,
    held: r.held,
    cancelled: r.cancelled,
    feedbackGiven: r.feedback_given,
    commitmentsDue: r.commitments_due,
    commitmentsKept: r.commitments_kept,
    plansOpened: r.plans_opened,
    plansWithoutPriorFeedback: r.plans_without_prior,
  }));
}

// ---------- risk ----------

/** Plans under way: the employee has it and it is not closed. */
export const runningStatuses = ["issued", "acknowledged", "active", "paused", "extended"] as const;

export type RunningPlan = {
  plan: PlanRow;
  employeeName: string;
  managerName: string;
  department: string;
};

/**
 * Running plans of employees in scope. Plans about the reader, or about anyone the reader
 * manages directly or indirectly, are left out: the review never shows the findings only HR may
 * see (a protected activity) to the employee or anyone above them, and a count would tell.
 */
export async function findRunningPlans(
  db: Db,
  { scope, readerId }: { scope: InsightScope; readerId: string },
): Promise<RunningPlan[]> {
  const employee = alias(people, "employee");
  const manager = alias(people, "manager");
  const rows = await db
    .select({
      plan: plans,
      employeeName: employee.name,
      managerName: manager.name,
      department: employee.department,
    })
    .from(plans)
    .innerJoin(employee, eq(employee.id, plans.employeeId))
    .innerJoin(manager, eq(manager.id, plans.managerId))
    .where(
      sql`${inArray(plans.status, [...runningStatuses])}
        and ${inScope(scope, plans.employeeId)}
        and ${plans.employeeId} <> ${readerId}
        and ${plans.managerId} <> ${readerId}
        and ${plans.employeeId} not in (
          with recursive below(id) as (
            select id from people where manager_id = ${readerId}
            union
            select p.id from people p join below on p.manager_id = below.id
          ) select id from below)`,
    )
    .orderBy(asc(plans.id));
  return rows;
}

/** The documents of many plans at once, each ordered as the plan page orders it. */
export async function findPlanDocuments(
  db: Db,
  planIds: readonly string[],
): Promise<Map<string, PlanDocumentRows>> {
  const docs = new Map<string, PlanDocumentRows>(
    planIds.map((id) => [id, { evidence: [], causes: [], goals: [] }]),
  );
  if (!planIds.length) return docs;
  const ids = uuids(planIds);
  const [evidence, causes, goals, resources, milestones] = await Promise.all([
    db
      .select()
      .from(planEvidence)
      .where(sql`${planEvidence.planId} = any(${ids})`)
      .orderBy(asc(planEvidence.planId), asc(planEvidence.position), asc(planEvidence.id)),
    db
      .select()
      .from(planCauses)
      .where(sql`${planCauses.planId} = any(${ids})`)
      .orderBy(asc(planCauses.planId), asc(planCauses.cause)),
    db
      .select()
      .from(planGoals)
      .where(sql`${planGoals.planId} = any(${ids})`)
      .orderBy(asc(planGoals.planId), asc(planGoals.position), asc(planGoals.id)),
    db
      .select({ r: planResources })
      .from(planResources)
      .innerJoin(planGoals, eq(planGoals.id, planResources.goalId))
      .where(sql`${planGoals.planId} = any(${ids})`)
      .orderBy(asc(planResources.description), asc(planResources.id)),
    db
      .select({ m: planMilestones })
      .from(planMilestones)
      .innerJoin(planGoals, eq(planGoals.id, planMilestones.goalId))
      .where(sql`${planGoals.planId} = any(${ids})`)
      .orderBy(asc(planMilestones.dueDate), asc(planMilestones.id)),
  ]);
  const resourcesOf = groupBy(
    resources.map((x) => x.r),
    (r) => r.goalId,
  );
  const milestonesOf = groupBy(
    milestones.map((x) => x.m),
    (m) => m.goalId,
  );
  for (const e of evidence) docs.get(e.planId)?.evidence.push(e);
  for (const c of causes) docs.get(c.planId)?.causes.push(c);
  for (const g of goals)
    docs.get(g.planId)?.goals.push({
      ...g,
      resources: resourcesOf.get(g.id) ?? [],
      milestones: milestonesOf.get(g.id) ?? [],
    });
  return docs;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}

/** HR's overrides of many plans, oldest first within each plan (the review takes the last). */
export async function findOverridesOf(
  db: Db,
  planIds: readonly string[],
): Promise<Map<string, OverrideRow[]>> {
  if (!planIds.length) return new Map();
  const rows = await db
    .select({ o: planFindingOverrides, authorName: people.name })
    .from(planFindingOverrides)
    .innerJoin(people, eq(people.id, planFindingOverrides.authorId))
    .where(sql`${planFindingOverrides.planId} = any(${uuids(planIds)})`)
    .orderBy(asc(planFindingOverrides.createdAt), asc(planFindingOverrides.id));
  return groupBy(
    rows.map((r) => ({ ...r.o, authorName: r.authorName })),
    (o) => o.planId,
  );
}

export type PriorNoticeItem = { date: string; kind: string };

/**
 * What the review counts as prior notice, for many plans at once (see findHistory): the
 * manager's own record on the plan, constructive feedback the manager shared with the employee,
 * and documented discussions shared with the employee.
 */
export async function findPriorNoticeOf(
  db: Db,
  running: readonly { id: string; employeeId: string; managerId: string }[],
): Promise<Map<string, PriorNoticeItem[]>> {
  const notice = new Map<string, PriorNoticeItem[]>(running.map((p) => [p.id, []]));
  if (!running.length) return notice;
  const ids = uuids(running.map((p) => p.id));
  const employeeIds = [...new Set(running.map((p) => p.employeeId))];
  const [recorded, shared, discussions] = await Promise.all([
    db
      .select({
        planId: planPriorNotice.planId,
        heldOn: planPriorNotice.heldOn,
        kind: planPriorNotice.kind,
      })
      .from(planPriorNotice)
      .where(sql`${planPriorNotice.planId} = any(${ids})`),
    db
      .select({ planId: plans.id, sharedAt: feedback.sharedAt })
      .from(plans)
      .innerJoin(
        feedback,
        sql`${feedback.recipientId} = ${plans.employeeId} and ${feedback.giverId} = ${plans.managerId}`,
      )
      .where(
        sql`${plans.id} = any(${ids}) and ${feedback.visibility} = 'shared'
          and ${feedback.sharedAt} is not null and ${feedback.kind} = 'constructive'`,
      ),
    db
      .select({
        employeeId: documentedDiscussions.employeeId,
        occurredOn: documentedDiscussions.occurredOn,
      })
      .from(documentedDiscussions)
      .where(
        sql`${documentedDiscussions.employeeId} = any(${uuids(employeeIds)})
          and ${inArray(documentedDiscussions.status, ["shared", "acknowledged"])}`,
      ),
  ]);
  for (const n of recorded) notice.get(n.planId)?.push({ date: n.heldOn, kind: n.kind });
  for (const f of shared)
    notice
      .get(f.planId)
      ?.push({ date: f.sharedAt!.toISOString().slice(0, 10), kind: "written_feedback" });
  const discussionsOf = groupBy(discussions, (d) => d.employeeId);
  for (const p of running)
    for (const d of discussionsOf.get(p.employeeId) ?? [])
      notice.get(p.id)?.push({ date: d.occurredOn, kind: "documented_discussion" });
  return notice;
}

export type ActivityItem = { id: string; date: string; kind: ProtectedActivityKind };

/** Protected activities of many people, decrypted, oldest first (as the review reads them). */
export async function findProtectedActivitiesOf(
  db: Db,
  personIds: readonly string[],
  keys: Keyring,
): Promise<Map<string, ActivityItem[]>> {
  if (!personIds.length) return new Map();
  const rows = await db
    .select()
    .from(protectedActivities)
    .where(sql`${protectedActivities.personId} = any(${uuids([...new Set(personIds)])})`);
  const items = rows
    .map((r) => ({
      personId: r.personId,
      id: r.id,
      kind: keys.open("protected_activities.kind", r.kind) as ProtectedActivityKind,
      date: keys.open("protected_activities.occurred_on", r.occurredOn),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const byPerson = new Map<string, ActivityItem[]>();
  for (const { personId, ...a } of items) {
    const list = byPerson.get(personId);
    if (list) list.push(a);
    else byPerson.set(personId, [a]);
  }
  return byPerson;
}

/**
 * Per plan: check-ins still scheduled for a day before today, and clarification requests still
 * open (the manager or HR answering marks a thread answered; the employee replying reopens it).
 */
export async function countOpenItemsOf(
  db: Db,
  { planIds, today }: { planIds: readonly string[]; today: string },
): Promise<Map<string, { overdueCheckins: number; unansweredClarifications: number }>> {
  const counts = new Map(
    planIds.map((id) => [id, { overdueCheckins: 0, unansweredClarifications: 0 }]),
  );
  if (!planIds.length) return counts;
  const ids = uuids(planIds);
  const [checkins, threads] = await Promise.all([
    db
      .select({ planId: planCheckins.planId, n: sql<number>`count(*)::int` })
      .from(planCheckins)
      .where(
        sql`${planCheckins.planId} = any(${ids}) and ${planCheckins.status} = 'scheduled'
          and ${planCheckins.scheduledOn} < ${today}::date`,
      )
      .groupBy(planCheckins.planId),
    db
      .select({ planId: planThreads.planId, n: sql<number>`count(*)::int` })
      .from(planThreads)
      .where(
        sql`${planThreads.planId} = any(${ids}) and ${planThreads.kind} = 'clarification'
          and ${planThreads.status} = 'open'`,
      )
      .groupBy(planThreads.planId),
  ]);
  for (const c of checkins) {
    const entry = counts.get(c.planId);
    if (entry) entry.overdueCheckins = c.n;
  }
  for (const t of threads) {
    const entry = counts.get(t.planId);
    if (entry) entry.unansweredClarifications = t.n;
  }
  return counts;
}
