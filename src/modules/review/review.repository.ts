import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { type DbOrTx, reusable } from "../../db/client.js";
import { findSharedFeedback } from "../feedback/feedback.repository.js";
import { documentedDiscussions } from "../growth/growth.table.js";
import type { Keyring } from "../keys/keys.service.js";
import { findPairMeetings } from "../oneonones/oneonones.service.js";
import { people } from "../org/org.table.js";
import type { PlanRow } from "../plans/plans.repository.js";
import { planCheckinGoals, planEvidence, planGoals, plans } from "../plans/plans.table.js";
import {
  planFindingOverrides,
  planPriorNotice,
  protectedActivities,
  reviewPolicies,
} from "./review.table.js";
import {
  defaultPolicy,
  type ProtectedActivityKind,
  type ReviewHistory,
  type ReviewPolicy,
} from "./review.types.js";

export type OverrideRow = typeof planFindingOverrides.$inferSelect & { authorName: string };
export type PriorNoticeRow = typeof planPriorNotice.$inferSelect;
export type ProtectedActivityRow = typeof protectedActivities.$inferSelect;

export async function findPolicy(db: DbOrTx): Promise<ReviewPolicy> {
  const [row] = await db.select().from(reviewPolicies).where(eq(reviewPolicies.id, 1));
  return { ...defaultPolicy, ...(row?.policy ?? {}) };
}

const overridesOf = reusable("review_overrides_of", (db) =>
  db
    .select({ o: planFindingOverrides, authorName: people.name })
    .from(planFindingOverrides)
    .innerJoin(people, eq(people.id, planFindingOverrides.authorId))
    .where(eq(planFindingOverrides.planId, sql.placeholder("planId")))
    .orderBy(asc(planFindingOverrides.createdAt), asc(planFindingOverrides.id)),
);

export async function findOverrides(db: DbOrTx, planId: string): Promise<OverrideRow[]> {
  const rows = await overridesOf(db, { planId });
  return rows.map((r) => ({ ...r.o, authorName: r.authorName }));
}

const priorNoticeOf = reusable("review_prior_notice_of", (db) =>
  db
    .select()
    .from(planPriorNotice)
    .where(eq(planPriorNotice.planId, sql.placeholder("planId")))
    .orderBy(asc(planPriorNotice.heldOn), asc(planPriorNotice.id)),
);

export async function findPriorNotice(db: DbOrTx, planId: string): Promise<PriorNoticeRow[]> {
  return priorNoticeOf(db, { planId });
}

/** A protected activity, decrypted. */
export type ProtectedActivityRecord = Omit<ProtectedActivityRow, "kind"> & {
  kind: ProtectedActivityKind;
};

/** A person's protected activities, decrypted, oldest first (the dates are encrypted too). */
export async function findProtectedActivities(
  db: DbOrTx,
  personId: string,
  keys: Keyring,
): Promise<ProtectedActivityRecord[]> {
  const rows = await db
    .select()
    .from(protectedActivities)
    .where(eq(protectedActivities.personId, personId));
  return rows
    .map((r) => ({
      ...r,
      kind: keys.open("protected_activities.kind", r.kind) as ProtectedActivityKind,
      occurredOn: keys.open("protected_activities.occurred_on", r.occurredOn),
      note: keys.open("protected_activities.note", r.note),
    }))
    .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id.localeCompare(b.id));
}

export const metricKey = (metric: string) => metric.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * What Headway knows of the time before this plan: recorded values of the plan's metrics (for the
 * person, and for their peers under the same manager), prior notice (the manager's record on the
 * plan, constructive feedback from the manager, shared documented discussions), the pair's 1:1s,
 * and protected activities.
 */
export async function findHistory(
  db: DbOrTx,
  plan: Pick<PlanRow, "id" | "employeeId" | "managerId">,
  metrics: string[],
  keys: Keyring,
): Promise<ReviewHistory> {
  const wanted = new Set(metrics.map(metricKey).filter(Boolean));
  const [employee] = await db
    .select({ managerId: people.managerId })
    .from(people)
    .where(eq(people.id, plan.employeeId));
  const peers = employee?.managerId
    ? (
        await db
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.managerId, employee.managerId), ne(people.id, plan.employeeId)))
      ).map((p) => p.id)
    : [];
  const values = new Map<string, { person: number[]; team: number[] }>();
  const add = (metric: string, scope: "person" | "team", value: number | null) => {
    const key = metricKey(metric);
    if (value === null || !wanted.has(key)) return;
    const entry = values.get(key) ?? { person: [], team: [] };
    entry[scope].push(value);
    values.set(key, entry);
  };
  if (wanted.size) {
    const owners = [plan.employeeId, ...peers];
    // Other plans' goals on the same metric: their baselines and every value checked in. A
    // sealed plan (closed with its goals met) is left out: it must not follow the person, nor
    // weigh on their peers' plans.
    const goals = await db
      .select({
        employeeId: plans.employeeId,
        metric: planGoals.metric,
        baseline: planGoals.baseline,
        value: planCheckinGoals.value,
      })
      .from(planGoals)
      .innerJoin(plans, eq(plans.id, planGoals.planId))
      .leftJoin(planCheckinGoals, eq(planCheckinGoals.goalId, planGoals.id))
      .where(and(inArray(plans.employeeId, owners), ne(plans.id, plan.id), isNull(plans.sealedAt)));
    const seenBaseline = new Set<string>();
    for (const g of goals) {
      const scope = g.employeeId === plan.employeeId ? "person" : "team";
      const marker = `${g.employeeId}|${metricKey(g.metric)}|${g.baseline}`;
      if (!seenBaseline.has(marker)) {
        seenBaseline.add(marker);
        add(g.metric, scope, g.baseline);
      }
      add(g.metric, scope, g.value);
    }
    // Metric evidence, on this plan and on peers' plans, whose title names the metric.
    const series = await db
      .select({
        employeeId: plans.employeeId,
        title: planEvidence.title,
        series: planEvidence.series,
      })
      .from(planEvidence)
      .innerJoin(plans, eq(plans.id, planEvidence.planId))
      .where(
        and(
          eq(planEvidence.kind, "metric"),
          or(
            eq(plans.id, plan.id),
            and(
              inArray(plans.employeeId, peers.length ? peers : [plan.id]),
              isNull(plans.sealedAt),
            ),
          ),
        ),
      );
    for (const e of series)
      for (const point of e.series)
        add(e.title, e.employeeId === plan.employeeId ? "person" : "team", point.value);
  }
  const notice = await findPriorNotice(db, plan.id);
  const activities = await findProtectedActivities(db, plan.employeeId, keys);
  // Written notice the employee already has in Headway: constructive feedback from their manager
  // and documented discussions shared with them. (A shared 1:1 note may be about anything, so it
  // counts only when the manager records it as prior notice.)
  const since = "1900-01-01";
  const feedbackNotice = (
    await findSharedFeedback(db, {
      recipientId: plan.employeeId,
      giverIds: [plan.managerId],
      since,
    })
  ).filter((f) => f.kind === "constructive");
  const discussions = await db
    .select({ occurredOn: documentedDiscussions.occurredOn })
    .from(documentedDiscussions)
    .where(
      and(
        eq(documentedDiscussions.employeeId, plan.employeeId),
        inArray(documentedDiscussions.status, ["shared", "acknowledged"]),
      ),
    );
  const oneOnOnes = await findPairMeetings(db, {
    managerId: plan.managerId,
    employeeId: plan.employeeId,
    since: new Date("1900-01-01T00:00:00Z"),
  });
  return {
    metrics: [...values].flatMap(([metric, v]) => [
      ...(v.person.length ? [{ metric, scope: "person" as const, values: v.person }] : []),
      ...(v.team.length ? [{ metric, scope: "team" as const, values: v.team }] : []),
    ]),
    priorNotice: [
      ...notice.map((n) => ({ date: n.heldOn, kind: n.kind, sharedWithEmployee: true })),
      ...feedbackNotice.map((f) => ({
        date: f.date,
        kind: "written_feedback",
        sharedWithEmployee: true,
      })),
      ...discussions.map((d) => ({
        date: d.occurredOn,
        kind: "documented_discussion",
        sharedWithEmployee: true,
      })),
    ],
    oneOnOnes,
    protectedActivities: activities.map((a) => ({ date: a.occurredOn, kind: a.kind })),
  };
}
