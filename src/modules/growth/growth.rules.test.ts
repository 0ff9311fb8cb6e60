import { describe, expect, it } from "vitest";
import {
  addDays,
  averageProgress,
  defaultTemplate,
  discussionDateProblems,
  dueOnProblems,
  goalTransitionAllowed,
  materialiseStages,
  onboardingStatus,
  startDateProblems,
  templateProblems,
} from "./growth.rules.js";

const today = "2026-03-02";

describe("growth goal rules", () => {
  it.each([
    ["active", "achieved", true],
    ["active", "dropped", true],
    ["active", "active", true],
    ["achieved", "active", false],
    ["dropped", "active", false],
    ["achieved", "dropped", false],
    ["dropped", "achieved", false],
  ] as const)("a goal %s may become %s: %s", (from, to, allowed) => {
    expect(goalTransitionAllowed(from, to)).toBe(allowed);
  });

  it.each([
    [null, []],
    ["2026-03-02", []],
    ["2036-03-01", []],
    ["2026-03-01", ["dueOn"]],
    ["2036-03-03", ["dueOn"]],
  ] as const)("a due date of %s has problems at %j", (dueOn, paths) => {
    expect(dueOnProblems({ dueOn, today }).map((p) => p.path)).toEqual(paths);
  });

  it("averages progress, and has no average without goals", () => {
    expect(averageProgress([])).toBeNull();
    expect(averageProgress([10, 20, 31])).toBe(20);
  });
});

describe("onboarding rules", () => {
  const s = (day: number, title = "Stage", success: string[] = []) => ({ day, title, success });

  it("accepts the default template", () => {
    expect(templateProblems(defaultTemplate.stages)).toEqual([]);
    expect(defaultTemplate.stages.map((x) => x.day)).toEqual([30, 60, 90]);
  });

  it.each([
    ["strictly increasing days", [s(1), s(2), s(365)], []],
    ["a repeated day", [s(30), s(30)], ["stages.1.day"]],
    ["a day going back", [s(30), s(60), s(45)], ["stages.2.day"]],
    ["day 0", [s(0)], ["stages.0.day"]],
    ["day 366", [s(366)], ["stages.0.day"]],
    ["a fractional day", [s(1.5)], ["stages.0.day"]],
    ["no stages", [], ["stages"]],
    ["eleven stages", Array.from({ length: 11 }, (_, i) => s(i + 1)), ["stages"]],
    ["ten stages", Array.from({ length: 10 }, (_, i) => s(i + 1)), []],
    ["a blank title", [s(5, "  ")], ["stages.0.title"]],
    ["a title of 201 characters", [s(5, "x".repeat(201))], ["stages.0.title"]],
    ["21 success lines", [s(5, "T", Array(21).fill("ok"))], ["stages.0.success"]],
    ["20 success lines", [s(5, "T", Array(20).fill("ok"))], []],
    ["a success line of 501 characters", [s(5, "T", ["x".repeat(501)])], ["stages.0.success.0"]],
    ["a blank success line", [s(5, "T", [" "])], ["stages.0.success.0"]],
  ])("a template with %s has problems only where expected", (_, stages, paths) => {
    expect(templateProblems(stages).map((p) => p.path)).toEqual(paths);
  });

  it("dates each stage from the start, copying what success looks like", () => {
    const stages = materialiseStages({ startDate: "2026-12-15", stages: defaultTemplate.stages });
    expect(stages.map((x) => x.dueOn)).toEqual(["2027-01-14", "2027-02-13", "2027-03-15"]);
    stages[0]!.success.push("changed");
    expect(defaultTemplate.stages[0]!.success).not.toContain("changed");
  });

  it.each([
    [null, ["startDate"]],
    ["2025-03-02", []],
    ["2025-03-01", ["startDate"]],
    ["2027-03-02", []],
    ["2027-03-03", ["startDate"]],
  ] as const)("a start date of %s has problems at %j", (startDate, paths) => {
    expect(startDateProblems({ startDate, today }).map((p) => p.path)).toEqual(paths);
  });

  it.each([
    [[], "active"],
    [["checked_in", "upcoming"], "active"],
    [["checked_in", "checked_in"], "completed"],
  ] as const)("stages %j make the plan %s", (statuses, status) => {
    expect(onboardingStatus([...statuses])).toBe(status);
  });
});

describe("documented discussion rules", () => {
  it.each([
    ["today, no follow-up", today, null, []],
    ["yesterday, follow-up next week", "2026-03-01", "2026-03-09", []],
    ["tomorrow", "2026-03-03", null, ["occurredOn"]],
    ["over ten years ago", "2016-02-29", null, ["occurredOn"]],
    ["follow-up the same day", "2026-03-01", "2026-03-01", ["followUpOn"]],
    ["follow-up before", "2026-03-01", "2026-02-01", ["followUpOn"]],
    ["follow-up in a year and a day", "2026-03-01", addDays(today, 366), []],
    ["follow-up beyond that", "2026-03-01", addDays(today, 367), ["followUpOn"]],
  ])(
    "a discussion dated %s has problems only where expected",
    (_, occurredOn, followUpOn, paths) => {
      expect(discussionDateProblems({ occurredOn, followUpOn, today }).map((p) => p.path)).toEqual(
        paths,
      );
    },
  );
});
