import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  checkFeedbackWording,
  declineRequest,
  deleteDraft,
  getFeedback,
  giveFeedback,
  listFeedbackAbout,
  listFeedbackGiven,
  listRequests,
  replyToFeedback,
  requestFeedback,
  updateFeedback,
} from "./feedback.service.js";
import { feedbackKinds, feedbackVisibilities } from "./feedback.table.js";

const tags = ["Feedback"];

const Id = z
  .uuid("Use the id of a feedback or request.")
  .openapi({ param: { name: "id", in: "path" } });
const IdParam = z.object({ id: Id });

const sbiText = (label: string) =>
  z.string().trim().max(5000, `Keep the ${label} under 5000 characters.`);
const Behaviour = z
  .string()
  .trim()
  .min(1, "Say what the person did or said: the behaviour is what feedback is about.")
  .max(5000, "Keep the behaviour under 5000 characters.");

const PersonRef = z.object({ id: z.string(), name: z.string() });

const WordingHint = z
  .object({
    field: z.enum(["situation", "behaviour", "impact"]),
    code: z.literal("wording.judgemental"),
    severity: z.literal("warning"),
    message: z.string(),
    suggestion: z.string(),
    words: z.array(z.string()),
  })
  .openapi("FeedbackWordingHint");

const FeedbackItem = z
  .object({
    id: z.string(),
    kind: z.enum(feedbackKinds),
    visibility: z.enum(feedbackVisibilities),
    situation: z.string(),
    behaviour: z.string(),
    impact: z.string(),
    giver: PersonRef,
    recipient: PersonRef,
    requestId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    sharedAt: z.string().nullable(),
    replyCount: z.number().int(),
    abilities: z.object({ edit: z.boolean(), reply: z.boolean() }),
  })
  .openapi("FeedbackItem");

const FeedbackDetail = FeedbackItem.extend({
  hints: z.array(WordingHint),
  replies: z.array(
    z.object({ id: z.string(), author: PersonRef, body: z.string(), createdAt: z.string() }),
  ),
}).openapi("FeedbackDetail");

const FeedbackRequest = z
  .object({
    id: z.string(),
    requester: PersonRef,
    asked: PersonRef,
    about: PersonRef,
    prompt: z.string(),
    status: z.enum(["open", "answered", "declined"]),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
  })
  .openapi("FeedbackRequest");

export function registerFeedbackRoutes(app: Router, deps: Deps) {
  // Fixed paths first: /feedback/given and /feedback/requests are not ids.
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/feedback/check",
      tags,
      summary:
        "Impact, not emotion: wording hints for unsaved situation, behaviour and impact text (never blocks)",
      request: {
        ...jsonBody(
          z.object({
            situation: sbiText("situation").optional(),
            behaviour: sbiText("behaviour").optional(),
            impact: sbiText("impact").optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(z.object({ hints: z.array(WordingHint) })),
        ...errorResponses,
      },
    }),
    (c) => {
      requireActor(c);
      return c.json(checkFeedbackWording(c.req.valid("json")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/feedback/given",
      tags,
      summary: "Feedback the signed-in person gave, drafts included, newest first",
      responses: {
        200: jsonResponse(z.object({ items: z.array(FeedbackItem) })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await listFeedbackGiven(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/feedback/requests",
      tags,
      summary: "Open requests for feedback asked of you (incoming), and the requests you made",
      responses: {
        200: jsonResponse(
          z.object({ incoming: z.array(FeedbackRequest), outgoing: z.array(FeedbackRequest) }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await listRequests(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/feedback/requests",
      tags,
      summary:
        "Ask someone for feedback, about yourself or (managers) about a direct report; they are notified",
      request: {
        ...jsonBody(
          z.object({
            askedId: z.uuid("Choose the person to ask."),
            aboutId: z.uuid("Choose whom the feedback is about.").optional(),
            prompt: z
              .string()
              .trim()
              .max(2000, "Keep the request under 2000 characters.")
              .default(""),
          }),
        ),
      },
      responses: { 201: jsonResponse(FeedbackRequest, "Requested"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await requestFeedback(deps, { actor: requireActor(c), input: c.req.valid("json") }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/feedback/requests/{id}/decline",
      tags,
      summary: "Decline a request for feedback asked of you",
      request: { params: IdParam },
      responses: { 200: jsonResponse(FeedbackRequest), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await declineRequest(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/feedback",
      tags,
      summary:
        "Feedback about a person that you may read: shared with you (about yourself), given by you, or shared with HR (HR in scope)",
      request: {
        query: z.object({
          about: z
            .uuid("Use a person's id.")
            .optional()
            .openapi({ param: { name: "about", in: "query" }, description: "Defaults to you" }),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ person: PersonRef, items: z.array(FeedbackItem) })),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await listFeedbackAbout(deps, {
          actor: requireActor(c),
          about: c.req.valid("query").about,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/feedback",
      tags,
      summary:
        "Give feedback (situation – behaviour – impact): shared with the person, kept as a private draft, or shared with HR only",
      request: {
        ...jsonBody(
          z.object({
            recipientId: z.uuid("Choose whom the feedback is for."),
            kind: z.enum(feedbackKinds),
            visibility: z.enum(feedbackVisibilities),
            situation: sbiText("situation").default(""),
            behaviour: Behaviour,
            impact: sbiText("impact").default(""),
            requestId: z.uuid("Use the id of a request asked of you.").optional(),
          }),
        ),
      },
      responses: { 201: jsonResponse(FeedbackDetail, "Given"), ...errorResponses },
    }),
    async (c) =>
      c.json(await giveFeedback(deps, { actor: requireActor(c), input: c.req.valid("json") }), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/feedback/{id}",
      tags,
      summary: "One feedback with its thread (and, for its author, wording hints)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(FeedbackDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(await getFeedback(deps, { actor: requireActor(c), id: c.req.valid("param").id }), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/feedback/{id}",
      tags,
      summary:
        "Edit your draft; set visibility to shared (or hr) to send it. Sent feedback cannot change",
      request: {
        params: IdParam,
        ...jsonBody(
          z
            .object({
              kind: z.enum(feedbackKinds).optional(),
              visibility: z.enum(feedbackVisibilities).optional(),
              situation: sbiText("situation").optional(),
              behaviour: Behaviour.optional(),
              impact: sbiText("impact").optional(),
            })
            .refine((v) => Object.values(v).some((x) => x !== undefined), {
              message: "Send at least one field to change.",
            }),
        ),
      },
      responses: { 200: jsonResponse(FeedbackDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateFeedback(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          patch: c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/feedback/{id}",
      tags,
      summary: "Discard your draft",
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ removed: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(await deleteDraft(deps, { actor: requireActor(c), id: c.req.valid("param").id }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/feedback/{id}/replies",
      tags,
      summary:
        "Reply under shared feedback: the recipient replies, the giver answers a reply; the other side is notified",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            body: z
              .string()
              .trim()
              .min(1, "Write a reply.")
              .max(5000, "Keep the reply under 5000 characters."),
          }),
        ),
      },
      responses: { 201: jsonResponse(FeedbackDetail, "Replied"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await replyToFeedback(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          body: c.req.valid("json").body,
        }),
        201,
      ),
  );
}
