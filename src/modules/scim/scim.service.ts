import { and, eq, isNull, sql } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Actor, GrantedRole } from "../../access/access.types.js";
import { type AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { newToken, tokenHash } from "../auth/auth.crypto.js";
import { addDays, isExpired } from "../auth/auth.rules.js";
import { loadActor, type PersonActor } from "../auth/auth.service.js";
import { apiTokens } from "../auth/auth.table.js";
import { findPeopleByIds, findPersonById } from "../org/org.repository.js";
import {
  createPersonIn,
  type PersonPatch,
  updateAccessIn,
  updatePersonIn,
} from "../org/org.service.js";
import { people } from "../org/org.table.js";
import { findAuditEvents } from "../record/record.service.js";
import {
  countActiveAdmins,
  findExistingPeopleIds,
  findGrants,
  findGroupForScim,
  findGroupIdByName,
  findGroupMappings,
  findGroupRow,
  findGroupsForScim,
  findMappedGroupsOf,
  findMemberIds,
  findPeopleForScim,
  findPersonClash,
  findPersonForScim,
  findScimTokens,
  findUserNameOwner,
} from "./scim.repository.js";
import {
  changedUserFields,
  compileFilter,
  listResponse,
  type PatchOperation,
  patchGroup,
  patchUser,
  personFieldsOf,
  presentGroup,
  presentUser,
  project,
  readGroup,
  readPaging,
  readPatch,
  readUser,
  reconcileRoles,
  userStateOf,
} from "./scim.rules.js";
import { scimGroupMembers, scimGroups, scimRoleGrants, scimUsers } from "./scim.table.js";
import type { GroupState, Result, ScimProblem, ScimRole, UserState } from "./scim.types.js";

/** Changes made over SCIM are the identity provider's; the token used is named in each event. */
export const SCIM_ACTOR: Actor = { kind: "system", label: "scim" };

/** A refusal in SCIM's own error format (RFC 7644 §3.12). */
export class ScimError extends Error {
  constructor(readonly problem: ScimProblem) {
    super(problem.detail);
    this.name = "ScimError";
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ScimError(result.problem);
  return result.value;
}

const scimNotFound = (what: "User" | "Group", id: string) =>
  new ScimError({ status: 404, detail: `${what} ${id} not found.` });

/** SCIM writes take the lock person edits and imports take: one change to the people at a time. */
async function lockPeople(w: Write) {
  await w.tx.execute(sql`SELECT pg_advisory_xact_lock(724313)`);
}

/** Thrown inside a write that turned out to change nothing: rolls it back, answered as unchanged. */
class NothingChanged extends Error {}

async function unlessUnchanged<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof NothingChanged) return null;
    throw err;
  }
}

/** The base URL identity providers are given, and resources link to. */
export const scimBaseUrl = (deps: Pick<Deps, "config">) => `${deps.config.baseUrl}/scim/v2`;

export type ScimCaller = { tokenId: string; ownerId: string };

// ---------- authentication ----------

/**
 * A SCIM token, not revoked or expired, whose creator is still an active admin. Personal tokens
 * and sessions are not accepted here, as SCIM tokens are not accepted anywhere else.
 */
export async function authenticateScim(
  deps: Deps,
  bearer: string | null,
): Promise<ScimCaller | null> {
  if (!bearer || bearer.length > 200) return null;
  const [row] = await deps.database.db
    .select({ token: apiTokens, person: people })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash(bearer)),
        eq(apiTokens.kind, "scim"),
        isNull(apiTokens.revokedAt),
      ),
    );
  if (!row?.person.active) return null;
  if (row.token.expiresAt && isExpired({ expiresAt: row.token.expiresAt, now: deps.clock() }))
    return null;
  const owner = await loadActor(deps.database.db, row.person);
  if (!can(owner, "org.manage_provisioning", { type: "org" })) return null;
  return { tokenId: row.token.id, ownerId: row.person.id };
}

// ---------- users ----------

export async function getUser(deps: Deps, { id }: { id: string }) {
  const person = await findPersonForScim(deps.database.db, id);
  if (!person) throw scimNotFound("User", id);
  return presentUser(person, scimBaseUrl(deps));
}

export async function listUsers(
  deps: Deps,
  query: {
    filter?: string;
    startIndex?: string;
    count?: string;
    attributes?: string;
    excludedAttributes?: string;
  },
) {
  const paging = unwrap(readPaging(query));
  const matches = query.filter ? unwrap(compileFilter(query.filter)) : () => true;
  const base = scimBaseUrl(deps);
  const all = (await findPeopleForScim(deps.database.db))
    .map((p) => presentUser(p, base))
    .filter(matches);
  const page = all.slice(paging.startIndex - 1, paging.startIndex - 1 + paging.count);
  return listResponse(
    page.map((r) => project(r, query)),
    { total: all.length, startIndex: paging.startIndex },
  );
}

/** Refuses a userName, email, employee number or externalId someone else already has. */
async function assertUnique(tx: DbOrTx, state: UserState, except: string | null) {
  const { person } = personFieldsOf(state);
  if (await findUserNameOwner(tx, { userName: state.userName, except }))
    throw new ScimError({
      status: 409,
      scimType: "uniqueness",
      detail: `A user with userName ${state.userName} already exists.`,
    });
  const clash = await findPersonClash(tx, { ...person, except });
  if (clash)
    throw new ScimError({
      status: 409,
      scimType: "uniqueness",
      detail:
        clash === "email"
          ? `Another user already has the email ${person.email}.`
          : `Another user already has this ${clash}.`,
    });
}

async function assertManagerExists(tx: DbOrTx, managerId: string | null) {
  if (managerId && !(await findPersonById(tx, managerId)))
    throw new ScimError({
      status: 400,
      scimType: "invalidValue",
      detail: `manager.value ${managerId} is not a user here. Provision the manager first.`,
    });
}

async function saveScimFields(w: Write, personId: string, state: UserState) {
  const { scim } = personFieldsOf(state);
  await w.tx
    .insert(scimUsers)
    .values({ personId, ...scim, updatedAt: w.now })
    .onConflictDoUpdate({ target: scimUsers.personId, set: { ...scim, updatedAt: w.now } });
}

export async function createUser(
  deps: Deps,
  { caller, body }: { caller: ScimCaller; body: unknown },
) {
  const state = unwrap(readUser(body, null));
  const id = await write(deps, async (w) => {
    await lockPeople(w);
    await assertUnique(w.tx, state, null);
    await assertManagerExists(w.tx, state.managerId);
    const person = await createPersonIn(w, {
      actor: SCIM_ACTOR,
      values: personFieldsOf(state).person,
      via: "scim",
    });
    await saveScimFields(w, person.id, state);
    await w.audit({
      actor: SCIM_ACTOR,
      action: "scim.user_created",
      subjectType: "person",
      subjectId: person.id,
      data: { tokenId: caller.tokenId, active: state.active },
      change: state,
    });
    return person.id;
  });
  return getUser(deps, { id });
}

/**
 * Applies a change to a user in one transaction: the person through the organisation's own rules
 * (reporting lines may not loop; deactivation ends sessions and tokens), then what SCIM keeps
 * beside them, then one `scim.user_*` event. A change that changes nothing writes nothing.
 */
async function changeUser(
  deps: Deps,
  {
    caller,
    id,
    change,
  }: { caller: ScimCaller; id: string; change: (current: UserState) => Result<UserState> },
) {
  await unlessUnchanged(() =>
    write(deps, async (w) => {
      await lockPeople(w);
      const current = await findPersonForScim(w.tx, id);
      if (!current) throw scimNotFound("User", id);
      const before = userStateOf(current);
      const after = unwrap(change(before));
      const fields = changedUserFields(before, after);
      if (fields.length === 0 && current.scim) throw new NothingChanged();
      await assertUnique(w.tx, after, current.id);
      if (after.managerId !== before.managerId) await assertManagerExists(w.tx, after.managerId);
      const wanted = personFieldsOf(after).person;
      const patch = Object.fromEntries(
        Object.entries(wanted).filter(([k, v]) => current[k as keyof typeof wanted] !== v),
      ) as PersonPatch;
      if (Object.keys(patch).length)
        await updatePersonIn(deps, w, {
          actor: SCIM_ACTOR,
          id: current.id,
          patch,
          version: current.version,
          via: "scim",
        });
      await saveScimFields(w, current.id, after);
      const action =
        before.active && !after.active
          ? "scim.user_deactivated"
          : !before.active && after.active
            ? "scim.user_reactivated"
            : fields.length === 0
              ? "scim.user_linked"
              : "scim.user_updated";
      await w.audit({
        actor: SCIM_ACTOR,
        action,
        subjectType: "person",
        subjectId: current.id,
        data: { tokenId: caller.tokenId, fields },
        change: after,
      });
    }),
  );
  return getUser(deps, { id });
}

export async function replaceUser(
  deps: Deps,
  { caller, id, body }: { caller: ScimCaller; id: string; body: unknown },
) {
  return changeUser(deps, { caller, id, change: (current) => readUser(body, current) });
}

export async function patchUserById(
  deps: Deps,
  { caller, id, body }: { caller: ScimCaller; id: string; body: unknown },
) {
  const ops = unwrap(readPatch(body));
  return changeUser(deps, { caller, id, change: (current) => patchUser(current, ops) });
}

/** DELETE deactivates: Headway keeps the person's record, and the user reads back as inactive. */
export async function deleteUser(deps: Deps, { caller, id }: { caller: ScimCaller; id: string }) {
  const ops: PatchOperation[] = [{ op: "replace", path: "active", value: false }];
  await changeUser(deps, { caller, id, change: (current) => patchUser(current, ops) });
}

// ---------- groups ----------

export async function getGroup(
  deps: Deps,
  { id, query = {} }: { id: string; query?: { attributes?: string; excludedAttributes?: string } },
) {
  const group = await findGroupForScim(deps.database.db, id);
  if (!group) throw scimNotFound("Group", id);
  return project(presentGroup(group, scimBaseUrl(deps)), query);
}

export async function listGroups(
  deps: Deps,
  query: {
    filter?: string;
    startIndex?: string;
    count?: string;
    attributes?: string;
    excludedAttributes?: string;
  },
) {
  const paging = unwrap(readPaging(query));
  const matches = query.filter ? unwrap(compileFilter(query.filter)) : () => true;
  const base = scimBaseUrl(deps);
  const all = (await findGroupsForScim(deps.database.db))
    .map((g) => presentGroup(g, base))
    .filter(matches);
  const page = all.slice(paging.startIndex - 1, paging.startIndex - 1 + paging.count);
  return listResponse(
    page.map((r) => project(r, query)),
    { total: all.length, startIndex: paging.startIndex },
  );
}

async function assertGroupName(tx: DbOrTx, displayName: string, except: string | null) {
  if (await findGroupIdByName(tx, { displayName, except }))
    throw new ScimError({
      status: 409,
      scimType: "uniqueness",
      detail: `A group named ${displayName} already exists.`,
    });
}

async function assertMembersExist(tx: DbOrTx, members: string[]) {
  const found = await findExistingPeopleIds(tx, members);
  const missing = members.filter((m) => !found.has(m));
  if (missing.length)
    throw new ScimError({
      status: 400,
      scimType: "invalidValue",
      detail: `No user with id ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? "…" : ""}. Provision members before adding them to a group.`,
    });
}

/**
 * Brings each person's roles in line with the mapped groups they are in now (see
 * `reconcileRoles`), through the organisation's own access change, in the caller's transaction.
 */
async function syncRoles(w: Write, personIds: Iterable<string>) {
  let admins: number | null = null;
  for (const id of new Set(personIds)) {
    const person = await findPersonById(w.tx, id);
    if (!person) continue;
    const grants = await findGrants(w.tx, id);
    const groups = await findMappedGroupsOf(w.tx, id);
    if (person.active && person.roles.includes("admin")) admins ??= await countActiveAdmins(w.tx);
    const next = reconcileRoles({
      current: person,
      grants,
      groups,
      keepAdmin: person.active && person.roles.includes("admin") && (admins ?? 0) <= 1,
    });
    if (next.changed) {
      await updateAccessIn(w, {
        actor: SCIM_ACTOR,
        id,
        roles: next.roles as GrantedRole[],
        hrScopeAll: next.hrScopeAll,
        hrScopeDepartments: next.hrScopeDepartments,
        via: "scim",
      });
      if (admins !== null && person.roles.includes("admin") !== next.roles.includes("admin"))
        admins += next.roles.includes("admin") ? 1 : -1;
    }
    if (JSON.stringify([...grants].sort()) !== JSON.stringify(next.grants)) {
      await w.tx.delete(scimRoleGrants).where(eq(scimRoleGrants.personId, id));
      if (next.grants.length)
        await w.tx
          .insert(scimRoleGrants)
          .values(next.grants.map((role) => ({ personId: id, role, grantedAt: w.now })));
    }
  }
}

async function setMembers(w: Write, groupId: string, before: string[], after: string[]) {
  const added = after.filter((m) => !before.includes(m));
  const removed = before.filter((m) => !after.includes(m));
  if (removed.length)
    for (const personId of removed)
      await w.tx
        .delete(scimGroupMembers)
        .where(and(eq(scimGroupMembers.groupId, groupId), eq(scimGroupMembers.personId, personId)));
  if (added.length)
    await w.tx.insert(scimGroupMembers).values(added.map((personId) => ({ groupId, personId })));
  return { added, removed };
}

export async function createGroup(
  deps: Deps,
  { caller, body }: { caller: ScimCaller; body: unknown },
) {
  const state = unwrap(readGroup(body, null));
  const id = await write(deps, async (w) => {
    await lockPeople(w);
    await assertGroupName(w.tx, state.displayName, null);
    await assertMembersExist(w.tx, state.members);
    const [group] = await w.tx
      .insert(scimGroups)
      .values({
        displayName: state.displayName,
        externalId: state.externalId,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await setMembers(w, group!.id, [], state.members);
    await w.audit({
      actor: SCIM_ACTOR,
      action: "scim.group_created",
      subjectType: "scim_group",
      subjectId: group!.id,
      data: {
        tokenId: caller.tokenId,
        displayName: state.displayName,
        members: state.members.length,
      },
      change: state,
    });
    return group!.id;
  });
  return getGroup(deps, { id });
}

async function changeGroup(
  deps: Deps,
  {
    caller,
    id,
    change,
  }: { caller: ScimCaller; id: string; change: (current: GroupState) => Result<GroupState> },
) {
  await unlessUnchanged(() =>
    write(deps, async (w) => {
      await lockPeople(w);
      const row = await findGroupRow(w.tx, id);
      if (!row) throw scimNotFound("Group", id);
      const members = await findMemberIds(w.tx, row.id);
      const before: GroupState = {
        displayName: row.displayName,
        externalId: row.externalId,
        members,
      };
      const after = unwrap(change(before));
      const renamed = after.displayName !== before.displayName;
      const added = after.members.filter((m) => !members.includes(m));
      const removed = members.filter((m) => !after.members.includes(m));
      if (!renamed && after.externalId === before.externalId && !added.length && !removed.length)
        throw new NothingChanged();
      if (renamed) await assertGroupName(w.tx, after.displayName, row.id);
      await assertMembersExist(w.tx, added);
      await w.tx
        .update(scimGroups)
        .set({ displayName: after.displayName, externalId: after.externalId, updatedAt: w.now })
        .where(eq(scimGroups.id, row.id));
      await setMembers(w, row.id, members, after.members);
      if (row.role) await syncRoles(w, [...added, ...removed]);
      await w.audit({
        actor: SCIM_ACTOR,
        action: "scim.group_updated",
        subjectType: "scim_group",
        subjectId: row.id,
        data: {
          tokenId: caller.tokenId,
          displayName: after.displayName,
          ...(renamed ? { renamedFrom: before.displayName } : {}),
          added: added.length,
          removed: removed.length,
        },
        change: { before, after },
      });
    }),
  );
  return getGroup(deps, { id });
}

export async function replaceGroup(
  deps: Deps,
  { caller, id, body }: { caller: ScimCaller; id: string; body: unknown },
) {
  return changeGroup(deps, { caller, id, change: (current) => readGroup(body, current) });
}

export async function patchGroupById(
  deps: Deps,
  { caller, id, body }: { caller: ScimCaller; id: string; body: unknown },
) {
  const ops = unwrap(readPatch(body));
  return changeGroup(deps, { caller, id, change: (current) => patchGroup(current, ops) });
}

/** Deleting a group takes away the roles it gave; its members stay. */
export async function deleteGroup(deps: Deps, { caller, id }: { caller: ScimCaller; id: string }) {
  await write(deps, async (w) => {
    await lockPeople(w);
    const row = await findGroupRow(w.tx, id);
    if (!row) throw scimNotFound("Group", id);
    const members = await findMemberIds(w.tx, row.id);
    await w.tx.delete(scimGroups).where(eq(scimGroups.id, row.id));
    if (row.role) await syncRoles(w, members);
    await w.audit({
      actor: SCIM_ACTOR,
      action: "scim.group_deleted",
      subjectType: "scim_group",
      subjectId: row.id,
      data: { tokenId: caller.tokenId, displayName: row.displayName, members: members.length },
    });
  });
}

// ---------- the admin's panel ----------

function assertManages(actor: PersonActor) {
  if (!can(actor, "org.manage_provisioning", { type: "org" })) throw notFound("provisioning");
}

const activityLabels: Record<string, string> = {
  "scim.user_created": "User created",
  "scim.user_updated": "User updated",
  "scim.user_linked": "Existing person linked",
  "scim.user_deactivated": "User deactivated",
  "scim.user_reactivated": "User reactivated",
  "scim.group_created": "Group created",
  "scim.group_updated": "Group updated",
  "scim.group_deleted": "Group deleted",
  "scim.group_mapped": "Group mapping changed",
  "scim.token_created": "SCIM token created",
  "scim.token_revoked": "SCIM token revoked",
};

function tokenStatus(
  t: Awaited<ReturnType<typeof findScimTokens>>[number],
  now: Date,
): "revoked" | "expired" | "owner_inactive" | "active" {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt && isExpired({ expiresAt: t.expiresAt, now })) return "expired";
  // A token works only while its creator is an active admin (see authenticateScim).
  if (!t.ownerActive || !t.ownerRoles.includes("admin")) return "owner_inactive";
  return "active";
}

export async function getProvisioning(deps: Deps, { actor }: { actor: PersonActor }) {
  assertManages(actor);
  const db = deps.database.db;
  const now = deps.clock();
  const tokens = await findScimTokens(db);
  const groups = await findGroupMappings(db);
  const events = await findAuditEvents({ db, query: { action: "scim.", limit: 15 } });
  const subjects = await findPeopleByIds(
    db,
    events.filter((e) => e.subjectType === "person" && e.subjectId).map((e) => e.subjectId!),
  );
  const nameOf = new Map(subjects.map((p) => [p.id, p.name]));
  const groupName = new Map(groups.map((g) => [g.id, g.displayName]));
  return {
    baseUrl: scimBaseUrl(deps),
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.createdAt.toISOString(),
      createdBy: t.ownerName,
      expiresAt: t.expiresAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
      status: tokenStatus(t, now),
    })),
    groups: groups.map((g) => ({
      id: g.id,
      displayName: g.displayName,
      role: g.role,
      departments: g.departments,
      members: Number(g.members),
    })),
    activity: events.map((e) => {
      const data = e.data as Record<string, unknown>;
      const subject =
        e.subjectType === "person"
          ? (nameOf.get(e.subjectId ?? "") ?? null)
          : typeof data.displayName === "string"
            ? data.displayName
            : (groupName.get(e.subjectId ?? "") ??
              (typeof data.name === "string" ? data.name : null));
      return {
        id: e.id,
        at: e.at.toISOString(),
        action: e.action,
        label: activityLabels[e.action] ?? e.action,
        subject,
        by: e.actorLabel,
      };
    }),
  };
}

export async function createScimToken(
  deps: Deps,
  {
    actor,
    name,
    expiresInDays,
  }: { actor: PersonActor; name: string; expiresInDays?: number | null },
) {
  assertManages(actor);
  return write(deps, async (w) => {
    const token = newToken("hw_scim_");
    const [row] = await w.tx
      .insert(apiTokens)
      .values({
        personId: actor.personId,
        name,
        kind: "scim",
        tokenHash: tokenHash(token),
        prefix: token.slice(0, "hw_scim_".length + 4),
        createdAt: w.now,
        expiresAt: expiresInDays ? addDays(w.now, expiresInDays) : null,
      })
      .returning();
    await w.audit({
      actor,
      action: "scim.token_created",
      subjectType: "api_token",
      subjectId: row!.id,
      data: { name },
    });
    return {
      id: row!.id,
      name: row!.name,
      prefix: row!.prefix,
      token,
      expiresAt: row!.expiresAt?.toISOString() ?? null,
    };
  });
}

export async function revokeScimToken(
  deps: Deps,
  { actor, tokenId }: { actor: PersonActor; tokenId: string },
) {
  assertManages(actor);
  await write(deps, async (w) => {
    const [row] = /^[0-9a-f-]{36}$/i.test(tokenId)
      ? await w.tx
          .select()
          .from(apiTokens)
          .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.kind, "scim")))
          .for("update")
      : [];
    if (!row) throw notFound("scim_token");
    if (!row.revokedAt)
      await w.tx.update(apiTokens).set({ revokedAt: w.now }).where(eq(apiTokens.id, row.id));
    await w.audit({
      actor,
      action: "scim.token_revoked",
      subjectType: "api_token",
      subjectId: row.id,
      data: { name: row.name },
    });
  });
}

/**
 * Maps a pushed group to a role (or to none). Its members get or lose the role at once, in the
 * same transaction; departments narrow an HR mapping (none: the whole organisation).
 */
export async function mapGroup(
  deps: Deps,
  {
    actor,
    groupId,
    role,
    departments,
  }: { actor: PersonActor; groupId: string; role: ScimRole | null; departments: string[] },
) {
  assertManages(actor);
  const roleDepartments = role === "hr" ? [...new Set(departments)].sort() : [];
  await write(deps, async (w) => {
    await lockPeople(w);
    const row = await findGroupRow(w.tx, groupId);
    if (!row) throw notFound("group");
    await w.tx
      .update(scimGroups)
      .set({ role, roleDepartments, updatedAt: w.now })
      .where(eq(scimGroups.id, row.id));
    await syncRoles(w, await findMemberIds(w.tx, row.id));
    await w.audit({
      actor,
      action: "scim.group_mapped",
      subjectType: "scim_group",
      subjectId: row.id,
      data: {
        displayName: row.displayName,
        role,
        departments: roleDepartments,
        before: { role: row.role, departments: row.roleDepartments },
      },
    });
  });
  return (await getProvisioning(deps, { actor })).groups.find((g) => g.id === groupId)!;
}

/** Turns an error from the organisation's rules into SCIM's terms. */
export function scimProblemOf(err: AppError): ScimProblem {
  if (err.code === "person.exists")
    return { status: 409, scimType: "uniqueness", detail: err.message };
  if (err.code === "validation.failed" || err.code.endsWith(".invalid"))
    return { status: 400, scimType: "invalidValue", detail: err.message };
  if (err.code.endsWith(".not_found")) return { status: 404, detail: err.message };
  if (err.code.endsWith(".conflict"))
    return { status: 409, detail: `${err.message} Send the change again.` };
  return { status: 400, detail: err.message };
}
