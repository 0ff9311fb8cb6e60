import { and, asc, desc, eq, gte, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { isUuid } from "../org/org.repository.js";
import { feedback, feedbackReplies, feedbackRequests } from "./feedback.table.js";

export type FeedbackRow = typeof feedback.$inferSelect;
export type FeedbackRequestRow = typeof feedbackRequests.$inferSelect;
export type FeedbackReplyRow = typeof feedbackReplies.$inferSelect;

export async function findFeedbackById(db: DbOrTx, id: string): Promise<FeedbackRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(feedback).where(eq(feedback.id, id));
  return row ?? null;
}

/** The feedback row, locked until the transaction ends: a draft is shared once. */
export async function findFeedbackForUpdate(tx: Tx, id: string): Promise<FeedbackRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(feedback).where(eq(feedback.id, id)).for("update");
  return row ?? null;
}

/**
 * Feedback about one person that `viewerId` could be allowed to see: what they gave, what was
 * shared with them, and (when `hr` is true) what was shared with HR. The caller still asks can()
 * of each row.
 */
export async function findFeedbackAbout(
  db: DbOrTx,
  { recipientId, viewerId, hr }: { recipientId: string; viewerId: string; hr: boolean },
): Promise<FeedbackRow[]> {
  const visible: SQL[] = [eq(feedback.giverId, viewerId)];
  if (recipientId === viewerId) visible.push(eq(feedback.visibility, "shared"));
  else if (hr) visible.push(eq(feedback.visibility, "hr"));
  return db
    .select()
    .from(feedback)
    .where(and(eq(feedback.recipientId, recipientId), sql`(${sql.join(visible, sql` OR `)})`))
    .orderBy(desc(feedback.createdAt), asc(feedback.id))
    .limit(500);
}

export async function findFeedbackGivenBy(db: DbOrTx, giverId: string): Promise<FeedbackRow[]> {
  return db
    .select()
    .from(feedback)
    .where(eq(feedback.giverId, giverId))
    .orderBy(desc(feedback.createdAt), asc(feedback.id))
    .limit(500);
}

export async function findReplies(db: DbOrTx, feedbackId: string): Promise<FeedbackReplyRow[]> {
  return db
    .select()
    .from(feedbackReplies)
    .where(eq(feedbackReplies.feedbackId, feedbackId))
    .orderBy(asc(feedbackReplies.createdAt), asc(feedbackReplies.id));
}

export async function countReplies(
  db: DbOrTx,
  feedbackIds: string[],
): Promise<Map<string, number>> {
  if (!feedbackIds.length) return new Map();
  const rows = await db
    .select({ id: feedbackReplies.feedbackId, n: sql<number>`count(*)::int` })
    .from(feedbackReplies)
    .where(inArray(feedbackReplies.feedbackId, feedbackIds))
    .groupBy(feedbackReplies.feedbackId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function findRequestById(
  db: DbOrTx,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<FeedbackRequestRow | null> {
  if (!isUuid(id)) return null;
  const query = db.select().from(feedbackRequests).where(eq(feedbackRequests.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function findOpenRequest(
  db: DbOrTx,
  { requesterId, askedId, aboutId }: { requesterId: string; askedId: string; aboutId: string },
): Promise<FeedbackRequestRow | null> {
  const [row] = await db
    .select()
    .from(feedbackRequests)
    .where(
      and(
        eq(feedbackRequests.requesterId, requesterId),
        eq(feedbackRequests.askedId, askedId),
        eq(feedbackRequests.aboutId, aboutId),
        eq(feedbackRequests.status, "open"),
      ),
    );
  return row ?? null;
}

/** Requests waiting on `askedId`, oldest first. */
export async function findOpenRequestsFor(
  db: DbOrTx,
  askedId: string,
): Promise<FeedbackRequestRow[]> {
  return db
    .select()
    .from(feedbackRequests)
    .where(and(eq(feedbackRequests.askedId, askedId), eq(feedbackRequests.status, "open")))
    .orderBy(asc(feedbackRequests.createdAt), asc(feedbackRequests.id))
    .limit(500);
}

/** Requests `requesterId` made, newest first. */
export async function findRequestsBy(
  db: DbOrTx,
  requesterId: string,
): Promise<FeedbackRequestRow[]> {
  return db
    .select()
    .from(feedbackRequests)
    .where(eq(feedbackRequests.requesterId, requesterId))
    .orderBy(desc(feedbackRequests.createdAt), asc(feedbackRequests.id))
    .limit(500);
}

export type SharedFeedback = {
  date: string;
  kind: (typeof feedback.$inferSelect)["kind"];
  sharedWithEmployee: true;
};

/**
 * For the plan review: the dates on which feedback was shared with `recipientId` (optionally
 * only from `giverIds`), on or after `since` (YYYY-MM-DD, UTC). Drafts and feedback shared with
 * HR alone never count: the employee did not see them.
 */
export async function findSharedFeedback(
  db: DbOrTx,
  { recipientId, giverIds, since }: { recipientId: string; giverIds?: string[]; since: string },
): Promise<SharedFeedback[]> {
  if (giverIds && giverIds.length === 0) return [];
  const where: SQL[] = [
    eq(feedback.recipientId, recipientId),
    eq(feedback.visibility, "shared"),
    isNotNull(feedback.sharedAt),
    gte(feedback.sharedAt, new Date(`${since}T00:00:00.000Z`)),
  ];
  if (giverIds) where.push(inArray(feedback.giverId, giverIds));
  const rows = await db
    .select({ sharedAt: feedback.sharedAt, kind: feedback.kind })
    .from(feedback)
    .where(and(...where))
    .orderBy(asc(feedback.sharedAt), asc(feedback.id));
  return rows.map((r) => ({
    date: r.sharedAt!.toISOString().slice(0, 10),
    kind: r.kind,
    sharedWithEmployee: true as const,
  }));
}
