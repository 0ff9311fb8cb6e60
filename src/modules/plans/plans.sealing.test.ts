import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
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
import type { AppError } from "../../api/errors.js";
import { write } from "../../db/transaction.js";
import { catalogueItems } from "../catalogue/catalogue.table.js";
import { growthGoals } from "../growth/growth.table.js";
import { keyringFor } from "../keys/keys.service.js";
import { notifications } from "../notify/notify.table.js";
import { people } from "../org/org.table.js";
import { auditEvents } from "../record/record.table.js";
import { findHistory } from "../review/review.repository.js";
import { carryOnGoals, managerDaysProblems, sealedManagerUntil } from "./plans.sealing.rules.js";
import { sealPastPlans } from "./plans.sealing.service.js";
import { getPlanDetail, listPlans } from "./plans.service.js";
import { planGoals, planResources, plans } from "./plans.table.js";

// Life after a plan: a plan that closes with its goals met is sealed and a growth plan carries on
// from it. The employee, HR in scope and (for a while) the manager who ran it may still open it;
// a later manager, the chain above and everyone else get the 404 of a plan that does not exist.
// Every read of a sealed plan and every refused attempt by someone who would have seen it
// unsealed is on the audit trail.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const DAY = 86_400_000;
const START = deps.clock();

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const make = (name: string, values: Parameters<typeof makeUser>[1] = {}) =>
  makeUser(deps, { name, department: "Engineering", ...values });

// The people around one employee: the manager who runs the plan reports to a skip-level; a
// manager the employee moves to later; HR in scope; HR for everyone; an admin; a peer.
const skip = await make("Sam Skiplevel", { title: "Director" });
const manager = await make("Mira Manager", { managerId: skip.id });
const employee = await make("Eli Employee", { managerId: manager.id });
const peer = await make("Pat Peer", { managerId: manager.id });
const later = await make("Lou Latermanager");
const hr = await make("Hana HR", {
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const hrAll = await make("Dana HR Director", {
  department: "People",
  roles: ["hr"],
  hrScopeAll: true,
});
const admin = await make("Ada Admin", { department: "IT", roles: ["admin"] });

const everyone = { skip, manager, employee, peer, later, hr, hrAll, admin };
type Who = keyof typeof everyone;
const cookies = Object.fromEntries(
  await Promise.all(
    Object.entries(everyone).map(async ([k, u]) => [
      k,
      await signInCookie(app, u.email, u.password),
    ]),
  ),
) as Record<Who, string>;

const get = (who: Who, path: string) => send(app, path, { cookie: cookies[who] });
const post = (who: Who, path: string, body: unknown) =>
  send(app, path, { cookie: cookies[who], body });

/** A running plan for the employee (or another report of the manager), with its HR partner. */
async function runningPlan(forEmployee: TestUser = employee): Promise<PlanFixture> {
  const fixture = await makePlan(deps, { employee: forEmployee, manager, hr });
  await walkPlanTo(deps, fixture.plan.id, "active");
  return fixture;
}

async function planRow(id: string) {
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  return row!;
}

async function close(who: Who, planId: string, extra: Record<string, unknown> = {}) {
  const { version } = await planRow(planId);
  return post(who, `/api/v1/plans/${planId}/transitions`, {
    action: "close",
    version,
    outcome: "goals_met",
    managerReflection: "Every goal was met.",
    ...extra,
  });
}

async function eventsOn(subjectId: string, actions: string[]) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, subjectId), inArray(auditEvents.action, actions)))
    .orderBy(auditEvents.seq);
}
const sealedEvents = (planId: string) =>
  eventsOn(planId, ["plan.sealed_accessed", "plan.sealed_access_refused"]);

async function moveEmployeeTo(managerId: string) {
  await write(deps, async (w) => {
    await w.tx.update(people).set({ managerId }).where(eq(people.id, employee.id));
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "person.updated",
      subjectType: "person",
      subjectId: employee.id,
      data: { fields: ["managerId"] },
    });
  });
}

// ---------- the rules ----------

describe("the rules of the carried-on growth plan", () => {
  const goal = {
    description: "Answer code reviews within two working days",
    metric: "Median review turnaround",
    unit: "days",
    direction: "down" as const,
    target: 2,
    measurement: "Review dashboard, weekly median",
  };

  it("keeps each goal's level, then names the next skills from the catalogue", () => {
    const goals = carryOnGoals({
      goals: [goal, { ...goal, metric: "", direction: "up", target: null }],
      skills: ["SQL", "sql", " code review "],
      today: "2026-03-02",
    });
    expect(goals.map((g) => g.title)).toEqual([
      "Keep median review turnaround at 2 days or better",
      "Keep up: Answer code reviews within two working days",
      "Next skills: sql, code review",
    ]);
    expect(goals[0]).toMatchObject({
      specific: goal.description,
      measure: goal.measurement,
      dueOn: "2026-05-31",
    });
    expect(goals[2]!.dueOn).toBe("2026-08-29");
  });

  it("never drafts more than five goals, and keeps the skills goal", () => {
    const goals = carryOnGoals({
      goals: Array(7).fill(goal),
      skills: ["sql"],
      today: "2026-03-02",
    });
    expect(goals).toHaveLength(5);
    expect(goals.at(-1)!.title).toBe("Next skills: sql");
  });

  it("drafts nothing when the plan had no goals and used no catalogue resource", () => {
    expect(carryOnGoals({ goals: [], skills: [], today: "2026-03-02" })).toEqual([]);
  });

  it("the manager's period is a whole number of days from 0 to 730", () => {
    for (const ok of [0, 1, 90, 730]) expect(managerDaysProblems(ok)).toEqual([]);
    for (const bad of [-1, 731, 1.5, "30", null, Number.NaN])
      expect(managerDaysProblems(bad)).toHaveLength(1);
    expect(sealedManagerUntil(new Date("2026-03-02T09:00:00Z"), 90).toISOString()).toBe(
      "2026-05-31T09:00:00.000Z",
    );
  });
});

// ---------- sealing on close ----------

const notFoundBody = await json<ErrorBody>(await get("hr", `/api/v1/plans/${randomUUID()}`), 404);

const sealed = await runningPlan();
const planId = sealed.plan.id;
// One of the plan's resources was picked from L&D's catalogue: its skills make the next goal.
await write(deps, async (w) => {
  const [item] = await w.tx
    .insert(catalogueItems)
    .values({
      kind: "course",
      title: "Reviewing code well",
      skills: ["code review", "payments domain"],
      createdAt: w.now,
      updatedAt: w.now,
    })
    .returning();
  const goals = await w.tx.select().from(planGoals).where(eq(planGoals.planId, planId));
  await w.tx
    .update(planResources)
    .set({ catalogueItemId: item!.id })
    .where(
      inArray(
        planResources.goalId,
        goals.map((g) => g.id),
      ),
    );
  await w.audit({
    actor: { kind: "system", label: "test" },
    action: "catalogue.item_created",
    subjectType: "catalogue_item",
    subjectId: item!.id,
  });
});

describe("closing a plan with its goals met", () => {
  it("offers whoever closes it a draft of the growth plan, and nobody else", async () => {
    const draft = await json<{ goals: { title: string; dueOn: string }[] }>(
      await get("manager", `/api/v1/plans/${planId}/carry-on`),
      200,
    );
    expect(draft.goals.map((g) => g.title)).toEqual([
      "Keep median review turnaround at 2 days or better",
      "Next skills: code review, payments domain",
    ]);
    expect(
      (await json<ErrorBody>(await get("employee", `/api/v1/plans/${planId}/carry-on`), 403)).error
        .code,
    ).toBe("plan.forbidden");
    await json(await get("peer", `/api/v1/plans/${planId}/carry-on`), 404);
  });

  it("refuses carried-on goals that cannot be saved, and changes nothing", async () => {
    const before = await planRow(planId);
    const past = await json<ErrorBody>(
      await close("manager", planId, {
        growthGoals: [{ title: "Keep it up", specific: "", measure: "", dueOn: "2026-01-01" }],
      }),
      400,
    );
    expect(past.error.details).toEqual([
      { path: "growthGoals.0.dueOn", message: "Choose a due date from today (2026-03-02) on." },
    ]);
    await json(
      await close("manager", planId, {
        growthGoals: [{ title: "", specific: "", measure: "", dueOn: null }],
      }),
      400,
    );
    const six = Array(6).fill({ title: "A goal", specific: "", measure: "", dueOn: null });
    await json(await close("manager", planId, { growthGoals: six }), 400);
    expect(await planRow(planId)).toEqual(before);
    expect(await db.select().from(growthGoals).where(eq(growthGoals.sourcePlanId, planId))).toEqual(
      [],
    );
  });

  it("seals the plan, creates the growth plan that carries on, tells the employee and records it all", async () => {
    const res = await json<{ message: string; plan: { plan: { sealed: boolean } } }>(
      await close("manager", planId),
      200,
    );
    expect(res.message).toContain("The plan is sealed, and a growth plan with 2 goals carries on");
    expect(res.plan.plan.sealed).toBe(true);
    const row = await planRow(planId);
    const now = deps.clock();
    expect(row.sealedAt).toEqual(now);
    expect(row.sealedManagerUntil).toEqual(new Date(now.getTime() + 90 * DAY));

    const goals = await db.select().from(growthGoals).where(eq(growthGoals.sourcePlanId, planId));
    expect(goals.map((g) => [g.title, g.personId, g.createdById])).toEqual([
      ["Keep median review turnaround at 2 days or better", employee.id, manager.id],
      ["Next skills: code review, payments domain", employee.id, manager.id],
    ]);

    const [seal] = await eventsOn(planId, ["plan.sealed"]);
    expect(seal).toMatchObject({
      actorId: manager.id,
      data: { managerUntil: row.sealedManagerUntil!.toISOString(), managerDays: 90 },
    });
    const created = await db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "growth_goal.created"),
          inArray(
            auditEvents.subjectId,
            goals.map((g) => g.id),
          ),
        ),
      );
    expect(created).toHaveLength(2);
    for (const e of created)
      expect(e).toMatchObject({
        actorId: manager.id,
        data: { personId: employee.id, sourcePlanId: planId },
      });

    const told = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.personId, employee.id),
          eq(notifications.kind, "growth_goal.carried_on"),
        ),
      );
    expect(told.map((n) => [n.title, n.link])).toEqual([
      ["Your growth plan carries on from your success plan", `/growth-goals/${goals[0]!.id}`],
    ]);
  });

  it("creates the goals the manager wrote instead of the draft, or none", async () => {
    const mine = await runningPlan(peer);
    await json(
      await close("hr", mine.plan.id, {
        growthGoals: [
          {
            title: "Lead the next payments review",
            specific: "Run one review session for the team",
            measure: "Held, with notes shared",
            dueOn: "2026-06-30",
          },
        ],
      }),
      200,
    );
    const goals = await db
      .select()
      .from(growthGoals)
      .where(eq(growthGoals.sourcePlanId, mine.plan.id));
    expect(goals.map((g) => [g.title, g.specific, g.measure, g.dueOn, g.createdById])).toEqual([
      [
        "Lead the next payments review",
        "Run one review session for the team",
        "Held, with notes shared",
        "2026-06-30",
        hr.id,
      ],
    ]);
    expect((await planRow(mine.plan.id)).sealedAt).not.toBeNull();

    const none = await makePlan(deps, { manager, hr });
    await walkPlanTo(deps, none.plan.id, "active");
    await json(await close("manager", none.plan.id, { growthGoals: [] }), 200);
    expect((await planRow(none.plan.id)).sealedAt).not.toBeNull();
    expect(
      await db.select().from(growthGoals).where(eq(growthGoals.sourcePlanId, none.plan.id)),
    ).toEqual([]);
  });

  it("any other outcome does not seal, and carries no growth plan on", async () => {
    const other = await makePlan(deps, { manager, hr });
    await walkPlanTo(deps, other.plan.id, "active");
    const refused = await json<ErrorBody>(
      await close("manager", other.plan.id, {
        outcome: "moved",
        growthGoals: [{ title: "Keep it up", specific: "", measure: "", dueOn: null }],
      }),
      400,
    );
    expect(refused.error.message).toContain("only from a plan whose goals were met");
    await json(await close("manager", other.plan.id, { outcome: "moved" }), 200);
    const row = await planRow(other.plan.id);
    expect([row.status, row.sealedAt, row.sealedManagerUntil]).toEqual(["closed", null, null]);
    expect(await eventsOn(other.plan.id, ["plan.sealed"])).toEqual([]);
    expect(
      await db.select().from(growthGoals).where(eq(growthGoals.sourcePlanId, other.plan.id)),
    ).toEqual([]);
    // A closed, unsealed plan reads as before: nothing about it is recorded as a sealed read.
    await json(await get("skip", `/api/v1/plans/${other.plan.id}`), 200);
    expect(await sealedEvents(other.plan.id)).toEqual([]);
  });
});

// ---------- who may open it ----------

describe("who may open a sealed plan", () => {
  it("the employee and HR in scope open it, and every read is recorded (not once an hour)", async () => {
    const before = (await sealedEvents(planId)).length;
    await json(await get("employee", `/api/v1/plans/${planId}`), 200);
    await json(await get("hr", `/api/v1/plans/${planId}`), 200);
    await json(await get("hr", `/api/v1/plans/${planId}`), 200);
    const events = (await sealedEvents(planId)).slice(before);
    expect(events.map((e) => [e.action, e.actorId, e.data])).toEqual([
      ["plan.sealed_accessed", employee.id, { what: "plan", as: "employee" }],
      ["plan.sealed_accessed", hr.id, { what: "plan", as: "hr" }],
      ["plan.sealed_accessed", hr.id, { what: "plan", as: "hr" }],
    ]);
  });

  it("the PDF, the versions, the review and the check-ins are reads too", async () => {
    const before = (await sealedEvents(planId)).length;
    const pdf = await get("hr", `/api/v1/plans/${planId}/pdf`);
    expect(pdf.status).toBe(200);
    await json(await get("employee", `/api/v1/plans/${planId}/versions/1`), 200);
    await json(await get("employee", `/api/v1/plans/${planId}/versions/1/changes`), 200);
    await json(await get("hr", `/api/v1/plans/${planId}/review`), 200);
    await json(await get("employee", `/api/v1/plans/${planId}/participation`), 200);
    const events = (await sealedEvents(planId)).slice(before);
    expect(events.map((e) => [e.actorId, (e.data as { what: string }).what])).toEqual([
      [hr.id, "pdf"],
      [employee.id, "version"],
      [employee.id, "version_changes"],
      [hr.id, "review"],
      [employee.id, "participation"],
    ]);
  });

  it("a skip-level gets the 404 of a missing plan, and the attempt is recorded", async () => {
    const before = (await sealedEvents(planId)).length;
    const res = await json<ErrorBody>(await get("skip", `/api/v1/plans/${planId}`), 404);
    expect(res).toEqual(notFoundBody);
    await json(await get("skip", `/api/v1/plans/${planId}/pdf`), 404);
    const list = await json<{ items: { id: string }[] }>(
      await get("skip", "/api/v1/plans?scope=team"),
      200,
    );
    expect(list.items.map((p) => p.id)).not.toContain(planId);
    const events = (await sealedEvents(planId)).slice(before);
    expect(events.map((e) => [e.action, e.actorId, e.data])).toEqual([
      ["plan.sealed_access_refused", skip.id, { what: "plan" }],
      ["plan.sealed_access_refused", skip.id, { what: "pdf" }],
    ]);
  });

  it("anyone else gets the same 404, and nothing is written", async () => {
    const before = (await sealedEvents(planId)).length;
    for (const who of ["peer", "admin", "later"] as const)
      expect(await json<ErrorBody>(await get(who, `/api/v1/plans/${planId}`), 404)).toEqual(
        notFoundBody,
      );
    expect((await sealedEvents(planId)).length).toBe(before);
  });

  it("the manager who ran it keeps reading it while the organisation's period runs", async () => {
    const before = (await sealedEvents(planId)).length;
    await json(await get("manager", `/api/v1/plans/${planId}`), 200);
    await json(await get("manager", `/api/v1/plans/${planId}/review`), 200);
    const events = (await sealedEvents(planId)).slice(before);
    expect(events.map((e) => [e.actorId, e.data])).toEqual([
      [manager.id, { what: "plan", as: "manager" }],
      [manager.id, { what: "review", as: "manager" }],
    ]);
  });
});

describe("a growth goal that carries on from a sealed plan", () => {
  const goalPath = async () => {
    const [goal] = await db
      .select()
      .from(growthGoals)
      .where(eq(growthGoals.sourcePlanId, planId))
      .orderBy(growthGoals.title);
    return `/api/v1/growth-goals/${goal!.id}`;
  };
  type Goal = { sourcePlan: { id: string } | null };

  it("links to the plan for those who may still open it, and reading the link records nothing", async () => {
    const before = (await sealedEvents(planId)).length;
    const path = await goalPath();
    for (const who of ["employee", "hr", "manager"] as const)
      expect((await json<Goal>(await get(who, path), 200)).sourcePlan).toEqual({ id: planId });
    const list = await json<{ items: Goal[] }>(
      await get("employee", `/api/v1/people/${employee.id}/growth-goals`),
      200,
    );
    expect(list.items.map((g) => g.sourcePlan)).toEqual([{ id: planId }, { id: planId }]);
    // The skip-level sees the goals (coaching records), never where they came from.
    expect((await json<Goal>(await get("skip", path), 200)).sourcePlan).toBeNull();
    expect((await sealedEvents(planId)).length).toBe(before);
  });

  it("never tells a later manager there was a plan", async () => {
    await moveEmployeeTo(later.id);
    const path = await goalPath();
    expect((await json<Goal>(await get("later", path), 200)).sourcePlan).toBeNull();
    const list = await json<{ items: Goal[] }>(
      await get("later", `/api/v1/people/${employee.id}/growth-goals`),
      200,
    );
    expect(list.items.map((g) => g.sourcePlan)).toEqual([null, null]);
  });
});

describe("after the employee moves to a new manager", () => {
  it("the new manager gets the 404 of a missing plan everywhere, and each attempt is recorded", async () => {
    const before = (await sealedEvents(planId)).length;
    expect(await json<ErrorBody>(await get("later", `/api/v1/plans/${planId}`), 404)).toEqual(
      notFoundBody,
    );
    await json(await get("later", `/api/v1/plans/${planId}/versions/1`), 404);
    await json(await get("later", `/api/v1/plans/${planId}/review`), 404);
    await json(await get("later", `/api/v1/plans/${planId}/participation`), 404);
    await json(
      await post("later", `/api/v1/plans/${planId}/private-notes`, { body: "Looking back" }),
      404,
    );
    const list = await json<{ items: { id: string }[] }>(
      await get("later", "/api/v1/plans?scope=all"),
      200,
    );
    expect(list.items.map((p) => p.id)).not.toContain(planId);
    const events = (await sealedEvents(planId)).slice(before);
    expect(events.map((e) => [e.action, e.actorId, (e.data as { what: string }).what])).toEqual([
      ["plan.sealed_access_refused", later.id, "plan"],
      ["plan.sealed_access_refused", later.id, "version"],
      ["plan.sealed_access_refused", later.id, "review"],
      ["plan.sealed_access_refused", later.id, "participation"],
      ["plan.sealed_access_refused", later.id, "write"],
    ]);
  });

  it("HR in scope and the employee still open it", async () => {
    await json(await get("hr", `/api/v1/plans/${planId}`), 200);
    await json(await get("employee", `/api/v1/plans/${planId}`), 200);
  });

  it("the manager who ran it reads it until the period ends, then gets the 404 too", async () => {
    await json(await get("manager", `/api/v1/plans/${planId}`), 200);
    // Sessions do not survive months on the clock: the services are asked directly meanwhile.
    const as = async (who: TestUser) => actorFor(deps, who.id);
    const read = async (who: TestUser) =>
      getPlanDetail(deps, { actor: await as(who), id: planId }).then(
        (d) => d.plan.id,
        (err: AppError) => err.code,
      );
    const until = (await planRow(planId)).sealedManagerUntil!;
    try {
      deps.setNow(new Date(until.getTime() - 60_000));
      expect(await read(manager)).toBe(planId);
      deps.setNow(new Date(until.getTime() + 1000));
      const before = (await sealedEvents(planId)).length;
      expect(await read(manager)).toBe("plan.not_found");
      const list = await listPlans(deps, { actor: await as(manager), scope: "all" });
      expect(list.items.map((p) => p.id)).not.toContain(planId);
      const events = (await sealedEvents(planId)).slice(before);
      expect(events.map((e) => [e.action, e.actorId])).toEqual([
        ["plan.sealed_access_refused", manager.id],
      ]);
      // HR still reads it, and the employee keeps it as their own record.
      expect(await read(hr)).toBe(planId);
      expect(await read(employee)).toBe(planId);
    } finally {
      deps.setNow(START);
      await moveEmployeeTo(manager.id);
    }
  });
});

// ---------- the review's history ----------

describe("the plan review's history of a person", () => {
  it("leaves sealed plans out: a plan that ended well does not weigh on the next one", async () => {
    const keys = await keyringFor(deps);
    const metric = "Median review turnaround";
    const history = await findHistory(
      db,
      { id: randomUUID(), employeeId: employee.id, managerId: manager.id },
      [metric],
      keys,
    );
    // The peer's plan (sealed too) and the employee's own sealed plan are left out; the third
    // report's plan closed "moved" and is not sealed, so its baseline counts for the team.
    expect(history.metrics).toEqual([{ metric: metric.toLowerCase(), scope: "team", values: [5] }]);
  });
});

// ---------- the setting ----------

describe("the sealed plans setting", () => {
  const path = "/api/v1/settings/sealing";
  const updates = () =>
    db.select().from(auditEvents).where(eq(auditEvents.action, "org.sealing_updated"));

  it("admins and organisation-wide HR read and change it; for everyone else it does not exist", async () => {
    for (const who of ["admin", "hrAll"] as const)
      expect(await json(await get(who, path), 200)).toEqual({ managerDays: 90 });
    for (const who of ["hr", "manager", "employee", "skip"] as const) {
      expect((await json<ErrorBody>(await get(who, path), 404)).error.code).toBe(
        "sealing.not_found",
      );
      const put = await send(app, path, {
        method: "PUT",
        cookie: cookies[who],
        body: { managerDays: 10 },
      });
      await json(put, 404);
    }
    expect(await json(await get("admin", path), 200)).toMatchObject({ managerDays: 90 });
    expect(await updates()).toEqual([]);
  });

  it("refuses a period that is not a whole number of days from 0 to 730, and changes nothing", async () => {
    const before = await updates();
    for (const managerDays of [-1, 731, 1.5, "thirty", null]) {
      const res = await send(app, path, {
        method: "PUT",
        cookie: cookies.admin,
        body: { managerDays },
      });
      const body = await json<ErrorBody>(res, 400);
      expect(body.error.code).toBe("validation.failed");
    }
    expect(await json(await get("admin", path), 200)).toMatchObject({ managerDays: 90 });
    expect(await updates()).toEqual(before);
  });

  it("a new period is audited and applies to plans sealed from then on", async () => {
    const saved = await json<{ managerDays: number }>(
      await send(app, path, { method: "PUT", cookie: cookies.hrAll, body: { managerDays: 30 } }),
      200,
    );
    expect(saved.managerDays).toBe(30);
    const [event] = await updates();
    expect(event).toMatchObject({ actorId: hrAll.id, data: { managerDays: 30, previous: 90 } });
    // Saving the same again records nothing.
    await json(
      await send(app, path, { method: "PUT", cookie: cookies.admin, body: { managerDays: 30 } }),
      200,
    );
    expect(await updates()).toHaveLength(1);

    const next = await makePlan(deps, { manager, hr });
    await walkPlanTo(deps, next.plan.id, "active");
    await json(await close("manager", next.plan.id, { growthGoals: [] }), 200);
    const row = await planRow(next.plan.id);
    expect(row.sealedManagerUntil).toEqual(new Date(row.sealedAt!.getTime() + 30 * DAY));
    // The plan sealed before keeps its date.
    expect((await planRow(planId)).sealedManagerUntil).toEqual(
      new Date((await planRow(planId)).sealedAt!.getTime() + 90 * DAY),
    );
  });
});

// ---------- the start-up sweep ----------

describe("the start-up sweep", () => {
  it("seals plans that closed with their goals met before sealing existed, once", async () => {
    const closedAt = new Date("2025-12-01T10:00:00.000Z");
    const old = await makePlan(deps, {
      manager,
      hr,
      plan: { status: "closed", outcome: "goals_met", closedAt, issuedVersion: 1 },
    });
    const moved = await makePlan(deps, {
      manager,
      hr,
      plan: { status: "closed", outcome: "moved", closedAt, issuedVersion: 1 },
    });
    expect(await sealPastPlans(deps)).toBe(1);
    const row = await planRow(old.plan.id);
    expect(row.sealedAt).toEqual(deps.clock());
    // The period runs from when it closed (30 days, as set above): its manager's access is over.
    expect(row.sealedManagerUntil).toEqual(new Date(closedAt.getTime() + 30 * DAY));
    expect((await planRow(moved.plan.id)).sealedAt).toBeNull();
    const [event] = await eventsOn(old.plan.id, ["plan.sealed"]);
    expect(event).toMatchObject({
      actorId: null,
      actorLabel: "sealing",
      data: { sweep: true, managerDays: 30, managerUntil: row.sealedManagerUntil!.toISOString() },
    });

    const count = (await db.select().from(auditEvents)).length;
    expect(await sealPastPlans(deps)).toBe(0);
    expect((await db.select().from(auditEvents)).length).toBe(count);
    await json(await get("manager", `/api/v1/plans/${old.plan.id}`), 404);
  });
});

describe("a period of 0 days", () => {
  it("closes the plan to the manager who ran it as it closes; the close still succeeds", async () => {
    await json(
      await send(app, "/api/v1/settings/sealing", {
        method: "PUT",
        cookie: cookies.admin,
        body: { managerDays: 0 },
      }),
      200,
    );
    const zero = await makePlan(deps, { manager, hr });
    await walkPlanTo(deps, zero.plan.id, "active");
    const res = await json<{ message: string; plan: unknown }>(
      await close("manager", zero.plan.id, { growthGoals: [] }),
      200,
    );
    expect(res.plan).toBeNull();
    expect(res.message).toMatch(/^Closed: goals met\. The plan is sealed\./);
    const row = await planRow(zero.plan.id);
    expect(row.sealedManagerUntil).toEqual(row.sealedAt);
    await json(await get("manager", `/api/v1/plans/${zero.plan.id}`), 404);
    await json(await get("hr", `/api/v1/plans/${zero.plan.id}`), 200);
  });
});
