import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import type { Write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { queueMail } from "../mail/mail.service.js";
import { findPeopleByIds } from "../org/org.repository.js";
import { notifications } from "./notify.table.js";

export type NewNotification = {
  /** Who is told. The actor is never told about their own action. */
  personIds: string[];
  kind: string;
  title: string;
  body?: string;
  /** Path inside the app, e.g. /plans/<id>. */
  link: string;
  subjectType?: string;
  subjectId?: string;
  /** With a key, a person gets this notification at most once (reminders). */
  dedupeKey?: string;
  /** Also email it (the default). */
  email?: boolean;
};

/**
 * Tells people in the app and by email, inside the caller's transaction: a notification exists
 * only if the change it announces was committed. Returns who was actually told.
 */
export async function notify(deps: Deps, w: Write, n: NewNotification): Promise<string[]> {
  const recipients = [...new Set(n.personIds)];
  const told: string[] = [];
  for (const person of await findPeopleByIds(w.tx, recipients)) {
    if (!person.active) continue;
    const [row] = await w.tx
      .insert(notifications)
      .values({
        personId: person.id,
        kind: n.kind,
        title: n.title,
        body: n.body ?? "",
        link: n.link,
        subjectType: n.subjectType ?? null,
        subjectId: n.subjectId ?? null,
        dedupeKey: n.dedupeKey ?? null,
        createdAt: w.now,
      })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    if (!row) continue;
    told.push(person.id);
    if (n.email !== false) {
      await queueMail(deps, w, {
        to: person.email,
        subject: n.title,
        text: `Hello ${person.name},\n\n${n.body ? `${n.body}\n\n` : ""}Open it in Headway: ${deps.config.baseUrl}${n.link}\n`,
      });
    }
  }
  return told;
}

export async function findNotifications(
  db: DbOrTx,
  { personId, limit, unreadOnly }: { personId: string; limit: number; unreadOnly?: boolean },
) {
  const where = [eq(notifications.personId, personId)];
  if (unreadOnly) where.push(isNull(notifications.readAt));
  return db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), sql`${notifications.id}`)
    .limit(limit);
}

export async function countUnread(db: DbOrTx, personId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
