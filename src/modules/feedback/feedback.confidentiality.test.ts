import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeCoachingTeam } from "../../../test/factories-feedback.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { mailMessages } from "../mail/mail.table.js";
import { notifications } from "../notify/notify.table.js";
import { people } from "../org/org.table.js";
import { auditEvents } from "../record/record.table.js";
import type { FeedbackDetail, FeedbackRequestView } from "./feedback.service.js";
import { feedback } from "./feedback.table.js";

// Drafts are their author's alone; feedback shared with HR reaches HR in scope and never its
// recipient. Every feedback endpoint is walked as every role, and every answer, notification,
// email and audit summary is searched for the confidential words and ids.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const t = await makeCoachingTeam(deps, app);
type Role = keyof typeof t.cookies;
const roles = Object.keys(t.cookies) as Role[];

const DRAFT_WORDS = "zebra-crossing-draft";
const HR_WORDS = "okapi-confidential-hr";

async function created<T>(res: Response): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return JSON.parse(text) as T;
}

// The peer keeps a draft about the employee; the manager tells HR something about the employee;
// the draft also answers the employee's request to the peer. One ordinary shared feedback with
// a thread sits beside them.
const request = await created<FeedbackRequestView>(
  await send(app, "/api/v1/feedback/requests", {
    cookie: t.cookies.employee,
    body: { askedId: t.peer.id, prompt: "How was my on-call week?" },
  }),
);
const draft = await created<FeedbackDetail>(
  await send(app, "/api/v1/feedback", {
    cookie: t.cookies.peer,
    body: {
      recipientId: t.employee.id,
      kind: "constructive",
      visibility: "draft",
      requestId: request.id,
      situation: `During on-call ${DRAFT_WORDS}`,
      behaviour: `you silenced the pager ${DRAFT_WORDS}`,
      impact: `two alerts waited ${DRAFT_WORDS}`,
    },
  }),
);
const hrOnly = await created<FeedbackDetail>(
  await send(app, "/api/v1/feedback", {
    cookie: t.cookies.manager,
    body: {
      recipientId: t.employee.id,
      kind: "constructive",
      visibility: "hr",
      situation: `At the offsite ${HR_WORDS}`,
      behaviour: `a remark about a colleague ${HR_WORDS}`,
      impact: `the colleague left the room ${HR_WORDS}`,
    },
  }),
);
const shared = await created<FeedbackDetail>(
  await send(app, "/api/v1/feedback", {
    cookie: t.cookies.manager,
    body: {
      recipientId: t.employee.id,
      kind: "recognition",
      visibility: "shared",
      behaviour: "you wrote the incident summary the same day",
    },
  }),
);
await created(
  await send(app, `/api/v1/feedback/${shared.id}/replies`, {
    cookie: t.cookies.employee,
    body: { body: "Thank you." },
  }),
);

/** Who may ever read each confidential text. */
const mayRead = {
  draft: new Set<Role>(["peer"]),
  hr: new Set<Role>(["manager", "hrIn"]),
};

type Call = { name: string; method: string; path: string; body?: unknown };

const reads: Call[] = [
  { name: "own feedback", method: "GET", path: "/api/v1/feedback" },
  { name: "about the employee", method: "GET", path: `/api/v1/feedback?about=${t.employee.id}` },
  { name: "about the peer", method: "GET", path: `/api/v1/feedback?about=${t.peer.id}` },
  { name: "given", method: "GET", path: "/api/v1/feedback/given" },
  { name: "requests", method: "GET", path: "/api/v1/feedback/requests" },
  { name: "the draft", method: "GET", path: `/api/v1/feedback/${draft.id}` },
  { name: "the HR feedback", method: "GET", path: `/api/v1/feedback/${hrOnly.id}` },
  { name: "the shared feedback", method: "GET", path: `/api/v1/feedback/${shared.id}` },
  { name: "notifications", method: "GET", path: "/api/v1/notifications?limit=200" },
  { name: "outbox", method: "GET", path: "/api/v1/mail/outbox" },
  { name: "audit", method: "GET", path: "/api/v1/audit?limit=200" },
];

/** Writes that must all be refused for anyone but the author; run before the author's own. */
const writes = (id: string): Call[] => [
  { name: "edit", method: "PATCH", path: `/api/v1/feedback/${id}`, body: { behaviour: "changed" } },
  {
    name: "share",
    method: "PATCH",
    path: `/api/v1/feedback/${id}`,
    body: { visibility: "shared" },
  },
  { name: "discard", method: "DELETE", path: `/api/v1/feedback/${id}` },
  {
    name: "reply",
    method: "POST",
    path: `/api/v1/feedback/${id}/replies`,
    body: { body: "Replying" },
  },
];

const read = (name: string) => reads.find((r) => r.name === name)!;

async function call(role: Role, c: Call) {
  const res = await send(app, c.path, { cookie: t.cookies[role], method: c.method, body: c.body });
  return { status: res.status, text: await res.text() };
}

describe("a walk of every feedback endpoint as every role", () => {
  it("shows a draft's words and id to its author alone, and HR-only words to the giver and HR in scope", async () => {
    for (const role of roles)
      for (const c of reads) {
        const { status, text } = await call(role, c);
        expect(status, `${role} ${c.name}`).toBeLessThan(500);
        const where = `${role} → ${c.name}`;
        if (!mayRead.draft.has(role)) {
          expect(text, where).not.toContain(DRAFT_WORDS);
          // The audit trail records that a write happened (by id) for admins and HR; nothing else.
          if (c.name !== "audit") expect(text, where).not.toContain(draft.id);
        }
        if (!mayRead.hr.has(role)) {
          expect(text, where).not.toContain(HR_WORDS);
          // Admins' outbox holds HR's email, whose link names the feedback but not whom it is about.
          if (c.name !== "audit" && c.name !== "outbox")
            expect(text, where).not.toContain(hrOnly.id);
        }
      }
  });

  it("answers the confidential feedback's direct addresses with 404 for everyone who may not read it", async () => {
    for (const role of roles) {
      expect((await call(role, read("the draft"))).status, `${role} draft`).toBe(
        mayRead.draft.has(role) ? 200 : 404,
      );
      expect((await call(role, read("the HR feedback"))).status, `${role} hr`).toBe(
        mayRead.hr.has(role) ? 200 : 404,
      );
    }
  });

  it("refuses every write on the draft and the HR feedback by anyone but the draft's author, and changes nothing", async () => {
    const rows = () =>
      db
        .select()
        .from(feedback)
        .where(inArray(feedback.id, [draft.id, hrOnly.id]))
        .orderBy(feedback.id);
    const count = async () =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;
    const before = { rows: await rows(), events: await count() };
    for (const role of roles) {
      // The author's own edits of a draft are the API tests' subject.
      if (role !== "peer")
        for (const c of writes(draft.id)) {
          const { status, text } = await call(role, c);
          expect(status, `${role} ${c.name} draft`).toBe(404);
          expect(text).not.toContain(DRAFT_WORDS);
        }
      for (const c of writes(hrOnly.id)) {
        const { status, text } = await call(role, c);
        const where = `${role} ${c.name} hr`;
        // Sent feedback cannot change, even for its giver; HR reads it but does not write it.
        if (role === "manager") expect(status, where).toBe(409);
        else if (role === "hrIn") expect(status, where).toBe(403);
        else expect(status, where).toBe(404);
        if (!mayRead.hr.has(role)) expect(text).not.toContain(HR_WORDS);
      }
    }
    expect({ rows: await rows(), events: await count() }).toEqual(before);
  });

  it("never puts the confidential words, or a sign of the draft, in a notification, an email or audit data", async () => {
    const told = await db.select().from(notifications);
    const mail = await db.select().from(mailMessages);
    for (const text of [JSON.stringify(told), JSON.stringify(mail)]) {
      expect(text).not.toContain(DRAFT_WORDS);
      expect(text).not.toContain(HR_WORDS);
      expect(text).not.toContain(draft.id);
    }
    // Only HR in scope hears of the HR feedback, by a link that says nothing of whom it is about;
    // no one else's notice or email points at it.
    const hrIn = told.filter((n) => n.kind === "feedback.to_hr");
    expect(hrIn.map((n) => [n.personId, n.subjectId])).toEqual([[t.hrIn.id, hrOnly.id]]);
    expect(hrIn[0]!.title).toBe("Feedback was shared with HR");
    const hrInEmail = (await db.select().from(people).where(eq(people.id, t.hrIn.id)))[0]!.email;
    const others = {
      told: told.filter((n) => n.personId !== t.hrIn.id),
      mail: mail.filter((m) => m.to !== hrInEmail),
    };
    expect(JSON.stringify(others)).not.toContain(hrOnly.id);
    const hrMail = mail.filter((m) => JSON.stringify(m).includes(hrOnly.id));
    expect(hrMail.map((m) => m.to)).toEqual([hrInEmail]);
    expect(JSON.stringify([hrIn, hrMail])).not.toContain(t.employee.name);
    // The employee heard of the shared feedback and nothing more.
    const employeeTold = told.filter((n) => n.personId === t.employee.id).map((n) => n.kind);
    expect(employeeTold).toEqual(["feedback.received"]);
    const data = await db.select({ data: auditEvents.data }).from(auditEvents);
    const all = JSON.stringify(data);
    expect(all).not.toContain(DRAFT_WORDS);
    expect(all).not.toContain(HR_WORDS);
    const confidential = await db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(inArray(auditEvents.subjectId, [draft.id, hrOnly.id]));
    expect(confidential.length).toBeGreaterThan(0);
    for (const e of confidential) expect(JSON.stringify(e.data)).not.toContain(t.employee.id);
  });

  it("lets the request the draft answers stay open, so the employee learns nothing of the draft", async () => {
    const outgoing = (
      JSON.parse((await call("employee", read("requests"))).text) as {
        outgoing: FeedbackRequestView[];
      }
    ).outgoing;
    expect(outgoing).toEqual([expect.objectContaining({ id: request.id, status: "open" })]);
    const [row] = await db.select().from(feedback).where(eq(feedback.id, draft.id));
    expect(row!.visibility).toBe("draft");
  });
});
