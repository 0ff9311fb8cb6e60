import { createRoute } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  acknowledgeDiscussion,
  createDiscussion,
  getDiscussion,
  listDiscussions,
  respondToDiscussion,
  shareDiscussion,
  updateDiscussion,
} from "./growth.discussions.service.js";
import {
  Discussion,
  DiscussionBody,
  DiscussionList,
  DiscussionPatchBody,
  DiscussionWithMessage,
  IdParam,
  ResponseBody,
  VersionBody,
} from "./growth.schemas.js";

const tags = ["Documented discussions"];

export function registerDiscussionRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/discussions",
      tags,
      summary:
        "Documented discussions with a person, newest first (the employee sees them once shared)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(DiscussionList), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await listDiscussions(deps, { actor: requireActor(c), personId: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/discussions",
      tags,
      summary:
        "Document a performance discussion as a draft (the direct manager or HR in scope); wording hints come back",
      request: { params: IdParam, ...jsonBody(DiscussionBody) },
      responses: { 201: jsonResponse(Discussion, "Created"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await createDiscussion(deps, {
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
      path: "/api/v1/discussions/{id}",
      tags,
      summary: "A documented discussion",
      request: { params: IdParam },
      responses: { 200: jsonResponse(Discussion), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getDiscussion(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/discussions/{id}",
      tags,
      summary: "Edit a draft discussion; send the version you edited (409 when stale)",
      request: { params: IdParam, ...jsonBody(DiscussionPatchBody) },
      responses: { 200: jsonResponse(Discussion), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateDiscussion(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/discussions/{id}/share",
      tags,
      summary:
        "Share the record with the employee (told in the app and by email); it no longer changes",
      request: { params: IdParam, ...jsonBody(VersionBody) },
      responses: { 200: jsonResponse(DiscussionWithMessage), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await shareDiscussion(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          version: c.req.valid("json").version,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/discussions/{id}/acknowledge",
      tags,
      summary: "The employee confirms receiving the record — receipt, not agreement",
      request: { params: IdParam },
      responses: { 200: jsonResponse(DiscussionWithMessage), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await acknowledgeDiscussion(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/discussions/{id}/response",
      tags,
      summary: "The employee's response in their own words; they may change it after acknowledging",
      request: { params: IdParam, ...jsonBody(ResponseBody) },
      responses: { 200: jsonResponse(Discussion), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await respondToDiscussion(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          response: c.req.valid("json").response,
        }),
        200,
      ),
  );
}
