import type { cadences, commitmentStatuses, meetingStatuses } from "./oneonones.table.js";

// The pure part of 1:1s: when a series meets (in its own time zone, DST included), which
// meetings to keep materialised, what may happen to a meeting, follow-through on commitments,
// and which deck questions fit a meeting. No clock, no database: `now` is passed in.

export type Cadence = (typeof cadences)[number];
export type MeetingStatus = (typeof meetingStatuses)[number];
export type CommitmentStatus = (typeof commitmentStatuses)[number];

/** How many future meetings of an active series are kept as rows (reminders and calendars read them). */
export const UPCOMING_MEETINGS = 4;
/** A meeting may be marked held, or its points discussed, from this long before its start. */
export const EARLY_START_MINUTES = 30;
/** Questions pulled into the agenda of this many meetings are not suggested again. */
export const RECENT_MEETINGS = 6;
/** The window of the follow-through rate and of the health counts. */
export const WINDOW_DAYS = 90;

const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------- calendar dates (YYYY-MM-DD, no time zone) ----------

const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const fromDayNumber = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  return ((new Date(dayNumber(iso) * DAY).getUTCDay() + 6) % 7) + 1;
}

/** The first date on or after `iso` that falls on `weekday`. */
export function onOrAfterWeekday(iso: string, weekday: number): string {
  return addDays(iso, (weekday - isoWeekday(iso) + 7) % 7);
}

/** The `ordinal`-th (1–4) or the last `weekday` of a month. */
export function weekdayOfMonth(
  year: number,
  month: number,
  weekday: number,
  ordinal: number | "last",
): string {
  const first = onOrAfterWeekday(
    `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`,
    weekday,
  );
  if (ordinal !== "last") return addDays(first, (ordinal - 1) * 7);
  let day = first;
  while (addDays(day, 7).slice(5, 7) === first.slice(5, 7)) day = addDays(day, 7);
  return day;
}

// ---------- time zones ----------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The IANA name as the runtime spells it ("europe/berlin" → "Europe/Berlin"), or null if unknown. */
export function canonicalTimeZone(timeZone: string): string | null {
  if (!timeZone || timeZone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Wall-clock reading of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year!.padStart(4, "0")}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(whole))) parts[p.type] = p.value;
  const asUtc = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  return asUtc - whole;
}

/**
 * The instant a wall-clock time happens in a zone. Across a DST change the wall time is kept
 * (09:00 stays 09:00). A time that happens twice (clocks go back) is the first; one that never
 * happens (clocks go forward) moves later by the gap, as calendars do.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.UTC(
    +date.slice(0, 4),
    +date.slice(5, 7) - 1,
    +date.slice(8, 10),
    +time.slice(0, 2),
    +time.slice(3, 5),
  );
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  const fits = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => offsetAt(t, timeZone) === wall - t)
    .sort((a, b) => a - b);
  return new Date(fits[0] ?? wall - before);
}

// ---------- the cadence ----------

export type Schedule = {
  cadence: Cadence;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM" in `timeZone`. */
  startTime: string;
  timeZone: string;
  /** The first day the series may fall on. */
  startsOn: string;
};

/**
 * Which week of the month a monthly series keeps: that of its first meeting (the first `weekday`
 * on or after `startsOn`). Monthly means "the same weekday of the month" (the 2nd Tuesday), so
 * the meeting stays on the team's rhythm; a first meeting in the 5th week means "the last".
 */
export function monthlyOrdinal(schedule: Pick<Schedule, "weekday" | "startsOn">): number | "last" {
  const anchor = onOrAfterWeekday(schedule.startsOn, schedule.weekday);
  const n = Math.ceil(+anchor.slice(8, 10) / 7);
  return n >= 5 ? "last" : n;
}

/**
 * Local dates of the series' meetings, on or after `from` (and never before `startsOn`), in order.
 * Weekly and biweekly count from the first meeting, so a biweekly series keeps its weeks.
 */
export function occurrenceDates(schedule: Schedule, from: string, count: number): string[] {
  const anchor = onOrAfterWeekday(schedule.startsOn, schedule.weekday);
  const start = from > anchor ? from : anchor;
  const dates: string[] = [];
  if (schedule.cadence === "monthly") {
    const ordinal = monthlyOrdinal(schedule);
    let year = +start.slice(0, 4);
    let month = +start.slice(5, 7);
    while (dates.length < count) {
      const d = weekdayOfMonth(year, month, schedule.weekday, ordinal);
      if (d >= start) dates.push(d);
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return dates;
  }
  const step = schedule.cadence === "weekly" ? 7 : 14;
  const skip = Math.max(0, Math.ceil((dayNumber(start) - dayNumber(anchor)) / step));
  for (let i = 0; i < count; i++) dates.push(addDays(anchor, (skip + i) * step));
  return dates;
}

/** The next `count` meeting start times strictly after `after`. */
export function nextOccurrences(schedule: Schedule, after: Date, count: number): Date[] {
  // A day of slack on each side: the zone's date may differ from UTC's.
  const from = addDays(localParts(after, schedule.timeZone).date, -1);
  return occurrenceDates(schedule, from, count + 2)
    .map((d) => zonedTimeToInstant(d, schedule.startTime, schedule.timeZone))
    .filter((t) => t.getTime() > after.getTime())
    .slice(0, count);
}

// ---------- keeping the next meetings materialised ----------

export type FutureMeeting = {
  id: string;
  scheduledAt: Date;
  status: MeetingStatus;
  /** Made by rescheduling another meeting: off the cadence, and left where it is. */
  replacement: boolean;
};

export type TopUp = {
  create: Date[];
  /** Meetings still scheduled on an old cadence or time, moved onto the new one. */
  move: { id: string; scheduledAt: Date }[];
};

/**
 * What to change so the next occurrences each have a meeting. A slot already taken by a meeting
 * of any status (a cancelled one stays cancelled; a rescheduled one stays moved) is not filled
 * again. Meetings still scheduled at times the cadence no longer has are moved onto free slots,
 * in order, so their agenda and notes go with them.
 */
export function planTopUp({
  occurrences,
  future,
}: {
  occurrences: Date[];
  future: FutureMeeting[];
}): TopUp {
  const slotRows = future.filter((m) => !m.replacement);
  const taken = new Set(slotRows.map((m) => m.scheduledAt.getTime()));
  const wanted = new Set(occurrences.map((d) => d.getTime()));
  const free = occurrences.filter((d) => !taken.has(d.getTime()));
  const strays = slotRows
    .filter((m) => m.status === "scheduled" && !wanted.has(m.scheduledAt.getTime()))
    .sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
  const move = strays.slice(0, free.length).map((m, i) => ({ id: m.id, scheduledAt: free[i]! }));
  return { create: free.slice(move.length), move };
}

// ---------- what may happen to a meeting ----------

export type MeetingState = { status: MeetingStatus; scheduledAt: Date };
export type Refusal = { reason: string; message: string };

const closed: Record<Exclude<MeetingStatus, "scheduled">, string> = {
  held: "This meeting has already been marked held.",
  cancelled: "This meeting was cancelled.",
  rescheduled: "This meeting was moved to another time; act on the new meeting instead.",
};

const started = (m: MeetingState, now: Date) =>
  m.scheduledAt.getTime() - EARLY_START_MINUTES * MINUTE <= now.getTime();

export function refuseHold(m: MeetingState, now: Date): Refusal | null {
  if (m.status === "cancelled")
    return { reason: "cancelled", message: "A cancelled meeting cannot be marked held." };
  if (m.status !== "scheduled") return { reason: m.status, message: closed[m.status] };
  if (!started(m, now))
    return {
      reason: "not_started",
      message: "This meeting has not started yet: mark it held once it has taken place.",
    };
  return null;
}

export function refuseCancel(m: MeetingState): Refusal | null {
  if (m.status === "held")
    return { reason: "held", message: "This meeting was held: it cannot be cancelled any more." };
  if (m.status !== "scheduled") return { reason: m.status, message: closed[m.status] };
  return null;
}

export function refuseReschedule(m: MeetingState, to: Date, now: Date): Refusal | null {
  if (m.status === "held")
    return { reason: "held", message: "This meeting was held: it cannot be moved any more." };
  if (m.status !== "scheduled") return { reason: m.status, message: closed[m.status] };
  if (to.getTime() <= now.getTime())
    return { reason: "in_past", message: "Choose a new time in the future." };
  if (to.getTime() === m.scheduledAt.getTime())
    return { reason: "same_time", message: "The meeting is already at that time." };
  return null;
}

/** Talking points go on a meeting before or while it takes place. */
export function refuseAgendaChange(m: MeetingState): Refusal | null {
  if (m.status === "held")
    return {
      reason: "held",
      message: "This meeting is over: add the point to the next meeting instead.",
    };
  if (m.status !== "scheduled") return { reason: m.status, message: closed[m.status] };
  return null;
}

/** A point is discussed in a meeting that has started, or was held. */
export function refuseDiscussed(m: MeetingState, now: Date): Refusal | null {
  if (m.status === "held") return null;
  if (m.status !== "scheduled") return { reason: m.status, message: closed[m.status] };
  if (!started(m, now))
    return {
      reason: "not_started",
      message: "This meeting has not started yet: mark points discussed during or after it.",
    };
  return null;
}

/** Notes and commitments belong to meetings that happen: scheduled or held. */
export function refuseMeetingContent(m: MeetingState): Refusal | null {
  if (m.status === "cancelled" || m.status === "rescheduled")
    return { reason: m.status, message: closed[m.status] };
  return null;
}

// ---------- commitments ----------

export type CommitmentForRate = {
  ownerId: string;
  status: CommitmentStatus;
  dueOn: string;
  /** The local date it was closed on, when done or dropped. */
  closedOn: string | null;
};

export type FollowThrough = {
  /** doneOnTime / counted, or null when nothing counts yet. */
  rate: number | null;
  doneOnTime: number;
  doneLate: number;
  dropped: number;
  overdueOpen: number;
  counted: number;
};

/**
 * Follow-through over the last 90 days (today and the 89 days before it): commitments done on
 * or before their due date, out of those done, dropped, or still open past their due date. Each
 * commitment falls in the window by its outcome: a closed one by the day it was closed, an open
 * one by its due date. An open one not yet due does not count either way.
 */
export function followThrough(
  commitments: CommitmentForRate[],
  { personId, today }: { personId: string; today: string },
): FollowThrough {
  const since = addDays(today, -(WINDOW_DAYS - 1));
  const inWindow = (d: string) => d >= since && d <= today;
  const result = { doneOnTime: 0, doneLate: 0, dropped: 0, overdueOpen: 0 };
  for (const c of commitments) {
    if (c.ownerId !== personId) continue;
    if (c.status === "open") {
      if (c.dueOn < today && inWindow(c.dueOn)) result.overdueOpen += 1;
    } else if (c.closedOn && inWindow(c.closedOn)) {
      if (c.status === "dropped") result.dropped += 1;
      else if (c.closedOn <= c.dueOn) result.doneOnTime += 1;
      else result.doneLate += 1;
    }
  }
  const counted = result.doneOnTime + result.doneLate + result.dropped + result.overdueOpen;
  return { rate: counted ? result.doneOnTime / counted : null, ...result, counted };
}

// ---------- the question deck ----------

export const coachingStages = [
  "establish_trust",
  "make_it_personal",
  "commit_to_growth",
  "confront_reality",
] as const;
export type CoachingStage = (typeof coachingStages)[number];

export const deckThemes = [
  "career",
  "wellbeing",
  "feedback",
  "blockers",
  "team",
  "recognition",
] as const;
export type DeckTheme = (typeof deckThemes)[number];

export type DeckQuestion = { id: string; text: string; stage: CoachingStage; theme: DeckTheme };

/**
 * Where a relationship stands, from the meetings held before this one: the first three build
 * trust, the next three make it personal, the next four commit to growth, and from the eleventh
 * on the pair can look at reality together.
 */
export function stageFor(heldBefore: number): CoachingStage {
  if (heldBefore < 3) return "establish_trust";
  if (heldBefore < 6) return "make_it_personal";
  if (heldBefore < 10) return "commit_to_growth";
  return "confront_reality";
}

/** FNV-1a: a stable 32-bit number for a string. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // One round of mixing so that ids differing in their last character still spread.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * A few questions for a meeting. Most fit the relationship's stage; from the second stage on,
 * one comes from an earlier stage (trust is kept, not done once). Questions pulled into the last
 * meetings' agendas, or still open on it, are left out, and themes are spread. The order is a
 * seeded ranking (the meeting id), so a meeting's suggestions stay put and pulling one in only
 * replaces that one.
 */
export function suggestQuestions({
  deck,
  heldBefore,
  recentIds,
  seed,
  count = 3,
}: {
  deck: readonly DeckQuestion[];
  heldBefore: number;
  recentIds: Iterable<string>;
  seed: string;
  count?: number;
}): { stage: CoachingStage; questions: DeckQuestion[] } {
  const stage = stageFor(heldBefore);
  const stageIndex = coachingStages.indexOf(stage);
  const recent = new Set(recentIds);
  const ranked = [...deck].sort(
    (a, b) => hash32(`${seed}:${a.id}`) - hash32(`${seed}:${b.id}`) || a.id.localeCompare(b.id),
  );
  const fresh = ranked.filter((q) => !recent.has(q.id));
  const picked: DeckQuestion[] = [];
  const take = (pool: DeckQuestion[], n: number) => {
    const themes = new Set(picked.map((q) => q.theme));
    const start = picked.length;
    for (const spread of [true, false])
      for (const q of pool) {
        if (picked.length - start >= n || picked.length >= count) return;
        if (picked.includes(q) || (spread && themes.has(q.theme))) continue;
        picked.push(q);
        themes.add(q.theme);
      }
  };
  const earlier = fresh.filter((q) => coachingStages.indexOf(q.stage) < stageIndex);
  take(
    fresh.filter((q) => q.stage === stage),
    stageIndex > 0 && earlier.length ? count - 1 : count,
  );
  take(earlier, count - picked.length);
  // A deck worn thin by this pair: anything not asked recently, then anything at all.
  take(fresh, count - picked.length);
  take(ranked, count - picked.length);
  return { stage, questions: picked };
}

// ---------- the health of a pair's 1:1s ----------

export type MeetingForHealth = {
  scheduledAt: Date;
  durationMinutes: number;
  status: MeetingStatus;
  cancelledById: string | null;
};

export type MeetingRecord = {
  /** Start of the last meeting marked held. */
  lastHeld: Date | null;
  /** Start of the next scheduled meeting (one under way counts). */
  next: Date | null;
  heldLast90: number;
  cancelledLast90: number;
  cancelledByManagerLast90: number;
};

/**
 * Held and cancelled meetings whose start falls in the last 90 days (a cancellation counts
 * where the meeting would have been, when one of the two cancelled it). A rescheduled meeting is neither: the meeting that
 * replaced it is counted for itself.
 */
export function meetingRecord(
  meetings: MeetingForHealth[],
  { managerId, now }: { managerId: string; now: Date },
): MeetingRecord {
  const since = now.getTime() - WINDOW_DAYS * DAY;
  const record: MeetingRecord = {
    lastHeld: null,
    next: null,
    heldLast90: 0,
    cancelledLast90: 0,
    cancelledByManagerLast90: 0,
  };
  for (const m of meetings) {
    const at = m.scheduledAt.getTime();
    const inWindow = at >= since && at <= now.getTime();
    if (m.status === "held") {
      if (!record.lastHeld || at > record.lastHeld.getTime()) record.lastHeld = m.scheduledAt;
      if (inWindow) record.heldLast90 += 1;
    } else if (m.status === "cancelled" && inWindow) {
      // Cancelled by neither of the two (the series ended on a reporting change): not a signal.
      if (m.cancelledById === null) continue;
      record.cancelledLast90 += 1;
      if (m.cancelledById === managerId) record.cancelledByManagerLast90 += 1;
    } else if (
      m.status === "scheduled" &&
      at + m.durationMinutes * MINUTE > now.getTime() &&
      (!record.next || at < record.next.getTime())
    )
      record.next = m.scheduledAt;
  }
  return record;
}

/** Whether a meeting is still ahead (or under way). */
export function isUpcoming(
  m: Pick<MeetingForHealth, "scheduledAt" | "durationMinutes" | "status">,
  now: Date,
) {
  return (
    m.status === "scheduled" && m.scheduledAt.getTime() + m.durationMinutes * MINUTE > now.getTime()
  );
}
