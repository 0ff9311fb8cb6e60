import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie, type TestUser } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { documentOf } from "../../../test/plan-document.js";
import { mentorProfiles, mentorships } from "../mentoring/mentoring.table.js";
import { planGoals, planResources, plans } from "../plans/plans.table.js";
import { catalogueItems, catalogueSessions } from "./catalogue.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

// The test clock starts on 2026-03-02 09:00 UTC.
const now = () => deps.clock();

let counter = 0;
async function makeItem(overrides: Partial<typeof catalogueItems.$inferInsert> = {}) {
  counter += 1;
  const [row] = await db
    .insert(catalogueItems)
    .values({
      kind: "course",
      title: `SQL for analysts ${counter}`,
      provider: "DataCamp",
      link: "https://learn.example.com/sql",
      skills: ["sql"],
      causes: ["skill"],
      createdAt: now(),
      updatedAt: now(),
      ...overrides,
    })
    .returning();
  return row!;
}

async function makeSession(
  itemId: string,
  overrides: Partial<typeof catalogueSessions.$inferInsert> = {},
) {
  const [row] = await db
    .insert(catalogueSessions)
    .values({
      itemId,
      startsAt: new Date("2026-03-20T09:00:00Z"),
      location: "Room 4",
      seats: 1,
      createdAt: now(),
      ...overrides,
    })
    .returning();
  return row!;
}

async function makeMentor(name: string, capacity = 1) {
  const mentor = await makeUser(deps, { name, department: "Data", title: "Analyst" });
  await db.insert(mentorProfiles).values({
    personId: mentor.id,
    skills: ["sql"],
    capacity,
    availability: "Tuesday afternoons",
    createdAt: now(),
    updatedAt: now(),
  });
  return mentor;
}

/** Everything a refused pick must leave alone. */
async function state() {
  const { rows } = await db.execute<Record<string, number>>(sql`
    SELECT (SELECT count(*)::int FROM plan_resources) AS resources,
           (SELECT count(*)::int FROM mentorships) AS mentorships,
           (SELECT coalesce(sum(version), 0)::int FROM plans) AS versions,
           (SELECT count(*)::int FROM notifications) AS notifications,
           (SELECT count(*)::int FROM audit_events) AS audit`);
  return rows[0];
}

const goalOf = async (planId: string) =>
  (await db.select().from(planGoals).where(eq(planGoals.planId, planId)))[0]!;

let manager: TestUser;
let peer: TestUser;
let ld: TestUser;
const cookies: Record<string, string> = {};
const as = (who: string, path: string, body?: unknown) =>
  send(app, `/api/v1${path}`, { body, cookie: cookies[who] });

beforeAll(async () => {
  manager = await makeUser(deps, { name: "Maya Manager", title: "Engineering Manager" });
  peer = await makeUser(deps, { name: "Pat Peer", managerId: manager.id });
  ld = await makeUser(deps, { name: "Lee Learning", department: "People", roles: ["ld"] });
  cookies.manager = await signInCookie(app, manager.email, manager.password);
  cookies.peer = await signInCookie(app, peer.email, peer.password);
  cookies.ld = await signInCookie(app, ld.email, ld.password);
});

describe("adding a catalogue item to a plan goal", () => {
  it("creates the resource commitment with the catalogue id, bumps the version, and survives the next document save", async () => {
    const { plan } = await makePlan(deps, { manager });
    const goal = await goalOf(plan.id);
    const item = await makeItem({ title: "SQL for analysts" });
    const res = await as("manager", `/plans/${plan.id}/goals/${goal.id}/resources/catalogue`, {
      catalogueItemId: item.id,
    });
    expect(res.status).toBe(201);
    const detail = await res.json();
    expect(detail.plan.version).toBe(plan.version + 1);
    const added = detail.goals[0].resources.find(
      (r: { catalogueItemId: string | null }) => r.catalogueItemId === item.id,
    );
    expect(added).toMatchObject({
      kind: "training",
      description: "SQL for analysts (DataCamp)",
      link: "https://learn.example.com/sql",
      status: "offered",
      catalogueSessionId: null,
      sessionStartsAt: null,
      mentorshipStatus: null,
    });
    const [event] = (
      await db.execute<{ data: Record<string, unknown> }>(
        sql`SELECT data FROM audit_events WHERE action = 'plan.resource_added' AND subject_id = ${plan.id}`,
      )
    ).rows;
    expect(event!.data).toMatchObject({
      goalId: goal.id,
      resourceId: added.id,
      catalogueItemId: item.id,
    });

    // The editor saves the whole document with the version it was given: the new row stays,
    // with its catalogue link, though the document carries no catalogue fields.
    const body = documentOf(detail);
    // A change to the goal's wording, so the save really rewrites the goal and its resources.
    body.goals = [{ ...body.goals[0], description: `${body.goals[0].description}.` }];
    const saved = await send(app, `/api/v1/plans/${plan.id}`, {
      method: "PUT",
      cookie: cookies.manager,
      body,
    });
    expect(saved.status).toBe(200);
    const [row] = await db.select().from(planResources).where(eq(planResources.id, added.id));
    expect(row).toMatchObject({ catalogueItemId: item.id, status: "offered" });
  });

  it("takes a seat on a workshop's date and refuses a full date with nothing changed", async () => {
    const workshop = await makeItem({
      kind: "workshop",
      title: "Negotiation workshop",
      provider: "",
    });
    const date = await makeSession(workshop.id, { seats: 1 });
    const first = await makePlan(deps, { manager });
    const second = await makePlan(deps, { manager });
    const goal1 = await goalOf(first.plan.id);
    const goal2 = await goalOf(second.plan.id);

    const noDate = await as(
      "manager",
      `/plans/${first.plan.id}/goals/${goal1.id}/resources/catalogue`,
      {
        catalogueItemId: workshop.id,
      },
    );
    expect(noDate.status).toBe(400);
    expect((await noDate.json()).error.code).toBe("catalogue.session_required");

    const ok = await as(
      "manager",
      `/plans/${first.plan.id}/goals/${goal1.id}/resources/catalogue`,
      {
        catalogueItemId: workshop.id,
        sessionId: date.id,
      },
    );
    expect(ok.status).toBe(201);
    const detail = await ok.json();
    expect(detail.goals[0].resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          description: "Negotiation workshop",
          catalogueSessionId: date.id,
          sessionStartsAt: "2026-03-20T09:00:00.000Z",
        }),
      ]),
    );

    const before = await state();
    const full = await as(
      "manager",
      `/plans/${second.plan.id}/goals/${goal2.id}/resources/catalogue`,
      {
        catalogueItemId: workshop.id,
        sessionId: date.id,
      },
    );
    expect(full.status).toBe(409);
    expect((await full.json()).error.code).toBe("catalogue.session_full");
    expect(await state()).toEqual(before);
  });

  it("refuses an archived item, a cancelled or past date, and a date of another workshop, changing nothing", async () => {
    const { plan } = await makePlan(deps, { manager });
    const goal = await goalOf(plan.id);
    const archived = await makeItem({ active: false });
    const workshop = await makeItem({ kind: "workshop" });
    const other = await makeItem({ kind: "workshop" });
    const cancelled = await makeSession(workshop.id, { cancelledAt: now() });
    const past = await makeSession(workshop.id, { startsAt: new Date("2026-03-01T09:00:00Z") });
    const elsewhere = await makeSession(other.id);
    const path = `/plans/${plan.id}/goals/${goal.id}/resources/catalogue`;
    const before = await state();
    for (const [body, code] of [
      [{ catalogueItemId: archived.id }, "catalogue.item_archived"],
      [{ catalogueItemId: workshop.id, sessionId: cancelled.id }, "catalogue.session_required"],
      [{ catalogueItemId: workshop.id, sessionId: past.id }, "catalogue.session_required"],
      [{ catalogueItemId: workshop.id, sessionId: elsewhere.id }, "validation.failed"],
      [{ catalogueItemId: crypto.randomUUID() }, "validation.failed"],
      [{ catalogueItemId: "not-an-id" }, "validation.failed"],
    ] as const) {
      const res = await as("manager", path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe(code);
    }
    expect(await state()).toEqual(before);
  });

  it("lets the employee, a peer and L&D add nothing: 404, nothing changed", async () => {
    const { plan, employee } = await makePlan(deps, {
      manager,
      plan: { status: "active", issuedVersion: 1 },
    });
    const goal = await goalOf(plan.id);
    const item = await makeItem();
    const mentor = await makeMentor("Mo Mentor", 3);
    cookies.employee = await signInCookie(app, employee.email, employee.password);
    const before = await state();
    for (const who of ["employee", "peer", "ld"]) {
      const course = await as(who, `/plans/${plan.id}/goals/${goal.id}/resources/catalogue`, {
        catalogueItemId: item.id,
      });
      expect(course.status, who).toBe(404);
      const asked = await as(who, `/plans/${plan.id}/goals/${goal.id}/resources/mentor`, {
        mentorId: mentor.id,
        topic: "SQL for reporting",
        skills: ["sql"],
      });
      expect(asked.status, who).toBe(404);
    }
    expect(await state()).toEqual(before);
  });

  it("on a running plan, moves the version on and tells the employee, as an accepted support request does", async () => {
    const { plan, employee } = await makePlan(deps, {
      manager,
      plan: { status: "active", issuedVersion: 1 },
    });
    const goal = await goalOf(plan.id);
    const item = await makeItem({ title: "Reporting with SQL" });
    const res = await as("manager", `/plans/${plan.id}/goals/${goal.id}/resources/catalogue`, {
      catalogueItemId: item.id,
    });
    expect(res.status).toBe(201);
    const detail = await res.json();
    expect(detail.plan).toMatchObject({
      status: "active",
      version: plan.version + 1,
      issuedVersion: 1,
    });
    const told = await db.execute<{ kind: string; body: string }>(
      sql`SELECT kind, body FROM notifications WHERE person_id = ${employee.id}`,
    );
    expect(told.rows).toEqual([
      expect.objectContaining({
        kind: "plan.resource_added",
        body: expect.stringContaining("Reporting with SQL"),
      }),
    ]);
    const again = await as("manager", `/plans/${plan.id}/goals/${goal.id}/resources/catalogue`, {
      catalogueItemId: item.id,
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("catalogue.resource_exists");
  });

  it("answers 404 for a goal of another plan", async () => {
    const a = await makePlan(deps, { manager });
    const b = await makePlan(deps, { manager });
    const item = await makeItem();
    const res = await as(
      "manager",
      `/plans/${a.plan.id}/goals/${(await goalOf(b.plan.id)).id}/resources/catalogue`,
      {
        catalogueItemId: item.id,
      },
    );
    expect(res.status).toBe(404);
  });
});

describe("adding a mentor to a plan goal", () => {
  it("adds the resource and asks the mentor, who is told the topic and never the plan", async () => {
    const { plan } = await makePlan(deps, { manager });
    const goal = await goalOf(plan.id);
    const mentor = await makeMentor("Mira Mentor", 2);
    const res = await as("manager", `/plans/${plan.id}/goals/${goal.id}/resources/mentor`, {
      mentorId: mentor.id,
      topic: "SQL for reporting",
      skills: ["SQL"],
    });
    expect(res.status).toBe(201);
    const detail = await res.json();
    expect(detail.plan.version).toBe(plan.version + 1);
    const added = detail.goals[0].resources.find((r: { kind: string }) => r.kind === "mentor");
    expect(added).toMatchObject({
      description: "Mentoring with Mira Mentor: SQL for reporting",
      mentorId: mentor.id,
      mentor: { id: mentor.id, name: "Mira Mentor" },
      status: "offered",
      mentorshipStatus: "requested",
    });
    const [asked] = await db.select().from(mentorships).where(eq(mentorships.mentorId, mentor.id));
    expect(asked).toMatchObject({
      planResourceId: added.id,
      status: "requested",
      menteeId: plan.employeeId,
    });
    const told = await db.execute<{ title: string; body: string; link: string }>(
      sql`SELECT title, body, link FROM notifications WHERE person_id = ${mentor.id}`,
    );
    expect(told.rows).toHaveLength(1);
    expect(JSON.stringify(told.rows).toLowerCase()).not.toMatch(/plan/);
  });

  it("refuses a mentor with no free place, saving neither the resource nor a request", async () => {
    const { plan } = await makePlan(deps, { manager });
    const goal = await goalOf(plan.id);
    const mentor = await makeMentor("Busy Mentor", 1);
    const other = await makeUser(deps, { name: "Another Mentee" });
    await db.insert(mentorships).values({
      mentorId: mentor.id,
      menteeId: other.id,
      requestedById: other.id,
      status: "active",
      topic: "Pivot tables",
      createdAt: now(),
    });
    const before = await state();
    const res = await as("manager", `/plans/${plan.id}/goals/${goal.id}/resources/mentor`, {
      mentorId: mentor.id,
      topic: "SQL for reporting",
      skills: ["sql"],
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("mentor.no_capacity");
    expect(await state()).toEqual(before);
    const [row] = await db.select().from(plans).where(eq(plans.id, plan.id));
    expect(row!.version).toBe(plan.version);
  });

  it("refuses someone who is not a mentor, and a topic left empty", async () => {
    const { plan } = await makePlan(deps, { manager });
    const goal = await goalOf(plan.id);
    const before = await state();
    const notMentor = await as("manager", `/plans/${plan.id}/goals/${goal.id}/resources/mentor`, {
      mentorId: peer.id,
      topic: "SQL",
      skills: [],
    });
    expect(notMentor.status).toBe(409);
    expect((await notMentor.json()).error.code).toBe("mentor.not_available");
    const noTopic = await as("manager", `/plans/${plan.id}/goals/${goal.id}/resources/mentor`, {
      mentorId: peer.id,
      topic: "  ",
    });
    expect(noTopic.status).toBe(400);
    expect(await state()).toEqual(before);
  });
});
