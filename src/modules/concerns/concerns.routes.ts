import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  ConcernDetail,
  ConcernInbox,
  ConcernList,
  NewConcernBody,
  ProtectedActivityBody,
  ProtectedActivityView,
  ReadersPreview,
  ReplyBody,
} from "./concerns.schemas.js";
import {
  getConcern,
  listInbox,
  listMyConcerns,
  previewReaders,
  raiseConcern,
  recordActivityFromConcern,
  replyToConcern,
  setConcernStatus,
} from "./concerns.service.js";
import { inboxFilters } from "./concerns.types.js";

const tags = ["Confidential concerns"];

const IdParam = z.object({
  id: z.uuid("Use the id of a concern.").openapi({ param: { name: "id", in: "path" } }),
});

export function registerConcernRoutes(app: Router, deps: Deps) {
  // Fixed paths first: /concerns/readers and /concerns/inbox are not ids.
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/concerns/readers",
      tags,
      summary:
        "Before raising a concern: the HR people who would read it (never the person it is about, never anyone above you)",
      request: {
        query: z.object({
          aboutPersonId: z.uuid("Choose the person from the directory.").optional(),
        }),
      },
      responses: { 200: jsonResponse(ReadersPreview), ...errorResponses },
    }),
    async (c) =>
      c.json(await previewReaders(deps, { actor: requireActor(c), ...c.req.valid("query") }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/concerns/inbox",
      tags,
      summary: "HR's inbox: the concerns you may read, open first, with unread counts",
      request: { query: z.object({ status: z.enum(inboxFilters).default("all") }) },
      responses: { 200: jsonResponse(ConcernInbox), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await listInbox(deps, { actor: requireActor(c), status: c.req.valid("query").status }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/concerns",
      tags,
      summary: "The concerns you raised, open first, with the number of new replies",
      responses: { 200: jsonResponse(ConcernList), ...errorResponses },
    }),
    async (c) => c.json(await listMyConcerns(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/concerns",
      tags,
      summary:
        "Raise a concern with HR in confidence; refused when nobody in HR could read it (nothing is stored)",
      request: jsonBody(NewConcernBody),
      responses: { 201: jsonResponse(ConcernDetail, "Raised"), ...errorResponses },
    }),
    async (c) =>
      c.json(await raiseConcern(deps, { actor: requireActor(c), input: c.req.valid("json") }), 201),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/concerns/{id}",
      tags,
      summary: "One concern and its thread; marks it read (a sensitive read: logged once an hour)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(ConcernDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(await getConcern(deps, { actor: requireActor(c), id: c.req.valid("param").id }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/concerns/{id}/messages",
      tags,
      summary:
        "Write in the thread (the employee or HR); the other side is told without any detail",
      request: { params: IdParam, ...jsonBody(ReplyBody) },
      responses: { 201: jsonResponse(ConcernDetail, "Sent"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await replyToConcern(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          body: c.req.valid("json").body,
        }),
        201,
      ),
  );

  for (const [verb, status] of [
    ["close", "closed"],
    ["reopen", "open"],
  ] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/concerns/{id}/${verb}`,
        tags,
        summary: verb === "close" ? "Close a concern" : "Reopen a closed concern",
        request: { params: IdParam },
        responses: { 200: jsonResponse(ConcernDetail), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await setConcernStatus(deps, {
            actor: requireActor(c),
            id: c.req.valid("param").id,
            status,
          }),
          200,
        ),
    );
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/concerns/{id}/protected-activities",
      tags,
      summary:
        "HR: record a protected activity (complaint, grievance, request, leave…) from this concern",
      request: { params: IdParam, ...jsonBody(ProtectedActivityBody) },
      responses: { 201: jsonResponse(ProtectedActivityView, "Recorded"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await recordActivityFromConcern(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );
}
