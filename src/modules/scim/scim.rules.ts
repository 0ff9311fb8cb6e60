// Pure rules of SCIM provisioning: reading users and groups as identity providers send them,
// applying PATCH operations (RFC 7644 §3.5.2, in the dialects of Entra ID and Okta), evaluating
// filters, paging, presenting resources and deciding which roles group membership gives.
import { type Filter, parse as parseFilterText } from "scim2-parse-filter";
import { z } from "zod";
import {
  type GroupForScim,
  type GroupState,
  type PersonForScim,
  type Result,
  type ScimProblem,
  type ScimRole,
  type ScimType,
  URN,
  type UserState,
} from "./scim.types.js";

// ---------- refusals ----------

class Refusal extends Error {
  constructor(readonly problem: ScimProblem) {
    super(problem.detail);
  }
}

function refuse(scimType: ScimType, detail: string, status = 400): never {
  throw new Refusal({ status, scimType, detail });
}

/** Runs a reader that may refuse, and returns its refusal as a value. */
function attempt<T>(fn: () => T): Result<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, problem: err.problem };
    throw err;
  }
}

// ---------- values ----------

const LIMIT = {
  userName: 320,
  email: 320,
  name: 200,
  title: 200,
  department: 200,
  externalId: 200,
  employeeNumber: 100,
} as const;

const emailSchema = z.email();
export const isEmail = (value: string) =>
  value.length <= LIMIT.email && emailSchema.safeParse(value).success;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isScimId = (value: string) => UUID.test(value);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A string attribute: trimmed; null, "" and absent clear it. */
function text(value: unknown, attr: string, max: number, { numbers = false } = {}): string | null {
  if (value === null || value === undefined) return null;
  // An employee number may arrive as a JSON number.
  if (numbers && typeof value === "number" && Number.isFinite(value)) value = String(value);
  if (typeof value !== "string") refuse("invalidValue", `${attr} must be a string.`);
  const v = value.trim();
  if (v.length > max) refuse("invalidValue", `${attr} is longer than ${max} characters.`);
  return v === "" ? null : v;
}

/** Entra ID has sent booleans as the strings "True" and "False". */
function bool(value: unknown, attr: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === "true";
  return refuse("invalidValue", `${attr} must be true or false.`);
}

/** The manager as Entra sends it (the id as a string) or as the schema says ({ value }). */
function managerId(value: unknown): string | null {
  const raw = isObject(value) ? value.value : value;
  const id = text(raw, "manager.value", 100);
  if (id !== null && !isScimId(id))
    refuse("invalidValue", `manager.value "${id}" is not the id of a user here.`);
  return id;
}

/** The address to use from an `emails` list: the primary one, else a work one, else the first. */
function emailFromList(value: unknown): string | null {
  const list = Array.isArray(value) ? value : [value];
  const items = list.filter(isObject);
  const pick =
    items.find((e) => e.primary === true || e.primary === "true" || e.primary === "True") ??
    items.find((e) => typeof e.type === "string" && e.type.toLowerCase() === "work") ??
    items[0];
  if (!pick) return null;
  const email = text(pick.value, "emails.value", LIMIT.email);
  if (email !== null && !isEmail(email))
    refuse("invalidValue", `emails.value "${email}" is not an email address.`);
  return email;
}

// ---------- attribute paths ----------

const ENTERPRISE_PREFIX = `${URN.enterprise.toLowerCase()}:`;
const USER_PREFIX = `${URN.user.toLowerCase()}:`;
const GROUP_PREFIX = `${URN.group.toLowerCase()}:`;
const ATTR = /^[a-z][\w$-]*(\.[a-z][\w$-]*)?$/i;
const VALUE_PATH = /^([a-z][\w$-]*)\[(.+)\](?:\.([a-z][\w$-]*))?$/i;

type UserAttr =
  | "username"
  | "displayname"
  | "title"
  | "active"
  | "externalid"
  | "name.givenname"
  | "name.familyname"
  | "name.formatted"
  | "emails"
  | "department"
  | "employeenumber"
  | "manager";

type ParsedPath =
  | { kind: "attr"; attr: string }
  | { kind: "filtered"; attr: string; filter: string; sub: string | null }
  | { kind: "enterprise" }
  | { kind: "name" };

/** Reads a PATCH path: an attribute, possibly under a schema URN, possibly with a value filter. */
function parsePath(path: string, groupOrUser: "user" | "group"): ParsedPath {
  let p = path.trim();
  const lower = p.toLowerCase();
  if (lower === URN.enterprise.toLowerCase()) return { kind: "enterprise" };
  if (lower.startsWith(ENTERPRISE_PREFIX) && groupOrUser === "user") {
    p = p.slice(ENTERPRISE_PREFIX.length);
    const sub = p.toLowerCase();
    if (sub === "manager.value") return { kind: "attr", attr: "manager" };
    if (!ATTR.test(p)) refuse("invalidPath", `The path "${path}" cannot be read.`);
    return { kind: "attr", attr: `ent:${sub}` };
  }
  if (lower.startsWith(USER_PREFIX)) p = p.slice(USER_PREFIX.length);
  else if (lower.startsWith(GROUP_PREFIX)) p = p.slice(GROUP_PREFIX.length);
  // Another extension (a provider's custom attributes): nothing Headway keeps.
  else if (lower.startsWith("urn:")) return { kind: "attr", attr: "urn:other" };
  const filtered = VALUE_PATH.exec(p);
  if (filtered)
    return {
      kind: "filtered",
      attr: filtered[1]!.toLowerCase(),
      filter: filtered[2]!,
      sub: filtered[3]?.toLowerCase() ?? null,
    };
  if (!ATTR.test(p)) refuse("invalidPath", `The path "${path}" cannot be read.`);
  if (p.toLowerCase() === "name") return { kind: "name" };
  return { kind: "attr", attr: p.toLowerCase() };
}

/** Maps an attribute name to what Headway keeps; null for attributes it does not keep. */
function userAttr(attr: string): UserAttr | null {
  switch (attr) {
    case "username":
    case "displayname":
    case "title":
    case "active":
    case "externalid":
    case "name.givenname":
    case "name.familyname":
    case "name.formatted":
    case "emails":
      return attr;
    case "emails.value":
      return "emails";
    case "ent:department":
      return "department";
    case "ent:employeenumber":
      return "employeenumber";
    case "ent:manager":
    case "ent:manager.value":
      return "manager";
    default:
      return null;
  }
}

// ---------- users ----------

/** Sets one attribute; `null` clears it (a removal). Attributes Headway does not keep are ignored. */
function assignUser(state: UserState, attr: UserAttr, value: unknown): void {
  switch (attr) {
    case "username": {
      const v = text(value, "userName", LIMIT.userName);
      if (v === null) refuse("invalidValue", "userName is required.");
      state.userName = v;
      return;
    }
    case "displayname":
      state.displayName = text(value, "displayName", LIMIT.name);
      return;
    case "name.givenname":
      state.givenName = text(value, "name.givenName", LIMIT.name);
      return;
    case "name.familyname":
      state.familyName = text(value, "name.familyName", LIMIT.name);
      return;
    case "name.formatted":
      state.formatted = text(value, "name.formatted", LIMIT.name);
      return;
    case "title":
      state.title = text(value, "title", LIMIT.title) ?? "";
      return;
    case "active":
      if (value === null || value === undefined) refuse("invalidValue", "active is required.");
      state.active = bool(value, "active");
      return;
    case "externalid":
      state.externalId = text(value, "externalId", LIMIT.externalId);
      return;
    case "emails": {
      // Headway keeps one address; an emptied list leaves it as it is.
      const email = value === null ? null : emailFromList(value);
      if (email) state.email = email;
      return;
    }
    case "department":
      state.department = text(value, "department", LIMIT.department) ?? "";
      return;
    case "employeenumber":
      state.employeeNumber = text(value, "employeeNumber", LIMIT.employeeNumber, {
        numbers: true,
      });
      return;
    case "manager":
      state.managerId = value === null ? null : managerId(value);
      return;
  }
}

function assignName(state: UserState, value: unknown) {
  if (value === null) {
    state.givenName = null;
    state.familyName = null;
    state.formatted = null;
    return;
  }
  if (!isObject(value)) refuse("invalidValue", "name must be an object.");
  for (const [k, v] of Object.entries(value)) {
    const attr = userAttr(`name.${k.toLowerCase()}`);
    if (attr) assignUser(state, attr, v);
  }
}

function assignEnterprise(state: UserState, value: unknown) {
  if (!isObject(value)) refuse("invalidValue", "The enterprise extension must be an object.");
  for (const [k, v] of Object.entries(value)) {
    const attr = userAttr(`ent:${k.toLowerCase()}`);
    if (attr) assignUser(state, attr, v);
  }
}

/** Applies a whole or partial user object (POST, PUT, or a PATCH without a path). */
function assignUserObject(state: UserState, body: Record<string, unknown>) {
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === "schemas" || lower === "id" || lower === "meta") continue;
    if (lower === URN.enterprise.toLowerCase()) {
      assignEnterprise(state, value);
      continue;
    }
    const path = parsePath(key, "user");
    if (path.kind === "name") assignName(state, value);
    else if (path.kind === "enterprise") assignEnterprise(state, value);
    else if (path.kind === "filtered") assignFiltered(state, path, value);
    else {
      const attr = userAttr(path.attr);
      if (attr) assignUser(state, attr, value);
    }
  }
}

/** `emails[type eq "work"].value`: Headway keeps one address, so any email filter targets it. */
function assignFiltered(
  state: UserState,
  path: Extract<ParsedPath, { kind: "filtered" }>,
  value: unknown,
) {
  if (path.attr !== "emails") return;
  if (value === null) return;
  if (path.sub === "value" || path.sub === null) {
    const email = emailFromList(path.sub === "value" ? { value } : value);
    if (email) state.email = email;
  }
}

/** A new user's state before the request is applied: nothing said yet. */
export function blankUser(): UserState {
  return {
    userName: "",
    email: "",
    givenName: null,
    familyName: null,
    formatted: null,
    displayName: null,
    title: "",
    active: true,
    externalId: null,
    department: "",
    employeeNumber: null,
    managerId: null,
  };
}

/** What a person is, as a user state: what SCIM said earlier, or what Headway knows. */
export function userStateOf(person: PersonForScim): UserState {
  return {
    userName: person.scim?.userName ?? person.email,
    email: person.email,
    givenName: person.scim?.givenName ?? null,
    familyName: person.scim?.familyName ?? null,
    formatted: person.scim?.formatted ?? null,
    // Someone Headway knew before SCIM keeps their name until the provider sends one.
    displayName: person.scim ? person.scim.displayName : person.name,
    title: person.title,
    active: person.active,
    externalId: person.externalId,
    department: person.department,
    employeeNumber: person.employeeId,
    managerId: person.managerId,
  };
}

/**
 * The user a POST or PUT describes. On PUT, attributes left out keep their values: Headway
 * treats them as not asserted (RFC 7644 §3.5.1 allows it), so data kept by HR is not wiped by a
 * provider that does not manage it. Send null or "" to clear one.
 */
export function readUser(body: unknown, current: UserState | null): Result<UserState> {
  return attempt(() => {
    if (!isObject(body)) refuse("invalidSyntax", "The body must be a JSON object.");
    const state = structuredClone(current ?? blankUser());
    assignUserObject(state, body);
    return finishUser(state);
  });
}

/** Checks the result of a change and settles the email: the userName when it is one. */
function finishUser(state: UserState): UserState {
  if (!state.userName) refuse("invalidValue", "userName is required.");
  if (isEmail(state.userName)) state.email = state.userName;
  else if (!isEmail(state.email))
    refuse(
      "invalidValue",
      "userName must be an email address, or emails must hold one: Headway signs people in and writes to them by email.",
    );
  return state;
}

export type PatchOperation = {
  op: "add" | "replace" | "remove";
  path: string | null;
  value: unknown;
};

/** Reads a PatchOp body: the schema's `Operations` with add, replace or remove (any case). */
export function readPatch(body: unknown): Result<PatchOperation[]> {
  return attempt(() => {
    if (!isObject(body)) refuse("invalidSyntax", "The body must be a JSON object.");
    const ops = body.Operations ?? body.operations;
    if (!Array.isArray(ops) || ops.length === 0)
      refuse("invalidSyntax", "A PATCH needs Operations: a list of add, replace or remove.");
    if (ops.length > 1000) refuse("tooMany", "Send at most 1000 operations at once.");
    return ops.map((raw, i): PatchOperation => {
      if (!isObject(raw)) refuse("invalidSyntax", `Operation ${i + 1} must be an object.`);
      const op = typeof raw.op === "string" ? raw.op.toLowerCase() : "";
      if (op !== "add" && op !== "replace" && op !== "remove")
        refuse("invalidSyntax", `Operation ${i + 1}: op must be add, replace or remove.`);
      if (raw.path !== undefined && raw.path !== null && typeof raw.path !== "string")
        refuse("invalidPath", `Operation ${i + 1}: path must be a string.`);
      const path = typeof raw.path === "string" && raw.path.trim() ? raw.path : null;
      if (op === "remove" && path === null)
        refuse("noTarget", `Operation ${i + 1}: remove needs a path.`);
      if (op !== "remove" && path === null && !isObject(raw.value))
        refuse("invalidValue", `Operation ${i + 1}: without a path, value must be an object.`);
      if (op !== "remove" && raw.value === undefined)
        refuse("invalidValue", `Operation ${i + 1}: ${op} needs a value.`);
      return { op, path, value: raw.value };
    });
  });
}

/** Applies PATCH operations to a user, all or nothing. */
export function patchUser(current: UserState, operations: PatchOperation[]): Result<UserState> {
  return attempt(() => {
    const state = structuredClone(current);
    for (const { op, path, value } of operations) {
      if (path === null) {
        assignUserObject(state, value as Record<string, unknown>);
        continue;
      }
      const parsed = parsePath(path, "user");
      const v = op === "remove" ? null : value;
      if (parsed.kind === "name") assignName(state, v);
      else if (parsed.kind === "enterprise") {
        if (v === null) {
          state.department = "";
          state.employeeNumber = null;
          state.managerId = null;
        } else assignEnterprise(state, v);
      } else if (parsed.kind === "filtered") assignFiltered(state, parsed, v);
      else {
        const attr = userAttr(parsed.attr);
        if (attr) assignUser(state, attr, v);
      }
    }
    return finishUser(state);
  });
}

/** The person's name: what the provider displays, else the formatted or given + family name. */
export function nameOf(state: UserState): string {
  const joined = [state.givenName, state.familyName].filter(Boolean).join(" ");
  return state.displayName ?? state.formatted ?? (joined || state.userName.split("@")[0]!);
}

/** The person fields a user state sets, and the SCIM-only fields kept beside them. */
export function personFieldsOf(state: UserState) {
  return {
    person: {
      email: state.email,
      name: nameOf(state),
      title: state.title,
      department: state.department,
      employeeId: state.employeeNumber,
      externalId: state.externalId,
      managerId: state.managerId,
      active: state.active,
    },
    scim: {
      userName: state.userName,
      givenName: state.givenName,
      familyName: state.familyName,
      formatted: state.formatted,
      displayName: state.displayName,
    },
  };
}

/** The names of the fields that differ between two user states. */
export function changedUserFields(before: UserState, after: UserState): (keyof UserState)[] {
  return (Object.keys(after) as (keyof UserState)[]).filter((k) => before[k] !== after[k]);
}

// ---------- groups ----------

function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((m, i) => {
    const id = text(isObject(m) ? m.value : m, `members[${i}].value`, 100);
    if (id === null || !isScimId(id))
      refuse("invalidValue", `members[${i}].value must be the id of a user here.`);
    return id.toLowerCase();
  });
}

function assignGroup(state: GroupState, attr: string, value: unknown, op: "set" | "add") {
  switch (attr) {
    case "displayname": {
      const v = text(value, "displayName", LIMIT.name);
      if (v === null) refuse("invalidValue", "displayName is required.");
      state.displayName = v;
      return;
    }
    case "externalid":
      state.externalId = text(value, "externalId", LIMIT.externalId);
      return;
    case "members": {
      const ids = value === null ? [] : memberIds(value);
      state.members = [...new Set(op === "add" ? [...state.members, ...ids] : ids)];
      return;
    }
    default:
      return;
  }
}

function assignGroupObject(state: GroupState, body: Record<string, unknown>, op: "set" | "add") {
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === "schemas" || lower === "id" || lower === "meta") continue;
    const path = parsePath(key, "group");
    if (path.kind === "attr") assignGroup(state, path.attr, value, op);
  }
}

/** The group a POST or PUT describes (members left out of a PUT stay as they are). */
export function readGroup(body: unknown, current: GroupState | null): Result<GroupState> {
  return attempt(() => {
    if (!isObject(body)) refuse("invalidSyntax", "The body must be a JSON object.");
    const state = structuredClone(current ?? { displayName: "", externalId: null, members: [] });
    assignGroupObject(state, body, "set");
    if (!state.displayName) refuse("invalidValue", "displayName is required.");
    return state;
  });
}

/** `members[value eq "…"]`: the one member filter identity providers send. */
function memberFilterIds(filter: string): string[] {
  let ast: Filter;
  try {
    ast = parseFilterText(`members[${filter}]`);
  } catch {
    return refuse("invalidPath", `The member filter "${filter}" cannot be read.`);
  }
  const ids: string[] = [];
  const collect = (f: Filter) => {
    if (f.op === "[]") collect(f.valFilter);
    else if (f.op === "or") f.filters.forEach(collect);
    else if (
      f.op === "eq" &&
      f.attrPath.toLowerCase() === "value" &&
      typeof f.compValue === "string"
    )
      ids.push(f.compValue.toLowerCase());
    else refuse("invalidPath", `Only members[value eq "id"] can select members.`);
  };
  collect(ast);
  return ids;
}

/**
 * Applies PATCH operations to a group, all or nothing: add and remove members (Entra ID sends the
 * members to remove as a value, Okta as a filter in the path), rename, replace.
 */
export function patchGroup(current: GroupState, operations: PatchOperation[]): Result<GroupState> {
  return attempt(() => {
    const state = structuredClone(current);
    for (const { op, path, value } of operations) {
      if (path === null) {
        assignGroupObject(state, value as Record<string, unknown>, op === "add" ? "add" : "set");
        continue;
      }
      const parsed = parsePath(path, "group");
      if (parsed.kind === "filtered") {
        if (parsed.attr !== "members" || op !== "remove")
          refuse("invalidPath", `The path "${path}" cannot be used with ${op}.`);
        const gone = new Set(memberFilterIds(parsed.filter));
        state.members = state.members.filter((m) => !gone.has(m));
        continue;
      }
      if (parsed.kind !== "attr") continue;
      if (op === "remove") {
        if (parsed.attr === "displayname") refuse("invalidValue", "displayName is required.");
        if (parsed.attr === "members" && value !== undefined && value !== null) {
          const gone = new Set(memberIds(value));
          state.members = state.members.filter((m) => !gone.has(m));
        } else assignGroup(state, parsed.attr, null, "set");
        continue;
      }
      assignGroup(state, parsed.attr, value, op === "add" ? "add" : "set");
    }
    return state;
  });
}

// ---------- roles from groups ----------

export type AccessState = {
  roles: string[];
  hrScopeAll: boolean;
  hrScopeDepartments: string[];
};

/**
 * The roles and HR scope a person has after a group change. Mapped groups give their roles; a
 * role is recorded as granted by SCIM only when the person did not have it already, and only
 * such a role is taken away when the person is in no group that maps to it, so a role granted by
 * hand stays. An HR role that came from groups covers the whole organisation when any of those
 * groups sets no departments, else the departments they set together. `keepAdmin` keeps the admin
 * role of the organisation's last active admin.
 */
export function reconcileRoles({
  current,
  grants,
  groups,
  keepAdmin = false,
}: {
  current: AccessState;
  grants: ScimRole[];
  groups: { role: ScimRole; departments: string[] }[];
  keepAdmin?: boolean;
}): AccessState & { grants: ScimRole[]; changed: boolean } {
  const wanted = new Set(groups.map((g) => g.role));
  const roles = new Set(current.roles);
  const granted = new Set(grants);
  for (const role of wanted) {
    if (!roles.has(role)) {
      roles.add(role);
      granted.add(role);
    }
  }
  for (const role of grants) {
    if (wanted.has(role)) continue;
    if (role === "admin" && keepAdmin) continue;
    roles.delete(role);
    granted.delete(role);
  }
  let hrScopeAll = current.hrScopeAll;
  let hrScopeDepartments = current.hrScopeDepartments;
  if (granted.has("hr")) {
    const hrGroups = groups.filter((g) => g.role === "hr");
    hrScopeAll = hrGroups.some((g) => g.departments.length === 0);
    hrScopeDepartments = hrScopeAll
      ? []
      : [...new Set(hrGroups.flatMap((g) => g.departments))].sort();
  } else if (grants.includes("hr") && !roles.has("hr")) {
    hrScopeAll = false;
    hrScopeDepartments = [];
  }
  const order = (list: Iterable<string>) => [...list].sort();
  const next = {
    roles: order(roles),
    hrScopeAll,
    hrScopeDepartments,
    grants: order(granted) as ScimRole[],
  };
  const changed =
    JSON.stringify(next.roles) !== JSON.stringify(order(current.roles)) ||
    next.hrScopeAll !== current.hrScopeAll ||
    JSON.stringify(next.hrScopeDepartments) !== JSON.stringify(current.hrScopeDepartments);
  return { ...next, changed };
}

// ---------- filters ----------

const MAX_FILTER = 1000;
/** Attributes compared exactly (RFC 7643 caseExact); every other string ignores case. */
const CASE_EXACT = new Set(["externalid"]);

type Lookup = { values: unknown[]; caseExact: boolean };

function lookup(resource: unknown, attrPath: string): Lookup {
  let segments: string[];
  const lower = attrPath.toLowerCase();
  const urn = [URN.enterprise, URN.user, URN.group].find((u) =>
    lower.startsWith(`${u.toLowerCase()}:`),
  );
  if (urn) {
    const rest = attrPath.slice(urn.length + 1).split(".");
    segments = urn === URN.enterprise ? [urn, ...rest] : rest;
  } else segments = attrPath.split(".");
  let values: unknown[] = [resource];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of values) {
      const items = Array.isArray(v) ? v : [v];
      for (const item of items) {
        if (!isObject(item)) continue;
        const key = Object.keys(item).find((k) => k.toLowerCase() === seg.toLowerCase());
        if (key !== undefined && item[key] !== undefined && item[key] !== null)
          next.push(item[key]);
      }
    }
    values = next;
  }
  values = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
  const last = segments[segments.length - 1]!.toLowerCase();
  return { values, caseExact: CASE_EXACT.has(last) };
}

function compare(op: string, a: unknown, b: unknown, caseExact: boolean): boolean {
  if (typeof a === "string" && typeof b === "string" && !caseExact) {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "co":
      return typeof a === "string" && typeof b === "string" && a.includes(b);
    case "sw":
      return typeof a === "string" && typeof b === "string" && a.startsWith(b);
    case "ew":
      return typeof a === "string" && typeof b === "string" && a.endsWith(b);
    case "gt":
    case "ge":
    case "lt":
    case "le": {
      if (typeof a !== typeof b || (typeof a !== "string" && typeof a !== "number")) return false;
      const x = a as string | number;
      const y = b as string | number;
      return op === "gt" ? x > y : op === "ge" ? x >= y : op === "lt" ? x < y : x <= y;
    }
    default:
      return false;
  }
}

function test(resource: unknown, f: Filter): boolean {
  switch (f.op) {
    case "and":
      return f.filters.every((c) => test(resource, c));
    case "or":
      return f.filters.some((c) => test(resource, c));
    case "not":
      return !test(resource, f.filter);
    case "[]":
      return lookup(resource, f.attrPath).values.some((v) => test(v, f.valFilter));
    case "pr":
      return lookup(resource, f.attrPath).values.some((v) => v !== "");
    default: {
      const { values, caseExact } = lookup(resource, f.attrPath);
      // "ne" holds when no value equals; an absent attribute is not equal to anything.
      if (f.op === "ne") return !values.some((v) => compare("eq", v, f.compValue, caseExact));
      return values.some((v) => compare(f.op, v, f.compValue, caseExact));
    }
  }
}

/**
 * Compiles a SCIM filter (RFC 7644 §3.4.2.2) into a test on resources as Headway presents them.
 * Attribute names ignore case, strings compare ignoring case except caseExact ones (externalId),
 * and an attribute a resource does not have matches nothing.
 */
export function compileFilter(filter: string): Result<(resource: unknown) => boolean> {
  return attempt(() => {
    if (filter.length > MAX_FILTER)
      refuse("invalidFilter", `The filter is longer than ${MAX_FILTER} characters.`);
    let ast: Filter;
    try {
      ast = parseFilterText(filter);
    } catch {
      return refuse("invalidFilter", `The filter "${filter}" cannot be read.`);
    }
    return (resource: unknown) => test(resource, ast);
  });
}

// ---------- paging and projection ----------

export const MAX_PAGE = 200;

/** `startIndex` (1-based; below 1 means 1) and `count` (negative means 0; at most 200). */
export function readPaging(query: {
  startIndex?: string;
  count?: string;
}): Result<{ startIndex: number; count: number }> {
  return attempt(() => {
    const int = (raw: string | undefined, name: string, fallback: number) => {
      if (raw === undefined || raw.trim() === "") return fallback;
      if (!/^-?\d{1,9}$/.test(raw.trim()))
        refuse("invalidValue", `${name} must be a whole number.`);
      return Number(raw);
    };
    const startIndex = Math.max(1, int(query.startIndex, "startIndex", 1));
    const count = Math.min(MAX_PAGE, Math.max(0, int(query.count, "count", 100)));
    return { startIndex, count };
  });
}

/** `attributes` and `excludedAttributes`, at the level of top-level attributes and schema URNs. */
export function project(
  resource: Record<string, unknown>,
  { attributes, excludedAttributes }: { attributes?: string; excludedAttributes?: string },
): Record<string, unknown> {
  const names = (list?: string) =>
    (list ?? "")
      .split(",")
      .map((a) => a.trim().toLowerCase())
      .filter(Boolean)
      .map((a) => {
        const urn = [URN.enterprise, URN.user, URN.group].find((u) =>
          a.startsWith(u.toLowerCase()),
        );
        if (urn === URN.enterprise) return URN.enterprise.toLowerCase();
        const rest = urn ? a.slice(urn.length + 1) : a;
        return rest.split(".")[0]!;
      });
  const always = new Set(["id", "schemas"]);
  const keep = names(attributes);
  const drop = new Set(names(excludedAttributes).filter((n) => !always.has(n)));
  return Object.fromEntries(
    Object.entries(resource).filter(([k]) => {
      const key = k.toLowerCase();
      if (keep.length) return always.has(key) || keep.includes(key);
      return !drop.has(key);
    }),
  );
}

// ---------- presenting ----------

export function presentUser(p: PersonForScim, baseUrl: string) {
  const state = userStateOf(p);
  const enterprise: Record<string, unknown> = {};
  if (p.employeeId) enterprise.employeeNumber = p.employeeId;
  if (p.department) enterprise.department = p.department;
  if (p.managerId)
    enterprise.manager = {
      value: p.managerId,
      $ref: `${baseUrl}/Users/${p.managerId}`,
      ...(p.managerName ? { displayName: p.managerName } : {}),
    };
  const name: Record<string, string> = { formatted: p.name };
  if (state.givenName) name.givenName = state.givenName;
  if (state.familyName) name.familyName = state.familyName;
  return {
    schemas: [URN.user, URN.enterprise],
    id: p.id,
    ...(p.externalId ? { externalId: p.externalId } : {}),
    userName: state.userName,
    name,
    displayName: p.name,
    emails: [{ value: p.email, type: "work", primary: true }],
    ...(p.title ? { title: p.title } : {}),
    active: p.active,
    groups: p.groups.map((g) => ({
      value: g.id,
      display: g.displayName,
      $ref: `${baseUrl}/Groups/${g.id}`,
    })),
    [URN.enterprise]: enterprise,
    meta: {
      resourceType: "User",
      created: p.createdAt.toISOString(),
      lastModified: p.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${p.id}`,
      version: `W/"${p.version}"`,
    },
  };
}

export function presentGroup(g: GroupForScim, baseUrl: string) {
  return {
    schemas: [URN.group],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    members: g.members.map((m) => ({
      value: m.id,
      display: m.name,
      $ref: `${baseUrl}/Users/${m.id}`,
    })),
    meta: {
      resourceType: "Group",
      created: g.createdAt.toISOString(),
      lastModified: g.updatedAt.toISOString(),
      location: `${baseUrl}/Groups/${g.id}`,
    },
  };
}

export function listResponse(
  resources: Record<string, unknown>[],
  { total, startIndex }: { total: number; startIndex: number },
) {
  return {
    schemas: [URN.listResponse],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export function errorResponse(problem: ScimProblem) {
  return {
    schemas: [URN.error],
    status: String(problem.status),
    ...(problem.scimType ? { scimType: problem.scimType } : {}),
    detail: problem.detail,
  };
}
