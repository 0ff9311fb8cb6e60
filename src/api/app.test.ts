import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../test/factories.js";
import { createTestDeps, send, testApp } from "../../test/helpers.js";
import { MAX_BODY_BYTES } from "./app.js";

const deps = await createTestDeps();
const app = testApp(deps);
const admin = await makeUser(deps, { name: "Ada Admin", roles: ["admin"] });
const adminCookie = await signInCookie(app, admin.email, admin.password);
const employee = await makeUser(deps, { name: "Emil Employee", department: "Sales" });
const employeeCookie = await signInCookie(app, employee.email, employee.password);
const peer = await makeUser(deps, { name: "Petra Peer", department: "Sales" });

describe("the service endpoints", () => {
  it("/healthz answers ok and which database it uses", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "external" });
  });

  it("/api/openapi.json is an OpenAPI 3.1 document of the /api/v1 paths", async () => {
    const res = await app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const paths = Object.keys(doc.paths);
    expect(paths.every((p) => p.startsWith("/api/v1/"))).toBe(true);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/auth/sign-in",
        "/api/v1/setup",
        "/api/v1/me",
        "/api/v1/me/tokens",
        "/api/v1/people",
        "/api/v1/people/{id}",
        "/api/v1/people/{id}/record",
        "/api/v1/imports/people/preview",
        "/api/v1/imports/people/commit",
        "/api/v1/audit",
        "/api/v1/mail/outbox",
      ]),
    );
    // Generated from the schemas that validate: the sign-in body names its fields.
    const signIn = doc.paths["/api/v1/auth/sign-in"].post.requestBody.content["application/json"];
    expect(JSON.stringify(signIn)).toMatch(/"email"/);
  });

  it("/api/docs answers the interactive documentation as HTML", async () => {
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toMatch(/openapi\.json/);
  });

  it("/metrics is Prometheus text counting HTTP requests", async () => {
    await app.request("/healthz");
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/# TYPE headway_http_requests_total counter/);
    expect(text).toMatch(
      /headway_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
  });
});

describe("bad requests get a 4xx with a body a person can act on", () => {
  it("answers malformed JSON with 400 request.invalid_json", async () => {
    const res = await send(app, "/api/v1/auth/sign-in", { body: '{"email": "a@example.com",' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: "request.invalid_json", message: "The request body is not valid JSON." },
    });
  });

  it("answers wrong field types with 400 and every field path", async () => {
    const res = await send(app, "/api/v1/me/tokens", {
      body: { name: 42, expiresInDays: "soon" },
      cookie: adminCookie,
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("validation.failed");
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "expiresInDays",
      "name",
    ]);
    for (const d of error.details) expect(d.message).toEqual(expect.any(String));
  });

  it("names nested field paths", async () => {
    const res = await send(app, `/api/v1/people/${employee.id}/access`, {
      method: "PUT",
      body: { roles: ["admin", "wizard"], hrScopeAll: false, hrScopeDepartments: [] },
      cookie: adminCookie,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([
      expect.objectContaining({ path: "roles.1" }),
    ]);
  });

  it("answers a JSON body sent without a JSON content type with 415, not a crash", async () => {
    const res = await send(app, "/api/v1/auth/sign-in", {
      body: '{"email":"a@example.com","password":"x"}',
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error).toEqual({
      code: "request.unsupported_media_type",
      message: "Send the request body as JSON, with the header Content-Type: application/json.",
    });
  });

  it.each(["/api/v1/nothing-here", "/api/v2/people", "/nothing-here"])(
    "answers the unknown route %s with a 404 error body",
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        error: { code: "route.not_found", message: `There is nothing at GET ${path}.` },
      });
    },
  );

  it("answers a body over 1 MB on a normal route with 413 and the error body", async () => {
    const name = "x".repeat(MAX_BODY_BYTES + 10);
    const res = await send(app, "/api/v1/me/tokens", { body: { name }, cookie: adminCookie });
    expect(res.status).toBe(413);
    const { error } = await res.json();
    expect(error.code).toBe("request.too_large");
    // Said of any request (a long note), not of an import file.
    expect(error.message).toBe(
      "The request is too large (at most 1 MB). Shorten the text and try again; nothing was saved.",
    );
    const list = await send(app, "/api/v1/me/tokens", { cookie: adminCookie });
    expect((await list.json()).items).toEqual([]);
  });

  it("answers 413 from the declared length alone", async () => {
    const res = await app.request("/api/v1/me/tokens", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": String(MAX_BODY_BYTES + 1),
        cookie: adminCookie,
      },
      body: "{}",
    });
    expect(res.status).toBe(413);
  });

  it.each([
    ["GET", "/api/v1/me"],
    ["GET", "/api/v1/people"],
    ["GET", "/api/v1/audit"],
    ["GET", "/api/v1/mail/outbox"],
    ["POST", "/api/v1/imports/people/preview"],
    ["GET", "/api/v1/exports/people.csv"],
  ])("answers %s %s without a session with 401", async (method, path) => {
    const res = await send(app, path, {
      method,
      body: method === "POST" ? { csv: "email,name" } : undefined,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "auth.unauthenticated", message: "Sign in to continue." },
    });
  });

  it("answers a request for someone else's record exactly like one for a missing person", async () => {
    const forbidden = await send(app, `/api/v1/people/${peer.id}/record`, {
      cookie: employeeCookie,
    });
    const missing = await send(app, "/api/v1/people/3f1d3a52-8a0c-4a57-9b0e-5d1c2a7e6f10/record", {
      cookie: employeeCookie,
    });
    const garbage = await send(app, "/api/v1/people/not-an-id/record", { cookie: employeeCookie });
    expect(forbidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(garbage.status).toBe(404);
    const body = await forbidden.text();
    expect(await missing.text()).toBe(body);
    expect(await garbage.text()).toBe(body);
    expect(JSON.parse(body).error.code).toBe("person.not_found");
    // …while their own record is there.
    const own = await send(app, `/api/v1/people/${employee.id}/record`, { cookie: employeeCookie });
    expect(own.status).toBe(200);
  });
});

// ---------- no 5xx, whatever comes in ----------

type Target = { method: string; path: string; keys: string[]; cookie?: string };

const targets: Target[] = [
  { method: "POST", path: "/api/v1/auth/sign-in", keys: ["email", "password"] },
  { method: "POST", path: "/api/v1/setup", keys: ["token", "name", "email", "password"] },
  { method: "POST", path: "/api/v1/auth/password-reset/request", keys: ["email"] },
  { method: "POST", path: "/api/v1/auth/password-reset/complete", keys: ["token", "password"] },
  {
    method: "POST",
    path: "/api/v1/me/tokens",
    keys: ["name", "expiresInDays"],
    cookie: adminCookie,
  },
  {
    method: "PATCH",
    path: `/api/v1/people/${peer.id}`,
    keys: [
      "version",
      "name",
      "email",
      "title",
      "department",
      "location",
      "employeeId",
      "hireDate",
      "managerId",
      "active",
    ],
    cookie: adminCookie,
  },
  {
    method: "PUT",
    path: `/api/v1/people/${peer.id}/access`,
    keys: ["roles", "hrScopeAll", "hrScopeDepartments"],
    cookie: adminCookie,
  },
  {
    method: "PUT",
    path: `/api/v1/people/${employee.id}/demographics`,
    keys: ["demographics"],
    cookie: employeeCookie,
  },
  { method: "POST", path: "/api/v1/imports/people/preview", keys: ["csv"], cookie: adminCookie },
  {
    method: "PATCH",
    path: "/api/v1/org/settings",
    keys: ["name", "skipLevelVisible"],
    cookie: adminCookie,
  },
];

/** Strings that have crashed web apps before: NUL, lone surrogates, huge numbers, dates that do not exist. */
const nastyString = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b@example.com",
    "\uD800",
    "0000-01-01",
    "2024-02-30",
    "9999999999999999999999",
    "-1",
    "1e400",
    "'; DROP TABLE people; --",
    '=HYPERLINK("x")',
    "email,name\na@example.com,\u0000",
    'email,name\na@example.com,"open',
    "x".repeat(5000),
  ),
);
const nastyValue = fc.oneof(
  { arbitrary: nastyString, weight: 3 },
  { arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }), weight: 1 },
  {
    arbitrary: fc.constantFrom(1e300, -0, 2 ** 53, Number.MAX_SAFE_INTEGER, 1.5, true, null),
    weight: 1,
  },
);

function bodyFor(target: Target) {
  return fc.oneof(
    // Raw text: mostly not JSON at all.
    fc.string({ unit: "binary", maxLength: 200 }),
    // Any JSON.
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    // The right keys (and a stray one) with wrong or nasty values.
    fc
      .dictionary(fc.constantFrom(...target.keys, "extra"), nastyValue, {
        maxKeys: target.keys.length + 1,
      })
      .map((v) => JSON.stringify(v)),
  );
}

const SERVER_ERRORS: string[] = [];
/** Runs per endpoint; raise HEADWAY_FUZZ_RUNS locally to search harder. */
const FUZZ_RUNS = Number(process.env.HEADWAY_FUZZ_RUNS ?? 150);

describe("no input yields a 5xx", () => {
  it.each(targets)(
    "$method $path answers every malformed body with a 4xx error body",
    async (target) => {
      await fc.assert(
        fc.asyncProperty(bodyFor(target), async (body) => {
          const res = await send(app, target.path, {
            method: target.method,
            body,
            cookie: target.cookie,
            ip: "203.0.113.9",
          });
          if (res.status >= 500) SERVER_ERRORS.push(`${target.path} ${body} → ${await res.text()}`);
          expect(res.status, body).toBeLessThan(500);
          if (res.status >= 400) {
            const json = await res.json();
            expect(json.error.code, body).toEqual(expect.any(String));
            expect(json.error.message, body).toEqual(expect.any(String));
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
  );

  it.each([
    ["/api/v1/people?q=%00"],
    ["/api/v1/people?q=a%00b&limit=5"],
    ["/api/v1/people?offset=99999999999999999999"],
    ["/api/v1/people?offset=9007199254740991"],
    ["/api/v1/people?limit=-1"],
    ["/api/v1/people?department=%00"],
    ["/api/v1/audit?before=99999999999999999999"],
    ["/api/v1/audit?before=9007199254740991"],
    ["/api/v1/audit?subjectId=%00"],
    ["/api/v1/audit?actorId=not-a-uuid"],
    ["/api/v1/audit?action=%00"],
    ["/api/v1/people/%00"],
    ["/api/v1/people/%E0%A4%A"],
    ["/api/v1/mail/outbox?limit=abc"],
  ])("GET %s answers without a 5xx", async (path) => {
    const res = await send(app, path, { cookie: adminCookie });
    expect(res.status, await res.clone().text()).toBeLessThan(500);
  });

  it.each([
    {
      what: "a NUL in a token name",
      path: "/api/v1/me/tokens",
      body: { name: "lap\u0000top" },
      field: "name",
    },
    {
      what: "half a surrogate pair in a token name",
      path: "/api/v1/me/tokens",
      body: { name: "lap\ud800top" },
      field: "name",
    },
    {
      what: "a NUL in a demographic key",
      path: `/api/v1/people/${employee.id}/demographics`,
      method: "PUT",
      cookie: employeeCookie,
      body: { demographics: { "gen\u0000der": "x" } },
      field: "demographics",
    },
    {
      what: "a hire date PostgreSQL has no room for",
      path: `/api/v1/people/${peer.id}`,
      method: "PATCH",
      body: { version: 1, hireDate: "0000-01-01" },
      field: "hireDate",
    },
    {
      what: "a NUL in an imported name",
      path: "/api/v1/imports/people/commit",
      body: { csv: "email,name\nnul@example.com,Nul\u0000Name\n" },
      field: "csv",
    },
  ])("refuses $what with 400 naming the field", async ({ path, body, method, cookie, field }) => {
    const res = await send(app, path, {
      method: method ?? "POST",
      body,
      cookie: cookie ?? adminCookie,
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(JSON.stringify(error.details ?? [])).toContain(field);
  });

  it("found no server error", () => {
    expect(SERVER_ERRORS).toEqual([]);
  });
});
