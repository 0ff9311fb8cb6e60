import { and, asc, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { oneOnOneMeetings, oneOnOneSeries } from "../oneonones/oneonones.table.js";
import { isUuid } from "../org/org.repository.js";
import { people } from "../org/org.table.js";
import {
  documentedDiscussions,
  growthGoals,
  growthGoalUpdates,
  onboardingPlans,
  onboardingStages,
  onboardingTemplates,
} from "./growth.table.js";

export type GoalRow = typeof growthGoals.$inferSelect;
export type TemplateRow = typeof onboardingTemplates.$inferSelect;
export type OnboardingPlanRow = typeof onboardingPlans.$inferSelect;
export type StageRow = typeof onboardingStages.$inferSelect;
export type DiscussionRow = typeof documentedDiscussions.$inferSelect;

/** Names of people, by id, for presenting who wrote what. */
export async function findNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------- growth goals ----------

export async function findGoalById(db: DbOrTx, id: string): Promise<GoalRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(growthGoals).where(eq(growthGoals.id, id));
  return row ?? null;
}

export async function findGoalForUpdate(tx: Tx, id: string): Promise<GoalRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(growthGoals).where(eq(growthGoals.id, id)).for("update");
  return row ?? null;
}

/** Active goals first, then by due date (undated last), then newest. */
export async function findGoalsOfPerson(db: DbOrTx, personId: string): Promise<GoalRow[]> {
  return db
    .select()
    .from(growthGoals)
    .where(eq(growthGoals.personId, personId))
    .orderBy(
      sql`CASE ${growthGoals.status} WHEN 'active' THEN 0 WHEN 'achieved' THEN 1 ELSE 2 END`,
      sql`${growthGoals.dueOn} ASC NULLS LAST`,
      desc(growthGoals.createdAt),
      asc(growthGoals.id),
    );
}

/** A goal's progress updates, newest first, with the 1:1 each was discussed in. */
export async function findGoalUpdates(db: DbOrTx, goalId: string) {
  return db
    .select({
      id: growthGoalUpdates.id,
      authorId: growthGoalUpdates.authorId,
      authorName: people.name,
      body: growthGoalUpdates.body,
      progress: growthGoalUpdates.progress,
      value: growthGoalUpdates.value,
      meetingId: growthGoalUpdates.meetingId,
      meetingScheduledAt: oneOnOneMeetings.scheduledAt,
      createdAt: growthGoalUpdates.createdAt,
    })
    .from(growthGoalUpdates)
    .innerJoin(people, eq(people.id, growthGoalUpdates.authorId))
    .leftJoin(oneOnOneMeetings, eq(oneOnOneMeetings.id, growthGoalUpdates.meetingId))
    .where(eq(growthGoalUpdates.goalId, goalId))
    .orderBy(desc(growthGoalUpdates.createdAt), desc(growthGoalUpdates.id));
}
export type GoalUpdateRow = Awaited<ReturnType<typeof findGoalUpdates>>[number];

/** A 1:1 meeting of a series the person is in (on either side), or null. */
export async function findMeetingOfPerson(db: DbOrTx, meetingId: string, personId: string) {
  if (!isUuid(meetingId)) return null;
  const [row] = await db
    .select({ id: oneOnOneMeetings.id, scheduledAt: oneOnOneMeetings.scheduledAt })
    .from(oneOnOneMeetings)
    .innerJoin(oneOnOneSeries, eq(oneOnOneSeries.id, oneOnOneMeetings.seriesId))
    .where(
      and(
        eq(oneOnOneMeetings.id, meetingId),
        or(eq(oneOnOneSeries.reportId, personId), eq(oneOnOneSeries.managerId, personId)),
      ),
    );
  return row ?? null;
}

/**
 * For the manager home: how many goals are active and achieved, and the average progress of the
 * active ones (null when there are none). Dropped goals do not count.
 */
export async function growthSummary(
  db: DbOrTx,
  personId: string,
): Promise<{ active: number; achieved: number; averageProgress: number | null }> {
  const [row] = await db
    .select({
      active: sql<number>`count(*) FILTER (WHERE ${growthGoals.status} = 'active')::int`,
      achieved: sql<number>`count(*) FILTER (WHERE ${growthGoals.status} = 'achieved')::int`,
      average: sql<
        string | null
      >`round(avg(${growthGoals.progress}) FILTER (WHERE ${growthGoals.status} = 'active'))::int`,
    })
    .from(growthGoals)
    .where(eq(growthGoals.personId, personId));
  return {
    active: row?.active ?? 0,
    achieved: row?.achieved ?? 0,
    averageProgress: row?.average == null ? null : Number(row.average),
  };
}

// ---------- onboarding ----------

/** The built-in template first (it is the default), then the others, oldest first. */
export async function findTemplates(db: DbOrTx): Promise<TemplateRow[]> {
  return db
    .select()
    .from(onboardingTemplates)
    .orderBy(
      sql`${onboardingTemplates.createdById} IS NOT NULL`,
      asc(onboardingTemplates.createdAt),
      asc(onboardingTemplates.id),
    );
}

export async function findTemplateById(db: DbOrTx, id: string): Promise<TemplateRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(onboardingTemplates).where(eq(onboardingTemplates.id, id));
  return row ?? null;
}

export async function findTemplateForUpdate(tx: Tx, id: string): Promise<TemplateRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select()
    .from(onboardingTemplates)
    .where(eq(onboardingTemplates.id, id))
    .for("update");
  return row ?? null;
}

export async function findOnboardingPlanById(
  db: DbOrTx,
  id: string,
): Promise<OnboardingPlanRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(onboardingPlans).where(eq(onboardingPlans.id, id));
  return row ?? null;
}

export async function findOnboardingPlanForUpdate(
  tx: Tx,
  id: string,
): Promise<OnboardingPlanRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select()
    .from(onboardingPlans)
    .where(eq(onboardingPlans.id, id))
    .for("update");
  return row ?? null;
}

/** Newest first. */
export async function findOnboardingPlansOfPerson(
  db: DbOrTx,
  personId: string,
): Promise<OnboardingPlanRow[]> {
  return db
    .select()
    .from(onboardingPlans)
    .where(eq(onboardingPlans.personId, personId))
    .orderBy(desc(onboardingPlans.createdAt), desc(onboardingPlans.id));
}

export async function findActiveOnboardingPlan(
  db: DbOrTx,
  personId: string,
): Promise<OnboardingPlanRow | null> {
  const [row] = await db
    .select()
    .from(onboardingPlans)
    .where(and(eq(onboardingPlans.personId, personId), eq(onboardingPlans.status, "active")));
  return row ?? null;
}

/** Stages of one or more plans, in order. */
export async function findStages(db: DbOrTx, planIds: string[]): Promise<StageRow[]> {
  if (planIds.length === 0) return [];
  return db
    .select()
    .from(onboardingStages)
    .where(inArray(onboardingStages.planId, planIds))
    .orderBy(asc(onboardingStages.day));
}

/** Serialises creating a person's onboarding plan: one active plan each. */
export async function lockPersonOnboarding(tx: Tx, personId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`onboarding:${personId}`}))`);
}

/** Serialises seeding the default template, so two first uses make one. */
export async function lockTemplateSeeding(tx: Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('onboarding_templates:seed'))`);
}

// ---------- documented discussions ----------

export async function findDiscussionById(db: DbOrTx, id: string): Promise<DiscussionRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(documentedDiscussions)
    .where(eq(documentedDiscussions.id, id));
  return row ?? null;
}

export async function findDiscussionForUpdate(tx: Tx, id: string): Promise<DiscussionRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select()
    .from(documentedDiscussions)
    .where(eq(documentedDiscussions.id, id))
    .for("update");
  return row ?? null;
}

/** Newest discussion first. */
export async function findDiscussionsOfEmployee(
  db: DbOrTx,
  employeeId: string,
): Promise<DiscussionRow[]> {
  return db
    .select()
    .from(documentedDiscussions)
    .where(eq(documentedDiscussions.employeeId, employeeId))
    .orderBy(desc(documentedDiscussions.occurredOn), desc(documentedDiscussions.createdAt));
}

/**
 * For the plan review: discussions the employee was shown (shared or acknowledged) that took
 * place on or after `since`, oldest first. Drafts never count: the employee has not seen them.
 */
export async function findSharedDiscussions(
  db: DbOrTx,
  { employeeId, since }: { employeeId: string; since: string },
): Promise<{ date: string; kind: "documented_discussion"; sharedWithEmployee: true }[]> {
  const rows = await db
    .select({ occurredOn: documentedDiscussions.occurredOn })
    .from(documentedDiscussions)
    .where(
      and(
        eq(documentedDiscussions.employeeId, employeeId),
        inArray(documentedDiscussions.status, ["shared", "acknowledged"]),
        gte(documentedDiscussions.occurredOn, since),
      ),
    )
    .orderBy(asc(documentedDiscussions.occurredOn));
  return rows.map((r) => ({
    date: r.occurredOn,
    kind: "documented_discussion" as const,
    sharedWithEmployee: true as const,
  }));
}
