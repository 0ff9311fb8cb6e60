import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { apiTokens } from "../auth/auth.table.js";
import { isUuid } from "../org/org.repository.js";
import { people } from "../org/org.table.js";
import { scimGroupMembers, scimGroups, scimRoleGrants, scimUsers } from "./scim.table.js";
import type { GroupForScim, PersonForScim, ScimRole } from "./scim.types.js";

export type ScimGroupRow = typeof scimGroups.$inferSelect;

/** People as SCIM presents them; everyone, or the ids given. */
export async function findPeopleForScim(db: DbOrTx, ids?: string[]): Promise<PersonForScim[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db
    .select({ person: people, scim: scimUsers })
    .from(people)
    .leftJoin(scimUsers, eq(scimUsers.personId, people.id))
    .where(ids ? inArray(people.id, ids) : undefined)
    .orderBy(asc(people.createdAt), asc(people.id));
  if (rows.length === 0) return [];
  const managerIds = [...new Set(rows.map((r) => r.person.managerId).filter(Boolean))] as string[];
  const managers = managerIds.length
    ? await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(inArray(people.id, managerIds))
    : [];
  const managerName = new Map(managers.map((m) => [m.id, m.name]));
  const memberships = await db
    .select({
      personId: scimGroupMembers.personId,
      id: scimGroups.id,
      displayName: scimGroups.displayName,
    })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(ids ? inArray(scimGroupMembers.personId, ids) : undefined)
    .orderBy(asc(scimGroups.displayName));
  const groupsOf = new Map<string, { id: string; displayName: string }[]>();
  for (const m of memberships) {
    const list = groupsOf.get(m.personId) ?? [];
    list.push({ id: m.id, displayName: m.displayName });
    groupsOf.set(m.personId, list);
  }
  return rows.map(({ person: p, scim }) => ({
    id: p.id,
    email: p.email,
    name: p.name,
    title: p.title,
    department: p.department,
    employeeId: p.employeeId,
    externalId: p.externalId,
    managerId: p.managerId,
    active: p.active,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
    scim: scim
      ? {
          userName: scim.userName,
          givenName: scim.givenName,
          familyName: scim.familyName,
          formatted: scim.formatted,
          displayName: scim.displayName,
        }
      : null,
    managerName: p.managerId ? (managerName.get(p.managerId) ?? null) : null,
    groups: groupsOf.get(p.id) ?? [],
  }));
}

export async function findPersonForScim(db: DbOrTx, id: string): Promise<PersonForScim | null> {
  if (!isUuid(id)) return null;
  const [person] = await findPeopleForScim(db, [id.toLowerCase()]);
  return person ?? null;
}

/** Who else already answers to a userName: their SCIM userName, or their email when SCIM set none. */
export async function findUserNameOwner(
  db: DbOrTx,
  { userName, except }: { userName: string; except: string | null },
): Promise<string | null> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT p.id FROM people p LEFT JOIN scim_users s ON s.person_id = p.id
    WHERE lower(coalesce(s.user_name, p.email)) = lower(${userName})
      ${except ? sql`AND p.id <> ${except}` : sql``}
    LIMIT 1`);
  return result.rows[0]?.id ?? null;
}

/** Which unique person field (email, employee id, external id) another person already has. */
export async function findPersonClash(
  db: DbOrTx,
  {
    email,
    employeeId,
    externalId,
    except,
  }: { email: string; employeeId: string | null; externalId: string | null; except: string | null },
): Promise<"email" | "employeeNumber" | "externalId" | null> {
  const others = except ? ne(people.id, except) : undefined;
  const [byEmail] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(sql`lower(${people.email}) = lower(${email})`, others));
  if (byEmail) return "email";
  if (employeeId) {
    const [row] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.employeeId, employeeId), others));
    if (row) return "employeeNumber";
  }
  if (externalId) {
    const [row] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.externalId, externalId), others));
    if (row) return "externalId";
  }
  return null;
}

export async function findExistingPeopleIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: people.id }).from(people).where(inArray(people.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function findGroupsForScim(db: DbOrTx, ids?: string[]): Promise<GroupForScim[]> {
  if (ids && ids.length === 0) return [];
  const groups = await db
    .select()
    .from(scimGroups)
    .where(ids ? inArray(scimGroups.id, ids) : undefined)
    .orderBy(asc(scimGroups.displayName));
  if (groups.length === 0) return [];
  const members = await db
    .select({ groupId: scimGroupMembers.groupId, id: people.id, name: people.name })
    .from(scimGroupMembers)
    .innerJoin(people, eq(people.id, scimGroupMembers.personId))
    .where(
      inArray(
        scimGroupMembers.groupId,
        groups.map((g) => g.id),
      ),
    )
    .orderBy(asc(people.name));
  return groups.map((g) => ({
    id: g.id,
    displayName: g.displayName,
    externalId: g.externalId,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    members: members.filter((m) => m.groupId === g.id).map((m) => ({ id: m.id, name: m.name })),
  }));
}

export async function findGroupForScim(db: DbOrTx, id: string): Promise<GroupForScim | null> {
  if (!isUuid(id)) return null;
  const [group] = await findGroupsForScim(db, [id.toLowerCase()]);
  return group ?? null;
}

export async function findGroupRow(db: DbOrTx, id: string): Promise<ScimGroupRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(scimGroups).where(eq(scimGroups.id, id));
  return row ?? null;
}

export async function findGroupIdByName(
  db: DbOrTx,
  { displayName, except }: { displayName: string; except: string | null },
): Promise<string | null> {
  const [row] = await db
    .select({ id: scimGroups.id })
    .from(scimGroups)
    .where(
      and(
        sql`lower(${scimGroups.displayName}) = lower(${displayName})`,
        except ? ne(scimGroups.id, except) : undefined,
      ),
    );
  return row?.id ?? null;
}

/** The role-mapped groups a person is in now. */
export async function findMappedGroupsOf(
  db: DbOrTx,
  personId: string,
): Promise<{ role: ScimRole; departments: string[] }[]> {
  const rows = await db
    .select({ role: scimGroups.role, departments: scimGroups.roleDepartments })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(and(eq(scimGroupMembers.personId, personId), isNotNull(scimGroups.role)));
  return rows.map((r) => ({ role: r.role!, departments: r.departments }));
}

export async function findGrants(db: DbOrTx, personId: string): Promise<ScimRole[]> {
  const rows = await db
    .select({ role: scimRoleGrants.role })
    .from(scimRoleGrants)
    .where(eq(scimRoleGrants.personId, personId));
  return rows.map((r) => r.role);
}

export async function countActiveAdmins(db: DbOrTx): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM people WHERE active AND 'admin' = ANY(roles)`,
  );
  return result.rows[0]?.n ?? 0;
}

export async function findMemberIds(db: DbOrTx, groupId: string): Promise<string[]> {
  const rows = await db
    .select({ id: scimGroupMembers.personId })
    .from(scimGroupMembers)
    .where(eq(scimGroupMembers.groupId, groupId));
  return rows.map((r) => r.id);
}

/** Every SCIM token, newest first, with the admin who created it. */
export async function findScimTokens(db: DbOrTx) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      ownerId: people.id,
      ownerName: people.name,
      ownerActive: people.active,
      ownerRoles: people.roles,
    })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(eq(apiTokens.kind, "scim"))
    .orderBy(desc(apiTokens.createdAt));
}

/** Groups with their mapping and how many members they have. */
export async function findGroupMappings(db: DbOrTx) {
  return db
    .select({
      id: scimGroups.id,
      displayName: scimGroups.displayName,
      role: scimGroups.role,
      departments: scimGroups.roleDepartments,
      updatedAt: scimGroups.updatedAt,
      members: sql<number>`(SELECT count(*)::int FROM scim_group_members m WHERE m.group_id = ${scimGroups.id})`,
    })
    .from(scimGroups)
    .orderBy(asc(scimGroups.displayName));
}
