import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, type TestApp, testApp } from "../../../test/helpers.js";
import { startSmtpReceiver } from "../../../test/smtp.js";
import { settleBackgroundTasks } from "../../db/transaction.js";
import { issueSetupLink } from "./auth.service.js";
import { sessions } from "./auth.table.js";

const MINUTE = 60_000;
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

const signIn = (app: TestApp, email: string, password: string, ip = "192.0.2.1") =>
  send(app, "/api/v1/auth/sign-in", { body: { email, password }, ip });

// ---------- first-run setup ----------

describe("first-run setup", () => {
  it("creates the first admin once; a second use of the link is refused with a clear message", async () => {
    const deps = await createTestDeps();
    const app = testApp(deps);
    const link = (await issueSetupLink(deps))!;
    const body = {
      token: tokenOf(link.url),
      name: "Ada Admin",
      email: "ada@example.com",
      password: "correct horse battery",
    };
    const first = await send(app, "/api/v1/setup", { body });
    expect(first.status).toBe(201);
    expect(first.headers.get("set-cookie")).toMatch(/^headway_session=/);
    expect(await (await send(app, "/api/v1/setup")).json()).toEqual({ needed: false });

    const again = await send(app, "/api/v1/setup", { body: { ...body, email: "eve@example.com" } });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatchObject({
      code: "auth.setup_done",
      message: "Headway is already set up. Sign in instead.",
    });
  });

  it("refuses an expired setup link and leaves setup to be done", async () => {
    const deps = await createTestDeps();
    const app = testApp(deps);
    const link = (await issueSetupLink(deps))!;
    deps.advance(deps.config.setupTokenTtlMinutes * MINUTE + 1);
    const res = await send(app, "/api/v1/setup", {
      body: {
        token: tokenOf(link.url),
        name: "Late Larry",
        email: "larry@example.com",
        password: "correct horse battery",
      },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: "auth.link_expired",
      message: "This link has expired. Ask for a new one.",
    });
    expect(await (await send(app, "/api/v1/setup")).json()).toEqual({ needed: true });
    const people = await deps.database.db.execute(sql`SELECT count(*)::int AS n FROM people`);
    expect(people.rows[0]).toEqual({ n: 0 });
  });

  it("refuses a made-up setup token", async () => {
    const deps = await createTestDeps();
    await issueSetupLink(deps);
    const res = await send(testApp(deps), "/api/v1/setup", {
      body: {
        token: "guess",
        name: "Mal",
        email: "mal@example.com",
        password: "correct horse battery",
      },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("auth.link_invalid");
  });

  it("issues no setup link and refuses setup once an admin exists", async () => {
    const deps = await createTestDeps();
    const link = (await issueSetupLink(deps))!;
    await makeUser(deps, { roles: ["admin"] });
    expect(await issueSetupLink(deps)).toBeNull();
    const res = await send(testApp(deps), "/api/v1/setup", {
      body: {
        token: tokenOf(link.url),
        name: "Second Admin",
        email: "second@example.com",
        password: "correct horse battery",
      },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("auth.setup_done");
  });
});

// ---------- sign-in, sign-out, rate limits ----------

describe("sign-in", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);

  it("sets an HttpOnly, SameSite=Lax session cookie for the whole site", async () => {
    const user = await makeUser(deps);
    const res = await signIn(app, user.email, user.password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^headway_session=[\w-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    const me = await send(app, "/api/v1/me", { cookie: cookie.split(";")[0] });
    expect((await me.json()).person.email).toBe(user.email);
  });

  it("accepts the email in another case", async () => {
    const user = await makeUser(deps, { email: "case.sensitive@example.com" });
    expect((await signIn(app, "Case.Sensitive@EXAMPLE.com", user.password)).status).toBe(200);
  });

  it("answers a wrong password and an unknown email byte for byte the same", async () => {
    const user = await makeUser(deps);
    const wrong = await signIn(app, user.email, "not the password", "192.0.2.10");
    const unknown = await signIn(app, "nobody@example.com", "not the password", "192.0.2.10");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toBe(b);
    expect(JSON.parse(a).error.code).toBe("auth.invalid_credentials");
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("answers an inactive person's correct password like a wrong one", async () => {
    const user = await makeUser(deps, { active: false });
    const res = await signIn(app, user.email, user.password, "192.0.2.11");
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("auth.invalid_credentials");
  });

  it("after 10 failed attempts for one email answers 429 saying how long to wait, even to the right password", async () => {
    const user = await makeUser(deps);
    const ip = "192.0.2.20";
    for (let i = 0; i < 10; i++)
      expect((await signIn(app, user.email, `wrong ${i}`, ip)).status).toBe(401);
    const limited = await signIn(app, user.email, user.password, ip);
    expect(limited.status).toBe(429);
    const { error } = await limited.json();
    expect(error.code).toBe("auth.rate_limited");
    expect(error.message).toMatch(/Wait 15 minutes/);
    expect(error.details.retryAfterSeconds).toBeGreaterThan(0);
    // An unknown email is limited the same way: the limit does not reveal who has an account.
    for (let i = 0; i < 10; i++) await signIn(app, "ghost@example.com", `wrong ${i}`, ip);
    const ghost = await signIn(app, "ghost@example.com", "wrong", ip);
    expect(ghost.status).toBe(429);
    // The pause ends.
    deps.advance(16 * MINUTE);
    expect((await signIn(app, user.email, user.password, ip)).status).toBe(200);
  });

  it("lets a hundred wrong attempts neither sign in nor answer 5xx", async () => {
    const user = await makeUser(deps);
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const password = i % 10 === 9 ? user.password.toUpperCase() : `guess number ${i}`;
      const res = await signIn(app, user.email, password, "192.0.2.30");
      statuses.push(res.status);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
  });

  it("counts attempts sent all at once: no more than 10 are checked", async () => {
    const user = await makeUser(deps);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(app, user.email, `parallel ${i}`, "192.0.2.40")),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect((await signIn(app, user.email, user.password, "192.0.2.40")).status).toBe(429);
  });

  it("refuses a malformed email with a 400 naming the field, not a sign-in failure", async () => {
    const res = await signIn(app, "not an email", "whatever");
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("validation.failed");
    expect(error.details).toEqual([expect.objectContaining({ path: "email" })]);
  });

  it("signs out by deleting the session on the server: the old cookie no longer works", async () => {
    const user = await makeUser(deps);
    const cookie = await signInCookie(app, user.email, user.password);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
    const out = await send(app, "/api/v1/auth/sign-out", { method: "POST", cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/headway_session=;.*Max-Age=0/);
    const after = await send(app, "/api/v1/me", { cookie });
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe("auth.unauthenticated");
    const left = await deps.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, user.id));
    expect(left).toEqual([]);
  });
});

// ---------- password reset ----------

/** The body of a raw message, quoted-printable decoded. */
function decodeBody(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(raw)) return body;
  return body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const resetLinkIn = (text: string) =>
  text.match(/https?:\/\/\S+\/reset-password\?token=[\w-]+/)?.[0];

describe("password reset by email", async () => {
  const smtp = await startSmtpReceiver();
  const deps = await createTestDeps({
    config: {
      smtp: { host: "127.0.0.1", port: smtp.port, secure: false, user: null, password: null },
    },
  });
  const app = testApp(deps);

  it("answers an unknown email exactly as a known one, and sends nothing for it", async () => {
    const user = await makeUser(deps);
    const before = smtp.messages.length;
    const unknown = await send(app, "/api/v1/auth/password-reset/request", {
      body: { email: "nobody@example.com" },
    });
    expect(unknown.status).toBe(202);
    expect(smtp.messages.length).toBe(before);
    const known = await send(app, "/api/v1/auth/password-reset/request", {
      body: { email: user.email },
    });
    expect(known.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    await settleBackgroundTasks();
    expect(smtp.messages.length).toBe(before + 1);
  });

  it("mails a link that sets a new password once, ends old sessions, and then is spent", async () => {
    const user = await makeUser(deps, { name: "Rita Reset" });
    const oldCookie = await signInCookie(app, user.email, user.password);
    const before = smtp.messages.length;

    const requested = await send(app, "/api/v1/auth/password-reset/request", {
      body: { email: user.email },
    });
    expect(requested.status).toBe(202);
    await settleBackgroundTasks();
    expect(smtp.messages.length).toBe(before + 1);
    const raw = smtp.messages.at(-1)!;
    expect(raw).toMatch(new RegExp(`^To: ${user.email.replace(/\./g, "\\.")}`, "im"));
    expect(raw).toMatch(/^Subject: Reset your Headway password/im);
    const link = resetLinkIn(decodeBody(raw));
    expect(link).toBeDefined();
    expect(link!.startsWith(`${deps.config.baseUrl}/reset-password?token=`)).toBe(true);

    const newPassword = "a brand new passphrase";
    const done = await send(app, "/api/v1/auth/password-reset/complete", {
      body: { token: tokenOf(link!), password: newPassword },
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ email: user.email });

    expect((await send(app, "/api/v1/me", { cookie: oldCookie })).status).toBe(401);
    expect((await signIn(app, user.email, user.password, "198.51.100.1")).status).toBe(401);
    expect((await signIn(app, user.email, newPassword, "198.51.100.1")).status).toBe(200);

    const reused = await send(app, "/api/v1/auth/password-reset/complete", {
      body: { token: tokenOf(link!), password: "yet another passphrase" },
    });
    expect(reused.status).toBe(400);
    expect((await reused.json()).error).toMatchObject({
      code: "auth.link_used",
      message: "This link has already been used. Ask for a new one.",
    });
    expect((await signIn(app, user.email, newPassword, "198.51.100.1")).status).toBe(200);
  });

  it("keeps the link usable when the new password is too weak", async () => {
    const user = await makeUser(deps);
    await send(app, "/api/v1/auth/password-reset/request", { body: { email: user.email } });
    await settleBackgroundTasks();
    const link = resetLinkIn(decodeBody(smtp.messages.at(-1)!))!;
    const weak = await send(app, "/api/v1/auth/password-reset/complete", {
      body: { token: tokenOf(link), password: "short" },
    });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.details).toEqual([
      { path: "password", message: "Use at least 10 characters." },
    ]);
    const ok = await send(app, "/api/v1/auth/password-reset/complete", {
      body: { token: tokenOf(link), password: "long enough now, really" },
    });
    expect(ok.status).toBe(200);
  });
});

describe("password reset without SMTP", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);
  const admin = await makeUser(deps, { roles: ["admin"] });
  const adminCookie = await signInCookie(app, admin.email, admin.password);

  const outbox = async () => {
    const res = await send(app, "/api/v1/mail/outbox", { cookie: adminCookie });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      transport: string;
      items: { to: string; subject: string; text: string; sentAt: string | null }[];
    };
  };

  it("puts the mail in the outbox an admin can read", async () => {
    const user = await makeUser(deps);
    await send(app, "/api/v1/auth/password-reset/request", { body: { email: user.email } });
    const box = await outbox();
    expect(box.transport).toBe("outbox");
    expect(box.items[0]).toMatchObject({
      to: user.email,
      subject: "Reset your Headway password",
      sentAt: null,
    });
    expect(resetLinkIn(box.items[0]!.text)).toBeDefined();
  });

  it("does not show the outbox to anyone but an admin", async () => {
    const user = await makeUser(deps, { roles: ["hr"], hrScopeAll: true });
    const cookie = await signInCookie(app, user.email, user.password);
    const res = await send(app, "/api/v1/mail/outbox", { cookie });
    expect(res.status).toBe(404);
  });

  it("refuses a reset link after it expired (one hour)", async () => {
    const user = await makeUser(deps);
    await send(app, "/api/v1/auth/password-reset/request", { body: { email: user.email } });
    await settleBackgroundTasks();
    const link = resetLinkIn((await outbox()).items[0]!.text)!;
    deps.advance(61 * MINUTE);
    const res = await send(app, "/api/v1/auth/password-reset/complete", {
      body: { token: tokenOf(link), password: "a brand new passphrase" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: "auth.link_expired",
      message: "This link has expired. Ask for a new one.",
    });
    expect((await signIn(app, user.email, user.password, "198.51.100.2")).status).toBe(200);
  });
});

// ---------- personal API tokens ----------

describe("personal API tokens", async () => {
  const deps = await createTestDeps();
  const app = testApp(deps);
  const owner = await makeUser(deps, { name: "Otto Owner" });
  let cookie = await signInCookie(app, owner.email, owner.password);

  const create = async (body: object = { name: "laptop script" }) => {
    const res = await send(app, "/api/v1/me/tokens", { body, cookie });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; token: string; prefix: string; name: string };
  };

  it("are shown once on creation, work as a Bearer token, and never appear in the list", async () => {
    const created = await create();
    expect(created.token).toMatch(/^hw_[\w-]{40,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);

    const me = await send(app, "/api/v1/me", { bearer: created.token });
    expect(me.status).toBe(200);
    expect((await me.json()).person.id).toBe(owner.id);

    const list = await send(app, "/api/v1/me/tokens", { cookie });
    const text = await list.text();
    expect(text).not.toContain(created.token);
    expect(JSON.parse(text).items).toContainEqual(
      expect.objectContaining({ id: created.id, name: "laptop script", revokedAt: null }),
    );
    expect(JSON.parse(text).items[0]).not.toHaveProperty("token");
  });

  it("stop working once revoked", async () => {
    const created = await create();
    const revoked = await send(app, `/api/v1/me/tokens/${created.id}`, {
      method: "DELETE",
      cookie,
    });
    expect(revoked.status).toBe(204);
    expect((await send(app, "/api/v1/me", { bearer: created.token })).status).toBe(401);
  });

  it("stop working when they expire", async () => {
    const created = await create({ name: "short-lived", expiresInDays: 1 });
    expect((await send(app, "/api/v1/me", { bearer: created.token })).status).toBe(200);
    deps.advance(25 * 60 * MINUTE);
    expect((await send(app, "/api/v1/me", { bearer: created.token })).status).toBe(401);
    // A day later the browser session has ended too (its own timeouts); sign in again.
    cookie = await signInCookie(app, owner.email, owner.password);
  });

  it("cannot be revoked by someone else: their id answers 404 like a missing one", async () => {
    const created = await create();
    const other = await makeUser(deps);
    const otherCookie = await signInCookie(app, other.email, other.password);
    const res = await send(app, `/api/v1/me/tokens/${created.id}`, {
      method: "DELETE",
      cookie: otherCookie,
    });
    expect(res.status).toBe(404);
    const missing = await send(app, "/api/v1/me/tokens/00000000-0000-4000-8000-000000000000", {
      method: "DELETE",
      cookie: otherCookie,
    });
    expect(await res.text()).toBe(await missing.text());
    expect((await send(app, "/api/v1/me", { bearer: created.token })).status).toBe(200);
  });

  it("refuses a made-up bearer token", async () => {
    const res = await send(app, "/api/v1/me", { bearer: `hw_${"x".repeat(43)}` });
    expect(res.status).toBe(401);
  });
});
