import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { feedback } from "../feedback/feedback.table.js";
import { growthGoals } from "../growth/growth.table.js";
import { commitments, oneOnOneMeetings, oneOnOneSeries } from "../oneonones/oneonones.table.js";
import { neglectOrder } from "./coaching.rules.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const now = new Date("2026-03-02T09:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

const manager = await makeUser(deps, { name: "Maya Manager" });
const steady = await makeUser(deps, { name: "Sam Steady", managerId: manager.id });
const neglected = await makeUser(deps, { name: "Nia Neglected", managerId: manager.id });
await makeUser(deps, { name: "Uma Unmet", managerId: manager.id });
const other = await makeUser(deps, { name: "Otto Other" });
const otherReport = await makeUser(deps, { name: "Rae Report", managerId: other.id });

async function aSeries(reportId: string, managerId = manager.id) {
  const [s] = await db
    .insert(oneOnOneSeries)
    .values({
      managerId,
      reportId,
      cadence: "weekly",
      weekday: 1,
      startTime: "10:00",
      startsOn: "2025-12-01",
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return s!;
}

async function aMeeting(
  seriesId: string,
  at: Date,
  status: "held" | "cancelled" | "scheduled",
  cancelledById: string | null = null,
) {
  await db.insert(oneOnOneMeetings).values({
    seriesId,
    scheduledAt: at,
    status,
    heldAt: status === "held" ? at : null,
    cancelledById,
    createdAt: now,
    updatedAt: now,
  });
}

const steadySeries = await aSeries(steady.id);
for (const d of [28, 21, 14, 7]) await aMeeting(steadySeries.id, daysAgo(d), "held");
await aMeeting(steadySeries.id, new Date(now.getTime() + 7 * 86_400_000), "scheduled");
await db.insert(commitments).values([
  {
    seriesId: steadySeries.id,
    ownerId: steady.id,
    createdById: manager.id,
    body: "Draft the runbook",
    dueOn: "2026-02-20",
    status: "done",
    closedAt: new Date("2026-02-19T10:00:00Z"),
    createdAt: daysAgo(20),
    updatedAt: daysAgo(11),
  },
  {
    seriesId: steadySeries.id,
    ownerId: steady.id,
    createdById: manager.id,
    body: "Pair on the migration",
    dueOn: "2026-02-25",
    status: "open",
    createdAt: daysAgo(20),
    updatedAt: daysAgo(20),
  },
]);
await db.insert(feedback).values({
  giverId: manager.id,
  recipientId: steady.id,
  kind: "recognition",
  behaviour: "Ran the incident review.",
  visibility: "shared",
  sharedAt: daysAgo(3),
  createdAt: daysAgo(3),
  updatedAt: daysAgo(3),
});
await db.insert(feedback).values({
  giverId: manager.id,
  recipientId: steady.id,
  kind: "constructive",
  behaviour: "A draft nobody has seen.",
  visibility: "draft",
  createdAt: daysAgo(2),
  updatedAt: daysAgo(2),
});
await db.insert(growthGoals).values([
  {
    personId: steady.id,
    createdById: steady.id,
    title: "Lead two incident reviews",
    progress: 50,
    createdAt: now,
    updatedAt: now,
  },
  {
    personId: steady.id,
    createdById: steady.id,
    title: "Finish the Go course",
    progress: 100,
    status: "achieved",
    createdAt: now,
    updatedAt: now,
  },
]);

const neglectedSeries = await aSeries(neglected.id);
await aMeeting(neglectedSeries.id, daysAgo(60), "held");
for (const d of [40, 33, 26])
  await aMeeting(neglectedSeries.id, daysAgo(d), "cancelled", manager.id);
await aMeeting(neglectedSeries.id, daysAgo(19), "cancelled", neglected.id);
const honoluluSeries = await aSeries(otherReport.id, other.id);

const cookie = await signInCookie(app, manager.email, manager.password);

describe("the manager's coaching health page", () => {
  it("lists each direct report, the neglected relationships first", async () => {
    deps.setNow(now);
    const res = await send(app, "/api/v1/team/coaching", { cookie });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { person: { name: string } }[] };
    expect(items.map((i) => i.person.name)).toEqual(["Uma Unmet", "Nia Neglected", "Sam Steady"]);
  });

  it("counts 1:1s held and cancelled, by whom, commitments, follow-through, feedback and growth", async () => {
    deps.setNow(now);
    const { items } = (await (await send(app, "/api/v1/team/coaching", { cookie })).json()) as {
      items: Record<string, unknown>[];
    };
    const byName = (n: string) =>
      items.find((i) => (i.person as { name: string }).name === n) as Record<string, unknown>;
    expect(byName("Sam Steady")).toMatchObject({
      lastHeld: daysAgo(7).toISOString(),
      next: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
      heldLast90: 4,
      cancelledLast90: 0,
      openCommitments: 1,
      overdueCommitments: 1,
      followThrough: { report: 0.5, manager: null },
      feedbackLast90: { given: 1, received: 0 },
      growth: { active: 1, achieved: 1, averageProgress: 50 },
      plan: null,
    });
    expect(byName("Nia Neglected")).toMatchObject({
      heldLast90: 1,
      cancelledLast90: 4,
      cancelledByManagerLast90: 3,
      // Nothing materialised ahead: the next one follows from the cadence (Mondays at 10:00).
      next: "2026-03-02T10:00:00.000Z",
    });
    expect(byName("Uma Unmet")).toMatchObject({ series: null, lastHeld: null, heldLast90: 0 });
  });

  it("shows nobody else's reports, and an empty list to someone without reports", async () => {
    deps.setNow(now);
    const { items } = (await (await send(app, "/api/v1/team/coaching", { cookie })).json()) as {
      items: { person: { id: string } }[];
    };
    expect(items.map((i) => i.person.id)).not.toContain(otherReport.id);
    const lonely = await signInCookie(app, steady.email, steady.password);
    const res = await send(app, "/api/v1/team/coaching", { cookie: lonely });
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await send(app, "/api/v1/team/coaching")).status).toBe(401);
  });
});

describe("overdue commitments", () => {
  it("count by the day it is where the pair meets, as the 1:1 page does, not by the day in UTC", async () => {
    // 09:00 UTC on 2 March is still 1 March, 23:00, in Honolulu.
    await db
      .update(oneOnOneSeries)
      .set({ timeZone: "Pacific/Honolulu" })
      .where(eq(oneOnOneSeries.id, honoluluSeries.id));
    await db.insert(commitments).values(
      (["2026-02-28", "2026-03-01"] as const).map((dueOn) => ({
        seriesId: honoluluSeries.id,
        ownerId: otherReport.id,
        createdById: other.id,
        body: `Due ${dueOn}`,
        dueOn,
        status: "open" as const,
        createdAt: daysAgo(10),
        updatedAt: daysAgo(10),
      })),
    );
    deps.setNow(now);
    const otto = await signInCookie(app, other.email, other.password);
    const res = await send(app, "/api/v1/team/coaching", { cookie: otto });
    const { items } = (await res.json()) as { items: Record<string, unknown>[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ openCommitments: 2, overdueCommitments: 1 });
  });
});

describe("neglectOrder", () => {
  const base = {
    series: { status: "active" },
    cancelledLast90: 0,
    heldLast90: 1,
    overdueCommitments: 0,
  };
  it.each([
    [
      "no series before any series",
      { ...base, series: null, lastHeld: null },
      { ...base, lastHeld: daysAgo(100).toISOString() },
    ],
    [
      "a paused series before a running one",
      { ...base, series: { status: "paused" }, lastHeld: daysAgo(1).toISOString() },
      { ...base, lastHeld: daysAgo(30).toISOString() },
    ],
    [
      "a longer silence first",
      { ...base, lastHeld: daysAgo(30).toISOString() },
      { ...base, lastHeld: daysAgo(7).toISOString() },
    ],
    [
      "cancellations weigh",
      { ...base, lastHeld: daysAgo(7).toISOString(), cancelledLast90: 2 },
      { ...base, lastHeld: daysAgo(14).toISOString() },
    ],
  ])("puts %s", (_, first, second) => {
    const items = [
      { ...second, person: { name: "B" } },
      { ...first, person: { name: "A" } },
    ];
    expect(neglectOrder(items, now).map((i) => i.person.name)).toEqual(["A", "B"]);
  });
});
