import { randomBytes } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actorFor, makePerson, makeUser } from "../../../test/factories.js";
import { createTestDeps } from "../../../test/helpers.js";
import { write } from "../../db/transaction.js";
import { credentials, sessions } from "../auth/auth.table.js";
import { profileEntries } from "../growth/growth.table.js";
import { mentorships } from "../mentoring/mentoring.table.js";
import { notifications } from "../notify/notify.table.js";
import { people } from "../org/org.table.js";
import { planEvidence, plans } from "../plans/plans.table.js";
import { verifyAuditTrail } from "../record/record.service.js";
import { auditEvents, auditHead } from "../record/record.table.js";
import {
  BATCH_SIZE,
  placeLegalHold,
  releaseLegalHold,
  runRetention,
  updateRetentionPolicy,
} from "./retention.service.js";
import { legalHolds } from "./retention.table.js";
import {
  countRows,
  exists,
  makePair,
  type Pair,
  seedRecords,
  tableOf,
} from "./retention.testing.js";
import { type RecordType, recordTypes } from "./retention.types.js";

const deps = await createTestDeps();
const db = deps.database.db;
const cli = { kind: "system", label: "cli" } as const;

// The test clock stands at 2026-03-02. "Old" is past every default period (the longest is seven
// years); "recent" is within even the shortest (a month).
const OLD = new Date("2018-06-01T12:00:00.000Z");
const RECENT = new Date("2026-02-20T12:00:00.000Z");

const tables = [...new Set(Object.values(tableOf))];

async function snapshot() {
  const counts: Record<string, number> = {};
  for (const t of [
    ...tables,
    "plan_evidence",
    "feedback_replies",
    "concern_messages",
    "legal_holds",
  ])
    counts[t] = await countRows(deps, t);
  const [head] = await db.select().from(auditHead);
  const everyone = await db.select().from(people).orderBy(people.id);
  return { counts, head, people: JSON.stringify(everyone) };
}

const byType = (report: Awaited<ReturnType<typeof runRetention>>) =>
  Object.fromEntries(report.items.map((i) => [i.type, { erased: i.erased, held: i.held }]));

/** A deactivated person with an account, a session and a coaching profile. */
async function makeLeaver(label: string, lastChange: Date) {
  const leaver = await makeUser(deps, {
    name: `${label} Leaver`,
    email: `${label.toLowerCase()}.leaver@example.com`,
    employeeId: `E-${label}`,
    externalId: `idp-${label}`,
    title: "Analyst",
    location: "Lisbon",
    hireDate: "2015-04-01",
    demographics: { gender: "woman" },
  });
  await write(deps, async (w) => {
    await w.tx.insert(sessions).values({
      personId: leaver.id,
      tokenHash: randomBytes(16).toString("hex"),
      createdAt: lastChange,
      expiresAt: new Date("2030-01-01T00:00:00Z"),
    });
    await w.tx.insert(profileEntries).values({
      personId: leaver.id,
      field: "story",
      authorId: leaver.id,
      body: "Came from finance.",
      updatedAt: lastChange,
    });
    await w.tx
      .update(people)
      .set({ active: false, updatedAt: lastChange })
      .where(eq(people.id, leaver.id));
    await w.audit({ actor: cli, action: "test.deactivated", subjectType: "person" });
  });
  return leaver;
}

describe("a retention run", () => {
  let oldIds: Record<string, string>;
  let recentIds: Record<string, string>;
  let pair: Pair;
  let oldLeaver: Awaited<ReturnType<typeof makeLeaver>>;
  let recentLeaver: Awaited<ReturnType<typeof makeLeaver>>;
  let dryRun: Awaited<ReturnType<typeof runRetention>>;

  it("with --dry-run reports what would go and changes nothing: no row, no audit event", async () => {
    pair = await makePair(deps, "Ada");
    oldIds = await seedRecords(deps, pair, OLD);
    recentIds = await seedRecords(deps, pair, RECENT);
    oldLeaver = await makeLeaver("Old", OLD);
    recentLeaver = await makeLeaver("New", RECENT);

    const before = await snapshot();
    dryRun = await runRetention(deps, { actor: cli, dryRun: true });
    expect(await snapshot()).toEqual(before);

    expect(dryRun.dryRun).toBe(true);
    for (const type of recordTypes)
      expect(byType(dryRun)[type], type).toEqual({ erased: 1, held: 0 });
    const plansItem = dryRun.items.find((i) => i.type === "closed_plans")!;
    expect(plansItem).toMatchObject({ months: 72, cutoff: "2020-03-02T09:00:00.000Z" });
  });

  it("erases every record past its period, and only those, with the rows that hang on them", async () => {
    const evidence = await db
      .select({ id: planEvidence.id })
      .from(planEvidence)
      .where(eq(planEvidence.planId, oldIds.closed_plans!));
    expect(evidence.length).toBeGreaterThan(0);

    const report = await runRetention(deps, { actor: cli, dryRun: false });

    expect(report.dryRun).toBe(false);
    // The run erases exactly what the dry run said it would.
    expect(byType(report)).toEqual(byType(dryRun));
    for (const type of Object.keys(oldIds) as RecordType[]) {
      expect(await exists(deps, tableOf[type], oldIds[type]!), `old ${type}`).toBe(false);
      expect(await exists(deps, tableOf[type], recentIds[type]!), `recent ${type}`).toBe(true);
    }
    expect(await countRows(deps, "plan_evidence")).toBeGreaterThan(0);
    const left = await db
      .select({ id: planEvidence.id })
      .from(planEvidence)
      .where(
        inArray(
          planEvidence.id,
          evidence.map((e) => e.id),
        ),
      );
    expect(left).toEqual([]);
    const replies = await deps.database.pool.query(
      "SELECT 1 FROM feedback_replies WHERE feedback_id = $1",
      [oldIds.feedback],
    );
    expect(replies.rowCount).toBe(0);
    const messages = await deps.database.pool.query(
      "SELECT 1 FROM concern_messages WHERE concern_id = $1",
      [oldIds.closed_concerns],
    );
    expect(messages.rowCount).toBe(0);
    // The 1:1 meeting itself (held or cancelled) is kept: the review counts cancellations.
    expect(await countRows(deps, "one_on_one_meetings")).toBe(2);
    // The people on the records stay.
    for (const p of [pair.employee, pair.manager, pair.hr])
      expect(await exists(deps, "people", p.id)).toBe(true);
  });

  it("anonymises a deactivated person past the period, keeps the row, and removes how they signed in", async () => {
    const [row] = await db.select().from(people).where(eq(people.id, oldLeaver.id));
    expect(row).toMatchObject({
      name: `Former employee ${oldLeaver.id.slice(0, 8)}`,
      email: `${oldLeaver.id}@erased.invalid`,
      employeeId: null,
      externalId: null,
      title: "",
      location: "",
      hireDate: null,
      demographics: {},
      roles: [],
      active: false,
    });
    for (const table of [credentials, sessions, profileEntries])
      expect(await db.select().from(table).where(eq(table.personId, oldLeaver.id))).toEqual([]);

    const [recent] = await db.select().from(people).where(eq(people.id, recentLeaver.id));
    expect(recent).toMatchObject({ name: "New Leaver", email: "new.leaver@example.com" });
    expect(
      await db.select().from(credentials).where(eq(credentials.personId, recentLeaver.id)),
    ).toHaveLength(1);
  });

  it("records one audit event per record type with the count and cut-off, never a name, and the trail still verifies", async () => {
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "retention.erased"))
      .orderBy(auditEvents.seq);
    expect(events.map((e) => e.subjectId)).toEqual([...recordTypes]);
    for (const e of events) {
      expect(e.actorLabel).toBe("cli");
      expect(Object.keys(e.data).sort()).toEqual(["count", "cutoff", "recordType"]);
      expect(e.data).toMatchObject({ recordType: e.subjectId, count: 1 });
    }
    const text = JSON.stringify(events.map((e) => e.data));
    for (const words of ["Leaver", "Ada", "@example.com"]) expect(text).not.toContain(words);
    expect(await verifyAuditTrail({ db, secret: deps.config.secret })).toMatchObject({ ok: true });
  });

  it("run again, erases nothing more and records nothing", async () => {
    const before = await snapshot();
    const report = await runRetention(deps, { actor: cli, dryRun: false });
    expect(report.erased).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});

describe("a legal hold", () => {
  it("keeps every record the held person is on — as employee, manager or subject — until it is released", async () => {
    const held = await makePair(deps, "Held");
    const free = await makePair(deps, "Free");
    const heldIds = await seedRecords(deps, held, OLD);
    const freeIds = await seedRecords(deps, free, OLD);
    const admin = await makePerson(deps, { name: "Hold Admin", roles: ["admin"] });
    // The held employee has also left, long ago.
    await write(deps, async (w) => {
      await w.tx
        .update(people)
        .set({ active: false, updatedAt: OLD })
        .where(eq(people.id, held.employee.id));
      await w.audit({ actor: cli, action: "test.deactivated", subjectType: "person" });
    });
    const hold = await placeLegalHold(deps, {
      actor: await actorFor(deps, admin.id),
      personId: held.employee.id,
      reason: "Claim 2026/041 at the employment tribunal",
    });

    const dry = await runRetention(deps, { actor: cli, dryRun: true });
    const report = await runRetention(deps, { actor: cli, dryRun: false });
    expect(byType(report)).toEqual(byType(dry));
    for (const type of recordTypes)
      expect(byType(report)[type], type).toEqual({
        erased: type === "deactivated_people" ? 0 : 1,
        held: 1,
      });
    for (const type of Object.keys(heldIds) as (keyof typeof heldIds)[]) {
      expect(await exists(deps, tableOf[type], heldIds[type]!), `held ${type}`).toBe(true);
      expect(await exists(deps, tableOf[type], freeIds[type]!), `free ${type}`).toBe(false);
    }
    const [person] = await db.select().from(people).where(eq(people.id, held.employee.id));
    expect(person?.name).toBe("Held Employee");

    await releaseLegalHold(deps, {
      actor: await actorFor(deps, admin.id),
      holdId: hold.id,
      reason: "The claim was withdrawn.",
    });
    const after = await runRetention(deps, { actor: cli, dryRun: false });
    expect(after.held).toBe(0);
    for (const type of Object.keys(heldIds) as (keyof typeof heldIds)[])
      expect(await exists(deps, tableOf[type], heldIds[type]!), `released ${type}`).toBe(false);
    const [anonymised] = await db.select().from(people).where(eq(people.id, held.employee.id));
    expect(anonymised?.name).toMatch(/^Former employee/);
    // The hold is history now, kept with why it ended.
    const [row] = await db.select().from(legalHolds).where(eq(legalHolds.id, hold.id));
    expect(row).toMatchObject({
      releaseReason: "The claim was withdrawn.",
      releasedById: admin.id,
    });
    expect(await verifyAuditTrail({ db, secret: deps.config.secret })).toMatchObject({ ok: true });
  });

  it("on the manager keeps the plans, feedback, 1:1s, diagnoses and mentoring they are on", async () => {
    const pair = await makePair(deps, "Boss");
    const ids = await seedRecords(deps, pair, OLD);
    const admin = await makePerson(deps, { name: "Boss Admin", roles: ["admin"] });
    const hold = await placeLegalHold(deps, {
      actor: await actorFor(deps, admin.id),
      personId: pair.manager.id,
      reason: "Grievance against the manager",
    });
    await runRetention(deps, { actor: cli, dryRun: false });
    for (const type of [
      "closed_plans",
      "documented_discussions",
      "feedback",
      "oneonone_notes",
      "oneonone_private_notes",
      "oneonone_agendas",
      "commitments",
      "closed_concerns",
      "closed_growth_goals",
      "onboarding_plans",
      "feedback_requests",
      // The conversations they recorded, the diagnosis they ran, the mentoring they asked for.
      "engagement_talks",
      "diagnoses",
      "ended_mentorships",
    ] as const)
      expect(await exists(deps, tableOf[type], ids[type]), type).toBe(true);
    // What is the employee's alone goes: a mentoring session between mentor and mentee too.
    for (const type of [
      "protected_activities",
      "notifications",
      "expired_sessions",
      "mentoring_sessions",
      "guidance_seen",
    ] as const)
      expect(await exists(deps, tableOf[type], ids[type]), type).toBe(false);
    await releaseLegalHold(deps, {
      actor: await actorFor(deps, admin.id),
      holdId: hold.id,
      reason: "Resolved",
    });
  });
});

describe("the policy a run applies", () => {
  it("keeps a type set to 'for ever', and erases sooner when a period is shortened", async () => {
    const pair = await makePair(deps, "Policy");
    // Two years ago: inside the 36-month default for feedback, past 13 months.
    const twoYears = new Date("2024-03-01T00:00:00.000Z");
    const ids = await seedRecords(deps, pair, twoYears);
    const admin = await makePerson(deps, { name: "Policy Admin", roles: ["admin"] });
    const actor = await actorFor(deps, admin.id);

    await updateRetentionPolicy(deps, { actor, periods: { notifications: null, feedback: 13 } });
    await runRetention(deps, { actor: cli, dryRun: false });
    expect(await exists(deps, "feedback", ids.feedback)).toBe(false);
    expect(await exists(deps, "notifications", ids.notifications)).toBe(true);
    expect(await exists(deps, "documented_discussions", ids.documented_discussions)).toBe(true);
  });

  it("erases a conversation about engagement sooner than its plan when set so, from the summary frozen at close too", async () => {
    const pair = await makePair(deps, "Talk");
    // Two years ago: inside the plan's 72 months, past 13.
    const ids = await seedRecords(deps, pair, new Date("2024-03-01T00:00:00.000Z"));
    const admin = await makePerson(deps, { name: "Talk Admin", roles: ["admin"] });
    const actor = await actorFor(deps, admin.id);
    const before = await db.select().from(plans).where(eq(plans.id, ids.closed_plans));
    expect(JSON.stringify(before[0]!.engagementSummary)).toContain(ids.engagement_talks);

    await updateRetentionPolicy(deps, { actor, periods: { engagement_talks: 13 } });
    const report = await runRetention(deps, { actor: cli, dryRun: false });
    expect(report.items.find((i) => i.type === "engagement_talks")?.erased).toBeGreaterThan(0);
    expect(await exists(deps, "plan_engagement_talks", ids.engagement_talks)).toBe(false);
    const [plan] = await db.select().from(plans).where(eq(plans.id, ids.closed_plans));
    expect(plan!.engagementSummary).toMatchObject({ talks: [] });
    expect(plan!.version).toBe(before[0]!.version);
    await updateRetentionPolicy(deps, { actor, periods: { engagement_talks: 72 } });
  });

  it("keeps a running mentorship and its recent sessions; an old session of it goes", async () => {
    const pair = await makePair(deps, "Mentoring");
    const ids = await seedRecords(deps, pair, OLD);
    await write(deps, async (w) => {
      await w.tx
        .update(mentorships)
        .set({ status: "active", endedAt: null })
        .where(eq(mentorships.id, ids.ended_mentorships));
      await w.audit({ actor: cli, action: "test.resumed", subjectType: "test" });
    });
    await runRetention(deps, { actor: cli, dryRun: false });
    expect(await exists(deps, "mentorships", ids.ended_mentorships)).toBe(true);
    expect(await exists(deps, "mentoring_sessions", ids.mentoring_sessions)).toBe(false);
  });

  it("never erases sooner than a floor that rose after the policy was saved", async () => {
    const pair = await makePair(deps, "Floor");
    const admin = await makePerson(deps, { name: "Floor Admin", roles: ["admin"] });
    const actor = await actorFor(deps, admin.id);
    await updateRetentionPolicy(deps, { actor, periods: { protected_activities: 12 } });
    // Twenty months ago.
    const ids = await seedRecords(deps, pair, new Date("2024-07-01T00:00:00.000Z"));
    // The plan review now looks back two years for protected activities.
    await write(deps, async (w) => {
      await w.tx.execute(
        sql`INSERT INTO review_policies (id, policy, updated_at) VALUES (1, '{"protectedActivityDays": 730}', now())
            ON CONFLICT (id) DO UPDATE SET policy = excluded.policy`,
      );
      await w.audit({ actor: cli, action: "test.review_policy", subjectType: "org" });
    });
    const report = await runRetention(deps, { actor: cli, dryRun: true });
    expect(report.items.find((i) => i.type === "protected_activities")?.months).toBe(25);
    await runRetention(deps, { actor: cli, dryRun: false });
    expect(await exists(deps, "protected_activities", ids.protected_activities)).toBe(true);
  });

  it(`erases in batches of ${BATCH_SIZE}, one transaction and one event each`, async () => {
    const admin = await makePerson(deps, { name: "Batch Admin", roles: ["admin"] });
    await updateRetentionPolicy(deps, {
      actor: await actorFor(deps, admin.id),
      periods: { notifications: 12 },
    });
    const person = await makePerson(deps, { name: "Busy Person" });
    const count = BATCH_SIZE + 7;
    await write(deps, async (w) => {
      await w.tx.insert(notifications).values(
        Array.from({ length: count }, (_, i) => ({
          personId: person.id,
          kind: "test",
          title: `Note ${i}`,
          createdAt: OLD,
        })),
      );
      await w.audit({ actor: cli, action: "test.seeded", subjectType: "test" });
    });
    const [{ seq }] = (await db
      .select({ seq: sql<number>`max(${auditEvents.seq})::int` })
      .from(auditEvents)) as [{ seq: number }];
    // Earlier tests left a few old notifications too.
    const dry = await runRetention(deps, { actor: cli, dryRun: true });
    const due = dry.items.find((i) => i.type === "notifications")!.erased;
    expect(due).toBeGreaterThanOrEqual(count);
    expect(due).toBeLessThan(2 * BATCH_SIZE);
    const report = await runRetention(deps, { actor: cli, dryRun: false });
    expect(report.items.find((i) => i.type === "notifications")?.erased).toBe(due);
    const events = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.seq} > ${seq} AND ${auditEvents.action} = 'retention.erased'`);
    expect(events.map((e) => [e.subjectId, e.data.count])).toEqual([
      ["notifications", BATCH_SIZE],
      ["notifications", due - BATCH_SIZE],
    ]);
    expect(
      await db.select().from(notifications).where(eq(notifications.personId, person.id)),
    ).toEqual([]);
    expect(await verifyAuditTrail({ db, secret: deps.config.secret })).toMatchObject({ ok: true });
  });
});

describe("a deactivated person who is active again", () => {
  it("is not anonymised", async () => {
    const back = await makePerson(deps, { name: "Came Back", active: true, updatedAt: OLD });
    await runRetention(deps, { actor: cli, dryRun: false });
    const [row] = await db.select().from(people).where(eq(people.id, back.id));
    expect(row?.name).toBe("Came Back");
    expect(await db.select().from(plans).where(eq(plans.employeeId, back.id))).toEqual([]);
  });
});
