import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { questionDeck } from "./oneonones.deck.js";
import {
  addDays,
  canonicalTimeZone,
  coachingStages,
  deckThemes,
  followThrough,
  isoWeekday,
  localParts,
  meetingRecord,
  monthlyOrdinal,
  nextOccurrences,
  occurrenceDates,
  planTopUp,
  refuseCancel,
  refuseDiscussed,
  refuseHold,
  refuseReschedule,
  type Schedule,
  stageFor,
  suggestQuestions,
  zonedTimeToInstant,
} from "./oneonones.rules.js";

const at = (iso: string) => new Date(iso);
const berlinMondays: Schedule = {
  cadence: "weekly",
  weekday: 1,
  startTime: "09:00",
  timeZone: "Europe/Berlin",
  startsOn: "2026-03-02",
};

describe("time zones", () => {
  it("knows IANA zones in any case and refuses made-up ones", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
    expect(canonicalTimeZone("+01:00")).toBeNull();
  });

  it("turns a wall-clock time into the right instant on both sides of a DST change", () => {
    expect(zonedTimeToInstant("2026-03-27", "09:00", "Europe/Berlin")).toEqual(
      at("2026-03-27T08:00:00Z"),
    );
    expect(zonedTimeToInstant("2026-03-30", "09:00", "Europe/Berlin")).toEqual(
      at("2026-03-30T07:00:00Z"),
    );
    expect(zonedTimeToInstant("2026-03-09", "09:00", "America/New_York")).toEqual(
      at("2026-03-09T13:00:00Z"),
    );
    expect(zonedTimeToInstant("2026-03-06", "09:00", "America/New_York")).toEqual(
      at("2026-03-06T14:00:00Z"),
    );
    expect(zonedTimeToInstant("2026-07-01", "09:00", "UTC")).toEqual(at("2026-07-01T09:00:00Z"));
  });

  it("moves a time the clocks skip later by the gap, and takes the first of a time that happens twice", () => {
    // Berlin, 29 March 2026: 02:00 → 03:00. 02:30 never happens; it becomes 03:30 CEST.
    const skipped = zonedTimeToInstant("2026-03-29", "02:30", "Europe/Berlin");
    expect(skipped).toEqual(at("2026-03-29T01:30:00Z"));
    expect(localParts(skipped, "Europe/Berlin")).toEqual({ date: "2026-03-29", time: "03:30" });
    // Berlin, 25 October 2026: 03:00 → 02:00. 02:30 happens twice; the first is CEST.
    expect(zonedTimeToInstant("2026-10-25", "02:30", "Europe/Berlin")).toEqual(
      at("2026-10-25T00:30:00Z"),
    );
  });

  it("reads an instant's local date and time", () => {
    expect(localParts(at("2026-03-01T23:30:00Z"), "Europe/Berlin")).toEqual({
      date: "2026-03-02",
      time: "00:30",
    });
    expect(localParts(at("2026-03-02T03:00:00Z"), "America/Los_Angeles")).toEqual({
      date: "2026-03-01",
      time: "19:00",
    });
  });
});

describe("the cadence", () => {
  it("keeps a 09:00 Europe/Berlin meeting at 09:00 local across the change to summer time", () => {
    const times = nextOccurrences(berlinMondays, at("2026-03-02T09:00:00Z"), 4);
    expect(times).toEqual([
      at("2026-03-09T08:00:00Z"),
      at("2026-03-16T08:00:00Z"),
      at("2026-03-23T08:00:00Z"),
      at("2026-03-30T07:00:00Z"),
    ]);
    for (const t of times) expect(localParts(t, "Europe/Berlin").time).toBe("09:00");
  });

  it("keeps local time across the change back to winter time, and in the southern hemisphere", () => {
    const autumn = nextOccurrences(berlinMondays, at("2026-10-18T12:00:00Z"), 2);
    expect(autumn).toEqual([at("2026-10-19T07:00:00Z"), at("2026-10-26T08:00:00Z")]);
    const sydney = nextOccurrences(
      { ...berlinMondays, timeZone: "Australia/Sydney", startsOn: "2026-03-01" },
      at("2026-03-28T00:00:00Z"),
      2,
    );
    // Sydney leaves daylight saving on 5 April 2026: +11 → +10.
    expect(sydney).toEqual([at("2026-03-29T22:00:00Z"), at("2026-04-05T23:00:00Z")]);
  });

  it("counts only meetings after the moment given, and none before the first day", () => {
    expect(nextOccurrences(berlinMondays, at("2026-03-02T07:59:00Z"), 1)).toEqual([
      at("2026-03-02T08:00:00Z"),
    ]);
    expect(nextOccurrences(berlinMondays, at("2026-03-02T08:00:00Z"), 1)).toEqual([
      at("2026-03-09T08:00:00Z"),
    ]);
    const later = { ...berlinMondays, startsOn: "2026-04-01" };
    expect(nextOccurrences(later, at("2026-03-02T09:00:00Z"), 1)).toEqual([
      at("2026-04-06T07:00:00Z"),
    ]);
  });

  it("meets every other week on the weeks of the first meeting, however far ahead it looks", () => {
    const biweekly: Schedule = {
      ...berlinMondays,
      cadence: "biweekly",
      weekday: 3,
      startsOn: "2026-03-04",
    };
    expect(occurrenceDates(biweekly, "2026-03-01", 3)).toEqual([
      "2026-03-04",
      "2026-03-18",
      "2026-04-01",
    ]);
    expect(occurrenceDates(biweekly, "2026-03-05", 2)).toEqual(["2026-03-18", "2026-04-01"]);
    expect(occurrenceDates(biweekly, "2027-01-01", 1)).toEqual(["2027-01-06"]);
  });

  it("meets monthly on the same weekday of the month: the 2nd Tuesday stays the 2nd Tuesday", () => {
    const monthly: Schedule = {
      ...berlinMondays,
      cadence: "monthly",
      weekday: 2,
      startsOn: "2026-03-10",
    };
    expect(monthlyOrdinal(monthly)).toBe(2);
    expect(occurrenceDates(monthly, "2026-03-01", 5)).toEqual([
      "2026-03-10",
      "2026-04-14",
      "2026-05-12",
      "2026-06-09",
      "2026-07-14",
    ]);
    // Across a year end.
    expect(occurrenceDates(monthly, "2026-12-01", 2)).toEqual(["2026-12-08", "2027-01-12"]);
  });

  it("meets on the last weekday of the month when the first meeting falls in a fifth week", () => {
    const monthly: Schedule = {
      ...berlinMondays,
      cadence: "monthly",
      weekday: 2,
      startsOn: "2026-03-31",
    };
    expect(monthlyOrdinal(monthly)).toBe("last");
    expect(occurrenceDates(monthly, "2026-03-01", 4)).toEqual([
      "2026-03-31",
      "2026-04-28",
      "2026-05-26",
      "2026-06-30",
    ]);
  });

  it("always lands on the series' weekday at its local time, in order and the cadence apart", () => {
    const zones = [
      "Europe/Berlin",
      "America/New_York",
      "America/Sao_Paulo",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
      "Pacific/Auckland",
      "UTC",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom("weekly", "biweekly", "monthly") as fc.Arbitrary<Schedule["cadence"]>,
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 400 }),
        (timeZone, cadence, weekday, hour, minute, startOffset, afterOffset) => {
          const startTime = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
          const schedule: Schedule = {
            cadence,
            weekday,
            startTime,
            timeZone,
            startsOn: addDays("2024-01-01", startOffset),
          };
          const after = new Date(Date.UTC(2024, 0, 1) + (startOffset + afterOffset) * 86_400_000);
          const times = nextOccurrences(schedule, after, 4);
          expect(times).toHaveLength(4);
          const dates = times.map((t) => localParts(t, timeZone));
          for (let i = 0; i < times.length; i++) {
            expect(times[i]!.getTime()).toBeGreaterThan(after.getTime());
            if (i > 0) expect(times[i]!.getTime()).toBeGreaterThan(times[i - 1]!.getTime());
            // A wall time the clocks skip moves later by the gap (at most an hour here, or
            // Lord Howe's half hour); otherwise it is exactly the series' time.
            const local = dates[i]!;
            const wanted = zonedTimeToInstant(local.date, startTime, timeZone);
            expect(wanted.getTime()).toBe(times[i]!.getTime());
            expect(isoWeekday(local.date) === weekday || local.time !== startTime).toBe(true);
            expect(local.date >= schedule.startsOn || local.time !== startTime).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("keeping the next meetings", () => {
  const slots = [
    at("2026-03-09T08:00:00Z"),
    at("2026-03-16T08:00:00Z"),
    at("2026-03-23T08:00:00Z"),
    at("2026-03-30T07:00:00Z"),
  ];
  const row = (id: string, iso: string, status = "scheduled", replacement = false) => ({
    id,
    scheduledAt: at(iso),
    status: status as "scheduled",
    replacement,
  });

  it("creates the meetings missing from the next slots", () => {
    expect(planTopUp({ occurrences: slots, future: [] })).toEqual({ create: slots, move: [] });
    expect(
      planTopUp({
        occurrences: slots,
        future: [row("a", "2026-03-09T08:00:00Z"), row("b", "2026-03-16T08:00:00Z")],
      }),
    ).toEqual({ create: slots.slice(2), move: [] });
  });

  it("does not fill again a slot whose meeting was cancelled or moved, and leaves the replacement where it is", () => {
    const plan = planTopUp({
      occurrences: slots,
      future: [
        row("a", "2026-03-09T08:00:00Z", "cancelled"),
        row("b", "2026-03-16T08:00:00Z", "rescheduled"),
        row("c", "2026-03-17T15:00:00Z", "scheduled", true),
        row("d", "2026-03-23T08:00:00Z"),
        row("e", "2026-03-30T07:00:00Z"),
      ],
    });
    expect(plan).toEqual({ create: [], move: [] });
  });

  it("moves meetings still on the old time onto the new slots, in order, and creates the rest", () => {
    const plan = planTopUp({
      occurrences: slots,
      future: [
        row("old2", "2026-03-12T14:00:00Z"),
        row("old1", "2026-03-05T14:00:00Z"),
        row("gone", "2026-03-19T14:00:00Z", "cancelled"),
      ],
    });
    expect(plan).toEqual({
      move: [
        { id: "old1", scheduledAt: slots[0] },
        { id: "old2", scheduledAt: slots[1] },
      ],
      create: slots.slice(2),
    });
  });
});

describe("what may happen to a meeting", () => {
  const now = at("2026-03-10T10:00:00Z");
  const meeting = (status: string, iso = "2026-03-10T09:00:00Z") => ({
    status: status as "scheduled",
    scheduledAt: at(iso),
  });

  it("is held once it has started (or is about to), and never when cancelled, moved or held already", () => {
    expect(refuseHold(meeting("scheduled"), now)).toBeNull();
    expect(refuseHold(meeting("scheduled", "2026-03-10T10:25:00Z"), now)).toBeNull();
    expect(refuseHold(meeting("scheduled", "2026-03-10T10:31:00Z"), now)?.reason).toBe(
      "not_started",
    );
    expect(refuseHold(meeting("cancelled"), now)).toEqual({
      reason: "cancelled",
      message: "A cancelled meeting cannot be marked held.",
    });
    expect(refuseHold(meeting("rescheduled"), now)?.reason).toBe("rescheduled");
    expect(refuseHold(meeting("held"), now)?.reason).toBe("held");
  });

  it("is cancelled only while scheduled, past or future", () => {
    expect(refuseCancel(meeting("scheduled"))).toBeNull();
    expect(refuseCancel(meeting("scheduled", "2026-04-01T09:00:00Z"))).toBeNull();
    for (const s of ["held", "cancelled", "rescheduled"])
      expect(refuseCancel(meeting(s))?.reason).toBe(s);
  });

  it("is moved only while scheduled, never into the past or onto its own time", () => {
    const m = meeting("scheduled", "2026-03-12T09:00:00Z");
    expect(refuseReschedule(m, at("2026-03-13T09:00:00Z"), now)).toBeNull();
    expect(refuseReschedule(m, at("2026-03-10T09:59:00Z"), now)?.reason).toBe("in_past");
    expect(refuseReschedule(m, m.scheduledAt, now)?.reason).toBe("same_time");
    expect(refuseReschedule(meeting("held"), at("2026-03-13T09:00:00Z"), now)?.reason).toBe("held");
  });

  it("has points discussed once it has started, or after it was held", () => {
    expect(refuseDiscussed(meeting("held"), now)).toBeNull();
    expect(refuseDiscussed(meeting("scheduled"), now)).toBeNull();
    expect(refuseDiscussed(meeting("scheduled", "2026-03-11T09:00:00Z"), now)?.reason).toBe(
      "not_started",
    );
    expect(refuseDiscussed(meeting("cancelled"), now)?.reason).toBe("cancelled");
  });
});

describe("follow-through", () => {
  const today = "2026-06-30";
  const c = (
    status: "open" | "done" | "dropped",
    dueOn: string,
    closedOn: string | null = null,
    ownerId = "me",
  ) => ({ ownerId, status, dueOn, closedOn });

  it("is done on time out of done, dropped and overdue open, over the last 90 days", () => {
    const result = followThrough(
      [
        c("done", "2026-06-10", "2026-06-09"), // on time
        c("done", "2026-06-10", "2026-06-10"), // on the day: on time
        c("done", "2026-06-10", "2026-06-12"), // late
        c("dropped", "2026-06-20", "2026-06-15"),
        c("open", "2026-06-29"), // overdue
        c("open", "2026-06-30"), // due today: not overdue yet
        c("open", "2026-07-15"), // not due
        c("done", "2026-06-10", "2026-06-01", "someone else"),
      ],
      { personId: "me", today },
    );
    expect(result).toEqual({
      rate: 2 / 5,
      doneOnTime: 2,
      doneLate: 1,
      dropped: 1,
      overdueOpen: 1,
      counted: 5,
    });
  });

  it("counts a closed commitment by the day it was closed, and an open one by its due date", () => {
    const result = followThrough(
      [
        c("done", "2026-03-01", "2026-04-02"), // closed on the first day of the window: late
        c("done", "2026-03-01", "2026-04-01"), // closed the day before: outside
        c("open", "2026-04-01"), // overdue, but due before the window
        c("open", "2026-04-02"), // overdue, due in the window
      ],
      { personId: "me", today },
    );
    expect(result).toMatchObject({ doneLate: 1, overdueOpen: 1, counted: 2, rate: 0 });
  });

  it("is null when nothing counts yet", () => {
    expect(followThrough([c("open", "2026-07-01")], { personId: "me", today }).rate).toBeNull();
    expect(followThrough([], { personId: "me", today })).toEqual({
      rate: null,
      doneOnTime: 0,
      doneLate: 0,
      dropped: 0,
      overdueOpen: 0,
      counted: 0,
    });
  });
});

describe("the meeting record", () => {
  it("counts held meetings and ones either side cancelled in the last 90 days, who cancelled, and finds the last and next", () => {
    const now = at("2026-06-30T12:00:00Z");
    const m = (iso: string, status: string, cancelledById: string | null = null) => ({
      scheduledAt: at(iso),
      durationMinutes: 30,
      status: status as "held",
      cancelledById,
    });
    const record = meetingRecord(
      [
        m("2026-03-01T09:00:00Z", "held"), // before the window
        m("2026-03-01T09:00:00Z", "cancelled", "boss"), // before the window
        m("2026-04-15T09:00:00Z", "held"),
        m("2026-05-15T09:00:00Z", "cancelled", "boss"),
        m("2026-05-22T09:00:00Z", "cancelled", "report"),
        m("2026-05-25T09:00:00Z", "cancelled", null), // by neither: the reporting line changed
        m("2026-05-29T09:00:00Z", "rescheduled"),
        m("2026-06-29T09:00:00Z", "held"),
        m("2026-06-30T11:45:00Z", "scheduled"), // under way
        m("2026-07-07T09:00:00Z", "scheduled"),
        m("2026-07-14T09:00:00Z", "cancelled", "boss"), // ahead: not counted yet
      ],
      { managerId: "boss", now },
    );
    expect(record).toEqual({
      lastHeld: at("2026-06-29T09:00:00Z"),
      next: at("2026-06-30T11:45:00Z"),
      heldLast90: 2,
      cancelledLast90: 2,
      cancelledByManagerLast90: 1,
    });
  });
});

describe("the question deck", () => {
  it("has at least 80 questions with unique, well-formed ids, spread over every stage and theme", () => {
    expect(questionDeck.length).toBeGreaterThanOrEqual(80);
    expect(new Set(questionDeck.map((q) => q.id)).size).toBe(questionDeck.length);
    expect(new Set(questionDeck.map((q) => q.text)).size).toBe(questionDeck.length);
    for (const q of questionDeck) {
      expect(q.id).toMatch(/^(trust|personal|growth|reality)\.[a-z]+\.\d+$/);
      expect(q.id.split(".")[1]).toBe(q.theme);
      expect(q.text.length).toBeGreaterThan(10);
      expect(q.text.length).toBeLessThanOrEqual(2000);
      expect(q.text.trim().endsWith("?") || q.text.trim().endsWith(".")).toBe(true);
    }
    for (const stage of coachingStages)
      for (const theme of deckThemes)
        expect(
          questionDeck.filter((q) => q.stage === stage && q.theme === theme).length,
          `${stage} × ${theme}`,
        ).toBeGreaterThanOrEqual(3);
  });
});

describe("suggesting questions", () => {
  it("derives the stage from the meetings held before", () => {
    expect([0, 2, 3, 5, 6, 9, 10, 50].map(stageFor)).toEqual([
      "establish_trust",
      "establish_trust",
      "make_it_personal",
      "make_it_personal",
      "commit_to_growth",
      "commit_to_growth",
      "confront_reality",
      "confront_reality",
    ]);
  });

  it("suggests three questions of the stage to a new pair, on three different themes", () => {
    const { stage, questions } = suggestQuestions({
      deck: questionDeck,
      heldBefore: 0,
      recentIds: [],
      seed: "meeting-1",
    });
    expect(stage).toBe("establish_trust");
    expect(questions).toHaveLength(3);
    expect(questions.every((q) => q.stage === "establish_trust")).toBe(true);
    expect(new Set(questions.map((q) => q.theme)).size).toBe(3);
  });

  it("later mixes two of the stage with one from an earlier stage", () => {
    for (const [held, stage] of [
      [4, "make_it_personal"],
      [7, "commit_to_growth"],
      [12, "confront_reality"],
    ] as const) {
      const { questions } = suggestQuestions({
        deck: questionDeck,
        heldBefore: held,
        recentIds: [],
        seed: `m-${held}`,
      });
      expect(questions.filter((q) => q.stage === stage)).toHaveLength(2);
      const other = questions.find((q) => q.stage !== stage)!;
      expect(coachingStages.indexOf(other.stage)).toBeLessThan(coachingStages.indexOf(stage));
    }
  });

  it("is the same for the same meeting, differs between meetings, and replaces only a question pulled in", () => {
    const args = { deck: questionDeck, heldBefore: 7, recentIds: [] as string[] };
    const first = suggestQuestions({ ...args, seed: "meeting-a" }).questions.map((q) => q.id);
    expect(suggestQuestions({ ...args, seed: "meeting-a" }).questions.map((q) => q.id)).toEqual(
      first,
    );
    const others = ["b", "c", "d", "e"].map((s) =>
      suggestQuestions({ ...args, seed: `meeting-${s}` })
        .questions.map((q) => q.id)
        .join(),
    );
    expect(others.some((o) => o !== first.join())).toBe(true);
    const after = suggestQuestions({ ...args, seed: "meeting-a", recentIds: [first[0]!] });
    const ids = after.questions.map((q) => q.id);
    expect(ids).not.toContain(first[0]);
    expect(ids).toContain(first[1]);
    expect(ids).toContain(first[2]);
  });

  it("never repeats a recent question while fresh ones are left, and still answers when the deck is worn thin", () => {
    const stageQuestions = questionDeck.filter((q) => q.stage === "establish_trust");
    const recent = stageQuestions.slice(0, stageQuestions.length - 1).map((q) => q.id);
    const { questions } = suggestQuestions({
      deck: questionDeck,
      heldBefore: 0,
      recentIds: recent,
      seed: "x",
    });
    expect(questions).toHaveLength(3);
    expect(questions.map((q) => q.id)).toContain(stageQuestions.at(-1)!.id);
    for (const q of questions) expect(recent).not.toContain(q.id);

    const everything = suggestQuestions({
      deck: questionDeck,
      heldBefore: 0,
      recentIds: questionDeck.map((q) => q.id),
      seed: "x",
    });
    expect(everything.questions).toHaveLength(3);
  });

  it("keeps to stage and freshness for any seed and history", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: 30 }),
        fc.subarray(
          questionDeck.map((q) => q.id),
          { maxLength: 30 },
        ),
        (seed, heldBefore, recentIds) => {
          const { stage, questions } = suggestQuestions({
            deck: questionDeck,
            heldBefore,
            recentIds,
            seed,
          });
          expect(stage).toBe(stageFor(heldBefore));
          expect(questions).toHaveLength(3);
          expect(new Set(questions.map((q) => q.id)).size).toBe(3);
          for (const q of questions) expect(recentIds).not.toContain(q.id);
          expect(questions.filter((q) => q.stage === stage).length).toBeGreaterThanOrEqual(2);
          for (const q of questions)
            expect(coachingStages.indexOf(q.stage)).toBeLessThanOrEqual(
              coachingStages.indexOf(stage),
            );
        },
      ),
    );
  });
});
