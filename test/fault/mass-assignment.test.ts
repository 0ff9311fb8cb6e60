import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens } from "../../src/modules/auth/auth.table.js";
import { feedback } from "../../src/modules/feedback/feedback.table.js";
import { growthGoals, profileEntries } from "../../src/modules/growth/growth.table.js";
import { oneOnOneNotes } from "../../src/modules/oneonones/oneonones.table.js";
import { people } from "../../src/modules/org/org.table.js";
import {
  planAchievements,
  planActionItems,
  planResponses,
  plans,
  planThreads,
} from "../../src/modules/plans/plans.table.js";
import { makePlan, makeUser, signInCookie, walkPlanTo } from "../factories.js";
import { makeSeries, oneOnOnePeople } from "../factories-oneonones.js";
import { createTestDeps, send, testApp } from "../helpers.js";
import { planWithPeople } from "../participation.js";
import { documentOf } from "../plan-document.js";

// No mass assignment (OWASP ASVS 5.1.2): every request body is parsed by a zod object schema,
// which keeps the fields it names and drops the rest, and services take the owner, the author
// and the status from the signed-in person and the lifecycle, never from the body. These tests
// send the fields an attacker would add — status, managerId, employeeId, roles, id, version,
// authorId and the like — to the writes an employee (and a manager) can make, and read the
// stored rows back.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const fx = await planWithPeople(deps, app, "active");
const { employee, manager, peer } = fx.people;
const planId = fx.plan.id;

/** The fields an attacker adds; `who` is someone else's id to try to write in. */
function extras(who: string) {
  return {
    status: "closed",
    managerId: who,
    employeeId: who,
    personId: who,
    authorId: who,
    giverId: who,
    createdById: who,
    recipientId: who,
    roles: ["admin"],
    grantedRoles: ["admin"],
    hrScopeAll: true,
    id: randomUUID(),
    version: 999,
    planId: randomUUID(),
    createdAt: "2001-01-01T00:00:00.000Z",
    outcome: "separation",
    issuedVersion: 1,
  };
}

async function planRow(id = planId) {
  const [row] = await db.select().from(plans).where(eq(plans.id, id));
  return row!;
}

/** What a plan's ownership and lifecycle are; none of it may move through a body. */
const planShape = (row: typeof plans.$inferSelect) => ({
  status: row.status,
  employeeId: row.employeeId,
  managerId: row.managerId,
  hrPartnerId: row.hrPartnerId,
  outcome: row.outcome,
  issuedVersion: row.issuedVersion,
});

describe("an employee sending fields they may not set changes nothing they name", () => {
  it("answers evidence without moving the plan's status, owners or version", async () => {
    const before = await planRow();
    const evidence = fx.evidence[0]!;
    const res = await fx.as("employee", `evidence/${evidence.id}/answer`, {
      body: { ...extras(peer.id), answer: "different", side: "My side of it." },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).id).toBe(evidence.id);
    const after = await planRow();
    expect(planShape(after)).toEqual(planShape(before));
    expect(after.version).toBe(before.version);
  });

  it("writes a response, a thread, an action item and an achievement as themselves, on this plan", async () => {
    const bogus = extras(peer.id);
    const response = await fx.as("employee", "responses", {
      body: { ...bogus, section: "standard", body: "I read the standard differently." },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const thread = await fx.as("employee", "threads", {
      body: {
        ...bogus,
        status: "answered",
        kind: "clarification",
        goalId: fx.goal.id,
        subject: "Which dashboard?",
        body: "Which dashboard counts?",
      },
    });
    expect(thread.status, await thread.clone().text()).toBe(201);
    const item = await fx.as("employee", "action-items", {
      body: { ...bogus, done: true, goalId: fx.goal.id, title: "Read the review guide" },
    });
    expect(item.status, await item.clone().text()).toBe(201);
    const achievement = await fx.as("employee", "achievements", {
      body: { ...bogus, body: "Answered every review this week.", occurredOn: "2026-03-01" },
    });
    expect(achievement.status, await achievement.clone().text()).toBe(201);

    const ids = [response, thread, item, achievement];
    const [r, t, i, a] = await Promise.all(ids.map(async (res) => (await res.json()).id));
    for (const id of [r, t, i, a]) expect(id).not.toBe(bogus.id);

    const [storedResponse] = await db.select().from(planResponses).where(eq(planResponses.id, r));
    expect(storedResponse).toMatchObject({ planId, authorId: employee.id });
    expect(storedResponse!.createdAt.toISOString()).not.toBe(bogus.createdAt);
    const [storedThread] = await db.select().from(planThreads).where(eq(planThreads.id, t));
    expect(storedThread).toMatchObject({ planId, status: "open", createdById: employee.id });
    const [storedItem] = await db.select().from(planActionItems).where(eq(planActionItems.id, i));
    expect(storedItem).toMatchObject({ planId, doneAt: null });
    const [storedAchievement] = await db
      .select()
      .from(planAchievements)
      .where(eq(planAchievements.id, a));
    expect(storedAchievement).toMatchObject({ planId });
    expect(planShape(await planRow())).toEqual(planShape(fx.plan));
  });

  it("acknowledges an issued plan without closing it or choosing its outcome", async () => {
    const issued = await makePlan(deps, { manager, employee, hr: fx.hr });
    const walked = await walkPlanTo(deps, issued.plan.id, "issued");
    const cookie = await signInCookie(app, employee.email, employee.password);
    const res = await send(app, `/api/v1/plans/${issued.plan.id}/transitions`, {
      cookie,
      body: {
        ...extras(peer.id),
        action: "acknowledge",
        version: walked.version,
        status: "closed",
        outcome: "goals_met",
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await planRow(issued.plan.id);
    expect(after.status).toBe("acknowledged");
    expect(after.outcome).toBeNull();
    expect(after.employeeId).toBe(employee.id);
    expect(after.managerId).toBe(manager.id);
  });

  it("gives feedback as themselves, to the person they named, with the visibility they chose", async () => {
    const cookie = await signInCookie(app, employee.email, employee.password);
    const res = await send(app, "/api/v1/feedback", {
      cookie,
      body: {
        ...extras(manager.id),
        recipientId: peer.id,
        kind: "recognition",
        visibility: "shared",
        situation: "In Tuesday's stand-up",
        behaviour: "You explained the outage timeline clearly.",
        impact: "Everyone knew what to do next.",
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = await res.json();
    const [row] = await db.select().from(feedback).where(eq(feedback.id, id));
    expect(row).toMatchObject({ giverId: employee.id, recipientId: peer.id });
  });

  it("writes their own coaching-profile entry about themselves only", async () => {
    const cookie = await signInCookie(app, employee.email, employee.password);
    const res = await send(app, `/api/v1/people/${employee.id}/coaching-profile/story`, {
      method: "PUT",
      cookie,
      body: { ...extras(manager.id), body: "I came to engineering from support." },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const rows = await db
      .select()
      .from(profileEntries)
      .where(eq(profileEntries.authorId, manager.id));
    expect(rows).toEqual([]);
    const mine = await db
      .select()
      .from(profileEntries)
      .where(eq(profileEntries.personId, employee.id));
    expect(mine.map((r) => r.authorId)).toEqual([employee.id]);
  });

  it("adds a growth goal for themselves, active, created by themselves", async () => {
    const cookie = await signInCookie(app, employee.email, employee.password);
    const res = await send(app, `/api/v1/people/${employee.id}/growth-goals`, {
      cookie,
      body: { ...extras(peer.id), status: "achieved", title: "Run a design review" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json();
    const id = body.goal?.id ?? body.id;
    const [row] = await db.select().from(growthGoals).where(eq(growthGoals.id, id));
    expect(row).toMatchObject({
      personId: employee.id,
      createdById: employee.id,
      status: "active",
    });
    expect(row!.version).toBe(1);
  });

  it("creates an API token for themselves, not revoked, with a fresh id", async () => {
    const cookie = await signInCookie(app, employee.email, employee.password);
    const res = await send(app, "/api/v1/me/tokens", {
      cookie,
      body: { ...extras(peer.id), name: "script", revokedAt: "2001-01-01T00:00:00.000Z" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = await res.json();
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row).toMatchObject({ personId: employee.id, revokedAt: null });
  });

  it("records their demographics without touching their roles, manager or HR scope", async () => {
    const cookie = await signInCookie(app, employee.email, employee.password);
    const before = await personRow(employee.id);
    const res = await send(app, `/api/v1/people/${employee.id}/demographics`, {
      method: "PUT",
      cookie,
      body: { ...extras(peer.id), demographics: { pronouns: "she/her" } },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await personRow(employee.id);
    expect(personShape(after)).toEqual(personShape(before));
    expect(after.demographics).toEqual({ pronouns: "she/her" });
  });

  it("cannot edit their own person record at all, and nothing moves", async () => {
    const cookie = await signInCookie(app, employee.email, employee.password);
    const before = await personRow(employee.id);
    const res = await send(app, `/api/v1/people/${employee.id}`, {
      method: "PATCH",
      cookie,
      body: { ...extras(peer.id), version: before.version, managerId: null, title: "CTO" },
    });
    expect([403, 404]).toContain(res.status);
    expect(await personRow(employee.id)).toEqual(before);
  });
});

async function personRow(id: string) {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row!;
}

const personShape = (row: typeof people.$inferSelect) => ({
  roles: row.roles,
  managerId: row.managerId,
  hrScopeAll: row.hrScopeAll,
  hrScopeDepartments: row.hrScopeDepartments,
  active: row.active,
  email: row.email,
});

describe("1:1 notes go where the URL says, written by the one who sent them", () => {
  it("keeps a report's note on the meeting and series of the URL, authored by the report", async () => {
    const one = await oneOnOnePeople(deps, app);
    const series = await makeSeries(one);
    const meeting = series.upcoming[0];
    const res = await one.as(
      "report",
      `/api/v1/one-on-ones/${series.series.id}/meetings/${meeting.id}/notes`,
      {
        body: {
          ...extras(one.manager.id),
          meetingId: randomUUID(),
          seriesId: randomUUID(),
          visibility: "shared",
          body: "Notes from our first 1:1.",
        },
      },
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = await res.json();
    const [row] = await db.select().from(oneOnOneNotes).where(eq(oneOnOneNotes.id, id));
    expect(row).toMatchObject({ meetingId: meeting.id, authorId: one.report.id });
  });
});

describe("a manager or HR sending lifecycle and ownership fields through an edit", () => {
  it("a manager saving the plan document with status closed does not close it, nor move it to someone else", async () => {
    const draft = await makePlan(deps, { manager, employee, hr: fx.hr });
    const cookie = await signInCookie(app, manager.email, manager.password);
    const detail = await (await send(app, `/api/v1/plans/${draft.plan.id}`, { cookie })).json();
    const before = await planRow(draft.plan.id);
    const res = await send(app, `/api/v1/plans/${draft.plan.id}`, {
      method: "PUT",
      cookie,
      body: {
        ...extras(peer.id),
        ...documentOf(detail),
        status: "closed",
        outcome: "separation",
        employeeId: peer.id,
        managerId: peer.id,
        standard: "Reviews are answered within two working days, every week.",
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await planRow(draft.plan.id);
    expect(after.standard).toBe("Reviews are answered within two working days, every week.");
    expect(planShape(after)).toEqual(planShape(before));
    expect(after.status).toBe("draft");
  });

  it("HR editing a person's title cannot grant roles or HR scope through the same body", async () => {
    const hr = await makeUser(deps, {
      name: "Hera HR",
      department: "People",
      roles: ["hr"],
      hrScopeDepartments: ["Engineering"],
    });
    const cookie = await signInCookie(app, hr.email, hr.password);
    const before = await personRow(peer.id);
    const res = await send(app, `/api/v1/people/${peer.id}`, {
      method: "PATCH",
      cookie,
      body: {
        ...extras(hr.id),
        managerId: before.managerId,
        version: before.version,
        title: "Senior Engineer",
        roles: ["admin", "hr"],
        hrScopeAll: true,
        hrScopeDepartments: ["Engineering", "Sales"],
        active: true,
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = await personRow(peer.id);
    expect(after.title).toBe("Senior Engineer");
    expect(personShape(after)).toEqual(personShape(before));
    expect(after.id).toBe(peer.id);
  });
});
