import { sql } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Actor } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx, Tx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { findPeopleByIds, findPersonById } from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import { findPolicy as findReviewPolicy } from "../review/review.repository.js";
import {
  eraseRecords,
  findCandidates,
  findHeldPeople,
  findHoldById,
  findHolds,
  findStoredPolicy,
  insertHold,
  type LegalHoldRow,
  markHoldReleased,
  saveStoredPolicy,
} from "./retention.repository.js";
import {
  checkPolicyChange,
  decideErasure,
  floorsFor,
  resolvePolicy,
  retentionSchedule,
} from "./retention.rules.js";
import { type RecordType, recordTypeInfo, recordTypes } from "./retention.types.js";

// Retention periods, legal holds and erasure. Erasure deletes records (or, for people, blanks
// their personal fields) in batches, each batch one transaction with one `retention.erased`
// audit event. The audit trail itself is never touched: it keeps ids, counts and digests, so it
// still verifies after any erasure.

/** Records read and erased per transaction. */
export const BATCH_SIZE = 500;

/** Erasure batches and hold changes take this lock, so a hold placed mid-run is honoured. */
async function lockRetention(tx: Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('headway'), hashtext('retention'))`);
}

function assertManages(actor: Actor) {
  if (!can(actor, "org.manage_retention", { type: "org" })) throw notFound("retention");
}

async function floorsNow(db: DbOrTx) {
  const { protectedActivityDays } = await findReviewPolicy(db);
  return { floors: floorsFor({ protectedActivityDays }), protectedActivityDays };
}

// ---------- the policy ----------

export type RetentionSettings = Awaited<ReturnType<typeof readSettings>>;

async function readSettings(db: DbOrTx) {
  const stored = await findStoredPolicy(db);
  const policy = resolvePolicy(stored?.policy);
  const { floors } = await floorsNow(db);
  return {
    /** When the policy was last saved; null while the defaults apply. */
    updatedAt: stored?.updatedAt.toISOString() ?? null,
    types: recordTypes.map((type) => {
      const info = recordTypeInfo[type];
      return {
        type,
        label: info.label,
        countedFrom: info.countedFrom,
        erases: info.erases,
        erasure: info.erasure,
        /** Months; null keeps for ever. */
        months: policy[type],
        defaultMonths: info.defaultMonths,
        floorMonths: floors[type],
        floorReason: info.floorReason ?? null,
      };
    }),
  };
}

export async function getRetentionSettings(deps: Deps, { actor }: { actor: Actor }) {
  assertManages(actor);
  return readSettings(deps.database.db);
}

/**
 * Changes some periods (a partial map of record type → months or null). Every problem is
 * reported at once and nothing is saved unless all are fixed.
 */
export async function updateRetentionPolicy(
  deps: Deps,
  { actor, periods }: { actor: Actor; periods: Record<string, unknown> },
) {
  assertManages(actor);
  try {
    return await savePolicy(deps, { actor, periods });
  } catch (err) {
    // A save that changes nothing writes nothing, not even an event.
    if (err instanceof NothingChanged) return readSettings(deps.database.db);
    throw err;
  }
}

class NothingChanged extends Error {}

async function savePolicy(
  deps: Deps,
  { actor, periods }: { actor: Actor; periods: Record<string, unknown> },
) {
  return write(deps, async (w) => {
    await lockRetention(w.tx);
    const { floors, protectedActivityDays } = await floorsNow(w.tx);
    const problems = checkPolicyChange({ periods, floors, protectedActivityDays });
    if (problems.length)
      throw new AppError(
        "validation.failed",
        "Some retention periods cannot be used; see details.",
        problems,
      );
    const stored = await findStoredPolicy(w.tx);
    const current = resolvePolicy(stored?.policy);
    const changed = Object.fromEntries(
      Object.entries(periods as Record<RecordType, number | null>).filter(
        ([type, months]) => current[type as RecordType] !== months,
      ),
    );
    if (!Object.keys(changed).length) throw new NothingChanged();
    // The whole policy is stored, so a later change of a default does not move a saved period.
    await saveStoredPolicy(w.tx, { ...current, ...changed }, w.now);
    await w.audit({
      actor,
      action: "retention.policy_updated",
      subjectType: "org",
      data: {
        changed,
        before: Object.fromEntries(Object.keys(changed).map((t) => [t, current[t as RecordType]])),
      },
    });
    return readSettings(w.tx);
  });
}

// ---------- a run ----------

export type RetentionRunItem = {
  type: RecordType;
  label: string;
  months: number | null;
  cutoff: string | null;
  /** Erased (or, in a dry run, that would be). */
  erased: number;
  /** Past their period but kept by a legal hold. */
  held: number;
};

export type RetentionReport = {
  dryRun: boolean;
  at: string;
  items: RetentionRunItem[];
  erased: number;
  held: number;
};

/** Thrown inside a batch's transaction when nothing is left to erase: rolls it back, no event. */
class NothingToErase extends Error {}

/**
 * Applies the policy now: for each record type, the records whose period is over and that no
 * legal hold keeps are erased, in batches. With `dryRun`, reads only and reports the same
 * numbers. Callers check permission (the CLI and the job act as the system).
 */
export async function runRetention(
  deps: Deps,
  { actor, dryRun }: { actor: Actor; dryRun: boolean },
): Promise<RetentionReport> {
  const db = deps.database.db;
  const now = deps.clock();
  const policy = resolvePolicy((await findStoredPolicy(db))?.policy);
  const { floors } = await floorsNow(db);
  const schedule = retentionSchedule({ policy, floors, now });
  const items: RetentionRunItem[] = [];
  for (const { type, months, cutoff } of schedule) {
    const item: RetentionRunItem = {
      type,
      label: recordTypeInfo[type].label,
      months,
      cutoff: cutoff?.toISOString() ?? null,
      erased: 0,
      held: 0,
    };
    items.push(item);
    if (!cutoff) continue;
    let after: string | undefined;
    for (;;) {
      const batch = await findCandidates(db, type, { cutoff, after, limit: BATCH_SIZE });
      if (!batch.length) break;
      after = batch[batch.length - 1]!.id;
      const { due, held } = decideErasure({
        records: batch,
        cutoff,
        heldPeople: await findHeldPeople(db),
      });
      item.held += held.length;
      if (dryRun) item.erased += due.length;
      else if (due.length) {
        const done = await eraseBatch(deps, {
          actor,
          type,
          cutoff,
          ids: due.map((r) => r.id),
        });
        item.erased += done.erased;
        item.held += done.held;
      }
      if (batch.length < BATCH_SIZE) break;
    }
  }
  return {
    dryRun,
    at: now.toISOString(),
    items,
    erased: items.reduce((n, i) => n + i.erased, 0),
    held: items.reduce((n, i) => n + i.held, 0),
  };
}

/**
 * One batch in one transaction: the records are read again under the retention lock (one may
 * have changed, or a hold been placed, since they were listed), decided again, erased, and
 * recorded as one audit event with the type, the count and the cut-off — never a name.
 */
async function eraseBatch(
  deps: Deps,
  { actor, type, cutoff, ids }: { actor: Actor; type: RecordType; cutoff: Date; ids: string[] },
): Promise<{ erased: number; held: number }> {
  try {
    return await write(deps, async (w) => {
      await lockRetention(w.tx);
      const records = await findCandidates(w.tx, type, { cutoff, ids, limit: ids.length });
      const { due, held } = decideErasure({
        records,
        cutoff,
        heldPeople: await findHeldPeople(w.tx),
      });
      const erasedIds = due.map((r) => r.id);
      const erased = await eraseRecords(w.tx, type, erasedIds, w.now);
      if (erased === 0) throw new NothingToErase();
      await w.audit({
        actor,
        action: "retention.erased",
        subjectType: "retention",
        subjectId: type,
        data: { recordType: type, count: erased, cutoff: cutoff.toISOString() },
        change: { recordType: type, ids: erasedIds, cutoff: cutoff.toISOString() },
      });
      return { erased, held: held.length };
    });
  } catch (err) {
    if (err instanceof NothingToErase) return { erased: 0, held: 0 };
    throw err;
  }
}

/** What a run would erase now, for the settings panel. Changes nothing. */
export async function previewRetention(deps: Deps, { actor }: { actor: Actor }) {
  assertManages(actor);
  return runRetention(deps, { actor, dryRun: true });
}

/** Erases what is due now, from the settings panel. */
export async function runRetentionNow(deps: Deps, { actor }: { actor: Actor }) {
  assertManages(actor);
  return runRetention(deps, { actor, dryRun: false });
}

// ---------- legal holds ----------

async function presentHolds(db: DbOrTx, rows: LegalHoldRow[]) {
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.personId);
    ids.add(r.placedById);
    if (r.releasedById) ids.add(r.releasedById);
  }
  const names = new Map((await findPeopleByIds(db, [...ids])).map((p) => [p.id, p.name]));
  const ref = (id: string) => ({ id, name: names.get(id) ?? "Unknown" });
  return rows.map((r) => ({
    id: r.id,
    person: ref(r.personId),
    active: r.releasedAt === null,
    reason: r.reason,
    placedBy: ref(r.placedById),
    placedAt: r.placedAt.toISOString(),
    releasedAt: r.releasedAt?.toISOString() ?? null,
    releasedBy: r.releasedById ? ref(r.releasedById) : null,
    releaseReason: r.releaseReason,
  }));
}

export type LegalHold = Awaited<ReturnType<typeof presentHolds>>[number];

/** Loads a person the actor may place holds on; anyone else gets the 404 of a missing person. */
async function loadHoldable(db: DbOrTx, actor: Actor, personId: string) {
  const person = await findPersonById(db, personId);
  if (!person) throw notFound("person");
  if (!can(actor, "person.place_legal_hold", await personResource(db, person)))
    throw notFound("person");
  return person;
}

/** Every hold, current ones first: for the retention panel. */
export async function listLegalHolds(deps: Deps, { actor }: { actor: Actor }) {
  assertManages(actor);
  const db = deps.database.db;
  return { items: await presentHolds(db, await findHolds(db)) };
}

/** A person's holds, current and released, for their page (HR in scope and admins). */
export async function getPersonLegalHolds(
  deps: Deps,
  { actor, personId }: { actor: Actor; personId: string },
) {
  const db = deps.database.db;
  await loadHoldable(db, actor, personId);
  const items = await presentHolds(db, await findHolds(db, { personId }));
  return { held: items.some((h) => h.active), items };
}

const reasonProblem = (reason: string, what: string) =>
  reason.trim()
    ? null
    : new AppError("validation.failed", `Say ${what}.`, [
        { path: "reason", message: `Say ${what}.` },
      ]);

/** Places a hold: nothing about the person is erased until it is released. */
export async function placeLegalHold(
  deps: Deps,
  { actor, personId, reason }: { actor: Actor; personId: string; reason: string },
) {
  if (actor.kind !== "person") throw notFound("person");
  const problem = reasonProblem(reason, "why the records must be kept (the matter, a case number)");
  return write(deps, async (w) => {
    await lockRetention(w.tx);
    await loadHoldable(w.tx, actor, personId);
    if (problem) throw problem;
    const row = await insertHold(w.tx, {
      personId,
      reason: reason.trim(),
      placedById: actor.personId,
      placedAt: w.now,
    });
    // The reason may name a matter or other people: only its digest goes into the trail.
    await w.audit({
      actor,
      action: "legal_hold.placed",
      subjectType: "person",
      subjectId: personId,
      data: { holdId: row.id },
      change: { holdId: row.id, reason: row.reason },
    });
    const [hold] = await presentHolds(w.tx, [row]);
    return hold!;
  });
}

/** Releases a hold, with the reason; it stays in the person's history. */
export async function releaseLegalHold(
  deps: Deps,
  { actor, holdId, reason }: { actor: Actor; holdId: string; reason: string },
) {
  if (actor.kind !== "person") throw notFound("legal_hold");
  const problem = reasonProblem(reason, "why the hold can end (the matter closed, a date passed)");
  return write(deps, async (w) => {
    await lockRetention(w.tx);
    const hold = await findHoldById(w.tx, holdId, { lock: true });
    if (!hold) throw notFound("legal_hold");
    try {
      await loadHoldable(w.tx, actor, hold.personId);
    } catch {
      throw notFound("legal_hold");
    }
    if (hold.releasedAt)
      throw new AppError(
        "legal_hold.invalid_transition",
        "This hold was already released. Place a new one if the records must be kept again.",
      );
    if (problem) throw problem;
    const row = await markHoldReleased(w.tx, hold.id, {
      releasedAt: w.now,
      releasedById: actor.personId,
      releaseReason: reason.trim(),
    });
    await w.audit({
      actor,
      action: "legal_hold.released",
      subjectType: "person",
      subjectId: hold.personId,
      data: { holdId: hold.id },
      change: { holdId: hold.id, reason: row.releaseReason },
    });
    const [presented] = await presentHolds(w.tx, [row]);
    return presented!;
  });
}
