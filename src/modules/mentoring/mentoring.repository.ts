import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { people } from "../org/org.table.js";
import { mentoringSessions, mentorProfiles, mentorships } from "./mentoring.table.js";
import { placeTaking } from "./mentoring.types.js";

export type MentorProfileRow = typeof mentorProfiles.$inferSelect;
export type MentorshipRow = typeof mentorships.$inferSelect;
export type MentoringSessionRow = typeof mentoringSessions.$inferSelect;

const placesTaken = sql<number>`(
  SELECT count(*)::int FROM ${mentorships} m
  WHERE m.mentor_id = ${mentorProfiles.personId}
    AND m.status IN (${sql.join(
      placeTaking.map((s) => sql`${s}`),
      sql`, `,
    )})
)`;

export type MentorListRow = {
  profile: MentorProfileRow;
  person: { id: string; name: string; title: string; department: string; active: boolean };
  placesTaken: number;
};

const personCols = {
  id: people.id,
  name: people.name,
  title: people.title,
  department: people.department,
  active: people.active,
};

/**
 * Mentor profiles with their people and the places taken. `onlyAvailable` keeps the ones that
 * could be asked: an active profile of an active person.
 */
export async function findMentorProfiles(
  db: DbOrTx,
  opts: { onlyAvailable: boolean; skill?: string; q?: string; personId?: string },
): Promise<MentorListRow[]> {
  const where = [];
  if (opts.personId) where.push(eq(mentorProfiles.personId, opts.personId));
  if (opts.onlyAvailable) where.push(eq(mentorProfiles.active, true), eq(people.active, true));
  if (opts.skill?.trim())
    where.push(
      sql`EXISTS (SELECT 1 FROM unnest(${mentorProfiles.skills}) s WHERE lower(s) = lower(${opts.skill.trim()}))`,
    );
  if (opts.q?.trim()) {
    const like = `%${opts.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(${people.name} ILIKE ${like} OR ${people.title} ILIKE ${like} OR ${people.department} ILIKE ${like}
        OR ${mentorProfiles.bio} ILIKE ${like}
        OR EXISTS (SELECT 1 FROM unnest(${mentorProfiles.skills}) s WHERE s ILIKE ${like}))`,
    );
  }
  const rows = await db
    .select({ profile: mentorProfiles, person: personCols, placesTaken })
    .from(mentorProfiles)
    .innerJoin(people, eq(people.id, mentorProfiles.personId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(people.name, people.id);
  return rows.map((r) => ({ ...r, placesTaken: Number(r.placesTaken) }));
}

export async function findMentorProfile(
  db: DbOrTx,
  personId: string,
): Promise<MentorProfileRow | null> {
  const [row] = await db.select().from(mentorProfiles).where(eq(mentorProfiles.personId, personId));
  return row ?? null;
}

/** Locks the mentor's profile row: requests for the same mentor take places one at a time. */
export async function lockMentorProfile(tx: Tx, personId: string) {
  const [row] = await tx
    .select()
    .from(mentorProfiles)
    .where(eq(mentorProfiles.personId, personId))
    .for("update");
  return row ?? null;
}

export async function countPlacesTaken(db: DbOrTx, mentorId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mentorships)
    .where(and(eq(mentorships.mentorId, mentorId), inArray(mentorships.status, [...placeTaking])));
  return Number(row?.n ?? 0);
}

export async function findMentorshipById(db: DbOrTx, id: string): Promise<MentorshipRow | null> {
  const [row] = await db.select().from(mentorships).where(eq(mentorships.id, id));
  return row ?? null;
}

export async function lockMentorship(tx: Tx, id: string): Promise<MentorshipRow | null> {
  const [row] = await tx.select().from(mentorships).where(eq(mentorships.id, id)).for("update");
  return row ?? null;
}

/** Every mentorship a person is in or asked for, newest first. */
export async function findMentorshipsOf(db: DbOrTx, personId: string): Promise<MentorshipRow[]> {
  return db
    .select()
    .from(mentorships)
    .where(
      or(
        eq(mentorships.mentorId, personId),
        eq(mentorships.menteeId, personId),
        eq(mentorships.requestedById, personId),
      ),
    )
    .orderBy(desc(mentorships.createdAt), mentorships.id);
}

export async function countSessionsByMentorship(
  db: DbOrTx,
  ids: string[],
): Promise<Map<string, { count: number; lastHeldOn: string | null }>> {
  const out = new Map<string, { count: number; lastHeldOn: string | null }>();
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      id: mentoringSessions.mentorshipId,
      n: sql<number>`count(*)::int`,
      last: sql<string | null>`max(${mentoringSessions.heldOn})::text`,
    })
    .from(mentoringSessions)
    .where(inArray(mentoringSessions.mentorshipId, ids))
    .groupBy(mentoringSessions.mentorshipId);
  for (const r of rows) out.set(r.id, { count: Number(r.n), lastHeldOn: r.last });
  return out;
}

export async function findSessions(db: DbOrTx, mentorshipId: string) {
  return db
    .select()
    .from(mentoringSessions)
    .where(eq(mentoringSessions.mentorshipId, mentorshipId))
    .orderBy(desc(mentoringSessions.heldOn), desc(mentoringSessions.createdAt));
}

/** Counts about one person's mentoring, for their page: never a topic. */
export async function countMentoringOf(db: DbOrTx, personId: string, since: string) {
  const result = await db.execute<{
    as_mentee: number;
    as_mentor: number;
    pending: number;
    sessions: number;
  }>(sql`
    SELECT
      (SELECT count(*)::int FROM mentorships WHERE mentee_id = ${personId} AND status = 'active') AS as_mentee,
      (SELECT count(*)::int FROM mentorships WHERE mentor_id = ${personId} AND status = 'active') AS as_mentor,
      (SELECT count(*)::int FROM mentorships
        WHERE (mentee_id = ${personId} OR mentor_id = ${personId}) AND status = 'requested') AS pending,
      (SELECT count(*)::int FROM mentoring_sessions s JOIN mentorships m ON m.id = s.mentorship_id
        WHERE (m.mentee_id = ${personId} OR m.mentor_id = ${personId}) AND s.held_on >= ${since}::date) AS sessions`);
  const r = result.rows[0];
  return {
    activeAsMentee: Number(r?.as_mentee ?? 0),
    activeAsMentor: Number(r?.as_mentor ?? 0),
    pendingRequests: Number(r?.pending ?? 0),
    sessionsLast90Days: Number(r?.sessions ?? 0),
  };
}
