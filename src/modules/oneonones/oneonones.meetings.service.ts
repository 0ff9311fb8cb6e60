import { and, eq, isNull } from "drizzle-orm";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { type Keyring, keyringFor } from "../keys/keys.service.js";
import { notify } from "../notify/notify.service.js";
import { findPeopleByIds } from "../org/org.repository.js";
import { findDeckQuestion, questionDeck, stageLabels, themeLabels } from "./oneonones.deck.js";
import {
  findCommitment,
  findCommitmentClosers,
  findCommitments,
  findMeeting,
  findMeetings,
  findNotesVisibleTo,
  findNoteVisibleTo,
  findTalkingPoint,
  findTalkingPoints,
  type MeetingRow,
  type NoteRow,
  type SeriesRow,
  sealNoteBody,
  type TalkingPointRow,
} from "./oneonones.repository.js";
import {
  addDays,
  type DeckQuestion,
  RECENT_MEETINGS,
  type Refusal,
  refuseAgendaChange,
  refuseCancel,
  refuseDiscussed,
  refuseHold,
  refuseMeetingContent,
  refuseReschedule,
  suggestQuestions,
} from "./oneonones.rules.js";
import {
  invalid,
  loadSeries,
  meetingLink,
  otherSide,
  type PersonRef,
  peopleIndex,
  presentCommitment,
  presentMeeting,
  presentTalkingPoint,
  SERIES_SUBJECT,
  seriesLink,
  sideOf,
  todayIn,
  whenLabel,
} from "./oneonones.service.js";
import {
  commitments,
  oneOnOneMeetings,
  oneOnOneNotes,
  oneOnOneTalkingPoints,
} from "./oneonones.table.js";

// What happens in and around a meeting: held, cancelled, moved; the shared agenda and the
// question deck; notes (shared, or private to their author); commitments carried forward.
// Private notes are read only through queries that return them to their author alone, and
// their words go nowhere else: not in audit data, not in a notification.

export const MAX_TALKING_POINT = 2000;
export const MAX_NOTE = 20_000;
export const MAX_COMMITMENT = 2000;
export const MAX_CANCEL_REASON = 1000;

const meetingNotFound = () => notFound("meeting", "meeting.not_found");

function refused(r: Refusal, code = "meeting.invalid_transition"): AppError {
  return new AppError(code, r.message, { reason: r.reason });
}

async function loadMeeting(
  db: DbOrTx,
  series: SeriesRow,
  meetingId: string,
  { lock = false }: { lock?: boolean } = {},
) {
  const meeting = await findMeeting(db, { seriesId: series.id, meetingId, lock });
  if (!meeting) throw meetingNotFound();
  return meeting;
}

// ---------- the meeting view ----------

export function presentNote(
  n: NoteRow,
  actor: PersonActor,
  ref: (id: string | null) => PersonRef | null,
) {
  return {
    id: n.id,
    meetingId: n.meetingId,
    author: ref(n.authorId)!,
    visibility: n.visibility,
    body: n.body,
    mine: n.authorId === actor.personId,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}
export type Note = ReturnType<typeof presentNote>;

/** When a point was for: its meeting's start, or when it was written if it has none. */
const pointTime = (p: TalkingPointRow, meetings: MeetingRow[]) =>
  (meetings.find((m) => m.id === p.addedForMeetingId)?.scheduledAt ?? p.createdAt).getTime();

async function presentMeetingDetail(
  db: DbOrTx,
  {
    actor,
    series,
    meeting,
    now,
    keys,
  }: {
    actor: PersonActor;
    series: SeriesRow;
    meeting: MeetingRow;
    now: Date;
    /** The viewer's own private notes are encrypted. */
    keys: Keyring;
  },
) {
  const [peopleRows, meetings, points, commitmentRows, notes] = await Promise.all([
    findPeopleByIds(db, [series.managerId, series.reportId]),
    findMeetings(db, series.id),
    findTalkingPoints(db, series.id),
    findCommitments(db, [series.id]),
    findNotesVisibleTo(db, { meetingId: meeting.id, viewerId: actor.personId, keys }),
  ]);
  const ref = peopleIndex(peopleRows);
  const end = meeting.scheduledAt.getTime() + meeting.durationMinutes * 60_000;
  // Discussed here, and every point still open: those written for this meeting or an earlier
  // one carry over; a meeting still ahead shows all of them.
  const agenda = points.filter(
    (p) =>
      p.discussedInMeetingId === meeting.id ||
      (p.discussedAt === null &&
        (meeting.status === "scheduled" ||
          pointTime(p, meetings) <= meeting.scheduledAt.getTime())),
  );
  // Made here, and every one still open that was made before it ended: carried forward.
  const shown = commitmentRows.filter(
    (c) => c.meetingId === meeting.id || (c.status === "open" && c.createdAt.getTime() <= end),
  );
  const closers = await findCommitmentClosers(
    db,
    shown.filter((c) => c.status !== "open").map((c) => c.id),
  );
  const state = { status: meeting.status, scheduledAt: meeting.scheduledAt };
  return {
    meeting: presentMeeting(meeting, series, meetings, ref),
    series: {
      id: series.id,
      cadence: series.cadence,
      status: series.status,
      timeZone: series.timeZone,
      role: sideOf(series, actor.personId),
      manager: ref(series.managerId)!,
      report: ref(series.reportId)!,
    },
    agenda: agenda.map((p) => presentTalkingPoint(p, { actor, ref, meetings, context: meeting })),
    notes: notes.map((n) => presentNote(n, actor, ref)),
    commitments: shown.map((c) => presentCommitment(c, { series, now, ref, closers })),
    abilities: {
      hold: !refuseHold(state, now),
      cancel: !refuseCancel(state),
      reschedule: meeting.status === "scheduled",
      addToAgenda: !refuseAgendaChange(state),
      markDiscussed: !refuseDiscussed(state, now),
      addNote: !refuseMeetingContent(state),
      addCommitment: !refuseMeetingContent(state),
    },
  };
}
export type MeetingDetail = Awaited<ReturnType<typeof presentMeetingDetail>>;

export async function getMeeting(
  deps: Deps,
  { actor, id, meetingId }: { actor: PersonActor; id: string; meetingId: string },
): Promise<MeetingDetail> {
  const db = deps.database.db;
  const { series } = await loadSeries(db, actor, id, "oneonone.view");
  const meeting = await loadMeeting(db, series, meetingId);
  return presentMeetingDetail(db, {
    actor,
    series,
    meeting,
    now: deps.clock(),
    keys: await keyringFor(deps),
  });
}

// ---------- held, cancelled, moved ----------

export async function holdMeeting(
  deps: Deps,
  { actor, id, meetingId }: { actor: PersonActor; id: string; meetingId: string },
) {
  await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const meeting = await loadMeeting(w.tx, series, meetingId, { lock: true });
    const refusal = refuseHold(meeting, w.now);
    if (refusal) throw refused(refusal);
    await w.tx
      .update(oneOnOneMeetings)
      .set({ status: "held", heldAt: w.now, updatedAt: w.now })
      .where(eq(oneOnOneMeetings.id, meeting.id));
    await w.audit({
      actor,
      action: "oneonone.meeting_held",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: { meetingId: meeting.id, scheduledAt: meeting.scheduledAt.toISOString() },
    });
  });
  return getMeeting(deps, { actor, id, meetingId });
}

/** Either side cancels, with a reason; the cancellation is kept and counted. */
export async function cancelMeeting(
  deps: Deps,
  {
    actor,
    id,
    meetingId,
    reason,
  }: { actor: PersonActor; id: string; meetingId: string; reason: string },
) {
  const why = reason.trim();
  if (!why) throw invalid("reason", "Say why the meeting is cancelled: both of you will see it.");
  if (why.length > MAX_CANCEL_REASON)
    throw invalid("reason", `Keep the reason under ${MAX_CANCEL_REASON} characters.`);
  await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const meeting = await loadMeeting(w.tx, series, meetingId, { lock: true });
    const refusal = refuseCancel(meeting);
    if (refusal) throw refused(refusal);
    await w.tx
      .update(oneOnOneMeetings)
      .set({
        status: "cancelled",
        cancelledById: actor.personId,
        cancelledAt: w.now,
        cancelReason: why,
        updatedAt: w.now,
      })
      .where(eq(oneOnOneMeetings.id, meeting.id));
    await w.audit({
      actor,
      action: "oneonone.meeting_cancelled",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: {
        meetingId: meeting.id,
        scheduledAt: meeting.scheduledAt.toISOString(),
        cancelledBy: sideOf(series, actor.personId),
        inAdvance: meeting.scheduledAt.getTime() > w.now.getTime(),
      },
      change: { reason: why },
    });
    await notify(deps, w, {
      personIds: [otherSide(series, actor.personId)],
      kind: "oneonone.meeting_cancelled",
      title: `${actor.name} cancelled your 1:1 of ${whenLabel(series, meeting.scheduledAt)}`,
      link: meetingLink(series.id, meeting.id),
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
    });
  });
  return getMeeting(deps, { actor, id, meetingId });
}

/**
 * Moves a meeting: a new meeting at the new time, and the old one kept as `rescheduled`,
 * pointing at it. Its agenda and notes move along.
 */
export async function rescheduleMeeting(
  deps: Deps,
  {
    actor,
    id,
    meetingId,
    scheduledAt,
    durationMinutes,
  }: {
    actor: PersonActor;
    id: string;
    meetingId: string;
    scheduledAt: Date;
    durationMinutes?: number;
  },
) {
  if (Number.isNaN(scheduledAt.getTime()))
    throw invalid("scheduledAt", "Use a date and time like 2026-03-10T14:00:00+01:00.");
  if (
    durationMinutes !== undefined &&
    (!Number.isInteger(durationMinutes) || durationMinutes < 15 || durationMinutes > 120)
  )
    throw invalid("durationMinutes", "Choose a length from 15 to 120 minutes.");
  const newId = await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const meeting = await loadMeeting(w.tx, series, meetingId, { lock: true });
    const refusal = refuseReschedule(meeting, scheduledAt, w.now);
    if (refusal) throw refused(refusal);
    if (scheduledAt.getTime() > w.now.getTime() + 366 * 86_400_000)
      throw invalid("scheduledAt", "Choose a time within a year from now.");
    const [replacement] = await w.tx
      .insert(oneOnOneMeetings)
      .values({
        seriesId: series.id,
        scheduledAt,
        durationMinutes: durationMinutes ?? meeting.durationMinutes,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.tx
      .update(oneOnOneMeetings)
      .set({ status: "rescheduled", rescheduledToId: replacement!.id, updatedAt: w.now })
      .where(eq(oneOnOneMeetings.id, meeting.id));
    await w.tx
      .update(oneOnOneNotes)
      .set({ meetingId: replacement!.id })
      .where(eq(oneOnOneNotes.meetingId, meeting.id));
    await w.tx
      .update(oneOnOneTalkingPoints)
      .set({ addedForMeetingId: replacement!.id })
      .where(
        and(
          eq(oneOnOneTalkingPoints.addedForMeetingId, meeting.id),
          isNull(oneOnOneTalkingPoints.discussedAt),
        ),
      );
    await w.audit({
      actor,
      action: "oneonone.meeting_rescheduled",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: {
        meetingId: meeting.id,
        from: meeting.scheduledAt.toISOString(),
        to: scheduledAt.toISOString(),
        newMeetingId: replacement!.id,
        rescheduledBy: sideOf(series, actor.personId),
      },
    });
    await notify(deps, w, {
      personIds: [otherSide(series, actor.personId)],
      kind: "oneonone.meeting_rescheduled",
      title: `${actor.name} moved your 1:1 of ${whenLabel(series, meeting.scheduledAt)} to ${whenLabel(series, scheduledAt)}`,
      link: meetingLink(series.id, replacement!.id),
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
    });
    return replacement!.id;
  });
  return getMeeting(deps, { actor, id, meetingId: newId });
}

// ---------- the shared agenda ----------

async function presentPoint(db: DbOrTx, actor: PersonActor, series: SeriesRow, pointId: string) {
  const [point, meetings, peopleRows] = await Promise.all([
    findTalkingPoint(db, { seriesId: series.id, pointId }),
    findMeetings(db, series.id),
    findPeopleByIds(db, [series.managerId, series.reportId]),
  ]);
  const context = meetings.find((m) => m.id === point!.addedForMeetingId) ?? null;
  return presentTalkingPoint(point!, {
    actor,
    ref: peopleIndex(peopleRows),
    meetings,
    context,
  });
}

/**
 * Either side adds a talking point to a meeting before or while it takes place: their own words,
 * or a question pulled from the deck (its words, unless they rephrase it).
 */
export async function addTalkingPoint(
  deps: Deps,
  {
    actor,
    id,
    meetingId,
    body,
    deckQuestionId,
  }: {
    actor: PersonActor;
    id: string;
    meetingId: string;
    body?: string;
    deckQuestionId?: string;
  },
) {
  const question = deckQuestionId ? findDeckQuestion(deckQuestionId) : null;
  if (deckQuestionId && !question)
    throw invalid("deckQuestionId", "There is no such question in the deck.");
  const text = (body ?? "").trim() || question?.text || "";
  if (!text) throw invalid("body", "Write the talking point, or pull a question from the deck.");
  if (text.length > MAX_TALKING_POINT)
    throw invalid("body", `Keep a talking point under ${MAX_TALKING_POINT} characters.`);
  const { series, pointId } = await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const meeting = await loadMeeting(w.tx, series, meetingId);
    const refusal = refuseAgendaChange(meeting);
    if (refusal) throw refused(refusal);
    if (question) {
      const [open] = await w.tx
        .select({ id: oneOnOneTalkingPoints.id })
        .from(oneOnOneTalkingPoints)
        .where(
          and(
            eq(oneOnOneTalkingPoints.seriesId, series.id),
            eq(oneOnOneTalkingPoints.deckQuestionId, question.id),
            isNull(oneOnOneTalkingPoints.discussedAt),
          ),
        );
      if (open)
        throw new AppError("talking_point.exists", "This question is already on the agenda.", {
          pointId: open.id,
        });
    }
    const [point] = await w.tx
      .insert(oneOnOneTalkingPoints)
      .values({
        seriesId: series.id,
        authorId: actor.personId,
        body: text,
        deckQuestionId: question?.id ?? null,
        addedForMeetingId: meeting.id,
        createdAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "oneonone.talking_point_added",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: { pointId: point!.id, meetingId: meeting.id, deckQuestionId: question?.id ?? null },
      change: { body: text },
    });
    return { series, pointId: point!.id };
  });
  return presentPoint(deps.database.db, actor, series, pointId);
}

/** Marks a point discussed in a meeting that has started or was held. */
export async function markDiscussed(
  deps: Deps,
  {
    actor,
    id,
    meetingId,
    pointId,
  }: { actor: PersonActor; id: string; meetingId: string; pointId: string },
) {
  const series = await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const meeting = await loadMeeting(w.tx, series, meetingId);
    const point = await findTalkingPoint(w.tx, { seriesId: series.id, pointId, lock: true });
    if (!point) throw notFound("talking point", "talking_point.not_found");
    if (point.discussedAt)
      throw new AppError(
        "talking_point.invalid_transition",
        "This point has already been discussed.",
        { discussedInMeetingId: point.discussedInMeetingId },
      );
    const refusal = refuseDiscussed(meeting, w.now);
    if (refusal) throw refused(refusal);
    await w.tx
      .update(oneOnOneTalkingPoints)
      .set({ discussedInMeetingId: meeting.id, discussedAt: w.now })
      .where(eq(oneOnOneTalkingPoints.id, point.id));
    await w.audit({
      actor,
      action: "oneonone.talking_point_discussed",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: { pointId: point.id, meetingId: meeting.id },
    });
    return series;
  });
  return presentPoint(deps.database.db, actor, series, pointId);
}

/** Its author removes a point not yet discussed; a discussed one stays on the record. */
export async function removeTalkingPoint(
  deps: Deps,
  { actor, id, pointId }: { actor: PersonActor; id: string; pointId: string },
) {
  await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const point = await findTalkingPoint(w.tx, { seriesId: series.id, pointId, lock: true });
    if (!point) throw notFound("talking point", "talking_point.not_found");
    if (point.authorId !== actor.personId)
      throw new AppError(
        "talking_point.forbidden",
        "Only the person who added a talking point can remove it.",
      );
    if (point.discussedAt)
      throw new AppError(
        "talking_point.invalid_transition",
        "This point was discussed: it stays on the record of that meeting.",
      );
    await w.tx.delete(oneOnOneTalkingPoints).where(eq(oneOnOneTalkingPoints.id, point.id));
    await w.audit({
      actor,
      action: "oneonone.talking_point_removed",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: { pointId: point.id, deckQuestionId: point.deckQuestionId },
      change: { body: point.body },
    });
  });
  return { removed: pointId };
}

// ---------- the question deck ----------

const presentQuestion = (q: DeckQuestion) => ({
  ...q,
  stageLabel: stageLabels[q.stage],
  themeLabel: themeLabels[q.theme],
});
export type Question = ReturnType<typeof presentQuestion>;

export function getDeck() {
  return { questions: questionDeck.map(presentQuestion) };
}

/**
 * A few deck questions for a meeting, fitting the stage of the relationship (held meetings
 * before this one) and leaving out those pulled into the last meetings' agendas or still open.
 */
export async function getSuggestions(
  deps: Deps,
  { actor, id, meetingId }: { actor: PersonActor; id: string; meetingId: string },
) {
  const db = deps.database.db;
  const { series } = await loadSeries(db, actor, id, "oneonone.view");
  const meeting = await loadMeeting(db, series, meetingId);
  const [meetings, points] = await Promise.all([
    findMeetings(db, series.id),
    findTalkingPoints(db, series.id),
  ]);
  const before = meetings.filter((m) => m.scheduledAt.getTime() < meeting.scheduledAt.getTime());
  const heldBefore = before.filter((m) => m.status === "held").length;
  const lastMeetings = new Set([
    ...before.slice(-(RECENT_MEETINGS - 1)).map((m) => m.id),
    meeting.id,
  ]);
  const recentIds = points
    .filter(
      (p) =>
        p.deckQuestionId &&
        (p.discussedAt === null || (p.addedForMeetingId && lastMeetings.has(p.addedForMeetingId))),
    )
    .map((p) => p.deckQuestionId!);
  const { stage, questions } = suggestQuestions({
    deck: questionDeck,
    heldBefore,
    recentIds,
    seed: meeting.id,
  });
  return {
    meetingId: meeting.id,
    stage,
    stageLabel: stageLabels[stage],
    heldBefore,
    questions: questions.map(presentQuestion),
  };
}
export type Suggestions = Awaited<ReturnType<typeof getSuggestions>>;

// ---------- notes ----------

async function noteView(deps: Deps, actor: PersonActor, series: SeriesRow, noteId: string) {
  const db = deps.database.db;
  const note = await findNoteVisibleTo(db, {
    seriesId: series.id,
    noteId,
    viewerId: actor.personId,
    keys: await keyringFor(deps),
  });
  const peopleRows = await findPeopleByIds(db, [series.managerId, series.reportId]);
  return presentNote(note!, actor, peopleIndex(peopleRows));
}

function checkNoteBody(body: string): string {
  const text = body.trim();
  if (!text) throw invalid("body", "Write something in the note.");
  if (text.length > MAX_NOTE)
    throw invalid("body", `Keep a note under ${MAX_NOTE.toLocaleString("en")} characters.`);
  return text;
}

/**
 * A note on a meeting: shared (both read it) or private (its author alone, ever). Nobody is
 * told about a note, and its words stay out of the audit data.
 */
export async function addNote(
  deps: Deps,
  {
    actor,
    id,
    meetingId,
    visibility,
    body,
  }: {
    actor: PersonActor;
    id: string;
    meetingId: string;
    visibility: "shared" | "private";
    body: string;
  },
) {
  const text = checkNoteBody(body);
  const { series, noteId } = await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const meeting = await loadMeeting(w.tx, series, meetingId);
    const refusal = refuseMeetingContent(meeting);
    if (refusal) throw refused(refusal);
    const keys = await keyringFor(deps, w.tx);
    const [note] = await w.tx
      .insert(oneOnOneNotes)
      .values({
        meetingId: meeting.id,
        authorId: actor.personId,
        visibility,
        body: sealNoteBody(keys, { visibility, body: text }),
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "oneonone.note_added",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: { noteId: note!.id, meetingId: meeting.id, visibility },
      change: { body: text },
    });
    return { series, noteId: note!.id };
  });
  return noteView(deps, actor, series, noteId);
}

/** A note the actor may change: their own. Someone else's private note does not exist for them. */
async function loadOwnNote(
  db: DbOrTx,
  actor: PersonActor,
  series: SeriesRow,
  noteId: string,
  keys: Keyring,
) {
  const note = await findNoteVisibleTo(db, {
    seriesId: series.id,
    noteId,
    viewerId: actor.personId,
    keys,
    lock: true,
  });
  if (!note) throw notFound("note", "note.not_found");
  if (note.authorId !== actor.personId)
    throw new AppError("note.forbidden", "Only the person who wrote a note can change it.");
  return note;
}

export async function updateNote(
  deps: Deps,
  { actor, id, noteId, body }: { actor: PersonActor; id: string; noteId: string; body: string },
) {
  const text = checkNoteBody(body);
  const series = await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const keys = await keyringFor(deps, w.tx);
    const note = await loadOwnNote(w.tx, actor, series, noteId, keys);
    await w.tx
      .update(oneOnOneNotes)
      .set({
        body: sealNoteBody(keys, { visibility: note.visibility, body: text }),
        updatedAt: w.now,
      })
      .where(eq(oneOnOneNotes.id, note.id));
    await w.audit({
      actor,
      action: "oneonone.note_edited",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: { noteId: note.id, meetingId: note.meetingId, visibility: note.visibility },
      change: { body: text },
    });
    return series;
  });
  return noteView(deps, actor, series, noteId);
}

export async function deleteNote(
  deps: Deps,
  { actor, id, noteId }: { actor: PersonActor; id: string; noteId: string },
) {
  await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    const note = await loadOwnNote(w.tx, actor, series, noteId, await keyringFor(deps, w.tx));
    await w.tx.delete(oneOnOneNotes).where(eq(oneOnOneNotes.id, note.id));
    await w.audit({
      actor,
      action: "oneonone.note_deleted",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: { noteId: note.id, meetingId: note.meetingId, visibility: note.visibility },
      change: { body: note.body },
    });
  });
  return { removed: noteId };
}

// ---------- commitments ----------

async function commitmentView(db: DbOrTx, series: SeriesRow, commitmentId: string, now: Date) {
  const [row] = await db.select().from(commitments).where(eq(commitments.id, commitmentId));
  const peopleRows = await findPeopleByIds(db, [series.managerId, series.reportId]);
  const closers = await findCommitmentClosers(db, [commitmentId]);
  return presentCommitment(row!, { series, now, ref: peopleIndex(peopleRows), closers });
}

/** Either side writes down a commitment, owned by either of them, due today or later. */
export async function addCommitment(
  deps: Deps,
  {
    actor,
    id,
    input,
  }: {
    actor: PersonActor;
    id: string;
    input: { ownerId: string; body: string; dueOn: string; meetingId?: string | null };
  },
) {
  const text = input.body.trim();
  if (!text) throw invalid("body", "Say what will be done.");
  if (text.length > MAX_COMMITMENT)
    throw invalid("body", `Keep a commitment under ${MAX_COMMITMENT} characters.`);
  const { series, commitmentId } = await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.participate", { lock: true });
    if (input.ownerId !== series.managerId && input.ownerId !== series.reportId)
      throw invalid("ownerId", "A commitment is owned by one of the two people in this 1:1.");
    const today = todayIn(series, w.now);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueOn) || input.dueOn < today)
      throw invalid("dueOn", `Choose a due date from today (${today}) on.`);
    if (input.dueOn > addDays(today, 730))
      throw invalid("dueOn", "Choose a due date within two years.");
    let meetingId: string | null = null;
    if (input.meetingId) {
      const meeting = await loadMeeting(w.tx, series, input.meetingId);
      const refusal = refuseMeetingContent(meeting);
      if (refusal) throw refused(refusal);
      meetingId = meeting.id;
    }
    const [row] = await w.tx
      .insert(commitments)
      .values({
        seriesId: series.id,
        meetingId,
        ownerId: input.ownerId,
        createdById: actor.personId,
        body: text,
        dueOn: input.dueOn,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "oneonone.commitment_added",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: {
        commitmentId: row!.id,
        meetingId,
        ownerId: input.ownerId,
        dueOn: input.dueOn,
      },
      change: { body: text },
    });
    if (input.ownerId !== actor.personId)
      await notify(deps, w, {
        personIds: [input.ownerId],
        kind: "oneonone.commitment_added",
        title: `${actor.name} noted a commitment of yours from your 1:1, due ${input.dueOn}`,
        link: seriesLink(series.id),
        subjectType: SERIES_SUBJECT,
        subjectId: series.id,
      });
    return { series, commitmentId: row!.id };
  });
  return commitmentView(deps.database.db, series, commitmentId, deps.clock());
}

/**
 * Done or dropped, marked by the owner or the other side; who did it is in the audit trail.
 * A commitment made before the 1:1s ended can still be closed: it is not something new, and its
 * owner is still reminded of it.
 */
export async function closeCommitment(
  deps: Deps,
  {
    actor,
    id,
    commitmentId,
    status,
  }: { actor: PersonActor; id: string; commitmentId: string; status: "done" | "dropped" },
) {
  const series = await write(deps, async (w) => {
    // Viewing a series is being one of its two people, ended or not.
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.view", { lock: true });
    const row = await findCommitment(w.tx, { seriesId: series.id, commitmentId, lock: true });
    if (!row) throw notFound("commitment", "commitment.not_found");
    if (row.status !== "open")
      throw new AppError(
        "commitment.invalid_transition",
        `This commitment is already marked ${row.status}.`,
        { status: row.status },
      );
    await w.tx
      .update(commitments)
      .set({ status, closedAt: w.now, updatedAt: w.now })
      .where(eq(commitments.id, row.id));
    await w.audit({
      actor,
      action: "oneonone.commitment_closed",
      subjectType: "commitment",
      subjectId: row.id,
      data: {
        seriesId: series.id,
        status,
        ownerId: row.ownerId,
        dueOn: row.dueOn,
        onTime: status === "done" && todayIn(series, w.now) <= row.dueOn,
      },
    });
    if (row.ownerId !== actor.personId)
      await notify(deps, w, {
        personIds: [row.ownerId],
        kind: "oneonone.commitment_closed",
        title: `${actor.name} marked a commitment of yours ${status}`,
        link: seriesLink(series.id),
        subjectType: SERIES_SUBJECT,
        subjectId: series.id,
      });
    return series;
  });
  return commitmentView(deps.database.db, series, commitmentId, deps.clock());
}
