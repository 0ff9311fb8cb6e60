import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../access/access.types.js";
import type { Db, DbOrTx, Tx } from "../../db/client.js";
import {
  createChainVerifier,
  digestOf,
  GENESIS_HASH,
  hashEvent,
  sealHead,
  type VerifyResult,
} from "./record.rules.js";
import { auditEvents, auditHead } from "./record.table.js";

// Serialises appends so each event links to the one before it; held until the transaction ends.
export const AUDIT_LOCK = 724311;

export type AuditInput = {
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Non-confidential summary kept in the log. */
  data?: Record<string, unknown>;
  /** The full change; only its digest is kept. Defaults to `data`. */
  change?: unknown;
};

/** Records one audit event inside the caller's transaction: no write without its event. */
export async function recordEvent(
  tx: Tx,
  { secret, now, input }: { secret: string; now: Date; input: AuditInput },
) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, "head"));
  const data = input.data ?? {};
  const event = {
    seq: (head?.seq ?? 0) + 1,
    id: randomUUID(),
    at: new Date(now.getTime()),
    actorId: input.actor.kind === "person" ? input.actor.personId : null,
    actorLabel: input.actor.kind === "person" ? input.actor.name : input.actor.label,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    data,
    digest: digestOf(input.change ?? data),
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const hash = hashEvent(event);
  await tx.insert(auditEvents).values({ ...event, hash });
  const seal = sealHead({ seq: event.seq, hash, secret });
  await tx
    .insert(auditHead)
    .values({ id: "head", seq: event.seq, hash, seal })
    .onConflictDoUpdate({ target: auditHead.id, set: { seq: event.seq, hash, seal } });
  return { ...event, hash };
}

/** Walks the whole chain in batches and reports the first broken link. */
export async function verifyAuditTrail({
  db,
  secret,
}: {
  db: Db;
  secret: string;
}): Promise<VerifyResult> {
  const verifier = createChainVerifier({ secret });
  let after = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, after))
      .orderBy(asc(auditEvents.seq))
      .limit(2000);
    for (const row of batch) verifier.step(row);
    if (batch.length < 2000) break;
    after = batch[batch.length - 1]!.seq;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, "head"));
  return verifier.finish(head ?? null);
}

export type AuditQuery = {
  before?: number;
  limit: number;
  action?: string;
  subjectId?: string;
  actorId?: string;
  /** When set, only events about these subjects or by these actors (HR scoped to departments). */
  restrictToPeople?: string[];
};

export async function findAuditEvents({ db, query }: { db: DbOrTx; query: AuditQuery }) {
  const where: SQL[] = [];
  if (query.before) where.push(lt(auditEvents.seq, query.before));
  if (query.action) where.push(sql`${auditEvents.action} LIKE ${`${query.action}%`}`);
  if (query.subjectId) where.push(eq(auditEvents.subjectId, query.subjectId));
  if (query.actorId) where.push(eq(auditEvents.actorId, query.actorId));
  if (query.restrictToPeople) {
    if (query.restrictToPeople.length === 0) return [];
    where.push(
      or(
        inArray(auditEvents.subjectId, query.restrictToPeople),
        inArray(auditEvents.actorId, query.restrictToPeople),
      )!,
    );
  }
  return db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(query.limit);
}

/** How many events of one kind happened since a moment, optionally for one subject or data value. */
export async function countRecentEvents(
  db: DbOrTx,
  {
    action,
    since,
    subjectId,
    dataField,
    dataValue,
  }: { action: string; since: Date; subjectId?: string; dataField?: string; dataValue?: string },
): Promise<{ count: number; oldest: Date | null }> {
  const where: SQL[] = [eq(auditEvents.action, action), gt(auditEvents.at, since)];
  if (subjectId) where.push(eq(auditEvents.subjectId, subjectId));
  if (dataField && dataValue !== undefined)
    where.push(sql`${auditEvents.data} ->> ${dataField} = ${dataValue}`);
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${auditEvents.at})`,
    })
    .from(auditEvents)
    .where(and(...where));
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

/** One event by its sequence number, or null. */
export async function findEventAt(db: DbOrTx, seq: number) {
  const [row] = await db.select().from(auditEvents).where(eq(auditEvents.seq, seq));
  return row ?? null;
}

/** The newest event's sequence number and hash (0 and the genesis hash for an empty log). */
export async function findLastEvent(db: DbOrTx): Promise<{ seq: number; hash: string }> {
  const [row] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row ?? { seq: 0, hash: GENESIS_HASH };
}
