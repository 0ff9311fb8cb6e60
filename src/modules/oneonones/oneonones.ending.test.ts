import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInCookie } from "../../../test/factories.js";
import {
  auditSince,
  makeSeries,
  meetingsOf,
  notificationsOf,
  type OneOnOnePeople,
  oneOnOnePeople,
  snapshot,
} from "../../../test/factories-oneonones.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { people } from "../org/org.table.js";
import { oneOnOneSeries } from "./oneonones.table.js";

// A report who moves to another manager, or a person who is deactivated, stops having those 1:1s:
// the series ends, its record stays for both to read, and nothing new is added to it. The new
// manager is asked to set up their own; a reporting line that comes back reopens the old series.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const START = new Date("2026-03-02T09:00:00.000Z");

let fx: OneOnOnePeople;
beforeEach(async () => {
  deps.setNow(START);
  fx = await oneOnOnePeople(deps, app);
});

type Series = { series: { id: string; status: string }; upcoming: { id: string }[] };

async function moveReport(managerId: string) {
  const [row] = await db.select().from(people).where(eq(people.id, fx.report.id));
  const res = await fx.as("admin", `/api/v1/people/${fx.report.id}`, {
    method: "PATCH",
    body: { version: row!.version, managerId },
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

const seriesRow = async (id: string) =>
  (await db.select().from(oneOnOneSeries).where(eq(oneOnOneSeries.id, id)))[0]!;

describe("a report who moves to another manager", () => {
  it("ends the 1:1 series with the former manager: empty future meetings go, ones with notes are cancelled with the reason, and it is recorded", async () => {
    const s = (await makeSeries(fx)) as Series;
    const [first, second] = s.upcoming;
    await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}/meetings/${second!.id}/notes`, {
      body: { visibility: "shared", body: "Prepare the design review." },
    });
    const before = await snapshot(deps);

    await moveReport(fx.skip.id);

    const row = await seriesRow(s.series.id);
    expect(row.status).toBe("ended");
    expect(row.version).toBe(before.series.find((x) => x.id === s.series.id)!.version + 1);
    const meetings = await meetingsOf(deps, s.series.id);
    expect(meetings.map((m) => m.id)).toEqual([second!.id]);
    expect(meetings[0]).toMatchObject({
      status: "cancelled",
      cancelReason: "The reporting line changed.",
      cancelledById: null,
    });
    expect(meetings.some((m) => m.id === first!.id)).toBe(false);
    const ended = (await auditSince(deps, before.lastAudit)).filter(
      (e) => e.action === "oneonone.series_ended",
    );
    expect(ended.map((e) => [e.subjectId, e.actorId, e.data])).toEqual([
      [
        s.series.id,
        fx.admin.id,
        {
          managerId: fx.manager.id,
          reportId: fx.report.id,
          newManagerId: fx.skip.id,
          reason: "reporting_line_changed",
          meetingsRemoved: 3,
          meetingsCancelled: 1,
        },
      ],
    ]);
  });

  it("tells both sides it ended, and asks the new manager to set up their own 1:1s", async () => {
    const s = (await makeSeries(fx)) as Series;
    await moveReport(fx.skip.id);
    const last = async (id: string) => (await notificationsOf(deps, id)).at(-1)!;
    expect(await last(fx.manager.id)).toMatchObject({
      kind: "oneonone.series_ended",
      title: "Your 1:1s with Riley Report have ended",
      body: "Riley Report now reports to Sam Skiplevel. What you wrote together stays here to read.",
      link: `/one-on-ones/${s.series.id}`,
    });
    expect(await last(fx.report.id)).toMatchObject({
      kind: "oneonone.series_ended",
      title: "Your 1:1s with Maya Manager have ended",
      link: `/one-on-ones/${s.series.id}`,
    });
    expect(await last(fx.skip.id)).toMatchObject({
      kind: "oneonone.set_up",
      title: "Set up 1:1s with Riley Report",
      link: "/one-on-ones",
    });
  });

  it("keeps the ended series readable by both, and refuses anything new on it with a reason", async () => {
    const s = (await makeSeries(fx)) as Series;
    await moveReport(fx.skip.id);
    for (const role of ["manager", "report"] as const) {
      const read = await fx.as(role, `/api/v1/one-on-ones/${s.series.id}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as Series).series.status).toBe("ended");
    }
    const before = await snapshot(deps);
    const point = await fx.as(
      "report",
      `/api/v1/one-on-ones/${s.series.id}/meetings/${s.upcoming[0]!.id}/agenda`,
      {
        body: { body: "Anything new" },
      },
    );
    const resume = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}`, {
      method: "PATCH",
      body: { version: (await seriesRow(s.series.id)).version, status: "active" },
    });
    for (const res of [point, resume]) expect(res.status).toBe(409);
    expect(((await resume.json()) as { error: { code: string } }).error.code).toBe(
      "oneonone.ended",
    );
    expect(await snapshot(deps)).toEqual(before);
  });

  it("still lets either side close a commitment made before the 1:1s ended", async () => {
    const s = (await makeSeries(fx)) as Series;
    const commitments = `/api/v1/one-on-ones/${s.series.id}/commitments`;
    const made = await fx.as("manager", commitments, {
      body: { body: "Send the rota draft", ownerId: fx.report.id, dueOn: "2026-03-20" },
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const { id } = (await made.json()) as { id: string };
    await moveReport(fx.skip.id);
    const another = await fx.as("manager", commitments, {
      body: { body: "Something new", ownerId: fx.report.id, dueOn: "2026-03-20" },
    });
    expect(another.status, await another.clone().text()).toBe(409);
    const closed = await fx.as("report", `${commitments}/${id}/status`, {
      body: { status: "done" },
    });
    expect(closed.status, await closed.clone().text()).toBe(200);
    const peerTry = await fx.as("peer", `${commitments}/${id}/status`, {
      body: { status: "dropped" },
    });
    expect(peerTry.status).toBe(404);
  });

  it("lets the new manager set up a series, and reopens the old one if the report comes back", async () => {
    const s = (await makeSeries(fx)) as Series;
    await moveReport(fx.skip.id);
    const theirs = (await makeSeries(fx, {}, { manager: "skip" })) as Series;
    expect(theirs.series.id).not.toBe(s.series.id);

    await moveReport(fx.manager.id);
    expect((await seriesRow(theirs.series.id)).status).toBe("ended");
    const before = await snapshot(deps);
    const again = (await makeSeries(fx, { startTime: "10:00" })) as Series;
    expect(again.series.id).toBe(s.series.id);
    expect(again.series.status).toBe("active");
    expect(again.upcoming).toHaveLength(4);
    const actions = (await auditSince(deps, before.lastAudit)).map((e) => e.action);
    expect(actions).toEqual(["oneonone.series_reopened"]);
  });

  it("changes nothing for a 1:1 series when only other fields of the person change", async () => {
    const s = (await makeSeries(fx)) as Series;
    const [row] = await db.select().from(people).where(eq(people.id, fx.report.id));
    const res = await fx.as("admin", `/api/v1/people/${fx.report.id}`, {
      method: "PATCH",
      body: { version: row!.version, title: "Senior Engineer", managerId: fx.manager.id },
    });
    expect(res.status).toBe(200);
    expect((await seriesRow(s.series.id)).status).toBe("active");
    expect(await meetingsOf(deps, s.series.id)).toHaveLength(4);
  });

  it("ends the series the same way when a people import moves the report", async () => {
    const s = (await makeSeries(fx)) as Series;
    const [report] = await db.select().from(people).where(eq(people.id, fx.report.id));
    const [skip] = await db.select().from(people).where(eq(people.id, fx.skip.id));
    const cookie = await signInCookie(app, fx.admin.email, fx.admin.password);
    const res = await send(app, "/api/v1/imports/people/commit", {
      cookie,
      body: { csv: `email,name,manager_email\n${report!.email},${report!.name},${skip!.email}\n` },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await seriesRow(s.series.id)).status).toBe("ended");
    expect(await meetingsOf(deps, s.series.id)).toEqual([]);
  });
});

describe("a person who is deactivated", () => {
  async function deactivate(personId: string) {
    const [row] = await db.select().from(people).where(eq(people.id, personId));
    const res = await fx.as("admin", `/api/v1/people/${personId}`, {
      method: "PATCH",
      body: { version: row!.version, active: false },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  it("ends their 1:1s as a report, tells the manager, and sends them nothing", async () => {
    const s = (await makeSeries(fx)) as Series;
    const before = await snapshot(deps);
    await deactivate(fx.report.id);
    expect((await seriesRow(s.series.id)).status).toBe("ended");
    expect(await meetingsOf(deps, s.series.id)).toEqual([]);
    const ended = (await auditSince(deps, before.lastAudit)).filter(
      (e) => e.action === "oneonone.series_ended",
    );
    expect(ended.map((e) => e.data)).toEqual([
      {
        managerId: fx.manager.id,
        reportId: fx.report.id,
        reason: "person_deactivated",
        meetingsRemoved: 4,
        meetingsCancelled: 0,
      },
    ]);
    expect((await notificationsOf(deps, fx.manager.id)).at(-1)).toMatchObject({
      kind: "oneonone.series_ended",
      title: "Your 1:1s with Riley Report have ended",
      body: "Riley Report is no longer active in Headway. What you wrote together stays here to read.",
    });
    const toReport = (await notificationsOf(deps, fx.report.id)).filter(
      (n) => n.kind === "oneonone.series_ended",
    );
    expect(toReport).toEqual([]);
  });

  it("ends every 1:1 series of a deactivated manager, one event and one notice per report", async () => {
    const first = (await makeSeries(fx)) as Series;
    const second = (await makeSeries(fx, {}, { reportId: fx.peer.id })) as Series;
    const before = await snapshot(deps);
    await deactivate(fx.manager.id);
    for (const s of [first, second]) expect((await seriesRow(s.series.id)).status).toBe("ended");
    const events = (await auditSince(deps, before.lastAudit)).filter(
      (e) => e.action === "oneonone.series_ended",
    );
    expect(events.map((e) => e.subjectId).sort()).toEqual(
      [first.series.id, second.series.id].sort(),
    );
    for (const id of [fx.report.id, fx.peer.id])
      expect((await notificationsOf(deps, id)).at(-1)).toMatchObject({
        kind: "oneonone.series_ended",
        title: "Your 1:1s with Maya Manager have ended",
      });
  });
});
