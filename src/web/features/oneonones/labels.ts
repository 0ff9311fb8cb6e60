import type { BadgeTone } from "../../ui";
import type { Cadence, FollowThrough, Meeting } from "./types";

export const cadenceLabel: Record<Cadence, string> = {
  weekly: "Weekly",
  biweekly: "Every two weeks",
  monthly: "Monthly",
};

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const weekdayNames = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

export const weekdayName = (n: number) => weekdayNames[n - 1] ?? "";

export const meetingStatusLabel: Record<Meeting["status"], string> = {
  scheduled: "Scheduled",
  held: "Held",
  cancelled: "Cancelled",
  rescheduled: "Moved",
};

export const meetingStatusTone: Record<Meeting["status"], BadgeTone> = {
  scheduled: "accent",
  held: "success",
  cancelled: "warning",
  rescheduled: "neutral",
};

const DAY = 86_400_000;
const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const isoWeekday = (iso: string) => ((new Date(dayNumber(iso) * DAY).getUTCDay() + 6) % 7) + 1;

/** Which weekday of the month a monthly series keeps (as the server counts it). */
function monthlyOrdinal(weekday: number, startsOn: string): string {
  const first = dayNumber(startsOn) + ((weekday - isoWeekday(startsOn) + 7) % 7);
  const n = Math.ceil(new Date(first * DAY).getUTCDate() / 7);
  return n >= 5 ? "last" : (["first", "second", "third", "fourth"][n - 1] ?? "first");
}

type ScheduleLike = {
  cadence: Cadence;
  weekday: number;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  startsOn: string;
};

/** "Weekly on Monday at 09:00 (Europe/Berlin), 30 minutes". */
export function scheduleText(s: ScheduleLike, { withLength = true } = {}): string {
  const day = weekdayName(s.weekday);
  const when =
    s.cadence === "monthly"
      ? `Monthly on the ${monthlyOrdinal(s.weekday, s.startsOn)} ${day}`
      : s.cadence === "biweekly"
        ? `Every other ${day}`
        : `Weekly on ${day}`;
  const length = withLength ? `, ${s.durationMinutes} minutes` : "";
  return `${when} at ${s.startTime} (${s.timeZone})${length}`;
}

const longDate = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "Mon 9 Mar 2026" for a calendar date. */
export function dayLabel(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : longDate.format(d);
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const localTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const localDay = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
});

/** The viewer's own wall clock for an instant: "YYYY-MM-DD" and "HH:MM". */
function viewerParts(at: Date) {
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

/**
 * When a meeting is, on the series' clock: "Mon 9 Mar 2026, 09:00". When the viewer's own clock
 * reads differently, the series' zone and their time follow: "Europe/Berlin (10:00 your time)".
 */
export function meetingWhen(
  m: Pick<Meeting, "localDate" | "localTime" | "timeZone" | "scheduledAt">,
) {
  const text = `${dayLabel(m.localDate)}, ${m.localTime}`;
  const at = new Date(m.scheduledAt);
  const mine = viewerParts(at);
  if (mine.date === m.localDate && mine.time === m.localTime) return text;
  return `${text} ${m.timeZone} (${localDay.format(at)}, ${localTime.format(at)} your time)`;
}

/** Whether the viewer's clock reads a meeting's time as the series' zone does. */
export function sameClock(m: Pick<Meeting, "localDate" | "localTime" | "scheduledAt">) {
  const mine = viewerParts(new Date(m.scheduledAt));
  return mine.date === m.localDate && mine.time === m.localTime;
}

const instantFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** An instant as "Mon 9 Mar 2026, 09:00" in the viewer's time zone. */
export function instantLabel(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : instantFormat.format(d);
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

/** The follow-through rate in words, for the series page. */
export function followThroughText(f: FollowThrough): string {
  if (f.rate === null) return "Nothing due yet in the last 90 days.";
  const parts = [`${f.doneOnTime} of ${f.counted} done on time`];
  if (f.doneLate) parts.push(`${f.doneLate} late`);
  if (f.dropped) parts.push(`${f.dropped} dropped`);
  if (f.overdueOpen) parts.push(`${f.overdueOpen} overdue`);
  return `${parts.join(", ")} (last 90 days).`;
}

/** Today in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now))
    parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY).toISOString().slice(0, 10);
}

export { isoWeekday };
