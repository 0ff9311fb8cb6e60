import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actorFor, makePerson, makeUser, signInCookie } from "../../../test/factories.js";
import {
  createTestDeps,
  send,
  type TestApp,
  type TestDeps,
  testApp,
} from "../../../test/helpers.js";
import { sessionEnd } from "./auth.rules.js";
import { invitePerson, issueSetupLink } from "./auth.service.js";
import { authSettings, sessions } from "./auth.table.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const cookieOf = (res: Response) => res.headers.get("set-cookie")?.split(";")[0] ?? null;

const signIn = (
  app: TestApp,
  user: { email: string; password: string },
  opts: { cookie?: string; userAgent?: string; ip?: string } = {},
) =>
  send(app, "/api/v1/auth/sign-in", {
    body: { email: user.email, password: user.password },
    cookie: opts.cookie,
    ip: opts.ip,
    headers: opts.userAgent ? { "user-agent": opts.userAgent } : {},
  });

async function setTimeouts(deps: TestDeps, idleMinutes: number, absoluteHours: number) {
  await deps.database.db
    .insert(authSettings)
    .values({
      id: 1,
      sessionIdleMinutes: idleMinutes,
      sessionAbsoluteHours: absoluteHours,
      updatedAt: deps.clock(),
    })
    .onConflictDoUpdate({
      target: authSettings.id,
      set: { sessionIdleMinutes: idleMinutes, sessionAbsoluteHours: absoluteHours },
    });
}

const auditCount = async (deps: TestDeps) =>
  (await deps.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`))
    .rows[0]!.n;

describe("when a session ends", () => {
  const at = new Date("2026-03-02T09:00:00Z");
  const later = (ms: number) => new Date(at.getTime() + ms);
  it.each([
    [29 * MINUTE, 0, null],
    [30 * MINUTE, 0, "Your session ended after 30 minutes without activity; sign in again."],
    [12 * HOUR - 1, 12 * HOUR - 2 * MINUTE, null],
    [12 * HOUR, 12 * HOUR - MINUTE, "Your session ended after 12 hours; sign in again."],
  ])("%d ms after sign-in, last seen at +%d ms: %s", (now, seen, message) => {
    const end = sessionEnd({
      createdAt: at,
      lastSeenAt: later(seen),
      now: later(now),
      idleMinutes: 30,
      absoluteHours: 12,
    });
    expect(end?.message ?? null).toBe(message);
  });

  it("says 1 minute and 1 hour in the singular", () => {
    const end = sessionEnd({
      createdAt: at,
      lastSeenAt: at,
      now: later(MINUTE),
      idleMinutes: 1,
      absoluteHours: 1,
    });
    expect(end?.message).toBe("Your session ended after 1 minute without activity; sign in again.");
    expect(
      sessionEnd({
        createdAt: at,
        lastSeenAt: later(HOUR),
        now: later(HOUR),
        idleMinutes: 5,
        absoluteHours: 1,
      })?.message,
    ).toBe("Your session ended after 1 hour; sign in again.");
  });
});

describe("sessions over time", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);

  it("gives a new session id at every sign-in and ends the one the browser had", async () => {
    const user = await makeUser(deps);
    const first = cookieOf(await signIn(app, user))!;
    expect((await send(app, "/api/v1/me", { cookie: first })).status).toBe(200);
    const second = cookieOf(await signIn(app, user, { cookie: first }))!;
    expect(second).not.toBe(first);
    expect((await send(app, "/api/v1/me", { cookie: first })).status).toBe(401);
    expect((await send(app, "/api/v1/me", { cookie: second })).status).toBe(200);
  });

  it("ends another person's session left in the browser when someone signs in there", async () => {
    const ada = await makeUser(deps);
    const bob = await makeUser(deps);
    const adas = cookieOf(await signIn(app, ada))!;
    cookieOf(await signIn(app, bob, { cookie: adas }));
    expect((await send(app, "/api/v1/me", { cookie: adas })).status).toBe(401);
  });

  it("ends after 30 minutes without activity, and says so; activity keeps it going", async () => {
    const user = await makeUser(deps);
    const cookie = cookieOf(await signIn(app, user))!;
    deps.advance(29 * MINUTE);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
    deps.advance(29 * MINUTE);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
    deps.advance(30 * MINUTE);
    const ended = await send(app, "/api/v1/me", { cookie });
    expect(ended.status).toBe(401);
    expect((await ended.json()).error).toEqual({
      code: "auth.session_expired",
      message: "Your session ended after 30 minutes without activity; sign in again.",
    });
    expect(ended.headers.get("set-cookie")).toMatch(/headway_session=;.*Max-Age=0/);
    // Signing in again from that browser works, and replaces the ended session.
    const fresh = cookieOf(await signIn(app, user, { cookie }))!;
    expect((await send(app, "/api/v1/me", { cookie: fresh })).status).toBe(200);
    const rows = await deps.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, user.id));
    expect(rows).toHaveLength(1);
  });

  it("still answers public requests from a browser whose session ended", async () => {
    const user = await makeUser(deps);
    const cookie = cookieOf(await signIn(app, user))!;
    deps.advance(31 * MINUTE);
    expect((await send(app, "/api/v1/setup", { cookie })).status).toBe(200);
    const reset = await send(app, "/api/v1/auth/password-reset/request", {
      body: { email: "nobody@example.com" },
      cookie,
    });
    expect(reset.status).toBe(202);
  });

  it("refreshes last activity at most once a minute, without an audit event", async () => {
    const user = await makeUser(deps);
    const cookie = cookieOf(await signIn(app, user))!;
    const seen = async () =>
      (await deps.database.db.select().from(sessions).where(eq(sessions.personId, user.id)))[0]!
        .lastSeenAt;
    const start = await seen();
    const events = await auditCount(deps);
    deps.advance(30 * SECOND);
    await send(app, "/api/v1/me", { cookie });
    expect(await seen()).toEqual(start);
    deps.advance(40 * SECOND);
    await send(app, "/api/v1/me", { cookie });
    expect(await seen()).toEqual(deps.clock());
    expect(await auditCount(deps)).toBe(events);
  });
});

describe("sessions with an eight-hour idle limit", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);
  await setTimeouts(deps, 480, 12);

  it("end after the absolute limit however active the person is", async () => {
    const user = await makeUser(deps);
    const cookie = cookieOf(await signIn(app, user))!;
    for (let h = 0; h < 11; h++) {
      deps.advance(HOUR);
      expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
    }
    deps.advance(HOUR);
    const ended = await send(app, "/api/v1/me", { cookie });
    expect(ended.status).toBe(401);
    expect((await ended.json()).error).toEqual({
      code: "auth.session_expired",
      message: "Your session ended after 12 hours; sign in again.",
    });
  });

  it("follow the limits an admin sets", async () => {
    const user = await makeUser(deps);
    const cookie = cookieOf(await signIn(app, user))!;
    deps.advance(7 * HOUR);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
  });
});

describe("your sessions", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);

  it("lists your live sessions with device, address, start, last activity and method", async () => {
    const user = await makeUser(deps);
    const laptop = cookieOf(
      await signIn(app, user, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" }),
    )!;
    deps.advance(2 * MINUTE);
    cookieOf(
      await signIn(app, user, { userAgent: "Mozilla/5.0 (iPhone) Safari", ip: "203.0.113.9" }),
    );
    const other = await makeUser(deps);
    await signIn(app, other);

    const res = await send(app, "/api/v1/me/sessions", { cookie: laptop });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toHaveLength(2);
    expect(items).toEqual([
      expect.objectContaining({
        current: false,
        userAgent: "Mozilla/5.0 (iPhone) Safari",
        ip: "203.0.113.9",
        method: "password",
      }),
      expect.objectContaining({
        current: true,
        userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
        createdAt: new Date(deps.clock().getTime() - 2 * MINUTE).toISOString(),
      }),
    ]);
  });

  it("leaves ended sessions out, and deletes them at the next sign-in", async () => {
    const user = await makeUser(deps);
    const rows = async () =>
      (await deps.database.db.select().from(sessions).where(eq(sessions.personId, user.id))).length;
    cookieOf(await signIn(app, user));
    deps.advance(20 * MINUTE);
    const here = cookieOf(await signIn(app, user))!;
    deps.advance(15 * MINUTE);
    const { items } = await (await send(app, "/api/v1/me/sessions", { cookie: here })).json();
    expect(items).toHaveLength(1);
    expect(await rows()).toBe(2);
    cookieOf(await signIn(app, user));
    expect(await rows()).toBe(2);
  });

  it("signs out one other session; its cookie stops working; the event is audited", async () => {
    const user = await makeUser(deps);
    const here = cookieOf(await signIn(app, user))!;
    const there = cookieOf(await signIn(app, user))!;
    const { items } = await (await send(app, "/api/v1/me/sessions", { cookie: here })).json();
    const target = items.find((s: { current: boolean }) => !s.current);
    const res = await send(app, `/api/v1/me/sessions/${target.id}`, {
      method: "DELETE",
      cookie: here,
    });
    expect(res.status).toBe(204);
    expect((await send(app, "/api/v1/me", { cookie: there })).status).toBe(401);
    expect((await send(app, "/api/v1/me", { cookie: here })).status).toBe(200);
    const events = await deps.database.db.execute<{ data: { sessionId: string } }>(
      sql`SELECT data FROM audit_events WHERE action = 'auth.session_revoked' AND subject_id = ${user.id}`,
    );
    expect(events.rows).toEqual([{ data: { sessionId: target.id } }]);
  });

  it("answers 404 for someone else's session and for a made-up id", async () => {
    const ada = await makeUser(deps);
    const bob = await makeUser(deps);
    const adas = cookieOf(await signIn(app, ada))!;
    const bobs = cookieOf(await signIn(app, bob))!;
    const { items } = await (await send(app, "/api/v1/me/sessions", { cookie: bobs })).json();
    for (const id of [items[0].id, "00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const res = await send(app, `/api/v1/me/sessions/${id}`, { method: "DELETE", cookie: adas });
      expect(res.status, id).toBe(404);
    }
    expect((await send(app, "/api/v1/me", { cookie: bobs })).status).toBe(200);
  });

  it("signs out everywhere else at once", async () => {
    const user = await makeUser(deps);
    const here = cookieOf(await signIn(app, user))!;
    const a = cookieOf(await signIn(app, user))!;
    const b = cookieOf(await signIn(app, user))!;
    const res = await send(app, "/api/v1/me/sessions/sign-out-others", {
      method: "POST",
      cookie: here,
    });
    expect(await res.json()).toEqual({ ended: 2 });
    expect((await send(app, "/api/v1/me", { cookie: a })).status).toBe(401);
    expect((await send(app, "/api/v1/me", { cookie: b })).status).toBe(401);
    expect((await send(app, "/api/v1/me", { cookie: here })).status).toBe(200);
  });
});

describe("changing your password", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);
  const change = (cookie: string, body: unknown) =>
    send(app, "/api/v1/me/password", { body, cookie });

  it("needs the current password, refuses a weak new one, and ends the other sessions", async () => {
    const user = await makeUser(deps, { name: "Petra Pass" });
    const here = await signInCookie(app, user.email, user.password);
    const there = await signInCookie(app, user.email, user.password);

    const wrong = await change(here, {
      currentPassword: "not the password",
      newPassword: "lantern quietly orbit",
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.details).toEqual([
      expect.objectContaining({ path: "currentPassword" }),
    ]);

    const weak = await change(here, {
      currentPassword: user.password,
      newPassword: "Password123!",
    });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.details).toEqual([
      {
        path: "newPassword",
        message: expect.stringMatching(/^It is one of the most common passwords/),
      },
    ]);
    const own = await change(here, {
      currentPassword: user.password,
      newPassword: "PetraPass2026!",
    });
    expect((await own.json()).error.message).toMatch(/built on your name/);

    const ok = await change(here, {
      currentPassword: user.password,
      newPassword: "lantern quietly orbit",
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ sessionsEnded: 1 });
    expect((await send(app, "/api/v1/me", { cookie: here })).status).toBe(200);
    expect((await send(app, "/api/v1/me", { cookie: there })).status).toBe(401);
    expect((await signIn(app, user)).status).toBe(401);
    expect(
      (await signIn(app, { email: user.email, password: "lantern quietly orbit" })).status,
    ).toBe(200);
  });

  it("counts wrong current passwords like failed sign-ins", async () => {
    const user = await makeUser(deps);
    const cookie = await signInCookie(app, user.email, user.password);
    for (let i = 0; i < 10; i++) {
      const res = await change(cookie, {
        currentPassword: `guess ${i}`,
        newPassword: "lantern quietly orbit",
      });
      expect(res.status).toBe(400);
    }
    const limited = await change(cookie, {
      currentPassword: user.password,
      newPassword: "lantern quietly orbit",
    });
    expect(limited.status).toBe(429);
  });

  it("answers nonsense with 4xx, never 5xx", async () => {
    const user = await makeUser(deps);
    const cookie = await signInCookie(app, user.email, user.password);
    for (const body of [
      {},
      { currentPassword: user.password },
      { currentPassword: user.password, newPassword: "" },
      { currentPassword: user.password, newPassword: "x".repeat(201) },
      { currentPassword: 1, newPassword: 2 },
      { currentPassword: user.password, newPassword: "a\u0000b lantern quietly" },
      "nope",
    ]) {
      const res = await change(cookie, body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
  });
});

describe("the password policy where people choose passwords", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);

  it("refuses a common password at setup, saying why, and leaves the link usable", async () => {
    const link = (await issueSetupLink(deps))!;
    const token = new URL(link.url).searchParams.get("token")!;
    const body = { token, name: "Ada Admin", email: "ada@example.com", password: "Password123!" };
    const weak = await send(app, "/api/v1/setup", { body });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.message).toMatch(/^It is one of the most common passwords/);
    const named = await send(app, "/api/v1/setup", {
      body: { ...body, name: "Ada Quartermaine", password: "Quartermaine1999" },
    });
    expect((await named.json()).error.message).toMatch(/built on your name/);
    const ok = await send(app, "/api/v1/setup", {
      body: { ...body, password: "lantern quietly orbit" },
    });
    expect(ok.status).toBe(201);
  });

  it("refuses a common password and one built on the person's name when they accept an invitation", async () => {
    const admin = await makeUser(deps, { roles: ["admin"] });
    const invitee = await makePerson(deps, { name: "Imogen Inviteson" });
    const link = await invitePerson(deps, {
      actor: await actorFor(deps, admin.id),
      personId: invitee.id,
    });
    const token = new URL(link.url).searchParams.get("token")!;
    const complete = (password: string) =>
      send(app, "/api/v1/auth/password-reset/complete", { body: { token, password } });
    const common = await complete("qwertyuiop12");
    expect(common.status).toBe(400);
    expect((await common.json()).error.details).toEqual([
      { path: "password", message: expect.stringMatching(/^It is one of the most common/) },
    ]);
    const named = await complete("Imogen Inviteson 2026");
    expect((await named.json()).error.message).toMatch(/built on your name/);
    expect((await complete("lantern quietly orbit")).status).toBe(200);
  });
});
