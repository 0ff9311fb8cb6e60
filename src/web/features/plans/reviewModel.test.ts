import { describe, expect, it } from "vitest";
import { DraftForReview } from "../../../modules/review/review.schemas";
import type { DraftPlan } from "./editorModel";
import { draftForReview, pathLabel, stepOfFinding } from "./reviewModel";

const halfTyped: DraftPlan = {
  standard: "x".repeat(6000),
  startDate: "2026-03-02",
  endDate: "",
  cadenceDays: 7,
  goodFaith: null,
  goodFaithNote: "",
  hrPartnerId: null,
  hrPartnerName: null,
  evidence: [
    {
      id: "ev-1",
      key: "ev-1",
      kind: "incident",
      title: "Late reply",
      description: "",
      impact: "",
      occurredOn: null,
      unit: "",
      source: "",
      series: [],
    },
  ],
  causes: [{ cause: "skill", notes: "" }],
  goals: [
    {
      key: "new-1",
      description: "be more positive with customers",
      metric: "",
      unit: "",
      direction: "up",
      baseline: Number.NaN,
      target: 4.5,
      measurement: "",
      dueDate: "",
      resources: [],
      milestones: [
        { key: "m1", title: "First week", dueDate: "", target: null, earlyWin: true },
        { key: "m2", title: "Second week", dueDate: "2026-03-16", target: 4, earlyWin: false },
      ],
    },
  ],
};

describe("the draft the editor sends to the review", () => {
  it("is accepted by the server's schema even while fields are half typed", () => {
    const draft = draftForReview(halfTyped, new Map([["ev-1", "2026-03-03T10:00:00.000Z"]]));
    expect(DraftForReview.safeParse(draft).success).toBe(true);
  });

  it("leaves out what is not a value yet: empty dates, NaN numbers, undated milestones", () => {
    const draft = draftForReview(halfTyped);
    expect(draft.endDate).toBeNull();
    expect(draft.goals[0]!.dueDate).toBeNull();
    expect(draft.goals[0]!.baseline).toBeNull();
    expect(draft.goals[0]!.target).toBe(4.5);
    expect(draft.goals[0]!.milestones).toEqual([
      { title: "Second week", dueDate: "2026-03-16", target: 4 },
    ]);
    expect(draft.standard).toHaveLength(5000);
  });

  it("carries when the employee answered each saved evidence item", () => {
    expect(draftForReview(halfTyped).evidence[0]!.answeredAt).toBeNull();
    expect(
      draftForReview(halfTyped, new Map([["ev-1", "2026-03-03T10:00:00.000Z"]])).evidence[0]!
        .answeredAt,
    ).toBe("2026-03-03T10:00:00.000Z");
  });
});

describe("where a finding is shown", () => {
  it.each([
    [{ code: "goal.trait_based", path: "goals.0.description" }, "goals"],
    [{ code: "goal.no_resources", path: "goals.2.resources" }, "goals"],
    [{ code: "plan.no_early_win", path: "goals" }, "milestones"],
    [{ code: "wording.judgemental", path: "evidence.1.impact" }, "evidence"],
    [{ code: "plan.too_short", path: "endDate" }, "schedule"],
    [{ code: "plan.good_faith_failed", path: "goodFaith" }, "good-faith"],
    [{ code: "plan.no_root_cause", path: "causes" }, "diagnosis"],
    [{ code: "plan.surprise", path: "plan" }, "before"],
    [{ code: "plan.one_on_ones_cancelled", path: "plan" }, "submit"],
  ])("puts %o on the %s step", (finding, step) => {
    expect(stepOfFinding(finding)).toBe(step);
  });

  it.each([
    ["goals.1.target", "Goal 2 · target"],
    ["goals.0.description", "Goal 1 · wording"],
    ["evidence.0.impact", "Evidence 1 · impact"],
    ["cadenceDays", "Check-ins"],
    ["plan", "The plan as a whole"],
  ])("names %s as %s", (path, label) => {
    expect(pathLabel(path)).toBe(label);
  });
});
