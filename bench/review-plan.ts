import { performance } from "node:perf_hooks";
import { addDaysIso } from "../src/modules/plans/plans.rules.js";
import { reviewPlan } from "../src/modules/review/review.rules.js";
import {
  defaultPolicy,
  type PlanForReview,
  type ReviewHistory,
} from "../src/modules/review/review.types.js";

// reviewPlan on a plan of five goals with a year of history: p50, p95 and p99 over many runs.

const metrics = [
  "First-contact resolution rate",
  "Tickets closed per week",
  "Median review turnaround",
  "Late submissions per month",
  "Customer satisfaction score",
];

function aPlan(): PlanForReview {
  return {
    issued: false,
    standard: "Support tickets are resolved at first contact at the team's rate.",
    startDate: "2026-03-09",
    endDate: "2026-05-04",
    cadenceDays: 7,
    goodFaith: "yes",
    evidence: [
      {
        title: "First-contact resolution",
        description:
          "Weekly first-contact resolution from the helpdesk report, January to February.",
        impact: "Customers waited a day longer on average for an answer.",
        answeredAt: null,
      },
      {
        title: "Escalation on 12 February",
        description: "A billing ticket was escalated twice before it was answered.",
        impact: "The customer asked for a refund of the month.",
        answeredAt: null,
      },
    ],
    causes: [{ cause: "skill", notes: "New to the billing product." }],
    goals: metrics.map((metric, i) => ({
      description: [
        "Resolve at least 70% of billing tickets at first contact each week by 30 April",
        "Close 40 tickets per week with a satisfaction score of 4 or more",
        "Answer code reviews within two working days, every week",
        "No more than 2 late submissions per month from April",
        "Reply to every customer email within 4 business hours",
      ][i]!,
      metric,
      unit: "",
      direction: i === 2 || i === 3 ? "down" : "up",
      baseline: i === 2 || i === 3 ? 6 : 50,
      target: i === 2 || i === 3 ? 2 : 70,
      measurement: "Weekly report",
      dueDate: "2026-04-30",
      resources: [{ kind: "training", description: "Course, 2 hours a week" }],
      milestones: [{ title: "First week", dueDate: "2026-03-16", target: null }],
    })),
  };
}

function aYearOfHistory(): ReviewHistory {
  const start = "2025-03-02";
  const days = Array.from({ length: 365 }, (_, i) => addDaysIso(start, i));
  return {
    metrics: metrics.flatMap((metric, m) => [
      { metric, scope: "person" as const, values: days.map((_, d) => 40 + ((d * 7 + m) % 30)) },
      { metric, scope: "team" as const, values: days.map((_, d) => 45 + ((d * 13 + m) % 35)) },
    ]),
    priorNotice: days
      .filter((_, d) => d % 14 === 0)
      .map((date) => ({ date, kind: "written_feedback", sharedWithEmployee: true })),
    oneOnOnes: days
      .filter((_, d) => d % 7 === 0)
      .map((date, i) => ({
        date,
        status: i % 5 === 0 ? ("cancelled" as const) : ("held" as const),
      })),
    protectedActivities: [{ date: "2025-05-01", kind: "leave" }],
  };
}

export function benchPlanReview(): { lines: string[]; p95: number; ok: boolean } {
  const plan = aPlan();
  const history = aYearOfHistory();
  const now = new Date("2026-03-02T09:00:00Z");
  for (let i = 0; i < 200; i++) reviewPlan({ plan, history, policy: defaultPolicy, now });
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    reviewPlan({ plan, history, policy: defaultPolicy, now });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const p95 = at(0.95);
  const ok = p95 < 20;
  return {
    p95,
    ok,
    lines: [
      "reviewPlan: 5 goals, a year of history (730 metric values per goal, 26 prior notices, 52 1:1s), 2000 runs",
      `  p50 ${at(0.5).toFixed(2)} ms · p95 ${p95.toFixed(2)} ms · p99 ${at(0.99).toFixed(2)} ms — target p95 < 20 ms: ${ok ? "met" : "NOT met"}`,
    ],
  };
}
