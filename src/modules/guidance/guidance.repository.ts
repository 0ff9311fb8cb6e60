import { and, count, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { guidanceSeen } from "./guidance.table.js";

export type GuidanceSeenRow = typeof guidanceSeen.$inferSelect;

export async function findSeen(
  db: DbOrTx,
  { personId, cardId }: { personId: string; cardId: string },
): Promise<GuidanceSeenRow | null> {
  const [row] = await db
    .select()
    .from(guidanceSeen)
    .where(and(eq(guidanceSeen.personId, personId), eq(guidanceSeen.cardId, cardId)));
  return row ?? null;
}

export async function findDismissedCardIds(db: DbOrTx, personId: string): Promise<string[]> {
  const rows = await db
    .select({ cardId: guidanceSeen.cardId })
    .from(guidanceSeen)
    .where(and(eq(guidanceSeen.personId, personId), isNotNull(guidanceSeen.dismissedAt)));
  return rows.map((r) => r.cardId);
}

/**
 * Counts a showing: a first one inserts the row; a later one adds to times_shown only when the
 * last one was on an earlier (UTC) day. The check sits in the statement itself, so two tabs
 * showing the card at once count once. Returns whether anything was counted.
 */
export async function countShowing(
  tx: Tx,
  { personId, cardId, now }: { personId: string; cardId: string; now: Date },
): Promise<boolean> {
  const rows = await tx
    .insert(guidanceSeen)
    .values({ personId, cardId, firstShownAt: now, lastShownAt: now, timesShown: 1 })
    .onConflictDoUpdate({
      target: [guidanceSeen.personId, guidanceSeen.cardId],
      set: { lastShownAt: now, timesShown: sql`${guidanceSeen.timesShown} + 1` },
      setWhere: sql`(${guidanceSeen.lastShownAt} AT TIME ZONE 'UTC')::date < (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')::date`,
    })
    .returning({ cardId: guidanceSeen.cardId });
  return rows.length > 0;
}

/**
 * Sets a first-time mark (dismissed, handbook opened) on the person's row, creating the row when
 * the card was never counted as shown (it was on screen to be clicked). Returns whether it changed.
 */
export async function markOnce(
  tx: Tx,
  {
    personId,
    cardId,
    now,
    mark,
  }: { personId: string; cardId: string; now: Date; mark: "dismissedAt" | "handbookOpenedAt" },
): Promise<boolean> {
  const column = guidanceSeen[mark];
  const rows = await tx
    .insert(guidanceSeen)
    .values({
      personId,
      cardId,
      firstShownAt: now,
      lastShownAt: now,
      timesShown: 1,
      [mark]: now,
    })
    .onConflictDoUpdate({
      target: [guidanceSeen.personId, guidanceSeen.cardId],
      set: { [mark]: now },
      setWhere: isNull(column),
    })
    .returning({ cardId: guidanceSeen.cardId });
  return rows.length > 0;
}

export type CardCounts = {
  cardId: string;
  peopleShown: number;
  timesShown: number;
  dismissed: number;
  handbookOpened: number;
};

/** Per card: how many people saw it, how often, how many dismissed it and opened the handbook. */
export async function countByCard(db: DbOrTx): Promise<CardCounts[]> {
  const rows = await db
    .select({
      cardId: guidanceSeen.cardId,
      peopleShown: count(),
      timesShown: sql<string>`coalesce(sum(${guidanceSeen.timesShown}), 0)`,
      dismissed: count(guidanceSeen.dismissedAt),
      handbookOpened: count(guidanceSeen.handbookOpenedAt),
    })
    .from(guidanceSeen)
    .groupBy(guidanceSeen.cardId);
  return rows.map((r) => ({ ...r, timesShown: Number(r.timesShown) }));
}
