import { z } from "@hono/zod-openapi";
import { defaultPolicy, protectedActivityKinds } from "./review.types.js";

// Request and response shapes of the review, shared by the API and the CLI (`plan check`).
// Drafts are checked while they are typed, so these are lenient where saving is strict: an
// empty title is a finding to show, not a request to refuse.

const isoDate = z.iso
  .date("Use a date like 2026-03-31.")
  .refine((d) => d >= "1900-01-01" && d <= "2999-12-31", "Use a date between 1900 and 2999.");
const text = (max: number) => z.string().max(max, `Keep it under ${max} characters.`).default("");
const num = z
  .number({ error: "Enter a number." })
  .refine(Number.isFinite, "Enter a finite number.")
  .nullable()
  .default(null);

export const DraftForReview = z
  .object({
    standard: text(5000),
    startDate: isoDate.nullable().default(null),
    endDate: isoDate.nullable().default(null),
    cadenceDays: z.number().int().min(1).max(365).default(7),
    checkinDates: z.array(isoDate).max(400).optional(),
    goodFaith: z.enum(["yes", "no", "unsure"]).nullable().default(null),
    evidence: z
      .array(
        z.object({
          title: text(200),
          description: text(5000),
          impact: text(5000),
          answeredAt: z.string().max(40).nullable().default(null),
        }),
      )
      .max(50)
      .default([]),
    causes: z
      .array(z.object({ cause: z.string().max(100), notes: text(5000) }))
      .max(20)
      .default([]),
    goals: z
      .array(
        z.object({
          description: text(2000),
          metric: text(200),
          unit: text(50),
          direction: z.enum(["up", "down"]).default("up"),
          baseline: num,
          target: num,
          measurement: text(2000),
          dueDate: isoDate.nullable().default(null),
          resources: z
            .array(z.object({ kind: z.string().max(50), description: text(2000) }))
            .max(20)
            .default([]),
          milestones: z
            .array(z.object({ title: text(500), dueDate: isoDate, target: num }))
            .max(20)
            .default([]),
        }),
      )
      .max(20)
      .default([]),
  })
  .openapi("DraftForReview");

export const HistoryInput = z
  .object({
    metrics: z
      .array(
        z.object({
          metric: z.string().max(200),
          scope: z.enum(["person", "team"]),
          values: z.array(z.number().refine(Number.isFinite, "Use finite numbers.")).max(10000),
        }),
      )
      .max(200)
      .default([]),
    priorNotice: z
      .array(
        z.object({
          date: isoDate,
          kind: z.string().max(50).default("written_feedback"),
          sharedWithEmployee: z.boolean().default(true),
        }),
      )
      .max(1000)
      .default([]),
    oneOnOnes: z
      .array(z.object({ date: isoDate, status: z.enum(["held", "cancelled", "scheduled"]) }))
      .max(1000)
      .default([]),
    protectedActivities: z
      .array(z.object({ date: isoDate, kind: z.enum(protectedActivityKinds) }))
      .max(1000)
      .default([]),
  })
  .openapi("ReviewHistory");

// An organisation may make the review stricter than the defaults, never laxer on what keeps a
// plan fair: at least 30 days, check-ins at most 14 days apart, protected activities looked at
// for at least 180 days.
const days = (min: number, max: number, why: string) =>
  z.number().int("Use a whole number of days.").min(min, why).max(max, why);
export const PolicyInput = z
  .object({
    minPlanDays: days(30, 365, "Use 30 to 365 days: no plan may be shorter than 30 days."),
    maxCheckinGapDays: days(
      1,
      14,
      "Use 1 to 14 days: check-ins are never more than 14 days apart.",
    ),
    earlyWinDays: days(1, 30, "Use 1 to 30 days."),
    // A plan holds at most five goals whatever the policy; the warning can only come sooner.
    maxGoals: z.number().int().min(1).max(5, "A plan holds at most 5 goals: use 5 or fewer."),
    priorNoticeDays: days(30, 365, "Use 30 to 365 days."),
    protectedActivityDays: days(
      180,
      3650,
      "Use at least 180 days: retaliation risk is looked at for at least six months.",
    ),
    cancelledOneOnOnesShare: z.number().min(0.1, "Use 10% to 100%.").max(1, "Use 10% to 100%."),
    oneOnOneWindowDays: days(30, 365, "Use 30 to 365 days."),
    targetStretch: z.number().min(0, "Use 0% to 100%.").max(1, "Use 0% to 100%."),
  })
  .partial()
  .strict()
  .openapi("ReviewPolicyPatch", { example: { minPlanDays: 45 } });

export const Policy = z
  .object({
    minPlanDays: z.number(),
    maxCheckinGapDays: z.number(),
    earlyWinDays: z.number(),
    maxGoals: z.number(),
    priorNoticeDays: z.number(),
    protectedActivityDays: z.number(),
    cancelledOneOnOnesShare: z.number(),
    oneOnOneWindowDays: z.number(),
    targetStretch: z.number(),
  })
  .openapi("ReviewPolicy", { example: defaultPolicy });

export const Finding = z
  .object({
    code: z.string().openapi({ example: "goal.trait_based" }),
    severity: z.enum(["blocker", "warning", "info"]),
    path: z.string().openapi({ example: "goals.0.description" }),
    message: z.string(),
    suggestion: z.string().optional(),
  })
  .openapi("Finding");

export const GoalCheck = z
  .object({
    text: z.string(),
    verdict: z.enum(["ok", "flag"]),
    findings: z.array(Finding.omit({ path: true })),
  })
  .openapi("GoalCheck");

const PersonRef = z.object({ id: z.string(), name: z.string() });

export const PlanReview = z
  .object({
    findings: z.array(
      Finding.extend({
        title: z.string(),
        overridable: z.boolean(),
        override: z
          .object({ reason: z.string(), author: PersonRef, createdAt: z.string() })
          .nullable(),
      }),
    ),
    summary: z.object({
      openBlockers: z.number().int(),
      overridden: z.number().int(),
      warnings: z.number().int(),
      info: z.number().int(),
    }),
    /** True when the plan may be approved and issued as far as the review is concerned. */
    clear: z.boolean(),
    canOverride: z.boolean(),
    reviewedAt: z.string(),
  })
  .openapi("PlanReview");

export const PriorNoticeKind = z.enum([
  "written_feedback",
  "one_on_one",
  "documented_discussion",
  "email",
]);

/** A plan draft with its history and policy: what `headway plan check` and the API review. */
export const PlanCheck = z
  .object({
    now: isoDate.optional(),
    policy: PolicyInput.default({}),
    plan: DraftForReview.extend({ issued: z.boolean().default(false) }),
    history: HistoryInput.default({
      metrics: [],
      priorNotice: [],
      oneOnOnes: [],
      protectedActivities: [],
    }),
  })
  .strict()
  .openapi("PlanCheck");
