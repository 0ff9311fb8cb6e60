import { z } from "@hono/zod-openapi";
import { causeKinds, outcomes, resourceKinds } from "../plans/plans.types.js";
import { MAX_MIN_GROUP_SIZE } from "./insight.rules.js";
import { InsightFilterQuery } from "./insight.schemas.js";
import { MIN_GROUP_SIZE_FLOOR } from "./insight.types.js";

// Request and response shapes of plan outcomes, causes and resources, fairness, and the
// insight settings. They mirror the report types in insight.types.ts field for field.

export const FairnessQuery = InsightFilterQuery.extend({
  attribute: z
    .string()
    .trim()
    .min(1, "Name the attribute to compare, such as gender.")
    .max(100)
    .optional()
    .openapi({
      description: "The recorded attribute to compare groups by (default: the first recorded)",
      example: "gender",
    }),
});

const Count = z.number().int();
const Share = z.number().nullable();

const Meta = z.object({
  filters: z.object({
    department: z.string().optional(),
    managerId: z.string().optional(),
    from: z.string().openapi({ example: "2025-03-02" }),
    to: z.string().openapi({ example: "2026-03-02" }),
  }),
  view: z.enum(["named", "aggregate"]).openapi({
    description: "named: HR in scope. aggregate: counts only (L&D), small totals hidden",
  }),
  minGroupSize: Count,
  generatedAt: z.string(),
});

const Rate = z.object({
  count: Count,
  of: Count,
  rate: Share.openapi({ description: "count ÷ of; null when of is 0" }),
});

export const OutcomesReportSchema = z
  .object({
    meta: Meta,
    suppressed: z.boolean().openapi({
      description:
        "Aggregate view only: fewer plans closed than the minimum group size, so every figure is 0 or null",
    }),
    success: Rate.openapi({
      description: "Plans closed in the period with the goals met ÷ plans closed in the period",
    }),
    industry: z.object({ low: z.number(), high: z.number() }).openapi({
      description: "The industry's record: 5–10% of people on a plan stay",
    }),
    byOutcome: z.array(z.object({ outcome: z.enum(outcomes), count: Count })),
    overTime: z.array(
      z.object({
        month: z.string().openapi({ example: "2025-09" }),
        closed: Count,
        goalsMet: Count,
        rate: Share,
      }),
    ),
    timeToImprovement: z.object({
      plans: Count,
      medianDays: Share,
      buckets: z.array(z.object({ label: z.string(), count: Count })),
    }),
    extended: Count.openapi({
      description:
        "Plans extended in the period, or closed in it with the outcome extended (each counted once)",
    }),
    withdrawn: Count.openapi({ description: "Plans closed in the period as withdrawn" }),
    running: Count.openapi({
      description: "Plans running now: issued, acknowledged, active, paused or extended",
    }),
  })
  .openapi("InsightOutcomes");

export const CausesReportSchema = z
  .object({
    meta: Meta,
    suppressed: z.boolean(),
    causes: z.array(
      z.object({
        cause: z.enum(causeKinds),
        plans: Count.openapi({ description: "Plans issued in the period naming this cause" }),
        closed: Count,
        goalsMet: Count,
        rate: Share.openapi({ description: "goalsMet ÷ closed" }),
      }),
    ),
    resources: z.array(
      z.object({
        kind: z.enum(resourceKinds),
        delivered: Rate.openapi({
          description:
            "Plans closed in the period whose resources of this kind were all delivered: goals met of them",
        }),
        notDelivered: Rate.openapi({
          description: "Plans where some resource of this kind was not delivered by the close",
        }),
      }),
    ),
    association: z.object({
      allDelivered: Rate,
      someNotDelivered: Rate,
      pValue: Share.openapi({ description: "Two-sided Fisher exact test of the two rates" }),
    }),
    confidence: z.array(
      z.object({
        checkin: Count,
        successful: Share,
        successfulPlans: Count,
        unsuccessful: Share,
        unsuccessfulPlans: Count,
      }),
    ),
  })
  .openapi("InsightCauses");

const FairnessGroupSchema = z.object({
  group: z.string(),
  people: Count.nullable(),
  placed: Count.nullable(),
  rate: Share,
  impactRatio: Share.openapi({
    description:
      "The reference group's placement rate ÷ this group's; under 0.8 fails the four-fifths rule",
  }),
  fourFifthsFails: z.boolean(),
  z: Share.openapi({ description: "Pooled two-proportion z statistic against the reference" }),
  pValue: Share.openapi({ description: "Two-sided Fisher exact test against the reference" }),
  significant: z.boolean(),
  reference: z.boolean().openapi({ description: "The group placed least often" }),
  suppressed: z.boolean(),
});

export const FairnessReportSchema = z
  .object({
    meta: Meta,
    attributes: z.array(z.string()),
    attribute: z.string().nullable(),
    groups: z.array(FairnessGroupSchema),
    notRecorded: Count.nullable().openapi({
      description: "People with nothing recorded for the attribute; null under the minimum",
    }),
    significanceLevel: z.number(),
  })
  .openapi("InsightFairness");

const sizeMessage = `Enter a whole number from ${MIN_GROUP_SIZE_FLOOR} to ${MAX_MIN_GROUP_SIZE}.`;

export const InsightSettingsBody = z
  .object({
    minGroupSize: z
      .number(sizeMessage)
      .int(sizeMessage)
      .min(MIN_GROUP_SIZE_FLOOR, sizeMessage)
      .max(MAX_MIN_GROUP_SIZE, sizeMessage)
      .openapi({ description: "Groups smaller than this are hidden in insight (at least 5)" }),
  })
  .openapi("InsightSettingsInput");

export const InsightSettingsSchema = z.object({ minGroupSize: Count }).openapi("InsightSettings");
