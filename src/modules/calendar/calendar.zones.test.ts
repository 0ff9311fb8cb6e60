import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  localDate,
  offsetMinutes,
  vtimezone,
  wallClock,
  zoneOrUtc,
  zoneTransitions,
} from "./calendar.zones.js";

const d = (iso: string) => new Date(iso);
const from = d("2026-01-01T00:00:00Z");
const to = d("2027-01-01T00:00:00Z");

describe("time zones", () => {
  const transitions: { zone: string; expected: [string, number, number][] }[] = [
    {
      zone: "America/New_York",
      expected: [
        ["2026-03-08T07:00:00.000Z", -300, -240],
        ["2026-11-01T06:00:00.000Z", -240, -300],
      ],
    },
    {
      zone: "Europe/Berlin",
      expected: [
        ["2026-03-29T01:00:00.000Z", 60, 120],
        ["2026-10-25T01:00:00.000Z", 120, 60],
      ],
    },
    {
      // Southern hemisphere: summer time ends in April and starts in October.
      zone: "Australia/Sydney",
      expected: [
        ["2026-04-04T16:00:00.000Z", 660, 600],
        ["2026-10-03T16:00:00.000Z", 600, 660],
      ],
    },
    {
      // A half-hour change.
      zone: "Australia/Lord_Howe",
      expected: [
        ["2026-04-04T15:00:00.000Z", 660, 630],
        ["2026-10-03T15:30:00.000Z", 630, 660],
      ],
    },
    { zone: "Asia/Kolkata", expected: [] },
    { zone: "UTC", expected: [] },
  ];
  for (const t of transitions)
    it(`finds each change of offset in ${t.zone} in 2026`, () => {
      expect(
        zoneTransitions(t.zone, from, to).map((x) => [x.at.toISOString(), x.from, x.to]),
      ).toEqual(t.expected);
    });

  const walls: [string, string, string][] = [
    ["America/New_York", "2026-03-03T15:00:00Z", "2026-03-03T10:00"],
    ["America/New_York", "2026-03-10T14:00:00Z", "2026-03-10T10:00"],
    ["Asia/Kolkata", "2026-03-03T04:30:00Z", "2026-03-03T10:00"],
    ["Pacific/Auckland", "2026-03-02T21:00:00Z", "2026-03-03T10:00"],
  ];
  for (const [zone, instant, wall] of walls)
    it(`reads ${instant} as ${wall} in ${zone}`, () => {
      expect(wallClock(zone, d(instant)).toISOString().slice(0, 16)).toBe(wall);
      expect(localDate(zone, d(instant))).toBe(wall.slice(0, 10));
    });

  it("falls back to UTC for a zone Node does not know", () => {
    expect(zoneOrUtc("Mars/Olympus_Mons")).toBe("UTC");
    expect(zoneOrUtc("Europe/Berlin")).toBe("Europe/Berlin");
    expect(offsetMinutes("UTC", d("2026-07-01T00:00:00Z"))).toBe(0);
  });

  // A real iCalendar parser reads each VTIMEZONE back: a local time there maps to the right instant.
  const instants = [
    "2026-01-15T12:00:00Z",
    "2026-03-09T12:00:00Z",
    "2026-04-10T12:00:00Z",
    "2026-07-01T12:00:00Z",
    "2026-10-30T12:00:00Z",
    "2026-12-20T12:00:00Z",
  ];
  for (const zone of [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
  ])
    it(`writes a VTIMEZONE for ${zone} that ical.js reads back to the right instants`, () => {
      const text = vtimezone(zone, from, to)!;
      const component = new ICAL.Component(
        ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`),
      );
      const tz = new ICAL.Timezone(component.getFirstSubcomponent("vtimezone")!);
      expect(tz.tzid).toBe(zone);
      for (const instant of instants) {
        const wall = wallClock(zone, d(instant));
        const time = new ICAL.Time(
          {
            year: wall.getUTCFullYear(),
            month: wall.getUTCMonth() + 1,
            day: wall.getUTCDate(),
            hour: wall.getUTCHours(),
            minute: wall.getUTCMinutes(),
            second: 0,
            isDate: false,
          },
          tz,
        );
        expect(time.toJSDate().toISOString(), `${zone} ${instant}`).toBe(d(instant).toISOString());
      }
    });

  it("writes no VTIMEZONE for UTC (times carry Z instead)", () => {
    expect(vtimezone("UTC", from, to)).toBeNull();
  });
});
