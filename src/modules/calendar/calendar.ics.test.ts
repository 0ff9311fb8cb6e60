import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { buildFeed, type FeedMeeting } from "./calendar.ics.js";

const now = new Date("2026-03-02T09:00:00Z");

function meeting(overrides: Partial<FeedMeeting> = {}): FeedMeeting {
  return {
    id: "m1",
    seriesId: "s1",
    scheduledAt: new Date("2026-03-10T14:00:00Z"),
    durationMinutes: 30,
    status: "scheduled",
    timeZone: "America/New_York",
    cadence: "weekly",
    otherName: "Eli Employee",
    updatedAt: now,
    ...overrides,
  };
}

function only(text: string) {
  const c = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!;
  return { status: c.getFirstPropertyValue("status"), event: new ICAL.Event(c) };
}

const build = (m: FeedMeeting) =>
  buildFeed({ meetings: [m], checkins: [], baseUrl: "https://hw.example", now });

describe("the iCalendar text of a feed", () => {
  const statuses: [FeedMeeting["status"], string, string][] = [
    ["scheduled", "CONFIRMED", "1:1 with Eli Employee"],
    ["held", "CONFIRMED", "1:1 with Eli Employee"],
    ["cancelled", "CANCELLED", "Cancelled: 1:1 with Eli Employee"],
    ["rescheduled", "CANCELLED", "Cancelled: 1:1 with Eli Employee"],
  ];
  for (const [status, expected, summary] of statuses)
    it(`shows a ${status} meeting as ${expected}`, () => {
      const { status: s, event } = only(build(meeting({ status })));
      expect(s).toBe(expected);
      expect(event.summary).toBe(summary);
    });

  afterEach(() => {
    delete process.env.TZ;
  });

  it("writes the series' wall-clock time whatever the server's own zone is", () => {
    process.env.TZ = "Asia/Kolkata";
    const text = build(meeting());
    expect(text).toContain("DTSTART;TZID=America/New_York:20260310T100000");
    expect(text).toContain("DTSTAMP:20260302T090000Z");
    process.env.TZ = "Pacific/Honolulu";
    expect(build(meeting())).toBe(text);
  });

  it("writes UTC series, and series in a zone Node does not know, as UTC times", () => {
    for (const timeZone of ["UTC", "Mars/Olympus_Mons"]) {
      const text = build(meeting({ timeZone }));
      expect(text, timeZone).toContain("DTSTART:20260310T140000Z");
      expect(text, timeZone).not.toContain("VTIMEZONE");
      expect(only(text).event.startDate.toJSDate().toISOString()).toBe("2026-03-10T14:00:00.000Z");
    }
  });

  it("links each event to its page in Headway", () => {
    const text = buildFeed({
      meetings: [meeting()],
      checkins: [
        { id: "c1", planId: "p1", scheduledOn: "2026-03-16", status: "missed", otherName: "Maya" },
      ],
      baseUrl: "https://hw.example",
      now,
    });
    const urls = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents("vevent")
      .map((c) => [c.getFirstPropertyValue("summary"), c.getFirstPropertyValue("url")]);
    expect(urls).toEqual([
      ["1:1 with Eli Employee", "https://hw.example/one-on-ones/s1"],
      ["Check-in with Maya (missed)", "https://hw.example/plans/p1"],
    ]);
  });
});
