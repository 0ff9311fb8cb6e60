import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makePlan, signInCookie, walkPlanTo } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { auditEvents } from "./record.table.js";
import { VIEW_WINDOW_MS } from "./record.views.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

async function views(planId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, planId), eq(auditEvents.action, "plan.viewed")))
    .orderBy(auditEvents.seq);
}

async function activePlan() {
  const fixture = await makePlan(deps);
  const plan = await walkPlanTo(deps, fixture.plan.id, "active");
  const cookie = {
    manager: await signInCookie(app, fixture.manager.email, fixture.manager.password),
    employee: await signInCookie(app, fixture.employee.email, fixture.employee.password),
    hr: await signInCookie(app, fixture.hr.email, fixture.hr.password),
  };
  return { ...fixture, plan, cookie };
}

describe("who viewed a plan", () => {
  it("records a reader's view once an hour, however often they open it", async () => {
    const { plan, manager, cookie } = await activePlan();
    for (let i = 0; i < 3; i++)
      expect((await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookie.manager })).status).toBe(
        200,
      );
    // The PDF is a read of the same plan, within the same hour.
    expect(
      (await send(app, `/api/v1/plans/${plan.id}/pdf`, { cookie: cookie.manager })).status,
    ).toBe(200);
    const first = await views(plan.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      actorId: manager.id,
      subjectType: "plan",
      subjectId: plan.id,
      data: {},
    });
    // A third of the window at a time, reading each time (a session ends when idle too long).
    for (const expected of [1, 1, 2]) {
      deps.advance(VIEW_WINDOW_MS / 3);
      const res = await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookie.manager });
      expect(res.status).toBe(200);
      expect(await views(plan.id)).toHaveLength(expected);
    }
  });

  it("records each reader separately: the employee, the manager and HR", async () => {
    const { plan, cookie, employee, manager, hr } = await activePlan();
    for (const who of ["employee", "manager", "hr", "employee"] as const)
      await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookie[who] });
    expect((await views(plan.id)).map((v) => v.actorId)).toEqual([employee.id, manager.id, hr.id]);
  });

  it("writes one event for simultaneous reads", async () => {
    const { plan, cookie } = await activePlan();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => send(app, `/api/v1/plans/${plan.id}`, { cookie: cookie.hr })),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await views(plan.id)).toHaveLength(1);
  });

  it("records nothing for someone who may not see the plan, nor for a write's answer", async () => {
    const { plan, cookie } = await activePlan();
    const outsider = await makePlan(deps);
    const stranger = await signInCookie(app, outsider.employee.email, outsider.employee.password);
    expect((await send(app, `/api/v1/plans/${plan.id}`, { cookie: stranger })).status).toBe(404);
    // A lifecycle move answers with the plan as it now stands, but that is the write's answer.
    const paused = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookie.manager,
      body: { action: "pause", version: plan.version },
    });
    expect(paused.status, await paused.clone().text()).toBe(200);
    expect((await paused.json()).plan.plan.status).toBe("paused");
    expect(await views(plan.id)).toEqual([]);
  });
});
