import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  acceptSupport,
  addAchievement,
  addActionItem,
  addResponse,
  answerEvidence,
  closeThread,
  deleteActionItem,
  loadParticipation,
  openThread,
  postThreadMessage,
  setCauseView,
  setResourceStatus,
  updateActionItem,
} from "./plans.participation.service.js";
import { loadPlanForReading } from "./plans.sealing.service.js";
import {
  evidenceAnswers,
  goalStatuses,
  resourceKinds,
  resourceStatuses,
  threadKinds,
} from "./plans.types.js";

const tags = ["Success plans"];

const param = (name: string) =>
  z
    .string()
    .min(1)
    .openapi({ param: { name, in: "path" } });

/** Path parameters: the plan and, where there is one, the item inside it. */
export const params = {
  plan: z.object({ id: param("id") }),
  evidence: z.object({ id: param("id"), evidenceId: param("evidenceId") }),
  cause: z.object({ id: param("id"), causeId: param("causeId") }),
  thread: z.object({ id: param("id"), threadId: param("threadId") }),
  resource: z.object({ id: param("id"), resourceId: param("resourceId") }),
  item: z.object({ id: param("id"), itemId: param("itemId") }),
  checkin: z.object({ id: param("id"), checkinId: param("checkinId") }),
};

export const isoDate = z.iso.date("Use a date like 2026-03-31.");
const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `Write the ${what}.`)
    .max(max, `Keep the ${what} under ${max.toLocaleString("en")} characters.`);
const Link = z
  .string()
  .trim()
  .max(2000, "Keep a link under 2,000 characters.")
  .refine(
    (v) => /^https?:\/\//i.test(v) && URL.canParse(v),
    "Use a web link starting with http:// or https://.",
  );

const Who = z.object({ id: z.string(), name: z.string() });

export const ThreadSchema = z
  .object({
    id: z.string(),
    kind: z.enum(threadKinds),
    goalId: z.string().nullable(),
    subject: z.string(),
    status: z.enum(["open", "answered", "closed"]),
    createdBy: Who,
    createdAt: z.string(),
    messages: z.array(
      z.object({ id: z.string(), author: Who, body: z.string(), createdAt: z.string() }),
    ),
  })
  .openapi("PlanThread");

export const CheckinSchema = z
  .object({
    id: z.string(),
    scheduledOn: z.string(),
    status: z.enum(["scheduled", "held", "missed"]),
    heldOn: z.string().nullable(),
    confidence: z.number().nullable(),
    managerNotes: z.string(),
    employeeNotes: z.string(),
    nextSteps: z.string(),
    recordedBy: Who.nullable(),
    recordedAt: z.string().nullable(),
    goals: z.array(
      z.object({
        goalId: z.string(),
        value: z.number().nullable(),
        status: z.enum(goalStatuses),
        note: z.string(),
      }),
    ),
    resources: z.array(z.object({ resourceId: z.string(), delivered: z.boolean() })),
  })
  .openapi("PlanCheckin");

const ActionItemSchema = z
  .object({
    id: z.string(),
    goalId: z.string().nullable(),
    title: z.string(),
    dueDate: z.string().nullable(),
    done: z.boolean(),
    doneAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("PlanActionItem");

const AchievementSchema = z
  .object({
    id: z.string(),
    goalId: z.string().nullable(),
    body: z.string(),
    occurredOn: z.string(),
    createdAt: z.string(),
  })
  .openapi("PlanAchievement");

const ResponseSchema = z
  .object({
    id: z.string(),
    section: z.string(),
    body: z.string(),
    author: Who,
    createdAt: z.string(),
  })
  .openapi("PlanResponse");

const ResourceSchema = z
  .object({
    id: z.string(),
    goalId: z.string(),
    kind: z.enum(resourceKinds),
    description: z.string(),
    link: z.string(),
    mentorId: z.string().nullable(),
    status: z.enum(resourceStatuses),
    requestedByEmployee: z.boolean(),
  })
  .openapi("PlanResource");

export const ParticipationSchema = z
  .object({
    threads: z.array(ThreadSchema),
    actionItems: z.array(ActionItemSchema),
    achievements: z.array(AchievementSchema),
    responses: z.array(ResponseSchema),
    checkins: z.array(CheckinSchema),
    goalProgress: z.array(
      z.object({
        goalId: z.string(),
        description: z.string(),
        metric: z.string(),
        baseline: z.number().nullable(),
        target: z.number().nullable(),
        direction: z.enum(["up", "down"]),
        unit: z.string(),
        dueDate: z.string().nullable(),
        points: z.array(
          z.object({ date: z.string(), value: z.number(), status: z.enum(goalStatuses) }),
        ),
        milestones: z.array(
          z.object({
            date: z.string(),
            title: z.string(),
            target: z.number().nullable(),
            earlyWin: z.boolean(),
          }),
        ),
      }),
    ),
    confidenceTrend: z.array(z.object({ date: z.string(), confidence: z.number() })),
  })
  .openapi("PlanParticipation");

export function registerPlanParticipationRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/participation",
      tags,
      summary:
        "Threads, action items, achievements, responses, check-ins, per-goal progress and the confidence trend",
      request: { params: params.plan },
      responses: { 200: jsonResponse(ParticipationSchema), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const planId = c.req.valid("param").id;
      // A sealed plan's every read is recorded (and a refused one, when the seal is why).
      await loadPlanForReading(deps, { actor, id: planId, what: "participation" });
      return c.json(
        await loadParticipation(deps.database.db, { actor, planId, now: deps.clock() }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/evidence/{evidenceId}/answer",
      tags,
      summary:
        "The employee answers an evidence item: I see it the same way, or differently (with their side and links)",
      request: {
        params: params.evidence,
        ...jsonBody(
          z.object({
            answer: z.enum(evidenceAnswers),
            side: z.string().trim().max(10_000).default(""),
            links: z.array(Link).max(10, "Attach at most 10 links.").default([]),
          }),
        ),
      },
      responses: {
        200: jsonResponse(
          z.object({
            id: z.string(),
            answer: z.enum(evidenceAnswers),
            side: z.string(),
            links: z.array(z.string()),
            answeredAt: z.string(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, evidenceId } = c.req.valid("param");
      return c.json(
        await answerEvidence(deps, {
          actor: requireActor(c),
          planId: id,
          evidenceId,
          ...c.req.valid("json"),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/causes/{causeId}/view",
      tags,
      summary: "The employee's own view of a root cause",
      request: {
        params: params.cause,
        ...jsonBody(z.object({ text: z.string().trim().max(10_000) })),
      },
      responses: {
        200: jsonResponse(
          z.object({ id: z.string(), cause: z.string(), employeeView: z.string() }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, causeId } = c.req.valid("param");
      return c.json(
        await setCauseView(deps, {
          actor: requireActor(c),
          planId: id,
          causeId,
          text: c.req.valid("json").text,
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/responses",
      tags,
      summary:
        "The employee's response to one section, point by point. Append-only: it stays attached for good",
      request: {
        params: params.plan,
        ...jsonBody(
          z.object({
            section: z.string().trim().min(1).max(100).openapi({
              example: "evidence:7f0c…",
              description: "standard, diagnosis, schedule, evidence:<id> or goal:<id>",
            }),
            body: text(20_000, "response"),
          }),
        ),
      },
      responses: { 201: jsonResponse(ResponseSchema, "Added"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addResponse(deps, {
          actor: requireActor(c),
          planId: c.req.valid("param").id,
          ...c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/threads",
      tags,
      summary:
        "The employee asks for clarification of a goal, or requests support (a resource, a mentor)",
      request: {
        params: params.plan,
        ...jsonBody(
          z.object({
            kind: z.enum(threadKinds),
            goalId: z.uuid("Choose one of this plan's goals.").nullable().optional(),
            subject: text(200, "subject"),
            body: text(10_000, "message"),
            resourceKind: z.enum(resourceKinds).nullable().optional(),
          }),
        ),
      },
      responses: { 201: jsonResponse(ThreadSchema, "Opened"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await openThread(deps, {
          actor: requireActor(c),
          planId: c.req.valid("param").id,
          ...c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/threads/{threadId}/messages",
      tags,
      summary:
        "A message in a thread: the manager or HR answering marks it answered; the employee replying reopens it",
      request: {
        params: params.thread,
        ...jsonBody(z.object({ body: text(10_000, "message") })),
      },
      responses: { 201: jsonResponse(ThreadSchema, "Posted"), ...errorResponses },
    }),
    async (c) => {
      const { id, threadId } = c.req.valid("param");
      return c.json(
        await postThreadMessage(deps, {
          actor: requireActor(c),
          planId: id,
          threadId,
          body: c.req.valid("json").body,
        }),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/threads/{threadId}/close",
      tags,
      summary: "Close a thread (either side)",
      request: { params: params.thread },
      responses: { 200: jsonResponse(ThreadSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, threadId } = c.req.valid("param");
      return c.json(await closeThread(deps, { actor: requireActor(c), planId: id, threadId }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/threads/{threadId}/accept",
      tags,
      summary:
        "The manager or HR accepts a support request: it becomes a resource on the goal, marked as requested by the employee",
      request: {
        params: params.thread,
        ...jsonBody(
          z.object({
            kind: z.enum(resourceKinds),
            description: text(2_000, "description"),
            link: Link.optional(),
            mentorId: z.uuid("Choose the mentor from the directory.").nullable().optional(),
            goalId: z
              .uuid("Choose one of this plan's goals.")
              .nullable()
              .optional()
              .openapi({ description: "Needed when the request was not about a goal." }),
          }),
        ),
      },
      responses: {
        201: jsonResponse(z.object({ resource: ResourceSchema, thread: ThreadSchema }), "Accepted"),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id, threadId } = c.req.valid("param");
      return c.json(
        await acceptSupport(deps, {
          actor: requireActor(c),
          planId: id,
          threadId,
          ...c.req.valid("json"),
        }),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/plans/{id}/resources/{resourceId}",
      tags,
      summary: "Whether a committed resource is offered, in use, delivered or not delivered",
      request: {
        params: params.resource,
        ...jsonBody(z.object({ status: z.enum(resourceStatuses) })),
      },
      responses: { 200: jsonResponse(ResourceSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, resourceId } = c.req.valid("param");
      return c.json(
        await setResourceStatus(deps, {
          actor: requireActor(c),
          planId: id,
          resourceId,
          status: c.req.valid("json").status,
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/action-items",
      tags,
      summary: "The employee adds a task to their own action plan, under a goal",
      request: {
        params: params.plan,
        ...jsonBody(
          z.object({
            goalId: z.uuid("Choose one of this plan's goals."),
            title: text(500, "task"),
            dueDate: isoDate.nullable().optional(),
          }),
        ),
      },
      responses: { 201: jsonResponse(ActionItemSchema, "Added"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addActionItem(deps, {
          actor: requireActor(c),
          planId: c.req.valid("param").id,
          ...c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/plans/{id}/action-items/{itemId}",
      tags,
      summary: "The employee renames, reschedules or ticks off a task of their action plan",
      request: {
        params: params.item,
        ...jsonBody(
          z.object({
            title: text(500, "task").optional(),
            dueDate: isoDate.nullable().optional(),
            done: z.boolean().optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(ActionItemSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid("param");
      return c.json(
        await updateActionItem(deps, {
          actor: requireActor(c),
          planId: id,
          itemId,
          patch: c.req.valid("json"),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/plans/{id}/action-items/{itemId}",
      tags,
      summary: "The employee removes a task from their action plan",
      request: { params: params.item },
      responses: { 204: { description: "Removed" }, ...errorResponses },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid("param");
      await deleteActionItem(deps, { actor: requireActor(c), planId: id, itemId });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/achievements",
      tags,
      summary: "The employee logs an achievement, optionally under a goal",
      request: {
        params: params.plan,
        ...jsonBody(
          z.object({
            goalId: z.uuid("Choose one of this plan's goals.").nullable().optional(),
            body: text(5_000, "achievement"),
            occurredOn: isoDate,
          }),
        ),
      },
      responses: { 201: jsonResponse(AchievementSchema, "Logged"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addAchievement(deps, {
          actor: requireActor(c),
          planId: c.req.valid("param").id,
          ...c.req.valid("json"),
        }),
        201,
      ),
  );
}
