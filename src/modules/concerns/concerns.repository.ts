import { and, asc, desc, eq, gt, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { isUuid } from "../org/org.repository.js";
import { people } from "../org/org.table.js";
import { auditEvents } from "../record/record.table.js";
import { concernMessages, concernReads, concerns } from "./concerns.table.js";

export type ConcernRow = typeof concerns.$inferSelect;
export type ConcernMessageRow = typeof concernMessages.$inferSelect;

export async function findConcernById(db: DbOrTx, id: string): Promise<ConcernRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(concerns).where(eq(concerns.id, id));
  return row ?? null;
}

/** The concern, locked until the transaction ends (replies and status changes queue up). */
export async function findConcernForUpdate(tx: Tx, id: string): Promise<ConcernRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(concerns).where(eq(concerns.id, id)).for("update");
  return row ?? null;
}

export async function findConcernsRaisedBy(db: DbOrTx, employeeId: string) {
  return db
    .select()
    .from(concerns)
    .where(eq(concerns.employeeId, employeeId))
    .orderBy(desc(concerns.lastMessageAt));
}

/**
 * Concerns raised by people in the given departments (all of them with `all`), with the
 * employee's name and department, for HR's inbox. The policy still decides each one.
 */
export async function findConcernsInScope(
  db: DbOrTx,
  { all, departments, status }: { all: boolean; departments: string[]; status?: "open" | "closed" },
) {
  const where: SQL[] = [];
  if (!all) {
    if (departments.length === 0) return [];
    where.push(inArray(people.department, departments));
  }
  if (status) where.push(eq(concerns.status, status));
  return db
    .select({
      concern: concerns,
      employeeName: people.name,
      employeeDepartment: people.department,
    })
    .from(concerns)
    .innerJoin(people, eq(people.id, concerns.employeeId))
    .where(where.length ? and(...where) : undefined);
}

export async function findMessages(db: DbOrTx, concernId: string): Promise<ConcernMessageRow[]> {
  return db
    .select()
    .from(concernMessages)
    .where(eq(concernMessages.concernId, concernId))
    .orderBy(asc(concernMessages.createdAt), asc(concernMessages.id));
}

/** Per concern: how many messages there are, and how many the reader has not read (not their own). */
export async function countMessages(
  db: DbOrTx,
  { concernIds, readerId }: { concernIds: string[]; readerId: string },
): Promise<Map<string, { total: number; unread: number }>> {
  if (concernIds.length === 0) return new Map();
  const rows = await db
    .select({
      concernId: concernMessages.concernId,
      total: sql<number>`count(*)::int`,
      unread: sql<number>`(count(*) FILTER (WHERE ${concernMessages.authorId} <> ${readerId} AND (${concernReads.readAt} IS NULL OR ${concernMessages.createdAt} > ${concernReads.readAt})))::int`,
    })
    .from(concernMessages)
    .leftJoin(
      concernReads,
      and(
        eq(concernReads.concernId, concernMessages.concernId),
        eq(concernReads.personId, readerId),
      ),
    )
    .where(inArray(concernMessages.concernId, concernIds))
    .groupBy(concernMessages.concernId);
  return new Map(rows.map((r) => [r.concernId, { total: r.total, unread: r.unread }]));
}

export async function findReadAt(
  db: DbOrTx,
  { concernId, personId }: { concernId: string; personId: string },
): Promise<Date | null> {
  const [row] = await db
    .select({ readAt: concernReads.readAt })
    .from(concernReads)
    .where(and(eq(concernReads.concernId, concernId), eq(concernReads.personId, personId)));
  return row?.readAt ?? null;
}

/** Records that the person has read the thread up to `at` (the row stays locked until commit). */
export async function markRead(
  tx: Tx,
  { concernId, personId, at }: { concernId: string; personId: string; at: Date },
) {
  await tx
    .insert(concernReads)
    .values({ concernId, personId, readAt: at })
    .onConflictDoUpdate({
      target: [concernReads.concernId, concernReads.personId],
      set: { readAt: at },
    });
}

/**
 * When this reader's view of the thread was last logged after `since`. The employee's events
 * carry no actor (see the service), so their views are those with no actor id. Uses the audit
 * log's subject index.
 */
export async function findLastLoggedView(
  db: DbOrTx,
  { concernId, actorId, since }: { concernId: string; actorId: string | null; since: Date },
): Promise<Date | null> {
  const [row] = await db
    .select({ at: auditEvents.at })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "hr_record"),
        eq(auditEvents.subjectId, concernId),
        eq(auditEvents.action, "concern.viewed"),
        gt(auditEvents.at, since),
        actorId ? eq(auditEvents.actorId, actorId) : isNull(auditEvents.actorId),
      ),
    )
    .orderBy(desc(auditEvents.at))
    .limit(1);
  return row?.at ?? null;
}

/** Ids of the concerns about a person (what is recorded from them is never shown to that person). */
export async function findConcernIdsAbout(db: DbOrTx, personId: string): Promise<string[]> {
  const rows = await db
    .select({ id: concerns.id })
    .from(concerns)
    .where(eq(concerns.aboutPersonId, personId));
  return rows.map((r) => r.id);
}
