import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { catalogueItems } from "../catalogue/catalogue.table.js";
import { orgSettings } from "../org/org.table.js";
import { planGoals, planResources, plans } from "./plans.table.js";

// Queries for sealed plans and the growth plan that carries on: plain rows; no rules here.

export const DEFAULT_SEALED_MANAGER_DAYS = 90;

/** The organisation's setting: days the manager who ran a sealed plan may still open it. */
export async function findSealedManagerDays(db: DbOrTx): Promise<{ days: number }> {
  const [row] = await db
    .select({ days: orgSettings.sealedPlanManagerDays })
    .from(orgSettings)
    .where(eq(orgSettings.id, 1));
  return row ?? { days: DEFAULT_SEALED_MANAGER_DAYS };
}

export async function saveSealedManagerDays(tx: Tx, days: number, now: Date) {
  await tx
    .insert(orgSettings)
    .values({ id: 1, sealedPlanManagerDays: days, updatedAt: now })
    .onConflictDoUpdate({
      target: orgSettings.id,
      set: { sealedPlanManagerDays: days, updatedAt: now },
    });
}

/** What a carried-on growth plan is drafted from: the plan's goals and the skills it trained. */
export async function findCarryOnSources(db: DbOrTx, planId: string) {
  const goals = await db
    .select({
      id: planGoals.id,
      description: planGoals.description,
      metric: planGoals.metric,
      unit: planGoals.unit,
      direction: planGoals.direction,
      target: planGoals.target,
      measurement: planGoals.measurement,
    })
    .from(planGoals)
    .where(eq(planGoals.planId, planId))
    .orderBy(asc(planGoals.position), asc(planGoals.id));
  const items = goals.length
    ? await db
        .select({ skills: catalogueItems.skills })
        .from(planResources)
        .innerJoin(catalogueItems, eq(catalogueItems.id, planResources.catalogueItemId))
        .where(
          inArray(
            planResources.goalId,
            goals.map((g) => g.id),
          ),
        )
        .orderBy(asc(catalogueItems.title), asc(catalogueItems.id))
    : [];
  return { goals, skills: items.flatMap((i) => i.skills) };
}

/** Plans that closed with their goals met before sealing existed, locked for the sweep. */
export async function findUnsealedSuccesses(tx: Tx) {
  return tx
    .select({ id: plans.id, closedAt: plans.closedAt, updatedAt: plans.updatedAt })
    .from(plans)
    .where(and(eq(plans.status, "closed"), eq(plans.outcome, "goals_met"), isNull(plans.sealedAt)))
    .orderBy(asc(plans.closedAt), asc(plans.id))
    .for("update");
}

/** The same, without locking: is there anything to do at all? */
export async function countUnsealedSuccesses(db: DbOrTx): Promise<number> {
  const rows = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.status, "closed"), eq(plans.outcome, "goals_met"), isNull(plans.sealedAt)));
  return rows.length;
}

/** Sealed plans among these ids (to tell a link that must not show from one that may). */
export async function findSealedIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(inArray(plans.id, ids), isNotNull(plans.sealedAt)));
  return new Set(rows.map((r) => r.id));
}
