import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  actorFor,
  makePlan,
  makeUser,
  type PlanFixture,
  signInCookie,
  type TestUser,
  walkPlanTo,
} from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { notificationsOf } from "../../../test/participation.js";
import { extractPdfText, flatText } from "../../../test/pdf.js";
import { engagementDedupeKey, runEngagementCheck } from "./plans.engagement.service.js";
import { acceptSupport, openThread } from "./plans.participation.service.js";
import { runPlanReminders } from "./plans.reminders.js";
import { transitionPlan } from "./plans.service.js";
import { planEngagementTalks, planGoals, plans } from "./plans.table.js";

// When someone won't engage: the record both sides read, the conversation the manager records,
// HR's list, the daily prompt to talk first, and the summary frozen at close (and in the PDF).

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

let a: PlanFixture; // issued Monday 2 March, never acknowledged
let b: PlanFixture; // the same, without an HR partner: HR in scope is told
let peer: TestUser;
let ld: TestUser;
let hrSales: TestUser;
const cookies: Record<string, string> = {};
const as = (who: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  send(app, path, { ...init, cookie: cookies[who] });

beforeAll(async () => {
  deps.setNow(new Date("2026-03-02T09:00:00.000Z")); // a Monday
  a = await makePlan(deps);
  await walkPlanTo(deps, a.plan.id, "issued");
  b = await makePlan(deps);
  await walkPlanTo(deps, b.plan.id, "issued");
  await db.update(plans).set({ hrPartnerId: null }).where(eq(plans.id, b.plan.id));
  peer = await makeUser(deps, { name: "Pat Peer", managerId: a.manager.id });
  ld = await makeUser(deps, { name: "Lee Learning", roles: ["ld"] });
  hrSales = await makeUser(deps, {
    name: "Hana Sales",
    roles: ["hr"],
    hrScopeDepartments: ["Sales"],
  });
  // Six working days later, still not acknowledged.
  deps.setNow(new Date("2026-03-10T10:00:00.000Z"));
  const people = {
    manager: a.manager,
    employee: a.employee,
    hr: a.hr,
    peer,
    ld,
    hrSales,
  };
  for (const [who, p] of Object.entries(people))
    cookies[who] = await signInCookie(app, p.email, p.password);
});

const engagementOf = (who: string, planId = a.plan.id) =>
  as(who, `/api/v1/plans/${planId}/engagement`);

describe("the record side by side", () => {
  it("shows the signal for a plan issued 6 working days ago and not acknowledged", async () => {
    const res = await engagementOf("manager");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.signals).toEqual([
      expect.objectContaining({
        code: "engagement.not_acknowledged",
        since: "2026-03-09",
        talkedOn: null,
      }),
    ]);
    expect(body.signals[0].detail).toContain("not been acknowledged after 6 working days");
    expect(body.abilities).toEqual({ recordTalk: true });
    expect(body.summary).toBeNull();
  });

  it("lets the employee read the same ledger, without recording anything", async () => {
    const res = await engagementOf("employee");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.abilities).toEqual({ recordTalk: false });
    expect(body.support.resources).toEqual([
      expect.objectContaining({
        kind: "training",
        description: "Payments codebase walkthrough",
        status: "offered",
        offeredOn: "2026-03-02",
      }),
    ]);
    expect(body.engagement.acknowledgements).toEqual([
      { version: 1, issuedOn: "2026-03-02", acknowledgedOn: null, workingDays: 6 },
    ]);
    expect(body.engagement.evidence).toEqual({ total: 2, answered: 0 });
    expect(body.signals.map((s: { code: string }) => s.code)).toEqual([
      "engagement.not_acknowledged",
    ]);
  });

  it("dates support accepted from a request by its acceptance, and counts the request", async () => {
    const thread = await openThread(deps, {
      actor: await actorFor(deps, b.employee.id),
      planId: b.plan.id,
      kind: "support",
      subject: "Pairing",
      body: "Could someone pair with me on the payments service?",
    });
    const [goal] = await db.select().from(planGoals).where(eq(planGoals.planId, b.plan.id));
    await acceptSupport(deps, {
      actor: await actorFor(deps, b.manager.id),
      planId: b.plan.id,
      threadId: thread.id,
      kind: "coaching",
      description: "Weekly pairing with the payments team",
      goalId: goal!.id,
    });
    const cookie = await signInCookie(app, b.manager.email, b.manager.password);
    const body = await (
      await send(app, `/api/v1/plans/${b.plan.id}/engagement`, { cookie })
    ).json();
    expect(body.support.resources).toContainEqual(
      expect.objectContaining({
        description: "Weekly pairing with the payments team",
        requestedByEmployee: true,
        offeredOn: "2026-03-10",
      }),
    );
    expect(body.support.requests.support).toEqual({ asked: 1, answered: 1, accepted: 1 });
    expect(body.engagement.threadsStarted).toEqual({ clarification: 0, support: 1 });
  });

  it("answers 404 to a peer and to L&D, who do not see the plan", async () => {
    for (const who of ["peer", "ld", "hrSales"]) {
      const res = await engagementOf(who);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("plan.not_found");
    }
    expect((await as("manager", "/api/v1/plans/not-a-uuid/engagement")).status).toBe(404);
  });

  it("L&D sees aggregates and the catalogue only: the plan, its PDF and its review are 404, and no list holds it", async () => {
    for (const suffix of ["", "/pdf", "/review", "/participation"]) {
      const res = await as("ld", `/api/v1/plans/${a.plan.id}${suffix}`);
      expect(res.status, suffix).toBe(404);
    }
    for (const scope of ["mine", "team", "review", "all"]) {
      const list = (await (await as("ld", `/api/v1/plans?scope=${scope}`)).json()) as {
        items: { id: string }[];
      };
      expect(list.items.map((i) => i.id)).not.toContain(a.plan.id);
    }
    // The same reads answer the plan's manager, so the 404s above are L&D's alone.
    expect((await as("manager", `/api/v1/plans/${a.plan.id}`)).status).toBe(200);
  });
});

describe("recording the conversation", () => {
  const path = () => `/api/v1/plans/${a.plan.id}/engagement/talks`;
  const talk = {
    heldOn: "2026-03-10",
    summary: "Talked about the plan; they needed time to read it with their partner.",
    signals: ["engagement.not_acknowledged"],
  };

  it("is refused to the employee, and to a peer as if the plan did not exist", async () => {
    const res = await as("employee", path(), { body: talk });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("plan.forbidden");
    expect((await as("peer", path(), { body: talk })).status).toBe(404);
    expect((await as("ld", path(), { body: talk })).status).toBe(404);
    const rows = await db
      .select()
      .from(planEngagementTalks)
      .where(eq(planEngagementTalks.planId, a.plan.id));
    expect(rows).toHaveLength(0);
  });

  it("refuses a date in the future, an empty summary and an unknown signal, saving nothing", async () => {
    for (const [body, field] of [
      [{ ...talk, heldOn: "2026-03-11" }, "heldOn"],
      [{ ...talk, heldOn: "2026-02-27" }, "heldOn"],
      [{ ...talk, summary: "   " }, "summary"],
      [{ ...talk, summary: "x".repeat(2001) }, "summary"],
      [{ ...talk, signals: ["engagement.lazy"] }, "signals.0"],
    ] as const) {
      const res = await as("manager", path(), { body });
      expect(res.status).toBe(400);
      const error = (await res.json()).error;
      expect(error.code).toBe("validation.failed");
      expect(JSON.stringify(error.details)).toContain(field);
    }
    const rows = await db
      .select()
      .from(planEngagementTalks)
      .where(eq(planEngagementTalks.planId, a.plan.id));
    expect(rows).toHaveLength(0);
  });

  it("is recorded by the manager, audited with ids and codes only, and the employee is told", async () => {
    const res = await as("manager", path(), { body: talk });
    expect(res.status).toBe(201);
    const recorded = await res.json();
    expect(recorded).toMatchObject({
      heldOn: "2026-03-10",
      summary: talk.summary,
      signals: [{ code: "engagement.not_acknowledged" }],
      author: { id: a.manager.id },
    });

    const events = await db.execute<{ data: Record<string, unknown> }>(
      sql`SELECT data FROM audit_events WHERE action = 'plan.engagement_talk_recorded' AND subject_id = ${a.plan.id}`,
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]!.data).toEqual({
      talkId: recorded.id,
      signals: ["engagement.not_acknowledged"],
    });
    expect(JSON.stringify(events.rows[0]!.data)).not.toContain("partner");

    const told = (await notificationsOf(deps, a.employee.id)).filter(
      (n) => n.kind === "plan.engagement_talk_recorded",
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/plans/${a.plan.id}`);

    // Both sides read it, and the signal shows it was talked about.
    const body = await (await engagementOf("employee")).json();
    expect(body.talks).toEqual([expect.objectContaining({ id: recorded.id })]);
    expect(body.signals[0].talkedOn).toBe("2026-03-10");
  });
});

describe("HR's list of plans with engagement signals", () => {
  const list = async (who: string) => {
    const res = await as(who, "/api/v1/engagement-signals");
    return { status: res.status, body: await res.json() };
  };

  it("shows the plan to HR in scope, with its signals and since when", async () => {
    const { status, body } = await list("hr");
    expect(status).toBe(200);
    const item = body.items.find((i: { plan: { id: string } }) => i.plan.id === a.plan.id);
    expect(item).toMatchObject({
      employee: { id: a.employee.id },
      manager: { id: a.manager.id },
      since: "2026-03-09",
      signals: [{ code: "engagement.not_acknowledged", talkedOn: "2026-03-10" }],
    });
  });

  it("does not show it to HR for another department, and refuses people outside HR", async () => {
    const { status, body } = await list("hrSales");
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
    expect((await list("manager")).status).toBe(403);
    expect((await list("employee")).status).toBe(403);
    expect((await list("ld")).status).toBe(403);
  });
});

describe("the daily check", () => {
  const engagementNotices = async (personId: string, planId: string) =>
    (await notificationsOf(deps, personId)).filter(
      (n) => n.kind === "plan.engagement_signal" && n.subjectId === planId,
    );

  it("prompts the manager to talk first and tells HR, once per signal, however often it runs", async () => {
    const first = await runPlanReminders(deps);
    expect(first.engagementSignals).toBeGreaterThanOrEqual(2);
    expect((await runEngagementCheck(deps)).raised).toBe(0);
    deps.advance(24 * 3_600_000);
    expect((await runEngagementCheck(deps)).raised).toBe(0);

    const toManager = await engagementNotices(b.manager.id, b.plan.id);
    expect(toManager).toHaveLength(1);
    expect(toManager[0]).toMatchObject({
      title: `Talk with ${b.employee.name} first: the plan has not been acknowledged`,
      dedupeKey: engagementDedupeKey(b.plan.id, "engagement.not_acknowledged"),
      link: `/plans/${b.plan.id}`,
    });
    // Without an HR partner, HR covering the department is told (never HR for another one).
    expect(await engagementNotices(b.hr.id, b.plan.id)).toHaveLength(1);
    expect(await engagementNotices(hrSales.id, b.plan.id)).toHaveLength(0);
    // With one, only the plan's HR partner.
    expect(await engagementNotices(a.hr.id, a.plan.id)).toHaveLength(1);
    expect(await engagementNotices(b.hr.id, a.plan.id)).toHaveLength(0);
    expect(await engagementNotices(a.employee.id, a.plan.id)).toHaveLength(0);

    const events = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'plan.engagement_signal_raised' AND subject_id = ${b.plan.id}`,
    );
    expect(events.rows[0]!.n).toBe(1);
  });
});

describe("closing honestly", () => {
  it("stores the summary at close, shows it on the closed plan and prints it in the PDF", async () => {
    const run = async (personId: string, action: "acknowledge" | "start" | "close") => {
      const [plan] = await db.select().from(plans).where(eq(plans.id, a.plan.id));
      await transitionPlan(deps, {
        actor: await actorFor(deps, personId),
        id: a.plan.id,
        input: {
          action,
          version: plan!.version,
          ...(action === "close"
            ? { outcome: "separation" as const, managerReflection: "Closed after talking." }
            : {}),
        },
      });
    };
    await run(a.employee.id, "acknowledge");
    await run(a.manager.id, "start");
    await run(a.manager.id, "close");

    const [row] = await db
      .select({ summary: plans.engagementSummary })
      .from(plans)
      .where(and(eq(plans.id, a.plan.id)));
    expect(row!.summary).toMatchObject({
      support: { totals: { total: 1, offered: 1 } },
      engagement: { acknowledgements: [{ version: 1, acknowledgedOn: "2026-03-11" }] },
      talks: [{ heldOn: "2026-03-10" }],
    });

    // Signed in again: the clock moved on a day.
    const cookie = await signInCookie(app, a.employee.email, a.employee.password);
    const res = await send(app, `/api/v1/plans/${a.plan.id}/engagement`, { cookie });
    const body = await res.json();
    expect(body.signals).toEqual([]);
    expect(body.abilities).toEqual({ recordTalk: false });
    expect(body.summary.talks).toHaveLength(1);

    const pdf = await send(app, `/api/v1/plans/${a.plan.id}/pdf`, { cookie });
    expect(pdf.status).toBe(200);
    const text = flatText(await extractPdfText(Buffer.from(await pdf.arrayBuffer())));
    expect(text).toContain("Support and engagement");
    expect(text).toContain("Support offered and delivered");
    expect(text).toContain("Version 1: issued 2 Mar 2026");
    expect(text).toContain("they needed time to read it");

    // The record is closed: no more conversations.
    const manager = await signInCookie(app, a.manager.email, a.manager.password);
    const late = await send(app, `/api/v1/plans/${a.plan.id}/engagement/talks`, {
      cookie: manager,
      body: { heldOn: "2026-03-11", summary: "After the close.", signals: [] },
    });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("plan.not_running");
  });
});
