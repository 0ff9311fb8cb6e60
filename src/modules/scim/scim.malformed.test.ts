import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { auditEvents } from "../record/record.table.js";
import { URN } from "./scim.types.js";

// Whatever an identity provider sends, Headway answers in SCIM's terms and never with a 5xx, and
// a refused request leaves no audit event behind.

const deps = await createTestDeps();
const app = testApp(deps);

let token = "";
let userId = "";
let groupId = "";

beforeAll(async () => {
  const admin = await makeUser(deps, { roles: ["admin"] });
  const cookie = await signInCookie(app, admin.email, admin.password);
  const created = await send(app, "/api/v1/settings/provisioning/tokens", {
    cookie,
    body: { name: "fuzz" },
  });
  token = ((await created.json()) as { token: string }).token;
  const user = await scim("/Users", "POST", { userName: "base@example.com" });
  userId = ((await user.json()) as { id: string }).id;
  const group = await scim("/Groups", "POST", {
    displayName: "Base",
    members: [{ value: userId }],
  });
  groupId = ((await group.json()) as { id: string }).id;
});

function scim(path: string, method: string, body?: unknown) {
  return send(app, `/scim/v2${path}`, {
    method,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    bearer: token,
    headers: body === undefined ? {} : { "content-type": "application/scim+json" },
  });
}

const userPaths = [
  "userName",
  "displayName",
  "title",
  "active",
  "externalId",
  "name",
  "name.givenName",
  "emails",
  'emails[type eq "work"].value',
  `${URN.enterprise}:manager`,
  `${URN.enterprise}:department`,
  `${URN.enterprise}:employeeNumber`,
  URN.enterprise,
  "members",
  'members[value eq "x"]',
];

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("", "True", "false", "a@b.co", "00000000-0000-4000-8000-000000000000"),
  fc.string(),
);
const path = fc.oneof(fc.constantFrom(...userPaths), fc.string({ maxLength: 40 }));
const operation = fc.record(
  {
    op: fc.oneof(fc.constantFrom("add", "Replace", "remove"), fc.string({ maxLength: 8 })),
    path,
    value,
  },
  { requiredKeys: [] },
);
const resource = fc.oneof(
  fc.dictionary(path, value, { maxKeys: 6 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const request = fc.oneof(
  resource.map((body) => ({ path: "/Users", method: "POST", body })),
  resource.map((body) => ({ path: "/Groups", method: "POST", body })),
  resource.map((body) => ({ path: `/Users/${userId}`, method: "PUT", body })),
  resource.map((body) => ({ path: `/Groups/${groupId}`, method: "PUT", body })),
  fc
    .oneof(
      fc.record({ Operations: fc.array(operation, { maxLength: 4 }) }),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .chain((body) =>
      fc.constantFrom(
        { path: `/Users/${userId}`, method: "PATCH", body },
        { path: `/Groups/${groupId}`, method: "PATCH", body },
      ),
    ),
  fc.string({ maxLength: 80 }).map((filter) => ({
    path: `/Users?filter=${encodeURIComponent(filter)}`,
    method: "GET",
    body: undefined,
  })),
  fc.string({ maxLength: 20 }).map((raw) => ({ path: "/Users", method: "POST", body: raw })),
);

describe("malformed SCIM requests", () => {
  it("never get a 5xx, always get SCIM's error format, and a refusal records nothing", async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ path: at, method, body }) => {
        const [before] = await deps.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditEvents);
        const res = await scim(at, method, body);
        const text = await res.text();
        expect(res.status, `${method} ${at} ${JSON.stringify(body)} → ${text}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(JSON.parse(text)).toMatchObject({ schemas: [URN.error] });
          const [after] = await deps.database.db
            .select({ n: sql<number>`count(*)::int` })
            .from(auditEvents);
          expect(after!.n).toBe(before!.n);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
