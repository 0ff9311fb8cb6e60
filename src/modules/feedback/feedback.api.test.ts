import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import {
  type CoachingTeam,
  makeCoachingTeam,
  makeFeedback,
  makeFeedbackRequest,
} from "../../../test/factories-feedback.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { mailMessages } from "../mail/mail.table.js";
import { notifications } from "../notify/notify.table.js";
import { people } from "../org/org.table.js";
import { auditEvents } from "../record/record.table.js";
import { findSharedFeedback } from "./feedback.repository.js";
import type { FeedbackDetail, FeedbackItem, FeedbackRequestView } from "./feedback.service.js";
import { feedback, feedbackReplies, feedbackRequests } from "./feedback.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const sbi = {
  situation: "In Tuesday's planning meeting",
  behaviour: "you walked the team through the three options and their costs",
  impact: "we chose in twenty minutes instead of the usual hour",
};

/** Row counts of everything feedback can touch: compared before and after a refused request. */
async function snapshot() {
  const count = async (table: "feedback" | "feedback_requests" | "feedback_replies") =>
    Number((await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).rows[0]!.n);
  const [audit] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  const [told] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications);
  const [mail] = await db.select({ n: sql<number>`count(*)::int` }).from(mailMessages);
  const rows = await db.select().from(feedback).orderBy(feedback.id);
  const requests = await db.select().from(feedbackRequests).orderBy(feedbackRequests.id);
  return {
    feedback: await count("feedback"),
    requests: await count("feedback_requests"),
    replies: await count("feedback_replies"),
    audit: audit!.n,
    notifications: told!.n,
    mail: mail!.n,
    rows: JSON.stringify(rows),
    requestRows: JSON.stringify(requests),
  };
}

async function give(cookie: string, body: Record<string, unknown> | string) {
  return send(app, "/api/v1/feedback", { cookie, body });
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function errorCode(res: Response) {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

async function eventsFor(subjectId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(
      action
        ? and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.action, action))
        : eq(auditEvents.subjectId, subjectId),
    );
}

async function notificationsOf(personId: string) {
  return db.select().from(notifications).where(eq(notifications.personId, personId));
}

async function mailTo(email: string) {
  return db.select().from(mailMessages).where(eq(mailMessages.to, email));
}

let team: CoachingTeam;
async function freshTeam() {
  team = await makeCoachingTeam(deps, app);
  return team;
}

describe("giving feedback", () => {
  it("a manager shares SBI feedback: the employee reads it and is told in the app and by email", async () => {
    const t = await freshTeam();
    const given = await json<FeedbackDetail>(
      await give(t.cookies.manager, {
        recipientId: t.employee.id,
        kind: "recognition",
        visibility: "shared",
        ...sbi,
      }),
      201,
    );
    expect(given).toMatchObject({
      kind: "recognition",
      visibility: "shared",
      ...sbi,
      giver: { id: t.manager.id, name: t.manager.name },
      recipient: { id: t.employee.id, name: t.employee.name },
      sharedAt: "2026-03-02T09:00:00.000Z",
      hints: [],
      replies: [],
      abilities: { edit: false, reply: true },
    });

    const read = await json<FeedbackDetail>(
      await send(app, `/api/v1/feedback/${given.id}`, { cookie: t.cookies.employee }),
      200,
    );
    expect(read.behaviour).toBe(sbi.behaviour);
    expect(read.abilities).toEqual({ edit: false, reply: true });

    const told = await notificationsOf(t.employee.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      kind: "feedback.received",
      link: `/feedback/${given.id}`,
      title: `${t.manager.name} gave you recognition`,
    });
    const mail = await mailTo(t.employee.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`${t.manager.name} gave you recognition`);
    // The words stay in Headway: neither the notification nor the email carries them.
    expect(JSON.stringify([told, mail])).not.toContain("three options");

    const [event] = await eventsFor(given.id, "feedback.given");
    expect(event!.data).toEqual({
      feedbackId: given.id,
      recipientId: t.employee.id,
      kind: "recognition",
      visibility: "shared",
    });
    expect(JSON.stringify(event!.data)).not.toContain("three options");
  });

  it("a peer gives constructive feedback the same way", async () => {
    const t = await freshTeam();
    const given = await json<FeedbackDetail>(
      await give(t.cookies.peer, {
        recipientId: t.employee.id,
        kind: "constructive",
        visibility: "shared",
        behaviour: "you merged the change without the second review",
      }),
      201,
    );
    expect(given).toMatchObject({ situation: "", impact: "", giver: { id: t.peer.id } });
    expect(await notificationsOf(t.employee.id)).toHaveLength(1);
  });

  it("returns wording hints with the feedback, for its author only, without refusing it", async () => {
    const t = await freshTeam();
    const given = await json<FeedbackDetail>(
      await give(t.cookies.manager, {
        recipientId: t.employee.id,
        kind: "constructive",
        visibility: "shared",
        situation: "In the client call",
        behaviour: "you were rude and lazy",
        impact: "the client was upset and aggressive",
      }),
      201,
    );
    expect(given.hints.map((h) => [h.field, h.words])).toEqual([
      ["behaviour", ["rude", "lazy"]],
      ["impact", ["aggressive"]],
    ]);
    expect(given.hints[0]).toMatchObject({ code: "wording.judgemental", severity: "warning" });
    const asRecipient = await json<FeedbackDetail>(
      await send(app, `/api/v1/feedback/${given.id}`, { cookie: t.cookies.employee }),
      200,
    );
    expect(asRecipient.hints).toEqual([]);
    const asAuthor = await json<FeedbackDetail>(
      await send(app, `/api/v1/feedback/${given.id}`, { cookie: t.cookies.manager }),
      200,
    );
    expect(asAuthor.hints).toHaveLength(2);
  });

  it("checks unsaved text for hints and saves nothing", async () => {
    const t = await freshTeam();
    const before = await snapshot();
    const checked = await json<{ hints: { field: string; words: string[] }[] }>(
      await send(app, "/api/v1/feedback/check", {
        cookie: t.cookies.peer,
        body: { behaviour: "you were lazy", impact: "the release slipped by two days" },
      }),
      200,
    );
    expect(checked.hints).toEqual([
      expect.objectContaining({ field: "behaviour", words: ["lazy"] }),
    ]);
    expect(
      (
        await json<{ hints: unknown[] }>(
          await send(app, "/api/v1/feedback/check", { cookie: t.cookies.peer, body: {} }),
          200,
        )
      ).hints,
    ).toEqual([]);
    expect(
      (
        await send(app, "/api/v1/feedback/check", {
          cookie: t.cookies.peer,
          body: { behaviour: "x".repeat(5001) },
        })
      ).status,
    ).toBe(400);
    expect((await send(app, "/api/v1/feedback/check", { body: { behaviour: "x" } })).status).toBe(
      401,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a private draft from everyone, lets its author edit it, and tells the recipient only once it is shared", async () => {
    const t = await freshTeam();
    const draft = await json<FeedbackDetail>(
      await give(t.cookies.peer, {
        recipientId: t.employee.id,
        kind: "constructive",
        visibility: "draft",
        behaviour: "you pushed on Friday evening",
      }),
      201,
    );
    expect(draft).toMatchObject({ visibility: "draft", sharedAt: null, abilities: { edit: true } });
    expect(await notificationsOf(t.employee.id)).toEqual([]);
    expect(await mailTo(t.employee.email)).toEqual([]);
    for (const role of ["employee", "manager", "hrIn", "admin"] as const)
      expect(
        (await send(app, `/api/v1/feedback/${draft.id}`, { cookie: t.cookies[role] })).status,
        role,
      ).toBe(404);
    const [created] = await eventsFor(draft.id, "feedback.given");
    expect(created!.data).toEqual({ feedbackId: draft.id, visibility: "draft" });

    const edited = await json<FeedbackDetail>(
      await send(app, `/api/v1/feedback/${draft.id}`, {
        cookie: t.cookies.peer,
        method: "PATCH",
        body: { behaviour: "you pushed to production at 18:40 on Friday", impact: "I was paged" },
      }),
      200,
    );
    expect(edited).toMatchObject({
      visibility: "draft",
      behaviour: "you pushed to production at 18:40 on Friday",
      impact: "I was paged",
    });
    const [update] = await eventsFor(draft.id, "feedback.draft_updated");
    expect(update!.data).toEqual({
      feedbackId: draft.id,
      visibility: "draft",
      fields: ["behaviour", "impact"],
    });
    expect(await notificationsOf(t.employee.id)).toEqual([]);

    deps.advance(60_000);
    const shared = await json<FeedbackDetail>(
      await send(app, `/api/v1/feedback/${draft.id}`, {
        cookie: t.cookies.peer,
        method: "PATCH",
        body: { visibility: "shared" },
      }),
      200,
    );
    expect(shared).toMatchObject({
      visibility: "shared",
      sharedAt: "2026-03-02T09:01:00.000Z",
      abilities: { edit: false, reply: true },
    });
    expect((await notificationsOf(t.employee.id)).map((n) => n.kind)).toEqual([
      "feedback.received",
    ]);
    expect(await mailTo(t.employee.email)).toHaveLength(1);
    const [sharedEvent] = await eventsFor(draft.id, "feedback.shared");
    expect(sharedEvent!.data).toMatchObject({ visibility: "shared", recipientId: t.employee.id });
    expect(
      (await send(app, `/api/v1/feedback/${draft.id}`, { cookie: t.cookies.employee })).status,
    ).toBe(200);
    deps.setNow(new Date("2026-03-02T09:00:00.000Z"));
  });

  it("sends feedback shared with HR to HR in scope alone, never to the recipient", async () => {
    const t = await freshTeam();
    const hrOnly = await json<FeedbackDetail>(
      await give(t.cookies.peer, {
        recipientId: t.employee.id,
        kind: "constructive",
        visibility: "hr",
        behaviour: "you shouted at the intern in the kitchen",
      }),
      201,
    );
    expect(hrOnly.abilities).toEqual({ edit: false, reply: false });
    const [event] = await eventsFor(hrOnly.id, "feedback.given");
    expect(event!.data).toEqual({ feedbackId: hrOnly.id, visibility: "hr" });
    expect(
      (await send(app, `/api/v1/feedback/${hrOnly.id}`, { cookie: t.cookies.hrIn })).status,
    ).toBe(200);
    for (const role of ["employee", "manager", "skip", "hrOut", "admin", "ld"] as const)
      expect(
        (await send(app, `/api/v1/feedback/${hrOnly.id}`, { cookie: t.cookies[role] })).status,
        role,
      ).toBe(404);
    expect(await notificationsOf(t.employee.id)).toEqual([]);
  });

  it("keeps sent feedback as it was: editing or discarding it is refused and nothing changes", async () => {
    const t = await freshTeam();
    const sent = await makeFeedback(deps, { giver: t.manager, recipient: t.employee });
    const before = await snapshot();
    const edit = await send(app, `/api/v1/feedback/${sent.id}`, {
      cookie: t.cookies.manager,
      method: "PATCH",
      body: { behaviour: "something else" },
    });
    expect(edit.status).toBe(409);
    expect(await errorCode(edit)).toBe("feedback.not_editable.conflict");
    const unsend = await send(app, `/api/v1/feedback/${sent.id}`, {
      cookie: t.cookies.manager,
      method: "PATCH",
      body: { visibility: "draft" },
    });
    expect(unsend.status).toBe(409);
    expect(
      (
        await send(app, `/api/v1/feedback/${sent.id}`, {
          cookie: t.cookies.manager,
          method: "DELETE",
        })
      ).status,
    ).toBe(409);
    const byRecipient = await send(app, `/api/v1/feedback/${sent.id}`, {
      cookie: t.cookies.employee,
      method: "PATCH",
      body: { behaviour: "rewritten" },
    });
    expect(byRecipient.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("lets the author discard a draft, and nobody else", async () => {
    const t = await freshTeam();
    const draft = await makeFeedback(deps, {
      giver: t.peer,
      recipient: t.employee,
      visibility: "draft",
    });
    const before = await snapshot();
    for (const role of ["employee", "manager", "hrIn", "admin"] as const)
      expect(
        (
          await send(app, `/api/v1/feedback/${draft.id}`, {
            cookie: t.cookies[role],
            method: "DELETE",
          })
        ).status,
        role,
      ).toBe(404);
    expect(await snapshot()).toEqual(before);
    const res = await send(app, `/api/v1/feedback/${draft.id}`, {
      cookie: t.cookies.peer,
      method: "DELETE",
    });
    expect(await json(res, 200)).toEqual({ removed: draft.id });
    expect(await db.select().from(feedback).where(eq(feedback.id, draft.id))).toEqual([]);
    const [event] = await eventsFor(draft.id, "feedback.draft_deleted");
    expect(event!.data).toEqual({ feedbackId: draft.id, visibility: "draft" });
  });

  it("refuses feedback for a deactivated person with a clear message, and changes nothing", async () => {
    const t = await freshTeam();
    const gone = await makeUser(deps, { name: "Gus Gone", active: false, managerId: t.manager.id });
    const before = await snapshot();
    for (const visibility of ["shared", "draft", "hr"]) {
      const res = await give(t.cookies.manager, {
        recipientId: gone.id,
        kind: "constructive",
        visibility,
        ...sbi,
      });
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("person.inactive.conflict");
      expect(body.error.message).toMatch(/Gus Gone is no longer active.*Nothing was saved/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to send a draft once its recipient was deactivated, and changes nothing", async () => {
    const t = await freshTeam();
    const draft = await makeFeedback(deps, {
      giver: t.manager,
      recipient: t.peer,
      visibility: "draft",
    });
    await db.update(people).set({ active: false }).where(eq(people.id, t.peer.id));
    const before = await snapshot();
    const res = await send(app, `/api/v1/feedback/${draft.id}`, {
      cookie: t.cookies.manager,
      method: "PATCH",
      body: { visibility: "shared" },
    });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("person.inactive.conflict");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses feedback to yourself", async () => {
    const t = await freshTeam();
    const before = await snapshot();
    const res = await give(t.cookies.employee, {
      recipientId: t.employee.id,
      kind: "recognition",
      visibility: "shared",
      ...sbi,
    });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("feedback.forbidden");
    expect(await snapshot()).toEqual(before);
  });

  it("answers bad input with a clear 400 or 404, and changes nothing", async () => {
    const t = await freshTeam();
    const valid = { recipientId: t.employee.id, kind: "recognition", visibility: "shared", ...sbi };
    const before = await snapshot();
    const bad: [Record<string, unknown> | string, number, string][] = [
      [{ ...valid, behaviour: undefined }, 400, "behaviour"],
      [{ ...valid, behaviour: "   " }, 400, "behaviour"],
      [{ ...valid, behaviour: "x".repeat(5001) }, 400, "behaviour"],
      [{ ...valid, situation: "x".repeat(5001) }, 400, "situation"],
      [{ ...valid, impact: "x".repeat(5001) }, 400, "impact"],
      [{ ...valid, kind: "praise" }, 400, "kind"],
      [{ ...valid, visibility: "public" }, 400, "visibility"],
      [{ ...valid, recipientId: "not-a-uuid" }, 400, "recipientId"],
      [{ ...valid, requestId: "42" }, 400, "requestId"],
      [{ ...valid, behaviour: "nul\u0000byte" }, 400, "behaviour"],
      [{ ...valid, situation: 42 }, 400, "situation"],
      ["{not json", 400, ""],
      [{ ...valid, recipientId: "00000000-0000-4000-8000-000000000000" }, 404, ""],
      [{ ...valid, requestId: "00000000-0000-4000-8000-000000000000" }, 404, ""],
    ];
    for (const [body, status, path] of bad) {
      const res = await give(t.cookies.manager, body);
      const text = await res.text();
      expect(res.status, text).toBe(status);
      if (path) expect(text).toContain(`"path":"${path}"`);
    }
    const huge = await give(t.cookies.manager, {
      ...valid,
      behaviour: "x".repeat(5 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(
      (await send(app, "/api/v1/feedback/not-a-uuid", { cookie: t.cookies.manager })).status,
    ).toBe(400);
    expect(
      (
        await send(app, "/api/v1/feedback/00000000-0000-4000-8000-000000000000", {
          cookie: t.cookies.manager,
        })
      ).status,
    ).toBe(404);
    const sent = await makeFeedback(deps, {
      giver: t.manager,
      recipient: t.employee,
      visibility: "draft",
    });
    const mid = await snapshot();
    for (const body of [
      {},
      { behaviour: "" },
      { visibility: "everyone" },
      { situation: "x".repeat(5001) },
    ])
      expect(
        (
          await send(app, `/api/v1/feedback/${sent.id}`, {
            cookie: t.cookies.manager,
            method: "PATCH",
            body,
          })
        ).status,
      ).toBe(400);
    expect(await snapshot()).toEqual(mid);
    expect(mid.feedback).toBe(before.feedback + 1);
  });

  it("asks who you are first", async () => {
    const t = await freshTeam();
    const res = await give("", {
      recipientId: t.employee.id,
      kind: "recognition",
      visibility: "shared",
      ...sbi,
    });
    expect(res.status).toBe(401);
    for (const path of ["/api/v1/feedback", "/api/v1/feedback/given", "/api/v1/feedback/requests"])
      expect((await send(app, path)).status).toBe(401);
  });
});

describe("requests for feedback", () => {
  it("an employee asks a peer, who sees it, is told, and answers it with feedback", async () => {
    const t = await freshTeam();
    const request = await json<FeedbackRequestView>(
      await send(app, "/api/v1/feedback/requests", {
        cookie: t.cookies.employee,
        body: { askedId: t.peer.id, prompt: "How did my demo on Thursday land?" },
      }),
      201,
    );
    expect(request).toMatchObject({
      requester: { id: t.employee.id },
      asked: { id: t.peer.id },
      about: { id: t.employee.id },
      prompt: "How did my demo on Thursday land?",
      status: "open",
      answeredAt: null,
    });
    const [event] = await eventsFor(request.id, "feedback.requested");
    expect(event!.data).toEqual({
      requestId: request.id,
      askedId: t.peer.id,
      aboutId: t.employee.id,
    });
    const told = await notificationsOf(t.peer.id);
    expect(told).toEqual([
      expect.objectContaining({
        kind: "feedback.requested",
        title: `${t.employee.name} asked you for feedback`,
        link: "/feedback/requests",
      }),
    ]);
    expect(await mailTo(t.peer.email)).toHaveLength(1);

    const inbox = await json<{ incoming: FeedbackRequestView[]; outgoing: FeedbackRequestView[] }>(
      await send(app, "/api/v1/feedback/requests", { cookie: t.cookies.peer }),
      200,
    );
    expect(inbox.incoming.map((r) => r.id)).toEqual([request.id]);
    expect(inbox.outgoing).toEqual([]);

    const answer = await json<FeedbackDetail>(
      await give(t.cookies.peer, {
        recipientId: t.employee.id,
        kind: "recognition",
        visibility: "shared",
        requestId: request.id,
        ...sbi,
      }),
      201,
    );
    expect(answer.requestId).toBe(request.id);
    const mine = await json<{ incoming: FeedbackRequestView[]; outgoing: FeedbackRequestView[] }>(
      await send(app, "/api/v1/feedback/requests", { cookie: t.cookies.employee }),
      200,
    );
    expect(mine.outgoing).toEqual([
      expect.objectContaining({
        id: request.id,
        status: "answered",
        answeredAt: expect.any(String),
      }),
    ]);
    expect(
      (
        await json<{ incoming: FeedbackRequestView[] }>(
          await send(app, "/api/v1/feedback/requests", { cookie: t.cookies.peer }),
          200,
        )
      ).incoming,
    ).toEqual([]);
    expect((await notificationsOf(t.employee.id)).map((n) => n.kind)).toEqual([
      "feedback.received",
    ]);
  });

  it("a manager asks a peer about their direct report: the report receives the answer, the manager learns it was answered", async () => {
    const t = await freshTeam();
    const request = await json<FeedbackRequestView>(
      await send(app, "/api/v1/feedback/requests", {
        cookie: t.cookies.manager,
        body: { askedId: t.peer.id, aboutId: t.employee.id },
      }),
      201,
    );
    expect(request.about.id).toBe(t.employee.id);
    expect((await notificationsOf(t.peer.id))[0]!.title).toBe(
      `${t.manager.name} asked you for feedback about ${t.employee.name}`,
    );
    const answer = await json<FeedbackDetail>(
      await give(t.cookies.peer, {
        recipientId: t.employee.id,
        kind: "constructive",
        visibility: "shared",
        requestId: request.id,
        ...sbi,
      }),
      201,
    );
    expect((await notificationsOf(t.employee.id)).map((n) => n.kind)).toEqual([
      "feedback.received",
    ]);
    expect((await notificationsOf(t.manager.id)).map((n) => n.kind)).toEqual([
      "feedback.request_answered",
    ]);
    // The access policy lets the giver, the recipient and (for HR-only feedback) HR read it.
    expect(
      (await send(app, `/api/v1/feedback/${answer.id}`, { cookie: t.cookies.manager })).status,
    ).toBe(404);
  });

  it("keeps a request open while its answer is a draft, and closes it when the draft is shared", async () => {
    const t = await freshTeam();
    const request = await makeFeedbackRequest(deps, { requester: t.employee, asked: t.peer });
    const draft = await json<FeedbackDetail>(
      await give(t.cookies.peer, {
        recipientId: t.employee.id,
        kind: "recognition",
        visibility: "draft",
        requestId: request.id,
        ...sbi,
      }),
      201,
    );
    const [stillOpen] = await db
      .select()
      .from(feedbackRequests)
      .where(eq(feedbackRequests.id, request.id));
    expect(stillOpen!.status).toBe("open");
    expect(await notificationsOf(t.employee.id)).toEqual([]);
    const toHr = await send(app, `/api/v1/feedback/${draft.id}`, {
      cookie: t.cookies.peer,
      method: "PATCH",
      body: { visibility: "hr" },
    });
    expect(toHr.status).toBe(400);
    await json(
      await send(app, `/api/v1/feedback/${draft.id}`, {
        cookie: t.cookies.peer,
        method: "PATCH",
        body: { visibility: "shared" },
      }),
      200,
    );
    const [answered] = await db
      .select()
      .from(feedbackRequests)
      .where(eq(feedbackRequests.id, request.id));
    expect(answered!.status).toBe("answered");
  });

  it("lets nobody ask about someone who is not themselves or their direct report", async () => {
    const t = await freshTeam();
    const before = await snapshot();
    for (const role of ["peer", "skip", "hrIn", "admin"] as const) {
      const res = await send(app, "/api/v1/feedback/requests", {
        cookie: t.cookies[role],
        body: { askedId: t.outsider.id, aboutId: t.employee.id },
      });
      expect(res.status, role).toBe(403);
      expect(await errorCode(res)).toBe("feedback_request.forbidden");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to ask a deactivated person, clearly, and changes nothing", async () => {
    const t = await freshTeam();
    const gone = await makeUser(deps, { name: "Dora Departed", active: false });
    const before = await snapshot();
    const res = await send(app, "/api/v1/feedback/requests", {
      cookie: t.cookies.employee,
      body: { askedId: gone.id },
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "person.inactive.conflict" });
    expect(body.error.message).toMatch(/Dora Departed is no longer active/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses asking yourself, asking someone about themselves, a second open request, and bad input", async () => {
    const t = await freshTeam();
    await makeFeedbackRequest(deps, { requester: t.employee, asked: t.peer });
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, number][] = [
      [{ askedId: t.employee.id }, "employee", 403],
      [{ askedId: t.employee.id, aboutId: t.employee.id }, "manager", 400],
      [{ askedId: t.peer.id }, "employee", 409],
      [{ askedId: "nobody" }, "employee", 400],
      [{ askedId: t.peer.id, prompt: "x".repeat(2001) }, "employee", 400],
      [{ askedId: "00000000-0000-4000-8000-000000000000" }, "employee", 404],
      [{ askedId: t.peer.id, aboutId: "00000000-0000-4000-8000-000000000000" }, "manager", 404],
    ];
    for (const [body, role, status] of cases) {
      const res = await send(app, "/api/v1/feedback/requests", {
        cookie: t.cookies[role as "employee"],
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(status);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets the person asked decline, once; the requester is told, and nobody else can decline", async () => {
    const t = await freshTeam();
    const request = await makeFeedbackRequest(deps, { requester: t.employee, asked: t.peer });
    const path = `/api/v1/feedback/requests/${request.id}/decline`;
    const before = await snapshot();
    const byRequester = await send(app, path, { cookie: t.cookies.employee, method: "POST" });
    expect(byRequester.status).toBe(403);
    for (const role of ["manager", "hrIn", "admin", "outsider"] as const)
      expect(
        (await send(app, path, { cookie: t.cookies[role], method: "POST" })).status,
        role,
      ).toBe(404);
    expect(await snapshot()).toEqual(before);

    const declined = await json<FeedbackRequestView>(
      await send(app, path, { cookie: t.cookies.peer, method: "POST" }),
      200,
    );
    expect(declined.status).toBe("declined");
    expect(await eventsFor(request.id, "feedback.request_declined")).toHaveLength(1);
    expect((await notificationsOf(t.employee.id)).map((n) => n.kind)).toEqual([
      "feedback.request_declined",
    ]);
    const after = await snapshot();
    expect((await send(app, path, { cookie: t.cookies.peer, method: "POST" })).status).toBe(409);
    const late = await give(t.cookies.peer, {
      recipientId: t.employee.id,
      kind: "recognition",
      visibility: "shared",
      requestId: request.id,
      ...sbi,
    });
    expect(late.status).toBe(409);
    expect(await errorCode(late)).toBe("feedback_request.conflict");
    expect(await snapshot()).toEqual(after);
    expect(
      (
        await send(app, "/api/v1/feedback/requests/nope/decline", {
          cookie: t.cookies.peer,
          method: "POST",
        })
      ).status,
    ).toBe(400);
  });

  it("refuses an answer to a request asked of someone else, about someone else, or for HR alone", async () => {
    const t = await freshTeam();
    const request = await makeFeedbackRequest(deps, { requester: t.employee, asked: t.peer });
    const before = await snapshot();
    const answer = (cookie: string, change: Record<string, unknown>) =>
      give(cookie, {
        recipientId: t.employee.id,
        kind: "recognition",
        visibility: "shared",
        requestId: request.id,
        ...sbi,
        ...change,
      });
    expect((await answer(t.cookies.manager, {})).status).toBe(404);
    expect((await answer(t.cookies.peer, { recipientId: t.manager.id })).status).toBe(400);
    expect((await answer(t.cookies.peer, { visibility: "hr" })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the thread under feedback", () => {
  it("the recipient replies, the giver answers, and each side is told", async () => {
    const t = await freshTeam();
    const fb = await makeFeedback(deps, { giver: t.manager, recipient: t.employee });
    const path = `/api/v1/feedback/${fb.id}/replies`;
    const first = await json<FeedbackDetail>(
      await send(app, path, { cookie: t.cookies.employee, body: { body: "Thanks, that helps." } }),
      201,
    );
    expect(first.replies).toEqual([
      expect.objectContaining({
        author: { id: t.employee.id, name: t.employee.name },
        body: "Thanks, that helps.",
      }),
    ]);
    expect((await notificationsOf(t.manager.id)).map((n) => n.kind)).toEqual(["feedback.replied"]);
    deps.advance(1000);
    const second = await json<FeedbackDetail>(
      await send(app, path, { cookie: t.cookies.manager, body: { body: "Glad to hear it." } }),
      201,
    );
    expect(second.replies.map((r) => r.body)).toEqual(["Thanks, that helps.", "Glad to hear it."]);
    expect(second.replyCount).toBe(2);
    expect((await notificationsOf(t.employee.id)).map((n) => n.kind)).toEqual(["feedback.replied"]);
    const events = await eventsFor(fb.id, "feedback.replied");
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain("Thanks");
    deps.setNow(new Date("2026-03-02T09:00:00.000Z"));
  });

  it("lets the giver answer only a reply, and nobody outside the pair post at all", async () => {
    const t = await freshTeam();
    const fb = await makeFeedback(deps, { giver: t.peer, recipient: t.employee });
    const draft = await makeFeedback(deps, {
      giver: t.peer,
      recipient: t.employee,
      visibility: "draft",
    });
    const hrOnly = await makeFeedback(deps, {
      giver: t.peer,
      recipient: t.employee,
      visibility: "hr",
    });
    const before = await snapshot();
    const reply = (id: string, cookie: string, body = "A reply") =>
      send(app, `/api/v1/feedback/${id}/replies`, { cookie, body: { body } });
    const first = await reply(fb.id, t.cookies.peer);
    expect(first.status).toBe(409);
    expect(await errorCode(first)).toBe("feedback.reply_first.conflict");
    for (const role of ["manager", "skip", "hrIn", "hrOut", "admin", "outsider"] as const)
      expect((await reply(fb.id, t.cookies[role])).status, role).toBe(404);
    expect((await reply(draft.id, t.cookies.peer)).status).toBe(409);
    expect((await reply(draft.id, t.cookies.employee)).status).toBe(404);
    expect((await reply(hrOnly.id, t.cookies.hrIn)).status).toBe(403);
    expect((await reply(hrOnly.id, t.cookies.employee)).status).toBe(404);
    expect((await reply(fb.id, t.cookies.employee, "   ")).status).toBe(400);
    expect((await reply(fb.id, t.cookies.employee, "x".repeat(5001))).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("lists of feedback", () => {
  it("show each person what they may see about someone, and nothing else", async () => {
    const t = await freshTeam();
    const fromManager = await makeFeedback(deps, { giver: t.manager, recipient: t.employee });
    const fromPeer = await makeFeedback(deps, {
      giver: t.peer,
      recipient: t.employee,
      kind: "recognition",
    });
    const peerDraft = await makeFeedback(deps, {
      giver: t.peer,
      recipient: t.employee,
      visibility: "draft",
    });
    const peerHr = await makeFeedback(deps, {
      giver: t.peer,
      recipient: t.employee,
      visibility: "hr",
    });
    const managerDraft = await makeFeedback(deps, {
      giver: t.manager,
      recipient: t.employee,
      visibility: "draft",
    });
    const toPeer = await makeFeedback(deps, { giver: t.employee, recipient: t.peer });
    const about = async (role: keyof CoachingTeam["cookies"], person = t.employee.id) =>
      (
        await json<{ person: { id: string }; items: FeedbackItem[] }>(
          await send(app, `/api/v1/feedback?about=${person}`, { cookie: t.cookies[role] }),
          200,
        )
      ).items
        .map((i) => i.id)
        .sort();
    const sorted = (...ids: string[]) => ids.sort();
    expect(await about("employee")).toEqual(sorted(fromManager.id, fromPeer.id));
    expect(await about("peer")).toEqual(sorted(fromPeer.id, peerDraft.id, peerHr.id));
    expect(await about("manager")).toEqual(sorted(fromManager.id, managerDraft.id));
    expect(await about("hrIn")).toEqual([peerHr.id]);
    for (const role of ["skip", "hrOut", "admin", "ld", "outsider"] as const)
      expect(await about(role), role).toEqual([]);
    // Without `about`, a person sees what was shared with them.
    const own = await json<{ items: FeedbackItem[] }>(
      await send(app, "/api/v1/feedback", { cookie: t.cookies.peer }),
      200,
    );
    expect(own.items.map((i) => i.id)).toEqual([toPeer.id]);
    const given = await json<{ items: FeedbackItem[] }>(
      await send(app, "/api/v1/feedback/given", { cookie: t.cookies.peer }),
      200,
    );
    expect(given.items.map((i) => i.id).sort()).toEqual(
      sorted(fromPeer.id, peerDraft.id, peerHr.id),
    );
    expect(
      (await send(app, "/api/v1/feedback?about=someone", { cookie: t.cookies.peer })).status,
    ).toBe(400);
    expect(
      (
        await send(app, "/api/v1/feedback?about=00000000-0000-4000-8000-000000000000", {
          cookie: t.cookies.peer,
        })
      ).status,
    ).toBe(404);
  });
});

describe("feedback as prior notice for the plan review", () => {
  it("lists the dates of feedback shared with the employee, from the givers asked for, since a date", async () => {
    const t = await freshTeam();
    deps.setNow(new Date("2026-01-10T15:00:00.000Z"));
    await makeFeedback(deps, { giver: t.manager, recipient: t.employee });
    deps.setNow(new Date("2026-02-03T08:00:00.000Z"));
    await makeFeedback(deps, { giver: t.manager, recipient: t.employee });
    await makeFeedback(deps, { giver: t.manager, recipient: t.employee, kind: "recognition" });
    await makeFeedback(deps, { giver: t.manager, recipient: t.employee, visibility: "draft" });
    await makeFeedback(deps, { giver: t.manager, recipient: t.employee, visibility: "hr" });
    await makeFeedback(deps, { giver: t.peer, recipient: t.employee });
    await makeFeedback(deps, { giver: t.manager, recipient: t.peer });
    deps.setNow(new Date("2026-03-02T09:00:00.000Z"));

    const fromManager = await findSharedFeedback(db, {
      recipientId: t.employee.id,
      giverIds: [t.manager.id],
      since: "2026-01-15",
    });
    expect([...fromManager].sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { date: "2026-02-03", kind: "constructive", sharedWithEmployee: true },
      { date: "2026-02-03", kind: "recognition", sharedWithEmployee: true },
    ]);
    const fromAnyone = await findSharedFeedback(db, {
      recipientId: t.employee.id,
      since: "2026-01-01",
    });
    expect(fromAnyone.map((f) => f.date)).toEqual([
      "2026-01-10",
      "2026-02-03",
      "2026-02-03",
      "2026-02-03",
    ]);
    expect(
      await findSharedFeedback(db, {
        recipientId: t.employee.id,
        giverIds: [],
        since: "2026-01-01",
      }),
    ).toEqual([]);
  });
});

it("records an audit event for every feedback write", async () => {
  const writes = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(sql`${auditEvents.action} LIKE 'feedback.%' AND ${auditEvents.actorId} IS NOT NULL`);
  const actions = new Set(writes.map((w) => w.action));
  for (const action of [
    "feedback.given",
    "feedback.draft_updated",
    "feedback.shared",
    "feedback.draft_deleted",
    "feedback.replied",
    "feedback.requested",
    "feedback.request_declined",
  ])
    expect(actions, action).toContain(action);
  const [replies] = await db.select({ n: sql<number>`count(*)::int` }).from(feedbackReplies);
  const replyEvents = writes.filter((w) => w.action === "feedback.replied").length;
  expect(replyEvents).toBe(replies!.n);
});
