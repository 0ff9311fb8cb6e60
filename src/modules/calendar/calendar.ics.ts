import ical, { type ICalDayJsStub, ICalEventStatus } from "ical-generator";
import { icsLocal, vtimezone, wallClock, zoneOrUtc } from "./calendar.zones.js";

// The iCalendar text of a person's feed, from rows already chosen for them. Pure: no clock
// (`now` is passed), no database. 1:1s carry the TZID of their series' zone with a VTIMEZONE
// for it, so a calendar shows 10:00 in New York as 10:00 there on both sides of a DST change.

export type FeedMeeting = {
  id: string;
  seriesId: string;
  scheduledAt: Date;
  durationMinutes: number;
  status: "scheduled" | "held" | "cancelled" | "rescheduled";
  timeZone: string;
  cadence: string;
  /** The other side of the 1:1, from the feed owner's point of view. */
  otherName: string;
  updatedAt: Date;
};

export type FeedCheckin = {
  id: string;
  planId: string;
  scheduledOn: string;
  status: "scheduled" | "held" | "missed";
  otherName: string;
};

const DAY = 86_400_000;

/**
 * A moment as ical-generator's day.js interface expects it when the event has a time zone:
 * it prints the wall-clock time in that zone (the library itself would use the process's zone).
 */
function inZone(instant: Date, timeZone: string): ICalDayJsStub {
  const [day, time] = icsLocal(wallClock(timeZone, instant)).split("T") as [string, string];
  const stub: ICalDayJsStub = {
    format: (format) =>
      format === "YYYYMMDD" ? day : format === "HHmmss" ? time : instant.toISOString(),
    isValid: () => true,
    toDate: () => new Date(instant),
    toJSON: () => instant.toISOString(),
    tz: () => stub,
  };
  return stub;
}

export function buildFeed({
  meetings,
  checkins,
  baseUrl,
  now,
}: {
  meetings: FeedMeeting[];
  checkins: FeedCheckin[];
  baseUrl: string;
  now: Date;
}): string {
  // Each zone's VTIMEZONE covers the feed's time span (with a year's margin either side).
  const times = meetings.map((m) => m.scheduledAt.getTime());
  const from = new Date(
    Date.UTC(new Date(Math.min(now.getTime(), ...times)).getUTCFullYear() - 1, 0, 1),
  );
  const to = new Date(
    Date.UTC(new Date(Math.max(now.getTime(), ...times)).getUTCFullYear() + 2, 0, 1),
  );
  const cal = ical({
    name: "Headway: 1:1s and check-ins",
    prodId: { company: "Headway", product: "Headway", language: "EN" },
    ttl: 30 * 60,
    // No calendar-wide zone (DTSTAMP and the like stay in UTC): only the generator, which
    // ical-generator calls once per zone its events use.
    timezone: { name: null, generator: (zone) => vtimezone(zone, from, to) },
  });

  for (const m of meetings) {
    const zone = zoneOrUtc(m.timeZone);
    const cancelled = m.status === "cancelled" || m.status === "rescheduled";
    const end = new Date(m.scheduledAt.getTime() + m.durationMinutes * 60_000);
    cal.createEvent({
      id: `meeting-${m.id}@headway`,
      start: zone === "UTC" ? m.scheduledAt : inZone(m.scheduledAt, zone),
      end: zone === "UTC" ? end : inZone(end, zone),
      timezone: zone,
      stamp: now,
      lastModified: m.updatedAt,
      summary: `${cancelled ? "Cancelled: " : ""}1:1 with ${m.otherName}`,
      description: `Your ${m.cadence} 1:1 with ${m.otherName}${
        m.status === "rescheduled" ? ", moved to another time" : cancelled ? ", cancelled" : ""
      }. The agenda is in Headway.`,
      url: `${baseUrl}/one-on-ones/${m.seriesId}`,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }

  for (const c of checkins) {
    const day = new Date(`${c.scheduledOn}T00:00:00.000Z`);
    cal.createEvent({
      id: `checkin-${c.id}@headway`,
      start: day,
      end: new Date(day.getTime() + DAY),
      allDay: true,
      stamp: now,
      summary: `Check-in with ${c.otherName}${c.status === "missed" ? " (missed)" : ""}`,
      description: "A check-in; the details are in Headway.",
      url: `${baseUrl}/plans/${c.planId}`,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
