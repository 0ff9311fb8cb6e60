import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  allRoles,
  auditOf,
  type GrowthRole,
  type GrowthTeam,
  growthState,
  growthTeam,
} from "../../../test/factories-growth.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";
import type { OnboardingPlan } from "./growth.onboarding.service.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const newHire = () => growthTeam(deps, app, { hireDate: "2026-03-02" });

async function startPlan(team: GrowthTeam, role: GrowthRole = "manager", body: object = {}) {
  const res = await team.as(role, `/api/v1/people/${team.employee.id}/onboarding-plans`, {
    body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as OnboardingPlan;
}

const stagePath = (plan: OnboardingPlan, i: number, side = "") =>
  `/api/v1/onboarding-plans/${plan.id}/stages/${plan.stages[i]!.id}${side}`;

describe("onboarding templates", () => {
  it("creates the default 30/60/90-day template on first use, once, and records it", async () => {
    const team = await newHire();
    const [a, b] = await Promise.all([
      team.as("manager", "/api/v1/onboarding-templates"),
      team.as("employee", "/api/v1/onboarding-templates"),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const list = await a.json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ name: "30/60/90-day onboarding", isDefault: true });
    expect(list.items[0].stages.map((s: { day: number }) => s.day)).toEqual([30, 60, 90]);
    expect(list.abilities).toEqual({ manage: false });
    expect((await b.json()).items[0].id).toBe(list.items[0].id);
    const events = await auditOf(deps, "onboarding_template.seeded");
    expect(events).toHaveLength(1);
    expect(events[0]!.actor_id).toBeNull();
  });

  it("lets HR and admins write templates, and no one else", async () => {
    const team = await newHire();
    const template = {
      name: "Sales onboarding",
      stages: [
        { day: 14, title: "Shadow", success: ["Has joined ten customer calls."] },
        { day: 45, title: "First deals", success: [] },
      ],
    };
    const created = await team.as("hrIn", "/api/v1/onboarding-templates", { body: template });
    expect(created.status).toBe(201);
    const t = await created.json();
    expect(t).toMatchObject({ ...template, isDefault: false, createdBy: { id: team.hrIn.id } });
    expect(await auditOf(deps, "onboarding_template.created")).toHaveLength(1);

    const edited = await team.as("admin", `/api/v1/onboarding-templates/${t.id}`, {
      method: "PATCH",
      body: { name: "Sales onboarding (2026)" },
    });
    expect(edited.status).toBe(200);
    expect((await edited.json()).name).toBe("Sales onboarding (2026)");
    const [event] = await auditOf(deps, "onboarding_template.edited");
    expect(event!.data).toEqual({ fields: ["name"] });

    const before = await growthState(deps);
    for (const role of ["manager", "employee", "skip", "peer"] as const) {
      const post = await team.as(role, "/api/v1/onboarding-templates", { body: template });
      expect(post.status).toBe(403);
      const patch = await team.as(role, `/api/v1/onboarding-templates/${t.id}`, {
        method: "PATCH",
        body: { name: "Mine" },
      });
      expect(patch.status).toBe(403);
    }
    expect(await growthState(deps)).toEqual(before);
  });

  const stage = (day: number, extra: object = {}) => ({ day, title: `Day ${day}`, ...extra });
  it.each([
    ["days that do not increase", [stage(30), stage(30)], "stages.1.day"],
    ["days going backwards", [stage(60), stage(30)], "stages.1.day"],
    ["day 0", [stage(0)], "stages.0.day"],
    ["day 366", [stage(366)], "stages.0.day"],
    ["a fractional day", [stage(1.5)], "stages.0.day"],
    ["no stages", [], "stages"],
    ["eleven stages", Array.from({ length: 11 }, (_, i) => stage(i + 1)), "stages"],
    ["an empty title", [stage(30, { title: " " })], "stages.0.title"],
    [
      "21 success lines",
      [stage(30, { success: Array.from({ length: 21 }, (_, i) => `Line ${i}`) })],
      "stages.0.success",
    ],
    [
      "a success line of 501 characters",
      [stage(30, { success: ["x".repeat(501)] })],
      "stages.0.success.0",
    ],
  ])(
    "refuses a template with %s, naming the field, and changes nothing",
    async (_, stages, path) => {
      const team = await newHire();
      await team.as("hrIn", "/api/v1/onboarding-templates");
      const before = await growthState(deps);
      const res = await team.as("hrIn", "/api/v1/onboarding-templates", {
        body: { name: "Bad", stages },
      });
      expect(res.status).toBe(400);
      const err = await res.json();
      expect(err.error.code).toBe("validation.failed");
      expect(err.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await growthState(deps)).toEqual(before);
    },
  );

  it("answers 404 for a template that does not exist", async () => {
    const team = await newHire();
    const missing = crypto.randomUUID();
    expect((await team.as("hrIn", `/api/v1/onboarding-templates/${missing}`)).status).toBe(404);
    const patch = await team.as("hrIn", `/api/v1/onboarding-templates/${missing}`, {
      method: "PATCH",
      body: { name: "x" },
    });
    expect(patch.status).toBe(404);
  });
});

describe("onboarding plans", () => {
  it("starts on the hire date from the default template, with stages due on start + day, visible to both from day one", async () => {
    const team = await newHire();
    const plan = await startPlan(team);
    expect(plan).toMatchObject({
      person: { id: team.employee.id, name: "Eli Employee" },
      manager: { id: team.manager.id },
      startDate: "2026-03-02",
      status: "active",
      abilities: { editStages: true, checkInAsManager: true, checkInAsEmployee: false },
    });
    expect(plan.stages.map((s) => [s.day, s.dueOn, s.status])).toEqual([
      [30, "2026-04-01", "upcoming"],
      [60, "2026-05-01", "upcoming"],
      [90, "2026-05-31", "upcoming"],
    ]);
    expect(plan.stages[0]!.success.length).toBeGreaterThan(0);

    const mine = await team.as("employee", `/api/v1/onboarding-plans/${plan.id}`);
    expect(mine.status).toBe(200);
    expect((await mine.json()).abilities).toEqual({
      editStages: false,
      checkInAsManager: false,
      checkInAsEmployee: true,
    });
    const list = await team.as("employee", `/api/v1/people/${team.employee.id}/onboarding-plans`);
    expect((await list.json()).items.map((p: { id: string }) => p.id)).toEqual([plan.id]);

    const [event] = await auditOf(deps, "onboarding_plan.created");
    expect(event).toMatchObject({ actor_id: team.manager.id, subject_id: plan.id });
    const told = await db.execute<{ person_id: string }>(
      sql`SELECT person_id FROM notifications WHERE subject_id = ${plan.id}`,
    );
    expect(told.rows.map((r) => r.person_id)).toEqual([team.employee.id]);
  });

  it("lets HR in scope start a plan with a chosen template and start date; the plan stays the manager's", async () => {
    const team = await newHire();
    const t = await team.as("hrIn", "/api/v1/onboarding-templates", {
      body: { name: "Short", stages: [{ day: 7, title: "First week", success: ["Set up"] }] },
    });
    const template = await t.json();
    const plan = await startPlan(team, "hrIn", {
      templateId: template.id,
      startDate: "2026-03-09",
    });
    expect(plan).toMatchObject({ templateId: template.id, manager: { id: team.manager.id } });
    expect(plan.stages.map((s) => [s.day, s.dueOn, s.title])).toEqual([
      [7, "2026-03-16", "First week"],
    ]);
    const told = await db.execute<{ person_id: string }>(
      sql`SELECT person_id FROM notifications WHERE subject_id = ${plan.id} ORDER BY person_id`,
    );
    expect(told.rows.map((r) => r.person_id).sort()).toEqual(
      [team.employee.id, team.manager.id].sort(),
    );
  });

  it("allows one running plan per person: a second answers 409 and changes nothing", async () => {
    const team = await newHire();
    const plan = await startPlan(team);
    const before = await growthState(deps);
    const res = await team.as("hrIn", `/api/v1/people/${team.employee.id}/onboarding-plans`, {
      body: {},
    });
    expect(res.status).toBe(409);
    const err = await res.json();
    expect(err.error).toMatchObject({
      code: "onboarding_plan.exists",
      details: { planId: plan.id },
    });
    expect(await growthState(deps)).toEqual(before);
  });

  it("starts only one plan when two are started at once", async () => {
    const team = await newHire();
    const path = `/api/v1/people/${team.employee.id}/onboarding-plans`;
    const results = await Promise.all([
      team.as("manager", path, { body: {} }),
      team.as("hrIn", path, { body: {} }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it.each([
    ["no hire date and no start date", {}, null],
    ["a start date two years ago", { startDate: "2024-03-01" }, "2026-03-02"],
    ["a start date of year 0000", { startDate: "0000-01-01" }, "2026-03-02"],
    ["a template that does not exist", { templateId: crypto.randomUUID() }, "2026-03-02"],
    ["a template id that is not an id", { templateId: "default" }, "2026-03-02"],
  ])("refuses a plan with %s, and changes nothing", async (_, body, hireDate) => {
    const team = await growthTeam(deps, app, { hireDate });
    await team.as("manager", "/api/v1/onboarding-templates");
    const before = await growthState(deps);
    const res = await team.as("manager", `/api/v1/people/${team.employee.id}/onboarding-plans`, {
      body,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("validation.failed");
    expect(await growthState(deps)).toEqual(before);
  });

  const starters: Record<GrowthRole, number> = {
    manager: 201,
    hrIn: 201,
    employee: 403,
    skip: 403,
    peer: 404,
    hrOut: 404,
    admin: 404,
  };
  it.each(allRoles)("answers %s starting a plan as the policy says", async (role) => {
    const team = await newHire();
    await team.as("manager", "/api/v1/onboarding-templates");
    const before = await growthState(deps);
    const res = await team.as(role, `/api/v1/people/${team.employee.id}/onboarding-plans`, {
      body: {},
    });
    expect(res.status).toBe(starters[role]);
    if (res.status !== 201) expect(await growthState(deps)).toEqual(before);
  });

  const readers: Record<GrowthRole, number> = {
    employee: 200,
    manager: 200,
    skip: 200,
    hrIn: 200,
    peer: 404,
    hrOut: 404,
    admin: 404,
  };
  it.each(allRoles)("answers %s reading a plan as the policy says", async (role) => {
    const team = await newHire();
    const plan = await startPlan(team);
    expect((await team.as(role, `/api/v1/onboarding-plans/${plan.id}`)).status).toBe(readers[role]);
    expect(
      (await team.as(role, `/api/v1/people/${team.employee.id}/onboarding-plans`)).status,
    ).toBe(readers[role]);
  });
});

describe("what success looks like, per plan", () => {
  it("lets the manager and HR rewrite a stage for this plan only, leaving the template alone", async () => {
    const team = await newHire();
    const plan = await startPlan(team);
    const res = await team.as("manager", stagePath(plan, 0), {
      method: "PATCH",
      body: { success: ["Has shipped the onboarding ticket.", "Knows the on-call rota."] },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).stages[0].success).toEqual([
      "Has shipped the onboarding ticket.",
      "Knows the on-call rota.",
    ]);
    const hr = await team.as("hrIn", stagePath(plan, 1), {
      method: "PATCH",
      body: { title: "Contribute fully" },
    });
    expect(hr.status).toBe(200);
    const [event] = await auditOf(deps, "onboarding_stage.edited");
    expect(event!.data).toMatchObject({ stageId: plan.stages[0]!.id, fields: ["success"] });
    expect(JSON.stringify(event!.data)).not.toContain("on-call");
    const templates = await (await team.as("manager", "/api/v1/onboarding-templates")).json();
    expect(templates.items[0].stages[0].success).not.toContain("Knows the on-call rota.");
  });

  it("refuses others and bad input, and changes nothing", async () => {
    const team = await newHire();
    const plan = await startPlan(team);
    const before = await growthState(deps);
    const cases: [GrowthRole, object, number][] = [
      ["employee", { title: "Mine" }, 403],
      ["skip", { title: "Mine" }, 403],
      ["peer", { title: "Mine" }, 404],
      ["hrOut", { title: "Mine" }, 404],
      ["admin", { title: "Mine" }, 404],
      ["manager", { title: "" }, 400],
      ["manager", { title: "x".repeat(201) }, 400],
      ["manager", { success: Array.from({ length: 21 }, () => "Line") }, 400],
      ["manager", { success: ["x".repeat(501)] }, 400],
      ["manager", { success: [""] }, 400],
    ];
    for (const [role, body, status] of cases) {
      const res = await team.as(role, stagePath(plan, 0), { method: "PATCH", body });
      expect(res.status, `${role} ${JSON.stringify(body).slice(0, 40)}`).toBe(status);
    }
    const otherStage = await team.as(
      "manager",
      `/api/v1/onboarding-plans/${plan.id}/stages/${crypto.randomUUID()}`,
      { method: "PATCH", body: { title: "x" } },
    );
    expect(otherStage.status).toBe(404);
    expect(await growthState(deps)).toEqual(before);
  });

  it("records nothing when a stage edit changes nothing", async () => {
    const team = await newHire();
    const plan = await startPlan(team);
    const before = await growthState(deps);
    const res = await team.as("manager", stagePath(plan, 0), {
      method: "PATCH",
      body: { title: plan.stages[0]!.title },
    });
    expect(res.status).toBe(200);
    expect(await growthState(deps)).toEqual(before);
  });
});

describe("check-ins at each stage", () => {
  it("takes each side's part in either order; the manager's checks the stage in, and the last one completes the plan", async () => {
    const team = await newHire();
    const plan = await startPlan(team);
    deps.setNow(new Date("2026-04-01T15:00:00Z"));

    const employee = await team.as("employee", stagePath(plan, 0, "/employee"), {
      method: "PUT",
      body: { notes: "I know who to ask now." },
    });
    expect(employee.status).toBe(200);
    expect((await employee.json()).stages[0]).toMatchObject({
      employeeNotes: "I know who to ask now.",
      status: "upcoming",
      checkedInAt: null,
    });

    const manager = await team.as("manager", stagePath(plan, 0, "/manager"), {
      method: "PUT",
      body: { notes: "A strong first month.", rating: 4 },
    });
    expect(manager.status).toBe(200);
    const after = await manager.json();
    expect(after.stages[0]).toMatchObject({
      managerNotes: "A strong first month.",
      employeeNotes: "I know who to ask now.",
      rating: 4,
      status: "checked_in",
      checkedInAt: "2026-04-01T15:00:00.000Z",
    });
    expect(after.status).toBe("active");
    // Both sides read the whole check-in.
    const seen = await (await team.as("employee", `/api/v1/onboarding-plans/${plan.id}`)).json();
    expect(seen.stages[0].managerNotes).toBe("A strong first month.");

    // A correction keeps the first check-in time.
    deps.setNow(new Date("2026-04-02T09:00:00Z"));
    const corrected = await team.as("manager", stagePath(plan, 0, "/manager"), {
      method: "PUT",
      body: { notes: "A strong first month; the setup took long.", rating: 4 },
    });
    expect((await corrected.json()).stages[0].checkedInAt).toBe("2026-04-01T15:00:00.000Z");
    expect(await auditOf(deps, "onboarding_stage.check_in_corrected")).toHaveLength(1);

    await team.as("hrIn", stagePath(plan, 1, "/manager"), {
      method: "PUT",
      body: { rating: 3 },
    });
    const last = await team.as("manager", stagePath(plan, 2, "/manager"), {
      method: "PUT",
      body: { notes: "Owns the billing export.", rating: 5 },
    });
    const done = await last.json();
    expect(done.status).toBe("completed");
    expect(done.abilities.editStages).toBe(false);
    expect(await auditOf(deps, "onboarding_plan.completed")).toHaveLength(1);

    // The new hire may still add their notes to the last stage.
    const lateNotes = await team.as("employee", stagePath(plan, 2, "/employee"), {
      method: "PUT",
      body: { notes: "Thanks for the support." },
    });
    expect(lateNotes.status).toBe(200);

    // Completed plans no longer change what success looks like, and a new plan may start.
    const edit = await team.as("manager", stagePath(plan, 0), {
      method: "PATCH",
      body: { title: "Late" },
    });
    expect(edit.status).toBe(409);
    const again = await team.as("manager", `/api/v1/people/${team.employee.id}/onboarding-plans`, {
      body: { startDate: "2026-06-01" },
    });
    expect(again.status).toBe(201);

    const events = await auditOf(deps, "onboarding_stage.checked_in");
    expect(events).toHaveLength(3);
    expect(await auditOf(deps, "onboarding_stage.employee_notes")).toHaveLength(2);
    for (const e of [...events, ...(await auditOf(deps, "onboarding_stage.employee_notes"))])
      expect(JSON.stringify(e.data)).not.toMatch(/strong|ask now|billing|support/);
    deps.setNow(new Date("2026-03-02T09:00:00.000Z"));
  });

  it("lets each side write only their own part, and refuses bad ratings, changing nothing", async () => {
    const team = await newHire();
    const plan = await startPlan(team);
    const before = await growthState(deps);
    const cases: [GrowthRole, string, object, number][] = [
      ["employee", "/manager", { notes: "Great", rating: 5 }, 403],
      ["manager", "/employee", { notes: "They are happy" }, 403],
      ["hrIn", "/employee", { notes: "They are happy" }, 403],
      ["skip", "/manager", { notes: "x", rating: 3 }, 403],
      ["skip", "/employee", { notes: "x" }, 403],
      ["peer", "/manager", { notes: "x", rating: 3 }, 404],
      ["hrOut", "/manager", { notes: "x", rating: 3 }, 404],
      ["admin", "/manager", { notes: "x", rating: 3 }, 404],
      ["manager", "/manager", { notes: "x", rating: 0 }, 400],
      ["manager", "/manager", { notes: "x", rating: 6 }, 400],
      ["manager", "/manager", { notes: "x", rating: 2.5 }, 400],
      ["manager", "/manager", { notes: "x" }, 400],
      ["manager", "/manager", { notes: "x".repeat(10_001), rating: 3 }, 400],
      ["employee", "/employee", { notes: "x".repeat(10_001) }, 400],
      ["employee", "/employee", {}, 400],
    ];
    for (const [role, side, body, status] of cases) {
      const res = await team.as(role, stagePath(plan, 0, side), { method: "PUT", body });
      expect(res.status, `${role}${side}`).toBe(status);
    }
    expect(await growthState(deps)).toEqual(before);
  });
});
