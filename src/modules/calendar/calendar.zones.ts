// Time-zone arithmetic on the IANA database that ships with Node (Intl): offsets, wall-clock
// times, and the VTIMEZONE blocks an iCalendar feed needs for events that carry a TZID.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone if Node knows it, else UTC: a bad zone on a row must not break a feed or a reminder. */
export function zoneOrUtc(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** Minutes east of UTC in `timeZone` at `at` (New York in winter: -300). */
export function offsetMinutes(timeZone: string, at: Date): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60;
  return m[1] === "-" ? -minutes : minutes;
}

/** The wall-clock time in `timeZone` at `at`, as a Date whose UTC fields hold it. */
export function wallClock(timeZone: string, at: Date): Date {
  return new Date(at.getTime() + offsetMinutes(timeZone, at) * MINUTE);
}

/** The calendar day in `timeZone` at `at`, e.g. "2026-03-02". */
export function localDate(timeZone: string, at: Date): string {
  return wallClock(timeZone, at).toISOString().slice(0, 10);
}

/** "20260308T020000": an iCalendar local DATE-TIME. */
export function icsLocal(wall: Date): string {
  return wall
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "");
}

function icsOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.round(Math.abs(minutes) * 60);
  const hh = String(Math.floor(abs / 3600)).padStart(2, "0");
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, "0");
  const ss = abs % 60 ? String(abs % 60).padStart(2, "0") : "";
  return `${sign}${hh}${mm}${ss}`;
}

export type ZoneTransition = { at: Date; from: number; to: number };

/** Every change of UTC offset in `timeZone` between `from` and `to` (found day by day, then to the minute). */
export function zoneTransitions(timeZone: string, from: Date, to: Date): ZoneTransition[] {
  const found: ZoneTransition[] = [];
  const start = Math.floor(from.getTime() / MINUTE) * MINUTE;
  let before = offsetMinutes(timeZone, new Date(start));
  for (let t = start; t < to.getTime(); t += DAY) {
    const next = Math.min(t + DAY, to.getTime());
    const after = offsetMinutes(timeZone, new Date(next));
    if (after !== before) {
      // The first minute with the new offset.
      let lo = t / MINUTE;
      let hi = Math.ceil(next / MINUTE);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMinutes(timeZone, new Date(mid * MINUTE)) === before) lo = mid;
        else hi = mid;
      }
      found.push({ at: new Date(hi * MINUTE), from: before, to: after });
      before = after;
    }
  }
  return found;
}

/**
 * A VTIMEZONE for `timeZone` valid from `from` to `to`: the offset at `from`, then each change
 * as its own observance (RFC 5545 §3.6.5: DTSTART is the local time before the change). Null for UTC.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string | null {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return null;
  const initial = offsetMinutes(timeZone, from);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  const observance = (
    kind: "STANDARD" | "DAYLIGHT",
    start: Date,
    fromOffset: number,
    toOffset: number,
  ) =>
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${icsLocal(start)}`,
      `TZOFFSETFROM:${icsOffset(fromOffset)}`,
      `TZOFFSETTO:${icsOffset(toOffset)}`,
      `END:${kind}`,
    );
  const transitions = zoneTransitions(timeZone, from, to);
  const later = transitions[0]?.to ?? initial;
  observance(
    initial > later ? "DAYLIGHT" : "STANDARD",
    new Date(from.getTime() + initial * MINUTE),
    initial,
    initial,
  );
  for (const t of transitions)
    observance(
      t.to > t.from ? "DAYLIGHT" : "STANDARD",
      new Date(t.at.getTime() + t.from * MINUTE),
      t.from,
      t.to,
    );
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}
