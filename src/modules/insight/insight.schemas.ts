import { z } from "@hono/zod-openapi";

// Request shapes shared by every insight report. Response shapes sit with each report's routes.

const isoDay = z.iso.date({ error: "Give a date as YYYY-MM-DD." });

/** ?department=&managerId=&from=&to= — every filter optional; the period defaults to 12 months. */
export const InsightFilterQuery = z.object({
  department: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Only people in this department", example: "Engineering" }),
  managerId: z.uuid({ error: "managerId must be a person's id." }).optional().openapi({
    description: "Only this manager's organisation: direct and indirect reports (HR only)",
  }),
  from: isoDay
    .optional()
    .openapi({ description: "First day of the period (default: 12 months ago)" }),
  to: isoDay.optional().openapi({ description: "Last day of the period (default: today)" }),
});
export type InsightFilterInput = z.infer<typeof InsightFilterQuery>;
