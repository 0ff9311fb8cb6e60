import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { ErrorSchema, errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  CausesReportSchema,
  FairnessQuery,
  FairnessReportSchema,
  InsightSettingsBody,
  InsightSettingsSchema,
  OutcomesReportSchema,
} from "./insight.plans.schemas.js";
import {
  exportCausesCsv,
  exportFairnessCsv,
  exportOutcomesCsv,
  getCausesReport,
  getFairnessReport,
  getInsightSettings,
  getOutcomesReport,
  type InsightCsv,
  updateInsightSettings,
} from "./insight.plans.service.js";
import { InsightFilterQuery } from "./insight.schemas.js";

// Plan outcomes, causes and resources, fairness, and the insight settings.

const tags = ["Insight"];

const forbidden = {
  403: {
    description: "Not HR or L&D (fairness: not HR)",
    content: { "application/json": { schema: ErrorSchema } },
  },
} as const;

const csvResponse = {
  200: {
    description: "CSV (cells that could run as spreadsheet formulas are neutralised)",
    content: { "text/csv": { schema: z.string() } },
  },
};

function csvHeaders({ filename }: InsightCsv) {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
  };
}

export function registerInsightPlanRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/outcomes",
      tags,
      summary:
        "Plan outcomes: success rate (goals met ÷ closed) against the industry's 5–10%, by outcome, month by month, time to improvement, plans extended, withdrawn and running",
      request: { query: InsightFilterQuery },
      responses: { 200: jsonResponse(OutcomesReportSchema), ...errorResponses, ...forbidden },
    }),
    async (c) =>
      c.json(
        await getOutcomesReport(deps, { actor: requireActor(c), query: c.req.valid("query") }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/outcomes/csv",
      tags,
      summary: "Plan outcomes month by month, as CSV",
      request: { query: InsightFilterQuery },
      responses: { ...csvResponse, ...errorResponses, ...forbidden },
    }),
    async (c) => {
      const file = await exportOutcomesCsv(deps, {
        actor: requireActor(c),
        query: c.req.valid("query"),
      });
      return c.body(file.csv, 200, csvHeaders(file));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/causes",
      tags,
      summary:
        "Why plans start and what helps: root causes, resources delivered vs not and their association with success, confidence of successful vs unsuccessful plans",
      request: { query: InsightFilterQuery },
      responses: { 200: jsonResponse(CausesReportSchema), ...errorResponses, ...forbidden },
    }),
    async (c) =>
      c.json(
        await getCausesReport(deps, { actor: requireActor(c), query: c.req.valid("query") }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/causes/csv",
      tags,
      summary: "Causes and resources as CSV (a `table` column tells which a row is)",
      request: { query: InsightFilterQuery },
      responses: { ...csvResponse, ...errorResponses, ...forbidden },
    }),
    async (c) => {
      const file = await exportCausesCsv(deps, {
        actor: requireActor(c),
        query: c.req.valid("query"),
      });
      return c.body(file.csv, 200, csvHeaders(file));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/fairness",
      tags,
      summary:
        "HR only: plan placement rate by group of a recorded attribute, the four-fifths ratio and a significance test; groups under the minimum size hidden",
      request: { query: FairnessQuery },
      responses: { 200: jsonResponse(FairnessReportSchema), ...errorResponses, ...forbidden },
    }),
    async (c) =>
      c.json(
        await getFairnessReport(deps, { actor: requireActor(c), query: c.req.valid("query") }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/insight/fairness/csv",
      tags,
      summary: "HR only: fairness by group, as CSV",
      request: { query: FairnessQuery },
      responses: { ...csvResponse, ...errorResponses, ...forbidden },
    }),
    async (c) => {
      const file = await exportFairnessCsv(deps, {
        actor: requireActor(c),
        query: c.req.valid("query"),
      });
      return c.body(file.csv, 200, csvHeaders(file));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/settings/insight",
      tags,
      summary: "The smallest group insight shows (HR and admins)",
      responses: { 200: jsonResponse(InsightSettingsSchema), ...errorResponses, ...forbidden },
    }),
    async (c) => c.json(await getInsightSettings(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/settings/insight",
      tags,
      summary:
        "Set the smallest group insight shows (5–1000; admins and HR for the whole organisation)",
      request: jsonBody(InsightSettingsBody),
      responses: { 200: jsonResponse(InsightSettingsSchema), ...errorResponses, ...forbidden },
    }),
    async (c) =>
      c.json(
        await updateInsightSettings(deps, { actor: requireActor(c), input: c.req.valid("json") }),
        200,
      ),
  );
}
