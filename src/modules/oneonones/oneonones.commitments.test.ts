import { beforeEach, describe, expect, it } from "vitest";
import {
  auditSince,
  makeSeries,
  notificationsOf,
  type OneOnOnePeople,
  oneOnOnePeople,
  snapshot,
} from "../../../test/factories-oneonones.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";

const deps = await createTestDeps();
const app = testApp(deps);
const START = new Date("2026-03-02T09:00:00.000Z");

let fx: OneOnOnePeople;
let s: Awaited<ReturnType<typeof makeSeries>>;
beforeEach(async () => {
  deps.setNow(START);
  fx = await oneOnOnePeople(deps, app);
  s = await makeSeries(fx);
});

const url = (rest = "") => `/api/v1/one-on-ones/${s.series.id}/commitments${rest}`;
const meetingUrl = (meetingId: string, action = "") =>
  `/api/v1/one-on-ones/${s.series.id}/meetings/${meetingId}${action ? `/${action}` : ""}`;

describe("commitments", () => {
  it("lets the manager write down a commitment for the report in a meeting; the report is told, and it is recorded", async () => {
    const before = await snapshot(deps);
    const res = await fx.as("manager", url(), {
      body: {
        ownerId: fx.report.id,
        body: "Share the design doc with the platform team",
        dueOn: "2026-03-13",
        meetingId: s.upcoming[0].id,
      },
    });
    expect(res.status).toBe(201);
    const c = await res.json();
    expect(c).toMatchObject({
      owner: { id: fx.report.id, name: "Riley Report" },
      createdBy: { id: fx.manager.id },
      body: "Share the design doc with the platform team",
      dueOn: "2026-03-13",
      status: "open",
      overdue: false,
      meetingId: s.upcoming[0].id,
      closedBy: null,
    });
    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => e.action)).toEqual(["oneonone.commitment_added"]);
    expect(events[0]!.data).toEqual({
      commitmentId: c.id,
      meetingId: s.upcoming[0].id,
      ownerId: fx.report.id,
      dueOn: "2026-03-13",
    });
    expect((await notificationsOf(deps, fx.report.id)).at(-1)).toMatchObject({
      kind: "oneonone.commitment_added",
      title: "Maya Manager noted a commitment of yours from your 1:1, due 2026-03-13",
    });
  });

  it("carries open commitments forward onto every following meeting until closed, and records who closed it", async () => {
    const [m1, m2, m3] = s.upcoming;
    const c = await (
      await fx.as("manager", url(), {
        body: { ownerId: fx.report.id, body: "Pair with Ana on the cache", dueOn: "2026-03-20" },
      })
    ).json();
    const mine = await (
      await fx.as("manager", url(), {
        body: { ownerId: fx.manager.id, body: "Find a mentor", dueOn: "2026-03-06" },
      })
    ).json();
    for (const m of [m1, m2, m3]) {
      const view = await (await fx.as("report", meetingUrl(m.id))).json();
      expect(view.commitments.map((x: { id: string }) => x.id).sort()).toEqual(
        [c.id, mine.id].sort(),
      );
    }
    deps.setNow(new Date("2026-03-09T08:20:00Z"));
    const before = await snapshot(deps);
    // The other side may mark it; the owner is told.
    const done = await fx.as("report", url(`/${mine.id}/status`), { body: { status: "done" } });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      status: "done",
      closedAt: "2026-03-09T08:20:00.000Z",
      closedBy: { id: fx.report.id, name: "Riley Report" },
    });
    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => [e.action, e.actorId, e.subjectId])).toEqual([
      ["oneonone.commitment_closed", fx.report.id, mine.id],
    ]);
    expect(events[0]!.data).toMatchObject({ status: "done", onTime: false });
    expect((await notificationsOf(deps, fx.manager.id)).at(-1)!.title).toBe(
      "Riley Report marked a commitment of yours done",
    );
    // Closed, it no longer travels on to later meetings.
    const later = await (await fx.as("manager", meetingUrl(m3.id))).json();
    expect(later.commitments.map((x: { id: string }) => x.id)).toEqual([c.id]);

    const again = await fx.as("manager", url(`/${mine.id}/status`), {
      body: { status: "dropped" },
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toBe("This commitment is already marked done.");
  });

  it("shows both people's follow-through on the series, to both of them", async () => {
    const a = await (
      await fx.as("report", url(), {
        body: { ownerId: fx.report.id, body: "Write the ADR", dueOn: "2026-03-05" },
      })
    ).json();
    await fx.as("report", url(), {
      body: { ownerId: fx.report.id, body: "Demo the prototype", dueOn: "2026-03-04" },
    });
    const m = await (
      await fx.as("report", url(), {
        body: { ownerId: fx.manager.id, body: "Approve the budget", dueOn: "2026-03-03" },
      })
    ).json();
    deps.setNow(new Date("2026-03-04T10:00:00Z"));
    await fx.as("manager", url(`/${m.id}/status`), { body: { status: "dropped" } });
    deps.setNow(new Date("2026-03-04T11:00:00Z"));
    await fx.as("report", url(`/${a.id}/status`), { body: { status: "done" } });
    deps.setNow(new Date("2026-03-06T10:00:00Z"));
    for (const role of ["manager", "report"] as const) {
      const detail = await (await fx.as(role, `/api/v1/one-on-ones/${s.series.id}`)).json();
      expect(detail.followThrough).toEqual({
        manager: { rate: 0, doneOnTime: 0, doneLate: 0, dropped: 1, overdueOpen: 0, counted: 1 },
        report: { rate: 0.5, doneOnTime: 1, doneLate: 0, dropped: 0, overdueOpen: 1, counted: 2 },
      });
      expect(
        detail.commitments.map((c: { body: string; status: string; overdue: boolean }) => [
          c.body,
          c.status,
          c.overdue,
        ]),
      ).toEqual([
        ["Demo the prototype", "open", true],
        ["Write the ADR", "done", false],
        ["Approve the budget", "dropped", false],
      ]);
    }
  });

  it("refuses a due date in the past, an owner outside the pair, and bad input with a 400, changing nothing", async () => {
    const before = await snapshot(deps);
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ dueOn: "2026-03-01" }, "dueOn", "Choose a due date from today (2026-03-02) on."],
      [{ dueOn: "2029-01-01" }, "dueOn"],
      [{ dueOn: "0000-01-01" }, "dueOn"],
      [{ dueOn: "tomorrow" }, "dueOn"],
      [
        { ownerId: fx.peer.id },
        "ownerId",
        "A commitment is owned by one of the two people in this 1:1.",
      ],
      [{ ownerId: "nobody" }, "ownerId"],
      [{ body: "" }, "body"],
      [{ body: "x".repeat(2001) }, "body"],
      [{ meetingId: "nope" }, "meetingId"],
    ];
    for (const [override, path, message] of cases) {
      const res = await fx.as("manager", url(), {
        body: { ownerId: fx.report.id, body: "Do it", dueOn: "2026-03-10", ...override },
      });
      expect(res.status, JSON.stringify(override).slice(0, 50)).toBe(400);
      const body = await res.json();
      expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      if (message) expect(body.error.message).toBe(message);
    }
    const status = await fx.as("manager", url("/00000000-0000-4000-8000-000000000000/status"), {
      body: { status: "done" },
    });
    expect(status.status).toBe(404);
    expect(await snapshot(deps)).toEqual(before);
    // Today is fine.
    const today = await fx.as("manager", url(), {
      body: { ownerId: fx.report.id, body: "Do it", dueOn: "2026-03-02" },
    });
    expect(today.status).toBe(201);
    const bad = await fx.as("manager", url(`/${(await today.json()).id}/status`), {
      body: { status: "open" },
    });
    expect(bad.status).toBe(400);
  });

  it("refuses a commitment made in a cancelled meeting with a 409", async () => {
    await fx.as("report", meetingUrl(s.upcoming[0].id, "cancel"), { body: { reason: "Ill." } });
    const before = await snapshot(deps);
    const res = await fx.as("manager", url(), {
      body: {
        ownerId: fx.report.id,
        body: "Do it",
        dueOn: "2026-03-10",
        meetingId: s.upcoming[0].id,
      },
    });
    expect(res.status).toBe(409);
    expect(await snapshot(deps)).toEqual(before);
  });
});
