import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  actorFor,
  makePerson,
  makePlan,
  makeUser,
  signInCookie,
  walkPlanTo,
} from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { AppError } from "../../api/errors.js";
import { write } from "../../db/transaction.js";
import { notifications } from "../notify/notify.table.js";
import { planResources, plans } from "../plans/plans.table.js";
import { auditEvents } from "../record/record.table.js";
import type { MentorProfileView } from "./mentoring.profiles.service.js";
import type { MentorSuggestion, MentorshipView } from "./mentoring.service.js";
import {
  endMentorship,
  logSession,
  requestMentorshipIn,
  respondToMentorship,
} from "./mentoring.service.js";
import { mentoringSessions, mentorProfiles, mentorships } from "./mentoring.table.js";

// Mentoring through the API, around one employee (Eli) and their management chain: suggestions
// never come from the chain nor from full mentors; a request takes a place under a lock; the
// mentor answers; the session log is the mentor's and the mentee's alone (the manager who asked
// and HR see counts, never a topic, and the topic is encrypted in the table).

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const skip = await makeUser(deps, { name: "Sam Skiplevel", title: "Director" });
const manager = await makeUser(deps, { name: "Maya Manager", managerId: skip.id });
const employee = await makeUser(deps, { name: "Eli Employee", managerId: manager.id });
const peer = await makeUser(deps, { name: "Pat Peer", managerId: manager.id });
const hr = await makeUser(deps, {
  name: "Hana HR",
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const ld = await makeUser(deps, { name: "Lee Learning", department: "People", roles: ["ld"] });
const ann = await makeUser(deps, { name: "Ann Analyst", department: "Finance" });
const bo = await makeUser(deps, { name: "Bo Builder", department: "Data" });
const cy = await makePerson(deps, { name: "Cy Full", department: "Data" });
const di = await makePerson(deps, { name: "Di Dormant", department: "Data" });
const other = await makePerson(deps, { name: "Oli Other", department: "Sales" });

const cookies = {
  skip: await signInCookie(app, skip.email, skip.password),
  manager: await signInCookie(app, manager.email, manager.password),
  employee: await signInCookie(app, employee.email, employee.password),
  peer: await signInCookie(app, peer.email, peer.password),
  hr: await signInCookie(app, hr.email, hr.password),
  ld: await signInCookie(app, ld.email, ld.password),
  ann: await signInCookie(app, ann.email, ann.password),
  bo: await signInCookie(app, bo.email, bo.password),
};
type Who = keyof typeof cookies;

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
const get = (who: Who, path: string) => send(app, path, { cookie: cookies[who] });
const post = (who: Who, path: string, body: unknown = {}) =>
  send(app, path, { cookie: cookies[who], body });
const put = (who: Who, path: string, body: unknown) =>
  send(app, path, { cookie: cookies[who], body, method: "PUT" });

const profile = (skills: string[], capacity: number, extra: Record<string, unknown> = {}) => ({
  skills,
  capacity,
  availability: "Tuesday afternoons",
  bio: "",
  active: true,
  ...extra,
});

async function state() {
  const [m] = await db.select({ n: count() }).from(mentorships);
  const [a] = await db.select({ n: count() }).from(auditEvents);
  const [n] = await db.select({ n: count() }).from(notifications);
  const rows = await db.select().from(mentorships).orderBy(mentorships.id);
  return { mentorships: m!.n, audit: a!.n, notifications: n!.n, rows };
}

const TOPIC_SECRET = "wombat-topic: how to say no to the VP";

describe("mentor profiles", () => {
  it("L&D adds a mentor by filling in a person's profile; the person is told", async () => {
    const body = await json<{ profile: MentorProfileView }>(
      await put("ld", `/api/v1/people/${ann.id}/mentor-profile`, profile(["SQL", "Reporting"], 2)),
      200,
    );
    expect(body.profile).toMatchObject({
      person: { id: ann.id, name: "Ann Analyst" },
      skills: ["SQL", "Reporting"],
      capacity: 2,
      freeCapacity: 2,
      active: true,
      version: 1,
    });
    const [saved] = await db
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.personId, ann.id));
    expect(saved!.addedById).toBe(ld.id);
    const told = await db.select().from(notifications).where(eq(notifications.personId, ann.id));
    expect(told.map((n) => n.title)).toEqual(["Lee Learning added you to the mentor directory"]);
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "mentor.profile_saved"));
    expect(events.at(-1)!.data).toMatchObject({ personId: ann.id, created: true });
  });

  it("people volunteer themselves, with skills as comma-separated tags", async () => {
    const body = await json<{ profile: MentorProfileView }>(
      await put(
        "bo",
        `/api/v1/people/${bo.id}/mentor-profile`,
        profile(["sql, Python ,python"], 2),
      ),
      200,
    );
    expect(body.profile.skills).toEqual(["sql", "Python"]);
    const mine = await json<{ profile: MentorProfileView | null }>(
      await get("bo", "/api/v1/me/mentor-profile"),
      200,
    );
    expect(mine.profile?.person.id).toBe(bo.id);
    expect(
      (await json<{ profile: null }>(await get("peer", "/api/v1/me/mentor-profile"), 200)).profile,
    ).toBeNull();
  });

  it("nobody else may keep someone's profile: the same 404 as a missing person", async () => {
    const before = await state();
    const res = await put("peer", `/api/v1/people/${ann.id}/mentor-profile`, profile(["Go"], 5));
    expect((await json<{ error: { code: string } }>(res, 404)).error.code).toBe("person.not_found");
    expect(await state()).toEqual(before);
  });

  it("places are 0 to 20, and a stale version is refused with nothing saved", async () => {
    const tooMany = await put(
      "ld",
      `/api/v1/people/${ann.id}/mentor-profile`,
      profile(["SQL"], 21),
    );
    expect((await json<{ error: { message: string } }>(tooMany, 400)).error.message).toBeTruthy();
    const stale = await put(
      "ld",
      `/api/v1/people/${ann.id}/mentor-profile`,
      profile(["SQL"], 3, { version: 7 }),
    );
    expect((await json<{ error: { code: string } }>(stale, 409)).error.code).toBe(
      "mentor_profile.conflict",
    );
    const [saved] = await db
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.personId, ann.id));
    expect(saved!.capacity).toBe(2);
  });

  it("the directory shows active mentors to everyone, and inactive ones to L&D too", async () => {
    // Cy has one place, already taken; Di switched off; the manager and the director mentor too.
    for (const [who, skills, capacity, active] of [
      [cy.id, ["SQL", "Reporting"], 1, true],
      [di.id, ["SQL", "Reporting"], 3, false],
      [manager.id, ["SQL", "Reporting"], 4, true],
      [skip.id, ["SQL", "Reporting"], 4, true],
    ] as const)
      await json(
        await put(
          "ld",
          `/api/v1/people/${who}/mentor-profile`,
          profile([...skills], capacity, { active }),
        ),
        200,
      );
    await write(deps, async (w) =>
      requestMentorshipIn(deps, w, {
        actor: await actorFor(deps, other.id),
        mentorId: cy.id,
        menteeId: other.id,
        topic: "Forecasting",
        skills: ["SQL"],
      }),
    );
    const everyone = await json<{ items: MentorProfileView[] }>(
      await get("peer", "/api/v1/mentors"),
      200,
    );
    expect(everyone.items.map((m) => m.person.name)).not.toContain("Di Dormant");
    expect(everyone.items.find((m) => m.person.id === cy.id)).toMatchObject({ freeCapacity: 0 });
    const forLd = await json<{ items: MentorProfileView[]; abilities: { manage: boolean } }>(
      await get("ld", "/api/v1/mentors?skill=sql"),
      200,
    );
    expect(forLd.abilities.manage).toBe(true);
    expect(forLd.items.find((m) => m.person.id === di.id)).toMatchObject({ active: false });
    const byText = await json<{ items: MentorProfileView[] }>(
      await get("peer", "/api/v1/mentors?q=python"),
      200,
    );
    expect(byText.items.map((m) => m.person.id)).toEqual([bo.id]);
  });
});

describe("suggestions", () => {
  it("rank by matching skills, never from the management chain, never the full or inactive", async () => {
    const body = await json<{ items: MentorSuggestion[] }>(
      await get(
        "manager",
        `/api/v1/people/${employee.id}/mentor-suggestions?skill=sql&skill=REPORTING`,
      ),
      200,
    );
    expect(body.items.map((s) => s.mentor.name)).toEqual(["Ann Analyst", "Bo Builder"]);
    expect(body.items[0]).toMatchObject({ matchingSkills: ["SQL", "Reporting"], freeCapacity: 2 });
    const commas = await json<{ items: MentorSuggestion[] }>(
      await get("employee", `/api/v1/people/${employee.id}/mentor-suggestions?skill=python,go`),
      200,
    );
    expect(commas.items.map((s) => s.mentor.name)).toEqual(["Bo Builder"]);
  });

  it("without skills list every mentor with a free place outside the chain", async () => {
    const body = await json<{ items: MentorSuggestion[] }>(
      await get("hr", `/api/v1/people/${employee.id}/mentor-suggestions`),
      200,
    );
    expect(body.items.map((s) => s.mentor.name)).toEqual(["Ann Analyst", "Bo Builder"]);
  });

  it("a peer, L&D and the director above the manager cannot look for someone else", async () => {
    for (const who of ["peer", "ld", "skip"] as const)
      expect((await get(who, `/api/v1/people/${employee.id}/mentor-suggestions`)).status).toBe(404);
  });
});

describe("asking", () => {
  it("a mentor with no free place is refused by name, and nothing changes", async () => {
    const before = await state();
    const res = await post("manager", "/api/v1/mentorships", {
      mentorId: cy.id,
      menteeId: employee.id,
      topic: "SQL for reporting",
    });
    const { error } = await json<{ error: { code: string; message: string } }>(res, 409);
    expect(error.code).toBe("mentor.no_capacity");
    expect(error.message).toContain("Cy Full");
    expect(error.message).toMatch(/choose another mentor/i);
    expect(error.message).toContain("L&D");
    expect(await state()).toEqual(before);
  });

  it("a manager in the chain, oneself and an inactive mentor are refused with what to do", async () => {
    const before = await state();
    const cases = [
      [skip.id, employee.id, 400, "mentor.in_chain"],
      [employee.id, employee.id, 400, "mentor.self"],
      [di.id, employee.id, 409, "mentor.not_available"],
      [peer.id, employee.id, 409, "mentor.not_available"],
    ] as const;
    for (const [mentorId, menteeId, status, code] of cases) {
      const res = await post("employee", "/api/v1/mentorships", {
        mentorId,
        menteeId,
        topic: "SQL",
      });
      expect((await json<{ error: { code: string } }>(res, status)).error.code).toBe(code);
    }
    expect(await state()).toEqual(before);
  });

  it("a peer cannot ask a mentor for someone else (404)", async () => {
    const res = await post("peer", "/api/v1/mentorships", {
      mentorId: ann.id,
      menteeId: employee.id,
      topic: "SQL",
    });
    expect(res.status).toBe(404);
  });

  it("two requests at once for a mentor's last place: only one succeeds", async () => {
    const last = await makePerson(deps, { name: "Liv Last", department: "Data" });
    await json(
      await put("ld", `/api/v1/people/${last.id}/mentor-profile`, profile(["Go"], 1)),
      200,
    );
    const actor = await actorFor(deps, manager.id);
    const mentees = [
      await makePerson(deps, { name: "Nia New", managerId: manager.id }),
      await makePerson(deps, { name: "Ned New", managerId: manager.id }),
    ];
    const results = await Promise.allSettled(
      mentees.map(({ id: menteeId }) =>
        write(deps, (w) =>
          requestMentorshipIn(deps, w, {
            actor,
            mentorId: last.id,
            menteeId,
            topic: "Go",
            skills: [],
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect((failed.reason as AppError).code).toBe("mentor.no_capacity");
    const rows = await db.select().from(mentorships).where(eq(mentorships.mentorId, last.id));
    expect(rows).toHaveLength(1);
  });
});

let asked: MentorshipView;
let planResourceId: string;

describe("a manager asks a mentor from a plan goal, and the mentor answers", () => {
  it("the mentor is told the mentee and the topic, never the plan", async () => {
    const { plan } = await makePlan(deps, { employee, manager, hr });
    const [goal] = await db
      .execute<{ id: string }>(sql`SELECT id FROM plan_goals WHERE plan_id = ${plan.id} LIMIT 1`)
      .then((r) => r.rows);
    const [resource] = await db
      .insert(planResources)
      .values({
        goalId: goal!.id,
        kind: "mentor",
        description: "A mentor for SQL",
        mentorId: ann.id,
      })
      .returning();
    planResourceId = resource!.id;
    const { id } = await write(deps, async (w) =>
      requestMentorshipIn(deps, w, {
        actor: await actorFor(deps, manager.id),
        mentorId: ann.id,
        menteeId: employee.id,
        topic: "SQL for reporting",
        skills: ["SQL"],
        message: "Eli wants to build the weekly reports.",
        planResourceId,
      }),
    );
    const [note] = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.kind, "mentorship.requested"), eq(notifications.personId, ann.id)),
      );
    expect(note!.title).toBe("Mentoring request: Eli Employee — SQL for reporting");
    expect(`${note!.title} ${note!.body} ${note!.link}`).not.toMatch(/plan|goal|improvement/i);
    expect(`${note!.link}`).not.toContain(plan.id);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "mentorship.requested"))
      .orderBy(sql`seq DESC`)
      .limit(1);
    expect(event!.data).toEqual({
      mentorshipId: id,
      mentorId: ann.id,
      menteeId: employee.id,
      planResourceId,
    });
    const list = await json<{ asked: MentorshipView[] }>(
      await get("manager", "/api/v1/mentorships"),
      200,
    );
    asked = list.asked.find((m) => m.id === id)!;
    expect(asked).toMatchObject({
      status: "requested",
      topic: "SQL for reporting",
      sessionCount: 0,
    });
    const asMentor = await json<{ asMentor: MentorshipView[] }>(
      await get("ann", "/api/v1/mentorships"),
      200,
    );
    expect(asMentor.asMentor.map((m) => [m.id, m.abilities.respond])).toEqual([[id, true]]);
  });

  it("asking the same mentor again for the same person is refused while the first is open", async () => {
    const res = await post("employee", "/api/v1/mentorships", {
      mentorId: ann.id,
      menteeId: employee.id,
      topic: "More SQL",
    });
    expect((await json<{ error: { code: string } }>(res, 409)).error.code).toBe(
      "mentorship.exists",
    );
  });

  it("only the mentor answers: not the manager who asked, not the mentee, not a peer", async () => {
    const before = await state();
    expect((await post("manager", `/api/v1/mentorships/${asked.id}/accept`)).status).toBe(403);
    expect((await post("employee", `/api/v1/mentorships/${asked.id}/accept`)).status).toBe(403);
    expect((await post("peer", `/api/v1/mentorships/${asked.id}/accept`)).status).toBe(404);
    expect((await post("ld", `/api/v1/mentorships/${asked.id}/accept`)).status).toBe(404);
    expect(await state()).toEqual(before);
  });

  it("the mentor accepts: the goal's resource is in use, and the asker and mentee are told", async () => {
    const body = await json<MentorshipView>(
      await post("ann", `/api/v1/mentorships/${asked.id}/accept`),
      200,
    );
    expect(body.status).toBe("active");
    const [resource] = await db
      .select()
      .from(planResources)
      .where(eq(planResources.id, planResourceId));
    expect(resource!.status).toBe("in_use");
    const told = await db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "mentorship.accepted"));
    expect(told.map((n) => n.personId).sort()).toEqual([manager.id, employee.id].sort());
    expect((await post("ann", `/api/v1/mentorships/${asked.id}/accept`)).status).toBe(409);
  });
});

describe("the session log", () => {
  it("mentor and mentee log sessions briefly; a future day or a long topic is refused", async () => {
    const future = await post("ann", `/api/v1/mentorships/${asked.id}/sessions`, {
      heldOn: "2026-03-03",
      topic: "Joins",
    });
    expect((await json<{ error: { message: string } }>(future, 400)).error.message).toMatch(/held/);
    const long = await post("ann", `/api/v1/mentorships/${asked.id}/sessions`, {
      heldOn: "2026-03-01",
      topic: "x".repeat(501),
    });
    expect(long.status).toBe(400);
    await json(
      await post("ann", `/api/v1/mentorships/${asked.id}/sessions`, {
        heldOn: "2026-02-26",
        topic: "Joins",
      }),
      201,
    );
    const detail = await json<MentorshipView & { sessions: { topic: string }[] }>(
      await post("employee", `/api/v1/mentorships/${asked.id}/sessions`, {
        heldOn: "2026-03-02",
        topic: TOPIC_SECRET,
      }),
      201,
    );
    expect(detail.sessions.map((s) => s.topic)).toEqual([TOPIC_SECRET, "Joins"]);
    expect(detail.sessionCount).toBe(2);
  });

  it("nobody else logs a session", async () => {
    expect(
      (
        await post("manager", `/api/v1/mentorships/${asked.id}/sessions`, {
          heldOn: "2026-03-01",
          topic: "x",
        })
      ).status,
    ).toBe(404);
  });

  it("the topics are encrypted in the table, and the audit event holds ids only", async () => {
    const rows = await db.select().from(mentoringSessions);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.topic.startsWith("hw1:")).toBe(true);
      expect(r.topic).not.toContain("wombat");
    }
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "mentorship.session_logged"));
    expect(events.map((e) => Object.keys(e.data as object).sort())).toEqual([
      ["mentorshipId", "sessionId"],
      ["mentorshipId", "sessionId"],
    ]);
    expect(JSON.stringify(events)).not.toContain("wombat");
  });

  it("the manager who asked sees the status and the count, never the topics; HR and L&D see nothing", async () => {
    const forManager = await get("manager", `/api/v1/mentorships/${asked.id}`);
    const text = await forManager.text();
    expect(forManager.status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ status: "active", sessionCount: 2, sessions: null });
    expect(text).not.toContain("wombat");
    expect(text).not.toContain("Joins");
    for (const who of ["hr", "ld", "peer", "skip"] as const)
      expect((await get(who, `/api/v1/mentorships/${asked.id}`)).status).toBe(404);
    const forMentor = await json<{ sessions: unknown[] }>(
      await get("ann", `/api/v1/mentorships/${asked.id}`),
      200,
    );
    expect(forMentor.sessions).toHaveLength(2);
  });

  it("the person page's summary gives counts only", async () => {
    for (const who of ["manager", "hr", "employee"] as const) {
      const res = await get(who, `/api/v1/people/${employee.id}/mentoring-summary`);
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(JSON.parse(text)).toEqual({
        personId: employee.id,
        activeAsMentee: 1,
        activeAsMentor: 0,
        pendingRequests: 0,
        sessionsLast90Days: 2,
        isMentor: false,
      });
      expect(text).not.toMatch(/wombat|Joins|SQL|Ann/);
    }
    for (const who of ["peer", "ld"] as const)
      expect((await get(who, `/api/v1/people/${employee.id}/mentoring-summary`)).status).toBe(404);
  });
});

describe("declining, withdrawing and ending", () => {
  it("a declined request tells the asker to choose another mentor and frees the place", async () => {
    const created = await json<MentorshipView>(
      await post("employee", "/api/v1/mentorships", {
        mentorId: bo.id,
        menteeId: employee.id,
        skills: ["Python"],
      }),
      201,
    );
    expect(created.topic).toBe("Python");
    const declined = await json<MentorshipView>(
      await post("bo", `/api/v1/mentorships/${created.id}/decline`, { reason: "Away until May" }),
      200,
    );
    expect(declined).toMatchObject({ status: "declined", declineReason: "Away until May" });
    const [note] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "mentorship.declined"));
    expect(note!.personId).toBe(employee.id);
    expect(note!.title).toMatch(/choose another mentor/);
    const mentors = await json<{ items: MentorProfileView[] }>(
      await get("peer", "/api/v1/mentors"),
      200,
    );
    expect(mentors.items.find((m) => m.person.id === bo.id)!.freeCapacity).toBe(2);
  });

  it("the asker withdraws a request not yet answered; the mentor cannot 'end' one", async () => {
    const created = await json<MentorshipView>(
      await post("manager", "/api/v1/mentorships", {
        mentorId: bo.id,
        menteeId: peer.id,
        topic: "Python",
      }),
      201,
    );
    expect((await post("bo", `/api/v1/mentorships/${created.id}/end`)).status).toBe(409);
    const withdrawn = await json<MentorshipView>(
      await post("manager", `/api/v1/mentorships/${created.id}/end`),
      200,
    );
    expect(withdrawn.status).toBe("withdrawn");
  });

  it("a running mentorship is ended by the mentor or the mentee, never by the manager", async () => {
    expect((await post("manager", `/api/v1/mentorships/${asked.id}/end`)).status).toBe(403);
    const ended = await json<MentorshipView>(
      await post("employee", `/api/v1/mentorships/${asked.id}/end`),
      200,
    );
    expect(ended.status).toBe("ended");
    expect(
      (
        await post("ann", `/api/v1/mentorships/${asked.id}/sessions`, {
          heldOn: "2026-03-01",
          topic: "x",
        })
      ).status,
    ).toBe(409);
    const actions = (
      await db.execute<{ action: string }>(
        sql`SELECT action FROM audit_events WHERE action LIKE 'mentorship.%' ORDER BY seq`,
      )
    ).rows.map((r) => r.action);
    for (const a of ["requested", "accepted", "declined", "withdrawn", "ended", "session_logged"])
      expect(actions).toContain(`mentorship.${a}`);
  });
});

const resourceStatus = async (id: string) =>
  (await db.select().from(planResources).where(eq(planResources.id, id)))[0]!.status;
const deliveredEvents = async (mentorshipId: string) =>
  (
    await db.execute<{ subject_id: string; data: Record<string, unknown> }>(
      sql`SELECT subject_id, data FROM audit_events
           WHERE action = 'plan.resource_status_set' AND data->>'mentorshipId' = ${mentorshipId}`,
    )
  ).rows;

/** A plan of its own whose first goal has a mentor resource, asked of Gus and accepted. */
async function mentoredPlanGoal() {
  const fixture = await makePlan(deps);
  const [goal] = await db
    .execute<{ id: string }>(
      sql`SELECT id FROM plan_goals WHERE plan_id = ${fixture.plan.id} ORDER BY position LIMIT 1`,
    )
    .then((r) => r.rows);
  const [resource] = await db
    .insert(planResources)
    .values({ goalId: goal!.id, kind: "mentor", description: "A mentor", mentorId: gus.id })
    .returning();
  const { id } = await write(deps, async (w) =>
    requestMentorshipIn(deps, w, {
      actor: await actorFor(deps, fixture.manager.id),
      mentorId: gus.id,
      menteeId: fixture.employee.id,
      topic: "Planning the quarter",
      skills: [],
      planResourceId: resource!.id,
    }),
  );
  await respondToMentorship(deps, { actor: await actorFor(deps, gus.id), id, answer: "accept" });
  expect(await resourceStatus(resource!.id)).toBe("in_use");
  return { ...fixture, mentorshipId: id, resourceId: resource!.id };
}

const gus = await makeUser(deps, { name: "Gus Guide", department: "Operations" });

describe("ending a mentorship asked from a plan goal records the support given", () => {
  beforeAll(async () => {
    await json(
      await put("ld", `/api/v1/people/${gus.id}/mentor-profile`, profile(["Planning"], 5)),
      200,
    );
  });

  it("marks the goal's resource delivered, on a new plan version, when sessions were logged", async () => {
    // The mentorship asked from Eli's plan above had two sessions and was ended by Eli.
    expect(await resourceStatus(planResourceId)).toBe("delivered");
    const events = await deliveredEvents(asked.id);
    expect(events.map((e) => e.data)).toEqual([
      {
        resourceId: planResourceId,
        from: "in_use",
        to: "delivered",
        mentorshipId: asked.id,
        because: "mentorship.ended",
      },
    ]);

    const m = await mentoredPlanGoal();
    await logSession(deps, {
      actor: await actorFor(deps, gus.id),
      id: m.mentorshipId,
      input: { heldOn: "2026-03-01", topic: "Priorities" },
    });
    const before = (await db.select().from(plans).where(eq(plans.id, m.plan.id)))[0]!.version;
    await endMentorship(deps, { actor: await actorFor(deps, gus.id), id: m.mentorshipId });
    expect(await resourceStatus(m.resourceId)).toBe("delivered");
    const after = (await db.select().from(plans).where(eq(plans.id, m.plan.id)))[0]!.version;
    expect(after).toBe(before + 1);
    expect((await deliveredEvents(m.mentorshipId)).map((e) => e.subject_id)).toEqual([m.plan.id]);
  });

  it("leaves the resource in use, for the manager to judge, when no session was logged", async () => {
    const m = await mentoredPlanGoal();
    await endMentorship(deps, { actor: await actorFor(deps, m.employee.id), id: m.mentorshipId });
    expect(await resourceStatus(m.resourceId)).toBe("in_use");
    expect(await deliveredEvents(m.mentorshipId)).toEqual([]);
  });

  it("never changes the record of a plan that has closed", async () => {
    const m = await mentoredPlanGoal();
    await logSession(deps, {
      actor: await actorFor(deps, m.employee.id),
      id: m.mentorshipId,
      input: { heldOn: "2026-03-01", topic: "Priorities" },
    });
    await walkPlanTo(deps, m.plan.id, "closed");
    await endMentorship(deps, { actor: await actorFor(deps, gus.id), id: m.mentorshipId });
    expect(await resourceStatus(m.resourceId)).toBe("in_use");
    expect(await deliveredEvents(m.mentorshipId)).toEqual([]);
  });
});
