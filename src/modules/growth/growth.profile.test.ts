import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import { type CoachingTeam, makeCoachingTeam } from "../../../test/factories-feedback.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { orgSettings, people } from "../org/org.table.js";
import { auditEvents } from "../record/record.table.js";
import type { CoachingProfile } from "./growth.profile.service.js";
import { profileEntries } from "./growth.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

type Role = keyof CoachingTeam["cookies"];

const profilePath = (personId: string) => `/api/v1/people/${personId}/coaching-profile`;

async function put(t: CoachingTeam, role: Role, field: string, body: unknown, personId?: string) {
  return send(app, `${profilePath(personId ?? t.employee.id)}/${field}`, {
    cookie: t.cookies[role],
    method: "PUT",
    body,
  });
}

async function ok(res: Response, status = 200): Promise<CoachingProfile> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as CoachingProfile;
}

const fieldOf = (p: CoachingProfile, field: string) => p.fields.find((f) => f.field === field)!;

async function snapshot() {
  const [events] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  const rows = await db.select().from(profileEntries).orderBy(profileEntries.id);
  return { events: events!.n, rows: JSON.stringify(rows) };
}

async function eventsFor(personId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, personId), eq(auditEvents.action, action)));
}

describe("the coaching profile", () => {
  it("holds the employee's story and their manager's observation, each showing who wrote it, the employee's first", async () => {
    const t = await makeCoachingTeam(deps, app);
    deps.setNow(new Date("2026-03-02T09:00:00.000Z"));
    await ok(
      await put(t, "manager", "story", {
        body: "Joined from support; knows the customers better than anyone.",
      }),
    );
    deps.advance(60_000);
    const mine = await ok(
      await put(t, "employee", "story", {
        body: "Five years in support, then a bootcamp; I want to build what I used to explain.",
      }),
    );
    const story = fieldOf(mine, "story");
    expect(story).toMatchObject({
      label: "Their story: how they got here",
      kind: "text",
      poles: null,
    });
    expect(story.entries).toEqual([
      expect.objectContaining({
        author: { id: t.employee.id, name: t.employee.name },
        authorRole: "self",
        mine: true,
        body: "Five years in support, then a bootcamp; I want to build what I used to explain.",
        scale: null,
        updatedAt: "2026-03-02T09:01:00.000Z",
      }),
      expect.objectContaining({
        author: { id: t.manager.id, name: t.manager.name },
        authorRole: "manager",
        mine: false,
        body: "Joined from support; knows the customers better than anyone.",
      }),
    ]);
    expect(mine.fields.map((f) => f.field)).toEqual([
      "story",
      "long_term_goals",
      "strengths",
      "feedback_preference",
      "people_vs_things",
      "introvert_vs_extrovert",
      "tactical_vs_strategic",
      "manager_vs_individual",
    ]);
    expect(mine.abilities).toEqual({ edit: true });
    // The manager reads the same profile, in the same order.
    const asManager = await ok(
      await send(app, profilePath(t.employee.id), { cookie: t.cookies.manager }),
    );
    expect(fieldOf(asManager, "story").entries.map((e) => e.authorRole)).toEqual([
      "self",
      "manager",
    ]);

    const events = await eventsFor(t.employee.id, "coaching_profile.entry_saved");
    expect(events.map((e) => e.data)).toEqual([
      { field: "story", entryId: expect.any(String), authorRole: "manager" },
      { field: "story", entryId: expect.any(String), authorRole: "self" },
    ]);
    expect(JSON.stringify(events)).not.toContain("bootcamp");
    deps.setNow(new Date("2026-03-02T09:00:00.000Z"));
  });

  it("places each author on a working-style scale, with words if they like", async () => {
    const t = await makeCoachingTeam(deps, app);
    await ok(await put(t, "employee", "introvert_vs_extrovert", { scale: -2 }));
    const profile = await ok(
      await put(t, "manager", "introvert_vs_extrovert", {
        scale: -1,
        body: "Quiet in large meetings, leads in pairing sessions.",
      }),
    );
    const dimension = fieldOf(profile, "introvert_vs_extrovert");
    expect(dimension).toMatchObject({
      kind: "scale",
      poles: { low: "Introvert", high: "Extrovert" },
    });
    expect(dimension.entries.map((e) => [e.authorRole, e.scale, e.body])).toEqual([
      ["self", -2, ""],
      ["manager", -1, "Quiet in large meetings, leads in pairing sessions."],
    ]);
    const [event] = await eventsFor(t.employee.id, "coaching_profile.entry_saved");
    expect(event!.data).toEqual({
      field: "introvert_vs_extrovert",
      entryId: expect.any(String),
      authorRole: "self",
    });
  });

  it("replaces the writer's own entry on a second write, and never another author's", async () => {
    const t = await makeCoachingTeam(deps, app);
    await ok(await put(t, "manager", "strengths", { body: "Calm under pressure." }));
    await ok(await put(t, "employee", "strengths", { body: "Explaining things." }));
    const profile = await ok(
      await put(t, "employee", "strengths", { body: "Explaining hard things simply." }),
    );
    expect(fieldOf(profile, "strengths").entries.map((e) => e.body)).toEqual([
      "Explaining hard things simply.",
      "Calm under pressure.",
    ]);
    const rows = await db
      .select()
      .from(profileEntries)
      .where(eq(profileEntries.personId, t.employee.id));
    expect(rows).toHaveLength(2);
    expect(await eventsFor(t.employee.id, "coaching_profile.entry_saved")).toHaveLength(3);
  });

  it("removes the writer's own entry when sent an empty body and no scale; removing nothing records nothing", async () => {
    const t = await makeCoachingTeam(deps, app);
    await ok(await put(t, "manager", "long_term_goals", { body: "Wants to lead a team." }));
    await ok(
      await put(t, "employee", "long_term_goals", { body: "Staff engineer in five years." }),
    );
    await ok(await put(t, "employee", "people_vs_things", { scale: 2 }));
    const afterText = await ok(await put(t, "employee", "long_term_goals", { body: "  " }));
    expect(fieldOf(afterText, "long_term_goals").entries.map((e) => e.authorRole)).toEqual([
      "manager",
    ]);
    const afterScale = await ok(
      await put(t, "employee", "people_vs_things", { body: "", scale: null }),
    );
    expect(fieldOf(afterScale, "people_vs_things").entries).toEqual([]);
    const removed = await eventsFor(t.employee.id, "coaching_profile.entry_removed");
    expect(removed.map((e) => e.data.field)).toEqual(["long_term_goals", "people_vs_things"]);
    expect(JSON.stringify(removed)).not.toContain("Staff engineer");

    const before = await snapshot();
    await ok(await put(t, "employee", "long_term_goals", { body: "" }));
    await ok(await put(t, "employee", "feedback_preference", {}));
    expect(await snapshot()).toEqual(before);
  });

  it("is seen by the person, their managers and HR in scope, and is a 404 for everyone else", async () => {
    const t = await makeCoachingTeam(deps, app);
    await ok(await put(t, "employee", "feedback_preference", { body: "In writing, then a chat." }));
    const expected: Record<Role, [number, boolean | null]> = {
      employee: [200, true],
      manager: [200, true],
      skip: [200, false],
      hrIn: [200, false],
      peer: [404, null],
      hrOut: [404, null],
      admin: [404, null],
      ld: [404, null],
      outsider: [404, null],
    };
    for (const [role, [status, edit]] of Object.entries(expected) as [Role, [number, boolean]][]) {
      const res = await send(app, profilePath(t.employee.id), { cookie: t.cookies[role] });
      const text = await res.text();
      expect(res.status, role).toBe(status);
      if (status === 200)
        expect((JSON.parse(text) as CoachingProfile).abilities.edit, role).toBe(edit);
      else {
        expect(text).not.toContain("In writing");
        expect(JSON.parse(text).error.code).toBe("coaching_profile.not_found");
      }
    }
  });

  it("hides the profile from skip-level managers where the organisation does not let them see past their reports", async () => {
    const t = await makeCoachingTeam(deps, app);
    await db
      .insert(orgSettings)
      .values({ id: 1, skipLevelVisible: false })
      .onConflictDoUpdate({ target: orgSettings.id, set: { skipLevelVisible: false } });
    try {
      expect((await send(app, profilePath(t.employee.id), { cookie: t.cookies.skip })).status).toBe(
        404,
      );
      expect(
        (await send(app, profilePath(t.employee.id), { cookie: t.cookies.manager })).status,
      ).toBe(200);
    } finally {
      await db.update(orgSettings).set({ skipLevelVisible: true }).where(eq(orgSettings.id, 1));
    }
  });

  it("is written by the employee and their direct manager only; everyone else is refused and nothing changes", async () => {
    const t = await makeCoachingTeam(deps, app);
    const before = await snapshot();
    for (const role of ["skip", "hrIn"] as const) {
      const res = await put(t, role, "strengths", { body: "Observed from afar." });
      expect(res.status, role).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "coaching_profile.forbidden",
      );
    }
    for (const role of ["peer", "hrOut", "admin", "ld", "outsider"] as const)
      expect((await put(t, role, "strengths", { body: "Nice person." })).status, role).toBe(404);
    // A manager writes on their own reports' profiles, not on a peer of theirs.
    expect((await put(t, "employee", "strengths", { body: "x" }, t.peer.id)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("answers bad input with a clear 400 or 404, and changes nothing", async () => {
    const t = await makeCoachingTeam(deps, app);
    const before = await snapshot();
    const cases: [string, unknown, number, string?][] = [
      ["hobbies", { body: "Climbing" }, 400],
      ["story", { body: "x".repeat(5001) }, 400, "body"],
      ["story", { body: "nul\u0000" }, 400, "body"],
      ["story", { body: 7 }, 400, "body"],
      ["story", { body: "Words", scale: 1 }, 400, "scale"],
      ["people_vs_things", { scale: 3 }, 400, "scale"],
      ["people_vs_things", { scale: -3 }, 400, "scale"],
      ["people_vs_things", { scale: 1.5 }, 400, "scale"],
      ["people_vs_things", { scale: "1" }, 400, "scale"],
      ["story", "{oops", 400],
    ];
    for (const [field, body, status, path] of cases) {
      const res = await put(t, "employee", field, body);
      const text = await res.text();
      expect(res.status, `${field} ${JSON.stringify(body)}`).toBe(status);
      if (path) expect(text).toContain(`"path":"${path}"`);
    }
    expect(
      (
        await send(app, "/api/v1/people/not-a-uuid/coaching-profile", {
          cookie: t.cookies.employee,
        })
      ).status,
    ).toBe(400);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await send(app, profilePath(missing), { cookie: t.cookies.employee })).status).toBe(
      404,
    );
    expect((await put(t, "employee", "story", { body: "x" }, missing)).status).toBe(404);
    expect(
      (
        await send(app, `${profilePath(t.employee.id)}/story`, {
          cookie: t.cookies.employee,
          method: "PUT",
          body: { body: "x".repeat(2 * 1024 * 1024) },
        })
      ).status,
    ).toBe(413);
    expect((await send(app, profilePath(t.employee.id))).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a deactivated person's profile as it was: readable, not writable", async () => {
    const t = await makeCoachingTeam(deps, app);
    const gone = await makeUser(deps, { name: "Gil Gone", managerId: t.manager.id });
    await ok(await put(t, "manager", "strengths", { body: "Thorough." }, gone.id));
    await db.update(people).set({ active: false }).where(eq(people.id, gone.id));
    const before = await snapshot();
    const res = await put(t, "manager", "strengths", { body: "" }, gone.id);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("person.inactive.conflict");
    expect(body.error.message).toMatch(/Gil Gone is no longer active/);
    expect((await put(t, "manager", "story", { body: "Late words." }, gone.id)).status).toBe(409);
    expect(await snapshot()).toEqual(before);
    const profile = await ok(await send(app, profilePath(gone.id), { cookie: t.cookies.manager }));
    expect(fieldOf(profile, "strengths").entries.map((e) => e.body)).toEqual(["Thorough."]);
  });

  it("keeps a former manager's observations, marked as such, when the employee moves to a new manager", async () => {
    const t = await makeCoachingTeam(deps, app);
    await ok(await put(t, "manager", "strengths", { body: "Great at onboarding." }));
    await db.update(people).set({ managerId: t.skip.id }).where(eq(people.id, t.employee.id));
    const asNewManager = await ok(
      await send(app, profilePath(t.employee.id), { cookie: t.cookies.skip }),
    );
    expect(fieldOf(asNewManager, "strengths").entries).toEqual([
      expect.objectContaining({
        authorRole: "other",
        author: expect.objectContaining({ id: t.manager.id }),
      }),
    ]);
    expect(asNewManager.abilities.edit).toBe(true);
    expect(
      (await send(app, profilePath(t.employee.id), { cookie: t.cookies.manager })).status,
    ).toBe(404);
  });
});
