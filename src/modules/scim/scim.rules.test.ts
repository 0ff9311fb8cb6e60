import { describe, expect, it } from "vitest";
import {
  blankUser,
  compileFilter,
  nameOf,
  patchGroup,
  patchUser,
  personFieldsOf,
  presentUser,
  project,
  readGroup,
  readPaging,
  readPatch,
  readUser,
  reconcileRoles,
} from "./scim.rules.js";
import { type PersonForScim, URN, type UserState } from "./scim.types.js";

const MANAGER = "5b1a3c2e-7d4f-4e8a-9b6c-1d2e3f4a5b6c";
const ALICE = "0f0e0d0c-0b0a-4909-8807-060504030201";
const BOB = "11111111-2222-4333-8444-555555555555";

const ada: UserState = {
  ...blankUser(),
  userName: "ada@example.com",
  email: "ada@example.com",
  givenName: "Ada",
  familyName: "Lovelace",
  displayName: "Ada Lovelace",
  title: "Engineer",
  department: "Engineering",
  externalId: "00u1",
};

function ok<T>(r: { ok: true; value: T } | { ok: false; problem: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problem)}`);
  return r.value;
}

function patched(ops: unknown[], from: UserState = ada) {
  return ok(patchUser(from, ok(readPatch({ schemas: [URN.patchOp], Operations: ops }))));
}

function patchProblem(ops: unknown[], from: UserState = ada) {
  const read = readPatch({ schemas: [URN.patchOp], Operations: ops });
  if (!read.ok) return read.problem;
  const r = patchUser(from, read.value);
  return r.ok ? null : r.problem;
}

describe("reading a user from a POST or PUT", () => {
  it("maps Okta's create body onto the person: userName is the email, names, title, enterprise attributes", () => {
    const user = ok(
      readUser(
        {
          schemas: [URN.user, URN.enterprise],
          userName: "Grace.Hopper@Example.com",
          name: { givenName: "Grace", familyName: "Hopper" },
          emails: [{ primary: true, value: "grace@other.example.com", type: "work" }],
          title: "Rear Admiral",
          active: true,
          externalId: "00uabc",
          password: "ignored",
          locale: "en-US",
          [URN.enterprise]: {
            department: "Navy",
            employeeNumber: 1906,
            manager: { value: MANAGER },
          },
        },
        null,
      ),
    );
    expect(personFieldsOf(user)).toEqual({
      person: {
        email: "Grace.Hopper@Example.com",
        name: "Grace Hopper",
        title: "Rear Admiral",
        department: "Navy",
        employeeId: "1906",
        externalId: "00uabc",
        managerId: MANAGER,
        active: true,
      },
      scim: {
        userName: "Grace.Hopper@Example.com",
        givenName: "Grace",
        familyName: "Hopper",
        formatted: null,
        displayName: null,
      },
    });
  });

  it("takes the primary address from emails when Entra's userName is not an email", () => {
    const user = ok(
      readUser(
        {
          userName: "Test_User_ab6490ee",
          name: { formatted: "Test User", givenName: "Test", familyName: "User" },
          emails: [
            { type: "home", value: "home@example.com" },
            { primary: true, type: "work", value: "test.user@example.com" },
          ],
          roles: [],
        },
        null,
      ),
    );
    expect(user.userName).toBe("Test_User_ab6490ee");
    expect(user.email).toBe("test.user@example.com");
    expect(nameOf(user)).toBe("Test User");
  });

  it.each([
    ["a body that is not an object", ["a"], "invalidSyntax"],
    ["no userName", { name: { givenName: "A" } }, "invalidValue"],
    ["a userName that is no email, and no emails", { userName: "ada" }, "invalidValue"],
    ["an email that is not one", { userName: "x", emails: [{ value: "nope" }] }, "invalidValue"],
    ["active that is not a boolean", { userName: "a@b.co", active: "maybe" }, "invalidValue"],
    ["a title that is an object", { userName: "a@b.co", title: { x: 1 } }, "invalidValue"],
    [
      "a userName that is a number",
      { userName: 42, emails: [{ value: "a@b.co" }] },
      "invalidValue",
    ],
    ["a title far too long", { userName: "a@b.co", title: "x".repeat(201) }, "invalidValue"],
    [
      "a manager that is not an id",
      { userName: "a@b.co", [URN.enterprise]: { manager: { value: "bob" } } },
      "invalidValue",
    ],
  ])("refuses %s", (_what, body, scimType) => {
    const r = readUser(body, null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ status: 400, scimType });
  });

  it("on PUT, keeps attributes the body leaves out and clears those sent as null or empty", () => {
    const user = ok(readUser({ userName: "ada@example.com", title: "", displayName: null }, ada));
    expect(user.department).toBe("Engineering");
    expect(user.externalId).toBe("00u1");
    expect(user.title).toBe("");
    expect(nameOf(user)).toBe("Ada Lovelace");
  });

  it("ignores attributes of other schema extensions", () => {
    const user = ok(
      readUser(
        {
          userName: "ada@example.com",
          "urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User": { badge: "7" },
        },
        ada,
      ),
    );
    expect(user).toEqual(ada);
  });
});

describe("applying PATCH operations to a user", () => {
  it.each<[string, unknown[], Partial<UserState>]>([
    [
      "Entra: replace with a path, booleans as strings",
      [{ op: "Replace", path: "active", value: "False" }],
      { active: false },
    ],
    [
      "Okta: replace without a path",
      [{ op: "replace", value: { active: false } }],
      { active: false },
    ],
    [
      "Entra: the work email through a filter (userName stays the email)",
      [{ op: "Replace", path: 'emails[type eq "work"].value', value: "new@example.com" }],
      { email: "ada@example.com" },
    ],
    [
      "Entra: name parts by path",
      [
        { op: "Replace", path: "name.familyName", value: "King" },
        { op: "Add", path: "title", value: "Countess" },
      ],
      { familyName: "King", title: "Countess" },
    ],
    [
      "Entra: the manager as a plain id",
      [{ op: "Add", path: `${URN.enterprise}:manager`, value: MANAGER }],
      { managerId: MANAGER },
    ],
    [
      "the manager as an object",
      [{ op: "replace", path: `${URN.enterprise}:manager`, value: { value: MANAGER } }],
      { managerId: MANAGER },
    ],
    [
      "the manager removed",
      [{ op: "Remove", path: `${URN.enterprise}:manager` }],
      { managerId: null },
    ],
    [
      "Entra: no path, keys that are paths",
      [
        {
          op: "Replace",
          value: {
            "name.givenName": "Augusta",
            [`${URN.enterprise}:department`]: "Mathematics",
            displayName: "Augusta Ada King",
          },
        },
      ],
      { givenName: "Augusta", department: "Mathematics", displayName: "Augusta Ada King" },
    ],
    [
      "Okta: no path, the whole enterprise object",
      [{ op: "replace", value: { [URN.enterprise]: { employeeNumber: "42", department: "R&D" } } }],
      { employeeNumber: "42", department: "R&D" },
    ],
    [
      "remove title and externalId",
      [
        { op: "remove", path: "title" },
        { op: "remove", path: "externalId" },
      ],
      { title: "", externalId: null },
    ],
    [
      "a new userName that is an email becomes the email",
      [{ op: "replace", path: "userName", value: "ada.king@example.com" }],
      { userName: "ada.king@example.com", email: "ada.king@example.com" },
    ],
    [
      "attributes Headway does not keep are ignored",
      [
        { op: "add", path: 'phoneNumbers[type eq "work"].value', value: "+44 20" },
        { op: "add", path: "preferredLanguage", value: "en" },
      ],
      {},
    ],
  ])("%s", (_what, ops, change) => {
    expect(patched(ops)).toEqual({ ...ada, ...change });
  });

  it.each<[string, unknown, string]>([
    ["no Operations", { schemas: [URN.patchOp] }, "invalidSyntax"],
    [
      "an unknown op",
      { Operations: [{ op: "explode", path: "title", value: "x" }] },
      "invalidSyntax",
    ],
    ["remove without a path", { Operations: [{ op: "remove" }] }, "noTarget"],
    [
      "replace without a path or an object",
      { Operations: [{ op: "replace", value: 3 }] },
      "invalidValue",
    ],
    ["replace without a value", { Operations: [{ op: "replace", path: "title" }] }, "invalidValue"],
    [
      "a path that cannot be read",
      { Operations: [{ op: "replace", path: "ti tle", value: "x" }] },
      "invalidPath",
    ],
  ])("refuses a PatchOp with %s", (_what, body, scimType) => {
    const read = readPatch(body);
    const problem = read.ok ? patchUser(ada, read.value) : read;
    expect(problem.ok).toBe(false);
    if (!problem.ok) expect(problem.problem).toMatchObject({ status: 400, scimType });
  });

  it.each<[string, unknown[]]>([
    ["removing userName", [{ op: "remove", path: "userName" }]],
    ["active set to a word", [{ op: "replace", path: "active", value: "no" }]],
    [
      "a manager that is not an id",
      [{ op: "replace", path: `${URN.enterprise}:manager`, value: "boss" }],
    ],
    [
      "a userName that is no email for someone whose email would go",
      [{ op: "replace", path: "userName", value: "" }],
    ],
  ])("refuses %s, all operations or none", (_what, ops) => {
    expect(
      patchProblem([{ op: "replace", path: "title", value: "Changed" }, ...ops]),
    ).toMatchObject({
      status: 400,
      scimType: "invalidValue",
    });
  });
});

describe("groups", () => {
  const group = { displayName: "HR Partners", externalId: null, members: [ALICE] };

  it("reads a pushed group with its members", () => {
    expect(
      ok(
        readGroup(
          {
            schemas: [URN.group],
            displayName: "HR Partners",
            externalId: "g-1",
            members: [{ value: ALICE.toUpperCase(), display: "Alice" }, { value: BOB }],
          },
          null,
        ),
      ),
    ).toEqual({ displayName: "HR Partners", externalId: "g-1", members: [ALICE, BOB] });
  });

  it.each<[string, unknown[], string[]]>([
    ["Entra adds members", [{ op: "Add", path: "members", value: [{ value: BOB }] }], [ALICE, BOB]],
    [
      "adding a member twice keeps one",
      [{ op: "add", path: "members", value: [{ value: ALICE }] }],
      [ALICE],
    ],
    [
      "Entra removes members by value",
      [{ op: "Remove", path: "members", value: [{ value: ALICE }] }],
      [],
    ],
    [
      "Okta removes a member by filter",
      [{ op: "remove", path: `members[value eq "${ALICE}"]` }],
      [],
    ],
    [
      "replace sets the members",
      [{ op: "replace", path: "members", value: [{ value: BOB }] }],
      [BOB],
    ],
    ["remove without a value empties the group", [{ op: "remove", path: "members" }], []],
  ])("%s", (_what, ops, members) => {
    const r = patchGroup(group, ok(readPatch({ Operations: ops })));
    expect(ok(r).members).toEqual(members);
  });

  it("Okta renames a group with a replace without a path", () => {
    const r = patchGroup(
      group,
      ok(
        readPatch({
          Operations: [{ op: "replace", value: { id: "x", displayName: "People Team" } }],
        }),
      ),
    );
    expect(ok(r).displayName).toBe("People Team");
  });

  it.each<[string, unknown[]]>([
    [
      "a member id that is not an id",
      [{ op: "add", path: "members", value: [{ value: "alice" }] }],
    ],
    ["an empty name", [{ op: "replace", path: "displayName", value: "" }]],
    ["a member filter on something else", [{ op: "remove", path: 'members[display eq "Alice"]' }]],
  ])("refuses %s", (_what, ops) => {
    const r = patchGroup(group, ok(readPatch({ Operations: ops })));
    expect(r.ok).toBe(false);
  });
});

describe("roles from mapped groups", () => {
  const employee = { roles: [], hrScopeAll: false, hrScopeDepartments: [] };

  it.each([
    {
      what: "an HR group without departments gives HR for the whole organisation",
      current: employee,
      grants: [],
      groups: [{ role: "hr" as const, departments: [] }],
      expected: {
        roles: ["hr"],
        hrScopeAll: true,
        hrScopeDepartments: [],
        grants: ["hr"],
        changed: true,
      },
    },
    {
      what: "HR groups with departments give those departments together",
      current: employee,
      grants: [],
      groups: [
        { role: "hr" as const, departments: ["Sales"] },
        { role: "hr" as const, departments: ["Engineering", "Sales"] },
      ],
      expected: {
        roles: ["hr"],
        hrScopeAll: false,
        hrScopeDepartments: ["Engineering", "Sales"],
        grants: ["hr"],
        changed: true,
      },
    },
    {
      what: "leaving the group takes away the role it gave, and its scope",
      current: { roles: ["hr"], hrScopeAll: true, hrScopeDepartments: [] },
      grants: ["hr" as const],
      groups: [],
      expected: { roles: [], hrScopeAll: false, hrScopeDepartments: [], grants: [], changed: true },
    },
    {
      what: "a role granted by hand stays when the person leaves a group mapped to it",
      current: { roles: ["hr"], hrScopeAll: false, hrScopeDepartments: ["Sales"] },
      grants: [],
      groups: [],
      expected: {
        roles: ["hr"],
        hrScopeAll: false,
        hrScopeDepartments: ["Sales"],
        grants: [],
        changed: false,
      },
    },
    {
      what: "a group mapped to a role the person has by hand records no grant and keeps the scope",
      current: { roles: ["hr"], hrScopeAll: false, hrScopeDepartments: ["Sales"] },
      grants: [],
      groups: [{ role: "hr" as const, departments: [] }],
      expected: {
        roles: ["hr"],
        hrScopeAll: false,
        hrScopeDepartments: ["Sales"],
        grants: [],
        changed: false,
      },
    },
    {
      what: "the last admin keeps the admin role",
      current: { roles: ["admin"], hrScopeAll: false, hrScopeDepartments: [] },
      grants: ["admin" as const],
      groups: [],
      keepAdmin: true,
      expected: {
        roles: ["admin"],
        hrScopeAll: false,
        hrScopeDepartments: [],
        grants: ["admin"],
        changed: false,
      },
    },
    {
      what: "L&D and admin come and go with their groups, other roles untouched",
      current: { roles: ["ld"], hrScopeAll: false, hrScopeDepartments: [] },
      grants: ["ld" as const],
      groups: [{ role: "admin" as const, departments: [] }],
      expected: {
        roles: ["admin"],
        hrScopeAll: false,
        hrScopeDepartments: [],
        grants: ["admin"],
        changed: true,
      },
    },
  ])("$what", ({ current, grants, groups, keepAdmin, expected }) => {
    expect(reconcileRoles({ current, grants, groups, keepAdmin })).toEqual(expected);
  });
});

describe("filters", () => {
  const person: PersonForScim = {
    id: ALICE,
    email: "alice@example.com",
    name: "Alice Liddell",
    title: "Engineer",
    department: "Engineering",
    employeeId: "E-7",
    externalId: "Ext-A",
    managerId: MANAGER,
    active: true,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-02-01T00:00:00Z"),
    version: 3,
    scim: {
      userName: "Alice@Example.com",
      givenName: "Alice",
      familyName: "Liddell",
      formatted: null,
      displayName: null,
    },
    managerName: "The Queen",
    groups: [{ id: BOB, displayName: "Wonderland" }],
  };
  const resource = presentUser(person, "https://headway.test/scim/v2");

  it.each<[string, boolean]>([
    ['userName eq "alice@example.com"', true],
    ['USERNAME eq "ALICE@EXAMPLE.COM"', true],
    ['userName eq "bob@example.com"', false],
    ['externalId eq "Ext-A"', true],
    ['externalId eq "ext-a"', false],
    ['emails.value eq "alice@example.com"', true],
    ['emails[type eq "work" and value eq "alice@example.com"]', true],
    ['userName eq "alice@example.com" and active eq true', true],
    ['userName eq "bob@example.com" or externalId eq "Ext-A"', true],
    ['userName eq "alice@example.com" and active eq false', false],
    [`${URN.enterprise}:employeeNumber eq "E-7"`, true],
    [`${URN.enterprise}:manager.value eq "${MANAGER}"`, true],
    ['name.familyName sw "lid"', true],
    ["title pr", true],
    ["nickName pr", false],
    ['not (userName eq "alice@example.com")', false],
    ['meta.lastModified gt "2026-01-15T00:00:00Z"', true],
    [`groups[value eq "${BOB}"]`, true],
  ])("%s → %s", (filter, matches) => {
    expect(ok(compileFilter(filter))(resource)).toBe(matches);
  });

  it.each(["userName eq", 'userName eq "a" and', "(((", 'userName xx "a"'])(
    "refuses %s as an invalid filter",
    (filter) => {
      const r = compileFilter(filter);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toMatchObject({ status: 400, scimType: "invalidFilter" });
    },
  );
});

describe("paging and projection", () => {
  it.each([
    [{}, { startIndex: 1, count: 100 }],
    [
      { startIndex: "0", count: "-5" },
      { startIndex: 1, count: 0 },
    ],
    [
      { startIndex: "11", count: "10" },
      { startIndex: 11, count: 10 },
    ],
    [{ count: "5000" }, { startIndex: 1, count: 200 }],
  ])("reads %j as %j", (query, expected) => {
    expect(ok(readPaging(query))).toEqual(expected);
  });

  it("refuses a startIndex that is not a number", () => {
    const r = readPaging({ startIndex: "first" });
    expect(r.ok ? null : r.problem).toMatchObject({ status: 400, scimType: "invalidValue" });
  });

  it("leaves out excluded attributes, and keeps only asked ones plus id and schemas", () => {
    const group = { schemas: [URN.group], id: "1", displayName: "G", members: [{ value: "x" }] };
    expect(project(group, { excludedAttributes: "members" })).toEqual({
      schemas: [URN.group],
      id: "1",
      displayName: "G",
    });
    expect(project(group, { attributes: "displayName" })).toEqual({
      schemas: [URN.group],
      id: "1",
      displayName: "G",
    });
  });
});
