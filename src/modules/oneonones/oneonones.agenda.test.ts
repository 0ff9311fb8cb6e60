import { beforeEach, describe, expect, it } from "vitest";
import {
  auditSince,
  makeSeries,
  type OneOnOnePeople,
  oneOnOnePeople,
  snapshot,
} from "../../../test/factories-oneonones.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { questionDeck } from "./oneonones.deck.js";

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

const meetingUrl = (meetingId: string, action = "") =>
  `/api/v1/one-on-ones/${s.series.id}/meetings/${meetingId}${action ? `/${action}` : ""}`;

describe("the shared agenda", () => {
  it("takes talking points from both sides before the meeting, and shows them to both", async () => {
    const m1 = s.upcoming[0].id;
    const before = await snapshot(deps);
    const a = await fx.as("report", meetingUrl(m1, "agenda"), {
      body: { body: "  How did the launch retro land?  " },
    });
    expect(a.status).toBe(201);
    expect(await a.json()).toMatchObject({
      body: "How did the launch retro land?",
      author: { id: fx.report.id, name: "Riley Report" },
      addedForMeetingId: m1,
      discussed: false,
      carriedOver: false,
      canRemove: true,
      deckQuestionId: null,
    });
    deps.advance(60_000);
    await fx.as("manager", meetingUrl(m1, "agenda"), { body: { body: "Hiring plan for Q2" } });
    const view = await (await fx.as("manager", meetingUrl(m1))).json();
    expect(
      view.agenda.map((p: { body: string; canRemove: boolean }) => [p.body, p.canRemove]),
    ).toEqual([
      ["How did the launch retro land?", false],
      ["Hiring plan for Q2", true],
    ]);
    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["oneonone.talking_point_added", fx.report.id],
      ["oneonone.talking_point_added", fx.manager.id],
    ]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain("launch retro");
  });

  it("marks points discussed in a meeting under way, and carries the others over to the next meeting", async () => {
    const [m1, m2] = s.upcoming;
    const p1 = await (
      await fx.as("report", meetingUrl(m1.id, "agenda"), { body: { body: "Conference budget" } })
    ).json();
    deps.advance(60_000);
    const p2 = await (
      await fx.as("manager", meetingUrl(m1.id, "agenda"), { body: { body: "On-call rota" } })
    ).json();
    const early = await fx.as("manager", meetingUrl(m1.id, `agenda/${p1.id}/discussed`), {
      method: "POST",
    });
    expect(early.status).toBe(409);
    expect((await early.json()).error.details.reason).toBe("not_started");

    deps.setNow(new Date("2026-03-09T08:10:00Z"));
    const before = await snapshot(deps);
    const done = await fx.as("manager", meetingUrl(m1.id, `agenda/${p1.id}/discussed`), {
      method: "POST",
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({
      discussed: true,
      discussedInMeetingId: m1.id,
      discussedAt: "2026-03-09T08:10:00.000Z",
      canRemove: false,
    });
    expect((await auditSince(deps, before.lastAudit)).map((e) => e.action)).toEqual([
      "oneonone.talking_point_discussed",
    ]);
    const again = await fx.as("report", meetingUrl(m1.id, `agenda/${p1.id}/discussed`), {
      method: "POST",
    });
    expect(again.status).toBe(409);
    await fx.as("manager", meetingUrl(m1.id, "hold"), { method: "POST" });

    // The next meeting shows the open point, carried over; the held one shows both.
    const next = await (await fx.as("report", meetingUrl(m2.id))).json();
    expect(
      next.agenda.map((p: { id: string; carriedOver: boolean }) => [p.id, p.carriedOver]),
    ).toEqual([[p2.id, true]]);
    const held = await (await fx.as("report", meetingUrl(m1.id))).json();
    expect(held.agenda.map((p: { id: string; discussed: boolean }) => [p.id, p.discussed])).toEqual(
      [
        [p1.id, true],
        [p2.id, false],
      ],
    );
    // The series shows the open agenda.
    const series = await (await fx.as("report", `/api/v1/one-on-ones/${s.series.id}`)).json();
    expect(series.agenda.map((p: { id: string }) => p.id)).toEqual([p2.id]);

    // A held meeting takes no new points.
    const late = await fx.as("report", meetingUrl(m1.id, "agenda"), { body: { body: "Late" } });
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toMatch(/add the point to the next meeting/);
  });

  it("lets the author alone remove their undiscussed point; the other side gets a 403, a discussed point a 409", async () => {
    const m1 = s.upcoming[0].id;
    const mine = await (
      await fx.as("report", meetingUrl(m1, "agenda"), { body: { body: "Remote days" } })
    ).json();
    const theirs = await (
      await fx.as("manager", meetingUrl(m1, "agenda"), { body: { body: "Team budget" } })
    ).json();
    const before = await snapshot(deps);
    const other = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}/agenda/${mine.id}`, {
      method: "DELETE",
    });
    expect(other.status).toBe(403);
    expect((await other.json()).error.message).toBe(
      "Only the person who added a talking point can remove it.",
    );
    expect(await snapshot(deps)).toEqual(before);

    const own = await fx.as("report", `/api/v1/one-on-ones/${s.series.id}/agenda/${mine.id}`, {
      method: "DELETE",
    });
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ removed: mine.id });
    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => e.action)).toEqual(["oneonone.talking_point_removed"]);

    deps.setNow(new Date("2026-03-09T08:05:00Z"));
    await fx.as("report", meetingUrl(m1, `agenda/${theirs.id}/discussed`), { method: "POST" });
    const after = await snapshot(deps);
    const discussed = await fx.as(
      "manager",
      `/api/v1/one-on-ones/${s.series.id}/agenda/${theirs.id}`,
      { method: "DELETE" },
    );
    expect(discussed.status).toBe(409);
    const missing = await fx.as("manager", `/api/v1/one-on-ones/${s.series.id}/agenda/${mine.id}`, {
      method: "DELETE",
    });
    expect(missing.status).toBe(404);
    expect(await snapshot(deps)).toEqual(after);
  });

  it("refuses an empty or over-long point and an unknown deck question with a 400, changing nothing", async () => {
    const m1 = s.upcoming[0].id;
    const before = await snapshot(deps);
    for (const body of [
      {},
      { body: "   " },
      { body: "x".repeat(2001) },
      { deckQuestionId: "trust.career.999" },
      { body: 42 },
      { body: "\u0000" },
    ]) {
      const res = await fx.as("report", meetingUrl(m1, "agenda"), { body });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect((await res.json()).error.code).toBe("validation.failed");
    }
    const ok = await fx.as("report", meetingUrl(m1, "agenda"), {
      body: { body: "x".repeat(2000) },
    });
    expect(ok.status).toBe(201);
    const wrongMeeting = await fx.as(
      "report",
      `/api/v1/one-on-ones/${s.series.id}/meetings/00000000-0000-4000-8000-000000000000/agenda`,
      { body: { body: "Hello" } },
    );
    expect(wrongMeeting.status).toBe(404);
    expect((await snapshot(deps)).points).toHaveLength(before.points.length + 1);
  });
});

describe("the question deck", () => {
  it("lists the whole deck for anyone signed in, and nobody else", async () => {
    const res = await fx.as("peer", "/api/v1/one-on-ones/deck");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.questions).toHaveLength(questionDeck.length);
    expect(body.questions[0]).toMatchObject({
      id: "trust.career.1",
      stage: "establish_trust",
      stageLabel: "Establish trust",
      theme: "career",
      themeLabel: "Career",
    });
    expect((await send(app, "/api/v1/one-on-ones/deck")).status).toBe(401);
  });

  it("suggests three trust questions for a new pair; either side pulls one in, and it is not suggested again", async () => {
    const m1 = s.upcoming[0].id;
    const res = await fx.as("report", meetingUrl(m1, "suggestions"));
    expect(res.status).toBe(200);
    const first = await res.json();
    expect(first).toMatchObject({ meetingId: m1, stage: "establish_trust", heldBefore: 0 });
    expect(first.questions).toHaveLength(3);
    expect(first.questions.every((q: { stage: string }) => q.stage === "establish_trust")).toBe(
      true,
    );
    // Both sides see the same suggestions for the same meeting.
    expect(await (await fx.as("manager", meetingUrl(m1, "suggestions"))).json()).toEqual(first);

    const pulled = first.questions[0];
    const before = await snapshot(deps);
    const add = await fx.as("manager", meetingUrl(m1, "agenda"), {
      body: { deckQuestionId: pulled.id },
    });
    expect(add.status).toBe(201);
    expect(await add.json()).toMatchObject({
      deckQuestionId: pulled.id,
      body: pulled.text,
      author: { id: fx.manager.id },
    });
    expect((await auditSince(deps, before.lastAudit))[0]!.data).toMatchObject({
      deckQuestionId: pulled.id,
    });
    const dup = await fx.as("report", meetingUrl(m1, "agenda"), {
      body: { deckQuestionId: pulled.id },
    });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe("talking_point.exists");

    const after = await (await fx.as("report", meetingUrl(m1, "suggestions"))).json();
    const ids = after.questions.map((q: { id: string }) => q.id);
    expect(ids).not.toContain(pulled.id);
    expect(ids).toContain(first.questions[1].id);
    expect(ids).toContain(first.questions[2].id);

    // Discussed and held, it is still not suggested for the next meetings.
    deps.setNow(new Date("2026-03-09T08:10:00Z"));
    const point = (await (await fx.as("report", meetingUrl(m1))).json()).agenda[0];
    await fx.as("report", meetingUrl(m1, `agenda/${point.id}/discussed`), { method: "POST" });
    await fx.as("report", meetingUrl(m1, "hold"), { method: "POST" });
    const next = await (await fx.as("report", meetingUrl(s.upcoming[1].id, "suggestions"))).json();
    expect(next.heldBefore).toBe(1);
    expect(next.questions.map((q: { id: string }) => q.id)).not.toContain(pulled.id);
  });

  it("moves on to making it personal after three held meetings", async () => {
    for (const [i, m] of s.upcoming.slice(0, 3).entries()) {
      deps.setNow(new Date(new Date(m.scheduledAt).getTime() + 10 * 60_000));
      const res = await fx.as("manager", meetingUrl(m.id, "hold"), { method: "POST" });
      expect(res.status, `meeting ${i}`).toBe(200);
    }
    const fourth = await (
      await fx.as("manager", meetingUrl(s.upcoming[3].id, "suggestions"))
    ).json();
    expect(fourth).toMatchObject({ stage: "make_it_personal", heldBefore: 3 });
    expect(
      fourth.questions.filter((q: { stage: string }) => q.stage === "make_it_personal"),
    ).toHaveLength(2);
  });
});

describe("notes", () => {
  it("shows shared notes to both sides and private notes to their author alone", async () => {
    const m1 = s.upcoming[0].id;
    const before = await snapshot(deps);
    const shared = await fx.as("manager", meetingUrl(m1, "notes"), {
      body: { visibility: "shared", body: "Agreed to try a weekly demo." },
    });
    expect(shared.status).toBe(201);
    deps.advance(60_000);
    expect(await shared.json()).toMatchObject({
      visibility: "shared",
      body: "Agreed to try a weekly demo.",
      author: { id: fx.manager.id },
      mine: true,
    });
    const priv = await fx.as("manager", meetingUrl(m1, "notes"), {
      body: { visibility: "private", body: "Seems tired; check workload next time." },
    });
    expect(priv.status).toBe(201);
    deps.advance(60_000);
    await fx.as("report", meetingUrl(m1, "notes"), {
      body: { visibility: "private", body: "Ask for the staff engineer ladder." },
    });

    const managerView = await (await fx.as("manager", meetingUrl(m1))).json();
    expect(managerView.notes.map((n: { body: string }) => n.body)).toEqual([
      "Agreed to try a weekly demo.",
      "Seems tired; check workload next time.",
    ]);
    const reportView = await (await fx.as("report", meetingUrl(m1))).json();
    expect(reportView.notes.map((n: { body: string; mine: boolean }) => [n.body, n.mine])).toEqual([
      ["Agreed to try a weekly demo.", false],
      ["Ask for the staff engineer ladder.", true],
    ]);

    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => [e.action, e.data.visibility])).toEqual([
      ["oneonone.note_added", "shared"],
      ["oneonone.note_added", "private"],
      ["oneonone.note_added", "private"],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/tired|ladder|weekly demo/);
  });

  it("lets the author edit or delete their note; the other side cannot touch it, and another's private note does not exist for them", async () => {
    const m1 = s.upcoming[0].id;
    const shared = await (
      await fx.as("manager", meetingUrl(m1, "notes"), {
        body: { visibility: "shared", body: "First draft." },
      })
    ).json();
    const priv = await (
      await fx.as("manager", meetingUrl(m1, "notes"), {
        body: { visibility: "private", body: "My own thoughts." },
      })
    ).json();
    const before = await snapshot(deps);
    const url = (id: string) => `/api/v1/one-on-ones/${s.series.id}/notes/${id}`;
    const editShared = await fx.as("report", url(shared.id), {
      method: "PATCH",
      body: { body: "Changed by the other side" },
    });
    expect(editShared.status).toBe(403);
    for (const method of ["PATCH", "DELETE"]) {
      const res = await fx.as("report", url(priv.id), {
        method,
        body: method === "PATCH" ? { body: "x" } : undefined,
      });
      expect(res.status, method).toBe(404);
      expect(await res.text()).not.toContain("My own thoughts");
    }
    expect(await snapshot(deps)).toEqual(before);

    deps.setNow(new Date("2026-03-02T10:00:00Z"));
    const edited = await fx.as("manager", url(shared.id), {
      method: "PATCH",
      body: { body: "Second draft." },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({
      body: "Second draft.",
      updatedAt: "2026-03-02T10:00:00.000Z",
    });
    const removed = await fx.as("manager", url(priv.id), { method: "DELETE" });
    expect(await removed.json()).toEqual({ removed: priv.id });
    const events = await auditSince(deps, before.lastAudit);
    expect(events.map((e) => e.action)).toEqual(["oneonone.note_edited", "oneonone.note_deleted"]);
  });

  it("refuses a note over 20,000 characters with a 400 and a 5 MB note with a 413, clearly, storing nothing", async () => {
    const m1 = s.upcoming[0].id;
    const before = await snapshot(deps);
    const long = await fx.as("manager", meetingUrl(m1, "notes"), {
      body: { visibility: "private", body: "a".repeat(20_001) },
    });
    expect(long.status).toBe(400);
    expect((await long.json()).error).toMatchObject({
      code: "validation.failed",
      details: [{ path: "body", message: "Keep a note under 20,000 characters." }],
    });
    const huge = await fx.as("manager", meetingUrl(m1, "notes"), {
      body: { visibility: "private", body: "a".repeat(5 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("request.too_large");
    const empty = await fx.as("manager", meetingUrl(m1, "notes"), {
      body: { visibility: "private", body: "  " },
    });
    expect(empty.status).toBe(400);
    const kind = await fx.as("manager", meetingUrl(m1, "notes"), {
      body: { visibility: "hr", body: "For HR" },
    });
    expect(kind.status).toBe(400);
    expect(await snapshot(deps)).toEqual(before);
    const exact = await fx.as("manager", meetingUrl(m1, "notes"), {
      body: { visibility: "private", body: "a".repeat(20_000) },
    });
    expect(exact.status).toBe(201);
  });

  it("refuses notes on a cancelled meeting with a 409", async () => {
    const m1 = s.upcoming[0].id;
    await fx.as("manager", meetingUrl(m1, "cancel"), { body: { reason: "Ill." } });
    const before = await snapshot(deps);
    const res = await fx.as("report", meetingUrl(m1, "notes"), {
      body: { visibility: "shared", body: "Hello" },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe("This meeting was cancelled.");
    expect(await snapshot(deps)).toEqual(before);
  });
});
