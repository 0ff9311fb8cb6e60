import { z } from "@hono/zod-openapi";
import {
  coachingSorts,
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  sortDirections,
} from "./insight.coaching.rules.js";
import { InsightFilterQuery } from "./insight.schemas.js";
import { riskFlags } from "./insight.types.js";

// Request and response shapes of coaching health and risk (see insight.types.ts for the meaning
// of each figure).

export const CoachingQuery = InsightFilterQuery.extend({
  offset: z.coerce
    .number({ error: "offset must be a whole number, 0 or more." })
    .int({ error: "offset must be a whole number, 0 or more." })
    .min(0, { error: "offset must be a whole number, 0 or more." })
    .max(1_000_000, { error: "offset may be at most 1000000." })
    .default(0)
    .openapi({ description: "Managers to skip (named view)", example: 0 }),
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.` })
    .int({ error: `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.` })
    .min(1, { error: `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.` })
    .max(MAX_PAGE_LIMIT, { error: `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}.` })
    .default(DEFAULT_PAGE_LIMIT)
    .openapi({ description: `Managers per page, at most ${MAX_PAGE_LIMIT}`, example: 50 }),
  sort: z
    .enum(coachingSorts, { error: `sort must be one of ${coachingSorts.join(", ")}.` })
    .default("held_rate")
    .openapi({
      description:
        "Worst first: held_rate (lowest first, no 1:1s before all), feedback (least first), kept_rate (lowest first), plans (most per 100 reports first), name",
    }),
  direction: z
    .enum(sortDirections, { error: "direction must be asc or desc." })
    .optional()
    .openapi({
      description:
        "asc or desc; without it, the sort's own worst-first direction (desc for plans, asc for the others). No 1:1s or feedback counts as lowest; nothing due and no reports always come last.",
    }),
});

const Filters = z.object({
  department: z.string().optional(),
  managerId: z.string().optional(),
  from: z.string(),
  to: z.string(),
});

const Meta = z.object({
  filters: Filters,
  view: z.enum(["named", "aggregate"]),
  minGroupSize: z.number().int(),
  generatedAt: z.string(),
});

const rate = z.number().nullable();
const count = z.number().int();

const Figures = z
  .object({
    reports: count.openapi({ description: "Active direct reports now" }),
    oneOnOnesHeld: count,
    oneOnOnesCancelled: count,
    heldRate: rate.openapi({ description: "held ÷ (held + cancelled)" }),
    feedbackGiven: count.openapi({ description: "Shared feedback to their direct reports" }),
    feedbackPerReportPerMonth: rate,
    commitmentsDue: count,
    commitmentsKept: count,
    keptRate: rate,
    plansOpened: count,
    plansPer100Reports: rate,
    plansWithoutPriorFeedback: count,
    shareWithoutPriorFeedback: rate,
  })
  .openapi("InsightCoachingFigures");

export const CoachingReportSchema = z
  .object({
    meta: Meta,
    suppressed: z.boolean().openapi({
      description:
        "Aggregate view with fewer managers than the minimum group size: figures and bands hidden",
    }),
    organisation: Figures.extend({ managers: count }),
    managers: z.array(
      Figures.extend({ managerId: z.string(), name: z.string(), department: z.string() }),
    ),
    heldRateBands: z.array(z.object({ band: z.string(), managers: count })),
    page: z.object({ offset: count, limit: count, total: count }),
  })
  .openapi("InsightCoachingReport");

export const RiskReportSchema = z
  .object({
    meta: Meta,
    suppressed: z.boolean().openapi({
      description:
        "Aggregate view with fewer running plans than the minimum group size: counts hidden",
    }),
    counts: z.array(z.object({ flag: z.enum(riskFlags), plans: count })),
    running: count,
    plans: z.array(
      z.object({
        planId: z.string(),
        employeeName: z.string(),
        managerName: z.string(),
        department: z.string(),
        status: z.string(),
        flags: z.array(z.enum(riskFlags)),
        overdueCheckins: count,
        unansweredClarifications: count,
      }),
    ),
  })
  .openapi("InsightRiskReport");

export const CsvResponse = {
  description: "CSV (cells that could run as spreadsheet formulas are neutralised)",
  content: { "text/csv": { schema: z.string() } },
} as const;
