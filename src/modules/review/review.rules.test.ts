import { afterEach, describe, expect, it, vi } from "vitest";
import { addDaysIso } from "../plans/plans.rules.js";
import { checkGoal, checkWording } from "./review.language.js";
import {
  blockers,
  type ReviewCode,
  reviewCodes,
  reviewPlan,
  sortFindings,
} from "./review.rules.js";
import {
  defaultPolicy,
  type Finding,
  type LanguageCode,
  type PlanForReview,
  type ReviewHistory,
  type ReviewPolicy,
  type Severity,
} from "./review.types.js";

// The real language checker runs unless a test scripts it; afterEach puts the real one back.
vi.mock("./review.language.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("./review.language.js")>();
  return { ...real, checkGoal: vi.fn(real.checkGoal), checkWording: vi.fn(real.checkWording) };
});

afterEach(() => {
  vi.mocked(checkGoal).mockReset();
  vi.mocked(checkWording).mockReset();
});

// ---------- builders ----------

/** A draft reviewed on 1 October 2026 (the reference day for every "before the plan" window). */
const now = new Date("2026-10-01T09:30:00Z");
const ref = "2026-10-01";
const daysBefore = (n: number) => addDaysIso(ref, -n);

const START = "2026-10-05";
const END = "2026-11-30"; // 56 days

type Goal = PlanForReview["goals"][number];

/** A SMART, resourced goal with an early milestone: nothing to flag. */
function aGoal(overrides: Partial<Goal> = {}): Goal {
  return {
    description: "Resolve at least 85% of tickets at first contact each week by 30 November",
    metric: "First-contact resolution",
    unit: "%",
    direction: "up",
    baseline: 68,
    target: 85,
    measurement: "The weekly helpdesk report",
    dueDate: END,
    resources: [{ kind: "training", description: "Billing product course, two hours a week" }],
    milestones: [{ title: "Reach 75% in one week", dueDate: "2026-10-16", target: 75 }],
    ...overrides,
  };
}

/** A fair plan: with `aHistory()` and the default policy the review finds nothing. */
function aPlan(overrides: Partial<PlanForReview> = {}): PlanForReview {
  return {
    issued: false,
    standard:
      "Resolve 85% of customer tickets at first contact, as the support team's service level sets out.",
    startDate: START,
    endDate: END,
    cadenceDays: 7,
    goodFaith: "yes",
    evidence: [
      {
        title: "First-contact resolution, July to September",
        description: "From July to September, 68% of tickets were resolved at first contact.",
        impact: "Customers whose tickets stayed open called again: about 40 extra calls a week.",
        answeredAt: "2026-09-28",
      },
    ],
    causes: [{ cause: "skill", notes: "New to the billing product since June." }],
    goals: [aGoal()],
    ...overrides,
  };
}

/** Shared written feedback a month before, 1:1s held, history that makes the target reachable. */
function aHistory(overrides: Partial<ReviewHistory> = {}): ReviewHistory {
  return {
    metrics: [
      { metric: "First-contact resolution", scope: "person", values: [66, 72, 80, 68] },
      // Upper quartile 90: with the default 10% stretch a target up to 99 is within reach.
      { metric: "First-contact resolution", scope: "team", values: [70, 80, 85, 90, 95] },
    ],
    priorNotice: [{ date: "2026-09-01", kind: "feedback", sharedWithEmployee: true }],
    oneOnOnes: [
      { date: "2026-09-03", status: "held" },
      { date: "2026-09-10", status: "held" },
      { date: "2026-09-17", status: "held" },
      { date: "2026-09-24", status: "held" },
      { date: "2026-10-08", status: "scheduled" },
    ],
    protectedActivities: [],
    ...overrides,
  };
}

type Case = {
  name: string;
  plan?: Partial<PlanForReview>;
  history?: Partial<ReviewHistory>;
  policy?: Partial<ReviewPolicy>;
};

const review = ({ plan, history, policy }: Omit<Case, "name">) =>
  reviewPlan({ plan: aPlan(plan), history: aHistory(history), policy, now });

const codesOf = (findings: Finding[]) => findings.map((f) => f.code);
const goals = (...gs: Partial<Goal>[]) => gs.map((g) => aGoal(g));
const heldAndCancelled = (held: number, cancelled: number, ago = 10) => [
  ...Array.from({ length: held }, () => ({ date: daysBefore(ago), status: "held" as const })),
  ...Array.from({ length: cancelled }, () => ({
    date: daysBefore(ago),
    status: "cancelled" as const,
  })),
];

// ---------- the fair plan ----------

describe("reviewPlan: a fair plan", () => {
  it("finds nothing in a fair, resourced plan with prior notice", () => {
    expect(reviewPlan({ plan: aPlan(), history: aHistory(), policy: defaultPolicy, now })).toEqual(
      [],
    );
  });

  it("uses the default policy when none is given", () => {
    expect(reviewPlan({ plan: aPlan(), history: aHistory(), now })).toEqual([]);
  });
});

// ---------- each rule fires, and stays quiet just inside its threshold ----------

const fires: (Case & { code: ReviewCode; severity: Severity; path: string })[] = [
  // goals
  {
    name: "a goal with no baseline",
    plan: { goals: goals({ baseline: null }) },
    code: "goal.no_baseline",
    severity: "warning",
    path: "goals.0.baseline",
  },
  {
    name: "a goal with no target",
    plan: { goals: goals({}, { target: null }) },
    code: "goal.no_target",
    severity: "warning",
    path: "goals.1.target",
  },
  {
    name: "a goal with no resources",
    plan: { goals: goals({ resources: [] }) },
    code: "goal.no_resources",
    severity: "warning",
    path: "goals.0.resources",
  },
  {
    name: "a target just beyond the team's upper quartile plus 10%",
    plan: { goals: goals({ target: 99.5 }) },
    code: "goal.target_unrealistic",
    severity: "warning",
    path: "goals.0.target",
  },
  {
    name: "a target beyond history when the metric is named with other case and spacing",
    plan: { goals: goals({ target: 99.5, metric: "  first-contact   RESOLUTION " }) },
    code: "goal.target_unrealistic",
    severity: "warning",
    path: "goals.0.target",
  },
  {
    name: "a target beyond the person's own history when there is no team history",
    plan: { goals: goals({ target: 88.5 }) },
    history: {
      metrics: [{ metric: "First-contact resolution", scope: "person", values: [70, 80] }],
    },
    code: "goal.target_unrealistic",
    severity: "warning",
    path: "goals.0.target",
  },
  {
    name: "a falling metric's target below the floor less 10%",
    plan: {
      goals: goals({ metric: "Handling time", direction: "down", baseline: 14, target: 8.5 }),
    },
    history: {
      metrics: [
        { metric: "Handling time", scope: "person", values: [12, 14, 11] },
        { metric: "Handling time", scope: "team", values: [10, 10, 12, 14, 16] },
      ],
    },
    code: "goal.target_unrealistic",
    severity: "warning",
    path: "goals.0.target",
  },
  {
    name: "a target beyond a negative record stretched towards zero",
    plan: { goals: goals({ metric: "Net score", baseline: -20, target: -8 }) },
    history: { metrics: [{ metric: "Net score", scope: "person", values: [-30, -10] }] },
    code: "goal.target_unrealistic",
    severity: "warning",
    path: "goals.0.target",
  },
  {
    name: "a target stretched beyond a stricter policy",
    plan: { goals: goals({ target: 95 }) },
    policy: { targetStretch: 0.05 },
    code: "goal.target_unrealistic",
    severity: "warning",
    path: "goals.0.target",
  },
  // schedule
  {
    name: "a 29-day plan",
    plan: { endDate: addDaysIso(START, 29) },
    code: "plan.too_short",
    severity: "blocker",
    path: "endDate",
  },
  {
    name: "a 56-day plan when the policy asks for 60",
    policy: { minPlanDays: 60 },
    code: "plan.too_short",
    severity: "blocker",
    path: "endDate",
  },
  {
    name: "check-ins every 15 days",
    plan: { cadenceDays: 15 },
    code: "plan.checkins_sparse",
    severity: "warning",
    path: "cadenceDays",
  },
  {
    name: "a 15-day cadence on a draft with no dates yet",
    plan: { cadenceDays: 15, startDate: null, endDate: null },
    code: "plan.checkins_sparse",
    severity: "warning",
    path: "cadenceDays",
  },
  {
    name: "a 21-day cadence even when the explicit check-ins are closer",
    plan: { cadenceDays: 21, checkinDates: [addDaysIso(START, 7), addDaysIso(START, 14), END] },
    code: "plan.checkins_sparse",
    severity: "warning",
    path: "cadenceDays",
  },
  {
    name: "a first check-in 15 days after the start",
    plan: { checkinDates: [addDaysIso(START, 15), addDaysIso(START, 22), END] },
    code: "plan.checkins_sparse",
    severity: "warning",
    path: "cadenceDays",
  },
  {
    name: "a 15-day gap between two explicit check-ins",
    plan: { checkinDates: [addDaysIso(START, 7), addDaysIso(START, 22), END] },
    code: "plan.checkins_sparse",
    severity: "warning",
    path: "cadenceDays",
  },
  {
    name: "no check-ins at all in a 56-day plan",
    plan: { checkinDates: [] },
    code: "plan.checkins_sparse",
    severity: "warning",
    path: "cadenceDays",
  },
  {
    name: "a first milestone 15 days after the start",
    plan: {
      goals: goals({
        milestones: [{ title: "First step", dueDate: addDaysIso(START, 15), target: 75 }],
      }),
    },
    code: "plan.no_early_win",
    severity: "warning",
    path: "goals",
  },
  {
    name: "goals with no milestones",
    plan: { goals: goals({ milestones: [] }) },
    code: "plan.no_early_win",
    severity: "warning",
    path: "goals",
  },
  // structure
  {
    name: "six goals",
    plan: { goals: goals({}, {}, {}, {}, {}, {}) },
    code: "plan.too_many_goals",
    severity: "warning",
    path: "goals",
  },
  {
    name: "no diagnosed cause",
    plan: { causes: [] },
    code: "plan.no_root_cause",
    severity: "warning",
    path: "causes",
  },
  {
    name: "goals about behaviour only",
    plan: {
      goals: goals(
        { metric: "", baseline: null, target: null },
        { metric: " ", baseline: null, target: null },
      ),
    },
    code: "plan.behaviour_only",
    severity: "info",
    path: "goals",
  },
  // history
  {
    name: "no prior notice at all",
    history: { priorNotice: [] },
    code: "plan.surprise",
    severity: "blocker",
    path: "plan",
  },
  {
    name: "prior notice never shared with the employee",
    history: { priorNotice: [{ date: "2026-09-01", kind: "1:1 note", sharedWithEmployee: false }] },
    code: "plan.surprise",
    severity: "blocker",
    path: "plan",
  },
  {
    name: "prior notice 91 days before",
    history: {
      priorNotice: [{ date: daysBefore(91), kind: "feedback", sharedWithEmployee: true }],
    },
    code: "plan.surprise",
    severity: "blocker",
    path: "plan",
  },
  {
    name: "prior notice dated after the reference day",
    history: {
      priorNotice: [{ date: addDaysIso(ref, 1), kind: "feedback", sharedWithEmployee: true }],
    },
    code: "plan.surprise",
    severity: "blocker",
    path: "plan",
  },
  {
    name: "a complaint 180 days before",
    history: { protectedActivities: [{ date: daysBefore(180), kind: "complaint" }] },
    code: "plan.retaliation_risk",
    severity: "blocker",
    path: "plan",
  },
  {
    name: "a leave that started today",
    history: { protectedActivities: [{ date: ref, kind: "leave" }] },
    code: "plan.retaliation_risk",
    severity: "blocker",
    path: "plan",
  },
  {
    name: "half of the recent 1:1s cancelled",
    history: { oneOnOnes: heldAndCancelled(2, 2) },
    code: "plan.one_on_ones_cancelled",
    severity: "warning",
    path: "plan",
  },
  {
    name: "one held and one cancelled 1:1, with future ones only scheduled",
    history: {
      oneOnOnes: [
        ...heldAndCancelled(1, 1),
        { date: addDaysIso(ref, 7), status: "scheduled" },
        { date: addDaysIso(ref, 14), status: "scheduled" },
      ],
    },
    code: "plan.one_on_ones_cancelled",
    severity: "warning",
    path: "plan",
  },
  {
    name: "one held and one cancelled 1:1, not counting past ones still marked scheduled",
    history: {
      oneOnOnes: [
        ...heldAndCancelled(1, 1),
        { date: daysBefore(20), status: "scheduled" },
        { date: daysBefore(30), status: "scheduled" },
      ],
    },
    code: "plan.one_on_ones_cancelled",
    severity: "warning",
    path: "plan",
  },
  // good faith and evidence
  {
    name: "a failed good-faith test",
    plan: { goodFaith: "no" },
    code: "plan.good_faith_failed",
    severity: "blocker",
    path: "goodFaith",
  },
  {
    name: "an unsure good-faith answer",
    plan: { goodFaith: "unsure" },
    code: "plan.good_faith_unsure",
    severity: "info",
    path: "goodFaith",
  },
  {
    name: "unanswered evidence in a draft",
    plan: { evidence: aPlan().evidence.map((e) => ({ ...e, answeredAt: null })) },
    code: "plan.evidence_unanswered",
    severity: "info",
    path: "evidence",
  },
  {
    name: "unanswered evidence in an issued plan",
    plan: { issued: true, evidence: aPlan().evidence.map((e) => ({ ...e, answeredAt: null })) },
    code: "plan.evidence_unanswered",
    severity: "warning",
    path: "evidence",
  },
];

const quiet: (Case & { code: ReviewCode })[] = [
  {
    name: "a target exactly at the team's upper quartile plus 10%",
    plan: { goals: goals({ target: 99 }) },
    code: "goal.target_unrealistic",
  },
  {
    name: "a target above the team's quartile but within the person's own best",
    plan: { goals: goals({ target: 100 }) },
    history: {
      metrics: [
        { metric: "First-contact resolution", scope: "person", values: [70, 95] },
        { metric: "First-contact resolution", scope: "team", values: [70, 80, 85, 90, 95] },
      ],
    },
    code: "goal.target_unrealistic",
  },
  {
    name: "a falling metric's target exactly at the floor less 10%",
    plan: { goals: goals({ metric: "Handling time", direction: "down", baseline: 14, target: 9 }) },
    history: {
      metrics: [
        { metric: "Handling time", scope: "person", values: [12, 14, 11] },
        { metric: "Handling time", scope: "team", values: [10, 10, 12, 14, 16] },
      ],
    },
    code: "goal.target_unrealistic",
  },
  {
    name: "a target exactly 10% nearer zero than a negative record",
    plan: { goals: goals({ metric: "Net score", baseline: -20, target: -9 }) },
    history: { metrics: [{ metric: "Net score", scope: "person", values: [-30, -10] }] },
    code: "goal.target_unrealistic",
  },
  {
    name: "any target for a metric with no history",
    plan: { goals: goals({ metric: "Knowledge-base articles", baseline: 0, target: 500 }) },
    code: "goal.target_unrealistic",
  },
  {
    name: "a target within a looser policy's stretch",
    plan: { goals: goals({ target: 120 }) },
    policy: { targetStretch: 0.5 },
    code: "goal.target_unrealistic",
  },
  { name: "a 30-day plan", plan: { endDate: addDaysIso(START, 30) }, code: "plan.too_short" },
  {
    name: "a 56-day plan when the policy asks for 56",
    policy: { minPlanDays: 56 },
    code: "plan.too_short",
  },
  {
    name: "a plan with no end date yet",
    plan: { endDate: null },
    code: "plan.too_short",
  },
  { name: "check-ins every 14 days", plan: { cadenceDays: 14 }, code: "plan.checkins_sparse" },
  {
    name: "explicit check-ins exactly 14 days apart",
    plan: {
      checkinDates: [addDaysIso(START, 14), addDaysIso(START, 28), addDaysIso(START, 42), END],
    },
    code: "plan.checkins_sparse",
  },
  {
    name: "check-ins every 21 days when the policy allows 21",
    plan: { cadenceDays: 21 },
    policy: { maxCheckinGapDays: 21 },
    code: "plan.checkins_sparse",
  },
  {
    name: "a first milestone exactly 14 days after the start",
    plan: {
      goals: goals({
        milestones: [{ title: "First step", dueDate: addDaysIso(START, 14), target: 75 }],
      }),
    },
    code: "plan.no_early_win",
  },
  {
    name: "an early milestone on the second goal only",
    plan: { goals: goals({ milestones: [] }, {}) },
    code: "plan.no_early_win",
  },
  {
    name: "no start date yet",
    plan: { startDate: null, goals: goals({ milestones: [] }) },
    code: "plan.no_early_win",
  },
  { name: "five goals", plan: { goals: goals({}, {}, {}, {}, {}) }, code: "plan.too_many_goals" },
  {
    name: "behaviour goals next to one measured goal",
    plan: { goals: goals({ metric: "", baseline: null, target: null }, {}) },
    code: "plan.behaviour_only",
  },
  {
    name: "shared prior notice exactly 90 days before",
    history: {
      priorNotice: [{ date: daysBefore(90), kind: "feedback", sharedWithEmployee: true }],
    },
    code: "plan.surprise",
  },
  {
    name: "shared prior notice on the reference day",
    history: { priorNotice: [{ date: ref, kind: "1:1 note", sharedWithEmployee: true }] },
    code: "plan.surprise",
  },
  {
    name: "a complaint 181 days before",
    history: { protectedActivities: [{ date: daysBefore(181), kind: "complaint" }] },
    code: "plan.retaliation_risk",
  },
  {
    name: "two of five recent 1:1s cancelled",
    history: { oneOnOnes: heldAndCancelled(3, 2) },
    code: "plan.one_on_ones_cancelled",
  },
  {
    name: "cancellations older than 90 days",
    history: { oneOnOnes: [...heldAndCancelled(1, 0), ...heldAndCancelled(0, 3, 91)] },
    code: "plan.one_on_ones_cancelled",
  },
  {
    name: "no past 1:1s, only scheduled ones",
    history: { oneOnOnes: [{ date: addDaysIso(ref, 7), status: "scheduled" }] },
    code: "plan.one_on_ones_cancelled",
  },
  { name: "a good-faith yes", plan: { goodFaith: "yes" }, code: "plan.good_faith_failed" },
  { name: "a good-faith yes", plan: { goodFaith: "yes" }, code: "plan.good_faith_unsure" },
  {
    name: "evidence all answered in an issued plan",
    plan: { issued: true },
    code: "plan.evidence_unanswered",
  },
];

describe("reviewPlan: each rule", () => {
  it.each(fires)("flags $name ($code)", ({ code, severity, path, ...input }) => {
    const found = review(input).filter((f) => f.code === code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code, severity, path });
    expect(found[0]!.message.length).toBeGreaterThan(20);
  });

  it.each(quiet)("accepts $name (no $code)", ({ code, ...input }) => {
    expect(codesOf(review(input))).not.toContain(code);
  });
});

// ---------- what the messages say ----------

describe("reviewPlan: messages", () => {
  it("states the numbers when a target is beyond history", () => {
    const [f] = review({ plan: { goals: goals({ target: 120 }) } }).filter(
      (x) => x.code === "goal.target_unrealistic",
    );
    expect(f!.message).toContain("The target of 120 is above anything recorded");
    expect(f!.message).toContain("this person's best is 80");
    expect(f!.message).toContain("the team's upper quartile is 90");
  });

  it("states the person's lowest and the lower quartile for a falling metric", () => {
    const [f] = review({
      plan: { goals: goals({ metric: "Handling time", direction: "down", target: 5 }) },
      history: {
        metrics: [
          { metric: "Handling time", scope: "person", values: [12, 14, 11] },
          { metric: "Handling time", scope: "team", values: [10, 10, 12, 14, 16] },
        ],
      },
    }).filter((x) => x.code === "goal.target_unrealistic");
    expect(f!.message).toContain("this person's lowest is 11");
    expect(f!.message).toContain("the team's lower quartile is 10");
  });

  it("shows retaliation risk to HR only, naming each activity and its date", () => {
    const [f] = review({
      history: {
        protectedActivities: [
          { date: "2026-09-02", kind: "complaint" },
          { date: "2026-06-15", kind: "promotion_request" },
        ],
      },
    }).filter((x) => x.code === "plan.retaliation_risk");
    expect(f!.audience).toBe("hr");
    expect(f!.message).toContain("a complaint on 2026-09-02");
    expect(f!.message).toContain("a promotion request on 2026-06-15");
    expect(f!.message).toContain("HR must review");
  });

  it("shows every other finding to everyone", () => {
    const findings = review({
      plan: { causes: [], goodFaith: "no", endDate: addDaysIso(START, 10) },
      history: { priorNotice: [], oneOnOnes: heldAndCancelled(0, 3) },
    });
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) expect(f.audience).not.toBe("hr");
  });

  it("counts unanswered evidence in an issued plan", () => {
    const answered = aPlan().evidence[0]!;
    const open = { ...answered, answeredAt: null };
    const [f] = review({ plan: { issued: true, evidence: [open, answered, open] } }).filter(
      (x) => x.code === "plan.evidence_unanswered",
    );
    expect(f!.message).toContain("2 evidence items not yet answered by the employee");
  });

  it("tells a manager who fails the good-faith test to be honest and talk to HR", () => {
    const [f] = review({ plan: { goodFaith: "no" } });
    expect(f!.code).toBe("plan.good_faith_failed");
    expect(f!.suggestion).toMatch(/honest/);
    expect(f!.suggestion).toMatch(/HR/);
  });

  it("suggests a way past the surprise blocker, including an HR override", () => {
    const [f] = review({ history: { priorNotice: [] } });
    expect(f!.code).toBe("plan.surprise");
    expect(f!.suggestion).toMatch(/written feedback/);
    expect(f!.suggestion).toMatch(/override/);
  });
});

// ---------- the language checker, passed through ----------

const languageFinding = (code: LanguageCode, severity: Severity = "warning") => ({
  code,
  severity,
  message: `Checker says ${code}`,
  suggestion: `Checker suggests a rewrite for ${code}`,
});

/** Script the checker: every goal description gets these findings. */
function checkerSays(...findings: ReturnType<typeof languageFinding>[]) {
  vi.mocked(checkGoal).mockImplementation((text) => ({ text, verdict: "flag", findings }));
}

const unmeasured: Partial<Goal>[] = [
  { metric: "" },
  { metric: "   " },
  { baseline: null },
  { target: null },
];

describe("reviewPlan: the language checker", () => {
  it("maps each goal's language findings to the goal's description, unchanged", () => {
    checkerSays(languageFinding("goal.trait_based", "blocker"), languageFinding("goal.vague"));
    const findings = reviewPlan({
      plan: aPlan({ goals: goals({}, {}) }),
      history: aHistory(),
      now,
    });
    expect(vi.mocked(checkGoal)).toHaveBeenCalledWith(aGoal().description);
    expect(findings).toEqual([
      {
        code: "goal.trait_based",
        severity: "blocker",
        path: "goals.0.description",
        message: "Checker says goal.trait_based",
        suggestion: "Checker suggests a rewrite for goal.trait_based",
      },
      {
        code: "goal.trait_based",
        severity: "blocker",
        path: "goals.1.description",
        message: "Checker says goal.trait_based",
        suggestion: "Checker suggests a rewrite for goal.trait_based",
      },
      {
        code: "goal.vague",
        severity: "warning",
        path: "goals.0.description",
        message: "Checker says goal.vague",
        suggestion: "Checker suggests a rewrite for goal.vague",
      },
      {
        code: "goal.vague",
        severity: "warning",
        path: "goals.1.description",
        message: "Checker says goal.vague",
        suggestion: "Checker suggests a rewrite for goal.vague",
      },
    ]);
  });

  it.each(["goal.trait_based", "goal.vague", "goal.absolute"] as const)(
    "keeps %s even for a goal with a metric, baseline, target and due date",
    (code) => {
      checkerSays(languageFinding(code));
      expect(codesOf(review({}))).toEqual([code]);
    },
  );

  it("drops 'not time-bound' when the goal has a due date", () => {
    checkerSays(languageFinding("goal.not_time_bound"));
    expect(codesOf(review({}))).not.toContain("goal.not_time_bound");
  });

  it("keeps 'not time-bound' when the goal has no due date", () => {
    checkerSays(languageFinding("goal.not_time_bound"));
    const f = review({ plan: { goals: goals({ dueDate: null }) } }).find(
      (x) => x.code === "goal.not_time_bound",
    );
    expect(f).toMatchObject({ path: "goals.0.description", severity: "warning" });
  });

  it("drops 'not measurable' when the goal has a metric, a baseline and a target", () => {
    checkerSays(languageFinding("goal.not_measurable"));
    expect(codesOf(review({}))).not.toContain("goal.not_measurable");
  });

  it.each(unmeasured)("keeps 'not measurable' for a goal with %o", (missing) => {
    checkerSays(languageFinding("goal.not_measurable"));
    const f = review({ plan: { goals: goals(missing) } }).find(
      (x) => x.code === "goal.not_measurable",
    );
    expect(f).toMatchObject({ path: "goals.0.description" });
  });

  it.each([
    ["the standard", "standard"],
    ["an evidence description", "evidence.1.description"],
    ["an evidence impact", "evidence.0.impact"],
  ])("flags judgemental words in %s", (_, path) => {
    const words: Record<string, string[]> = {
      standard: ["lazy"],
      "evidence.1.description": ["careless", "sloppy"],
      "evidence.0.impact": ["lazy"],
    };
    const answered = aPlan().evidence[0]!;
    const plan = aPlan({
      standard: path === "standard" ? "Don't be LAZY" : aPlan().standard,
      evidence: [
        { ...answered, impact: path === "evidence.0.impact" ? "LAZY" : answered.impact },
        {
          ...answered,
          description: path === "evidence.1.description" ? "CARELESS" : answered.description,
        },
      ],
    });
    vi.mocked(checkWording).mockImplementation((text) =>
      /LAZY|CARELESS/.test(text)
        ? [
            {
              code: "wording.judgemental",
              severity: "warning",
              message: "Judgemental.",
              suggestion: "Describe what happened.",
              words: words[path]!,
            },
          ]
        : [],
    );
    const findings = reviewPlan({ plan, history: aHistory(), now });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: "wording.judgemental", severity: "warning", path });
    for (const w of words[path]!) expect(findings[0]!.message).toContain(`"${w}"`);
    expect(findings[0]!.suggestion).toBe("Describe what happened.");
  });

  it("checks the wording of the standard and of every evidence description and impact", () => {
    const plan = aPlan();
    reviewPlan({ plan, history: aHistory(), now });
    const checked = vi.mocked(checkWording).mock.calls.map(([text]) => text);
    expect(checked).toEqual(
      expect.arrayContaining([
        plan.standard,
        plan.evidence[0]!.description,
        plan.evidence[0]!.impact,
      ]),
    );
  });
});

// ---------- order and helpers ----------

describe("reviewPlan: order", () => {
  it("lists blockers, then warnings, then info, by path within each", () => {
    const findings = review({
      plan: {
        goodFaith: "unsure",
        causes: [],
        endDate: addDaysIso(START, 20),
        goals: goals({}, { baseline: null }),
      },
      history: { priorNotice: [] },
    });
    expect(findings.map((f) => [f.severity, f.path, f.code])).toEqual([
      ["blocker", "endDate", "plan.too_short"],
      ["blocker", "plan", "plan.surprise"],
      ["warning", "causes", "plan.no_root_cause"],
      ["warning", "goals.1.baseline", "goal.no_baseline"],
      ["info", "goodFaith", "plan.good_faith_unsure"],
    ]);
  });

  it("orders goal paths by number, goals.2 before goals.10", () => {
    const findings = review({
      plan: { goals: goals(...Array.from({ length: 11 }, () => ({ resources: [] }))) },
      policy: { maxGoals: 11 },
    });
    expect(findings.map((f) => f.path)).toEqual(
      Array.from({ length: 11 }, (_, i) => `goals.${i}.resources`),
    );
  });

  it("keeps findings on the same path in the order the rules produce them", () => {
    const a: Finding = { code: "a", severity: "warning", path: "plan", message: "a" };
    const b: Finding = { code: "b", severity: "warning", path: "plan", message: "b" };
    const c: Finding = { code: "c", severity: "blocker", path: "x", message: "c" };
    expect(sortFindings([a, b, c]).map((f) => f.code)).toEqual(["c", "a", "b"]);
    expect(sortFindings([b, a, c]).map((f) => f.code)).toEqual(["c", "b", "a"]);
  });
});

describe("blockers", () => {
  it("keeps only the findings that stop a plan from being issued", () => {
    const findings = review({
      plan: { goodFaith: "no", causes: [] },
      history: { protectedActivities: [{ date: "2026-09-02", kind: "grievance" }] },
    });
    expect(codesOf(blockers(findings))).toEqual([
      "plan.good_faith_failed",
      "plan.retaliation_risk",
    ]);
    expect(blockers(review({}))).toEqual([]);
  });
});

describe("reviewCodes", () => {
  it.each(fires.filter((c) => c.code !== "plan.evidence_unanswered"))(
    "lists $code with the severity it is raised at",
    ({ code, severity }) => {
      expect(reviewCodes[code].severity).toBe(severity);
    },
  );

  it("gives every code a short title", () => {
    for (const { title } of Object.values(reviewCodes)) {
      expect(title.length).toBeGreaterThan(3);
      expect(title.length).toBeLessThan(30);
    }
  });

  it("lists every language code and every rule the tests exercise", () => {
    const language: LanguageCode[] = [
      "goal.trait_based",
      "goal.vague",
      "goal.not_measurable",
      "goal.not_time_bound",
      "goal.absolute",
    ];
    const listed = Object.keys(reviewCodes);
    expect(listed).toEqual(
      expect.arrayContaining([...language, "wording.judgemental", ...fires.map((c) => c.code)]),
    );
  });
});
