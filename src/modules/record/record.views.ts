import { and, eq, gt, sql } from "drizzle-orm";
import type { Actor } from "../../access/access.types.js";
import { type DbOrTx, reusable } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { AUDIT_LOCK } from "./record.service.js";
import { auditEvents } from "./record.table.js";

// "Who viewed": reading a sensitive record (a success plan, a confidential thread) is an audit
// event. One per reader, subject and hour is enough to answer "who has read this, and when",
// without a row for every refresh or autosave: before writing, one query on a partial index
// (`audit_events_reads_idx`: subject, reader, time, for `*.viewed` actions only) asks whether
// this reader's last view of this subject is less than an hour old.

export const VIEW_WINDOW_MS = 60 * 60 * 1000;

export type ViewAction = `${string}.viewed`;

type ViewInput = {
  actor: Actor;
  action: ViewAction;
  subjectType: string;
  subjectId: string;
  /** Non-confidential, like any audit data. */
  data?: Record<string, unknown>;
};

const lastView = reusable("record_last_view", (db) =>
  db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(
      and(
        // The partial index's own predicate, so the planner can use it.
        sql`${auditEvents.action} LIKE '%.viewed'`,
        eq(auditEvents.subjectId, sql.placeholder("subjectId")),
        eq(auditEvents.actorId, sql.placeholder("personId")),
        gt(auditEvents.at, sql.placeholder("since")),
        eq(auditEvents.action, sql.placeholder("action")),
        eq(auditEvents.subjectType, sql.placeholder("subjectType")),
      ),
    )
    .limit(1),
);

async function viewedSince(db: DbOrTx, key: ViewKey & { since: Date }): Promise<boolean> {
  return (await lastView(db, key)).length > 0;
}

type ViewKey = { personId: string; action: string; subjectType: string; subjectId: string };

class AlreadyRecorded extends Error {}

/**
 * Records that a person read something sensitive, unless they already did within the hour.
 * Returns whether an event was written. Two reads at the same moment write one event: the check
 * is repeated under the audit log's lock before writing.
 */
export async function recordView(deps: Deps, input: ViewInput): Promise<boolean> {
  if (input.actor.kind !== "person") return false;
  const key: ViewKey = {
    personId: input.actor.personId,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
  };
  const since = new Date(deps.clock().getTime() - VIEW_WINDOW_MS);
  if (await viewedSince(deps.database.db, { ...key, since })) return false;
  try {
    await write(deps, async (w) => {
      await w.tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
      if (await viewedSince(w.tx, { ...key, since })) throw new AlreadyRecorded();
      await w.audit({
        actor: input.actor,
        action: input.action,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        data: input.data ?? {},
      });
    });
    return true;
  } catch (err) {
    if (err instanceof AlreadyRecorded) return false;
    throw err;
  }
}
