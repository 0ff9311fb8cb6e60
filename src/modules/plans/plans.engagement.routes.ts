import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { engagementCodeList } from "./plans.engagement.rules.js";
import {
  getPlanEngagement,
  listEngagementSignals,
  recordEngagementTalk,
} from "./plans.engagement.service.js";
import { planStatuses, resourceKinds, resourceStatuses } from "./plans.types.js";

const tags = ["Success plans"];

const Code = z.enum(engagementCodeList as [string, ...string[]]);
const Who = z.object({ id: z.string(), name: z.string() });

const Signal = z
  .object({
    code: Code,
    title: z.string(),
    detail: z.string(),
    since: z.string(),
    talkedOn: z.string().nullable(),
  })
  .openapi("EngagementSignal");

const SupportLedger = z
  .object({
    resources: z.array(
      z.object({
        id: z.string(),
        goalNumber: z.number(),
        kind: z.enum(resourceKinds),
        kindLabel: z.string(),
        description: z.string(),
        mentorName: z.string().nullable(),
        status: z.enum(resourceStatuses),
        statusLabel: z.string(),
        requestedByEmployee: z.boolean(),
        offeredOn: z.string().nullable(),
        checkins: z.array(z.object({ on: z.string(), delivered: z.boolean() })),
      }),
    ),
    totals: z.object({
      total: z.number(),
      offered: z.number(),
      in_use: z.number(),
      delivered: z.number(),
      not_delivered: z.number(),
      deliveredAtCheckins: z.number(),
    }),
    requests: z.object({
      clarifications: z.object({ asked: z.number(), answered: z.number() }),
      support: z.object({ asked: z.number(), answered: z.number(), accepted: z.number() }),
    }),
    talks: z.number(),
  })
  .openapi("EngagementSupportLedger");

const EngagementLedger = z
  .object({
    acknowledgements: z.array(
      z.object({
        version: z.number(),
        issuedOn: z.string(),
        acknowledgedOn: z.string().nullable(),
        workingDays: z.number(),
      }),
    ),
    checkins: z.object({
      due: z.number(),
      held: z.number(),
      missed: z.number(),
      upcoming: z.number(),
      employeePart: z.number(),
    }),
    actionItems: z.object({ total: z.number(), done: z.number() }),
    evidence: z.object({ total: z.number(), answered: z.number() }),
    responses: z.number(),
    threadsStarted: z.object({ clarification: z.number(), support: z.number() }),
    achievements: z.number(),
  })
  .openapi("EngagementLedger");

const Talk = z
  .object({
    id: z.string(),
    heldOn: z.string(),
    summary: z.string(),
    signals: z.array(z.object({ code: Code, title: z.string() })),
    author: Who,
    createdAt: z.string(),
  })
  .openapi("EngagementTalk");

const Engagement = z
  .object({
    signals: z.array(Signal),
    support: SupportLedger,
    engagement: EngagementLedger,
    talks: z.array(Talk),
    abilities: z.object({ recordTalk: z.boolean() }),
    summary: z
      .object({
        frozenAt: z.string(),
        signals: z.array(Signal),
        support: SupportLedger,
        engagement: EngagementLedger,
        talks: z.array(Talk),
      })
      .nullable(),
  })
  .openapi("PlanEngagement");

const SignalList = z
  .object({
    items: z.array(
      z.object({
        plan: z.object({ id: z.string(), status: z.enum(planStatuses) }),
        employee: z.object({ id: z.string(), name: z.string(), department: z.string() }),
        manager: Who,
        signals: z.array(Signal),
        since: z.string(),
      }),
    ),
  })
  .openapi("EngagementSignalList");

const NewTalk = z
  .object({
    heldOn: z.iso.date("Use a date like 2026-03-31."),
    summary: z
      .string()
      .trim()
      .min(1, "Write what you talked about and what you agreed.")
      .max(2000, "Keep the summary under 2,000 characters."),
    signals: z
      .array(Code, { error: "Choose the signals this conversation addressed." })
      .max(engagementCodeList.length)
      .default([]),
  })
  .openapi("NewEngagementTalk");

export function registerPlanEngagementRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/engagement-signals",
      tags,
      summary:
        "For HR: running plans in your scope with engagement signals now (not acknowledged, missed check-ins, no action items, support not taken up)",
      responses: { 200: jsonResponse(SignalList), ...errorResponses },
    }),
    async (c) => c.json(await listEngagementSignals(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/engagement",
      tags,
      summary:
        "The record side by side: the support offered and delivered, the engagement, the signals and the conversations recorded (and, once closed, the summary frozen at close)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(Engagement), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getPlanEngagement(deps, {
          actor: requireActor(c),
          planId: c.req.valid("param").id,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/engagement/talks",
      tags,
      summary:
        "The manager (or HR) records the conversation held about engagement signals; the employee is told",
      request: { params: IdParam, ...jsonBody(NewTalk) },
      responses: { 201: jsonResponse(Talk, "Recorded"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await recordEngagementTalk(deps, {
          actor: requireActor(c),
          planId: c.req.valid("param").id,
          ...c.req.valid("json"),
        }),
        201,
      ),
  );
}
