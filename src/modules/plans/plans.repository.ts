import { and, asc, desc, eq, inArray, max, ne, sql } from "drizzle-orm";
import { anyOfIds, type DbOrTx, reusable, type Tx } from "../../db/client.js";
import type { Keyring } from "../keys/keys.service.js";
import { isUuid } from "../org/org.repository.js";
import { people } from "../org/org.table.js";
import {
  planCauses,
  planEvidence,
  planGoals,
  planMilestones,
  planPrivateNotes,
  planResources,
  planReviews,
  plans,
  planVersions,
} from "./plans.table.js";

// Queries for success plans: plain rows in, plain rows out; no rules here.

export type PlanRow = typeof plans.$inferSelect;
export type EvidenceRow = typeof planEvidence.$inferSelect;
export type CauseRow = typeof planCauses.$inferSelect;
export type GoalRow = typeof planGoals.$inferSelect;
export type ResourceRow = typeof planResources.$inferSelect;
export type MilestoneRow = typeof planMilestones.$inferSelect;
export type VersionRow = typeof planVersions.$inferSelect;

const byPlanId = sql.placeholder("planId");

const planById = reusable("plans_by_id", (db) =>
  db.select().from(plans).where(eq(plans.id, byPlanId)),
);

export async function findPlanById(db: DbOrTx, id: string): Promise<PlanRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await planById(db, { planId: id });
  return row ?? null;
}

/** The plan row, locked until the transaction ends: writes to one plan are serialised. */
export async function findPlanForUpdate(tx: Tx, id: string): Promise<PlanRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(plans).where(eq(plans.id, id)).for("update");
  return row ?? null;
}

export async function findOpenPlanForEmployee(
  db: DbOrTx,
  employeeId: string,
): Promise<PlanRow | null> {
  const [row] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.employeeId, employeeId), ne(plans.status, "closed")))
    .limit(1);
  return row ?? null;
}

export type GoalWithParts = GoalRow & { resources: ResourceRow[]; milestones: MilestoneRow[] };
export type PlanDocumentRows = {
  evidence: EvidenceRow[];
  causes: CauseRow[];
  goals: GoalWithParts[];
};

/** Evidence, causes and goals (with resources and milestones), in the order the manager set. */
const evidenceOf = reusable("plans_evidence_of", (db) =>
  db
    .select()
    .from(planEvidence)
    .where(eq(planEvidence.planId, byPlanId))
    .orderBy(asc(planEvidence.position), asc(planEvidence.id)),
);
const causesOf = reusable("plans_causes_of", (db) =>
  db
    .select()
    .from(planCauses)
    .where(eq(planCauses.planId, byPlanId))
    .orderBy(asc(planCauses.cause)),
);
const goalsOf = reusable("plans_goals_of", (db) =>
  db
    .select()
    .from(planGoals)
    .where(eq(planGoals.planId, byPlanId))
    .orderBy(asc(planGoals.position), asc(planGoals.id)),
);
const resourcesOfGoals = reusable("plans_resources_of_goals", (db) =>
  db
    .select()
    .from(planResources)
    .where(anyOfIds(planResources.goalId))
    .orderBy(asc(planResources.description), asc(planResources.id)),
);
const milestonesOfGoals = reusable("plans_milestones_of_goals", (db) =>
  db
    .select()
    .from(planMilestones)
    .where(anyOfIds(planMilestones.goalId))
    .orderBy(asc(planMilestones.dueDate), asc(planMilestones.id)),
);

/** A plan's goals, in the order the manager set. */
export async function findGoals(db: DbOrTx, planId: string): Promise<GoalRow[]> {
  return goalsOf(db, { planId });
}

/** The milestones of these goals, by due date. */
export async function findMilestonesOfGoals(db: DbOrTx, ids: string[]): Promise<MilestoneRow[]> {
  return milestonesOfGoals(db, { ids });
}

export async function findPlanDocument(db: DbOrTx, planId: string): Promise<PlanDocumentRows> {
  const evidence = await evidenceOf(db, { planId });
  const causes = await causesOf(db, { planId });
  const goals = await goalsOf(db, { planId });
  const ids = goals.map((g) => g.id);
  const resources = ids.length ? await resourcesOfGoals(db, { ids }) : [];
  const milestones = ids.length ? await milestonesOfGoals(db, { ids }) : [];
  return {
    evidence,
    causes,
    goals: goals.map((g) => ({
      ...g,
      resources: resources.filter((r) => r.goalId === g.id),
      milestones: milestones.filter((m) => m.goalId === g.id),
    })),
  };
}

const reviewsOf = reusable("plans_reviews_of", (db) =>
  db
    .select({
      id: planReviews.id,
      decision: planReviews.decision,
      comment: planReviews.comment,
      createdAt: planReviews.createdAt,
      authorId: planReviews.authorId,
      authorName: people.name,
    })
    .from(planReviews)
    .innerJoin(people, eq(people.id, planReviews.authorId))
    .where(eq(planReviews.planId, byPlanId))
    .orderBy(asc(planReviews.createdAt), asc(planReviews.id)),
);

export async function findReviews(db: DbOrTx, planId: string) {
  return reviewsOf(db, { planId });
}

const versionsOf = reusable("plans_versions_of", (db) =>
  db
    .select({
      number: planVersions.number,
      createdAt: planVersions.createdAt,
      changeSummary: planVersions.changeSummary,
      acknowledgedAt: planVersions.acknowledgedAt,
    })
    .from(planVersions)
    .where(eq(planVersions.planId, byPlanId))
    .orderBy(asc(planVersions.number)),
);

/** A plan's versions without their snapshots (which only a version's own page reads). */
export async function findVersions(db: DbOrTx, planId: string) {
  return versionsOf(db, { planId });
}

export async function findVersion(
  db: DbOrTx,
  planId: string,
  number: number,
): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.number, number)));
  return row ?? null;
}

export async function findLatestVersionNumber(db: DbOrTx, planId: string): Promise<number> {
  const [row] = await db
    .select({ n: max(planVersions.number) })
    .from(planVersions)
    .where(eq(planVersions.planId, planId));
  return row?.n ?? 0;
}

/** Version numbers shown to employees and not yet acknowledged, per plan. */
export async function findUnacknowledgedVersions(
  db: DbOrTx,
  planIds: string[],
): Promise<{ planId: string; number: number }[]> {
  if (planIds.length === 0) return [];
  return db
    .select({ planId: planVersions.planId, number: planVersions.number })
    .from(planVersions)
    .where(and(inArray(planVersions.planId, planIds), sql`${planVersions.acknowledgedAt} IS NULL`));
}

/** Only the author's own notes: nobody else's, ever. Decrypted here; stored encrypted. */
const ownPrivateNotes = reusable("plans_own_private_notes", (db) =>
  db
    .select({
      id: planPrivateNotes.id,
      body: planPrivateNotes.body,
      createdAt: planPrivateNotes.createdAt,
    })
    .from(planPrivateNotes)
    .where(
      and(
        eq(planPrivateNotes.planId, byPlanId),
        eq(planPrivateNotes.authorId, sql.placeholder("authorId")),
      ),
    )
    .orderBy(desc(planPrivateNotes.createdAt), asc(planPrivateNotes.id)),
);

export async function findOwnPrivateNotes(
  db: DbOrTx,
  planId: string,
  authorId: string,
  keys: Keyring,
) {
  const rows = await ownPrivateNotes(db, { planId, authorId });
  return rows.map((n) => ({ ...n, body: keys.open("plan_private_notes.body", n.body) }));
}

/** Every plan with the names around it, newest change first; the caller filters by permission. */
export async function findPlanSummaries(db: DbOrTx, { status }: { status?: string[] }) {
  const rows = await db.execute<{
    id: string;
    status: string;
    start_date: string | null;
    end_date: string | null;
    outcome: string | null;
    issued_version: number;
    updated_at: Date;
    employee_id: string;
    employee_name: string;
    employee_title: string;
    employee_department: string;
    manager_id: string;
    manager_name: string;
    hr_partner_id: string | null;
    hr_partner_name: string | null;
    sealed_at: Date | null;
    sealed_manager_until: Date | null;
  }>(sql`
    SELECT p.id, p.status, p.start_date::text AS start_date, p.end_date::text AS end_date,
           p.outcome, p.issued_version, p.updated_at, p.sealed_at, p.sealed_manager_until,
           e.id AS employee_id, e.name AS employee_name,
           e.title AS employee_title, e.department AS employee_department,
           m.id AS manager_id, m.name AS manager_name,
           h.id AS hr_partner_id, h.name AS hr_partner_name
    FROM plans p
    JOIN people e ON e.id = p.employee_id
    JOIN people m ON m.id = p.manager_id
    LEFT JOIN people h ON h.id = p.hr_partner_id
    ${
      status?.length
        ? sql`WHERE p.status IN (${sql.join(
            status.map((s) => sql`${s}`),
            sql`, `,
          )})`
        : sql``
    }
    ORDER BY p.updated_at DESC, p.id`);
  return rows.rows;
}

/** Every person's manager, for building management chains in memory (listing many plans). */
export async function findReportingLines(db: DbOrTx) {
  return db.select({ id: people.id, managerId: people.managerId }).from(people);
}
