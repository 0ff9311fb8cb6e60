import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie } from "../../../test/factories.js";
import { makeConcernTeam } from "../../../test/factories-concerns.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { mailMessages } from "../mail/mail.table.js";
import { notifications } from "../notify/notify.table.js";
import { auditEvents } from "../record/record.table.js";
import { protectedActivities } from "../review/review.table.js";
import type { ConcernDetail, ConcernSummary, ReadersPreview } from "./concerns.service.js";
import { concernMessages, concerns } from "./concerns.table.js";

// The confidential channel, through the API, as every role around one employee. The concern is
// about a second HR partner; the employee's manager sits under an organisation-wide HR director.
// Only the employee and the one HR partner in scope who is neither about it nor above the
// employee may ever read it, or learn from a notification, an email or the audit trail that it
// exists.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const t = await makeConcernTeam(deps, app);
type Role = keyof typeof t.cookies;

const SUBJECT = "quokka-subject about my manager";
const FIRST = "quokka-first-message: the remarks in the team meeting";
const HR_REPLY = "quokka-hr-reply: thank you, let us talk on Thursday";
const EMPLOYEE_REPLY = "quokka-employee-reply: Thursday works";
/** Text that must never appear outside the thread. */
const SECRETS = [SUBJECT, FIRST, HR_REPLY, EMPLOYEE_REPLY, "quokka"];

const HOUR = 60 * 60 * 1000;

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const get = (role: Role, path: string) => send(app, path, { cookie: t.cookies[role] });
const post = (role: Role, path: string, body: unknown = {}) =>
  send(app, path, { cookie: t.cookies[role], body });

async function tableCounts() {
  const [c] = await db.select({ n: count() }).from(concerns);
  const [m] = await db.select({ n: count() }).from(concernMessages);
  const [a] = await db.select({ n: count() }).from(auditEvents);
  const [p] = await db.select({ n: count() }).from(protectedActivities);
  const [n] = await db.select({ n: count() }).from(notifications);
  const [e] = await db.select({ n: count() }).from(mailMessages);
  return { concerns: c!.n, messages: m!.n, audit: a!.n, activities: p!.n, notes: n!.n, mail: e!.n };
}

/** What the manager's own pages say: read before and after a report raises a concern. */
async function managerView() {
  const paths = [
    "/api/v1/me",
    "/api/v1/team",
    "/api/v1/team/coaching",
    `/api/v1/people/${t.employee.id}`,
    "/api/v1/notifications",
    "/api/v1/concerns",
  ];
  return Promise.all(paths.map(async (p) => [p, await (await get("manager", p)).text()]));
}
const managerBefore = await managerView();

let concern: ConcernDetail;

describe("before sending: who will read it", () => {
  it("the employee is shown the HR partners in scope, never HR above them in their reporting line", async () => {
    const preview = await json<ReadersPreview>(
      await get("employee", "/api/v1/concerns/readers"),
      200,
    );
    expect(preview.readers.map((r) => r.name).sort()).toEqual([t.hrAbout.name, t.hrIn.name].sort());
    expect(preview.message).toBeNull();
  });

  it("naming an HR partner as the person it is about takes them off the list", async () => {
    const preview = await json<ReadersPreview>(
      await get("employee", `/api/v1/concerns/readers?aboutPersonId=${t.hrAbout.id}`),
      200,
    );
    expect(preview.readers.map((r) => r.id)).toEqual([t.hrIn.id]);
  });
});

describe("raising a concern", () => {
  it("validation errors change nothing: no concern, no message, no event, no notification", async () => {
    const before = await tableCounts();
    // A plan in another department (its HR partner does not cover the employee).
    const plan = await makePlan(deps, {
      department: "Sales",
      plan: { status: "issued", issuedVersion: 1 },
    });
    const after = await tableCounts();
    const bad: [string, unknown][] = [
      ["no subject", { topic: "manager", subject: " ", message: FIRST }],
      ["no message", { topic: "manager", subject: SUBJECT, message: "" }],
      ["an unknown topic", { topic: "salary", subject: SUBJECT, message: FIRST }],
      ["a subject too long", { topic: "other", subject: "x".repeat(201), message: FIRST }],
      ["a message too long", { topic: "other", subject: SUBJECT, message: "x".repeat(10_001) }],
      [
        "about oneself",
        { topic: "other", subject: SUBJECT, message: FIRST, aboutPersonId: t.employee.id },
      ],
      [
        "about nobody known",
        { topic: "other", subject: SUBJECT, message: FIRST, aboutPersonId: crypto.randomUUID() },
      ],
      [
        "someone else's plan",
        { topic: "plan", subject: SUBJECT, message: FIRST, planId: plan.plan.id },
      ],
      ["not an id", { topic: "other", subject: SUBJECT, message: FIRST, aboutPersonId: "x" }],
    ];
    for (const [why, body] of bad) {
      const res = await post("employee", "/api/v1/concerns", body);
      expect(res.status, why).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, why).toBe(
        "validation.failed",
      );
    }
    expect(await tableCounts()).toEqual(after);
    expect(after.concerns).toBe(before.concerns);
  });

  it("the employee raises a concern about an HR partner and sees who can read it", async () => {
    concern = await json<ConcernDetail>(
      await post("employee", "/api/v1/concerns", {
        topic: "colleague",
        subject: SUBJECT,
        message: FIRST,
        aboutPersonId: t.hrAbout.id,
      }),
      201,
    );
    expect(concern).toMatchObject({
      viewer: "employee",
      status: "open",
      topic: "colleague",
      subject: SUBJECT,
      about: { id: t.hrAbout.id },
      readers: [{ id: t.hrIn.id, name: t.hrIn.name }],
      abilities: { reply: true, close: true, reopen: false, recordProtectedActivity: false },
    });
    expect(concern.messages.map((m) => m.body)).toEqual([FIRST]);
  });

  it("the subject and the message are encrypted in the database", async () => {
    const [row] = await db.select().from(concerns).where(eq(concerns.id, concern.id));
    const messages = await db
      .select()
      .from(concernMessages)
      .where(eq(concernMessages.concernId, concern.id));
    expect(row!.subject).not.toContain("quokka");
    expect(messages.map((m) => m.body).join(" ")).not.toContain("quokka");
  });
});

describe("who reads it", () => {
  const outsiders: Role[] = ["manager", "hrAbout", "hrOut", "hrDirector", "admin", "peer"];

  it("the employee and the HR partner in scope read the thread", async () => {
    for (const role of ["employee", "hrIn"] as const) {
      const d = await json<ConcernDetail>(await get(role, `/api/v1/concerns/${concern.id}`), 200);
      expect(d.messages.map((m) => m.body)).toEqual([FIRST]);
    }
  });

  it.each(outsiders)(
    "%s gets 404 from every concern endpoint, and nothing changes",
    async (role) => {
      const before = await tableCounts();
      const base = `/api/v1/concerns/${concern.id}`;
      const calls: [string, () => Response | Promise<Response>][] = [
        ["read", () => get(role, base)],
        ["reply", () => post(role, `${base}/messages`, { body: "let me see" })],
        ["close", () => post(role, `${base}/close`)],
        ["reopen", () => post(role, `${base}/reopen`)],
        [
          "record",
          () =>
            post(role, `${base}/protected-activities`, {
              kind: "complaint",
              occurredOn: "2026-03-01",
              note: "",
            }),
        ],
      ];
      for (const [what, call] of calls) {
        const res = await call();
        const text = await res.text();
        expect(res.status, `${what}: ${text}`).toBe(404);
        for (const s of SECRETS) expect(text).not.toContain(s);
      }
      expect(await tableCounts()).toEqual(before);
    },
  );

  it("only the HR partner in scope finds it in an inbox; managers, admins and peers have no inbox", async () => {
    const inbox = await json<{ items: ConcernSummary[] }>(
      await get("hrIn", "/api/v1/concerns/inbox"),
      200,
    );
    expect(inbox.items.map((i) => i.id)).toEqual([concern.id]);
    for (const role of ["hrAbout", "hrOut", "hrDirector"] as const) {
      const other = await json<{ items: ConcernSummary[] }>(
        await get(role, "/api/v1/concerns/inbox"),
        200,
      );
      expect(other.items, role).toEqual([]);
    }
    for (const role of ["manager", "admin", "peer"] as const)
      expect((await get(role, "/api/v1/concerns/inbox")).status, role).toBe(404);
    for (const role of outsiders) {
      const mine = await json<{ items: ConcernSummary[] }>(
        await get(role, "/api/v1/concerns"),
        200,
      );
      expect(mine.items, role).toEqual([]);
    }
  });

  it("the manager's pages read the same after a report raised a concern: no count, no notification", async () => {
    expect(await managerView()).toEqual(managerBefore);
  });
});

describe("the conversation", () => {
  it("HR answers; the employee sees one new reply, and reading it clears the marker", async () => {
    deps.advance(60_000);
    await json(
      await post("hrIn", `/api/v1/concerns/${concern.id}/messages`, { body: HR_REPLY }),
      201,
    );
    deps.advance(60_000);
    const mine = await json<{ items: ConcernSummary[] }>(
      await get("employee", "/api/v1/concerns"),
      200,
    );
    expect(mine.items).toMatchObject([{ id: concern.id, unread: 1, status: "open" }]);
    const d = await json<ConcernDetail>(
      await get("employee", `/api/v1/concerns/${concern.id}`),
      200,
    );
    expect(d.messages.map((m) => [m.body, m.fromHr, m.isNew])).toEqual([
      [FIRST, false, false],
      [HR_REPLY, true, true],
    ]);
    const again = await json<{ items: ConcernSummary[] }>(
      await get("employee", "/api/v1/concerns"),
      200,
    );
    expect(again.items[0]!.unread).toBe(0);
  });

  it("the employee's answer shows as unread in HR's inbox", async () => {
    deps.advance(60_000);
    await json(
      await post("employee", `/api/v1/concerns/${concern.id}/messages`, { body: EMPLOYEE_REPLY }),
      201,
    );
    const inbox = await json<{ items: ConcernSummary[]; unread: number }>(
      await get("hrIn", "/api/v1/concerns/inbox?status=open"),
      200,
    );
    expect(inbox.items).toMatchObject([{ id: concern.id, unread: 1 }]);
    expect(inbox.unread).toBe(1);
  });

  it("a closed concern takes no reply until it is reopened, and the inbox filters by status", async () => {
    deps.advance(60_000);
    const closed = await json<ConcernDetail>(
      await post("hrIn", `/api/v1/concerns/${concern.id}/close`),
      200,
    );
    expect(closed).toMatchObject({ status: "closed", closedBy: { id: t.hrIn.id } });
    const refused = await post("employee", `/api/v1/concerns/${concern.id}/messages`, {
      body: "one more thing",
    });
    expect(refused.status).toBe(409);
    expect(
      (
        await json<{ items: unknown[] }>(
          await get("hrIn", "/api/v1/concerns/inbox?status=open"),
          200,
        )
      ).items,
    ).toEqual([]);
    expect(
      (
        await json<{ items: unknown[] }>(
          await get("hrIn", "/api/v1/concerns/inbox?status=closed"),
          200,
        )
      ).items,
    ).toHaveLength(1);
    expect((await post("employee", `/api/v1/concerns/${concern.id}/close`)).status).toBe(409);
    const reopened = await json<ConcernDetail>(
      await post("employee", `/api/v1/concerns/${concern.id}/reopen`),
      200,
    );
    expect(reopened).toMatchObject({ status: "open", closedBy: null, abilities: { reply: true } });
  });
});

describe("protected activities from a concern", () => {
  it("the employee cannot record one; HR in scope records a complaint, linked to the concern", async () => {
    const refused = await post("employee", `/api/v1/concerns/${concern.id}/protected-activities`, {
      kind: "complaint",
      occurredOn: "2026-03-01",
    });
    expect(refused.status).toBe(403);
    const future = await post("hrIn", `/api/v1/concerns/${concern.id}/protected-activities`, {
      kind: "complaint",
      occurredOn: "2027-01-01",
    });
    expect(future.status).toBe(400);
    await json(
      await post("hrIn", `/api/v1/concerns/${concern.id}/protected-activities`, {
        kind: "complaint",
        occurredOn: "2026-03-01",
        note: "From the confidential concern",
      }),
      201,
    );
    const rows = await db
      .select()
      .from(protectedActivities)
      .where(eq(protectedActivities.personId, t.employee.id));
    expect(rows.map((r) => r.concernId)).toEqual([concern.id]);
    expect(rows[0]!.kind).not.toBe("complaint");
    const d = await json<ConcernDetail>(await get("hrIn", `/api/v1/concerns/${concern.id}`), 200);
    expect(d.protectedActivities).toMatchObject([{ kind: "complaint", occurredOn: "2026-03-01" }]);
  });

  it("it shows on the employee's page for HR in scope, but not for the HR partner it is about", async () => {
    const seen = await json<{ items: { kind: string }[] }>(
      await get("hrIn", `/api/v1/people/${t.employee.id}/protected-activities`),
      200,
    );
    expect(seen.items.map((i) => i.kind)).toEqual(["complaint"]);
    const hidden = await json<{ items: unknown[] }>(
      await get("hrAbout", `/api/v1/people/${t.employee.id}/protected-activities`),
      200,
    );
    expect(hidden.items).toEqual([]);
  });

  it("the plan review's retaliation rule reads it", async () => {
    const { plan } = await makePlan(deps, {
      employee: t.employee,
      manager: t.manager,
      hr: t.hrIn,
      plan: { status: "in_review" },
    });
    const review = await json<{ findings: { code: string }[] }>(
      await get("hrIn", `/api/v1/plans/${plan.id}/review`),
      200,
    );
    expect(review.findings.map((f) => f.code)).toContain("plan.retaliation_risk");
  });
});

describe("what leaves the thread", () => {
  it("only HR in scope and the employee were notified, with no subject, name or text", async () => {
    const rows = await db
      .select()
      .from(notifications)
      .where(sql`${notifications.kind} LIKE 'concern.%'`);
    expect(new Set(rows.map((r) => r.personId))).toEqual(new Set([t.hrIn.id, t.employee.id]));
    const names = [t.employee.name, t.manager.name, t.hrAbout.name, t.hrIn.name];
    for (const r of rows) {
      const text = `${r.title} ${r.body}`;
      for (const s of [...SECRETS, ...names]) expect(text).not.toContain(s);
      expect(r.link).toBe(`/concerns/${concern.id}`);
    }
  });

  it("emails carry no confidential text; the employee's does not even say it is about a concern", async () => {
    const mail = await db.select().from(mailMessages);
    const toHr = mail.filter((m) => m.to === t.hrIn.email);
    const toEmployee = mail.filter((m) => m.to === t.employee.email);
    expect(toHr.length).toBeGreaterThanOrEqual(2);
    expect(toEmployee).toHaveLength(1);
    expect(toEmployee[0]!.subject).toBe("You have a new message in Headway");
    expect(`${toEmployee[0]!.subject} ${toEmployee[0]!.text}`.toLowerCase()).not.toContain(
      "concern",
    );
    // Each email greets its recipient; no other name, and nothing of the thread.
    const everyone = [t.employee, t.manager, t.hrAbout, t.hrIn, t.hrDirector];
    for (const m of mail) {
      const text = `${m.subject} ${m.text}`;
      const others = everyone.filter((p) => p.email !== m.to).map((p) => p.name);
      for (const s of [...SECRETS, ...others]) expect(text).not.toContain(s);
    }
    for (const role of ["manager", "hrAbout", "hrOut", "hrDirector", "admin", "peer"] as const)
      expect(
        mail.filter((m) => m.to === t[role].email),
        role,
      ).toEqual([]);
  });

  it("audit events about the concern name no person, topic or text; the employee's own steps name no actor", async () => {
    const events = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, concern.id));
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set([
        "concern.raised",
        "concern.viewed",
        "concern.read",
        "concern.replied",
        "concern.closed",
        "concern.reopened",
      ]),
    );
    for (const e of events) {
      expect(e.subjectType).toBe("hr_record");
      expect(e.data).toEqual({});
      expect([null, t.hrIn.id]).toContain(e.actorId);
    }
    const all = JSON.stringify(await db.select().from(auditEvents));
    for (const s of SECRETS) expect(all).not.toContain(s);
    expect(events.filter((e) => e.action === "concern.raised")[0]!.actorId).toBeNull();
  });

  it("the audit browser lists nothing about the concern under the employee's, the manager's or the subject's name", async () => {
    for (const viewer of ["admin", "hrDirector"] as const)
      for (const person of [t.employee, t.manager, t.hrAbout]) {
        for (const filter of ["actorId", "subjectId"]) {
          const page = await json<{ items: { subjectType: string; action: string }[] }>(
            await get(viewer, `/api/v1/audit?limit=200&${filter}=${person.id}`),
            200,
          );
          expect(
            page.items.filter(
              (e) => e.subjectType === "hr_record" || e.action.startsWith("concern."),
            ),
            `${viewer} ${filter}=${person.name}`,
          ).toEqual([]);
        }
      }
  });

  it("a read is logged as a view at most once per reader per thread per hour", async () => {
    const views = async () =>
      (await db.select().from(auditEvents).where(eq(auditEvents.subjectId, concern.id))).filter(
        (e) => e.action === "concern.viewed" && e.actorId === t.hrIn.id,
      ).length;
    // Sessions end after 30 idle minutes: HR signs in again after each wait.
    const read = async () => {
      const cookie = await signInCookie(app, t.hrIn.email, t.hrIn.password);
      await json(await send(app, `/api/v1/concerns/${concern.id}`, { cookie }), 200);
      await json(await send(app, `/api/v1/concerns/${concern.id}`, { cookie }), 200);
    };
    deps.advance(2 * HOUR);
    const start = await views();
    await read();
    expect(await views()).toBe(start + 1);
    deps.advance(30 * 60_000);
    await read();
    expect(await views()).toBe(start + 1);
    deps.advance(31 * 60_000);
    await read();
    expect(await views()).toBe(start + 2);
  });
});

describe("when nobody in HR could read it", () => {
  it("the employee is told before sending, and raising is refused with nothing stored", async () => {
    // The department's HR partner is the employee's own manager, and the HR director for the
    // whole organisation is above her.
    const lead = await makeUser(deps, {
      name: "Lena Lead",
      department: "Design",
      roles: ["hr"],
      hrScopeDepartments: ["Design"],
      managerId: t.hrDirector.id,
    });
    const designer = await makeUser(deps, {
      name: "Dan Designer",
      department: "Design",
      managerId: lead.id,
    });
    const cookie = await signInCookie(app, designer.email, designer.password);
    const preview = await json<ReadersPreview>(
      await send(app, "/api/v1/concerns/readers", { cookie }),
      200,
    );
    expect(preview.readers).toEqual([]);
    expect(preview.message).toMatch(/^Nobody in HR can read a concern from you yet/);
    const before = await tableCounts();
    const res = await send(app, "/api/v1/concerns", {
      cookie,
      body: { topic: "manager", subject: SUBJECT, message: FIRST },
    });
    const body = await json<{ error: { code: string; message: string } }>(res, 409);
    expect(body.error.code).toBe("concern.no_reader.conflict");
    expect(body.error.message).toContain("Nothing was sent");
    expect(await tableCounts()).toEqual(before);
  });
});
