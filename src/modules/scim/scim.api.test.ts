import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { setPasswords } from "../auth/auth.service.js";
import { apiTokens, sessions } from "../auth/auth.table.js";
import { people } from "../org/org.table.js";
import { auditEvents } from "../record/record.table.js";
import { scimGroupMembers, scimGroups, scimUsers } from "./scim.table.js";
import { URN } from "./scim.types.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

type ScimUser = {
  id: string;
  userName: string;
  active: boolean;
  title?: string;
  displayName: string;
  name: { givenName?: string; familyName?: string; formatted: string };
  emails: { value: string }[];
  groups: { value: string; display: string }[];
  meta: { location: string; resourceType: string };
  [URN.enterprise]: {
    department?: string;
    employeeNumber?: string;
    manager?: { value: string; displayName?: string };
  };
};
type ScimList<T> = {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
};
type ScimErrorBody = { schemas: string[]; status: string; scimType?: string; detail: string };

let admin: Awaited<ReturnType<typeof makeUser>>;
let adminCookie: string;
let token: string;

function scim(
  path: string,
  {
    method,
    body,
    bearer = token,
  }: { method?: string; body?: unknown; bearer?: string | null } = {},
) {
  return send(app, `/scim/v2${path}`, {
    method,
    body,
    bearer: bearer ?? undefined,
    headers: body === undefined ? {} : { "content-type": "application/scim+json" },
  });
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** A refusal in SCIM's error format, with its status as the body says it too. */
async function scimError(res: Response, status: number, scimType?: string) {
  const body = await json<ScimErrorBody>(res, status);
  expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  expect(body.schemas).toEqual([URN.error]);
  expect(body.status).toBe(String(status));
  if (scimType) expect(body.scimType).toBe(scimType);
  expect(body.detail.length).toBeGreaterThan(5);
  return body;
}

/** Everything a refused request must leave as it was. */
async function snapshot() {
  const [audit] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
  return {
    audit: audit!.n,
    people: JSON.stringify(await db.select().from(people).orderBy(people.id)),
    scimUsers: JSON.stringify(await db.select().from(scimUsers).orderBy(scimUsers.personId)),
    groups: JSON.stringify(await db.select().from(scimGroups).orderBy(scimGroups.id)),
    members: JSON.stringify(
      await db
        .select()
        .from(scimGroupMembers)
        .orderBy(scimGroupMembers.groupId, scimGroupMembers.personId),
    ),
  };
}

async function personRow(id: string) {
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row!;
}

async function newScimToken(name = "Okta") {
  const created = await json<{ token: string; id: string }>(
    await send(app, "/api/v1/settings/provisioning/tokens", {
      cookie: adminCookie,
      body: { name },
    }),
    201,
  );
  return created;
}

beforeAll(async () => {
  admin = await makeUser(deps, { name: "Ada Admin", roles: ["admin"], department: "IT" });
  adminCookie = await signInCookie(app, admin.email, admin.password);
  token = (await newScimToken()).token;
});

describe("who may call /scim/v2", () => {
  it("answers a request without a token, or with a personal API token, with a SCIM 401", async () => {
    await scimError(await scim("/Users", { bearer: null }), 401);
    const personal = await json<{ token: string }>(
      await send(app, "/api/v1/me/tokens", { cookie: adminCookie, body: { name: "script" } }),
      201,
    );
    const res = await scim("/Users", { bearer: personal.token });
    await scimError(res, 401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    // A session cookie is not a SCIM credential either.
    const withCookie = await send(app, "/scim/v2/Users", { cookie: adminCookie });
    await scimError(withCookie, 401);
  });

  it("refuses the SCIM token everywhere outside /scim/v2, starting with /api/v1/me", async () => {
    expect((await send(app, "/api/v1/me", { bearer: token })).status).toBe(401);
    expect((await send(app, "/api/v1/people", { bearer: token })).status).toBe(401);
    // …and it does not appear among the admin's personal tokens.
    const mine = await json<{ items: { name: string }[] }>(
      await send(app, "/api/v1/me/tokens", { cookie: adminCookie }),
      200,
    );
    expect(mine.items.map((t) => t.name)).not.toContain("Okta");
  });

  it("stops accepting a SCIM token once an admin revokes it", async () => {
    const extra = await newScimToken("Entra ID");
    expect((await scim("/ServiceProviderConfig", { bearer: extra.token })).status).toBe(200);
    const revoked = await send(app, `/api/v1/settings/provisioning/tokens/${extra.id}`, {
      method: "DELETE",
      cookie: adminCookie,
    });
    expect(revoked.status).toBe(204);
    await scimError(await scim("/ServiceProviderConfig", { bearer: extra.token }), 401);
  });

  it("stops accepting a SCIM token whose creator is no longer an admin, and says so in the panel", async () => {
    const other = await makeUser(deps, { name: "Otto Admin", roles: ["admin"] });
    const cookie = await signInCookie(app, other.email, other.password);
    const created = await json<{ token: string; id: string }>(
      await send(app, "/api/v1/settings/provisioning/tokens", {
        cookie,
        body: { name: "OneLogin" },
      }),
      201,
    );
    expect((await scim("/Users?count=1", { bearer: created.token })).status).toBe(200);
    const demoted = await send(app, `/api/v1/people/${other.id}/access`, {
      method: "PUT",
      cookie: adminCookie,
      body: { roles: [], hrScopeAll: false, hrScopeDepartments: [] },
    });
    expect(demoted.status, await demoted.text()).toBe(200);
    await scimError(await scim("/Users?count=1", { bearer: created.token }), 401);
    const panel = await json<{ tokens: { id: string; status: string }[] }>(
      await send(app, "/api/v1/settings/provisioning", { cookie: adminCookie }),
      200,
    );
    expect(panel.tokens.find((t) => t.id === created.id)?.status).toBe("owner_inactive");
  });

  it("keeps the provisioning settings from anyone who is not an admin", async () => {
    const hr = await makeUser(deps, { name: "Hana HR", roles: ["hr"], hrScopeAll: true });
    const cookie = await signInCookie(app, hr.email, hr.password);
    expect((await send(app, "/api/v1/settings/provisioning", { cookie })).status).toBe(404);
    const create = await send(app, "/api/v1/settings/provisioning/tokens", {
      cookie,
      body: { name: "sneaky" },
    });
    expect(create.status).toBe(404);
  });
});

describe("discovery", () => {
  it("describes the service: PATCH and filters supported, bearer tokens, User and Group types", async () => {
    const config = await json<{ patch: { supported: boolean }; filter: { supported: boolean } }>(
      await scim("/ServiceProviderConfig"),
      200,
    );
    expect(config).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    const types = await json<ScimList<{ id: string }>>(await scim("/ResourceTypes"), 200);
    expect(types.Resources.map((t) => t.id)).toEqual(["User", "Group"]);
    const schemas = await json<ScimList<{ id: string }>>(await scim("/Schemas"), 200);
    expect(schemas.Resources.map((s) => s.id)).toEqual([URN.user, URN.enterprise, URN.group]);
    await scimError(await scim("/Nothing"), 404);
  });
});

describe("a provisioning sequence as an identity provider sends it", () => {
  let manager: ScimUser;
  let report: ScimUser;
  let groupId: string;

  it("creates the manager (Okta's body) and answers 201 with the user and its location", async () => {
    const res = await scim("/Users", {
      body: {
        schemas: [URN.user],
        userName: "grace.hopper@example.com",
        name: { givenName: "Grace", familyName: "Hopper" },
        emails: [{ primary: true, value: "grace.hopper@example.com", type: "work" }],
        displayName: "Grace Hopper",
        locale: "en-US",
        externalId: "00u-grace",
        groups: [],
        password: "never-stored-1",
        active: true,
      },
    });
    manager = await json<ScimUser>(res, 201);
    expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(res.headers.get("location")).toBe(`http://headway.test/scim/v2/Users/${manager.id}`);
    expect(manager).toMatchObject({
      userName: "grace.hopper@example.com",
      displayName: "Grace Hopper",
      name: { givenName: "Grace", familyName: "Hopper" },
      active: true,
      meta: { resourceType: "User" },
    });
    const row = await personRow(manager.id);
    expect(row).toMatchObject({
      email: "grace.hopper@example.com",
      name: "Grace Hopper",
      externalId: "00u-grace",
      active: true,
    });
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "scim.user_created"));
    expect(event).toMatchObject({ actorLabel: "scim", subjectId: manager.id });
  });

  it("creates a report with the manager (Entra's body): the manager becomes their reporting line", async () => {
    report = await json<ScimUser>(
      await scim("/Users", {
        body: {
          schemas: [URN.user, URN.enterprise],
          externalId: "8d2a-4f8e",
          userName: "alan.turing@example.com",
          active: true,
          emails: [{ primary: true, type: "work", value: "alan.turing@example.com" }],
          meta: { resourceType: "User" },
          name: { formatted: "Alan Turing", familyName: "Turing", givenName: "Alan" },
          roles: [],
          title: "Engineer",
          [URN.enterprise]: {
            department: "Engineering",
            employeeNumber: "E-1912",
            manager: { value: manager.id },
          },
        },
      }),
      201,
    );
    expect(report[URN.enterprise]).toMatchObject({
      department: "Engineering",
      employeeNumber: "E-1912",
      manager: { value: manager.id, displayName: "Grace Hopper" },
    });
    expect(await personRow(report.id)).toMatchObject({
      managerId: manager.id,
      employeeId: "E-1912",
      department: "Engineering",
      title: "Engineer",
      name: "Alan Turing",
    });
  });

  it("updates a title with Entra's PATCH and records who changed what", async () => {
    const updated = await json<ScimUser>(
      await scim(`/Users/${report.id}`, {
        method: "PATCH",
        body: {
          schemas: [URN.patchOp],
          Operations: [{ op: "Replace", path: "title", value: "Senior Engineer" }],
        },
      }),
      200,
    );
    expect(updated.title).toBe("Senior Engineer");
    expect((await personRow(report.id)).title).toBe("Senior Engineer");
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, report.id))
      .orderBy(auditEvents.seq);
    expect(events.slice(-2).map((e) => [e.action, e.data])).toEqual([
      ["person.updated", { fields: ["title"], via: "scim" }],
      ["scim.user_updated", { tokenId: expect.any(String), fields: ["title"] }],
    ]);
  });

  it("answers a PATCH that changes nothing without writing anything", async () => {
    const before = await snapshot();
    await json<ScimUser>(
      await scim(`/Users/${report.id}`, {
        method: "PATCH",
        body: { Operations: [{ op: "replace", path: "title", value: "Senior Engineer" }] },
      }),
      200,
    );
    expect(await snapshot()).toEqual(before);
  });

  it("finds users by userName (ignoring case), externalId and email, and pages the list", async () => {
    const byName = await json<ScimList<ScimUser>>(
      await scim(`/Users?filter=${encodeURIComponent('userName eq "ALAN.turing@example.com"')}`),
      200,
    );
    expect(byName).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(byName.Resources[0]!.id).toBe(report.id);

    const byExternal = await json<ScimList<ScimUser>>(
      await scim(`/Users?filter=${encodeURIComponent('externalId eq "00u-grace"')}`),
      200,
    );
    expect(byExternal.Resources.map((u) => u.id)).toEqual([manager.id]);

    const either = await json<ScimList<ScimUser>>(
      await scim(
        `/Users?filter=${encodeURIComponent(
          'emails.value eq "grace.hopper@example.com" or userName eq "alan.turing@example.com"',
        )}`,
      ),
      200,
    );
    expect(either.Resources.map((u) => u.id).sort()).toEqual([manager.id, report.id].sort());

    const nobody = await json<ScimList<ScimUser>>(
      await scim(`/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`),
      200,
    );
    expect(nobody).toMatchObject({ totalResults: 0, Resources: [] });

    const page = await json<ScimList<ScimUser>>(await scim("/Users?startIndex=2&count=1"), 200);
    expect(page.totalResults).toBeGreaterThanOrEqual(3);
    expect(page).toMatchObject({ startIndex: 2, itemsPerPage: 1 });
  });

  it("pushes a group with members; mapped to HR by the admin, its members become HR partners", async () => {
    const group = await json<{ id: string; members: { value: string }[] }>(
      await scim("/Groups", {
        body: {
          schemas: [URN.group],
          displayName: "HR Partners",
          externalId: "grp-hr",
          members: [{ value: report.id, display: "Alan Turing" }],
        },
      }),
      201,
    );
    groupId = group.id;
    expect(group.members.map((m) => m.value)).toEqual([report.id]);
    // Unmapped, a group gives nothing.
    expect((await personRow(report.id)).roles).toEqual([]);

    const panel = await json<{ groups: { id: string; displayName: string; members: number }[] }>(
      await send(app, "/api/v1/settings/provisioning", { cookie: adminCookie }),
      200,
    );
    expect(panel.groups).toEqual([
      expect.objectContaining({ id: groupId, displayName: "HR Partners", members: 1 }),
    ]);
    const mapped = await send(app, `/api/v1/settings/provisioning/groups/${groupId}`, {
      method: "PUT",
      cookie: adminCookie,
      body: { role: "hr", departments: [] },
    });
    expect(mapped.status).toBe(200);
    expect(await personRow(report.id)).toMatchObject({
      roles: ["hr"],
      hrScopeAll: true,
      hrScopeDepartments: [],
    });

    // A member added later by Okta gets the role at once.
    await json(
      await scim(`/Groups/${groupId}`, {
        method: "PATCH",
        body: {
          schemas: [URN.patchOp],
          Operations: [{ op: "add", path: "members", value: [{ value: manager.id }] }],
        },
      }),
      200,
    );
    expect((await personRow(manager.id)).roles).toEqual(["hr"]);
    const user = await json<ScimUser>(await scim(`/Users/${manager.id}`), 200);
    expect(user.groups).toEqual([
      expect.objectContaining({ value: groupId, display: "HR Partners" }),
    ]);
  });

  it("takes away the role the group gave when a member is removed, but not a role granted by hand", async () => {
    const handHr = await makeUser(deps, {
      name: "Hand-made HR",
      roles: ["hr"],
      hrScopeDepartments: ["Sales"],
    });
    await json(
      await scim(`/Groups/${groupId}`, {
        method: "PATCH",
        body: { Operations: [{ op: "Add", path: "members", value: [{ value: handHr.id }] }] },
      }),
      200,
    );
    expect(await personRow(handHr.id)).toMatchObject({
      roles: ["hr"],
      hrScopeDepartments: ["Sales"],
    });

    await json(
      await scim(`/Groups/${groupId}`, {
        method: "PATCH",
        body: {
          Operations: [
            { op: "remove", path: `members[value eq "${manager.id}"]` },
            { op: "Remove", path: "members", value: [{ value: handHr.id }] },
          ],
        },
      }),
      200,
    );
    expect(await personRow(manager.id)).toMatchObject({ roles: [], hrScopeAll: false });
    expect(await personRow(handHr.id)).toMatchObject({
      roles: ["hr"],
      hrScopeDepartments: ["Sales"],
    });
    expect((await personRow(report.id)).roles).toEqual(["hr"]);
  });

  it("refuses a manager that would make a reporting loop with a SCIM 400, and changes nothing", async () => {
    const before = await snapshot();
    const body = await scimError(
      await scim(`/Users/${manager.id}`, {
        method: "PATCH",
        body: {
          Operations: [
            { op: "replace", path: "title", value: "Admiral" },
            { op: "Add", path: `${URN.enterprise}:manager`, value: report.id },
          ],
        },
      }),
      400,
      "invalidValue",
    );
    expect(body.detail).toMatch(/loop/);
    expect(await snapshot()).toEqual(before);
    expect((await personRow(manager.id)).managerId).toBeNull();
  });

  it("deactivates with active=false: the person's session and tokens end at once", async () => {
    const password = "a long test password";
    await setPasswords(deps, { personIds: [report.id], password });
    const cookie = await signInCookie(app, "alan.turing@example.com", password);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
    const personal = await json<{ token: string }>(
      await send(app, "/api/v1/me/tokens", { cookie, body: { name: "laptop" } }),
      201,
    );
    expect((await send(app, "/api/v1/me", { bearer: personal.token })).status).toBe(200);

    const started = performance.now();
    const user = await json<ScimUser>(
      await scim(`/Users/${report.id}`, {
        method: "PATCH",
        body: {
          schemas: [URN.patchOp],
          Operations: [{ op: "Replace", path: "active", value: "False" }],
        },
      }),
      200,
    );
    const next = await send(app, "/api/v1/me", { cookie });
    deps.logger.info({ ms: performance.now() - started }, "deactivation to refusal");
    expect(user.active).toBe(false);
    expect(next.status).toBe(401);
    expect((await send(app, "/api/v1/me", { bearer: personal.token })).status).toBe(401);
    expect(await db.select().from(sessions).where(eq(sessions.personId, report.id))).toEqual([]);
    const tokens = await db.select().from(apiTokens).where(eq(apiTokens.personId, report.id));
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    expect(
      await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, report.id))
        .orderBy(sql`${auditEvents.seq} DESC`)
        .limit(1),
    ).toEqual([{ action: "scim.user_deactivated" }]);

    // Reactivation brings the person back, but none of the old sessions.
    await json(
      await scim(`/Users/${report.id}`, {
        method: "PATCH",
        body: { Operations: [{ op: "replace", value: { active: true } }] },
      }),
      200,
    );
    expect((await personRow(report.id)).active).toBe(true);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(401);
  });

  it("DELETE deactivates and keeps the record: the user reads back inactive", async () => {
    expect((await scim(`/Users/${report.id}`, { method: "DELETE" })).status).toBe(204);
    const row = await personRow(report.id);
    expect(row).toMatchObject({ active: false, name: "Alan Turing" });
    expect((await json<ScimUser>(await scim(`/Users/${report.id}`), 200)).active).toBe(false);
  });

  it("replaces a user with PUT, keeping attributes the body leaves out", async () => {
    const replaced = await json<ScimUser>(
      await scim(`/Users/${manager.id}`, {
        method: "PUT",
        body: {
          schemas: [URN.user],
          id: manager.id,
          userName: "grace.hopper@example.com",
          name: { givenName: "Grace", familyName: "Hopper" },
          displayName: "Rear Admiral Grace Hopper",
          active: true,
        },
      }),
      200,
    );
    expect(replaced.displayName).toBe("Rear Admiral Grace Hopper");
    expect(await personRow(manager.id)).toMatchObject({
      name: "Rear Admiral Grace Hopper",
      externalId: "00u-grace",
    });
  });

  it("renames and deletes a group; deleting a mapped group takes away the roles it gave", async () => {
    const renamed = await json<{ displayName: string }>(
      await scim(`/Groups/${groupId}`, {
        method: "PATCH",
        body: {
          Operations: [{ op: "replace", value: { id: groupId, displayName: "People Partners" } }],
        },
      }),
      200,
    );
    expect(renamed.displayName).toBe("People Partners");
    const found = await json<ScimList<{ id: string; members?: unknown }>>(
      await scim(
        `/Groups?filter=${encodeURIComponent('displayName eq "people partners"')}&excludedAttributes=members`,
      ),
      200,
    );
    expect(found.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    expect(found.Resources[0]!.id).toBe(groupId);

    expect((await scim(`/Groups/${groupId}`, { method: "DELETE" })).status).toBe(204);
    expect((await personRow(report.id)).roles).toEqual([]);
    await scimError(await scim(`/Groups/${groupId}`), 404);
  });

  it("shows the admin the base URL, the tokens and the latest provisioning activity", async () => {
    const panel = await json<{
      baseUrl: string;
      tokens: { name: string; status: string; createdBy: string }[];
      activity: { action: string; label: string; subject: string | null }[];
    }>(await send(app, "/api/v1/settings/provisioning", { cookie: adminCookie }), 200);
    expect(panel.baseUrl).toBe("http://headway.test/scim/v2");
    expect(panel.tokens).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "Okta", status: "active", createdBy: "Ada Admin" }),
        expect.objectContaining({ name: "Entra ID", status: "revoked" }),
      ]),
    );
    expect(panel.activity[0]).toMatchObject({
      action: "scim.group_deleted",
      label: "Group deleted",
      subject: "People Partners",
    });
    expect(panel.activity.map((a) => a.action)).toContain("scim.user_deactivated");
  });
});

describe("bad requests get SCIM errors and change nothing", () => {
  let someone: ScimUser;
  beforeAll(async () => {
    someone = await json<ScimUser>(
      await scim("/Users", {
        body: { userName: "someone@example.com", name: { givenName: "Some", familyName: "One" } },
      }),
      201,
    );
  });

  it.each<[string, () => Response | Promise<Response>, number, string | undefined]>([
    ["a body that is not JSON", () => scim("/Users", { body: "{not json" }), 400, "invalidSyntax"],
    ["an empty body", () => scim("/Users", { body: "" }), 400, "invalidSyntax"],
    [
      "a form instead of JSON",
      () =>
        send(app, "/scim/v2/Users", {
          bearer: token,
          body: "userName=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
      415,
      undefined,
    ],
    [
      "a user without userName",
      () => scim("/Users", { body: { name: { givenName: "X" } } }),
      400,
      "invalidValue",
    ],
    [
      "a userName that is no email, with no email",
      () => scim("/Users", { body: { userName: "just-a-name" } }),
      400,
      "invalidValue",
    ],
    [
      "a userName someone already has",
      () => scim("/Users", { body: { userName: "SOMEONE@example.com" } }),
      409,
      "uniqueness",
    ],
    [
      "an employee number someone already has",
      () =>
        scim("/Users", {
          body: { userName: "new.one@example.com", [URN.enterprise]: { employeeNumber: "E-1912" } },
        }),
      409,
      "uniqueness",
    ],
    [
      "a manager who does not exist",
      () =>
        scim("/Users", {
          body: {
            userName: "orphan@example.com",
            [URN.enterprise]: { manager: { value: "00000000-0000-4000-8000-000000000000" } },
          },
        }),
      400,
      "invalidValue",
    ],
    [
      "a text with a NUL character",
      () => scim("/Users", { body: { userName: "nul@example.com", title: "a\u0000b" } }),
      400,
      "invalidValue",
    ],
    [
      "values nested hundreds of levels deep",
      () =>
        scim("/Users", {
          body: `{"userName":"deep@example.com","title":${"[".repeat(500)}${"]".repeat(500)}}`,
        }),
      400,
      "invalidValue",
    ],
    [
      "a filter that cannot be read",
      () => scim(`/Users?filter=${encodeURIComponent("userName eq")}`),
      400,
      "invalidFilter",
    ],
    ["a startIndex that is a word", () => scim("/Users?startIndex=first"), 400, "invalidValue"],
    [
      "a user that does not exist",
      () => scim("/Users/00000000-0000-4000-8000-000000000000"),
      404,
      undefined,
    ],
    [
      "an id that is not one",
      () =>
        scim("/Users/abc", {
          method: "PATCH",
          body: { Operations: [{ op: "remove", path: "title" }] },
        }),
      404,
      undefined,
    ],
    [
      "a PATCH with an unknown op",
      () =>
        scim(`/Users/${someone.id}`, {
          method: "PATCH",
          body: { Operations: [{ op: "explode" }] },
        }),
      400,
      "invalidSyntax",
    ],
    [
      "a group member who does not exist",
      () =>
        scim("/Groups", {
          body: {
            displayName: "Ghosts",
            members: [{ value: "00000000-0000-4000-8000-000000000000" }],
          },
        }),
      400,
      "invalidValue",
    ],
    [
      "a group without a name",
      () => scim("/Groups", { body: { members: [] } }),
      400,
      "invalidValue",
    ],
    [
      "a body over 1 MB",
      () => scim("/Users", { body: { userName: "big@example.com", title: "x".repeat(1_100_000) } }),
      413,
      undefined,
    ],
  ])("%s", async (_what, request, status, scimType) => {
    const before = await snapshot();
    await scimError(await request(), status, scimType);
    expect(await snapshot()).toEqual(before);
  });

  it.each<[string, unknown]>([
    ["active set to a word", { Operations: [{ op: "replace", path: "active", value: "maybe" }] }],
    ["userName removed", { Operations: [{ op: "remove", path: "userName" }] }],
    ["remove without a path", { Operations: [{ op: "remove" }] }],
    [
      "a good operation followed by a bad one",
      {
        Operations: [
          { op: "replace", path: "title", value: "Changed" },
          { op: "replace", path: "userName", value: 42 },
        ],
      },
    ],
    ["a manager that is the person themselves", "self"],
  ])("a PATCH with %s is refused with 400 and leaves the user as it was", async (_what, body) => {
    const before = await snapshot();
    const res = await scim(`/Users/${someone.id}`, {
      method: "PATCH",
      body:
        body === "self"
          ? { Operations: [{ op: "add", path: `${URN.enterprise}:manager`, value: someone.id }] }
          : body,
    });
    await scimError(res, 400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("deactivation through the people page", () => {
  it("ends the person's sessions and revokes their tokens there too", async () => {
    const person = await makeUser(deps, { name: "Paged Person" });
    const cookie = await signInCookie(app, person.email, person.password);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(200);
    const res = await send(app, `/api/v1/people/${person.id}`, {
      method: "PATCH",
      cookie: adminCookie,
      body: { version: (await personRow(person.id)).version, active: false },
    });
    expect(res.status, await res.text()).toBe(200);
    expect((await send(app, "/api/v1/me", { cookie })).status).toBe(401);
    expect(await db.select().from(sessions).where(eq(sessions.personId, person.id))).toEqual([]);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, person.id))
      .orderBy(sql`${auditEvents.seq} DESC`)
      .limit(1);
    expect(event).toMatchObject({
      action: "person.updated",
      data: { fields: ["active"], sessionsEnded: 1, tokensRevoked: 0 },
    });
  });
});
