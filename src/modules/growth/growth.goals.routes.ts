import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { CataloguePickBody, MentorPickBody } from "../catalogue/catalogue.attach.routes.js";
import { type ResourceKind, resourceKinds, resourceStatuses } from "../plans/plans.types.js";
import { GoalCheck } from "../review/review.schemas.js";
import {
  addCatalogueResourceToGrowthGoal,
  addGoalUpdate,
  addGrowthGoalResource,
  addMentorResourceToGrowthGoal,
  checkGoalText,
  createGoal,
  getGoal,
  isWebLink,
  listGoals,
  removeGrowthGoalResource,
  setGrowthGoalResourceStatus,
  updateGoal,
} from "./growth.goals.service.js";
import {
  GoalCheckBody,
  GoalCreateBody,
  GoalPatchBody,
  GoalUpdateBody,
  GrowthGoalDetail as GrowthGoalFields,
  GrowthGoalList,
  IdParam,
} from "./growth.schemas.js";

const tags = ["Growth goals"];

const GrowthGoalResource = z
  .object({
    id: z.string(),
    kind: z.enum(resourceKinds),
    description: z.string(),
    link: z.string(),
    mentor: z.object({ id: z.string(), name: z.string() }).nullable(),
    catalogueItemId: z.string().nullable(),
    sessionId: z.string().nullable(),
    sessionStartsAt: z.string().nullable(),
    mentorshipStatus: z.string().nullable(),
    status: z.enum(resourceStatuses),
    createdAt: z.string(),
  })
  .openapi("GrowthGoalResource");

/** A growth goal with its updates and the resources that make it reachable. */
const GrowthGoalDetail = GrowthGoalFields.extend({
  resources: z.array(GrowthGoalResource),
}).openapi("GrowthGoalWithResources");

/** A mentor is asked through the mentor route, so they can accept or decline. */
const freeKinds = [
  "training",
  "time",
  "tool",
  "coaching",
  "reduced_demand",
] as const satisfies readonly ResourceKind[];

const FreeResourceBody = z
  .object({
    kind: z.enum(
      freeKinds,
      "Choose training, time, a tool, coaching or a reduced demand; ask a mentor from the suggestions.",
    ),
    description: z
      .string()
      .trim()
      .min(1, "Describe the resource.")
      .max(2000, "Keep the description under 2,000 characters."),
    // A link is followed by the person: web addresses only (no javascript:, data:).
    link: z
      .string()
      .trim()
      .max(2000, "Keep the link under 2,000 characters.")
      .refine(isWebLink, "Use a web link starting with http:// or https://, or leave it empty.")
      .default(""),
  })
  .openapi("GrowthGoalResourceInput");

const ResourceStatusBody = z
  .object({
    status: z.enum(resourceStatuses, "Use offered, in_use, delivered or not_delivered."),
  })
  .openapi("GrowthGoalResourceStatus");

export function registerGrowthGoalRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/growth-goals",
      tags,
      summary:
        "A person's growth goals, active first, with the language checker's hints and a summary",
      request: { params: IdParam },
      responses: { 200: jsonResponse(GrowthGoalList), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await listGoals(deps, { actor: requireActor(c), personId: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/growth-goals",
      tags,
      summary: "Add a SMART growth goal (the person or their direct manager)",
      request: { params: IdParam, ...jsonBody(GoalCreateBody) },
      responses: { 201: jsonResponse(GrowthGoalDetail, "Created"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await createGoal(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/growth-goals/check",
      tags,
      summary:
        "Check an unsaved goal's language (title and what exactly it means); hints only, nothing is saved",
      request: { ...jsonBody(GoalCheckBody) },
      responses: { 200: jsonResponse(GoalCheck), ...errorResponses },
    }),
    (c) => {
      requireActor(c);
      return c.json(checkGoalText(c.req.valid("json")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/growth-goals/{id}",
      tags,
      summary: "A growth goal with its progress updates, newest first",
      request: { params: IdParam },
      responses: { 200: jsonResponse(GrowthGoalDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(await getGoal(deps, { actor: requireActor(c), id: c.req.valid("param").id }), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/growth-goals/{id}",
      tags,
      summary:
        "Edit a growth goal or end it (achieved, dropped); send the version you edited (409 when stale)",
      request: { params: IdParam, ...jsonBody(GoalPatchBody) },
      responses: { 200: jsonResponse(GrowthGoalDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateGoal(deps, {
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
      path: "/api/v1/growth-goals/{id}/updates",
      tags,
      summary:
        "Record progress (0–100, optionally a measured value and the 1:1 it was discussed in); the goal's progress follows",
      request: { params: IdParam, ...jsonBody(GoalUpdateBody) },
      responses: { 201: jsonResponse(GrowthGoalDetail, "Recorded"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addGoalUpdate(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/growth-goals/{id}/resources/catalogue",
      tags,
      summary:
        "Add a catalogue item to a growth goal (a workshop takes a seat on one of its dates)",
      request: { params: IdParam, ...jsonBody(CataloguePickBody) },
      responses: { 201: jsonResponse(GrowthGoalDetail, "Added"), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return c.json(
        await addCatalogueResourceToGrowthGoal(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          catalogueItemId: body.catalogueItemId,
          sessionId: body.sessionId ?? null,
        }),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/growth-goals/{id}/resources/mentor",
      tags,
      summary:
        "Add a mentor to a growth goal and ask them; nothing is saved when they cannot take it",
      request: { params: IdParam, ...jsonBody(MentorPickBody) },
      responses: { 201: jsonResponse(GrowthGoalDetail, "Added"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addMentorResourceToGrowthGoal(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          ...c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/growth-goals/{id}/resources",
      tags,
      summary: "Add a resource in your own words (time, a tool, coaching, a lighter load)",
      request: { params: IdParam, ...jsonBody(FreeResourceBody) },
      responses: { 201: jsonResponse(GrowthGoalDetail, "Added"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addGrowthGoalResource(deps, {
          actor: requireActor(c),
          id: c.req.valid("param").id,
          input: c.req.valid("json"),
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/api/v1/growth-goal-resources/{id}",
      tags,
      summary: "Record whether a growth goal's resource is in use, delivered or not delivered",
      request: { params: IdParam, ...jsonBody(ResourceStatusBody) },
      responses: { 200: jsonResponse(GrowthGoalDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await setGrowthGoalResourceStatus(deps, {
          actor: requireActor(c),
          resourceId: c.req.valid("param").id,
          status: c.req.valid("json").status,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/growth-goal-resources/{id}",
      tags,
      summary: "Take a resource off an active growth goal",
      request: { params: IdParam },
      responses: { 200: jsonResponse(GrowthGoalDetail), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await removeGrowthGoalResource(deps, {
          actor: requireActor(c),
          resourceId: c.req.valid("param").id,
        }),
        200,
      ),
  );
}
