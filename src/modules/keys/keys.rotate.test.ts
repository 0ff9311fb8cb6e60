import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actorFor, makePlan } from "../../../test/factories.js";
import { makeMeeting, makeNote, makeSeries } from "../../../test/factories-calendar.js";
import { createTestDeps, type TestDeps } from "../../../test/helpers.js";
import { AppError } from "../../api/errors.js";
import { masterKeyId } from "../../config.js";
import { connect } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import { addNote, getMeeting } from "../oneonones/oneonones.meetings.service.js";
import { oneOnOneNotes } from "../oneonones/oneonones.table.js";
import { addPrivateNote, getPlanDetail } from "../plans/plans.service.js";
import { planPrivateNotes } from "../plans/plans.table.js";
import { auditEvents } from "../record/record.table.js";
import { listProtectedActivities, recordProtectedActivity } from "../review/review.service.js";
import { protectedActivities } from "../review/review.table.js";
import { isSealed, sealWith, versionOf } from "./keys.crypto.js";
import { destroyRetiredKeys, keyStatus, rewrapDataKeys, rotateDataKeys } from "./keys.rotate.js";
import { keyringFor, unwrapDataKey } from "./keys.service.js";
import { sealPlaintext } from "./keys.sweep.js";
import { dataKeys } from "./keys.table.js";

const deps = await createTestDeps();
const db = deps.database.db;

/**
 * A manager, their report and HR, with encrypted records of every kind: private and shared 1:1
 * notes, plan private notes and a protected activity. Returns what each reader should see.
 */
async function records(d: TestDeps = deps) {
  const { plan, manager, employee, hr } = await makePlan(d);
  const series = await makeSeries(d, { managerId: manager.id, reportId: employee.id });
  const meeting = await makeMeeting(d, {
    seriesId: series.id,
    scheduledAt: new Date("2026-03-03T10:00:00Z"),
  });
  const managerActor = await actorFor(d, manager.id);
  const hrActor = await actorFor(d, hr.id);
  const notes = [
    { visibility: "private", body: "Ask about the move to the platform team." },
    { visibility: "shared", body: "Agreed: pairing on Thursdays." },
    { visibility: "private", body: "Seems tired; check workload." },
    { visibility: "private", body: "Follow up on the conference budget." },
  ] as const;
  for (const n of notes)
    await addNote(d, { actor: managerActor, id: series.id, meetingId: meeting.id, ...n });
  const planNotes = ["First private thought on the plan.", "Second private thought."];
  for (const body of planNotes) await addPrivateNote(d, { actor: managerActor, id: plan.id, body });
  const activity = {
    kind: "leave",
    occurredOn: "2026-02-10",
    note: "Two weeks of parental leave.",
  } as const;
  await recordProtectedActivity(d, { actor: hrActor, personId: employee.id, input: activity });

  /** Everything as its readers see it, through the services. */
  async function read() {
    const m = await getMeeting(d, { actor: managerActor, id: series.id, meetingId: meeting.id });
    const p = await getPlanDetail(d, { actor: managerActor, id: plan.id });
    const a = await listProtectedActivities(d, { actor: hrActor, personId: employee.id });
    return {
      notes: m.notes.map((n) => n.body).sort(),
      planNotes: p.privateNotes.map((n) => n.body).sort(),
      activities: a.items.map((i) => ({ kind: i.kind, occurredOn: i.occurredOn, note: i.note })),
    };
  }
  const expected = {
    notes: notes.map((n) => n.body).sort(),
    planNotes: [...planNotes].sort(),
    activities: [activity],
  };
  return { read, expected, plan, manager, employee, hr, series, meeting };
}

/** Every stored value of the encrypted fields, with the data key version it is under. */
async function storedVersions(d: TestDeps = deps) {
  const { rows } = await d.database.pool.query<{ field: string; value: string }>(
    `SELECT 'one_on_one_notes.body' AS field, body AS value FROM one_on_one_notes WHERE visibility = 'private'
     UNION ALL SELECT 'plan_private_notes.body', body FROM plan_private_notes
     UNION ALL SELECT 'protected_activities.kind', kind FROM protected_activities
     UNION ALL SELECT 'protected_activities.occurred_on', occurred_on FROM protected_activities
     UNION ALL SELECT 'protected_activities.note', note FROM protected_activities`,
  );
  return rows.map((r) => (isSealed(r.value) ? versionOf(r.value) : "clear"));
}

async function eventsOf(action: string, d: TestDeps = deps) {
  return d.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(asc(auditEvents.seq));
}

/** A data key as the database holds it, unwrapped: to seal a value the way an older instance did. */
async function rawKey(version: number, d: TestDeps = deps) {
  const [row] = await d.database.db.select().from(dataKeys).where(eq(dataKeys.version, version));
  return unwrapDataKey({
    masterKey: d.config.masterKey,
    wrapped: row!.wrappedKey,
    version,
    wrappedBy: row!.masterKeyId,
  });
}

describe("the start-up sweep", () => {
  it("encrypts rows written before encryption, in audited batches, and they read the same", async () => {
    const { plan, manager, employee, hr, series, meeting } = await records();
    const managerActor = await actorFor(deps, manager.id);
    // Rows as an older version wrote them: in clear.
    const legacyPrivate = await makeNote(deps, {
      meetingId: meeting.id,
      authorId: manager.id,
      visibility: "private",
      body: "Legacy private note, written in clear.",
    });
    const legacyShared = await makeNote(deps, {
      meetingId: meeting.id,
      authorId: manager.id,
      visibility: "shared",
      body: "Legacy shared note.",
    });
    await write(deps, async (w) => {
      await w.tx.insert(planPrivateNotes).values({
        planId: plan.id,
        authorId: manager.id,
        body: "Legacy plan note.",
        createdAt: w.now,
      });
      await w.tx.insert(protectedActivities).values({
        personId: employee.id,
        kind: "complaint",
        occurredOn: "2026-01-05",
        note: "Raised in the March 1:1.",
        recordedById: hr.id,
        recordedAt: w.now,
      });
      await w.audit({
        actor: { kind: "system", label: "test" },
        action: "test.legacy",
        subjectType: "test",
      });
    });
    expect((await storedVersions()).filter((v) => v === "clear")).toHaveLength(5);
    const eventsBefore = (await eventsOf("keys.plaintext_sealed")).length;

    const sealed = await sealPlaintext(deps, { batchSize: 1 });

    expect(sealed).toEqual([
      { field: "one_on_one_notes.body", count: 1 },
      { field: "plan_private_notes.body", count: 1 },
      { field: "protected_activities.kind", count: 1 },
      { field: "protected_activities.occurred_on", count: 1 },
      { field: "protected_activities.note", count: 1 },
    ]);
    expect(await storedVersions()).not.toContain("clear");
    // The shared note stays as it was: both sides read it, and it is not confidential.
    const [shared] = await db
      .select()
      .from(oneOnOneNotes)
      .where(eq(oneOnOneNotes.id, legacyShared.id));
    expect(shared!.body).toBe("Legacy shared note.");
    const [priv] = await db
      .select()
      .from(oneOnOneNotes)
      .where(eq(oneOnOneNotes.id, legacyPrivate.id));
    expect(priv!.body).toMatch(/^hw1:1:/);

    // One event per batch, naming the field and the count, never the text.
    const events = (await eventsOf("keys.plaintext_sealed")).slice(eventsBefore);
    expect(events).toHaveLength(5);
    expect(events.map((e) => e.data)).toContainEqual({
      field: "plan_private_notes.body",
      count: 1,
    });
    expect(JSON.stringify(events)).not.toMatch(/Legacy|complaint|2026-01-05|March/);

    const meetingView = await getMeeting(deps, {
      actor: managerActor,
      id: series.id,
      meetingId: meeting.id,
    });
    expect(meetingView.notes.map((n) => n.body)).toContain(
      "Legacy private note, written in clear.",
    );
    const planView = await getPlanDetail(deps, { actor: managerActor, id: plan.id });
    expect(planView.privateNotes.map((n) => n.body)).toContain("Legacy plan note.");
    const activities = await listProtectedActivities(deps, {
      actor: await actorFor(deps, hr.id),
      personId: employee.id,
    });
    expect(activities.items.map((a) => [a.kind, a.occurredOn])).toContainEqual([
      "complaint",
      "2026-01-05",
    ]);

    // Nothing left: a second sweep writes nothing, not even an event.
    const seqBefore = (await db.select({ n: sql<number>`max(seq)::int` }).from(auditEvents))[0]!.n;
    expect(await sealPlaintext(deps)).toEqual([]);
    expect((await db.select({ n: sql<number>`max(seq)::int` }).from(auditEvents))[0]!.n).toBe(
      seqBefore,
    );
  });
});

describe("rotation", () => {
  it("re-encrypts every value under a new key, retires the old one, and everything still reads", async () => {
    const r = await records();
    expect(await r.read()).toEqual(r.expected);
    const activeBefore = (await keyringFor(deps)).activeVersion;
    const retiredBefore = (await eventsOf("keys.values_resealed")).length;

    const rotation = await rotateDataKeys(deps, { batchSize: 2 });

    expect(rotation.version).toBe(activeBefore + 1);
    expect(rotation.retired).toContain(activeBefore);
    expect(new Set(await storedVersions())).toEqual(new Set([rotation.version]));
    const keys = await db.select().from(dataKeys).orderBy(asc(dataKeys.version));
    expect(keys.map((k) => [k.version, k.status])).toEqual([
      ...rotation.retired.map((v) => [v, "retired"]),
      [rotation.version, "active"],
    ]);
    expect(keys.find((k) => k.version === activeBefore)!.retiredAt).toEqual(deps.clock());
    expect(await r.read()).toEqual(r.expected);

    // Batches of two, each its own audited transaction.
    const events = (await eventsOf("keys.values_resealed")).slice(retiredBefore);
    const resealed = rotation.resealed.reduce((n, c) => n + c.count, 0);
    expect(resealed).toBe((await storedVersions()).length);
    expect(events.length).toBeGreaterThanOrEqual(Math.ceil(resealed / 2));
    expect(events.every((e) => (e.data as { count: number }).count <= 2)).toBe(true);
    expect((await eventsOf("keys.data_keys_retired")).at(-1)!.data).toEqual({
      retired: rotation.retired,
      active: rotation.version,
    });
    const status = await keyStatus(deps);
    expect(status.fields.find((f) => f.field === "plan_private_notes.body")).toMatchObject({
      byVersion: { [rotation.version]: expect.any(Number) },
      plaintext: 0,
    });
  });

  it("leaves a value sealed with a retired key readable; --destroy-retired re-seals it first, then deletes the key", async () => {
    const r = await records();
    const { version, retired } = await rotateDataKeys(deps);
    const old = retired.at(-1)!;
    // Another instance, still holding the old key, sealed a plan note with it just now.
    const late = "Written by an instance that had not seen the rotation yet.";
    const [row] = await db
      .select()
      .from(planPrivateNotes)
      .where(eq(planPrivateNotes.planId, r.plan.id))
      .limit(1);
    await db
      .update(planPrivateNotes)
      .set({
        body: sealWith({
          key: await rawKey(old),
          version: old,
          plaintext: late,
          aad: "plan_private_notes.body",
        }),
      })
      .where(eq(planPrivateNotes.id, row!.id));
    const seen = await r.read();
    expect(seen.planNotes).toHaveLength(2);
    expect(seen.planNotes).toContain(late);
    expect(seen.notes).toEqual(r.expected.notes);

    const destroyed = await destroyRetiredKeys(deps, { batchSize: 2 });

    expect(destroyed.destroyed).toEqual(expect.arrayContaining(retired));
    expect(destroyed.resealed).toContainEqual({ field: "plan_private_notes.body", count: 1 });
    const keys = await db.select().from(dataKeys);
    expect(keys.map((k) => k.version)).toEqual([version]);
    expect(new Set(await storedVersions())).toEqual(new Set([version]));
    expect((await r.read()).planNotes).toContain(late);
    expect((await eventsOf("keys.data_keys_destroyed")).at(-1)!.data).toEqual({
      destroyed: destroyed.destroyed,
    });
    // Nothing retired is left: a second run does nothing.
    expect(await destroyRetiredKeys(deps)).toEqual({ resealed: [], destroyed: [] });
  });

  it("waits for a transaction still sealing with a retired key, then re-seals what it wrote before deleting the key", async () => {
    const r = await records();
    const { version, retired } = await rotateDataKeys(deps);
    const old = retired.at(-1)!;
    const oldKey = await rawKey(old);
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let loaded!: () => void;
    const keysLoaded = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    // A writer that loaded the keys (as every write that seals does) and seals with the old one.
    const slowWriter = db.transaction(async (tx) => {
      await keyringFor(deps, tx);
      loaded();
      await released;
      await tx
        .update(planPrivateNotes)
        .set({
          body: sealWith({
            key: oldKey,
            version: old,
            plaintext: "Sealed late, with the retired key.",
            aad: "plan_private_notes.body",
          }),
        })
        .where(eq(planPrivateNotes.planId, r.plan.id));
    });
    await keysLoaded;
    let finished = false;
    const destroying = destroyRetiredKeys(deps).then((d) => {
      finished = true;
      return d;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(finished).toBe(false);
    release();
    await slowWriter;
    const done = await destroying;
    expect(done.destroyed).toContain(old);
    expect(new Set(await storedVersions())).toEqual(new Set([version]));
    expect((await r.read()).planNotes).toEqual([
      "Sealed late, with the retired key.",
      "Sealed late, with the retired key.",
    ]);
  });
});

describe("sealed values", () => {
  it("do not decrypt when copied into another field, or when altered", async () => {
    const keys = await keyringFor(deps);
    const sealed = keys.seal("plan_private_notes.body", "A private thought.");
    expect(keys.open("plan_private_notes.body", sealed)).toBe("A private thought.");
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof AppError ? err.code : String(err);
      }
      return "opened";
    };
    expect(refusal(() => keys.open("one_on_one_notes.body", sealed))).toBe("keys.decrypt_failed");
    const last = sealed.at(-1) === "A" ? "B" : "A";
    expect(
      refusal(() => keys.open("plan_private_notes.body", `${sealed.slice(0, -1)}${last}`)),
    ).toBe("keys.decrypt_failed");

    // In the database: a protected activity's note copied over a plan's private note.
    const r = await records();
    const [activity] = await db
      .select()
      .from(protectedActivities)
      .where(eq(protectedActivities.personId, r.employee.id));
    await db
      .update(planPrivateNotes)
      .set({ body: activity!.note })
      .where(eq(planPrivateNotes.planId, r.plan.id));
    await expect(
      getPlanDetail(deps, { actor: await actorFor(deps, r.manager.id), id: r.plan.id }),
    ).rejects.toMatchObject({ code: "keys.decrypt_failed" });
  });
});

/** A second installation, for the master key change (its keys end up under another master key). */
const other = await createTestDeps();

describe("a new master key", () => {
  it("re-wraps every data key: the old master key no longer opens them, the new one does", async () => {
    const r = await records(other);
    await rotateDataKeys(other);
    const newMasterKey = Buffer.alloc(32, 7);

    const done = await rewrapDataKeys(other, { newMasterKey });

    expect(done.versions).toEqual([1, 2]);
    expect(done.to).toBe(masterKeyId(newMasterKey));
    expect(done.from).toEqual([masterKeyId(other.config.masterKey)]);
    const rows = await other.database.db.select().from(dataKeys);
    expect(rows.every((k) => k.masterKeyId === masterKeyId(newMasterKey))).toBe(true);
    const [event] = await eventsOf("keys.master_key_changed", other);
    expect(event!.data).toEqual({ versions: [1, 2], from: done.from, to: done.to });

    // A process started with the old master key is refused, by name.
    const restarted = connect({ url: other.databaseUrl, kind: "external" });
    try {
      const withOld = { ...other, database: restarted };
      await expect(keyringFor(withOld)).rejects.toMatchObject({
        code: "keys.master_key_mismatch",
        message: expect.stringContaining(masterKeyId(newMasterKey)),
      });
      const withNew = {
        ...other,
        database: restarted,
        config: { ...other.config, masterKey: newMasterKey },
      };
      const keys = await keyringFor(withNew);
      const [note] = await other.database.db
        .select()
        .from(planPrivateNotes)
        .where(eq(planPrivateNotes.planId, r.plan.id))
        .limit(1);
      expect(r.expected.planNotes).toContain(keys.open("plan_private_notes.body", note!.body));
    } finally {
      await restarted.close();
    }
    // An instance already running keeps its unwrapped keys until it is restarted.
    expect(await r.read()).toEqual(r.expected);
  });

  it("refuses the master key already in use", async () => {
    await expect(
      rewrapDataKeys(other, { newMasterKey: Buffer.from(other.config.masterKey) }),
    ).rejects.toMatchObject({ code: "keys.invalid" });
  });
});
