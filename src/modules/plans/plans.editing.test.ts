import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie, walkPlanTo } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { documentOf } from "../../../test/plan-document.js";
import { describeChanges, type PlanSnapshot } from "./plans.diff.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const ceo = await makeUser(deps, { name: "Cora Chief", title: "CEO", department: "Leadership" });
const manager = await makeUser(deps, { name: "Max Manager", managerId: ceo.id });
const hr = await makeUser(deps, {
  name: "Hana HR",
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const mentor = await makeUser(deps, { name: "Mina Mentor", managerId: ceo.id });
const gone = await makeUser(deps, { name: "Gus Gone", managerId: ceo.id, active: false });
const peer = await makeUser(deps, { name: "Pat Peer", managerId: manager.id });
const cookie = {
  manager: await signInCookie(app, manager.email, manager.password),
  hr: await signInCookie(app, hr.email, hr.password),
  ceo: await signInCookie(app, ceo.email, ceo.password),
  peer: await signInCookie(app, peer.email, peer.password),
};

/** A fresh employee (one open plan per person) with a complete draft plan. */
async function draft(name = "Erin Employee") {
  const employee = await makeUser(deps, { name, managerId: manager.id });
  const fixture = await makePlan(deps, { employee, manager, hr });
  const employeeCookie = await signInCookie(app, employee.email, employee.password);
  return { ...fixture, employeeCookie };
}

const getPlan = async (id: string, c = cookie.manager) =>
  (await send(app, `/api/v1/plans/${id}`, { cookie: c })).json();

const save = (id: string, body: unknown, c = cookie.manager) =>
  send(app, `/api/v1/plans/${id}`, { method: "PUT", cookie: c, body });

async function planState(id: string) {
  const r = await db.execute<{ plan: string; evidence: number; goals: number; audit: number }>(sql`
    SELECT (SELECT row_to_json(p)::text FROM plans p WHERE p.id = ${id}) AS plan,
           (SELECT count(*)::int FROM plan_evidence WHERE plan_id = ${id}) AS evidence,
           (SELECT count(*)::int FROM plan_goals WHERE plan_id = ${id}) AS goals,
           (SELECT count(*)::int FROM audit_events
             WHERE subject_id = ${id} AND action <> 'plan.viewed') AS audit`);
  return r.rows[0]!;
}

describe("starting a plan", () => {
  it("a manager starts a draft for a report, with the obvious HR partner", async () => {
    const employee = await makeUser(deps, { name: "Noor New", managerId: manager.id });
    const res = await send(app, "/api/v1/plans", {
      cookie: cookie.manager,
      body: { employeeId: employee.id },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.plan).toMatchObject({
      status: "draft",
      employee: { id: employee.id, name: "Noor New" },
      manager: { id: manager.id },
      hrPartner: { id: hr.id },
      version: 1,
    });
    expect(body.problems.length).toBeGreaterThan(0);
    const second = await send(app, "/api/v1/plans", {
      cookie: cookie.manager,
      body: { employeeId: employee.id },
    });
    expect(second.status).toBe(409);
    const error = (await second.json()).error;
    expect(error.code).toBe("plan.exists");
    expect(error.message).toBe(
      "Noor New already has an open success plan. Close it before starting another.",
    );
  });

  it("a peer cannot start a plan for a colleague", async () => {
    const employee = await makeUser(deps, { name: "Val Victim", managerId: manager.id });
    const res = await send(app, "/api/v1/plans", {
      cookie: cookie.peer,
      body: { employeeId: employee.id },
    });
    expect(res.status).toBe(404);
  });
});

describe("drafting and autosave", () => {
  it("keeps the ids of items that stay and deletes the ones removed", async () => {
    const { plan } = await draft();
    const detail = await getPlan(plan.id);
    const doc = documentOf(detail);
    const [metric, incident] = doc.evidence;
    const goalId = doc.goals[0].id;
    doc.evidence = [
      { ...metric, title: "Review turnaround (median)" },
      {
        kind: "incident",
        title: "Missed hand-over",
        description: "No notes left before leave.",
        impact: "A day lost.",
        occurredOn: "2026-02-24",
        unit: "",
        source: "",
        series: [],
      },
    ];
    doc.goals[0].milestones.push({
      title: "Three weeks under three days",
      dueDate: "2026-03-30",
      target: 3,
      earlyWin: false,
    });
    doc.goals[0].resources[0].mentorId = mentor.id;
    const res = await save(plan.id, doc);
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = await res.json();
    expect(saved.plan.version).toBe(detail.plan.version + 1);
    expect(saved.evidence.map((e: { id: string }) => e.id)).toContain(metric.id);
    expect(saved.evidence.map((e: { id: string }) => e.id)).not.toContain(incident.id);
    expect(saved.evidence.map((e: { title: string }) => e.title)).toEqual([
      "Review turnaround (median)",
      "Missed hand-over",
    ]);
    expect(saved.goals[0].id).toBe(goalId);
    expect(saved.goals[0].milestones).toHaveLength(2);
    expect(saved.goals[0].resources[0].mentor).toEqual({ id: mentor.id, name: "Mina Mentor" });
    const event = await db.execute<{ data: Record<string, unknown> }>(
      sql`SELECT data FROM audit_events WHERE subject_id = ${plan.id} AND action = 'plan.saved'`,
    );
    expect(event.rows[0]!.data).toMatchObject({ from: "draft", to: "draft", goals: 1 });
  });

  it("a save that changes nothing writes nothing", async () => {
    const { plan } = await draft();
    const before = await planState(plan.id);
    const res = await save(plan.id, documentOf(await getPlan(plan.id)));
    expect(res.status).toBe(200);
    expect(await planState(plan.id)).toEqual(before);
  });

  it("a save against a stale version is refused with the current plan, and nothing changes", async () => {
    const { plan } = await draft();
    const doc = documentOf(await getPlan(plan.id));
    expect((await save(plan.id, { ...doc, standard: "First edit." })).status).toBe(200);
    const before = await planState(plan.id);
    const res = await save(plan.id, { ...doc, standard: "Second tab, stale." });
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe("plan.conflict");
    expect(body.error.details.plan.plan.standard).toBe("First edit.");
    expect(body.error.details.currentVersion).toBe(doc.version + 1);
    expect(await planState(plan.id)).toEqual(before);
  });

  const bad: [string, (doc: ReturnType<typeof documentOf>) => unknown, string][] = [
    [
      "an end date before the start",
      (d) => ({ ...d, startDate: "2026-04-01", endDate: "2026-03-01" }),
      "endDate",
    ],
    [
      "a target equal to the baseline",
      (d) => ({ ...d, goals: [{ ...d.goals[0], baseline: 5, target: 5 }] }),
      "goals.0.target",
    ],
    [
      "a string where a number belongs",
      (d) => ({ ...d, goals: [{ ...d.goals[0], target: "ten" }] }),
      "goals.0.target",
    ],
    [
      "six goals",
      (d) => ({
        ...d,
        goals: Array.from({ length: 6 }, () => ({
          ...d.goals[0],
          id: undefined,
          resources: [],
          milestones: [],
        })),
      }),
      "goals",
    ],
    [
      "a resource link that is not a web address",
      (d) => ({
        ...d,
        goals: [
          {
            ...d.goals[0],
            resources: [{ ...d.goals[0].resources[0], link: "javascript:alert(1)" }],
          },
        ],
      }),
      "goals.0.resources.0.link",
    ],
    [
      "an unknown mentor",
      (d) => ({
        ...d,
        goals: [
          {
            ...d.goals[0],
            resources: [
              { ...d.goals[0].resources[0], mentorId: "00000000-0000-4000-8000-000000000000" },
            ],
          },
        ],
      }),
      "goals.0.resources.0.mentorId",
    ],
    [
      "a mentor who has left",
      (d) => ({
        ...d,
        goals: [{ ...d.goals[0], resources: [{ ...d.goals[0].resources[0], mentorId: gone.id }] }],
      }),
      "goals.0.resources.0.mentorId",
    ],
    [
      "a metric value that is text",
      (d) => ({
        ...d,
        evidence: [{ ...d.evidence[0], series: [{ date: "2026-02-02", value: "4" }] }],
      }),
      "evidence.0.series.0.value",
    ],
    ["a cadence of three weeks", (d) => ({ ...d, cadenceDays: 21 }), "cadenceDays"],
  ];
  it.each(bad)(
    "refuses %s with a 400 naming the field, and changes nothing",
    async (_, change, path) => {
      const { plan } = await draft();
      const before = await planState(plan.id);
      const res = await save(plan.id, change(documentOf(await getPlan(plan.id))));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(body.error.message).toBeTruthy();
      expect(await planState(plan.id)).toEqual(before);
    },
  );

  it("refuses a 30 MB body with 413, and changes nothing", async () => {
    const { plan } = await draft();
    const before = await planState(plan.id);
    const doc = documentOf(await getPlan(plan.id));
    const huge = JSON.stringify({
      ...doc,
      goals: [
        {
          ...doc.goals[0],
          resources: [{ ...doc.goals[0].resources[0], link: "x".repeat(30 * 1024 * 1024) }],
        },
      ],
    });
    const res = await save(plan.id, huge);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("request.too_large");
    expect(await planState(plan.id)).toEqual(before);
  });

  it("the employee cannot edit their plan, and nothing changes", async () => {
    const { plan, employeeCookie } = await draft();
    const issued = await walkPlanTo(deps, plan.id, "issued");
    const doc = documentOf(await getPlan(plan.id));
    const before = await planState(plan.id);
    const res = await save(
      plan.id,
      { ...doc, goals: [{ ...doc.goals[0], target: 4 }] },
      employeeCookie,
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/Only the plan's manager/);
    expect(await planState(plan.id)).toEqual(before);
    expect(issued.status).toBe("issued");
    // Before issue the plan does not exist for them at all.
    const other = await draft("Dee Draft");
    const hidden = await save(
      other.plan.id,
      documentOf(await getPlan(other.plan.id)),
      other.employeeCookie,
    );
    expect(hidden.status).toBe(404);
  });

  it("a change to a plan under review or approved sends it back to draft for HR to review again", async () => {
    const { plan } = await draft();
    await walkPlanTo(deps, plan.id, "approved");
    const doc = documentOf(await getPlan(plan.id));
    const res = await save(plan.id, { ...doc, standard: "Reviews within one working day." });
    expect((await res.json()).plan.status).toBe("draft");
    const event = await db.execute<{ data: Record<string, unknown> }>(
      sql`SELECT data FROM audit_events WHERE subject_id = ${plan.id} AND action = 'plan.saved'`,
    );
    expect(event.rows[0]!.data).toMatchObject({
      from: "approved",
      to: "draft",
      returnedToDraft: true,
    });
    expect(String(event.rows[0]!.data.note)).toMatch(/HR must review it again/);
  });
});

describe("changes after issue", () => {
  it("make version 2 with readable change sentences, and the employee must acknowledge again", async () => {
    const { plan, employee, employeeCookie } = await draft();
    await walkPlanTo(deps, plan.id, "active");
    const detail = await getPlan(plan.id);
    expect(detail.plan.pendingAcknowledgement).toBe(false);
    const doc = documentOf(detail);
    doc.goals[0].target = 3;
    doc.endDate = "2026-04-27";
    doc.evidence.push({
      kind: "incident",
      title: "Late reports",
      description: "Two reports after the deadline.",
      impact: "Finance waited.",
      occurredOn: "2026-03-10",
      unit: "",
      source: "",
      series: [],
    });
    doc.evidence = doc.evidence.filter(
      (e: { title: string }) => e.title !== "Late reports" || !("id" in e && e.id),
    );
    const res = await save(plan.id, doc);
    expect(res.status, await res.clone().text()).toBe(200);
    const saved = await res.json();
    expect(saved.plan).toMatchObject({
      status: "active",
      issuedVersion: 2,
      pendingAcknowledgement: true,
    });
    expect(saved.versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    const changes = await (
      await send(app, `/api/v1/plans/${plan.id}/versions/2/changes`, { cookie: employeeCookie })
    ).json();
    expect(changes.changes).toEqual(
      expect.arrayContaining([
        "Goal 1 target changed from 2 to 3",
        "End date moved from 2026-04-20 to 2026-04-27",
        "Evidence 'Late reports' added",
        "Evidence 'Late reports' removed",
      ]),
    );
    expect(saved.versions[1].changeSummary).toContain("Goal 1 target changed from 2 to 3");
    const mine = await getPlan(plan.id, employeeCookie);
    expect(mine.allowedActions).toEqual(["acknowledge"]);
    const told = await db.execute<{ title: string }>(
      sql`SELECT title FROM notifications WHERE person_id = ${employee.id} AND kind = 'plan.changed'`,
    );
    expect(told.rows[0]!.title).toMatch(/version 2/);
    const ack = await send(app, `/api/v1/plans/${plan.id}/transitions`, {
      cookie: employeeCookie,
      body: { action: "acknowledge", version: saved.plan.version },
    });
    expect((await ack.json()).plan.plan).toMatchObject({
      status: "active",
      pendingAcknowledgement: false,
    });
  });

  it("an acknowledged plan that changes goes back to issued", async () => {
    const { plan } = await draft();
    await walkPlanTo(deps, plan.id, "acknowledged");
    const doc = documentOf(await getPlan(plan.id));
    const res = await save(plan.id, { ...doc, cadenceDays: 14 });
    const saved = await res.json();
    expect(saved.plan).toMatchObject({
      status: "issued",
      issuedVersion: 2,
      pendingAcknowledgement: true,
    });
    expect(saved.versions[1].changeSummary).toBe(
      "Check-in cadence changed from every 7 days to every 14 days",
    );
  });
});

describe("describing changes between versions", () => {
  const base: PlanSnapshot = {
    employee: { id: "e", name: "Erin" },
    manager: { id: "m", name: "Max" },
    standard: "Reviews within two days.",
    startDate: "2026-03-09",
    endDate: "2026-04-20",
    cadenceDays: 7,
    evidence: [],
    causes: [{ cause: "skill", notes: "" }],
    goals: [
      {
        id: "g1",
        description: "Fewer defects",
        metric: "Defects",
        unit: "",
        direction: "down",
        baseline: 10,
        target: 5,
        measurement: "",
        dueDate: "2026-04-17",
        resources: [],
        milestones: [],
      },
      {
        id: "g2",
        description: "Faster reviews",
        metric: "Days",
        unit: "",
        direction: "down",
        baseline: 15,
        target: 12,
        measurement: "",
        dueDate: "2026-04-17",
        resources: [],
        milestones: [],
      },
    ],
  };
  it("names goals by their number and says what moved", () => {
    const after: PlanSnapshot = {
      ...base,
      goals: [base.goals[0]!, { ...base.goals[1]!, target: 10 }],
      causes: [...base.causes, { cause: "overload", notes: "" }],
    };
    expect(describeChanges(base, after)).toEqual([
      "Root cause 'Overload' added",
      "Goal 2 target changed from 12 to 10",
    ]);
  });
  it("removing the first goal does not read as a change to every later one", () => {
    expect(describeChanges(base, { ...base, goals: [base.goals[1]!] })).toEqual([
      "Goal 'Fewer defects' removed",
    ]);
  });
  it("says nothing when nothing changed", () => {
    expect(describeChanges(base, structuredClone(base))).toEqual([]);
  });
});

describe("private notes", () => {
  it("are seen only by their author and never reach the employee by any path", async () => {
    const { plan, employeeCookie } = await draft();
    await walkPlanTo(deps, plan.id, "active");
    const secret = "Worried this is about the complaint last month";
    const res = await send(app, `/api/v1/plans/${plan.id}/private-notes`, {
      cookie: cookie.manager,
      body: { body: secret },
    });
    expect(res.status).toBe(201);
    const note = await res.json();
    const hrNote = await send(app, `/api/v1/plans/${plan.id}/private-notes`, {
      cookie: cookie.hr,
      body: { body: "HR's own note" },
    });
    expect(hrNote.status).toBe(201);

    const managerView = await getPlan(plan.id);
    expect(managerView.privateNotes.map((n: { body: string }) => n.body)).toEqual([secret]);
    const hrView = await getPlan(plan.id, cookie.hr);
    expect(hrView.privateNotes.map((n: { body: string }) => n.body)).toEqual(["HR's own note"]);

    for (const path of [
      `/api/v1/plans/${plan.id}`,
      `/api/v1/plans/${plan.id}/versions/1`,
      `/api/v1/plans/${plan.id}/versions/1/changes`,
      "/api/v1/plans?scope=mine",
    ]) {
      const text = await (await send(app, path, { cookie: employeeCookie })).text();
      expect(text).not.toContain(secret);
      expect(text).not.toContain("HR's own note");
    }
    const employeeTry = await send(app, `/api/v1/plans/${plan.id}/private-notes`, {
      cookie: employeeCookie,
      body: { body: "Can I?" },
    });
    expect(employeeTry.status).toBe(404);
    const peerTry = await send(app, `/api/v1/plans/${plan.id}`, { cookie: cookie.peer });
    expect(peerTry.status).toBe(404);

    const audit = await db.execute<{ data: Record<string, unknown> }>(
      sql`SELECT data FROM audit_events WHERE action = 'plan.private_note_added' AND subject_id = ${plan.id}`,
    );
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0]!.data).toEqual({ noteId: note.id });
    expect(JSON.stringify(audit.rows)).not.toContain(secret);
  });
});

describe("listing plans", () => {
  it("shows each person the plans they may see, by scope, status and name", async () => {
    const a = await draft("Alice Able");
    const b = await draft("Bob Baker");
    await walkPlanTo(deps, a.plan.id, "issued");
    await walkPlanTo(deps, b.plan.id, "in_review");
    const list = async (c: string, query: string) =>
      (await (await send(app, `/api/v1/plans?${query}`, { cookie: c })).json()).items as {
        id: string;
        employee: { name: string };
        status: string;
        pendingAcknowledgement: boolean;
      }[];
    const ids = (items: { id: string }[]) => items.map((i) => i.id);

    const mine = await list(a.employeeCookie, "scope=mine");
    expect(ids(mine)).toEqual([a.plan.id]);
    expect(mine[0]!.pendingAcknowledgement).toBe(true);
    // Bob's plan is under review: Bob does not see it yet.
    expect(await list(b.employeeCookie, "scope=mine")).toEqual([]);

    const team = ids(await list(cookie.manager, "scope=team"));
    expect(team).toEqual(expect.arrayContaining([a.plan.id, b.plan.id]));
    expect(ids(await list(cookie.ceo, "scope=team"))).toEqual(expect.arrayContaining([a.plan.id]));
    expect(await list(cookie.peer, "scope=all")).toEqual([]);

    const queue = await list(cookie.hr, "scope=review");
    expect(ids(queue)).toContain(b.plan.id);
    expect(queue.every((p) => p.status === "in_review")).toBe(true);
    expect(await list(cookie.manager, "scope=review")).toEqual([]);

    expect(ids(await list(cookie.manager, "q=alice"))).toEqual([a.plan.id]);
    expect(ids(await list(cookie.manager, "q=PIP"))).toEqual(
      expect.arrayContaining([a.plan.id, b.plan.id]),
    );
    expect(ids(await list(cookie.manager, "q=success%20plan"))).toEqual(
      expect.arrayContaining([a.plan.id, b.plan.id]),
    );
    expect(ids(await list(cookie.manager, "q=pip%20bob"))).toEqual([b.plan.id]);
    const issued = await list(cookie.manager, "status=issued");
    expect(issued.every((p) => p.status === "issued")).toBe(true);
    expect(ids(issued)).toContain(a.plan.id);
    const badStatus = await send(app, "/api/v1/plans?status=nonsense", { cookie: cookie.manager });
    expect(badStatus.status).toBe(400);
  });
});
