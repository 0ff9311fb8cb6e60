import { beforeEach, describe, expect, it } from "vitest";
import {
  auditSince,
  makeSeries,
  meetingsOf,
  notificationsOf,
  type OneOnOnePeople,
  oneOnOnePeople,
  snapshot,
} from "../../../test/factories-oneonones.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";
import { findPairMeetings, oneOnOneHealth } from "./oneonones.service.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const START = new Date("2026-03-02T09:00:00.000Z");

let fx: OneOnOnePeople;
let s: Awaited<ReturnType<typeof makeSeries>>;
beforeEach(async () => {
  deps.setNow(START);
  fx = await oneOnOnePeople(deps, app);
  s = await makeSeries(fx);
});

const meetingUrl = (meetingId: string, action = "") =>
  `/api/v1/one-on-ones/${s.series.id}/meetings/${meetingId}${action ? `/${action}` : ""}`;

describe("holding a meeting", () => {
  it("is marked held by either side once it has started, and recorded", async () => {
    deps.setNow(new Date("2026-03-09T08:35:00Z"));
    const before = await snapshot(deps);
    const res = await fx.as("report", meetingUrl(s.upcoming[0].id, "hold"), { method: "POST" });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.meeting).toMatchObject({
      id: s.upcoming[0].id,
      status: "held",
      heldAt: "2026-03-09T08:35:00.000Z",
    });
    expect(body.abilities).toMatchObject({ hold: false, cancel: false, addNote: true });
    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["oneonone.meeting_held", fx.report.id],
    ]);
    expect(events[0]!.data).toEqual({
      meetingId: s.upcoming[0].id,
      scheduledAt: "2026-03-09T08:00:00.000Z",
    });
  });

  it("refuses to hold a meeting that has not started, was cancelled, or was held already, with clear 409s", async () => {
    const early = await fx.as("manager", meetingUrl(s.upcoming[0].id, "hold"), { method: "POST" });
    expect(early.status).toBe(409);
    expect((await early.json()).error).toMatchObject({
      code: "meeting.invalid_transition",
      details: { reason: "not_started" },
    });
    await fx.as("manager", meetingUrl(s.upcoming[1].id, "cancel"), {
      body: { reason: "Offsite all day." },
    });
    deps.setNow(new Date("2026-03-16T09:00:00Z"));
    await fx.as("manager", meetingUrl(s.upcoming[0].id, "hold"), { method: "POST" });
    const before = await snapshot(deps);
    const cancelled = await fx.as("report", meetingUrl(s.upcoming[1].id, "hold"), {
      method: "POST",
    });
    expect(cancelled.status).toBe(409);
    expect((await cancelled.json()).error.message).toBe(
      "A cancelled meeting cannot be marked held.",
    );
    const again = await fx.as("report", meetingUrl(s.upcoming[0].id, "hold"), { method: "POST" });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already been marked held/);
    expect(await snapshot(deps)).toEqual(before);
  });
});

describe("cancelling a meeting", () => {
  it("keeps the reason, who cancelled and when; tells the other side; counts it", async () => {
    const before = await snapshot(deps);
    const res = await fx.as("manager", meetingUrl(s.upcoming[0].id, "cancel"), {
      body: { reason: "  Board meeting moved onto this slot.  " },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.meeting).toMatchObject({
      status: "cancelled",
      cancelledBy: { id: fx.manager.id, name: "Maya Manager" },
      cancelledAt: START.toISOString(),
      cancelReason: "Board meeting moved onto this slot.",
    });
    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => e.action)).toEqual(["oneonone.meeting_cancelled"]);
    expect(events[0]!.data).toEqual({
      meetingId: s.upcoming[0].id,
      scheduledAt: "2026-03-09T08:00:00.000Z",
      cancelledBy: "manager",
      inAdvance: true,
    });
    expect(JSON.stringify(events[0]!.data)).not.toContain("Board meeting");
    expect((await notificationsOf(deps, fx.report.id)).at(-1)!.title).toBe(
      "Maya Manager cancelled your 1:1 of 2026-03-09 09:00 (Europe/Berlin)",
    );

    // The cancellation is evidence: it shows in the record once its time has passed.
    deps.setNow(new Date("2026-03-10T09:00:00Z"));
    const detail = await (await fx.as("report", `/api/v1/one-on-ones/${s.series.id}`)).json();
    expect(detail.record).toMatchObject({
      cancelledLast90: 1,
      cancelledByManagerLast90: 1,
      cancelledByReportLast90: 0,
      heldLast90: 0,
    });
    expect(detail.past[0]).toMatchObject({ id: s.upcoming[0].id, status: "cancelled" });
  });

  it("needs a reason, and refuses to cancel a held or already cancelled meeting, changing nothing", async () => {
    const before = await snapshot(deps);
    for (const body of [{ reason: "" }, { reason: "   " }, {}, { reason: "x".repeat(1001) }]) {
      const res = await fx.as("manager", meetingUrl(s.upcoming[0].id, "cancel"), { body });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }
    expect(await snapshot(deps)).toEqual(before);

    await fx.as("report", meetingUrl(s.upcoming[1].id, "cancel"), { body: { reason: "Sick." } });
    deps.setNow(new Date("2026-03-09T08:10:00Z"));
    await fx.as("report", meetingUrl(s.upcoming[0].id, "hold"), { method: "POST" });
    const after = await snapshot(deps);
    const held = await fx.as("manager", meetingUrl(s.upcoming[0].id, "cancel"), {
      body: { reason: "Too late." },
    });
    expect(held.status).toBe(409);
    expect((await held.json()).error.message).toMatch(/was held/);
    const twice = await fx.as("manager", meetingUrl(s.upcoming[1].id, "cancel"), {
      body: { reason: "Again." },
    });
    expect(twice.status).toBe(409);
    expect(await snapshot(deps)).toEqual(after);
  });
});

describe("rescheduling a meeting", () => {
  it("makes a new meeting at the new time; the old one stays as rescheduled, pointing at it, with its agenda and notes moved along", async () => {
    const old = s.upcoming[0].id;
    await fx.as("report", meetingUrl(old, "agenda"), { body: { body: "Team offsite plans" } });
    await fx.as("manager", meetingUrl(old, "notes"), {
      body: { visibility: "private", body: "Raise the promotion timeline." },
    });
    const before = await snapshot(deps);
    const res = await fx.as("report", meetingUrl(old, "reschedule"), {
      body: { scheduledAt: "2026-03-10T15:00:00+01:00" },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.meeting).toMatchObject({
      scheduledAt: "2026-03-10T14:00:00.000Z",
      localDate: "2026-03-10",
      localTime: "15:00",
      status: "scheduled",
      durationMinutes: 30,
      rescheduledFrom: { id: old, scheduledAt: "2026-03-09T08:00:00.000Z" },
    });
    expect(body.agenda.map((p: { body: string }) => p.body)).toEqual(["Team offsite plans"]);
    // The report does not see the manager's private note, wherever it moved.
    expect(body.notes).toEqual([]);
    const managerView = await (await fx.as("manager", meetingUrl(body.meeting.id))).json();
    expect(managerView.notes.map((n: { body: string }) => n.body)).toEqual([
      "Raise the promotion timeline.",
    ]);
    const oldView = await (await fx.as("manager", meetingUrl(old))).json();
    expect(oldView.meeting).toMatchObject({
      status: "rescheduled",
      rescheduledTo: { id: body.meeting.id, scheduledAt: "2026-03-10T14:00:00.000Z" },
    });
    expect(oldView.notes).toEqual([]);

    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => e.action)).toEqual(["oneonone.meeting_rescheduled"]);
    expect(events[0]!.data).toMatchObject({
      meetingId: old,
      newMeetingId: body.meeting.id,
      rescheduledBy: "report",
    });
    expect((await notificationsOf(deps, fx.manager.id)).at(-1)!.title).toBe(
      "Riley Report moved your 1:1 of 2026-03-09 09:00 (Europe/Berlin) to 2026-03-10 15:00 (Europe/Berlin)",
    );
    // The slot it left is not filled again.
    const detail = await (await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`)).json();
    expect(
      detail.upcoming.map((m: { localDate: string; status: string }) => [m.localDate, m.status]),
    ).toEqual([
      ["2026-03-09", "rescheduled"],
      ["2026-03-10", "scheduled"],
      ["2026-03-16", "scheduled"],
      ["2026-03-23", "scheduled"],
      ["2026-03-30", "scheduled"],
    ]);
  });

  it("refuses a time in the past, the same time, or moving a held or moved meeting, with 409s; bad times with 400s; nothing changes", async () => {
    await fx.as("manager", meetingUrl(s.upcoming[1].id, "reschedule"), {
      body: { scheduledAt: "2026-03-17T09:00:00Z" },
    });
    const before = await snapshot(deps);
    const cases: [string, unknown, number, string?][] = [
      [s.upcoming[0].id, { scheduledAt: "2026-03-01T09:00:00Z" }, 409, "in_past"],
      [s.upcoming[0].id, { scheduledAt: "2026-03-09T08:00:00Z" }, 409, "same_time"],
      [s.upcoming[1].id, { scheduledAt: "2026-03-18T09:00:00Z" }, 409, "rescheduled"],
      [s.upcoming[0].id, { scheduledAt: "next tuesday" }, 400],
      [s.upcoming[0].id, { scheduledAt: "2026-03-10T09:00:00" }, 400],
      [s.upcoming[0].id, { scheduledAt: "0001-03-10T09:00:00Z" }, 400],
      [s.upcoming[0].id, { scheduledAt: "2028-03-10T09:00:00Z" }, 400],
      [s.upcoming[0].id, { scheduledAt: "2026-03-10T09:00:00Z", durationMinutes: 500 }, 400],
    ];
    for (const [id, body, status, reason] of cases) {
      const res = await fx.as("report", meetingUrl(id, "reschedule"), { body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (reason) expect((await res.json()).error.details.reason).toBe(reason);
    }
    expect(await snapshot(deps)).toEqual(before);
  });
});

describe("health, for the manager home and the plan review", () => {
  it("counts the pair's meetings of the last 90 days, cancellations by the manager, open commitments and follow-through", async () => {
    const [m1, m2, m3] = s.upcoming;
    await fx.as("manager", meetingUrl(m2.id, "cancel"), { body: { reason: "Travel." } });
    await fx.as("report", meetingUrl(m3.id, "reschedule"), {
      body: { scheduledAt: "2026-03-24T13:00:00Z" },
    });
    await fx.as("report", `/api/v1/one-on-ones/${s.series.id}/commitments`, {
      body: { ownerId: fx.report.id, body: "Write the runbook", dueOn: "2026-03-10" },
    });
    const c2 = await (
      await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}/commitments`, {
        body: { ownerId: fx.manager.id, body: "Book the training", dueOn: "2026-03-05" },
      })
    ).json();
    deps.setNow(new Date("2026-03-09T08:20:00Z"));
    await fx.as("report", meetingUrl(m1.id, "hold"), { method: "POST" });
    await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}/commitments/${c2.id}/status`, {
      body: { status: "done" },
    });

    const now = new Date("2026-03-25T12:00:00Z");
    const health = await oneOnOneHealth(db, {
      managerId: fx.manager.id,
      reportId: fx.report.id,
      now,
    });
    expect(health).toEqual({
      seriesId: s.series.id,
      status: "active",
      lastHeld: "2026-03-09T08:00:00.000Z",
      next: "2026-03-30T07:00:00.000Z",
      heldLast90: 1,
      cancelledLast90: 1,
      cancelledByManagerLast90: 1,
      openCommitments: 1,
      followThrough: {
        manager: { rate: 0, doneOnTime: 0, doneLate: 1, dropped: 0, overdueOpen: 0, counted: 1 },
        report: { rate: 0, doneOnTime: 0, doneLate: 0, dropped: 0, overdueOpen: 1, counted: 1 },
      },
    });

    expect(
      await findPairMeetings(db, {
        managerId: fx.manager.id,
        employeeId: fx.report.id,
        since: "2026-03-01",
        until: now,
      }),
    ).toEqual([
      { date: "2026-03-09", status: "held" },
      { date: "2026-03-16", status: "cancelled" },
      { date: "2026-03-24", status: "scheduled" },
    ]);
    // Without an end, the next materialised meetings come too.
    const all = await findPairMeetings(db, {
      managerId: fx.manager.id,
      employeeId: fx.report.id,
      since: new Date("2026-03-10T00:00:00Z"),
    });
    expect(all.map((m) => m.date)).toEqual(["2026-03-16", "2026-03-24", "2026-03-30"]);
  });

  it("is empty for a pair without a series, and names the next meeting from the cadence when none is materialised", async () => {
    expect(
      await oneOnOneHealth(db, { managerId: fx.manager.id, reportId: fx.peer.id, now: START }),
    ).toMatchObject({
      seriesId: null,
      lastHeld: null,
      next: null,
      heldLast90: 0,
      openCommitments: 0,
      followThrough: { manager: { rate: null }, report: { rate: null } },
    });
    expect(
      await findPairMeetings(db, {
        managerId: fx.manager.id,
        employeeId: fx.peer.id,
        since: "2026-01-01",
      }),
    ).toEqual([]);
    expect(await meetingsOf(deps, s.series.id)).toHaveLength(4);
    const later = await oneOnOneHealth(db, {
      managerId: fx.manager.id,
      reportId: fx.report.id,
      now: new Date("2026-05-01T12:00:00Z"),
    });
    expect(later.next).toBe("2026-05-04T07:00:00.000Z");
  });
});
