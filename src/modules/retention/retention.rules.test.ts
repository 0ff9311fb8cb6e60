import { describe, expect, it } from "vitest";
import {
  checkPolicyChange,
  decideErasure,
  floorsFor,
  monthsBefore,
  resolvePolicy,
  retentionSchedule,
} from "./retention.rules.js";
import { recordTypeInfo, recordTypes } from "./retention.types.js";

const floors = floorsFor({ protectedActivityDays: 180 });

describe("the retention policy", () => {
  it("falls back to the default for every type the stored policy does not set, or sets badly", () => {
    const policy = resolvePolicy({
      feedback: 48,
      notifications: null,
      closed_plans: -3,
      sent_mail: 2.5,
      onboarding_plans: "12",
      expired_sessions: 5000,
      not_a_type: 1,
    });
    expect(policy.feedback).toBe(48);
    expect(policy.notifications).toBeNull();
    expect(policy.closed_plans).toBe(72);
    expect(policy.sent_mail).toBe(3);
    expect(policy.onboarding_plans).toBe(36);
    expect(policy.expired_sessions).toBe(1);
    expect(Object.keys(policy)).toEqual([...recordTypes]);
    expect(resolvePolicy(null)).toEqual(
      Object.fromEntries(recordTypes.map((t) => [t, recordTypeInfo[t].defaultMonths])),
    );
  });

  it("has a default at or above the floor for every type, and explains every floor above a month", () => {
    for (const type of recordTypes) {
      const info = recordTypeInfo[type];
      expect(info.defaultMonths ?? Number.POSITIVE_INFINITY, type).toBeGreaterThanOrEqual(
        info.floorMonths,
      );
      if (info.floorMonths > 1) expect(info.floorReason, type).toBeTruthy();
    }
  });

  it("raises the floor of protected activities to the plan review's look-back", () => {
    expect(floorsFor({ protectedActivityDays: 180 }).protected_activities).toBe(12);
    expect(floorsFor({ protectedActivityDays: 730 }).protected_activities).toBe(25);
    expect(floorsFor({ protectedActivityDays: 730 }).closed_plans).toBe(12);
  });

  const cases: {
    name: string;
    periods: Record<string, unknown>;
    problems: { path: string; message: RegExp }[];
  }[] = [
    { name: "a valid change", periods: { closed_plans: 84, feedback: null }, problems: [] },
    { name: "exactly the floor", periods: { closed_plans: 12, notifications: 1 }, problems: [] },
    { name: "the longest period", periods: { sent_mail: 1200 }, problems: [] },
    {
      name: "negative months",
      periods: { notifications: -1 },
      problems: [{ path: "periods.notifications", message: /whole number of months/ }],
    },
    {
      name: "a fraction",
      periods: { notifications: 1.5 },
      problems: [{ path: "periods.notifications", message: /whole number of months/ }],
    },
    {
      name: "a string",
      periods: { notifications: "12" },
      problems: [{ path: "periods.notifications", message: /whole number of months/ }],
    },
    {
      name: "zero months",
      periods: { expired_sessions: 0 },
      problems: [{ path: "periods.expired_sessions", message: /at least 1 month\./ }],
    },
    {
      name: "a closed plan below a year",
      periods: { closed_plans: 11 },
      problems: [
        { path: "periods.closed_plans", message: /closed success plans at least 12 months\. Rec/ },
      ],
    },
    {
      name: "too long",
      periods: { feedback: 1201 },
      problems: [{ path: "periods.feedback", message: /at most 1200 months/ }],
    },
    {
      name: "an unknown type, among good ones",
      periods: { closed_plans: 72, plans: 12 },
      problems: [{ path: "periods.plans", message: /no record type "plans"/ }],
    },
    {
      name: "every problem at once",
      periods: { closed_concerns: 3, deactivated_people: -2, x: 1 },
      problems: [
        { path: "periods.closed_concerns", message: /at least 12 months/ },
        { path: "periods.deactivated_people", message: /whole number/ },
        { path: "periods.x", message: /no record type/ },
      ],
    },
  ];
  for (const c of cases)
    it(`checks a change: ${c.name}`, () => {
      const problems = checkPolicyChange({ periods: c.periods, floors });
      expect(problems.map((p) => p.path)).toEqual(c.problems.map((p) => p.path));
      problems.forEach((p, i) => {
        expect(p.message).toMatch(c.problems[i]!.message);
      });
    });

  it("says to shorten the review's look-back when protected activities would fall below it", () => {
    const [problem] = checkPolicyChange({
      periods: { protected_activities: 13 },
      floors: floorsFor({ protectedActivityDays: 730 }),
      protectedActivityDays: 730,
    });
    expect(problem?.message).toMatch(/at least 25 months\. The plan review looks back 730 days/);
  });
});

describe("cut-off dates", () => {
  const cases: [now: string, months: number, cutoff: string][] = [
    ["2026-03-02T09:00:00.000Z", 1, "2026-02-02T09:00:00.000Z"],
    ["2026-03-02T09:00:00.000Z", 72, "2020-03-02T09:00:00.000Z"],
    ["2026-03-31T23:59:59.999Z", 1, "2026-02-28T23:59:59.999Z"],
    ["2028-03-31T12:00:00.000Z", 1, "2028-02-29T12:00:00.000Z"],
    ["2026-01-15T00:00:00.000Z", 13, "2024-12-15T00:00:00.000Z"],
    ["2026-05-31T06:30:00.000Z", 3, "2026-02-28T06:30:00.000Z"],
  ];
  for (const [now, months, cutoff] of cases)
    it(`${months} months before ${now} is ${cutoff}`, () => {
      expect(monthsBefore(new Date(now), months).toISOString()).toBe(cutoff);
    });

  it("gives every type its cut-off, none for a type kept for ever, and never goes below a floor that rose", () => {
    const now = new Date("2026-03-02T09:00:00.000Z");
    const schedule = retentionSchedule({
      policy: { ...resolvePolicy({}), notifications: null, protected_activities: 12 },
      floors: floorsFor({ protectedActivityDays: 730 }),
      now,
    });
    expect(schedule.map((s) => s.type)).toEqual([...recordTypes]);
    const of = (type: string) => schedule.find((s) => s.type === type)!;
    expect(of("notifications")).toMatchObject({ months: null, cutoff: null });
    expect(of("closed_plans").cutoff?.toISOString()).toBe("2020-03-02T09:00:00.000Z");
    expect(of("protected_activities").months).toBe(25);
    expect(of("protected_activities").cutoff?.toISOString()).toBe("2024-02-02T09:00:00.000Z");
  });
});

describe("which records go", () => {
  const cutoff = new Date("2020-03-02T09:00:00.000Z");
  const at = (iso: string) => new Date(iso);
  const record = (id: string, when: string, people: string[]) => ({ id, at: at(when), people });

  const cases: {
    name: string;
    records: ReturnType<typeof record>[];
    held: string[];
    cutoff?: Date | null;
    due: string[];
    kept: string[];
  }[] = [
    {
      name: "older than the cut-off, no hold: goes",
      records: [record("a", "2019-01-01T00:00:00Z", ["ann", "bob"])],
      held: [],
      due: ["a"],
      kept: [],
    },
    {
      name: "exactly at the cut-off: stays (the period is not over)",
      records: [record("a", "2020-03-02T09:00:00.000Z", ["ann"])],
      held: [],
      due: [],
      kept: [],
    },
    {
      name: "newer than the cut-off: stays, and is not counted as held",
      records: [record("a", "2021-01-01T00:00:00Z", ["ann"])],
      held: ["ann"],
      due: [],
      kept: [],
    },
    {
      name: "a hold on the employee keeps it",
      records: [record("a", "2019-01-01T00:00:00Z", ["ann", "bob"])],
      held: ["ann"],
      due: [],
      kept: ["a"],
    },
    {
      name: "a hold on the manager (or any other person on it) keeps it",
      records: [record("a", "2019-01-01T00:00:00Z", ["ann", "bob", "cat"])],
      held: ["cat"],
      due: [],
      kept: ["a"],
    },
    {
      name: "a hold on someone else changes nothing",
      records: [
        record("a", "2019-01-01T00:00:00Z", ["ann"]),
        record("b", "2018-01-01T00:00:00Z", ["dan"]),
      ],
      held: ["dan"],
      due: ["a"],
      kept: ["b"],
    },
    {
      name: "kept for ever: nothing goes, nothing is counted",
      records: [record("a", "1999-01-01T00:00:00Z", ["ann"])],
      held: [],
      cutoff: null,
      due: [],
      kept: [],
    },
    {
      name: "a record about nobody in particular goes",
      records: [record("a", "2019-01-01T00:00:00Z", [])],
      held: ["ann"],
      due: ["a"],
      kept: [],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const result = decideErasure({
        records: c.records,
        cutoff: c.cutoff === undefined ? cutoff : c.cutoff,
        heldPeople: new Set(c.held),
      });
      expect(result.due.map((r) => r.id)).toEqual(c.due);
      expect(result.held.map((r) => r.id)).toEqual(c.kept);
    });
});
