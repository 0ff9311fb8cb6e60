import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import {
  createTestDeps,
  send,
  type TestApp,
  type TestDeps,
  testApp,
} from "../../../test/helpers.js";
import { write } from "../../db/transaction.js";
import { findPersonById } from "../org/org.repository.js";
import { startSignedInSession } from "./auth.service.js";
import { authSettings, credentials, sessions, totpRecoveryCodes } from "./auth.table.js";
import { totpCodeAt } from "./auth.totp.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const cookieOf = (res: Response) => res.headers.get("set-cookie")?.split(";")[0] ?? null;

async function signInWithPassword(app: TestApp, email: string, password: string, ip?: string) {
  return send(app, "/api/v1/auth/sign-in", { body: { email, password }, ip });
}

/** Sets up an authenticator for the person signed in with `cookie`; returns its secret and codes. */
async function enrolTotp(deps: TestDeps, app: TestApp, cookie: string) {
  const started = await send(app, "/api/v1/me/totp/enrol", { method: "POST", cookie });
  expect(started.status).toBe(200);
  const { secret } = (await started.json()) as { secret: string };
  const confirmed = await send(app, "/api/v1/me/totp/confirm", {
    body: { code: totpCodeAt({ secret, now: deps.clock() }) },
    cookie,
  });
  expect(confirmed.status).toBe(200);
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
  // The code just used is spent: later steps in the test start two steps on, so that a code one
  // step behind is a fresh one too.
  deps.advance(60 * SECOND);
  return { secret, recoveryCodes };
}

/** A person with a second factor, and a way to sign in fully as them. */
async function personWithTotp(deps: TestDeps, app: TestApp) {
  const user = await makeUser(deps);
  const cookie = await signInCookie(app, user.email, user.password);
  const { secret, recoveryCodes } = await enrolTotp(deps, app, cookie);
  const challenge = async (ip?: string) => {
    const res = await signInWithPassword(app, user.email, user.password, ip);
    expect(res.status).toBe(200);
    return ((await res.json()) as { challenge: string }).challenge;
  };
  const code = (at = deps.clock()) => totpCodeAt({ secret, now: at });
  return { user, cookie, secret, recoveryCodes, challenge, code };
}

const secondStep = (app: TestApp, body: unknown, opts: { cookie?: string; ip?: string } = {}) =>
  send(app, "/api/v1/auth/sign-in/totp", { body, ...opts });

async function requireTotp(deps: TestDeps, on: boolean) {
  await deps.database.db
    .insert(authSettings)
    .values({ id: 1, requireTotp: on, updatedAt: deps.clock() })
    .onConflictDoUpdate({ target: authSettings.id, set: { requireTotp: on } });
}

describe("setting up two-step sign-in", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);

  it("shows a QR code and key, turns on with a first code, and gives ten recovery codes once", async () => {
    const user = await makeUser(deps, { email: "quinn.qr@example.com" });
    const cookie = await signInCookie(app, user.email, user.password);
    const before = await (await send(app, "/api/v1/me/totp", { cookie })).json();
    expect(before).toMatchObject({ passwordAccount: true, enabled: false, pending: false });

    const started = await send(app, "/api/v1/me/totp/enrol", { method: "POST", cookie });
    expect(started.status).toBe(200);
    const enrolment = await started.json();
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Headway:quinn\.qr%40example\.com\?/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const svg = Buffer.from(enrolment.qrCode.split(",")[1], "base64").toString("utf8");
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await (await send(app, "/api/v1/me/totp", { cookie })).json()).pending).toBe(true);

    const confirmed = await send(app, "/api/v1/me/totp/confirm", {
      body: { code: totpCodeAt({ secret: enrolment.secret, now: deps.clock() }) },
      cookie,
    });
    expect(confirmed.status).toBe(200);
    const { recoveryCodes } = await confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    const after = await (await send(app, "/api/v1/me/totp", { cookie })).json();
    expect(after).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10 });

    // Only a sealed secret and hashes are kept; nothing of them reaches the audit trail.
    const [row] = await deps.database.db
      .select()
      .from(credentials)
      .where(eq(credentials.personId, user.id));
    expect(row!.totpSecret).not.toContain(enrolment.secret);
    const stored = await deps.database.db
      .select()
      .from(totpRecoveryCodes)
      .where(eq(totpRecoveryCodes.personId, user.id));
    expect(stored).toHaveLength(10);
    const storedText = JSON.stringify(stored);
    const audit = JSON.stringify(
      (await deps.database.db.execute(sql`SELECT action, data FROM audit_events`)).rows,
    );
    for (const c of recoveryCodes) {
      expect(storedText).not.toContain(c.replaceAll("-", ""));
      expect(audit).not.toContain(c.replaceAll("-", ""));
    }
    expect(audit).not.toContain(enrolment.secret);
    expect(audit).toContain("auth.totp_enabled");
  });

  it("refuses a wrong first code and stays off", async () => {
    const user = await makeUser(deps);
    const cookie = await signInCookie(app, user.email, user.password);
    const { secret } = await (
      await send(app, "/api/v1/me/totp/enrol", { method: "POST", cookie })
    ).json();
    const wrong = totpCodeAt({ secret, now: new Date(deps.clock().getTime() + 5 * MINUTE) });
    const res = await send(app, "/api/v1/me/totp/confirm", { body: { code: wrong }, cookie });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("auth.invalid_code");
    expect(error.details).toEqual([expect.objectContaining({ path: "code" })]);
    const status = await (await send(app, "/api/v1/me/totp", { cookie })).json();
    expect(status).toMatchObject({ enabled: false, pending: true });
  });

  it("is refused a second time while it is on: it has to be turned off first", async () => {
    const { cookie } = await personWithTotp(deps, app);
    const again = await send(app, "/api/v1/me/totp/enrol", { method: "POST", cookie });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("totp.exists");
  });

  it("ends the person's other sessions and keeps this one", async () => {
    const user = await makeUser(deps);
    const here = await signInCookie(app, user.email, user.password);
    const elsewhere = await signInCookie(app, user.email, user.password);
    await enrolTotp(deps, app, here);
    expect((await send(app, "/api/v1/me", { cookie: here })).status).toBe(200);
    expect((await send(app, "/api/v1/me", { cookie: elsewhere })).status).toBe(401);
  });
});

describe("signing in with a second factor", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);

  it("answers a right password with a challenge and no session; a current code finishes sign-in", async () => {
    const { user, code } = await personWithTotp(deps, app);
    const first = await signInWithPassword(app, user.email, user.password);
    expect(first.status).toBe(200);
    expect(first.headers.get("set-cookie")).toBeNull();
    const body = await first.json();
    expect(body).toEqual({
      secondFactor: "totp",
      challenge: expect.stringMatching(/^[\w-]{40,}$/),
      expiresAt: new Date(deps.clock().getTime() + 5 * MINUTE).toISOString(),
    });

    const done = await secondStep(app, { challenge: body.challenge, code: code() });
    expect(done.status).toBe(200);
    expect((await done.json()).person.id).toBe(user.id);
    const cookie = cookieOf(done)!;
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
    const [session] = await deps.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, user.id))
      .orderBy(sql`created_at DESC`)
      .limit(1);
    expect(session!.method).toBe("password+totp");

    // The challenge is spent.
    deps.advance(30 * SECOND);
    const reused = await secondStep(app, { challenge: body.challenge, code: code() });
    expect(reused.status).toBe(400);
    expect((await reused.json()).error.code).toBe("auth.challenge_invalid");
  });

  it("accepts each code once: the same code is refused a second time within its 30 seconds", async () => {
    const { challenge, code } = await personWithTotp(deps, app);
    const used = code();
    expect((await secondStep(app, { challenge: await challenge(), code: used })).status).toBe(200);
    const replay = await secondStep(app, { challenge: await challenge(), code: used });
    expect(replay.status).toBe(400);
    expect((await replay.json()).error.code).toBe("auth.invalid_code");
    deps.advance(30 * SECOND);
    expect((await secondStep(app, { challenge: await challenge(), code: code() })).status).toBe(
      200,
    );
  });

  it("accepts a code one step behind or ahead (clock drift), not two", async () => {
    const { challenge, code } = await personWithTotp(deps, app);
    const at = (ms: number) => code(new Date(deps.clock().getTime() + ms));
    const c = await challenge();
    expect((await secondStep(app, { challenge: c, code: at(-60 * SECOND) })).status).toBe(400);
    expect((await secondStep(app, { challenge: c, code: at(60 * SECOND) })).status).toBe(400);
    expect((await secondStep(app, { challenge: c, code: at(-30 * SECOND) })).status).toBe(200);
    expect(
      (await secondStep(app, { challenge: await challenge(), code: at(30 * SECOND) })).status,
    ).toBe(200);
  });

  it("takes a recovery code once, written in any case and with or without dashes", async () => {
    const { challenge, recoveryCodes } = await personWithTotp(deps, app);
    const [first, second] = recoveryCodes as [string, string];
    const ok = await secondStep(app, { challenge: await challenge(), recoveryCode: first });
    expect(ok.status).toBe(200);
    expect((await ok.json()).recoveryCodesLeft).toBe(9);
    const again = await secondStep(app, { challenge: await challenge(), recoveryCode: first });
    expect(again.status).toBe(400);
    const loose = ` ${second.replaceAll("-", "").toUpperCase()} `;
    expect(
      (await secondStep(app, { challenge: await challenge(), recoveryCode: loose })).status,
    ).toBe(200);
  });

  it("lets a challenge lapse after five minutes", async () => {
    const { challenge, code } = await personWithTotp(deps, app);
    const c = await challenge();
    deps.advance(5 * MINUTE + SECOND);
    const late = await secondStep(app, { challenge: c, code: code() });
    expect(late.status).toBe(400);
    expect((await late.json()).error).toMatchObject({
      code: "auth.challenge_invalid",
      message: expect.stringMatching(/Sign in again/),
    });
  });

  it("pauses after ten wrong codes, even for the right one, from any address", async () => {
    const { challenge, code } = await personWithTotp(deps, app);
    const wrong = code(new Date(deps.clock().getTime() + 10 * MINUTE));
    for (let i = 0; i < 10; i++) {
      const c = await challenge(`198.51.100.${i + 1}`);
      const res = await secondStep(
        app,
        { challenge: c, code: wrong },
        { ip: `198.51.100.${i + 1}` },
      );
      expect(res.status).toBe(400);
    }
    const c = await challenge("198.51.100.99");
    const limited = await secondStep(app, { challenge: c, code: code() }, { ip: "198.51.100.99" });
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.message).toMatch(/Too many wrong codes\. Wait 15 minutes/);
    deps.advance(16 * MINUTE);
    const later = await challenge("198.51.100.99");
    expect((await secondStep(app, { challenge: later, code: code() })).status).toBe(200);
  });

  it("answers nonsense with 4xx, never 5xx, and signs nobody in", async () => {
    const { challenge, code } = await personWithTotp(deps, app);
    const c = await challenge();
    const bodies: unknown[] = [
      {},
      { challenge: c },
      { challenge: c, code: code(), recoveryCode: "abcd-efgh-jkmn" },
      { challenge: c, code: 123456 },
      { challenge: c, code: null },
      { challenge: c, code: "" },
      { challenge: c, code: "12345678901234567890123" },
      { challenge: c, code: "abcdef" },
      { challenge: c, recoveryCode: "----" },
      { challenge: c, recoveryCode: "x".repeat(41) },
      { challenge: "made-up", code: code() },
      { challenge: "x".repeat(500), code: code() },
      { challenge: ["a"], code: code() },
      "not json",
      "[]",
      { challenge: c, code: "\u0000\u0000" },
    ];
    for (const body of bodies) {
      const res = await secondStep(app, body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });
});

describe("turning two-step sign-in off and renewing recovery codes", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);

  it("turns off with the password (a wrong one is refused); sign-in then needs the password alone", async () => {
    const { user, cookie } = await personWithTotp(deps, app);
    const wrong = await send(app, "/api/v1/me/totp/disable", {
      body: { password: "not my password at all" },
      cookie,
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.details).toEqual([
      expect.objectContaining({ path: "password" }),
    ]);
    const off = await send(app, "/api/v1/me/totp/disable", {
      body: { password: user.password },
      cookie,
    });
    expect(off.status).toBe(200);
    const res = await signInWithPassword(app, user.email, user.password);
    expect(cookieOf(res)).toMatch(/^headway_session=/);
    expect(await res.json()).toMatchObject({ totpEnrolmentRequired: false });
    const left = await deps.database.db
      .select()
      .from(totpRecoveryCodes)
      .where(eq(totpRecoveryCodes.personId, user.id));
    expect(left).toEqual([]);
  });

  it("turns off with a current code, and asks for one of the two", async () => {
    const { cookie, code } = await personWithTotp(deps, app);
    const neither = await send(app, "/api/v1/me/totp/disable", { body: {}, cookie });
    expect(neither.status).toBe(400);
    const off = await send(app, "/api/v1/me/totp/disable", { body: { code: code() }, cookie });
    expect(off.status).toBe(200);
    expect((await (await send(app, "/api/v1/me/totp", { cookie })).json()).enabled).toBe(false);
  });

  it("replaces the recovery codes: the old ones stop working, the new ones work", async () => {
    const { cookie, code, challenge, recoveryCodes } = await personWithTotp(deps, app);
    const res = await send(app, "/api/v1/me/totp/recovery-codes", {
      body: { code: code() },
      cookie,
    });
    expect(res.status).toBe(200);
    const fresh = (await res.json()).recoveryCodes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    const old = await secondStep(app, {
      challenge: await challenge(),
      recoveryCode: recoveryCodes[0],
    });
    expect(old.status).toBe(400);
    const renewed = await secondStep(app, { challenge: await challenge(), recoveryCode: fresh[0] });
    expect(renewed.status).toBe(200);
  });

  it("answers nonsense to the set-up endpoints with 4xx, never 5xx", async () => {
    const { cookie } = await personWithTotp(deps, app);
    const fresh = await makeUser(deps);
    const freshCookie = await signInCookie(app, fresh.email, fresh.password);
    const cases: [string, string, unknown][] = [
      ["/api/v1/me/totp/confirm", freshCookie, { code: "123456" }],
      ["/api/v1/me/totp/confirm", freshCookie, { code: 123456 }],
      ["/api/v1/me/totp/confirm", freshCookie, {}],
      ["/api/v1/me/totp/confirm", cookie, { code: "000000" }],
      ["/api/v1/me/totp/disable", freshCookie, { code: "123456" }],
      ["/api/v1/me/totp/disable", cookie, { code: "123456", password: "both at once" }],
      ["/api/v1/me/totp/disable", cookie, { password: "x".repeat(201) }],
      ["/api/v1/me/totp/recovery-codes", freshCookie, { password: fresh.password }],
      ["/api/v1/me/totp/recovery-codes", cookie, "[1, 2"],
      ["/api/v1/me/totp/enrol", cookie, "{}"],
    ];
    for (const [path, c, body] of cases) {
      const res = await send(app, path, { body, cookie: c });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
    }
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const res = await send(app, `/api/v1/people/${id}/totp`, { method: "DELETE", cookie });
      expect(res.status).toBe(404);
    }
  });

  it("lets an admin reset someone's second factor, and nobody else", async () => {
    const { user, cookie } = await personWithTotp(deps, app);
    const admin = await makeUser(deps, { roles: ["admin"] });
    const peer = await makeUser(deps);
    const peerCookie = await signInCookie(app, peer.email, peer.password);
    const refused = await send(app, `/api/v1/people/${user.id}/totp`, {
      method: "DELETE",
      cookie: peerCookie,
    });
    expect(refused.status).toBe(404);
    const adminCookie = await signInCookie(app, admin.email, admin.password);
    const reset = await send(app, `/api/v1/people/${user.id}/totp`, {
      method: "DELETE",
      cookie: adminCookie,
    });
    expect(reset.status).toBe(204);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(401);
    const res = await signInWithPassword(app, user.email, user.password);
    expect(cookieOf(res)).toMatch(/^headway_session=/);
  });
});

describe("when the organisation requires two-step sign-in", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);
  await requireTotp(deps, true);

  it("signs a person without one into a session that may only set it up or sign out", async () => {
    const user = await makeUser(deps);
    const res = await signInWithPassword(app, user.email, user.password);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ totpEnrolmentRequired: true });
    const cookie = cookieOf(res)!;

    for (const path of ["/api/v1/me", "/api/v1/people", "/api/v1/me/sessions"]) {
      const refused = await send(app, path, { cookie });
      expect(refused.status, path).toBe(401);
      expect((await refused.json()).error).toMatchObject({
        code: "auth.totp_enrolment_required",
        message: expect.stringMatching(/requires two-step sign-in/),
      });
    }
    const tokens = await send(app, "/api/v1/me/tokens", { body: { name: "sneaky" }, cookie });
    expect(tokens.status).toBe(401);
    // Public answers stay public.
    expect((await send(app, "/api/v1/setup", { cookie })).status).toBe(200);

    const status = await (await send(app, "/api/v1/me/totp", { cookie })).json();
    expect(status).toMatchObject({ required: true, enabled: false, enrolmentOnly: true });
    await enrolTotp(deps, app, cookie);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
    const [session] = await deps.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, user.id));
    expect(session!.method).toBe("password+totp");
  });

  it("lets the restricted session sign out", async () => {
    const user = await makeUser(deps);
    const cookie = cookieOf(await signInWithPassword(app, user.email, user.password))!;
    const out = await send(app, "/api/v1/auth/sign-out", { method: "POST", cookie });
    expect(out.status).toBe(204);
    const left = await deps.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, user.id));
    expect(left).toEqual([]);
  });

  it("sends someone who turns it off back to setting it up", async () => {
    const { user, code } = await personWithTotp(deps, app);
    const c = cookieOf(
      await secondStep(app, {
        challenge: (await (await signInWithPassword(app, user.email, user.password)).json())
          .challenge,
        code: code(),
      }),
    )!;
    deps.advance(30 * SECOND);
    const off = await send(app, "/api/v1/me/totp/disable", { body: { code: code() }, cookie: c });
    expect(await off.json()).toEqual({ enrolmentOnly: true });
    expect((await (await send(app, "/api/v1/me", { cookie: c })).json()).error.code).toBe(
      "auth.totp_enrolment_required",
    );
  });

  it("does not ask single sign-on sessions: the identity provider handles that", async () => {
    const user = await makeUser(deps);
    const person = (await findPersonById(deps.database.db, user.id))!;
    const session = await write(deps, (w) =>
      startSignedInSession(w, {
        person,
        method: "oidc",
        ip: "192.0.2.1",
        userAgent: "test",
        replacesSessionId: null,
      }),
    );
    const me = await send(app, "/api/v1/me", { cookie: `headway_session=${session.token}` });
    expect(me.status).toBe(200);
  });
});
