import { and, asc, desc, eq, gt, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import type { Keyring } from "../keys/keys.service.js";
import { isUuid } from "../org/org.repository.js";
import { auditEvents } from "../record/record.table.js";
import {
  commitments,
  oneOnOneMeetings,
  oneOnOneNotes,
  oneOnOneSeries,
  oneOnOneTalkingPoints,
} from "./oneonones.table.js";

export type SeriesRow = typeof oneOnOneSeries.$inferSelect;
export type MeetingRow = typeof oneOnOneMeetings.$inferSelect;
export type TalkingPointRow = typeof oneOnOneTalkingPoints.$inferSelect;
export type NoteRow = typeof oneOnOneNotes.$inferSelect;
export type CommitmentRow = typeof commitments.$inferSelect;

export async function findSeriesById(
  db: DbOrTx,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<SeriesRow | null> {
  if (!isUuid(id)) return null;
  const query = db.select().from(oneOnOneSeries).where(eq(oneOnOneSeries.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function findSeriesByPair(
  db: DbOrTx,
  { managerId, reportId }: { managerId: string; reportId: string },
): Promise<SeriesRow | null> {
  if (!isUuid(managerId) || !isUuid(reportId)) return null;
  const [row] = await db
    .select()
    .from(oneOnOneSeries)
    .where(and(eq(oneOnOneSeries.managerId, managerId), eq(oneOnOneSeries.reportId, reportId)));
  return row ?? null;
}

/** Series a person is in, on either side. */
export async function findSeriesOfPerson(db: DbOrTx, personId: string): Promise<SeriesRow[]> {
  return db
    .select()
    .from(oneOnOneSeries)
    .where(or(eq(oneOnOneSeries.managerId, personId), eq(oneOnOneSeries.reportId, personId)))
    .orderBy(asc(oneOnOneSeries.createdAt));
}

export async function findActiveSeries(db: DbOrTx): Promise<SeriesRow[]> {
  return db.select().from(oneOnOneSeries).where(eq(oneOnOneSeries.status, "active"));
}

export async function findMeetings(db: DbOrTx, seriesId: string): Promise<MeetingRow[]> {
  return db
    .select()
    .from(oneOnOneMeetings)
    .where(eq(oneOnOneMeetings.seriesId, seriesId))
    .orderBy(asc(oneOnOneMeetings.scheduledAt), asc(oneOnOneMeetings.createdAt));
}

export async function findMeetingsOfSeries(db: DbOrTx, seriesIds: string[]): Promise<MeetingRow[]> {
  if (!seriesIds.length) return [];
  return db
    .select()
    .from(oneOnOneMeetings)
    .where(inArray(oneOnOneMeetings.seriesId, seriesIds))
    .orderBy(asc(oneOnOneMeetings.scheduledAt), asc(oneOnOneMeetings.createdAt));
}

export async function findMeeting(
  db: DbOrTx,
  { seriesId, meetingId, lock = false }: { seriesId: string; meetingId: string; lock?: boolean },
): Promise<MeetingRow | null> {
  if (!isUuid(meetingId)) return null;
  const query = db
    .select()
    .from(oneOnOneMeetings)
    .where(and(eq(oneOnOneMeetings.id, meetingId), eq(oneOnOneMeetings.seriesId, seriesId)));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** Meetings of the series that start after `after`, with whether each replaced a moved one. */
export async function findFutureMeetings(
  db: DbOrTx,
  { seriesIds, after }: { seriesIds: string[]; after: Date },
): Promise<(MeetingRow & { replacement: boolean })[]> {
  if (!seriesIds.length) return [];
  const rows = await db
    .select()
    .from(oneOnOneMeetings)
    .where(
      and(inArray(oneOnOneMeetings.seriesId, seriesIds), gt(oneOnOneMeetings.scheduledAt, after)),
    )
    .orderBy(asc(oneOnOneMeetings.scheduledAt));
  const targets = await db
    .select({ id: oneOnOneMeetings.rescheduledToId })
    .from(oneOnOneMeetings)
    .where(
      and(
        inArray(oneOnOneMeetings.seriesId, seriesIds),
        isNotNull(oneOnOneMeetings.rescheduledToId),
      ),
    );
  const replaced = new Set(targets.map((t) => t.id));
  return rows.map((r) => ({ ...r, replacement: replaced.has(r.id) }));
}

export async function findTalkingPoints(db: DbOrTx, seriesId: string): Promise<TalkingPointRow[]> {
  return db
    .select()
    .from(oneOnOneTalkingPoints)
    .where(eq(oneOnOneTalkingPoints.seriesId, seriesId))
    .orderBy(asc(oneOnOneTalkingPoints.createdAt), asc(oneOnOneTalkingPoints.id));
}

export async function findTalkingPoint(
  db: DbOrTx,
  { seriesId, pointId, lock = false }: { seriesId: string; pointId: string; lock?: boolean },
): Promise<TalkingPointRow | null> {
  if (!isUuid(pointId)) return null;
  const query = db
    .select()
    .from(oneOnOneTalkingPoints)
    .where(
      and(eq(oneOnOneTalkingPoints.id, pointId), eq(oneOnOneTalkingPoints.seriesId, seriesId)),
    );
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** Private notes are kept encrypted; shared ones, read by both sides, are not. */
export function openNote(keys: Keyring, note: NoteRow): NoteRow {
  return note.visibility === "private"
    ? { ...note, body: keys.open("one_on_one_notes.body", note.body) }
    : note;
}

/** The body as it is stored: sealed when the note is private. */
export function sealNoteBody(
  keys: Keyring,
  { visibility, body }: { visibility: NoteRow["visibility"]; body: string },
): string {
  return visibility === "private" ? keys.seal("one_on_one_notes.body", body) : body;
}

/**
 * Notes of a meeting that `viewerId` may read: the shared ones and their own private ones
 * (decrypted). Private notes of anyone else never leave the database.
 */
export async function findNotesVisibleTo(
  db: DbOrTx,
  { meetingId, viewerId, keys }: { meetingId: string; viewerId: string; keys: Keyring },
): Promise<NoteRow[]> {
  const rows = await db
    .select()
    .from(oneOnOneNotes)
    .where(
      and(
        eq(oneOnOneNotes.meetingId, meetingId),
        or(eq(oneOnOneNotes.visibility, "shared"), eq(oneOnOneNotes.authorId, viewerId)),
      ),
    )
    .orderBy(asc(oneOnOneNotes.createdAt), asc(oneOnOneNotes.id));
  return rows.map((n) => openNote(keys, n));
}

/** One note, only if `viewerId` may read it (decrypted). */
export async function findNoteVisibleTo(
  db: DbOrTx,
  {
    seriesId,
    noteId,
    viewerId,
    keys,
    lock = false,
  }: { seriesId: string; noteId: string; viewerId: string; keys: Keyring; lock?: boolean },
): Promise<NoteRow | null> {
  if (!isUuid(noteId)) return null;
  const query = db
    .select({ note: oneOnOneNotes })
    .from(oneOnOneNotes)
    .innerJoin(oneOnOneMeetings, eq(oneOnOneMeetings.id, oneOnOneNotes.meetingId))
    .where(
      and(
        eq(oneOnOneNotes.id, noteId),
        eq(oneOnOneMeetings.seriesId, seriesId),
        or(eq(oneOnOneNotes.visibility, "shared"), eq(oneOnOneNotes.authorId, viewerId)),
      ),
    );
  const [row] = lock ? await query.for("update", { of: oneOnOneNotes }) : await query;
  return row ? openNote(keys, row.note) : null;
}

/** Whether a meeting has notes (of anyone) or commitments made in it. */
export async function meetingsWithContent(db: DbOrTx, meetingIds: string[]): Promise<Set<string>> {
  if (!meetingIds.length) return new Set();
  const noted = await db
    .selectDistinct({ id: oneOnOneNotes.meetingId })
    .from(oneOnOneNotes)
    .where(inArray(oneOnOneNotes.meetingId, meetingIds));
  const committed = await db
    .selectDistinct({ id: commitments.meetingId })
    .from(commitments)
    .where(inArray(commitments.meetingId, meetingIds));
  return new Set([...noted.map((r) => r.id), ...committed.map((r) => r.id!)]);
}

export async function findCommitments(db: DbOrTx, seriesIds: string[]): Promise<CommitmentRow[]> {
  if (!seriesIds.length) return [];
  return db
    .select()
    .from(commitments)
    .where(inArray(commitments.seriesId, seriesIds))
    .orderBy(asc(commitments.dueOn), asc(commitments.createdAt), asc(commitments.id));
}

export async function findCommitment(
  db: DbOrTx,
  {
    seriesId,
    commitmentId,
    lock = false,
  }: { seriesId: string; commitmentId: string; lock?: boolean },
): Promise<CommitmentRow | null> {
  if (!isUuid(commitmentId)) return null;
  const query = db
    .select()
    .from(commitments)
    .where(and(eq(commitments.id, commitmentId), eq(commitments.seriesId, seriesId)));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function countOpenCommitments(
  db: DbOrTx,
  seriesIds: string[],
): Promise<Map<string, number>> {
  if (!seriesIds.length) return new Map();
  const rows = await db
    .select({ seriesId: commitments.seriesId, n: sql<number>`count(*)::int` })
    .from(commitments)
    .where(and(inArray(commitments.seriesId, seriesIds), eq(commitments.status, "open")))
    .groupBy(commitments.seriesId);
  return new Map(rows.map((r) => [r.seriesId, r.n]));
}

/**
 * Who closed each commitment (marked it done or dropped), from the audit trail, where closing
 * records its actor.
 */
export async function findCommitmentClosers(
  db: DbOrTx,
  commitmentIds: string[],
): Promise<Map<string, string>> {
  if (!commitmentIds.length) return new Map();
  const rows = await db
    .select({ subjectId: auditEvents.subjectId, actorId: auditEvents.actorId })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "commitment"),
        eq(auditEvents.action, "oneonone.commitment_closed"),
        inArray(auditEvents.subjectId, commitmentIds),
        isNotNull(auditEvents.actorId),
      ),
    )
    .orderBy(desc(auditEvents.seq));
  const closers = new Map<string, string>();
  for (const r of rows)
    if (r.subjectId && !closers.has(r.subjectId)) closers.set(r.subjectId, r.actorId!);
  return closers;
}
