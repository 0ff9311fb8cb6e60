import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie, walkPlanTo } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import type { PlanAction, PlanStatus } from "./plans.types.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

// The people around one plan: the chain above the employee, HR in and out of scope, a peer, an admin.
const ceo = await makeUser(deps, { name: "Cora Chief", title: "CEO", department: "Leadership" });
const manager = await makeUser(deps, { name: "Max Manager", managerId: ceo.id });
const employee = await makeUser(deps, { name: "Erin Employee", managerId: manager.id });
const peer = await makeUser(deps, { name: "Pat Peer", managerId: manager.id });
const hrIn = await makeUser(deps, {
  name: "Hana HR",
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const hrOut = await makeUser(deps, {
  name: "Otto HR",
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Sales"],
});
const admin = await makeUser(deps, { name: "Ada Admin", department: "IT", roles: ["admin"] });

type Role =
  | "manager"
  | "employee"
  | "hr in scope"
  | "hr out of scope"
  | "peer"
  | "skip-level"
  | "admin";
const users = {
  manager,
  employee,
  "hr in scope": hrIn,
  "hr out of scope": hrOut,
  peer,
  "skip-level": ceo,
  admin,
} satisfies Record<Role, unknown>;
const cookies = Object.fromEntries(
  await Promise.all(
    Object.entries(users).map(async ([role, u]) => [
      role,
      await signInCookie(app, u.email, u.password),
    ]),
  ),
) as Record<Role, string>;
const roles = Object.keys(users) as Role[];

/** The lifecycle as the issue describes it: what may follow each status. */
const lifecycle: Record<PlanStatus, PlanAction[]> = {
  draft: ["submit", "close"],
  in_review: ["request_changes", "approve", "reopen", "close"],
  changes_requested: ["submit", "reopen", "close"],
  approved: ["reopen", "issue", "close"],
  issued: ["acknowledge", "start", "close"],
  acknowledged: ["start", "close"],
  active: ["pause", "extend", "close"],
  paused: ["resume", "extend", "close"],
  extended: ["pause", "extend", "close"],
  closed: [],
};
const resultOf: Record<PlanAction, (from: PlanStatus) => PlanStatus> = {
  submit: () => "in_review",
  request_changes: () => "changes_requested",
  approve: () => "approved",
  reopen: () => "draft",
  issue: () => "issued",
  acknowledge: () => "acknowledged",
  start: () => "active",
  pause: () => "paused",
  resume: () => "active",
  extend: () => "extended",
  close: () => "closed",
};
/** Who takes each action in real life. */
const actors: Record<PlanAction, Role[]> = {
  submit: ["manager"],
  reopen: ["manager"],
  request_changes: ["hr in scope"],
  approve: ["hr in scope"],
  issue: ["manager", "hr in scope"],
  acknowledge: ["employee"],
  start: ["manager", "hr in scope"],
  pause: ["manager", "hr in scope"],
  resume: ["manager", "hr in scope"],
  extend: ["manager", "hr in scope"],
  close: ["manager", "hr in scope"],
};
const employeeSees: PlanStatus[] = [
  "issued",
  "acknowledged",
  "active",
  "paused",
  "extended",
  "closed",
];
// walkPlanTo closes a plan with its goals met, so the closed plan is sealed: the chain above the
// manager who ran it no longer sees it (plans.sealing.test.ts has the rest of the seal).
const sees = (role: Role, status: PlanStatus) =>
  role === "manager" ||
  role === "hr in scope" ||
  (role === "skip-level" && status !== "closed") ||
  (role === "employee" && employeeSees.includes(status));

const statuses = Object.keys(lifecycle) as PlanStatus[];
const allActions = Object.keys(resultOf) as PlanAction[];

function bodyFor(action: PlanAction, from: PlanStatus, version: number) {
  const ran = ["issued", "acknowledged", "active", "paused", "extended"].includes(from);
  return {
    action,
    version,
    ...(action === "request_changes" ? { comment: "Make the first milestone smaller." } : {}),
    ...(action === "extend" ? { newEndDate: "2026-06-30", reason: "More time to practise." } : {}),
    ...(action === "close"
      ? { outcome: ran ? "goals_met" : "withdrawn", managerReflection: "Done." }
      : {}),
  };
}

async function planIn(status: PlanStatus) {
  const { plan } = await makePlan(deps, { employee, manager, hr: hrIn });
  return walkPlanTo(deps, plan.id, status);
}

const auditCount = async (planId: string) =>
  (
    await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = ${planId}`,
    )
  ).rows[0]!.n;

// One plan per status for refused moves (a refused move changes nothing, so they can share it).
const shared = Object.fromEntries(
  await Promise.all(statuses.map(async (s) => [s, await planIn(s)])),
) as Record<PlanStatus, Awaited<ReturnType<typeof planIn>>>;

type Case = { role: Role; from: PlanStatus; action: PlanAction; expect: number };
const cases: Case[] = [];
for (const from of statuses)
  for (const action of allActions)
    for (const role of roles) {
      const expectStatus = !sees(role, from)
        ? 404
        : !lifecycle[from].includes(action)
          ? 409
          : !actors[action].includes(role)
            ? 403
            : 200;
      cases.push({ role, from, action, expect: expectStatus });
    }

describe("every lifecycle move, for every role", () => {
  it.each(cases.filter((c) => c.expect === 200))(
    "the $role can $action a plan that is $from",
    async ({ role, from, action }) => {
      const plan = await planIn(from);
      const before = await auditCount(plan.id);
      const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
        cookie: cookies[role],
        body: bodyFor(action, from, plan.version),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const body = await res.json();
      expect(body.plan.plan.status).toBe(resultOf[action](from));
      expect(body.plan.plan.version).toBe(plan.version + 1);
      expect(typeof body.message).toBe("string");
      const events = await db.execute<{ action: string; data: { from: string; to: string } }>(
        sql`SELECT action, data FROM audit_events WHERE subject_id = ${plan.id} ORDER BY seq DESC LIMIT 1`,
      );
      expect(events.rows[0]).toMatchObject({
        action: `plan.${action}`,
        data: { from, to: resultOf[action](from) },
      });
      expect(await auditCount(plan.id)).toBeGreaterThan(before);
    },
  );

  it.each(cases.filter((c) => c.expect === 409))(
    "a plan that is $from cannot be moved by $action (409 with what is allowed), even by the $role",
    async ({ role, from, action }) => {
      const plan = shared[from];
      const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
        cookie: cookies[role],
        body: bodyFor(action, from, plan.version),
      });
      expect(res.status).toBe(409);
      const body = await res.json();
      expect(body.error.code).toBe("plan.invalid_transition");
      expect(body.error.details).toEqual({ status: from, allowed: lifecycle[from] });
    },
  );

  it.each(cases.filter((c) => c.expect === 403))(
    "the $role may see but not $action a plan that is $from, and nothing changes",
    async ({ role, from, action }) => {
      const plan = shared[from];
      const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
        cookie: cookies[role],
        body: bodyFor(action, from, plan.version),
      });
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.code).toBe("plan.forbidden");
      expect(body.error.message).toMatch(/Only/);
      const detail = await (
        await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookies.manager })
      ).json();
      expect(detail.plan.version).toBe(plan.version);
      expect(detail.plan.status).toBe(from);
    },
  );

  it.each(cases.filter((c) => c.expect === 404))(
    "to the $role a plan that is $from does not exist ($action answers 404)",
    async ({ role, from, action }) => {
      const plan = shared[from];
      const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
        cookie: cookies[role],
        body: bodyFor(action, from, plan.version),
      });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("plan.not_found");
    },
  );
});

describe("what each role sees of a plan", () => {
  it.each(statuses.flatMap((status) => roles.map((role) => ({ status, role }))))(
    "a plan that is $status, seen by the $role",
    async ({ status, role }) => {
      const plan = shared[status];
      const res = await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookies[role] });
      if (!sees(role, status)) {
        expect(res.status).toBe(404);
        expect((await res.json()).error.code).toBe("plan.not_found");
        return;
      }
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.allowedActions).toEqual(
        lifecycle[status].filter((a) => actors[a].includes(role)),
      );
      expect(body.abilities["plan.view"]).toBe(true);
      expect(body.abilities["plan.edit"]).toBe(role === "manager" && status !== "closed");
    },
  );
});

describe("the rules of particular moves", () => {
  it("submitting an incomplete plan lists what is missing and changes nothing", async () => {
    const { plan } = await makePlan(deps, {
      employee,
      manager,
      hr: hrIn,
      plan: { standard: "", goodFaith: null },
    });
    const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.manager,
      body: { action: "submit", version: plan.version },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("plan.incomplete");
    expect(body.error.details.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(["standard", "goodFaith"]),
    );
    const detail = await (
      await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookies.manager })
    ).json();
    expect(detail.plan.status).toBe("draft");
    expect(detail.problems.length).toBeGreaterThan(0);
  });

  it("sending a plan back for changes needs a comment, and HR comments stay after approval", async () => {
    const plan = await planIn("in_review");
    const bare = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies["hr in scope"],
      body: { action: "request_changes", version: plan.version },
    });
    expect(bare.status).toBe(400);
    expect((await bare.json()).error.details).toEqual([
      { path: "comment", message: "Say what needs to change." },
    ]);
    let version = plan.version;
    const step = async (role: Role, body: Record<string, unknown>) => {
      // A minute between steps, as in life: reviews are listed in the order they were given.
      deps.advance(60_000);
      const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
        cookie: cookies[role],
        body: { version, ...body },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const json = await res.json();
      version = json.plan.plan.version;
      return json;
    };
    await step("hr in scope", { action: "request_changes", comment: "The goal needs a baseline." });
    await step("manager", { action: "submit" });
    const approved = await step("hr in scope", { action: "approve", comment: "Fair and clear." });
    expect(
      approved.plan.reviews.map((r: { decision: string; comment: string }) => [
        r.decision,
        r.comment,
      ]),
    ).toEqual([
      ["changes_requested", "The goal needs a baseline."],
      ["approved", "Fair and clear."],
    ]);
    const issued = await step("manager", { action: "issue" });
    expect(issued.plan.reviews).toHaveLength(2);
    // The employee sees the plan, not HR's review of the draft.
    const mine = await (
      await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookies.employee })
    ).json();
    expect(mine.reviews).toEqual([]);
  });

  it("acknowledging says it confirms receipt, not agreement", async () => {
    const plan = await planIn("issued");
    const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.employee,
      body: { action: "acknowledge", version: plan.version },
    });
    const body = await res.json();
    expect(body.message).toMatch(/received/);
    expect(body.message).toMatch(/receipt, not that you agree|not agreement|not that you agree/);
    expect(body.plan.versions[0].acknowledgedAt).not.toBeNull();
    expect(body.plan.plan.pendingAcknowledgement).toBe(false);
    const event = await db.execute<{ data: Record<string, unknown> }>(
      sql`SELECT data FROM audit_events WHERE subject_id = ${plan.id} AND action = 'plan.acknowledge'`,
    );
    expect(event.rows[0]!.data).toMatchObject({ meaning: "receipt, not agreement" });
  });

  it("issuing freezes version 1 and sets the issued version", async () => {
    const plan = await planIn("approved");
    const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies["hr in scope"],
      body: { action: "issue", version: plan.version },
    });
    const body = await res.json();
    expect(body.plan.plan.issuedVersion).toBe(1);
    expect(body.plan.plan.issuedAt).not.toBeNull();
    expect(body.plan.versions).toMatchObject([{ number: 1, acknowledgedAt: null }]);
    expect(body.plan.plan.pendingAcknowledgement).toBe(true);
    const snap = await (
      await send(app, `/api/v1/plans/${plan.id}/versions/1`, { cookie: cookies.employee })
    ).json();
    expect(snap.snapshot.goals[0].description).toBe("Answer code reviews within two working days");
  });

  it("an extension needs a later end date, makes a new version and asks for a new acknowledgement", async () => {
    const plan = await planIn("active");
    const early = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.manager,
      body: { action: "extend", version: plan.version, newEndDate: "2026-04-01" },
    });
    expect(early.status).toBe(400);
    expect((await early.json()).error.details[0].path).toBe("newEndDate");
    const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.manager,
      body: {
        action: "extend",
        version: plan.version,
        newEndDate: "2026-05-04",
        reason: "Holidays",
      },
    });
    const body = await res.json();
    expect(body.plan.plan).toMatchObject({
      status: "extended",
      endDate: "2026-05-04",
      issuedVersion: 2,
      pendingAcknowledgement: true,
    });
    const changes = await (
      await send(app, `/api/v1/plans/${plan.id}/versions/2/changes`, { cookie: cookies.employee })
    ).json();
    expect(changes.changes).toContain("End date moved from 2026-04-20 to 2026-05-04");
    expect(changes.changes).toContain("Reason for the extension: Holidays");
    // The employee acknowledges the new version; the plan keeps running.
    const ack = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.employee,
      body: { action: "acknowledge", version: body.plan.plan.version },
    });
    expect(ack.status).toBe(200);
    const acked = await ack.json();
    expect(acked.plan.plan.status).toBe("extended");
    expect(acked.plan.plan.pendingAcknowledgement).toBe(false);
  });

  it("closing needs an outcome; a plan never issued can only be withdrawn", async () => {
    const draft = await planIn("draft");
    const none = await send(app, `/api/v1/plans/${draft.id}/transitions`, {
      cookie: cookies.manager,
      body: { action: "close", version: draft.version },
    });
    expect(none.status).toBe(400);
    expect((await none.json()).error.details[0].path).toBe("outcome");
    const met = await send(app, `/api/v1/plans/${draft.id}/transitions`, {
      cookie: cookies.manager,
      body: { action: "close", version: draft.version, outcome: "goals_met" },
    });
    expect(met.status).toBe(409);
    expect((await met.json()).error.message).toMatch(/only be closed as withdrawn/);
  });

  it("a plan withdrawn before it was issued stays hidden from its employee", async () => {
    const plan = await planIn("in_review");
    const closed = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies["hr in scope"],
      body: { action: "close", version: plan.version, outcome: "withdrawn" },
    });
    expect(closed.status).toBe(200);
    for (const path of [`/api/v1/plans/${plan.id}`, `/api/v1/plans/${plan.id}/pdf`])
      expect((await send(app, path, { cookie: cookies.employee })).status).toBe(404);
    const mine = await (
      await send(app, "/api/v1/plans?scope=mine", { cookie: cookies.employee })
    ).json();
    expect(mine.items.map((i: { id: string }) => i.id)).not.toContain(plan.id);
    expect((await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookies.manager })).status).toBe(
      200,
    );
  });

  it("resume returns a paused plan to where it was", async () => {
    const plan = await planIn("extended");
    let res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.manager,
      body: { action: "pause", version: plan.version },
    });
    const paused = await res.json();
    expect(paused.plan.plan).toMatchObject({ status: "paused", pausedFrom: "extended" });
    res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.manager,
      body: { action: "resume", version: paused.plan.plan.version },
    });
    expect((await res.json()).plan.plan).toMatchObject({ status: "extended", pausedFrom: null });
  });

  it("a move made against a stale version is refused with the current plan", async () => {
    const plan = await planIn("draft");
    const res = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.manager,
      body: { action: "submit", version: plan.version - 1 || 99 },
    });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe("plan.conflict");
    expect(body.error.details.plan.plan.status).toBe("draft");
  });

  it("the employee writes a closing reflection once the plan is closed, and only then", async () => {
    const running = await planIn("active");
    const early = await send(app, `/api/v1/plans/${running.id}/reflection`, {
      cookie: cookies.employee,
      body: { employeeReflection: "Too early." },
    });
    expect(early.status).toBe(409);
    const plan = await planIn("closed");
    const byManager = await send(app, `/api/v1/plans/${plan.id}/reflection`, {
      cookie: cookies.manager,
      body: { employeeReflection: "Not mine to write." },
    });
    expect(byManager.status).toBe(403);
    const res = await send(app, `/api/v1/plans/${plan.id}/reflection`, {
      cookie: cookies.employee,
      body: { employeeReflection: "The mentor made the difference." },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).plan.employeeReflection).toBe("The mentor made the difference.");
  });
});

describe("who is told about each move", () => {
  const told = async (planId: string, kind: string) =>
    (
      await db.execute<{ person_id: string }>(
        sql`SELECT person_id FROM notifications WHERE subject_id = ${planId} AND kind = ${kind} ORDER BY person_id`,
      )
    ).rows.map((r) => r.person_id);

  it("tells HR of a submission, the manager of HR's decision, the employee of the issue, the manager of the acknowledgement, and both of the close", async () => {
    const { plan } = await makePlan(deps, { employee, manager, hr: hrIn });
    await walkPlanTo(deps, plan.id, "closed");
    expect(await told(plan.id, "plan.submit")).toEqual([hrIn.id]);
    expect(await told(plan.id, "plan.approve")).toEqual([manager.id]);
    expect(await told(plan.id, "plan.issue")).toEqual([employee.id]);
    expect(await told(plan.id, "plan.acknowledge")).toEqual([manager.id]);
    // The manager closed it: they are not told about their own action.
    expect(await told(plan.id, "plan.close")).toEqual([employee.id]);
    const mail = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM mail_messages WHERE "to" = ${employee.email}`,
    );
    expect(mail.rows[0]!.n).toBeGreaterThan(0);
  });

  it("tells every HR partner in scope when the plan has none, and the manager when HR closes it", async () => {
    const { plan } = await makePlan(deps, {
      employee,
      manager,
      hr: hrIn,
      plan: { hrPartnerId: null },
    });
    await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies.manager,
      body: { action: "submit", version: plan.version },
    });
    expect(await told(plan.id, "plan.submit")).toEqual([hrIn.id]);
    const closed = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: cookies["hr in scope"],
      body: { action: "close", version: plan.version + 1, outcome: "withdrawn" },
    });
    expect(closed.status).toBe(200);
    // The employee never saw this plan, so they are not told it was withdrawn.
    expect(await told(plan.id, "plan.close")).toEqual([manager.id]);
  });

  it("tells the manager when HR asks for changes", async () => {
    const plan = await planIn("changes_requested");
    expect(await told(plan.id, "plan.request_changes")).toEqual([manager.id]);
  });
});
