import { zonedTimeToInstant } from "../../src/modules/oneonones/oneonones.rules.js";

// Dates for the generator: ISO days ("YYYY-MM-DD") and instants, all relative to one `now`.

const DAY = 86_400_000;

export type Clock = {
  now: Date;
  nowMs: number;
  /** Today in UTC. */
  today: string;
  /** The first day of the history. */
  windowStart: string;
  windowDays: number;
};

export function createClock({ now, years }: { now: Date; years: number }): Clock {
  const windowDays = Math.round(years * 365);
  const today = isoDay(now);
  return { now, nowMs: now.getTime(), today, windowStart: addDays(today, -windowDays), windowDays };
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;

export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(iso: string): number {
  return ((new Date(dayNumber(iso) * DAY).getUTCDay() + 6) % 7) + 1;
}

/** The day itself if it is a weekday, else the Monday after. */
export function onWeekday(iso: string): string {
  const w = weekday(iso);
  return w <= 5 ? iso : addDays(iso, 8 - w);
}

/** An instant on a day, at HH:MM UTC plus some minutes. */
export function at(iso: string, time: string, plusMinutes = 0): Date {
  return new Date(
    dayNumber(iso) * DAY + (+time.slice(0, 2) * 60 + +time.slice(3, 5) + plusMinutes) * 60_000,
  );
}

const offsets = new Map<string, number>();

/**
 * A wall-clock time in a zone, as an instant. The zone's offset is looked up once per day (with
 * the app's own rule) and reused: meetings are in office hours, never at a DST change.
 */
export function zoned(iso: string, time: string, timeZone: string): Date {
  const key = `${timeZone}|${iso}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = at(iso, "12:00").getTime() - zonedTimeToInstant(iso, "12:00", timeZone).getTime();
    offsets.set(key, offset);
  }
  return new Date(at(iso, time).getTime() - offset);
}
