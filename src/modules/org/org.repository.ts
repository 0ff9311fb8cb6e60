import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { anyOfIds, type DbOrTx, reusable } from "../../db/client.js";
import { orgSettings, people } from "./org.table.js";

export type PersonRow = typeof people.$inferSelect;

const personById = reusable("org_person_by_id", (db) =>
  db
    .select()
    .from(people)
    .where(eq(people.id, sql.placeholder("id"))),
);

export async function findPersonById(db: DbOrTx, id: string): Promise<PersonRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await personById(db, { id });
  return row ?? null;
}

export async function findPersonByEmail(db: DbOrTx, email: string): Promise<PersonRow | null> {
  const [row] = await db.select().from(people).where(sql`lower(${people.email}) = lower(${email})`);
  return row ?? null;
}

export async function findAllPeople(db: DbOrTx): Promise<PersonRow[]> {
  return db.select().from(people).orderBy(asc(people.name));
}

/** Manager ids from the direct manager upward (cycle-safe). */
export async function findManagerChain(db: DbOrTx, personId: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    WITH RECURSIVE chain(id, manager_id, depth, path) AS (
      SELECT id, manager_id, 0, ARRAY[id] FROM people WHERE id = ${personId}
      UNION ALL
      SELECT p.id, p.manager_id, c.depth + 1, c.path || p.id
      FROM people p JOIN chain c ON p.id = c.manager_id
      WHERE NOT p.id = ANY(c.path) AND c.depth < 100
    )
    SELECT id FROM chain WHERE depth > 0 ORDER BY depth`);
  return result.rows.map((r) => r.id);
}

/**
 * Where a person sits, in one query: their department and their managers, nearest first (what
 * can() needs about the subject of a plan, a concern or a 1:1). Null when there is no such person.
 */
const placementOf = reusable("org_placement_of", (db) =>
  db
    .select({
      id: sql<string>`chain.id`,
      department: sql<string>`chain.department`,
      depth: sql<number>`chain.depth`,
    })
    .from(sql`(WITH RECURSIVE chain(id, department, manager_id, depth, path) AS (
      SELECT id, department, manager_id, 0, ARRAY[id] FROM people
      WHERE id = ${sql.placeholder("personId")}
      UNION ALL
      SELECT p.id, p.department, p.manager_id, c.depth + 1, c.path || p.id
      FROM people p JOIN chain c ON p.id = c.manager_id
      WHERE NOT p.id = ANY(c.path) AND c.depth < 100
    ) SELECT id, department, depth FROM chain) AS chain`)
    .orderBy(sql`chain.depth`),
);

export async function findPlacement(
  db: DbOrTx,
  personId: string,
): Promise<{ department: string; managerChain: string[] } | null> {
  const [self, ...managers] = await placementOf(db, { personId });
  if (!self) return null;
  return { department: self.department, managerChain: managers.map((r) => r.id) };
}

/**
 * A manager's active reports with how many active reports each has in turn, by name, in one
 * query: direct reports only, or everyone below at any depth. Depth is worked out from the rows.
 */
const teamQuery = (allLevels: boolean) => (db: DbOrTx) =>
  db
    .select({
      person: people,
      reports: sql<number>`(SELECT count(*)::int FROM people r
        WHERE r.manager_id = "people"."id" AND r.active)`,
    })
    .from(people)
    .where(
      allLevels
        ? inArray(
            people.id,
            sql`(WITH RECURSIVE tree(id, depth, path) AS (
              SELECT id, 1, ARRAY[id] FROM people WHERE manager_id = ${sql.placeholder("managerId")}
              UNION ALL
              SELECT p.id, t.depth + 1, t.path || p.id
              FROM people p JOIN tree t ON p.manager_id = t.id
              WHERE NOT p.id = ANY(t.path) AND t.depth < 100
            ) SELECT id FROM tree)`,
          )
        : eq(people.managerId, sql.placeholder("managerId")),
    )
    .orderBy(asc(people.name));
const directTeam = reusable("org_team_direct", teamQuery(false));
const wholeTeam = reusable("org_team_all_levels", teamQuery(true));

export async function findTeam(
  db: DbOrTx,
  managerId: string,
  { allLevels }: { allLevels: boolean },
): Promise<(PersonRow & { depth: number; reports: number })[]> {
  const rows = await (allLevels ? wholeTeam : directTeam)(db, { managerId });
  // Inactive people stay in the map so the depth of someone below them is still right.
  const managerOf = new Map(rows.map((r) => [r.person.id, r.person.managerId]));
  const depthOf = (id: string): number => {
    let depth = 1;
    for (let up = managerOf.get(id); up && up !== managerId && depth < 100; depth++)
      up = managerOf.get(up);
    return depth;
  };
  return rows
    .filter((r) => r.person.active)
    .map((r) => ({ ...r.person, depth: depthOf(r.person.id), reports: r.reports }));
}

/** A manager's direct reports, active or not, by name. */
const directReportsOf = reusable("org_direct_reports_of", (db) =>
  db
    .select()
    .from(people)
    .where(eq(people.managerId, sql.placeholder("managerId")))
    .orderBy(asc(people.name)),
);

export async function findDirectReports(db: DbOrTx, managerId: string): Promise<PersonRow[]> {
  return directReportsOf(db, { managerId });
}

const peopleByIds = reusable("org_people_by_ids", (db) =>
  db.select().from(people).where(anyOfIds(people.id)).orderBy(asc(people.name)),
);

export async function findPeopleByIds(db: DbOrTx, ids: string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return peopleByIds(db, { ids });
}

export async function searchPeople(
  db: DbOrTx,
  {
    q,
    department,
    managersOnly = false,
    limit,
    offset,
  }: { q?: string; department?: string; managersOnly?: boolean; limit: number; offset: number },
): Promise<{ rows: PersonRow[]; total: number }> {
  const where: SQL[] = [eq(people.active, true)];
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      or(
        ilike(people.name, like),
        ilike(people.email, like),
        ilike(people.title, like),
        ilike(people.department, like),
        ilike(people.location, like),
        ilike(people.employeeId, like),
      )!,
    );
  }
  if (department) where.push(eq(people.department, department));
  if (managersOnly)
    where.push(sql`EXISTS (SELECT 1 FROM people r WHERE r.manager_id = ${people.id} AND r.active)`);
  const condition = and(...where);
  const rows = await db
    .select()
    .from(people)
    .where(condition)
    .orderBy(asc(people.name))
    .limit(limit)
    .offset(offset);
  const [total] = await db.select({ n: count() }).from(people).where(condition);
  return { rows, total: total?.n ?? 0 };
}

export async function findDepartments(db: DbOrTx): Promise<{ name: string; people: number }[]> {
  const rows = await db
    .select({ name: people.department, people: count() })
    .from(people)
    .where(eq(people.active, true))
    .groupBy(people.department)
    .orderBy(asc(people.department));
  return rows.filter((r) => r.name !== "");
}

export async function getOrgSettings(db: DbOrTx) {
  const [row] = await db.select().from(orgSettings).where(eq(orgSettings.id, 1));
  return row ?? { id: 1, name: "Our organisation", skipLevelVisible: true, updatedAt: new Date(0) };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** HR partners whose scope covers a department (active people with the hr role). */
export async function findHrCovering(db: DbOrTx, department: string) {
  return db
    .select()
    .from(people)
    .where(
      and(
        eq(people.active, true),
        sql`'hr' = ANY(${people.roles})`,
        sql`(${people.hrScopeAll} OR ${department} = ANY(${people.hrScopeDepartments}))`,
      ),
    )
    .orderBy(asc(people.name));
}
