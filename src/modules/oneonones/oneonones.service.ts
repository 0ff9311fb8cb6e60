import { and, eq, inArray, sql } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Action, Actor, SeriesResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
import {
  findManagerChain,
  findPeopleByIds,
  findPersonById,
  type PersonRow,
} from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import { clearFutureMeetings } from "./oneonones.ending.js";
import {
  type CommitmentRow,
  countOpenCommitments,
  findActiveSeries,
  findCommitmentClosers,
  findCommitments,
  findFutureMeetings,
  findMeetings,
  findMeetingsOfSeries,
  findSeriesById,
  findSeriesByPair,
  findSeriesOfPerson,
  findTalkingPoints,
  type MeetingRow,
  type SeriesRow,
  type TalkingPointRow,
} from "./oneonones.repository.js";
import {
  addDays,
  type Cadence,
  canonicalTimeZone,
  type FollowThrough,
  type FutureMeeting,
  followThrough,
  isUpcoming,
  localParts,
  meetingRecord,
  nextOccurrences,
  planTopUp,
  UPCOMING_MEETINGS,
} from "./oneonones.rules.js";
import { oneOnOneMeetings, oneOnOneSeries } from "./oneonones.table.js";

// 1:1 series: setting one up, its schedule (kept as the next few meeting rows), what each side
// sees of it, and the health counts other modules read. Every service loads the series, asks
// can(), then writes in one transaction with its audit event. Audit `data` holds ids, dates and
// field names; the words people wrote go in `change`, of which only a digest is kept.

export const SERIES_SUBJECT = "one_on_one_series";
const scheduler: Actor = { kind: "system", label: "1:1 schedule" };

export const seriesLink = (seriesId: string) => `/one-on-ones/${seriesId}`;
export const meetingLink = (seriesId: string, meetingId: string) =>
  `/one-on-ones/${seriesId}/meetings/${meetingId}`;

export function invalid(path: string, message: string): AppError {
  return new AppError("validation.failed", message, [{ path, message }]);
}

export const seriesNotFound = () => notFound("1:1 series", "oneonone.not_found");

const forbidden: Partial<Record<Action, string>> = {
  "oneonone.manage":
    "Only the manager sets the schedule of a 1:1 series, and pauses or resumes it.",
  "oneonone.participate": "Only the two people in this 1:1 can do this.",
};

export async function seriesResourceOf(db: DbOrTx, series: SeriesRow): Promise<SeriesResource> {
  const report = await findPersonById(db, series.reportId);
  return {
    type: "series",
    managerId: series.managerId,
    reportId: series.reportId,
    ended: series.status === "ended",
    reportDepartment: report?.department ?? "",
    reportManagerChain: await findManagerChain(db, series.reportId),
  };
}

/**
 * Loads a series the actor may act on. One they may not see is the same 404 as a missing one;
 * one they see but may not do this on (the report changing the schedule) is a 403 that says why.
 * Inside a write the row is locked, so writes on one series queue up.
 */
export async function loadSeries(
  db: DbOrTx,
  actor: PersonActor,
  id: string,
  action: Action,
  { lock = false }: { lock?: boolean } = {},
) {
  const series = await findSeriesById(db, id, { lock });
  if (!series) throw seriesNotFound();
  const resource = await seriesResourceOf(db, series);
  if (!can(actor, "oneonone.view", resource)) throw seriesNotFound();
  if (series.status === "ended" && action !== "oneonone.view")
    throw new AppError(
      "oneonone.ended",
      "These 1:1s have ended (the reporting line changed, or one of the two left): their record stays to read, and nothing more can be added.",
    );
  if (!can(actor, action, resource))
    throw new AppError("oneonone.forbidden", forbidden[action] ?? "You may not do this.");
  return { series, resource };
}

export function sideOf(series: SeriesRow, personId: string): "manager" | "report" {
  return series.managerId === personId ? "manager" : "report";
}

/** The other person in the 1:1. */
export function otherSide(series: SeriesRow, personId: string): string {
  return series.managerId === personId ? series.reportId : series.managerId;
}

/** Today's date where the series is kept. */
export const todayIn = (series: Pick<SeriesRow, "timeZone">, now: Date) =>
  localParts(now, series.timeZone).date;

/** "2026-03-09 09:00 (Europe/Berlin)", for titles of notifications. */
export function whenLabel(series: Pick<SeriesRow, "timeZone">, at: Date) {
  const { date, time } = localParts(at, series.timeZone);
  return `${date} ${time} (${series.timeZone})`;
}

// ---------- keeping the next meetings materialised ----------

type FutureRow = MeetingRow & { replacement: boolean };

function topUpPlan(series: SeriesRow, future: FutureRow[], now: Date) {
  if (series.status !== "active") return { create: [], move: [], resize: [] as string[] };
  const plan = planTopUp({
    occurrences: nextOccurrences(series, now, UPCOMING_MEETINGS),
    future: future.map(
      (m): FutureMeeting => ({
        id: m.id,
        scheduledAt: m.scheduledAt,
        status: m.status,
        replacement: m.replacement,
      }),
    ),
  });
  const moved = new Set(plan.move.map((m) => m.id));
  // Meetings of the cadence take the series' length when it changes.
  const resize = future
    .filter(
      (m) =>
        m.status === "scheduled" &&
        !m.replacement &&
        !moved.has(m.id) &&
        m.durationMinutes !== series.durationMinutes,
    )
    .map((m) => m.id);
  return { ...plan, resize };
}

const isEmptyPlan = (p: ReturnType<typeof topUpPlan>) =>
  !p.create.length && !p.move.length && !p.resize.length;

/**
 * Brings an active series' next meetings in line with its cadence, inside the caller's write
 * (the series row locked). Returns what changed.
 */
export async function topUpMeetings(w: Write, series: SeriesRow) {
  const future = await findFutureMeetings(w.tx, { seriesIds: [series.id], after: w.now });
  const plan = topUpPlan(series, future, w.now);
  for (const m of plan.move)
    await w.tx
      .update(oneOnOneMeetings)
      .set({
        scheduledAt: m.scheduledAt,
        durationMinutes: series.durationMinutes,
        reminderSentAt: null,
        updatedAt: w.now,
      })
      .where(eq(oneOnOneMeetings.id, m.id));
  if (plan.resize.length)
    await w.tx
      .update(oneOnOneMeetings)
      .set({ durationMinutes: series.durationMinutes, updatedAt: w.now })
      .where(inArray(oneOnOneMeetings.id, plan.resize));
  if (plan.create.length)
    await w.tx.insert(oneOnOneMeetings).values(
      plan.create.map((scheduledAt) => ({
        seriesId: series.id,
        scheduledAt,
        durationMinutes: series.durationMinutes,
        createdAt: w.now,
        updatedAt: w.now,
      })),
    );
  return { created: plan.create.length, moved: plan.move.length, resized: plan.resize.length };
}

class NothingToDo extends Error {}

/**
 * Tops up the series that need it (time has passed their last materialised meeting), each
 * audited as the scheduler's doing. A pass that finds nothing to do writes nothing.
 */
export async function ensureUpcomingMeetings(
  deps: Deps,
  seriesRows: SeriesRow[],
): Promise<{ series: number; created: number }> {
  const now = deps.clock();
  const active = seriesRows.filter((s) => s.status === "active");
  const future = await findFutureMeetings(deps.database.db, {
    seriesIds: active.map((s) => s.id),
    after: now,
  });
  const stale = active.filter(
    (s) =>
      !isEmptyPlan(
        topUpPlan(
          s,
          future.filter((m) => m.seriesId === s.id),
          now,
        ),
      ),
  );
  if (!stale.length) return { series: 0, created: 0 };
  try {
    return await write(deps, async (w) => {
      let series = 0;
      let created = 0;
      for (const s of stale) {
        const locked = await findSeriesById(w.tx, s.id, { lock: true });
        if (!locked) continue;
        const done = await topUpMeetings(w, locked);
        if (!done.created && !done.moved && !done.resized) continue;
        series += 1;
        created += done.created;
        await w.audit({
          actor: scheduler,
          action: "oneonone.meetings_scheduled",
          subjectType: SERIES_SUBJECT,
          subjectId: locked.id,
          data: { ...done },
        });
      }
      // Another request got there first: nothing to record.
      if (!series) throw new NothingToDo();
      return { series, created };
    });
  } catch (err) {
    if (err instanceof NothingToDo) return { series: 0, created: 0 };
    throw err;
  }
}

/**
 * For the job queue: keeps every active series' next meetings materialised, so reminders and
 * calendar feeds find them even when nobody opened the 1:1 for a while.
 */
export async function scheduleUpcomingMeetings(deps: Deps) {
  return ensureUpcomingMeetings(deps, await findActiveSeries(deps.database.db));
}

// ---------- presenting ----------

export type PersonRef = { id: string; name: string; title: string };

export function peopleIndex(rows: PersonRow[]) {
  const byId = new Map(rows.map((p) => [p.id, p]));
  return (id: string | null): PersonRef | null => {
    if (!id) return null;
    const p = byId.get(id);
    return p ? { id: p.id, name: p.name, title: p.title } : { id, name: "Someone", title: "" };
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentMeeting(
  m: MeetingRow,
  series: SeriesRow,
  all: MeetingRow[],
  ref: (id: string | null) => PersonRef | null,
) {
  const local = localParts(m.scheduledAt, series.timeZone);
  const to = m.rescheduledToId ? all.find((x) => x.id === m.rescheduledToId) : undefined;
  const from = all.find((x) => x.rescheduledToId === m.id);
  return {
    id: m.id,
    seriesId: m.seriesId,
    scheduledAt: m.scheduledAt.toISOString(),
    endsAt: new Date(m.scheduledAt.getTime() + m.durationMinutes * 60_000).toISOString(),
    durationMinutes: m.durationMinutes,
    timeZone: series.timeZone,
    localDate: local.date,
    localTime: local.time,
    status: m.status,
    heldAt: iso(m.heldAt),
    cancelledBy: ref(m.cancelledById),
    cancelledAt: iso(m.cancelledAt),
    cancelReason: m.cancelReason,
    rescheduledTo: to ? { id: to.id, scheduledAt: to.scheduledAt.toISOString() } : null,
    rescheduledFrom: from ? { id: from.id, scheduledAt: from.scheduledAt.toISOString() } : null,
  };
}
export type Meeting = ReturnType<typeof presentMeeting>;

export function presentTalkingPoint(
  p: TalkingPointRow,
  {
    actor,
    ref,
    meetings,
    context,
  }: {
    actor: PersonActor;
    ref: (id: string | null) => PersonRef | null;
    meetings: MeetingRow[];
    /** The meeting it is shown on: a point added for an earlier one was carried over. */
    context: MeetingRow | null;
  },
) {
  const addedFor = meetings.find((m) => m.id === p.addedForMeetingId);
  const discussed = p.discussedAt !== null;
  return {
    id: p.id,
    seriesId: p.seriesId,
    body: p.body,
    author: ref(p.authorId)!,
    deckQuestionId: p.deckQuestionId,
    addedForMeetingId: p.addedForMeetingId,
    carriedOver:
      !discussed &&
      !!addedFor &&
      !!context &&
      addedFor.id !== context.id &&
      addedFor.scheduledAt.getTime() < context.scheduledAt.getTime(),
    discussed,
    discussedInMeetingId: p.discussedInMeetingId,
    discussedAt: iso(p.discussedAt),
    createdAt: p.createdAt.toISOString(),
    canRemove: p.authorId === actor.personId && !discussed,
  };
}
export type TalkingPoint = ReturnType<typeof presentTalkingPoint>;

export function presentCommitment(
  c: CommitmentRow,
  {
    series,
    now,
    ref,
    closers,
  }: {
    series: SeriesRow;
    now: Date;
    ref: (id: string | null) => PersonRef | null;
    closers: Map<string, string>;
  },
) {
  return {
    id: c.id,
    seriesId: c.seriesId,
    meetingId: c.meetingId,
    owner: ref(c.ownerId)!,
    createdBy: ref(c.createdById)!,
    body: c.body,
    dueOn: c.dueOn,
    status: c.status,
    overdue: c.status === "open" && c.dueOn < todayIn(series, now),
    closedAt: iso(c.closedAt),
    closedBy: ref(closers.get(c.id) ?? null),
    createdAt: c.createdAt.toISOString(),
  };
}
export type Commitment = ReturnType<typeof presentCommitment>;

function commitmentsForRate(series: SeriesRow, rows: CommitmentRow[]) {
  return rows.map((c) => ({
    ownerId: c.ownerId,
    status: c.status,
    dueOn: c.dueOn,
    closedOn: c.closedAt ? localParts(c.closedAt, series.timeZone).date : null,
  }));
}

/** Each side's follow-through on the commitments of this series. */
export function pairFollowThrough(
  series: SeriesRow,
  rows: CommitmentRow[],
  now: Date,
): { manager: FollowThrough; report: FollowThrough } {
  const list = commitmentsForRate(series, rows);
  const today = todayIn(series, now);
  return {
    manager: followThrough(list, { personId: series.managerId, today }),
    report: followThrough(list, { personId: series.reportId, today }),
  };
}

function presentSchedule(s: SeriesRow) {
  return {
    id: s.id,
    managerId: s.managerId,
    reportId: s.reportId,
    cadence: s.cadence,
    weekday: s.weekday,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    timeZone: s.timeZone,
    startsOn: s.startsOn,
    status: s.status,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** Open commitments first (soonest due first), then the closed ones, most recently closed first. */
function commitmentOrder(a: CommitmentRow, b: CommitmentRow) {
  if ((a.status === "open") !== (b.status === "open")) return a.status === "open" ? -1 : 1;
  if (a.status === "open") return a.dueOn.localeCompare(b.dueOn);
  return (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0);
}

async function presentSeriesDetail(db: DbOrTx, actor: PersonActor, series: SeriesRow, now: Date) {
  const resource = await seriesResourceOf(db, series);
  const [peopleRows, meetings, points, commitmentRows] = await Promise.all([
    findPeopleByIds(db, [series.managerId, series.reportId]),
    findMeetings(db, series.id),
    findTalkingPoints(db, series.id),
    findCommitments(db, [series.id]),
  ]);
  const ref = peopleIndex(peopleRows);
  const closers = await findCommitmentClosers(
    db,
    commitmentRows.filter((c) => c.status !== "open").map((c) => c.id),
  );
  // Ahead: every meeting not yet over, a cancelled or moved one included, so both see it.
  const ahead = (m: MeetingRow) =>
    m.scheduledAt.getTime() + m.durationMinutes * 60_000 > now.getTime();
  const upcoming = meetings.filter(ahead);
  const past = meetings.filter((m) => !ahead(m)).reverse();
  const next = meetings.find((m) => isUpcoming(m, now)) ?? null;
  const record = meetingRecord(meetings, { managerId: series.managerId, now });
  return {
    series: presentSchedule(series),
    role: sideOf(series, actor.personId),
    manager: ref(series.managerId)!,
    report: ref(series.reportId)!,
    upcoming: upcoming.map((m) => presentMeeting(m, series, meetings, ref)),
    past: past.map((m) => presentMeeting(m, series, meetings, ref)),
    agenda: points
      .filter((p) => p.discussedAt === null)
      .map((p) => presentTalkingPoint(p, { actor, ref, meetings, context: next })),
    commitments: [...commitmentRows]
      .sort(commitmentOrder)
      .map((c) => presentCommitment(c, { series, now, ref, closers })),
    followThrough: pairFollowThrough(series, commitmentRows, now),
    record: {
      lastHeld: iso(record.lastHeld),
      next: iso(record.next),
      heldLast90: record.heldLast90,
      cancelledLast90: record.cancelledLast90,
      cancelledByManagerLast90: record.cancelledByManagerLast90,
      cancelledByReportLast90: meetings.filter(
        (m) =>
          m.status === "cancelled" &&
          m.cancelledById === series.reportId &&
          m.scheduledAt.getTime() >= now.getTime() - 90 * 86_400_000 &&
          m.scheduledAt.getTime() <= now.getTime(),
      ).length,
    },
    abilities: {
      manage: can(actor, "oneonone.manage", resource),
      participate: can(actor, "oneonone.participate", resource),
    },
  };
}
export type SeriesDetail = Awaited<ReturnType<typeof presentSeriesDetail>>;

// ---------- reading ----------

export async function getSeries(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<SeriesDetail> {
  const { series } = await loadSeries(deps.database.db, actor, id, "oneonone.view");
  await ensureUpcomingMeetings(deps, [series]);
  return presentSeriesDetail(deps.database.db, actor, series, deps.clock());
}

/** The series the actor is in: those they run as a manager, and those they attend as a report. */
export async function listSeries(deps: Deps, { actor }: { actor: PersonActor }) {
  const db = deps.database.db;
  const rows = [];
  for (const s of await findSeriesOfPerson(db, actor.personId))
    if (can(actor, "oneonone.view", await seriesResourceOf(db, s))) rows.push(s);
  await ensureUpcomingMeetings(deps, rows);
  const now = deps.clock();
  const ids = rows.map((s) => s.id);
  const [meetings, open, peopleRows] = await Promise.all([
    findMeetingsOfSeries(db, ids),
    countOpenCommitments(db, ids),
    findPeopleByIds(db, [...new Set(rows.flatMap((s) => [s.managerId, s.reportId]))]),
  ]);
  const ref = peopleIndex(peopleRows);
  const items = rows.map((s) => {
    const mine = meetings.filter((m) => m.seriesId === s.id);
    const next = mine.find((m) => isUpcoming(m, now)) ?? null;
    const lastHeld = mine.filter((m) => m.status === "held").at(-1) ?? null;
    const role = sideOf(s, actor.personId);
    return {
      ...presentSchedule(s),
      role,
      manager: ref(s.managerId)!,
      report: ref(s.reportId)!,
      other: ref(otherSide(s, actor.personId))!,
      next: next ? presentMeeting(next, s, mine, ref) : null,
      lastHeld: lastHeld ? presentMeeting(lastHeld, s, mine, ref) : null,
      openCommitments: open.get(s.id) ?? 0,
    };
  });
  const byName = (a: (typeof items)[number], b: (typeof items)[number]) =>
    a.other.name.localeCompare(b.other.name);
  return {
    asManager: items.filter((i) => i.role === "manager").sort(byName),
    asReport: items.filter((i) => i.role === "report").sort(byName),
  };
}
export type SeriesList = Awaited<ReturnType<typeof listSeries>>;
export type SeriesSummary = SeriesList["asManager"][number];

// ---------- setting up and changing a series ----------

export type ScheduleInput = {
  cadence: Cadence;
  weekday: number;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  startsOn: string;
};

const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The schedule's fields checked beyond their shape (the CLI calls services without the API). */
function checkSchedule(
  input: ScheduleInput,
  now: Date,
  { newStart = true }: { newStart?: boolean } = {},
): ScheduleInput {
  const problems: { path: string; message: string }[] = [];
  const timeZone = canonicalTimeZone(input.timeZone);
  if (!timeZone)
    problems.push({
      path: "timeZone",
      message: "Use an IANA time zone such as Europe/Berlin or America/New_York.",
    });
  if (!Number.isInteger(input.weekday) || input.weekday < 1 || input.weekday > 7)
    problems.push({ path: "weekday", message: "Choose a weekday from 1 (Monday) to 7 (Sunday)." });
  if (!START_TIME.test(input.startTime))
    problems.push({ path: "startTime", message: "Use a time like 09:30." });
  if (
    !Number.isInteger(input.durationMinutes) ||
    input.durationMinutes < 15 ||
    input.durationMinutes > 120
  )
    problems.push({
      path: "durationMinutes",
      message: "Choose a length from 15 to 120 minutes.",
    });
  // A first day is checked when it is set; a series keeps the one it started with.
  const today = localParts(now, timeZone ?? "UTC").date;
  if (
    newStart &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(input.startsOn) ||
      input.startsOn < addDays(today, -366) ||
      input.startsOn > addDays(today, 366))
  )
    problems.push({
      path: "startsOn",
      message: "Choose a first day within a year of today.",
    });
  if (problems.length)
    throw new AppError(
      "validation.failed",
      problems.length === 1 ? problems[0]!.message : "Some fields are invalid; see details.",
      problems,
    );
  return { ...input, timeZone: timeZone! };
}

/** The manager sets up a 1:1 series with a direct report; the next meetings are scheduled. */
export async function createSeries(
  deps: Deps,
  { actor, input }: { actor: PersonActor; input: ScheduleInput & { reportId: string } },
) {
  const id = await write(deps, async (w) => {
    const report = await findPersonById(w.tx, input.reportId);
    if (!report) throw notFound("person");
    if (!can(actor, "oneonone.create", await personResource(w.tx, report)))
      throw new AppError(
        "oneonone.forbidden",
        `You can set up 1:1s only with your direct reports, and ${report.name} is not one of them.`,
      );
    if (!report.active)
      throw new AppError(
        "oneonone.person_inactive",
        `${report.name} is deactivated: 1:1s are set up with active people only.`,
      );
    const schedule = checkSchedule(input, w.now);
    const pair = { managerId: actor.personId, reportId: report.id };
    const existing = await findSeriesByPair(w.tx, pair);
    if (existing && existing.status !== "ended") throw seriesExists(existing.id, report.name);
    const times = {
      cadence: schedule.cadence,
      weekday: schedule.weekday,
      startTime: schedule.startTime,
      durationMinutes: schedule.durationMinutes,
      timeZone: schedule.timeZone,
      startsOn: schedule.startsOn,
    };
    // They worked together before: the series they had reopens, its record and agenda with it.
    const [series] = existing
      ? await w.tx
          .update(oneOnOneSeries)
          .set({
            ...times,
            status: "active",
            version: sql`${oneOnOneSeries.version} + 1`,
            updatedAt: w.now,
          })
          .where(and(eq(oneOnOneSeries.id, existing.id), eq(oneOnOneSeries.status, "ended")))
          .returning()
      : await w.tx
          .insert(oneOnOneSeries)
          .values({ ...pair, ...times, createdAt: w.now, updatedAt: w.now })
          .onConflictDoNothing()
          .returning();
    if (!series) {
      const raced = await findSeriesByPair(w.tx, pair);
      throw seriesExists(raced?.id ?? null, report.name);
    }
    const done = await topUpMeetings(w, series);
    await w.audit({
      actor,
      action: existing ? "oneonone.series_reopened" : "oneonone.series_created",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: {
        managerId: series.managerId,
        reportId: series.reportId,
        cadence: series.cadence,
        weekday: series.weekday,
        startTime: series.startTime,
        durationMinutes: series.durationMinutes,
        timeZone: series.timeZone,
        startsOn: series.startsOn,
        meetingsScheduled: done.created,
      },
    });
    await notify(deps, w, {
      personIds: [report.id],
      kind: "oneonone.series_created",
      title: `${actor.name} set up a ${series.cadence} 1:1 with you`,
      body: "Add what you would like to talk about to the agenda of your first meeting.",
      link: seriesLink(series.id),
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
    });
    return series.id;
  });
  return getSeries(deps, { actor, id });
}

function seriesExists(seriesId: string | null, name: string) {
  return new AppError(
    "oneonone.exists",
    `You already have a 1:1 series with ${name}: change its schedule instead of starting another.`,
    { seriesId },
  );
}

export type SeriesPatch = Partial<ScheduleInput & { status: "active" | "paused" }>;

const scheduleFields = [
  "cadence",
  "weekday",
  "startTime",
  "durationMinutes",
  "timeZone",
  "startsOn",
  "status",
] as const;

function checkVersion(series: SeriesRow, version: number) {
  if (series.version !== version)
    throw new AppError(
      "oneonone.conflict",
      "Someone changed this 1:1 series since you opened it. Nothing was saved: reload it and make your change again.",
      { currentVersion: series.version },
    );
}

/**
 * The manager changes the cadence, day, time, length or time zone, or pauses or resumes the
 * series. Meetings still scheduled move onto the new times (their agenda and notes go with
 * them); held, cancelled and moved ones stay as they were. Pausing removes the cadence's future
 * meetings unless notes or commitments were already written on them.
 */
export async function updateSeries(
  deps: Deps,
  {
    actor,
    id,
    patch,
    version,
  }: { actor: PersonActor; id: string; patch: SeriesPatch; version: number },
) {
  const { series: current } = await loadSeries(deps.database.db, actor, id, "oneonone.manage");
  checkVersion(current, version);
  const changed = (s: SeriesRow) =>
    scheduleFields.filter((f) => patch[f] !== undefined && patch[f] !== s[f]);
  if (!changed(current).length) return getSeries(deps, { actor, id });
  await write(deps, async (w) => {
    const { series } = await loadSeries(w.tx, actor, id, "oneonone.manage", { lock: true });
    checkVersion(series, version);
    const fields = changed(series);
    const schedule = checkSchedule(
      {
        cadence: patch.cadence ?? series.cadence,
        weekday: patch.weekday ?? series.weekday,
        startTime: patch.startTime ?? series.startTime,
        durationMinutes: patch.durationMinutes ?? series.durationMinutes,
        timeZone: patch.timeZone ?? series.timeZone,
        startsOn: patch.startsOn ?? series.startsOn,
      },
      w.now,
      { newStart: fields.includes("startsOn") },
    );
    const status = patch.status ?? series.status;
    const [updated] = await w.tx
      .update(oneOnOneSeries)
      .set({
        ...schedule,
        status,
        version: sql`${oneOnOneSeries.version} + 1`,
        updatedAt: w.now,
      })
      .where(eq(oneOnOneSeries.id, series.id))
      .returning();
    const removed = status === "paused" ? await clearFutureMeetings(w, updated!) : 0;
    const done = await topUpMeetings(w, updated!);
    await w.audit({
      actor,
      action:
        fields.length === 1 && fields[0] === "status"
          ? status === "paused"
            ? "oneonone.series_paused"
            : "oneonone.series_resumed"
          : "oneonone.series_updated",
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
      data: {
        fields,
        from: Object.fromEntries(fields.map((f) => [f, series[f]])),
        to: Object.fromEntries(fields.map((f) => [f, updated![f]])),
        meetingsRemoved: removed,
        meetingsScheduled: done.created,
        meetingsMoved: done.moved,
      },
    });
    const title =
      status !== series.status
        ? status === "paused"
          ? `${actor.name} paused your 1:1s`
          : `${actor.name} resumed your 1:1s`
        : `${actor.name} changed the schedule of your 1:1s`;
    await notify(deps, w, {
      personIds: [series.reportId],
      kind: "oneonone.series_updated",
      title,
      link: seriesLink(series.id),
      subjectType: SERIES_SUBJECT,
      subjectId: series.id,
    });
  });
  return getSeries(deps, { actor, id });
}

// ---------- health, for the manager home and the plan review ----------

export type OneOnOneHealth = {
  seriesId: string | null;
  status: "active" | "paused" | "ended" | null;
  /** Start of the last meeting marked held (ISO). */
  lastHeld: string | null;
  /** Start of the next scheduled meeting (ISO); one under way counts. */
  next: string | null;
  heldLast90: number;
  cancelledLast90: number;
  cancelledByManagerLast90: number;
  openCommitments: number;
  followThrough: { manager: FollowThrough; report: FollowThrough };
};

/**
 * Counts, never words: how the 1:1s of a manager–report pair are going. Held and cancelled
 * meetings count by their start in the last 90 days; rescheduled ones are neither. With no
 * series, everything is empty. Callers authorize (`coaching.view_health`) before calling.
 */
export async function oneOnOneHealth(
  db: DbOrTx,
  { managerId, reportId, now }: { managerId: string; reportId: string; now: Date },
): Promise<OneOnOneHealth> {
  const series = await findSeriesByPair(db, { managerId, reportId });
  if (!series) {
    const none = followThrough([], { personId: managerId, today: now.toISOString().slice(0, 10) });
    return {
      seriesId: null,
      status: null,
      lastHeld: null,
      next: null,
      heldLast90: 0,
      cancelledLast90: 0,
      cancelledByManagerLast90: 0,
      openCommitments: 0,
      followThrough: { manager: none, report: none },
    };
  }
  const [meetings, commitmentRows] = await Promise.all([
    findMeetings(db, series.id),
    findCommitments(db, [series.id]),
  ]);
  const record = meetingRecord(meetings, { managerId, now });
  let next = record.next;
  // Nothing materialised ahead yet (nobody opened the 1:1 lately): the cadence says when.
  if (!next && series.status === "active" && !meetings.some((m) => m.scheduledAt > now))
    next = nextOccurrences(series, now, 1)[0] ?? null;
  return {
    seriesId: series.id,
    status: series.status,
    lastHeld: iso(record.lastHeld),
    next: iso(next),
    heldLast90: record.heldLast90,
    cancelledLast90: record.cancelledLast90,
    cancelledByManagerLast90: record.cancelledByManagerLast90,
    openCommitments: commitmentRows.filter((c) => c.status === "open").length,
    followThrough: pairFollowThrough(series, commitmentRows, now),
  };
}

export type PairMeeting = { date: string; status: "held" | "cancelled" | "scheduled" };

/**
 * The pair's meetings from `since` (and before `until`, when given), oldest first, each on its
 * local date. A rescheduled meeting is left out: it is neither held nor cancelled, and the
 * meeting that replaced it appears for itself. Without `until`, the next materialised meetings
 * appear as "scheduled" too; a meeting in the past still "scheduled" was never recorded.
 */
export async function findPairMeetings(
  db: DbOrTx,
  {
    managerId,
    employeeId,
    since,
    until,
  }: { managerId: string; employeeId: string; since: Date | string; until?: Date | string },
): Promise<PairMeeting[]> {
  const series = await findSeriesByPair(db, { managerId, reportId: employeeId });
  if (!series) return [];
  const from = typeof since === "string" ? new Date(`${since}T00:00:00Z`) : since;
  const to =
    until === undefined ? null : typeof until === "string" ? new Date(`${until}T00:00:00Z`) : until;
  const rows = await db
    .select({ scheduledAt: oneOnOneMeetings.scheduledAt, status: oneOnOneMeetings.status })
    .from(oneOnOneMeetings)
    .where(
      and(
        eq(oneOnOneMeetings.seriesId, series.id),
        sql`${oneOnOneMeetings.scheduledAt} >= ${from.toISOString()}`,
        to ? sql`${oneOnOneMeetings.scheduledAt} < ${to.toISOString()}` : undefined,
        inArray(oneOnOneMeetings.status, ["held", "cancelled", "scheduled"]),
      ),
    )
    .orderBy(oneOnOneMeetings.scheduledAt);
  return rows.map((r) => ({
    date: localParts(r.scheduledAt, series.timeZone).date,
    status: r.status as PairMeeting["status"],
  }));
}
