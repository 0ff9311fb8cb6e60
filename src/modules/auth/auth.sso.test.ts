import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actorFor,
  makePerson,
  makeUser,
  signInCookie,
  type TestUser,
} from "../../../test/factories.js";
import {
  createTestDeps,
  send,
  type TestApp,
  type TestDeps,
  testApp,
} from "../../../test/helpers.js";
import {
  loginAtProvider,
  startOidcProvider,
  type TestOidcProvider,
  testBrowser,
} from "../../../test/oidc-provider.js";
import { people } from "../org/org.table.js";
import { auditEvents } from "../record/record.table.js";
import { issuerProblem, safeNextPath } from "./auth.sso.js";
import { authSettings, personIdentities, sessions } from "./auth.table.js";

let deps: TestDeps;
let app: TestApp;
let idp: TestOidcProvider;
let admin: TestUser;
let adminCookie: string;

const CALLBACK = "/api/v1/auth/oidc/callback";

beforeAll(async () => {
  deps = await createTestDeps();
  app = testApp(deps);
  idp = await startOidcProvider({ redirectUri: `${deps.config.baseUrl}${CALLBACK}` });
  admin = await makeUser(deps, { name: "Ada Admin", roles: ["admin"] });
  adminCookie = await signInCookie(app, admin.email, admin.password);
});

afterAll(async () => {
  await idp?.close();
});

const browser = () =>
  testBrowser({ app: (path, init) => app.request(path, init), appOrigin: deps.config.baseUrl });

const putSettings = (body: Record<string, unknown>, cookie = adminCookie) =>
  send(app, "/api/v1/settings/sign-in", { method: "PUT", body, cookie });

const configure = () =>
  putSettings({ issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });

async function eventsOf(action: string) {
  return deps.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(desc(auditEvents.seq));
}

/** Starts single sign-on in `b` and stops at the provider's login page. */
async function toLoginPage(b: ReturnType<typeof browser>, next?: string) {
  const page = await b.follow(
    `/api/v1/auth/oidc/start${next === undefined ? "" : `?next=${encodeURIComponent(next)}`}`,
  );
  expect(page.url.origin).toBe(idp.issuer);
  expect(page.res.status).toBe(200);
  return page;
}

/** The whole journey: start, log in at the provider as `login`, come back. */
async function signInWithSso(
  login: string,
  { next, b = browser() }: { next?: string; b?: ReturnType<typeof browser> } = {},
) {
  const page = await toLoginPage(b, next);
  const end = await loginAtProvider(b, page, login);
  return { b, end };
}

const ssoError = (url: URL) =>
  url.pathname === "/sign-in" ? url.searchParams.get("sso_error") : null;

describe("the issuer and the landing path", () => {
  it.each([
    ["https://login.example.com", true, null],
    ["https://login.example.com/realms/acme", false, null],
    ["http://127.0.0.1:8080", true, null],
    ["http://localhost:8080", true, null],
    ["http://127.0.0.1:8080", false, "The issuer must start with https://."],
    ["http://login.example.com", true, expect.stringContaining("https://")],
    ["login.example.com", true, expect.stringContaining("full address")],
    ["https://login.example.com/?tenant=1", true, expect.stringContaining("?query")],
    ["https://user:pw@login.example.com", true, expect.stringContaining("user name")],
  ])("issuer %s (plain http on this machine allowed: %s)", (issuer, allowLoopbackHttp, problem) => {
    expect(issuerProblem(issuer, { allowLoopbackHttp })).toEqual(problem);
  });

  it.each([
    ["/plans/1?tab=goals", "/plans/1?tab=goals"],
    [null, "/"],
    ["https://evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/ok\r\nSet-Cookie: x=1", "/"],
    [`/${"a".repeat(1001)}`, "/"],
  ])("lands %j on %j", (next, path) => {
    expect(safeNextPath(next)).toBe(path);
  });
});

describe("before single sign-on is set up", () => {
  it("tells the sign-in page that single sign-on is off", async () => {
    const res = await send(app, "/api/v1/auth/sso");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      enabled: false,
      label: "Sign in with single sign-on",
      ssoOnly: false,
    });
  });

  it("sends a started sign-in back to the sign-in page with a reason", async () => {
    const res = await send(app, "/api/v1/auth/oidc/start?next=/plans");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/sign-in?sso_error=not_configured&next=%2Fplans");
  });
});

describe("sign-in settings", () => {
  it("are for admins only", async () => {
    const employee = await makeUser(deps, { name: "Eve Employee" });
    const cookie = await signInCookie(app, employee.email, employee.password);
    expect((await send(app, "/api/v1/settings/sign-in", { cookie })).status).toBe(403);
    expect((await putSettings({ ssoOnly: false }, cookie)).status).toBe(403);
    expect((await send(app, "/api/v1/settings/sign-in")).status).toBe(401);
  });

  it("refuse a provider that cannot be reached, saying why, and save nothing", async () => {
    const before = (await eventsOf("auth.settings_updated")).length;
    const res = await putSettings({
      issuer: "http://127.0.0.1:9",
      clientId: "headway",
      clientSecret: "s3cret-value",
      buttonLabel: "Sign in with Example",
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(
      /^Headway could not reach the provider at http:\/\/127\.0\.0\.1:9: /,
    );
    expect(body.error.details).toEqual([{ path: "issuer", message: body.error.message }]);
    const [row] = await deps.database.db.select().from(authSettings);
    expect(row).toBeUndefined();
    expect((await eventsOf("auth.settings_updated")).length).toBe(before);
  });

  it("refuse an issuer that is not https, and a provider given only in part", async () => {
    const http = await putSettings({
      issuer: "http://idp.example.com",
      clientId: "headway",
      clientSecret: "x",
    });
    expect(http.status).toBe(400);
    expect((await http.json()).error.details[0]).toMatchObject({
      path: "issuer",
      message: expect.stringContaining("https://"),
    });
    const partial = await putSettings({ issuer: idp.issuer });
    expect(partial.status).toBe(400);
    const paths = (await partial.json()).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(["clientId", "clientSecret"]);
  });

  it("keep session limits within bounds", async () => {
    for (const body of [
      { sessionIdleMinutes: 4 },
      { sessionIdleMinutes: 481 },
      { sessionIdleMinutes: 30.5 },
      { sessionAbsoluteHours: 0 },
      { sessionAbsoluteHours: 721 },
      { sessionIdleMinutes: "30" },
    ]) {
      const res = await putSettings(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe("validation.failed");
    }
    const ok = await putSettings({ sessionIdleMinutes: 5, sessionAbsoluteHours: 720 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ sessionIdleMinutes: 5, sessionAbsoluteHours: 720 });
    await putSettings({ sessionIdleMinutes: 30, sessionAbsoluteHours: 12 });
  });

  it("refuse SSO only while the provider is not set up, or without a break-glass admin", async () => {
    const noProvider = await putSettings({ ssoOnly: true, breakGlassPersonId: admin.id });
    expect(noProvider.status).toBe(400);
    expect((await noProvider.json()).error.details).toEqual([
      expect.objectContaining({ path: "ssoOnly" }),
    ]);
  });

  it("save the provider once its discovery document answers; the secret is sealed and never sent back", async () => {
    const res = await configure();
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    expect(text).not.toContain(idp.clientSecret);
    expect(await res.json()).toMatchObject({
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecretSet: true,
      configured: true,
      ssoOnly: false,
      callbackUrl: "http://headway.test/api/v1/auth/oidc/callback",
    });
    const [row] = await deps.database.db.select().from(authSettings);
    expect(row!.oidcClientSecret).not.toContain(idp.clientSecret);
    expect(row!.oidcClientSecret).not.toBe("");

    const read = await send(app, "/api/v1/settings/sign-in", { cookie: adminCookie });
    expect(await read.text()).not.toContain(idp.clientSecret);

    const [event] = await eventsOf("auth.settings_updated");
    expect(event!.actorId).toBe(admin.id);
    expect(event!.data).toEqual({ changed: ["issuer", "clientId", "clientSecret"] });
    const everything = JSON.stringify(await deps.database.db.select().from(auditEvents));
    expect(everything).not.toContain(idp.clientSecret);

    const status = await send(app, "/api/v1/auth/sso");
    expect(await status.json()).toEqual({
      enabled: true,
      label: "Sign in with single sign-on",
      ssoOnly: false,
    });
  });

  it("keep the stored secret when a save leaves it out, and write nothing when nothing changed", async () => {
    const before = (await eventsOf("auth.settings_updated")).length;
    const same = await putSettings({ issuer: idp.issuer, clientId: idp.clientId });
    expect(same.status).toBe(200);
    expect((await same.json()).clientSecretSet).toBe(true);
    expect((await eventsOf("auth.settings_updated")).length).toBe(before);

    const label = await putSettings({ buttonLabel: "  Sign in with Example ID  " });
    expect(await label.json()).toMatchObject({
      buttonLabel: "Sign in with Example ID",
      clientSecretSet: true,
    });
    const [event] = await eventsOf("auth.settings_updated");
    expect(event!.data).toEqual({ changed: ["buttonLabel"] });
  });

  it("test the connection to the saved provider, or to one being typed in", async () => {
    const saved = await send(app, "/api/v1/settings/sign-in/test", {
      body: {},
      cookie: adminCookie,
    });
    const savedBody = await saved.json();
    expect(savedBody, savedBody.message).toMatchObject({
      ok: true,
      issuer: idp.issuer,
      endpoints: { authorization: expect.stringContaining(idp.issuer) },
    });
    const typed = await send(app, "/api/v1/settings/sign-in/test", {
      body: { issuer: "http://127.0.0.1:9" },
      cookie: adminCookie,
    });
    expect(await typed.json()).toMatchObject({
      ok: false,
      message: expect.stringContaining("could not reach the provider at http://127.0.0.1:9"),
    });
  });

  it("accept as break-glass admin only an active admin with a password", async () => {
    const employee = await makeUser(deps, { name: "Not An Admin" });
    const noPassword = await makePerson(deps, { name: "Admin Without Password", roles: ["admin"] });
    for (const person of [employee, noPassword]) {
      const res = await putSettings({ breakGlassPersonId: person.id });
      expect(res.status).toBe(400);
      expect((await res.json()).error.details).toEqual([
        {
          path: "breakGlassPersonId",
          message: expect.stringContaining("cannot be the break-glass admin"),
        },
      ]);
    }
    const unknown = await putSettings({
      breakGlassPersonId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.status).toBe(400);
    const read = await (
      await send(app, "/api/v1/settings/sign-in", { cookie: adminCookie })
    ).json();
    expect(read.breakGlassCandidates.map((p: { id: string }) => p.id)).toEqual([admin.id]);
  });
});

describe("signing in with single sign-on", () => {
  let erin: TestUser;

  beforeAll(async () => {
    erin = await makeUser(deps, { name: "Erin Example", email: "erin@example.com" });
    idp.addAccount({ sub: "sub-erin", email: "Erin@Example.com", emailVerified: true });
  });

  it("signs a person in with a working session and links their identity", async () => {
    const { b, end } = await signInWithSso("sub-erin", { next: "/plans?tab=mine" });
    expect(end.url.href).toBe("http://headway.test/plans?tab=mine");
    const cookie = b.appCookie();
    expect(cookie).toMatch(/headway_session=/);
    const me = await send(app, "/api/v1/me", { cookie });
    expect(me.status).toBe(200);
    expect((await me.json()).person.id).toBe(erin.id);

    const [session] = await deps.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.personId, erin.id));
    expect(session!.method).toBe("oidc");
    const identities = await deps.database.db
      .select()
      .from(personIdentities)
      .where(eq(personIdentities.personId, erin.id));
    expect(identities).toMatchObject([{ issuer: idp.issuer, subject: "sub-erin" }]);

    const [signedIn] = await eventsOf("auth.signed_in");
    expect(signedIn).toMatchObject({
      actorId: erin.id,
      subjectId: erin.id,
      data: { method: "oidc", sessionId: session!.id },
    });
    const [linked] = await eventsOf("auth.identity_linked");
    expect(linked).toMatchObject({
      subjectId: erin.id,
      data: { issuer: idp.issuer, subject: "sub-erin" },
    });
  });

  it("finds the person by the linked identity next time, even after the provider's email changed", async () => {
    idp.addAccount({ sub: "sub-erin", email: "erin.new@elsewhere.example", emailVerified: true });
    const { b, end } = await signInWithSso("sub-erin");
    expect(end.url.href).toBe("http://headway.test/");
    const me = await send(app, "/api/v1/me", { cookie: b.appCookie() });
    expect((await me.json()).person.id).toBe(erin.id);
    idp.addAccount({ sub: "sub-erin", email: "erin@example.com", emailVerified: true });
  });

  it("refuses an email that belongs to nobody in Headway, and creates no account", async () => {
    idp.addAccount({ sub: "sub-stranger", email: "stranger@example.com", emailVerified: true });
    const before = (await deps.database.db.select().from(people)).length;
    const { b, end } = await signInWithSso("sub-stranger");
    expect(ssoError(end.url)).toBe("unknown_account");
    expect(b.appCookie()).not.toMatch(/headway_session=/);
    expect((await deps.database.db.select().from(people)).length).toBe(before);
    const [failed] = await eventsOf("auth.sso_failed");
    expect(failed!.data).toMatchObject({
      reason: "unknown_account",
      email: "stranger@example.com",
    });
  });

  it("does not trust an email the provider has not verified", async () => {
    const frank = await makeUser(deps, { name: "Frank", email: "frank@example.com" });
    idp.addAccount({ sub: "sub-frank", email: "frank@example.com", emailVerified: false });
    const { end } = await signInWithSso("sub-frank");
    expect(ssoError(end.url)).toBe("no_verified_email");
    const identities = await deps.database.db
      .select()
      .from(personIdentities)
      .where(eq(personIdentities.personId, frank.id));
    expect(identities).toEqual([]);
  });

  it("refuses a deactivated person", async () => {
    await makeUser(deps, { name: "Gone", email: "gone@example.com", active: false });
    idp.addAccount({ sub: "sub-gone", email: "gone@example.com", emailVerified: true });
    const { b, end } = await signInWithSso("sub-gone");
    expect(ssoError(end.url)).toBe("deactivated");
    expect(b.appCookie()).not.toMatch(/headway_session=/);
  });

  it("refuses a tampered state, an answer meant for another browser, and a replayed answer", async () => {
    const b = browser();
    const page = await toLoginPage(b);
    const atCallback = await loginAtProvider(b, page, "sub-erin", {
      stopBefore: (url) => url.pathname === CALLBACK,
    });
    const callback = atCallback.url;
    expect(callback.searchParams.get("code")).toBeTruthy();

    const tampered = new URL(callback);
    tampered.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    const t = await b.follow(tampered.href);
    expect(ssoError(t.url)).toBe("invalid_state");
    expect(b.appCookie()).not.toMatch(/headway_session=/);

    // The same answer in a browser that did not start this sign-in (login CSRF).
    const other = browser();
    const o = await other.follow(callback.href);
    expect(ssoError(o.url)).toBe("invalid_state");
    expect(other.appCookie()).not.toMatch(/headway_session=/);

    // In the right browser it works once; the same answer again does not.
    const state = callback.searchParams.get("state")!;
    b.setAppCookie("headway_oidc", state);
    const first = await b.follow(callback.href);
    expect(first.url.href).toBe("http://headway.test/");
    b.setAppCookie("headway_oidc", state);
    const replay = await b.follow(callback.href);
    expect(ssoError(replay.url)).toBe("invalid_state");
  });

  it("refuses an answer that comes back after ten minutes", async () => {
    const b = browser();
    const page = await toLoginPage(b);
    deps.advance(11 * 60_000);
    const end = await loginAtProvider(b, page, "sub-erin");
    expect(ssoError(end.url)).toBe("expired");
    expect(b.appCookie()).not.toMatch(/headway_session=/);
  });

  it("returns to the sign-in page when the person cancels at the provider", async () => {
    const b = browser();
    const start = await b.request("/api/v1/auth/oidc/start");
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const back = await b.follow(`${CALLBACK}?error=access_denied&state=${state}`);
    expect(ssoError(back.url)).toBe("cancelled");
  });

  it("lands only on paths in Headway", async () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      const { end } = await signInWithSso("sub-erin", { next });
      expect(end.url.href, next).toBe("http://headway.test/");
    }
  });

  it("ends the session the browser already had (a new session id at every sign-in)", async () => {
    const first = await signInWithSso("sub-erin");
    const oldCookie = first.b.appCookie();
    // The provider remembers the person: it sends them straight back, no login page this time.
    const again = await first.b.follow("/api/v1/auth/oidc/start");
    expect(again.url.href).toBe("http://headway.test/");
    const newCookie = first.b.appCookie();
    expect(newCookie).not.toBe(oldCookie);
    expect((await send(app, "/api/v1/me", { cookie: oldCookie })).status).toBe(401);
    expect((await send(app, "/api/v1/me", { cookie: newCookie })).status).toBe(200);
  });

  it("never answers a made-up callback with a server error", async () => {
    for (const query of [
      "",
      "?state=",
      "?code=x",
      "?state=%00&code=%FF",
      `?state=${"a".repeat(5000)}`,
    ]) {
      const res = await send(app, `${CALLBACK}${query}`, { cookie: "headway_oidc=abc" });
      expect(res.status, query).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/sign-in\?sso_error=/);
    }
  });
});

describe("SSO only", () => {
  let employee: TestUser;

  beforeAll(async () => {
    employee = await makeUser(deps, { name: "Pat Password" });
  });

  afterAll(async () => {
    await putSettings({ ssoOnly: false });
  });

  it("is turned on with a break-glass admin, and audited", async () => {
    const res = await putSettings({ ssoOnly: true, breakGlassPersonId: admin.id });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ssoOnly: true,
      breakGlassPerson: { id: admin.id, name: "Ada Admin" },
    });
    const [event] = await eventsOf("auth.settings_updated");
    expect(event!.data).toEqual({ changed: ["ssoOnly", "breakGlassPersonId"] });
    const status = await (await send(app, "/api/v1/auth/sso")).json();
    expect(status).toMatchObject({ enabled: true, ssoOnly: true });
  });

  it("refuses a password for a normal person, and for an unknown address, with the same answer", async () => {
    for (const [email, password] of [
      [employee.email, employee.password],
      ["nobody@example.com", "whatever it is here"],
    ] as const) {
      const res = await send(app, "/api/v1/auth/sign-in", { body: { email, password } });
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.code).toBe("auth.sso_only.forbidden");
      expect(body.error.message).toContain('Use the "Sign in with Example ID" button');
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("accepts the break-glass admin's password", async () => {
    const res = await send(app, "/api/v1/auth/sign-in", {
      body: { email: admin.email, password: admin.password },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/headway_session=/);
  });

  it("still lets everyone sign in with single sign-on", async () => {
    const { b, end } = await signInWithSso("sub-erin");
    expect(end.url.href).toBe("http://headway.test/");
    expect((await send(app, "/api/v1/me", { cookie: b.appCookie() })).status).toBe(200);
  });

  it("cannot lose its provider while it is on", async () => {
    const res = await putSettings({ issuer: null, clientId: null, clientSecret: null });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([
      expect.objectContaining({ path: "ssoOnly" }),
    ]);
  });

  it("lets passwords back in once it is turned off", async () => {
    expect((await putSettings({ ssoOnly: false })).status).toBe(200);
    const actor = await actorFor(deps, employee.id);
    expect(actor.personId).toBe(employee.id);
    const res = await send(app, "/api/v1/auth/sign-in", {
      body: { email: employee.email, password: employee.password },
    });
    expect(res.status).toBe(200);
  });
});
