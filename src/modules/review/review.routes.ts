import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  DraftForReview,
  Finding,
  GoalCheck,
  PlanCheck,
  PlanReview,
  Policy,
  PolicyInput,
  PriorNoticeKind,
} from "./review.schemas.js";
import {
  addPriorNotice,
  checkGoals,
  checkPlanFile,
  checkText,
  getPlanReview,
  getPolicy,
  listPriorNotice,
  listProtectedActivities,
  overrideFinding,
  recordProtectedActivity,
  removePriorNotice,
  updatePolicy,
} from "./review.service.js";
import { protectedActivityKinds } from "./review.types.js";

const tags = ["Plan review"];
const isoDate = z.iso
  .date("Use a date like 2026-03-31.")
  .refine((d) => d >= "1900-01-01", "Use a date after 1900.");

const PriorNotice = z
  .object({
    id: z.string(),
    heldOn: z.string(),
    kind: PriorNoticeKind,
    kindLabel: z.string(),
    summary: z.string(),
    createdAt: z.string(),
  })
  .openapi("PriorNotice");

const ProtectedActivity = z
  .object({
    id: z.string(),
    kind: z.enum(protectedActivityKinds),
    kindLabel: z.string(),
    occurredOn: z.string(),
    note: z.string(),
    recordedAt: z.string(),
  })
  .openapi("ProtectedActivity");

export function registerReviewRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/review/goals",
      tags,
      summary:
        "Check goal statements: can a reasonable employee tell when each is met? One result per goal, in order",
      request: {
        ...jsonBody(
          z.object({
            goals: z
              .array(z.string().max(2000, "Keep each goal under 2000 characters."))
              .min(1, "Send at least one goal.")
              .max(500, "Send at most 500 goals at a time."),
          }),
        ),
      },
      responses: {
        200: jsonResponse(z.object({ results: z.array(GoalCheck) })),
        ...errorResponses,
      },
    }),
    (c) => {
      requireActor(c);
      return c.json({ results: checkGoals(c.req.valid("json").goals) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/review/wording",
      tags,
      summary:
        "Impact, not emotion: find judgemental or emotional words in evidence or feedback text",
      request: {
        ...jsonBody(z.object({ text: z.string().max(10000, "Keep it under 10000 characters.") })),
      },
      responses: {
        200: jsonResponse(
          z.object({
            findings: z.array(Finding.omit({ path: true }).extend({ words: z.array(z.string()) })),
          }),
        ),
        ...errorResponses,
      },
    }),
    (c) => {
      requireActor(c);
      return c.json({ findings: checkText(c.req.valid("json").text) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/review/plan",
      tags,
      summary:
        "Review a plan draft with its history, without saving anything: the same rules as `headway plan check`",
      request: { ...jsonBody(PlanCheck) },
      responses: {
        200: jsonResponse(z.object({ blockers: z.number().int(), findings: z.array(Finding) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      requireActor(c);
      return c.json(checkPlanFile(c.req.valid("json"), { now: deps.clock() }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/review",
      tags,
      summary: "The review of a saved plan: findings, with HR's overrides (manager and HR only)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(PlanReview), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getPlanReview(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/review",
      tags,
      summary:
        "Review an unsaved draft of this plan against its history (the editor calls this as you type); nothing is saved",
      request: { params: IdParam, ...jsonBody(z.object({ draft: DraftForReview })) },
      responses: { 200: jsonResponse(PlanReview), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getPlanReview(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          draft: c.req.valid("json").draft,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/overrides",
      tags,
      summary:
        "HR overrides a blocker with a written reason (before issue); recorded, and printed in the plan's PDF",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            code: z.string().min(1).max(100),
            path: z.string().min(1).max(200),
            reason: z
              .string()
              .trim()
              .min(20, "Explain the override in at least 20 characters: it is part of the record.")
              .max(5000, "Keep it under 5000 characters."),
          }),
        ),
      },
      responses: { 200: jsonResponse(PlanReview), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await overrideFinding(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          ...c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/prior-notice",
      tags,
      summary: "When the issue was raised with the employee before the plan",
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(PriorNotice) })),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await listPriorNotice(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/prior-notice",
      tags,
      summary:
        "The manager records when they raised the issue with the employee (before the plan is issued); the employee sees it",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            heldOn: isoDate,
            kind: PriorNoticeKind,
            summary: z
              .string()
              .trim()
              .min(1, "Say what was discussed or shared.")
              .max(2000, "Keep it under 2000 characters."),
          }),
        ),
      },
      responses: { 201: jsonResponse(PriorNotice, "Recorded"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addPriorNotice(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/plans/{id}/prior-notice/{noticeId}",
      tags,
      summary: "Remove an entry of prior notice (before the plan is issued)",
      request: {
        params: IdParam.extend({
          noticeId: z
            .uuid("No such prior notice on this plan.")
            .openapi({ param: { name: "noticeId", in: "path" } }),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ removed: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, noticeId } = c.req.valid("param");
      return c.json(await removePriorNotice(deps, { actor: requireActor(c), id, noticeId }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/protected-activities",
      tags,
      summary: "A person's protected activities (HR in scope only)",
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ items: z.array(ProtectedActivity) })),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await listProtectedActivities(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/protected-activities",
      tags,
      summary:
        "HR records a protected activity (complaint, grievance, promotion or transfer request, leave, accommodation request)",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            kind: z.enum(protectedActivityKinds),
            occurredOn: isoDate,
            note: z.string().max(5000, "Keep it under 5000 characters.").default(""),
          }),
        ),
      },
      responses: { 201: jsonResponse(ProtectedActivity, "Recorded"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await recordProtectedActivity(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/review/policy",
      tags,
      summary: "The organisation's review thresholds",
      responses: { 200: jsonResponse(Policy), ...errorResponses },
    }),
    async (c) => {
      requireActor(c);
      return c.json(await getPolicy(deps), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/review/policy",
      tags,
      summary: "Change review thresholds (admins, and HR for the whole organisation)",
      request: { ...jsonBody(PolicyInput) },
      responses: { 200: jsonResponse(Policy), ...errorResponses },
    }),
    async (c) =>
      c.json(await updatePolicy(deps, { actor: requireActor(c), patch: c.req.valid("json") }), 200),
  );
}
