import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkGoal, checkWording } from "../review/review.language.js";
import {
  bandOf,
  coachingSorts,
  countBands,
  countFlags,
  figuresOf,
  flagsOf,
  hidesCoaching,
  hidesRisk,
  type ManagerRow,
  monthsInPeriod,
  numberCell,
  type PlanRiskFacts,
  pageOf,
  rateCell,
  sortManagers,
  sortRiskPlans,
  sumCounts,
  type Totals,
  worstFirst,
} from "./insight.coaching.rules.js";
import type { RiskReport } from "./insight.types.js";

const counts = (overrides: Partial<Totals> = {}): Totals => ({
  reports: 4,
  held: 9,
  cancelled: 3,
  feedbackGiven: 8,
  commitmentsDue: 5,
  commitmentsKept: 4,
  plansOpened: 2,
  plansWithoutPriorFeedback: 1,
  ...overrides,
});

describe("the figures of a manager", () => {
  it("divide each count by what it is a share of", () => {
    expect(figuresOf({ counts: counts(), months: 2 })).toEqual({
      reports: 4,
      oneOnOnesHeld: 9,
      oneOnOnesCancelled: 3,
      heldRate: 0.75,
      feedbackGiven: 8,
      feedbackPerReportPerMonth: 1,
      commitmentsDue: 5,
      commitmentsKept: 4,
      keptRate: 0.8,
      plansOpened: 2,
      plansPer100Reports: 50,
      plansWithoutPriorFeedback: 1,
      shareWithoutPriorFeedback: 0.5,
    });
  });

  it("have no rate where there is nothing to divide by", () => {
    const f = figuresOf({
      counts: counts({
        reports: 0,
        held: 0,
        cancelled: 0,
        commitmentsDue: 0,
        commitmentsKept: 0,
        plansOpened: 0,
        plansWithoutPriorFeedback: 0,
      }),
      months: 3,
    });
    expect(f.heldRate).toBeNull();
    expect(f.feedbackPerReportPerMonth).toBeNull();
    expect(f.keptRate).toBeNull();
    expect(f.plansPer100Reports).toBeNull();
    expect(f.shareWithoutPriorFeedback).toBeNull();
  });

  it("add up to the organisation's counts", () => {
    expect(sumCounts([counts(), counts({ reports: 1, held: 1, cancelled: 0 })])).toEqual({
      reports: 5,
      held: 10,
      cancelled: 3,
      feedbackGiven: 16,
      commitmentsDue: 10,
      commitmentsKept: 8,
      plansOpened: 4,
      plansWithoutPriorFeedback: 2,
    });
    expect(sumCounts([]).reports).toBe(0);
  });
});

describe("the months in a period", () => {
  it.each([
    ["2026-01-01", "2026-01-01", 1 / (365.25 / 12)],
    ["2026-01-01", "2026-12-31", 365 / (365.25 / 12)],
    ["2024-01-01", "2024-12-31", 366 / (365.25 / 12)],
  ])("from %s to %s, both days included, is %f average months", (from, to, months) => {
    expect(monthsInPeriod({ from, to })).toBeCloseTo(months, 10);
  });
});

describe("the bands of 1:1s held", () => {
  it.each([
    [null, "No 1:1s"],
    [0, "Under 50%"],
    [0.4999, "Under 50%"],
    [0.5, "50–69%"],
    [0.6999, "50–69%"],
    [0.7, "70–89%"],
    [0.8999, "70–89%"],
    [0.9, "90% or more"],
    [1, "90% or more"],
  ] as const)("a held rate of %s falls in %s", (rate, band) => {
    expect(bandOf(rate)).toBe(band);
  });

  it("list every band in chart order, empty ones with none", () => {
    expect(countBands([0.2, 0.95, null, 0.3])).toEqual([
      { band: "Under 50%", managers: 2 },
      { band: "50–69%", managers: 0 },
      { band: "70–89%", managers: 0 },
      { band: "90% or more", managers: 1 },
      { band: "No 1:1s", managers: 1 },
    ]);
  });
});

function row(name: string, overrides: Partial<ManagerRow> = {}): ManagerRow {
  return {
    managerId: `id-${name}`,
    name,
    department: "Engineering",
    ...figuresOf({ counts: counts(), months: 1 }),
    ...overrides,
  };
}

describe("sorting managers", () => {
  const rows = [
    row("Ann", {
      heldRate: 0.9,
      feedbackPerReportPerMonth: 2,
      keptRate: null,
      plansPer100Reports: 0,
    }),
    row("Bob", {
      heldRate: null,
      feedbackPerReportPerMonth: 0.5,
      keptRate: 0.5,
      plansPer100Reports: 25,
    }),
    row("Cid", {
      heldRate: 0.4,
      feedbackPerReportPerMonth: 1,
      keptRate: 0.9,
      plansPer100Reports: null,
    }),
    row("Dee", {
      heldRate: 0.4,
      feedbackPerReportPerMonth: null,
      keptRate: 0.2,
      plansPer100Reports: 50,
    }),
  ];
  it.each([
    ["held_rate", ["Bob", "Cid", "Dee", "Ann"]],
    ["feedback", ["Dee", "Bob", "Cid", "Ann"]],
    ["kept_rate", ["Dee", "Bob", "Cid", "Ann"]],
    ["plans", ["Dee", "Bob", "Ann", "Cid"]],
    ["name", ["Ann", "Bob", "Cid", "Dee"]],
  ] as const)("by %s puts the worst first: %j", (sort, names) => {
    expect(sortManagers(rows, sort).map((r) => r.name)).toEqual(names);
  });

  it.each([
    ["held_rate", ["Ann", "Cid", "Dee", "Bob"]],
    ["feedback", ["Ann", "Cid", "Bob", "Dee"]],
    ["kept_rate", ["Cid", "Bob", "Dee", "Ann"]],
    ["name", ["Dee", "Cid", "Bob", "Ann"]],
  ] as const)(
    "by %s, reversed, puts the best first and no figure where it belongs: %j",
    (sort, names) => {
      expect(sortManagers(rows, sort, "desc").map((r) => r.name)).toEqual(names);
    },
  );

  it("by plans, fewest first, still leaves a manager with no figure last", () => {
    expect(sortManagers(rows, "plans", "asc").map((r) => r.name)).toEqual([
      "Ann",
      "Bob",
      "Dee",
      "Cid",
    ]);
  });

  it("reads the same with the worst-first direction named or left out", () => {
    for (const sort of coachingSorts)
      expect(sortManagers(rows, sort, worstFirst[sort])).toEqual(sortManagers(rows, sort));
  });

  it("pages without overlap", () => {
    const sorted = sortManagers(rows, "name");
    expect(pageOf(sorted, { offset: 0, limit: 3 }).map((r) => r.name)).toEqual([
      "Ann",
      "Bob",
      "Cid",
    ]);
    expect(pageOf(sorted, { offset: 3, limit: 3 }).map((r) => r.name)).toEqual(["Dee"]);
    expect(pageOf(sorted, { offset: 9, limit: 3 })).toEqual([]);
  });
});

describe("hiding small groups", () => {
  it("hides coaching figures only in the aggregate view and only under the minimum", () => {
    expect(hidesCoaching({ view: "aggregate", managers: 4, minGroupSize: 5 })).toBe(true);
    expect(hidesCoaching({ view: "aggregate", managers: 5, minGroupSize: 5 })).toBe(false);
    expect(hidesCoaching({ view: "named", managers: 1, minGroupSize: 5 })).toBe(false);
  });

  it("hides risk counts only in the aggregate view and only under the minimum", () => {
    expect(hidesRisk({ view: "aggregate", running: 0, minGroupSize: 5 })).toBe(true);
    expect(hidesRisk({ view: "aggregate", running: 7, minGroupSize: 5 })).toBe(false);
    expect(hidesRisk({ view: "named", running: 1, minGroupSize: 5 })).toBe(false);
  });
});

const clean: PlanRiskFacts = {
  openBlockers: 0,
  overriddenFindings: 0,
  retaliationRisk: false,
  issuedOn: "2026-02-01",
  overdueCheckins: 0,
  unansweredClarifications: 0,
};
const period = { from: "2026-01-01", to: "2026-03-31" };

describe("the flags of a running plan", () => {
  it("are none for a plan with nothing wrong", () => {
    expect(flagsOf(clean, period)).toEqual([]);
  });

  it.each([
    [{ openBlockers: 1 }, ["open_blockers"]],
    [{ overriddenFindings: 2 }, ["overridden_findings"]],
    [{ retaliationRisk: true }, ["retaliation_window"]],
    [{ overdueCheckins: 1 }, ["overdue_checkins"]],
    [{ unansweredClarifications: 3 }, ["unanswered_clarifications"]],
    [
      { openBlockers: 1, retaliationRisk: true, overdueCheckins: 2 },
      ["open_blockers", "retaliation_window", "overdue_checkins"],
    ],
  ] as const)("%j raises %j", (facts, flags) => {
    expect(flagsOf({ ...clean, ...facts }, period)).toEqual(flags);
  });

  it("count the retaliation window only for plans issued in the period", () => {
    const risky = { ...clean, retaliationRisk: true };
    expect(flagsOf({ ...risky, issuedOn: "2025-12-31" }, period)).toEqual([]);
    expect(flagsOf({ ...risky, issuedOn: "2026-01-01" }, period)).toEqual(["retaliation_window"]);
    expect(flagsOf({ ...risky, issuedOn: "2026-03-31" }, period)).toEqual(["retaliation_window"]);
    expect(flagsOf({ ...risky, issuedOn: "2026-04-01" }, period)).toEqual([]);
    expect(flagsOf({ ...risky, issuedOn: null }, period)).toEqual([]);
  });
});

type RiskPlan = RiskReport["plans"][number];
const plan = (employeeName: string, overrides: Partial<RiskPlan> = {}): RiskPlan => ({
  planId: `plan-${employeeName}`,
  employeeName,
  managerName: "M",
  department: "Engineering",
  status: "active",
  flags: [],
  overdueCheckins: 0,
  unansweredClarifications: 0,
  ...overrides,
});

describe("counting and sorting plans at risk", () => {
  const plans = [
    plan("Ann"),
    plan("Bob", { flags: ["open_blockers"], overdueCheckins: 1 }),
    plan("Cid", { flags: ["open_blockers", "retaliation_window"] }),
    plan("Dee", { flags: ["overdue_checkins"], overdueCheckins: 4 }),
  ];

  it("counts every flag, those no plan has with none", () => {
    expect(countFlags(plans)).toEqual([
      { flag: "open_blockers", plans: 2 },
      { flag: "overridden_findings", plans: 0 },
      { flag: "retaliation_window", plans: 1 },
      { flag: "overdue_checkins", plans: 1 },
      { flag: "unanswered_clarifications", plans: 0 },
    ]);
  });

  it("puts the plans with most flags first, then the most open items, then by name", () => {
    expect(sortRiskPlans(plans).map((p) => p.employeeName)).toEqual(["Cid", "Dee", "Bob", "Ann"]);
  });
});

describe("CSV cells", () => {
  it("write rates with four places and figures with two, and nothing for none", () => {
    expect(rateCell(0.75)).toBe("0.7500");
    expect(rateCell(null)).toBe("");
    expect(numberCell(1 / 3)).toBe("0.33");
    expect(numberCell(50)).toBe("50");
    expect(numberCell(null)).toBe("");
  });
});

describe("what the risk report leaves out of the plan review", () => {
  // The risk report reviews running plans without their free texts, because only the language
  // checker reads them and it never blocks a plan. This holds it to that, over every goal in the
  // checker's own corpus.
  const corpus = readFileSync(
    new URL("../../../bench/goal-statements.csv", import.meta.url),
    "utf8",
  )
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",").slice(5).join(",").replace(/^"|"$/g, ""));

  it("the language checker raises no blocker on any goal or wording", () => {
    expect(corpus.length).toBeGreaterThan(500);
    const severities = new Set<string>();
    for (const text of corpus) {
      for (const f of checkGoal(text).findings) severities.add(f.severity);
      for (const f of checkWording(text)) severities.add(f.severity);
    }
    expect(severities.has("warning")).toBe(true);
    expect(severities.has("blocker")).toBe(false);
  });
});
