import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie, walkPlanTo } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { documentOf } from "../../../test/plan-document.js";
import { feedback } from "../feedback/feedback.table.js";
import { notifications } from "../notify/notify.table.js";
import { oneOnOneMeetings, oneOnOneSeries } from "../oneonones/oneonones.table.js";
import { auditEvents } from "../record/record.table.js";
import { planPriorNotice } from "./review.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const admin = await makeUser(deps, { name: "Ada Admin", department: "IT", roles: ["admin"] });
const adminCookie = await signInCookie(app, admin.email, admin.password);

/** A fresh plan with its people signed in. */
async function aPlan(overrides: Parameters<typeof makePlan>[1] = {}) {
  const fixture = await makePlan(deps, overrides);
  const cookie = {
    manager: await signInCookie(app, fixture.manager.email, fixture.manager.password),
    employee: await signInCookie(app, fixture.employee.email, fixture.employee.password),
    hr: await signInCookie(app, fixture.hr.email, fixture.hr.password),
  };
  return { ...fixture, cookie };
}

async function withoutPriorNotice(planId: string) {
  await db.delete(planPriorNotice).where(eq(planPriorNotice.planId, planId));
}

async function reviewOf(planId: string, cookie: string) {
  const res = await send(app, `/api/v1/plans/${planId}/review`, { cookie });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    findings: {
      code: string;
      severity: string;
      path: string;
      message: string;
      suggestion?: string;
      overridable: boolean;
      override: { reason: string; author: { name: string } } | null;
    }[];
    summary: { openBlockers: number; overridden: number };
    clear: boolean;
    canOverride: boolean;
  };
}

async function move(planId: string, action: string, cookie: string) {
  const current = await send(app, `/api/v1/plans/${planId}`, { cookie });
  const { plan } = (await current.json()) as { plan: { version: number } };
  return send(app, `/api/v1/plans/${planId}/transitions`, {
    cookie,
    body: { action, version: plan.version },
  });
}

async function eventsFor(planId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, planId), eq(auditEvents.action, action)));
}

const surpriseReason =
  "The issue was raised in the March performance review, documented outside Headway.";

describe("the review of a saved plan", () => {
  it("finds nothing blocking on a fair plan, and the manager can approve and issue it", async () => {
    const p = await aPlan();
    const review = await reviewOf(p.plan.id, p.cookie.manager);
    expect(review.summary.openBlockers).toBe(0);
    expect(review.clear).toBe(true);
    expect(review.canOverride).toBe(false);
    await walkPlanTo(deps, p.plan.id, "issued");
  });

  it("is for the manager and HR: the employee is refused, even on an issued plan", async () => {
    const p = await aPlan();
    expect(
      (await send(app, `/api/v1/plans/${p.plan.id}/review`, { cookie: p.cookie.employee })).status,
    ).toBe(404);
    await walkPlanTo(deps, p.plan.id, "issued");
    const res = await send(app, `/api/v1/plans/${p.plan.id}/review`, { cookie: p.cookie.employee });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("review.forbidden");
    expect(
      (await send(app, `/api/v1/plans/${p.plan.id}/review`, { cookie: adminCookie })).status,
    ).toBe(404);
  });

  it("blocks a plan shorter than the policy allows, with the reason", async () => {
    const p = await aPlan({ plan: { startDate: "2026-03-09", endDate: "2026-03-30" } });
    const review = await reviewOf(p.plan.id, p.cookie.manager);
    const short = review.findings.find((f) => f.code === "plan.too_short");
    expect(short).toMatchObject({ severity: "blocker", path: "endDate", overridable: true });
    expect(review.clear).toBe(false);
  });
});

describe("a plan that would surprise the employee", () => {
  it("cannot be approved until the manager records when the issue was raised before", async () => {
    const p = await aPlan();
    await withoutPriorNotice(p.plan.id);
    expect((await reviewOf(p.plan.id, p.cookie.manager)).findings.map((f) => f.code)).toContain(
      "plan.surprise",
    );
    expect((await move(p.plan.id, "submit", p.cookie.manager)).status).toBe(200);
    const refused = await move(p.plan.id, "approve", p.cookie.hr);
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as {
      error: { code: string; message: string; details: { blockers: { code: string }[] } };
    };
    expect(body.error.code).toBe("plan.review_blocked");
    expect(body.error.details.blockers.map((b) => b.code)).toEqual(["plan.surprise"]);
    expect(body.error.message).toMatch(/Nothing was changed/);

    const added = await send(app, `/api/v1/plans/${p.plan.id}/prior-notice`, {
      cookie: p.cookie.manager,
      body: {
        heldOn: "2026-02-25",
        kind: "one_on_one",
        summary: "Went through the review turnaround numbers together.",
      },
    });
    expect(added.status).toBe(201);
    expect(await eventsFor(p.plan.id, "plan.prior_notice_added")).toHaveLength(1);
    // HR reviewed the plan without it: the change sends the plan back, as any edit does.
    expect((await move(p.plan.id, "submit", p.cookie.manager)).status).toBe(200);
    expect((await move(p.plan.id, "approve", p.cookie.hr)).status).toBe(200);
  });

  it("refuses prior notice dated in the future, and changes nothing", async () => {
    const p = await aPlan();
    const res = await send(app, `/api/v1/plans/${p.plan.id}/prior-notice`, {
      cookie: p.cookie.manager,
      body: { heldOn: "2026-12-01", kind: "email", summary: "Will write." },
    });
    expect(res.status).toBe(400);
    const rows = await db
      .select()
      .from(planPriorNotice)
      .where(eq(planPriorNotice.planId, p.plan.id));
    expect(rows).toHaveLength(1);
  });

  it("keeps prior notice fixed once the plan reached the employee, who can read it", async () => {
    const p = await aPlan();
    await walkPlanTo(deps, p.plan.id, "issued");
    const res = await send(app, `/api/v1/plans/${p.plan.id}/prior-notice`, {
      cookie: p.cookie.manager,
      body: { heldOn: "2026-02-25", kind: "email", summary: "Late addition." },
    });
    expect(res.status).toBe(409);
    const detail = (await (
      await send(app, `/api/v1/plans/${p.plan.id}`, { cookie: p.cookie.employee })
    ).json()) as { priorNotice: { heldOn: string; summary: string }[] };
    expect(detail.priorNotice).toEqual([
      expect.objectContaining({ heldOn: "2026-02-20", kind: "written_feedback" }),
    ]);
  });

  it("only the manager records prior notice; HR and the employee are refused", async () => {
    const p = await aPlan();
    for (const cookie of [p.cookie.hr]) {
      const res = await send(app, `/api/v1/plans/${p.plan.id}/prior-notice`, {
        cookie,
        body: { heldOn: "2026-02-25", kind: "email", summary: "x" },
      });
      expect(res.status).toBe(403);
    }
    const hidden = await send(app, `/api/v1/plans/${p.plan.id}/prior-notice`, {
      cookie: p.cookie.employee,
      body: { heldOn: "2026-02-25", kind: "email", summary: "x" },
    });
    expect(hidden.status).toBe(404);
  });
});

describe("HR overrides a blocker with a written reason", () => {
  it("records the override as an audit event, shows it, and lets the plan go ahead", async () => {
    const p = await aPlan();
    await withoutPriorNotice(p.plan.id);
    await walkPlanTo(deps, p.plan.id, "in_review");
    const before = await reviewOf(p.plan.id, p.cookie.hr);
    expect(before.canOverride).toBe(true);
    const res = await send(app, `/api/v1/plans/${p.plan.id}/overrides`, {
      cookie: p.cookie.hr,
      body: { code: "plan.surprise", path: "plan", reason: surpriseReason },
    });
    expect(res.status).toBe(200);
    const after = (await res.json()) as Awaited<ReturnType<typeof reviewOf>>;
    const surprise = after.findings.find((f) => f.code === "plan.surprise")!;
    expect(surprise.override).toMatchObject({
      reason: surpriseReason,
      author: { name: p.hr.name },
    });
    expect(after.summary).toMatchObject({ openBlockers: 0, overridden: 1 });
    const [event] = await eventsFor(p.plan.id, "plan.finding_overridden");
    expect(event?.data).toMatchObject({ code: "plan.surprise", path: "plan" });
    expect(JSON.stringify(event?.data)).not.toContain("March performance review");
    // The manager sees the override too, and was told.
    const managerView = await reviewOf(p.plan.id, p.cookie.manager);
    expect(managerView.findings.find((f) => f.code === "plan.surprise")?.override?.reason).toBe(
      surpriseReason,
    );
    expect((await move(p.plan.id, "approve", p.cookie.hr)).status).toBe(200);
    expect((await move(p.plan.id, "issue", p.cookie.manager)).status).toBe(200);
  });

  it.each([
    ["a reason that is too short", { code: "plan.surprise", path: "plan", reason: "ok" }, 400],
    [
      "a finding the plan does not have",
      { code: "plan.too_short", path: "endDate", reason: surpriseReason },
      409,
    ],
    ["a warning", { code: "plan.no_early_win", path: "goals", reason: surpriseReason }, 409],
  ])("refuses %s and records nothing", async (_, body, status) => {
    const p = await aPlan();
    await withoutPriorNotice(p.plan.id);
    await walkPlanTo(deps, p.plan.id, "in_review");
    const res = await send(app, `/api/v1/plans/${p.plan.id}/overrides`, {
      cookie: p.cookie.hr,
      body,
    });
    expect(res.status).toBe(status);
    expect(await eventsFor(p.plan.id, "plan.finding_overridden")).toHaveLength(0);
  });

  it("is HR's alone: the manager cannot override their own plan's blocker", async () => {
    const p = await aPlan();
    await withoutPriorNotice(p.plan.id);
    await walkPlanTo(deps, p.plan.id, "in_review");
    const res = await send(app, `/api/v1/plans/${p.plan.id}/overrides`, {
      cookie: p.cookie.manager,
      body: { code: "plan.surprise", path: "plan", reason: surpriseReason },
    });
    expect(res.status).toBe(403);
  });

  it("cannot override a failed good-faith test: a plan is the wrong tool", async () => {
    const p = await aPlan({ plan: { goodFaith: "no" } });
    await walkPlanTo(deps, p.plan.id, "in_review");
    const review = await reviewOf(p.plan.id, p.cookie.hr);
    expect(review.findings.find((f) => f.code === "plan.good_faith_failed")).toMatchObject({
      severity: "blocker",
      overridable: false,
    });
    const res = await send(app, `/api/v1/plans/${p.plan.id}/overrides`, {
      cookie: p.cookie.hr,
      body: { code: "plan.good_faith_failed", path: "goodFaith", reason: surpriseReason },
    });
    expect(res.status).toBe(409);
    expect((await move(p.plan.id, "approve", p.cookie.hr)).status).toBe(409);
  });
});

describe("retaliation risk: a protected activity before the plan", () => {
  async function withComplaint() {
    const p = await aPlan();
    const res = await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
      cookie: p.cookie.hr,
      body: { kind: "complaint", occurredOn: "2026-01-15", note: "Complaint about the manager." },
    });
    expect(res.status).toBe(201);
    return p;
  }

  it("is a blocker HR sees, named; the manager never learns of it by any path", async () => {
    const p = await withComplaint();
    const hrView = await reviewOf(p.plan.id, p.cookie.hr);
    expect(hrView.findings.find((f) => f.code === "plan.retaliation_risk")).toMatchObject({
      severity: "blocker",
    });
    const managerView = await send(app, `/api/v1/plans/${p.plan.id}/review`, {
      cookie: p.cookie.manager,
    });
    const managerText = await managerView.text();
    expect(managerText).not.toContain("retaliation");
    expect(managerText).not.toMatch(/complaint/i);
    const draft = await send(app, `/api/v1/plans/${p.plan.id}/review`, {
      cookie: p.cookie.manager,
      body: { draft: { goals: [] } },
    });
    expect(await draft.text()).not.toMatch(/retaliation|complaint/i);
    expect(
      (
        await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
          cookie: p.cookie.manager,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
          cookie: p.cookie.employee,
        })
      ).status,
    ).toBe(404);
    // The trail (which admins read) keeps a neutral HR record: neither the kind nor the person.
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "hr.confidential_recorded"))
      .orderBy(sql`seq desc`)
      .limit(1);
    expect(event?.subjectType).toBe("hr_record");
    expect(JSON.stringify(event)).not.toMatch(/complaint/i);
    expect(JSON.stringify(event)).not.toContain(p.employee.id);
    const personTrail = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, p.employee.id));
    expect(JSON.stringify(personTrail)).not.toMatch(/protected|complaint/i);
  });

  it("stops HR approving until HR overrides it with a reason the manager cannot read", async () => {
    const p = await withComplaint();
    await walkPlanTo(deps, p.plan.id, "in_review");
    expect((await move(p.plan.id, "approve", p.cookie.hr)).status).toBe(409);
    const reason = "Reviewed with legal: the complaint was about scheduling and is resolved.";
    const res = await send(app, `/api/v1/plans/${p.plan.id}/overrides`, {
      cookie: p.cookie.hr,
      body: { code: "plan.retaliation_risk", path: "plan", reason },
    });
    expect(res.status).toBe(200);
    expect((await move(p.plan.id, "approve", p.cookie.hr)).status).toBe(200);
    const managerText = await (
      await send(app, `/api/v1/plans/${p.plan.id}/review`, { cookie: p.cookie.manager })
    ).text();
    expect(managerText).not.toContain("legal");
  });

  it("recorded after approval, it sends the plan back to HR's review, and the manager cannot issue it", async () => {
    const p = await aPlan();
    await walkPlanTo(deps, p.plan.id, "approved");
    // Recorded by another HR partner: the plan's own HR partner is told to look again.
    const colleague = await makeUser(deps, {
      name: "Cleo Colleague",
      department: "People",
      roles: ["hr"],
      hrScopeDepartments: ["Engineering"],
    });
    await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
      cookie: await signInCookie(app, colleague.email, colleague.password),
      body: { kind: "accommodation_request", occurredOn: "2026-02-27" },
    });
    const detail = (await (
      await send(app, `/api/v1/plans/${p.plan.id}`, { cookie: p.cookie.manager })
    ).json()) as { plan: { status: string } };
    expect(detail.plan.status).toBe("in_review");
    const res = await move(p.plan.id, "issue", p.cookie.manager);
    expect(res.status).toBe(409);
    expect(await res.text()).not.toMatch(/accommodation|retaliation/i);
    const [told] = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.personId, p.hr.id), eq(notifications.kind, "plan.review_reopened")),
      );
    expect(told?.body).not.toMatch(/accommodation/i);
  });

  it("an override no longer holds once the facts change: a new complaint is a new blocker", async () => {
    const p = await withComplaint();
    await walkPlanTo(deps, p.plan.id, "in_review");
    await send(app, `/api/v1/plans/${p.plan.id}/overrides`, {
      cookie: p.cookie.hr,
      body: {
        code: "plan.retaliation_risk",
        path: "plan",
        reason: "Reviewed with legal: the complaint was about scheduling and is resolved.",
      },
    });
    expect((await reviewOf(p.plan.id, p.cookie.hr)).clear).toBe(true);
    await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
      cookie: p.cookie.hr,
      body: { kind: "grievance", occurredOn: "2026-02-28" },
    });
    const review = await reviewOf(p.plan.id, p.cookie.hr);
    expect(review.findings.find((f) => f.code === "plan.retaliation_risk")?.override).toBeNull();
    expect((await move(p.plan.id, "approve", p.cookie.hr)).status).toBe(409);
  });

  it("is never shown to HR who sit above the employee, nor recorded by them", async () => {
    const director = await makeUser(deps, {
      name: "Dora Director",
      department: "Engineering",
      roles: ["hr"],
      hrScopeDepartments: ["Engineering"],
    });
    const manager = await makeUser(deps, { name: "Mo Manager", managerId: director.id });
    const p = await aPlan({ manager });
    await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
      cookie: p.cookie.hr,
      body: { kind: "complaint", occurredOn: "2026-01-15", note: "About the director." },
    });
    const cookie = await signInCookie(app, director.email, director.password);
    expect(
      (await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, { cookie })).status,
    ).toBe(404);
    const text = await (await send(app, `/api/v1/plans/${p.plan.id}/review`, { cookie })).text();
    expect(text).not.toMatch(/retaliation|complaint/i);
  });

  it("is recorded by HR in scope only", async () => {
    const p = await aPlan();
    const outOfScope = await makeUser(deps, {
      name: "Sal HR",
      department: "People",
      roles: ["hr"],
      hrScopeDepartments: ["Sales"],
    });
    const res = await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
      cookie: await signInCookie(app, outOfScope.email, outOfScope.password),
      body: { kind: "leave", occurredOn: "2026-02-01" },
    });
    expect(res.status).toBe(404);
  });
});

describe("HR's overrides hold only for what HR saw", () => {
  it("a plan made shorter after HR overrode 'too short' is blocked again", async () => {
    const p = await aPlan();
    await walkPlanTo(deps, p.plan.id, "in_review");
    await db.execute(sql`UPDATE plans SET end_date = '2026-04-06' WHERE id = ${p.plan.id}`);
    const overridden = await send(app, `/api/v1/plans/${p.plan.id}/overrides`, {
      cookie: p.cookie.hr,
      body: {
        code: "plan.too_short",
        path: "endDate",
        reason: "The contract ends in four weeks; both sides asked for a short plan.",
      },
    });
    expect(overridden.status).toBe(200);
    await db.execute(sql`UPDATE plans SET end_date = '2026-03-20' WHERE id = ${p.plan.id}`);
    const review = await reviewOf(p.plan.id, p.cookie.hr);
    expect(review.findings.find((f) => f.code === "plan.too_short")?.override).toBeNull();
    expect((await move(p.plan.id, "approve", p.cookie.hr)).status).toBe(409);
  });
});

describe("a change to an issued plan", () => {
  it("may not bring a new blocker: the change is refused and the employee sees nothing new", async () => {
    const p = await aPlan();
    await walkPlanTo(deps, p.plan.id, "issued");
    const detail = await (
      await send(app, `/api/v1/plans/${p.plan.id}`, { cookie: p.cookie.manager })
    ).json();
    const body = { ...documentOf(detail), goodFaith: "no" };
    const res = await send(app, `/api/v1/plans/${p.plan.id}`, {
      method: "PUT",
      cookie: p.cookie.manager,
      body,
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "plan.review_blocked",
    );
    const after = (await (
      await send(app, `/api/v1/plans/${p.plan.id}`, { cookie: p.cookie.employee })
    ).json()) as { versions: unknown[] };
    expect(after.versions).toHaveLength(1);
  });

  it("that adds no blocker still makes a new version", async () => {
    const p = await aPlan();
    await walkPlanTo(deps, p.plan.id, "issued");
    const detail = await (
      await send(app, `/api/v1/plans/${p.plan.id}`, { cookie: p.cookie.manager })
    ).json();
    const res = await send(app, `/api/v1/plans/${p.plan.id}`, {
      method: "PUT",
      cookie: p.cookie.manager,
      body: {
        ...documentOf(detail),
        standard: "Code reviews are answered within two working days.",
      },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { versions: unknown[] }).versions).toHaveLength(2);
  });
});

describe("bad input to the review changes nothing", () => {
  it.each([
    ["a prior-notice id that is not an id", "DELETE", "/prior-notice/not-a-uuid", undefined],
    [
      "a prior notice dated in year 0",
      "POST",
      "/prior-notice",
      { heldOn: "0000-01-01", kind: "email", summary: "x" },
    ],
  ])("answers %s with a 4xx", async (_, method, suffix, body) => {
    const p = await aPlan();
    const res = await send(app, `/api/v1/plans/${p.plan.id}${suffix}`, {
      method,
      cookie: p.cookie.manager,
      body,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it("refuses a protected activity dated in the future", async () => {
    const p = await aPlan();
    const res = await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
      cookie: p.cookie.hr,
      body: { kind: "leave", occurredOn: "2099-01-01" },
    });
    expect(res.status).toBe(400);
    const list = (await (
      await send(app, `/api/v1/people/${p.employee.id}/protected-activities`, {
        cookie: p.cookie.hr,
      })
    ).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(0);
  });

  it("reviews a draft spanning thousands of years without stalling", async () => {
    const p = await aPlan();
    const res = await send(app, `/api/v1/plans/${p.plan.id}/review`, {
      cookie: p.cookie.manager,
      body: { draft: { startDate: "1900-01-01", endDate: "2999-12-31", cadenceDays: 1 } },
    });
    expect(res.status).toBe(200);
  });

  it("sends a plan back to draft when its prior notice changes after HR approved it", async () => {
    const p = await aPlan();
    await walkPlanTo(deps, p.plan.id, "approved");
    const res = await send(app, `/api/v1/plans/${p.plan.id}/prior-notice`, {
      cookie: p.cookie.manager,
      body: { heldOn: "2026-02-26", kind: "email", summary: "Sent the numbers again." },
    });
    expect(res.status).toBe(201);
    const detail = (await (
      await send(app, `/api/v1/plans/${p.plan.id}`, { cookie: p.cookie.manager })
    ).json()) as { plan: { status: string } };
    expect(detail.plan.status).toBe("draft");
  });
});

describe("what coaching recorded feeds the review", () => {
  it("constructive feedback the manager shared counts as prior notice; a draft does not", async () => {
    const p = await aPlan();
    await withoutPriorNotice(p.plan.id);
    const give = (visibility: "draft" | "shared") =>
      db.insert(feedback).values({
        giverId: p.manager.id,
        recipientId: p.employee.id,
        kind: "constructive",
        behaviour: "Three reviews waited more than a week.",
        visibility,
        sharedAt: visibility === "shared" ? new Date("2026-02-10T10:00:00Z") : null,
        createdAt: new Date("2026-02-10T10:00:00Z"),
        updatedAt: new Date("2026-02-10T10:00:00Z"),
      });
    await give("draft");
    const codes = async () =>
      (await reviewOf(p.plan.id, p.cookie.manager)).findings.map((f) => f.code);
    expect(await codes()).toContain("plan.surprise");
    await give("shared");
    expect(await codes()).not.toContain("plan.surprise");
  });

  it("a pair's 1:1s, mostly cancelled in the last 90 days, are flagged", async () => {
    const p = await aPlan();
    const [series] = await db
      .insert(oneOnOneSeries)
      .values({
        managerId: p.manager.id,
        reportId: p.employee.id,
        cadence: "weekly",
        weekday: 1,
        startTime: "10:00",
        startsOn: "2025-12-01",
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .returning();
    const meeting = (day: string, status: "held" | "cancelled") =>
      db.insert(oneOnOneMeetings).values({
        seriesId: series!.id,
        scheduledAt: new Date(`${day}T10:00:00Z`),
        status,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    await meeting("2026-01-12", "held");
    await meeting("2026-01-19", "cancelled");
    const codes = async () =>
      (await reviewOf(p.plan.id, p.cookie.manager)).findings.map((f) => f.code);
    expect(await codes()).toContain("plan.one_on_ones_cancelled");
    await meeting("2026-01-26", "held");
    expect(await codes()).not.toContain("plan.one_on_ones_cancelled");
  });
});

describe("reviewing a standalone draft through the API", () => {
  it("answers the same findings as `headway plan check`, blockers first", async () => {
    const p = await aPlan();
    const res = await send(app, "/api/v1/review/plan", {
      cookie: p.cookie.manager,
      body: {
        now: "2026-03-02",
        plan: {
          startDate: "2026-03-09",
          endDate: "2026-03-23",
          goodFaith: "yes",
          goals: [{ description: "Improve communication", dueDate: "2026-03-23" }],
        },
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { blockers: number; findings: { code: string }[] };
    expect(body.findings[0]?.code).toBe("plan.too_short");
    expect(body.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["plan.surprise", "goal.vague"]),
    );
    expect(body.blockers).toBe(2);
  });
});

describe("reviewing a draft as it is typed", () => {
  it("reviews the unsaved draft, not the saved plan, and saves nothing", async () => {
    const p = await aPlan();
    const res = await send(app, `/api/v1/plans/${p.plan.id}/review`, {
      cookie: p.cookie.manager,
      body: {
        draft: {
          startDate: "2026-03-09",
          endDate: "2026-03-20",
          goals: [{ description: "Be more positive with customers", dueDate: "2026-03-20" }],
        },
      },
    });
    expect(res.status).toBe(200);
    const review = (await res.json()) as Awaited<ReturnType<typeof reviewOf>>;
    const codes = review.findings.map((f) => `${f.code}@${f.path}`);
    expect(codes).toContain("plan.too_short@endDate");
    expect(codes).toContain("goal.trait_based@goals.0.description");
    const trait = review.findings.find((f) => f.code === "goal.trait_based")!;
    expect(trait.suggestion?.length).toBeGreaterThan(20);
    expect((await reviewOf(p.plan.id, p.cookie.manager)).findings.map((f) => f.code)).not.toContain(
      "plan.too_short",
    );
  });

  it("answers a malformed draft with a clear 400", async () => {
    const p = await aPlan();
    const res = await send(app, `/api/v1/plans/${p.plan.id}/review`, {
      cookie: p.cookie.manager,
      body: { draft: { startDate: "next week", goals: "many" } },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe("validation.failed");
  });
});

describe("checking text", () => {
  it("checks goals one by one, in order, for anyone signed in", async () => {
    const p = await aPlan();
    const res = await send(app, "/api/v1/review/goals", {
      cookie: p.cookie.employee,
      body: {
        goals: [
          "Be more positive with customers",
          "Reply to every customer email within 4 business hours",
        ],
      },
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { text: string; verdict: string }[] };
    expect(results.map((r) => r.verdict)).toEqual(["flag", "ok"]);
    expect(results[0]!.text).toBe("Be more positive with customers");
    expect((await send(app, "/api/v1/review/goals", { body: { goals: ["x"] } })).status).toBe(401);
  });

  it("finds judgemental words in evidence text", async () => {
    const p = await aPlan();
    const res = await send(app, "/api/v1/review/wording", {
      cookie: p.cookie.manager,
      body: { text: "He was lazy and rude in the client meeting." },
    });
    const { findings } = (await res.json()) as { findings: { code: string; words: string[] }[] };
    expect(findings[0]?.code).toBe("wording.judgemental");
    expect(findings[0]?.words).toEqual(expect.arrayContaining(["lazy", "rude"]));
  });
});

describe("the organisation's review policy", () => {
  it("admins change thresholds, the review follows them, and the change is audited", async () => {
    const p = await aPlan({ plan: { startDate: "2026-03-09", endDate: "2026-04-20" } });
    expect((await reviewOf(p.plan.id, p.cookie.manager)).findings.map((f) => f.code)).not.toContain(
      "plan.too_short",
    );
    const res = await send(app, "/api/v1/review/policy", {
      method: "PATCH",
      cookie: adminCookie,
      body: { minPlanDays: 60 },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ minPlanDays: 60, maxGoals: 5 });
    expect((await reviewOf(p.plan.id, p.cookie.manager)).findings.map((f) => f.code)).toContain(
      "plan.too_short",
    );
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "review.policy_updated"));
    expect(event?.data).toMatchObject({ changed: { minPlanDays: 60 } });
    await send(app, "/api/v1/review/policy", {
      method: "PATCH",
      cookie: adminCookie,
      body: { minPlanDays: 30 },
    });
  });

  it.each([
    ["a negative number of days", { minPlanDays: -1 }],
    ["a share above one", { cancelledOneOnOnesShare: 1.5 }],
    ["an unknown threshold", { maxWarnings: 3 }],
    ["more than the five goals a plan can hold", { maxGoals: 6 }],
    ["a plan shorter than 30 days", { minPlanDays: 10 }],
    ["check-ins further apart than 14 days", { maxCheckinGapDays: 21 }],
    ["protected activities looked at for less than 180 days", { protectedActivityDays: 90 }],
  ])("refuses %s with a 400 and changes nothing", async (_, body) => {
    const res = await send(app, "/api/v1/review/policy", {
      method: "PATCH",
      cookie: adminCookie,
      body,
    });
    expect(res.status).toBe(400);
    const policy = (await (
      await send(app, "/api/v1/review/policy", { cookie: adminCookie })
    ).json()) as {
      minPlanDays: number;
    };
    expect(policy.minPlanDays).toBe(30);
  });

  it("is not changed by managers or by HR with a departmental scope", async () => {
    const p = await aPlan();
    for (const cookie of [p.cookie.manager, p.cookie.hr]) {
      const res = await send(app, "/api/v1/review/policy", {
        method: "PATCH",
        cookie,
        body: { minPlanDays: 45 },
      });
      expect(res.status).toBe(403);
    }
  });
});
