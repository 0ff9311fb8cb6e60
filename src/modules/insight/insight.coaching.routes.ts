import { createRoute } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { ErrorSchema, errorResponses, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  CoachingQuery,
  CoachingReportSchema,
  CsvResponse,
  RiskReportSchema,
} from "./insight.coaching.schemas.js";
import {
  exportCoachingCsv,
  exportRiskCsv,
  getCoachingReport,
  getRiskReport,
} from "./insight.coaching.service.js";
import { InsightFilterQuery } from "./insight.schemas.js";

// Coaching health by manager, and risk.

const tags = ["Insight"];

const forbidden = {
  403: {
    description: "Insight is for HR partners and L&D",
    content: { "application/json": { schema: ErrorSchema } },
  },
} as const;

const csvHeaders = (filename: string) => ({
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": `attachment; filename="${filename}"`,
});

export function registerInsightCoachingRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/coaching",
      tags,
      summary:
        "Coaching health by manager: 1:1s held and cancelled, feedback per report per month, commitments kept, plans per 100 reports and plans opened without prior feedback. Managers are named for HR in scope only",
      request: { query: CoachingQuery },
      responses: { 200: jsonResponse(CoachingReportSchema), ...errorResponses, ...forbidden },
    }),
    async (c) =>
      c.json(
        await getCoachingReport(deps, { actor: requireActor(c), query: c.req.valid("query") }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/coaching/csv",
      tags,
      summary:
        "Coaching health as CSV: every manager for HR in scope; the organisation and the bands, without a name, for L&D",
      request: { query: CoachingQuery },
      responses: { 200: CsvResponse, ...errorResponses, ...forbidden },
    }),
    async (c) => {
      const { csv, filename } = await exportCoachingCsv(deps, {
        actor: requireActor(c),
        query: c.req.valid("query"),
      });
      return c.body(csv, 200, csvHeaders(filename));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/risk",
      tags,
      summary:
        "Running plans at risk: open blockers, overridden findings, issued within the retaliation window, overdue check-ins, unanswered clarifications. The plans are listed for HR in scope only",
      request: { query: InsightFilterQuery },
      responses: { 200: jsonResponse(RiskReportSchema), ...errorResponses, ...forbidden },
    }),
    async (c) =>
      c.json(
        await getRiskReport(deps, { actor: requireActor(c), query: c.req.valid("query") }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/risk/csv",
      tags,
      summary:
        "Risk as CSV: one row a running plan for HR in scope; the counts, without a name, for L&D",
      request: { query: InsightFilterQuery },
      responses: { 200: CsvResponse, ...errorResponses, ...forbidden },
    }),
    async (c) => {
      const { csv, filename } = await exportRiskCsv(deps, {
        actor: requireActor(c),
        query: c.req.valid("query"),
      });
      return c.body(csv, 200, csvHeaders(filename));
    },
  );
}
