import { createRoute } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { GoalCheck } from "../review/review.schemas.js";
import {
  addGoalUpdate,
  checkGoalText,
  createGoal,
  getGoal,
  listGoals,
  updateGoal,
} from "./growth.goals.service.js";
import {
  GoalCheckBody,
  GoalCreateBody,
  GoalPatchBody,
  GoalUpdateBody,
  GrowthGoalDetail,
  GrowthGoalList,
  IdParam,
} from "./growth.schemas.js";

const tags = ["Growth goals"];

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
}
