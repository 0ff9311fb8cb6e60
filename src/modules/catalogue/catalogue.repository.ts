import {
  type AnyColumn,
  and,
  asc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { growthGoalResources } from "../growth/growth.table.js";
import { isUuid } from "../org/org.repository.js";
import { planResources } from "../plans/plans.table.js";
import { catalogueItems, catalogueSessions } from "./catalogue.table.js";
import type { CatalogueKind } from "./catalogue.types.js";

export type CatalogueItemRow = typeof catalogueItems.$inferSelect;
export type CatalogueSessionRow = typeof catalogueSessions.$inferSelect;
export type NewCatalogueItem = typeof catalogueItems.$inferInsert;

const textArray = (values: string[]) =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`ARRAY[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;

/** How many of the given tags an array column shares with them (the search's "best match"). */
const overlapCount = (column: AnyColumn, values: string[]) =>
  values.length === 0
    ? sql`0`
    : sql`(SELECT count(*) FROM unnest(${column}) AS t(v) WHERE t.v = ANY(${textArray(values)}))`;

export async function searchCatalogueItems(
  db: DbOrTx,
  {
    q,
    skills,
    causes,
    kind,
    includeArchived,
    limit,
  }: {
    q?: string;
    skills: string[];
    causes: string[];
    kind?: CatalogueKind;
    includeArchived: boolean;
    limit: number;
  },
): Promise<CatalogueItemRow[]> {
  const where: SQL[] = [];
  if (!includeArchived) where.push(eq(catalogueItems.active, true));
  if (kind) where.push(eq(catalogueItems.kind, kind));
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      or(
        ilike(catalogueItems.title, like),
        ilike(catalogueItems.provider, like),
        ilike(catalogueItems.description, like),
      )!,
    );
  }
  if (skills.length) where.push(sql`${catalogueItems.skills} && ${textArray(skills)}`);
  if (causes.length) where.push(sql`${catalogueItems.causes} && ${textArray(causes)}`);
  const score = sql`(${overlapCount(catalogueItems.skills, skills)} + ${overlapCount(catalogueItems.causes, causes)})`;
  return db
    .select()
    .from(catalogueItems)
    .where(where.length ? and(...where) : undefined)
    .orderBy(sql`${score} DESC`, asc(sql`lower(${catalogueItems.title})`), asc(catalogueItems.id))
    .limit(limit);
}

export async function findCatalogueItemById(
  db: DbOrTx,
  id: string,
): Promise<CatalogueItemRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(catalogueItems).where(eq(catalogueItems.id, id));
  return row ?? null;
}

export async function findCatalogueItemForUpdate(
  tx: Tx,
  id: string,
): Promise<CatalogueItemRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select()
    .from(catalogueItems)
    .where(eq(catalogueItems.id, id))
    .for("update");
  return row ?? null;
}

export async function findAllCatalogueItems(db: DbOrTx): Promise<CatalogueItemRow[]> {
  return db
    .select()
    .from(catalogueItems)
    .orderBy(asc(catalogueItems.kind), asc(sql`lower(${catalogueItems.title})`));
}

/** The item with the same (kind, title, provider), case-insensitively: the unique identity. */
export async function findCatalogueItemByIdentity(
  db: DbOrTx,
  { kind, title, provider }: { kind: CatalogueKind; title: string; provider: string },
): Promise<CatalogueItemRow | null> {
  const [row] = await db
    .select()
    .from(catalogueItems)
    .where(
      and(
        eq(catalogueItems.kind, kind),
        sql`lower(${catalogueItems.title}) = lower(${title})`,
        sql`lower(${catalogueItems.provider}) = lower(${provider})`,
      ),
    );
  return row ?? null;
}

export async function insertCatalogueItem(tx: Tx, values: NewCatalogueItem) {
  const [row] = await tx.insert(catalogueItems).values(values).returning();
  return row!;
}

export async function updateCatalogueItem(
  tx: Tx,
  id: string,
  values: Partial<NewCatalogueItem>,
): Promise<CatalogueItemRow> {
  const [row] = await tx
    .update(catalogueItems)
    .set(values)
    .where(eq(catalogueItems.id, id))
    .returning();
  return row!;
}

export async function findSessionById(db: DbOrTx, id: string): Promise<CatalogueSessionRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(catalogueSessions).where(eq(catalogueSessions.id, id));
  return row ?? null;
}

export async function findSessionForUpdate(
  tx: Tx,
  id: string,
): Promise<CatalogueSessionRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx
    .select()
    .from(catalogueSessions)
    .where(eq(catalogueSessions.id, id))
    .for("update");
  return row ?? null;
}

export async function insertSession(tx: Tx, values: typeof catalogueSessions.$inferInsert) {
  const [row] = await tx.insert(catalogueSessions).values(values).returning();
  return row!;
}

export async function cancelSessionRow(tx: Tx, id: string, now: Date) {
  const [row] = await tx
    .update(catalogueSessions)
    .set({ cancelledAt: now })
    .where(eq(catalogueSessions.id, id))
    .returning();
  return row!;
}

/** Sessions of the given items; `upcomingFrom` keeps only those not yet started and not cancelled. */
export async function findSessions(
  db: DbOrTx,
  { itemIds, upcomingFrom }: { itemIds: string[]; upcomingFrom?: Date },
): Promise<CatalogueSessionRow[]> {
  if (itemIds.length === 0) return [];
  const where: SQL[] = [inArray(catalogueSessions.itemId, itemIds)];
  if (upcomingFrom) {
    where.push(gte(catalogueSessions.startsAt, upcomingFrom));
    where.push(isNull(catalogueSessions.cancelledAt));
  }
  return db
    .select()
    .from(catalogueSessions)
    .where(and(...where))
    .orderBy(asc(catalogueSessions.startsAt), asc(catalogueSessions.id));
}

/** Seats taken per session: goal resources (plan and growth) naming it, unless not delivered. */
export async function countSeatsTaken(
  db: DbOrTx,
  sessionIds: string[],
): Promise<Map<string, number>> {
  const taken = new Map<string, number>();
  if (sessionIds.length === 0) return taken;
  // One after the other: inside a transaction both would queue on the same connection anyway.
  const fromPlans = await db
    .select({ id: planResources.catalogueSessionId, n: sql<number>`count(*)::int` })
    .from(planResources)
    .where(
      and(
        inArray(planResources.catalogueSessionId, sessionIds),
        ne(planResources.status, "not_delivered"),
      ),
    )
    .groupBy(planResources.catalogueSessionId);
  const fromGrowth = await db
    .select({ id: growthGoalResources.catalogueSessionId, n: sql<number>`count(*)::int` })
    .from(growthGoalResources)
    .where(
      and(
        inArray(growthGoalResources.catalogueSessionId, sessionIds),
        ne(growthGoalResources.status, "not_delivered"),
      ),
    )
    .groupBy(growthGoalResources.catalogueSessionId);
  for (const r of [...fromPlans, ...fromGrowth])
    if (r.id) taken.set(r.id, (taken.get(r.id) ?? 0) + Number(r.n));
  return taken;
}

export type CatalogueUsageRow = {
  itemId: string;
  uses: number;
  delivered: number;
  notDelivered: number;
  inUse: number;
  offered: number;
  plansUsing: number;
  plansClosed: number;
  plansGoalsMet: number;
  growthGoalsUsing: number;
};

/**
 * Aggregates per item over every goal resource that names it (plan and growth goals).
 * Counts only: no plan, person or goal is ever named.
 */
export async function aggregateCatalogueUsage(
  db: DbOrTx,
  { itemIds }: { itemIds?: string[] },
): Promise<CatalogueUsageRow[]> {
  if (itemIds && itemIds.length === 0) return [];
  const only = itemIds ? sql`AND r.catalogue_item_id = ANY(${textArray(itemIds)}::uuid[])` : sql``;
  const result = await db.execute<{
    item_id: string;
    uses: number;
    delivered: number;
    not_delivered: number;
    in_use: number;
    offered: number;
    plans_using: number;
    plans_closed: number;
    plans_goals_met: number;
    growth_goals_using: number;
  }>(sql`
    WITH used AS (
      SELECT r.catalogue_item_id AS item_id, r.status, g.plan_id, p.status AS plan_status,
             p.outcome, NULL::uuid AS growth_goal_id
      FROM plan_resources r
      JOIN plan_goals g ON g.id = r.goal_id
      JOIN plans p ON p.id = g.plan_id
      WHERE r.catalogue_item_id IS NOT NULL ${only}
      UNION ALL
      SELECT r.catalogue_item_id, r.status, NULL::uuid, NULL, NULL, r.goal_id
      FROM growth_goal_resources r
      WHERE r.catalogue_item_id IS NOT NULL ${only}
    )
    SELECT item_id,
      count(*)::int AS uses,
      (count(*) FILTER (WHERE status = 'delivered'))::int AS delivered,
      (count(*) FILTER (WHERE status = 'not_delivered'))::int AS not_delivered,
      (count(*) FILTER (WHERE status = 'in_use'))::int AS in_use,
      (count(*) FILTER (WHERE status = 'offered'))::int AS offered,
      (count(DISTINCT plan_id))::int AS plans_using,
      (count(DISTINCT plan_id) FILTER (WHERE plan_status = 'closed'))::int AS plans_closed,
      (count(DISTINCT plan_id) FILTER (WHERE plan_status = 'closed' AND outcome = 'goals_met'))::int AS plans_goals_met,
      (count(DISTINCT growth_goal_id))::int AS growth_goals_using
    FROM used
    GROUP BY item_id`);
  return result.rows.map((r) => ({
    itemId: r.item_id,
    uses: Number(r.uses),
    delivered: Number(r.delivered),
    notDelivered: Number(r.not_delivered),
    inUse: Number(r.in_use),
    offered: Number(r.offered),
    plansUsing: Number(r.plans_using),
    plansClosed: Number(r.plans_closed),
    plansGoalsMet: Number(r.plans_goals_met),
    growthGoalsUsing: Number(r.growth_goals_using),
  }));
}
