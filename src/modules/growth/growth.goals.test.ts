import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import {
  allRoles,
  auditOf,
  type GrowthRole,
  type GrowthTeam,
  growthState,
  growthTeam,
  makeMeeting,
  setSkipLevelVisible,
} from "../../../test/factories-growth.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { catalogueItems, catalogueSessions } from "../catalogue/catalogue.table.js";
import { mentorProfiles, mentorships } from "../mentoring/mentoring.table.js";
import { growthSummary } from "./growth.goals.service.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const smart = {
  title: "Answer support tickets within one working day",
  specific: "Reduce the median first-response time on tier-2 tickets from 3 days to 1 day",
  measure: "Median first response, weekly, from the helpdesk report",
  baseline: 3,
  target: 1,
  relevance: "Customers wait less and the team hits its service level",
  dueOn: "2026-06-30",
};

async function createGoal(team: GrowthTeam, role: GrowthRole = "employee", body: object = smart) {
  const res = await team.as(role, `/api/v1/people/${team.employee.id}/growth-goals`, { body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; version: number; [k: string]: unknown };
}

describe("growth goals: the happy path", () => {
  it("lets the employee add a SMART goal that their manager sees, with the language checker's hints", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    expect(goal).toMatchObject({
      ...smart,
      personId: team.employee.id,
      createdBy: { id: team.employee.id, name: "Eli Employee" },
      status: "active",
      progress: 0,
      version: 1,
      abilities: { edit: true },
      updates: [],
    });
    expect(goal.check).toMatchObject({ verdict: "ok" });

    const list = await team.as("manager", `/api/v1/people/${team.employee.id}/growth-goals`);
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.items.map((g: { id: string }) => g.id)).toEqual([goal.id]);
    expect(body.summary).toEqual({ active: 1, achieved: 0, averageProgress: 0 });
    expect(body.abilities).toEqual({ create: true });

    const [event] = await auditOf(deps, "growth_goal.created");
    expect(event).toMatchObject({ actor_id: team.employee.id, subject_id: goal.id });
    // Goal text is for those who may read the goal, not for everyone who reads the log.
    expect(JSON.stringify(event!.data)).not.toContain("support");
  });

  it("returns the checker's hints with a vague goal but saves it all the same", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team, "employee", { title: "Be more proactive" });
    const check = goal.check as { verdict: string; findings: { code: string }[] };
    expect(check.verdict).toBe("flag");
    expect(check.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["goal.not_measurable"]),
    );
  });

  it("tells the employee when their manager adds a goal for them", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team, "manager");
    expect(goal.createdBy).toEqual({ id: team.manager.id, name: "Maya Manager" });
    const res = await team.as("employee", "/api/v1/notifications");
    const { items } = await res.json();
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "growth_goal.created",
          link: `/growth-goals/${goal.id}`,
        }),
      ]),
    );
  });

  it("checks an unsaved goal without saving anything", async () => {
    const team = await growthTeam(deps, app);
    const before = await growthState(deps);
    const res = await team.as("peer", "/api/v1/growth-goals/check", {
      body: { title: "Be a better team player" },
    });
    expect(res.status).toBe(200);
    const check = await res.json();
    expect(check.verdict).toBe("flag");
    expect(check.findings.map((f: { code: string }) => f.code)).toContain("goal.trait_based");
    expect(await growthState(deps)).toEqual(before);
    const anonymous = await send(app, "/api/v1/growth-goals/check", { body: { title: "x" } });
    expect(anonymous.status).toBe(401);
  });

  it("edits a goal with its version, and refuses a stale version with the current goal attached", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    const edited = await team.as("manager", `/api/v1/growth-goals/${goal.id}`, {
      method: "PATCH",
      body: { version: 1, target: 0.5, measure: "Helpdesk report, weekly median" },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ version: 2, target: 0.5 });
    const [event] = await auditOf(deps, "growth_goal.edited");
    expect(event!.data).toMatchObject({ fields: ["measure", "target"], version: 2 });

    const before = await growthState(deps);
    const stale = await team.as("employee", `/api/v1/growth-goals/${goal.id}`, {
      method: "PATCH",
      body: { version: 1, title: "Something else" },
    });
    expect(stale.status).toBe(409);
    const err = await stale.json();
    expect(err.error.code).toBe("growth_goal.conflict");
    expect(err.error.details).toMatchObject({ currentVersion: 2, goal: { target: 0.5 } });
    expect(await growthState(deps)).toEqual(before);
  });

  it("records nothing when an edit changes nothing", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    const before = await growthState(deps);
    const res = await team.as("employee", `/api/v1/growth-goals/${goal.id}`, {
      method: "PATCH",
      body: { version: 1, title: smart.title, target: 1 },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).version).toBe(1);
    expect(await growthState(deps)).toEqual(before);
  });

  it("moves progress with each update, links an update to the pair's 1:1, and ends the goal as achieved", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    const meeting = await makeMeeting(deps, {
      managerId: team.manager.id,
      reportId: team.employee.id,
    });
    const first = await team.as("employee", `/api/v1/growth-goals/${goal.id}/updates`, {
      body: { body: "Down to two days", progress: 40, value: 2, meetingId: meeting.id },
    });
    expect(first.status).toBe(201);
    deps.advance(60_000);
    const second = await team.as("manager", `/api/v1/growth-goals/${goal.id}/updates`, {
      body: { progress: 70 },
    });
    const detail = await second.json();
    expect(detail.progress).toBe(70);
    // An update does not make an open edit stale.
    expect(detail.version).toBe(1);
    expect(detail.updates).toMatchObject([
      { progress: 70, author: { id: team.manager.id }, meeting: null, value: null, body: "" },
      {
        progress: 40,
        value: 2,
        body: "Down to two days",
        author: { id: team.employee.id },
        meeting: { id: meeting.id, scheduledAt: "2026-03-02T10:00:00.000Z" },
      },
    ]);
    expect(await auditOf(deps, "growth_goal.progress_updated")).toHaveLength(2);
    expect(await growthSummary(db, team.employee.id)).toEqual({
      active: 1,
      achieved: 0,
      averageProgress: 70,
    });

    const done = await team.as("employee", `/api/v1/growth-goals/${goal.id}`, {
      method: "PATCH",
      body: { version: 1, status: "achieved" },
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: "achieved", abilities: { edit: false } });
    expect(await auditOf(deps, "growth_goal.achieved")).toHaveLength(1);
    expect(await growthSummary(db, team.employee.id)).toEqual({
      active: 0,
      achieved: 1,
      averageProgress: null,
    });
  });

  it("keeps an ended goal as it was: no edits, no progress, no reopening", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    await team.as("employee", `/api/v1/growth-goals/${goal.id}`, {
      method: "PATCH",
      body: { version: 1, status: "dropped" },
    });
    const before = await growthState(deps);
    for (const [path, body] of [
      [`/api/v1/growth-goals/${goal.id}`, { version: 2, status: "active" }],
      [`/api/v1/growth-goals/${goal.id}`, { version: 2, title: "Another try" }],
      [`/api/v1/growth-goals/${goal.id}/updates`, { progress: 10 }],
    ] as const) {
      const res = await team.as("employee", path, {
        method: path.endsWith("updates") ? "POST" : "PATCH",
        body,
      });
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe("growth_goal.invalid_transition");
    }
    expect(await growthState(deps)).toEqual(before);
  });
});

describe("growth goals: bad input", () => {
  it.each([
    ["no title", { title: "" }],
    ["a title of only spaces", { title: "   " }],
    ["a title over 200 characters", { title: "x".repeat(201) }],
    ["a due date in the past", { title: "t", dueOn: "2026-03-01" }],
    ["a due date more than ten years away", { title: "t", dueOn: "2040-01-01" }],
    ["a due date of year 0000", { title: "t", dueOn: "0000-01-01" }],
    ["a date that does not exist", { title: "t", dueOn: "2026-02-30" }],
    ["a baseline that is not a number", { title: "t", baseline: "three" }],
    ["a huge target", { title: "t", target: 1e300 }],
    ["a 5 MB description", { title: "t", specific: "x".repeat(5_000_000) }],
    ["a NUL character", { title: "t\u0000" }],
  ])("refuses a goal with %s and changes nothing", async (_, body) => {
    const team = await growthTeam(deps, app);
    const before = await growthState(deps);
    const res = await team.as("employee", `/api/v1/people/${team.employee.id}/growth-goals`, {
      body,
    });
    expect([400, 413]).toContain(res.status);
    if (res.status === 400) expect((await res.json()).error.code).toBe("validation.failed");
    expect(await growthState(deps)).toEqual(before);
  });

  it("accepts a due date of today", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team, "employee", { title: "t", dueOn: "2026-03-02" });
    expect(goal.dueOn).toBe("2026-03-02");
  });

  it.each([
    ["progress over 100", { progress: 101 }],
    ["negative progress", { progress: -1 }],
    ["fractional progress", { progress: 33.3 }],
    ["no progress", { body: "Went well" }],
    ["a meeting id that is not an id", { progress: 10, meetingId: "meeting-1" }],
    ["a meeting that does not exist", { progress: 10, meetingId: crypto.randomUUID() }],
  ])("refuses a progress update with %s and changes nothing", async (_, body) => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    const before = await growthState(deps);
    const res = await team.as("employee", `/api/v1/growth-goals/${goal.id}/updates`, { body });
    expect(res.status).toBe(400);
    expect(await growthState(deps)).toEqual(before);
  });

  it("refuses to link a 1:1 of another pair, and changes nothing", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    const theirs = await makeMeeting(deps, { managerId: team.manager.id, reportId: team.peer.id });
    const before = await growthState(deps);
    const res = await team.as("manager", `/api/v1/growth-goals/${goal.id}/updates`, {
      body: { progress: 10, meetingId: theirs.id },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([
      { path: "meetingId", message: "Choose one of this person's 1:1 meetings, or none." },
    ]);
    expect(await growthState(deps)).toEqual(before);
  });

  it("refuses an edit moving the due date into the past, without a version, or to an unknown status", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    const before = await growthState(deps);
    for (const body of [
      { version: 1, dueOn: "2026-01-01" },
      { title: "No version" },
      { version: 1, status: "paused" },
      { version: 0, title: "x" },
    ]) {
      const res = await team.as("employee", `/api/v1/growth-goals/${goal.id}`, {
        method: "PATCH",
        body,
      });
      expect(res.status).toBe(400);
    }
    expect(await growthState(deps)).toEqual(before);
  });

  it("answers 404 for a goal or person that does not exist, and 400 for an id that is not one", async () => {
    const team = await growthTeam(deps, app);
    const missing = crypto.randomUUID();
    expect((await team.as("manager", `/api/v1/growth-goals/${missing}`)).status).toBe(404);
    expect((await team.as("manager", `/api/v1/people/${missing}/growth-goals`)).status).toBe(404);
    expect((await team.as("manager", "/api/v1/people/not-an-id/growth-goals")).status).toBe(400);
  });
});

describe("growth goals: who may see and write them", () => {
  const readers: Record<GrowthRole, number> = {
    employee: 200,
    manager: 200,
    skip: 200,
    hrIn: 200,
    peer: 404,
    hrOut: 404,
    admin: 404,
  };
  it.each(allRoles)("answers %s reading the goals as the policy says", async (role) => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    const list = await team.as(role, `/api/v1/people/${team.employee.id}/growth-goals`);
    expect(list.status).toBe(readers[role]);
    const one = await team.as(role, `/api/v1/growth-goals/${goal.id}`);
    expect(one.status).toBe(readers[role]);
    if (one.status === 200)
      expect((await one.json()).abilities.edit).toBe(role === "employee" || role === "manager");
    else expect((await one.json()).error.code).toBe("growth_goal.not_found");
  });

  const writers: Record<GrowthRole, number> = {
    employee: 0,
    manager: 0,
    skip: 403,
    hrIn: 403,
    peer: 404,
    hrOut: 404,
    admin: 404,
  };
  it.each(allRoles.filter((r) => writers[r] !== 0))(
    "refuses %s writing goals, and changes nothing",
    async (role) => {
      const team = await growthTeam(deps, app);
      const goal = await createGoal(team);
      const before = await growthState(deps);
      const attempts = [
        team.as(role, `/api/v1/people/${team.employee.id}/growth-goals`, { body: smart }),
        team.as(role, `/api/v1/growth-goals/${goal.id}`, {
          method: "PATCH",
          body: { version: 1, title: "Mine now" },
        }),
        team.as(role, `/api/v1/growth-goals/${goal.id}/updates`, { body: { progress: 50 } }),
      ];
      for (const res of await Promise.all(attempts)) expect(res.status).toBe(writers[role]);
      expect(await growthState(deps)).toEqual(before);
    },
  );

  it("lets the peer, HR and admin keep their own goals", async () => {
    const team = await growthTeam(deps, app);
    for (const role of ["peer", "hrIn", "admin"] as const) {
      const res = await team.as(role, `/api/v1/people/${team[role].id}/growth-goals`, {
        body: { title: "Learn the billing system end to end by June" },
      });
      expect(res.status).toBe(201);
    }
  });

  it("hides goals from the skip-level manager when the organisation turns skip-level visibility off", async () => {
    const team = await growthTeam(deps, app);
    const goal = await createGoal(team);
    await setSkipLevelVisible(deps, false);
    try {
      expect((await team.as("skip", `/api/v1/growth-goals/${goal.id}`)).status).toBe(404);
      expect((await team.as("manager", `/api/v1/growth-goals/${goal.id}`)).status).toBe(200);
    } finally {
      await setSkipLevelVisible(deps, true);
    }
  });

  it("answers 401 without a session", async () => {
    const team = await growthTeam(deps, app);
    const res = await send(app, `/api/v1/people/${team.employee.id}/growth-goals`);
    expect(res.status).toBe(401);
  });
});

describe("growth goals: resources", () => {
  let team: GrowthTeam;
  beforeAll(async () => {
    team = await growthTeam(deps, app);
  });

  const now = () => deps.clock();
  const makeItem = async (overrides: Partial<typeof catalogueItems.$inferInsert> = {}) =>
    (
      await db
        .insert(catalogueItems)
        .values({
          kind: "course",
          title: `Presenting with data ${crypto.randomUUID().slice(0, 6)}`,
          provider: "Coursera",
          link: "https://learn.example.com/presenting",
          skills: ["presenting"],
          createdAt: now(),
          updatedAt: now(),
          ...overrides,
        })
        .returning()
    )[0]!;
  const makeMentor = async (name: string, capacity: number) => {
    const mentor = await makeUser(deps, { name, department: "Sales" });
    await db.insert(mentorProfiles).values({
      personId: mentor.id,
      skills: ["presenting"],
      capacity,
      createdAt: now(),
      updatedAt: now(),
    });
    return mentor;
  };
  /** growthState, plus the resources and mentorships a refused request must not add. */
  const state = async () => ({
    ...(await growthState(deps)),
    extra: (
      await db.execute(sql`SELECT
        (SELECT count(*)::int FROM growth_goal_resources) AS resources,
        (SELECT count(*)::int FROM mentorships) AS mentorships`)
    ).rows[0],
  });

  it("adds a course, a workshop date and a resource in one's own words, records delivery, removes one, each with its audit event", async () => {
    const goal = await createGoal(team);
    const course = await makeItem({ title: "Presenting with data" });
    const added = await team.as("manager", `/api/v1/growth-goals/${goal.id}/resources/catalogue`, {
      body: { catalogueItemId: course.id },
    });
    expect(added.status).toBe(201);
    const afterCourse = await added.json();
    expect(afterCourse.resources).toEqual([
      expect.objectContaining({
        kind: "training",
        description: "Presenting with data (Coursera)",
        link: "https://learn.example.com/presenting",
        catalogueItemId: course.id,
        sessionId: null,
        mentor: null,
        status: "offered",
      }),
    ]);
    // Adding support is not editing the goal: an open edit stays valid.
    expect(afterCourse.version).toBe(goal.version);

    const workshop = await makeItem({ kind: "workshop", title: "Storytelling", provider: "" });
    const [date] = await db
      .insert(catalogueSessions)
      .values({
        itemId: workshop.id,
        startsAt: new Date("2026-04-01T09:00:00Z"),
        seats: 5,
        createdAt: now(),
      })
      .returning();
    const seat = await team.as("employee", `/api/v1/growth-goals/${goal.id}/resources/catalogue`, {
      body: { catalogueItemId: workshop.id, sessionId: date!.id },
    });
    expect(seat.status).toBe(201);
    const seated = (await seat.json()).resources.find(
      (r: { catalogueItemId: string | null }) => r.catalogueItemId === workshop.id,
    );
    expect(seated).toMatchObject({
      sessionId: date!.id,
      sessionStartsAt: "2026-04-01T09:00:00.000Z",
    });

    const own = await team.as("employee", `/api/v1/growth-goals/${goal.id}/resources`, {
      body: { kind: "time", description: "Two hours a week to practise", link: "" },
    });
    expect(own.status).toBe(201);
    // The test clock stands still: find the row by what it is, not by its place.
    const third = (await own.json()).resources.find((r: { kind: string }) => r.kind === "time");
    expect(third).toMatchObject({ kind: "time", catalogueItemId: null, status: "offered" });

    const delivered = await team.as("manager", `/api/v1/growth-goal-resources/${third.id}`, {
      method: "PATCH",
      body: { status: "delivered" },
    });
    expect(delivered.status).toBe(200);
    expect(
      (await delivered.json()).resources.find((r: { id: string }) => r.id === third.id).status,
    ).toBe("delivered");

    const removed = await team.as("employee", `/api/v1/growth-goal-resources/${third.id}`, {
      method: "DELETE",
    });
    expect(removed.status).toBe(200);
    expect((await removed.json()).resources.map((r: { id: string }) => r.id)).not.toContain(
      third.id,
    );
    const detail = await (await team.as("hrIn", `/api/v1/growth-goals/${goal.id}`)).json();
    expect(detail.resources).toHaveLength(2);

    const addedEvents = (await auditOf(deps, "growth_goal.resource_added")).filter(
      (e) => e.subject_id === goal.id,
    );
    expect(addedEvents.map((e) => e.data)).toEqual([
      expect.objectContaining({ catalogueItemId: course.id, kind: "training" }),
      expect.objectContaining({ catalogueItemId: workshop.id, catalogueSessionId: date!.id }),
      expect.objectContaining({ resourceId: third.id, kind: "time" }),
    ]);
    const [updated] = (await auditOf(deps, "growth_goal.resource_updated")).filter(
      (e) => e.subject_id === goal.id,
    );
    expect(updated!.data).toMatchObject({ resourceId: third.id, from: "offered", to: "delivered" });
    const [gone] = (await auditOf(deps, "growth_goal.resource_removed")).filter(
      (e) => e.subject_id === goal.id,
    );
    expect(gone!.data).toMatchObject({ resourceId: third.id });
    // The words stay with the goal, out of the log.
    expect(JSON.stringify(addedEvents)).not.toContain("practise");
  });

  it("refuses a link that is not a web address, naming the field, and changes nothing", async () => {
    const goal = await createGoal(team);
    const before = await state();
    for (const link of [
      "javascript:alert(1)",
      "not a link",
      "ftp://files.example.com/x",
      "https://",
    ]) {
      const res = await team.as("manager", `/api/v1/growth-goals/${goal.id}/resources`, {
        body: { kind: "tool", description: "A licence for the slide tool", link },
      });
      expect(res.status, link).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("validation.failed");
      expect(error.details.map((d: { path: string }) => d.path)).toContain("link");
    }
    expect(await state()).toEqual(before);
  });

  it("asks a mentor with a free place, and refuses one with none, saving neither resource nor request", async () => {
    const goal = await createGoal(team);
    const mentor = await makeMentor("Ria Mentor", 1);
    const asked = await team.as("employee", `/api/v1/growth-goals/${goal.id}/resources/mentor`, {
      body: { mentorId: mentor.id, topic: "Presenting to customers", skills: ["presenting"] },
    });
    expect(asked.status).toBe(201);
    const [resource] = (await asked.json()).resources;
    expect(resource).toMatchObject({
      kind: "mentor",
      description: "Mentoring with Ria Mentor: Presenting to customers",
      mentor: { id: mentor.id, name: "Ria Mentor" },
      mentorshipStatus: "requested",
    });
    const linked = await db.select().from(mentorships).where(sql`mentor_id = ${mentor.id}`);
    expect(linked).toEqual([expect.objectContaining({ growthResourceId: resource.id })]);

    // Ria's one place is now taken.
    const other = await createGoal(team);
    const before = await state();
    const full = await team.as("manager", `/api/v1/growth-goals/${other.id}/resources/mentor`, {
      body: { mentorId: mentor.id, topic: "Presenting", skills: [] },
    });
    expect(full.status).toBe(409);
    expect((await full.json()).error.code).toBe("mentor.no_capacity");
    expect(await state()).toEqual(before);
  });

  it("lets only the person and their direct manager change resources; the others change nothing", async () => {
    const goal = await createGoal(team);
    const course = await makeItem();
    const [first] = (
      await (
        await team.as("manager", `/api/v1/growth-goals/${goal.id}/resources/catalogue`, {
          body: { catalogueItemId: course.id },
        })
      ).json()
    ).resources;
    const expected: Partial<Record<GrowthRole, number>> = {
      skip: 403,
      hrIn: 403,
      peer: 404,
      hrOut: 404,
      admin: 404,
    };
    const before = await state();
    for (const [role, status] of Object.entries(expected) as [GrowthRole, number][]) {
      const attempts = [
        team.as(role, `/api/v1/growth-goals/${goal.id}/resources`, {
          body: { kind: "time", description: "Mine", link: "" },
        }),
        team.as(role, `/api/v1/growth-goals/${goal.id}/resources/catalogue`, {
          body: { catalogueItemId: (await makeItem()).id },
        }),
        team.as(role, `/api/v1/growth-goal-resources/${first.id}`, {
          method: "PATCH",
          body: { status: "delivered" },
        }),
        team.as(role, `/api/v1/growth-goal-resources/${first.id}`, { method: "DELETE" }),
      ];
      for (const res of await Promise.all(attempts)) expect(res.status, role).toBe(status);
    }
    const after = await state();
    // Only the catalogue items made for the attempts are new; nothing on any goal changed.
    expect(after).toEqual(before);
  });
});
