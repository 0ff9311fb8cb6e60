import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import {
  auditSince,
  makeSeries,
  meetingsOf,
  notificationsOf,
  type OneOnOnePeople,
  oneOnOnePeople,
  snapshot,
  weeklyBerlin,
} from "../../../test/factories-oneonones.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";
import { people } from "../org/org.table.js";
import { scheduleUpcomingMeetings } from "./oneonones.service.js";
import { oneOnOneNotes } from "./oneonones.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const START = new Date("2026-03-02T09:00:00.000Z");

let fx: OneOnOnePeople;
beforeEach(async () => {
  deps.setNow(START);
  fx = await oneOnOnePeople(deps, app);
});

const iso = (s: string) => new Date(s).toISOString();

describe("setting up a series", () => {
  it("lets a manager set up a weekly series with a report, schedules the next four meetings at 09:00 Berlin across the DST change, tells the report and records it", async () => {
    const before = await snapshot(deps);
    const res = await fx.as("manager", "/api/v1/one-on-ones", {
      body: { reportId: fx.report.id, ...weeklyBerlin, timeZone: "europe/berlin" },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.series).toMatchObject({
      managerId: fx.manager.id,
      reportId: fx.report.id,
      cadence: "weekly",
      weekday: 1,
      startTime: "09:00",
      durationMinutes: 30,
      timeZone: "Europe/Berlin",
      status: "active",
      version: 1,
    });
    expect(body.role).toBe("manager");
    expect(body.report).toEqual({ id: fx.report.id, name: "Riley Report", title: "Engineer" });
    expect(body.upcoming.map((m: { scheduledAt: string }) => m.scheduledAt)).toEqual([
      iso("2026-03-09T08:00:00Z"),
      iso("2026-03-16T08:00:00Z"),
      iso("2026-03-23T08:00:00Z"),
      iso("2026-03-30T07:00:00Z"),
    ]);
    expect(
      body.upcoming.map((m: { localDate: string; localTime: string }) => [
        m.localDate,
        m.localTime,
      ]),
    ).toEqual([
      ["2026-03-09", "09:00"],
      ["2026-03-16", "09:00"],
      ["2026-03-23", "09:00"],
      ["2026-03-30", "09:00"],
    ]);
    expect(body.abilities).toEqual({ manage: true, participate: true });
    expect(body.followThrough.report.rate).toBeNull();

    expect(await meetingsOf(deps, body.series.id)).toHaveLength(4);
    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => e.action)).toEqual(["oneonone.series_created"]);
    expect(events[0]).toMatchObject({
      actorId: fx.manager.id,
      subjectType: "one_on_one_series",
      subjectId: body.series.id,
      data: { reportId: fx.report.id, cadence: "weekly", meetingsScheduled: 4 },
    });
    const told = await notificationsOf(deps, fx.report.id);
    expect(told.map((n) => [n.kind, n.title])).toEqual([
      ["oneonone.series_created", "Maya Manager set up a weekly 1:1 with you"],
    ]);
  });

  it("keeps one series per pair: a second one is a 409 naming the first, and nothing changes", async () => {
    const first = await makeSeries(fx);
    const before = await snapshot(deps);
    const res = await fx.as("manager", "/api/v1/one-on-ones", {
      body: { reportId: fx.report.id, ...weeklyBerlin, cadence: "monthly" },
    });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe("oneonone.exists");
    expect(body.error.message).toContain("Riley Report");
    expect(body.error.details).toEqual({ seriesId: first.series.id });
    expect(await snapshot(deps)).toEqual(before);
  });

  it("refuses a 1:1 with someone who is not your direct report, with a clear 403, and changes nothing", async () => {
    const stranger = await makeUser(deps, { name: "Sol Stranger" });
    const before = await snapshot(deps);
    const cases = [
      ["manager", stranger.id], // not their report at all
      ["skip", fx.report.id], // a skip-level report
      ["report", fx.manager.id], // their own manager
      ["peer", fx.report.id], // a peer
      ["hrIn", fx.report.id],
      ["admin", fx.report.id],
      ["manager", fx.manager.id], // themselves
    ] as const;
    for (const [role, reportId] of cases) {
      const res = await fx.as(role, "/api/v1/one-on-ones", {
        body: { reportId, ...weeklyBerlin },
      });
      expect(res.status, `${role} → ${reportId}`).toBe(403);
      const body = await res.json();
      expect(body.error.code).toBe("oneonone.forbidden");
      expect(body.error.message).toMatch(/only with your direct reports/);
    }
    expect(await snapshot(deps)).toEqual(before);
  });

  it("answers 404 for a person who does not exist, and 400 for a deactivated report", async () => {
    const gone = await makeUser(deps, { name: "Gil Gone", managerId: fx.manager.id });
    await db.update(people).set({ active: false }).where(eq(people.id, gone.id));
    const before = await snapshot(deps);
    const missing = await fx.as("manager", "/api/v1/one-on-ones", {
      body: { ...weeklyBerlin, reportId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(missing.status).toBe(404);
    const inactive = await fx.as("manager", "/api/v1/one-on-ones", {
      body: { ...weeklyBerlin, reportId: gone.id },
    });
    expect(inactive.status).toBe(400);
    expect((await inactive.json()).error.message).toContain("Gil Gone is deactivated");
    expect(await snapshot(deps)).toEqual(before);
  });

  it("refuses bad input field by field with a 400, never a 500, and changes nothing", async () => {
    const before = await snapshot(deps);
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
      [{ timeZone: "+01:00" }, "timeZone"],
      [{ timeZone: "x".repeat(500) }, "timeZone"],
      [{ cadence: "daily" }, "cadence"],
      [{ weekday: 0 }, "weekday"],
      [{ weekday: 8 }, "weekday"],
      [{ weekday: 1.5 }, "weekday"],
      [{ startTime: "9:00" }, "startTime"],
      [{ startTime: "24:00" }, "startTime"],
      [{ startTime: "09:60" }, "startTime"],
      [{ durationMinutes: 10 }, "durationMinutes"],
      [{ durationMinutes: 121 }, "durationMinutes"],
      [{ startsOn: "0000-01-01" }, "startsOn"],
      [{ startsOn: "2026-02-30" }, "startsOn"],
      [{ startsOn: "2030-01-01" }, "startsOn"],
      [{ startsOn: "2020-01-01" }, "startsOn"],
      [{ reportId: "not-a-uuid" }, "reportId"],
    ];
    for (const [override, path] of cases) {
      const res = await fx.as("manager", "/api/v1/one-on-ones", {
        body: { reportId: fx.report.id, ...weeklyBerlin, ...override },
      });
      expect(res.status, JSON.stringify(override)).toBe(400);
      const body = await res.json();
      expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const bad = await fx.as("manager", "/api/v1/one-on-ones", { body: "{ not json" });
    expect(bad.status).toBe(400);
    expect(await snapshot(deps)).toEqual(before);
  });
});

describe("listing and reading series", () => {
  it("lists a manager's series with the other person, next meeting, last held and open commitments, and the report's from their side", async () => {
    const s = await makeSeries(fx);
    const peerSeries = await makeSeries(fx, { cadence: "biweekly" }, { reportId: fx.peer.id });
    await fx.as("report", `/api/v1/one-on-ones/${s.series.id}/commitments`, {
      body: { ownerId: fx.report.id, body: "Draft the on-call proposal", dueOn: "2026-03-20" },
    });
    deps.setNow(new Date("2026-03-09T08:40:00Z"));
    await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}/meetings/${s.upcoming[0].id}/hold`, {
      method: "POST",
    });

    const mine = await (await fx.as("manager", "/api/v1/one-on-ones")).json();
    expect(mine.asReport).toEqual([]);
    expect(mine.asManager.map((i: { other: { name: string } }) => i.other.name)).toEqual([
      "Pat Peer",
      "Riley Report",
    ]);
    const riley = mine.asManager[1];
    expect(riley).toMatchObject({
      id: s.series.id,
      role: "manager",
      other: { id: fx.report.id, name: "Riley Report" },
      lastHeld: { id: s.upcoming[0].id, status: "held" },
      next: { id: s.upcoming[1].id, scheduledAt: iso("2026-03-16T08:00:00Z") },
      openCommitments: 1,
    });
    expect(mine.asManager[0]).toMatchObject({
      id: peerSeries.series.id,
      cadence: "biweekly",
      lastHeld: null,
      openCommitments: 0,
    });

    const theirs = await (await fx.as("report", "/api/v1/one-on-ones")).json();
    expect(theirs.asManager).toEqual([]);
    expect(theirs.asReport).toHaveLength(1);
    expect(theirs.asReport[0]).toMatchObject({
      role: "report",
      other: { id: fx.manager.id, name: "Maya Manager" },
      openCommitments: 1,
    });
    // Others have no series here at all.
    for (const role of ["peer", "skip", "hrIn", "admin"] as const) {
      const list = await (await fx.as(role, "/api/v1/one-on-ones")).json();
      if (role === "peer")
        expect(list.asReport.map((i: { id: string }) => i.id)).toEqual([peerSeries.series.id]);
      else expect(list).toEqual({ asManager: [], asReport: [] });
    }
  });

  it("keeps the next four meetings scheduled as time passes, recorded as the scheduler's doing, and writes nothing when nothing is due", async () => {
    const s = await makeSeries(fx);
    const start = await snapshot(deps);
    await fx.as("report", `/api/v1/one-on-ones/${s.series.id}`);
    expect(await snapshot(deps)).toEqual(start);

    deps.setNow(new Date("2026-03-17T10:00:00Z"));
    const res = await fx.as("report", `/api/v1/one-on-ones/${s.series.id}`);
    const body = await res.json();
    expect(body.upcoming.map((m: { localDate: string }) => m.localDate)).toEqual([
      "2026-03-23",
      "2026-03-30",
      "2026-04-06",
      "2026-04-13",
    ]);
    // The two that passed unrecorded stay as they were: scheduled, in the past.
    expect(
      body.past.map((m: { localDate: string; status: string }) => [m.localDate, m.status]),
    ).toEqual([
      ["2026-03-16", "scheduled"],
      ["2026-03-09", "scheduled"],
    ]);
    const events = await auditSince(deps, start.lastAudit);
    expect(events.map((e) => [e.action, e.actorId, e.actorLabel])).toEqual([
      ["oneonone.meetings_scheduled", null, "1:1 schedule"],
    ]);
    expect(events[0]!.data).toMatchObject({ created: 2, moved: 0 });

    // The job does the same for series nobody opens.
    deps.setNow(new Date("2026-04-01T10:00:00Z"));
    // (Series of the other tests in this file are topped up too.)
    expect((await scheduleUpcomingMeetings(deps)).created).toBeGreaterThanOrEqual(2);
    expect(await meetingsOf(deps, s.series.id)).toHaveLength(8);
    expect(await scheduleUpcomingMeetings(deps)).toEqual({ series: 0, created: 0 });
  });
});

describe("changing a series", () => {
  it("lets the manager move the series to Thursdays at 14:00 for 45 minutes: scheduled meetings move with their notes, the report is told", async () => {
    const s = await makeSeries(fx);
    const first = s.upcoming[0].id;
    await fx.as("report", `/api/v1/one-on-ones/${s.series.id}/meetings/${first}/notes`, {
      body: { visibility: "private", body: "Ask about the conference budget." },
    });
    const before = await snapshot(deps);
    const res = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 1, weekday: 4, startTime: "14:00", durationMinutes: 45 },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.series).toMatchObject({ weekday: 4, startTime: "14:00", version: 2 });
    expect(
      body.upcoming.map((m: { localDate: string; localTime: string; durationMinutes: number }) => [
        m.localDate,
        m.localTime,
        m.durationMinutes,
      ]),
    ).toEqual([
      ["2026-03-05", "14:00", 45],
      ["2026-03-12", "14:00", 45],
      ["2026-03-19", "14:00", 45],
      ["2026-03-26", "14:00", 45],
    ]);
    expect(body.upcoming[0].id).toBe(first);
    const [note] = await db.select().from(oneOnOneNotes);
    expect(note!.meetingId).toBe(first);
    expect(await meetingsOf(deps, s.series.id)).toHaveLength(4);

    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => e.action)).toEqual(["oneonone.series_updated"]);
    expect(events[0]!.data).toMatchObject({
      fields: ["weekday", "startTime", "durationMinutes"],
      from: { weekday: 1, startTime: "09:00", durationMinutes: 30 },
      to: { weekday: 4, startTime: "14:00", durationMinutes: 45 },
      meetingsMoved: 4,
    });
    expect((await notificationsOf(deps, fx.report.id)).at(-1)!.title).toBe(
      "Maya Manager changed the schedule of your 1:1s",
    );
  });

  it("keeps held and cancelled meetings where they were when the cadence changes", async () => {
    const s = await makeSeries(fx);
    await fx.as(
      "report",
      `/api/v1/one-on-ones/${s.series.id}/meetings/${s.upcoming[1].id}/cancel`,
      {
        body: { reason: "I am on holiday that week." },
      },
    );
    const res = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 1, cadence: "biweekly" },
    });
    const body = await res.json();
    // Biweekly from the first Monday (2 March): 16 March is on it, and stays cancelled.
    expect(
      body.upcoming.map((m: { localDate: string; status: string }) => [m.localDate, m.status]),
    ).toEqual([
      ["2026-03-16", "cancelled"],
      ["2026-03-30", "scheduled"],
      ["2026-04-13", "scheduled"],
      ["2026-04-27", "scheduled"],
    ]);
    expect(body.past).toEqual([]);
    const rows = await meetingsOf(deps, s.series.id);
    expect(rows.map((m) => [m.scheduledAt.toISOString().slice(0, 10), m.status])).toEqual([
      ["2026-03-16", "cancelled"],
      ["2026-03-30", "scheduled"],
      ["2026-04-13", "scheduled"],
      ["2026-04-27", "scheduled"],
    ]);
    // The meetings of 9 and 23 March moved onto the new dates rather than being deleted.
    const ids = new Set(rows.map((r) => r.id));
    expect(ids.has(s.upcoming[0].id)).toBe(true);
    expect(ids.has(s.upcoming[2].id)).toBe(true);
  });

  it("pauses: the cadence's future meetings go, except one with notes on it; resuming schedules them again", async () => {
    const s = await makeSeries(fx);
    await fx.as(
      "manager",
      `/api/v1/one-on-ones/${s.series.id}/meetings/${s.upcoming[1].id}/notes`,
      {
        body: { visibility: "shared", body: "Prepare the quarterly numbers." },
      },
    );
    await fx.as(
      "report",
      `/api/v1/one-on-ones/${s.series.id}/meetings/${s.upcoming[2].id}/agenda`,
      {
        body: { body: "Holiday plans" },
      },
    );
    const paused = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 1, status: "paused" },
    });
    expect(paused.status).toBe(200);
    const p = await paused.json();
    expect(p.series.status).toBe("paused");
    expect(p.upcoming.map((m: { id: string }) => m.id)).toEqual([s.upcoming[1].id]);
    // The talking point stays on the series' agenda.
    expect(p.agenda.map((a: { body: string }) => a.body)).toEqual(["Holiday plans"]);
    expect((await notificationsOf(deps, fx.report.id)).at(-1)!.title).toBe(
      "Maya Manager paused your 1:1s",
    );
    // Reading a paused series schedules nothing.
    deps.setNow(new Date("2026-04-20T10:00:00Z"));
    const quiet = await snapshot(deps);
    await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`);
    expect(await snapshot(deps)).toEqual(quiet);

    const resumed = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 2, status: "active" },
    });
    const r = await resumed.json();
    expect(r.series.status).toBe("active");
    expect(r.upcoming.map((m: { localDate: string }) => m.localDate)).toEqual([
      "2026-04-27",
      "2026-05-04",
      "2026-05-11",
      "2026-05-18",
    ]);
    const actions = (await auditSince(deps, 0)).map((e) => e.action);
    expect(actions).toContain("oneonone.series_paused");
    expect(actions).toContain("oneonone.series_resumed");
  });

  it("refuses a stale version with a 409, a change by the report with a 403, and anyone else with a 404, changing nothing", async () => {
    const s = await makeSeries(fx);
    await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 1, startTime: "10:00" },
    });
    const before = await snapshot(deps);
    const stale = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 1, startTime: "11:00" },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatchObject({
      code: "oneonone.conflict",
      details: { currentVersion: 2 },
    });
    const byReport = await fx.as("report", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 2, status: "paused" },
    });
    expect(byReport.status).toBe(403);
    expect((await byReport.json()).error.message).toMatch(/Only the manager/);
    for (const role of ["peer", "skip", "hrIn", "hrOut", "admin"] as const) {
      const res = await fx.as(role, `/api/v1/one-on-ones/${s.series.id}`, {
        method: "PATCH",
        body: { version: 2, status: "paused" },
      });
      expect(res.status, role).toBe(404);
    }
    const badZone = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 2, timeZone: "Nowhere/Land" },
    });
    expect(badZone.status).toBe(400);
    expect(await snapshot(deps)).toEqual(before);
  });

  it("still changes the time of a series that started more than a year ago", async () => {
    const s = await makeSeries(fx, { cadence: "monthly", weekday: 2, startsOn: "2026-03-10" });
    expect(s.upcoming.map((m: { localDate: string }) => m.localDate)).toEqual([
      "2026-03-10",
      "2026-04-14",
      "2026-05-12",
      "2026-06-09",
    ]);
    deps.setNow(new Date("2027-06-01T10:00:00Z"));
    const res = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 1, startTime: "15:30" },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.series.startsOn).toBe("2026-03-10");
    expect(
      body.upcoming.map((m: { localDate: string; localTime: string }) => [
        m.localDate,
        m.localTime,
      ]),
    ).toEqual([
      ["2027-06-08", "15:30"],
      ["2027-07-13", "15:30"],
      ["2027-08-10", "15:30"],
      ["2027-09-14", "15:30"],
    ]);
  });

  it("answers an unchanged patch with the series and writes nothing", async () => {
    const s = await makeSeries(fx);
    const before = await snapshot(deps);
    const res = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: 1, cadence: "weekly" },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).series.version).toBe(1);
    expect(await snapshot(deps)).toEqual(before);
  });
});
