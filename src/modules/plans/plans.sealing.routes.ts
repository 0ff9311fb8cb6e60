import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { GoalCreateBody } from "../growth/growth.schemas.js";
import { MAX_CARRY_ON_GOALS, MAX_SEALED_MANAGER_DAYS } from "./plans.sealing.rules.js";
import {
  getCarryOnDraft,
  getSealingSettings,
  updateSealingSettings,
} from "./plans.sealing.service.js";

// Life after a plan: the growth plan drafted for the close dialog, and the organisation's
// setting for how long the manager who ran a sealed plan may still open it.

/** A growth goal carried on from a plan, checked as a growth goal is (growth's own schema). */
export const CarryOnGoalBody = GoalCreateBody.pick({
  title: true,
  specific: true,
  measure: true,
  dueOn: true,
}).openapi("CarryOnGoal");

/** Sent with `close` (outcome goals_met): the growth plan that carries on; left out, it is drafted. */
export const CarryOnGoals = z
  .array(CarryOnGoalBody)
  .max(
    MAX_CARRY_ON_GOALS,
    `Keep to at most ${MAX_CARRY_ON_GOALS} growth goals; more can be added later.`,
  );

const SealingSettings = z
  .object({
    managerDays: z.number().int().openapi({
      description:
        "Days after it closed that the manager who ran a sealed plan may still open it (0: not after it closes)",
    }),
  })
  .openapi("SealingSettings");

export function registerPlanSealingRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/plans/{id}/carry-on",
      tags: ["Success plans"],
      summary:
        "The growth plan drafted for closing this plan with its goals met: keep each goal's level, then the next skills (for whoever may close it)",
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ goals: z.array(CarryOnGoalBody) })),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await getCarryOnDraft(deps, { actor: requireActor(c), id: c.req.valid("param").id }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/settings/sealing",
      tags: ["Sealed plans"],
      summary:
        "How long the manager who ran a sealed plan may still open it, in days (admins and organisation-wide HR)",
      responses: { 200: jsonResponse(SealingSettings), ...errorResponses },
    }),
    async (c) => c.json(await getSealingSettings(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/settings/sealing",
      tags: ["Sealed plans"],
      summary:
        "Set the manager's period on sealed plans (0–730 days); plans sealed before keep their date",
      request: {
        ...jsonBody(
          z.object({
            managerDays: z
              .number(`Enter a whole number of days from 0 to ${MAX_SEALED_MANAGER_DAYS}.`)
              .int(`Enter a whole number of days from 0 to ${MAX_SEALED_MANAGER_DAYS}.`)
              .min(0, `Enter a whole number of days from 0 to ${MAX_SEALED_MANAGER_DAYS}.`)
              .max(
                MAX_SEALED_MANAGER_DAYS,
                `Enter a whole number of days from 0 to ${MAX_SEALED_MANAGER_DAYS}.`,
              ),
          }),
        ),
      },
      responses: { 200: jsonResponse(SealingSettings), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateSealingSettings(deps, {
          actor: requireActor(c),
          managerDays: c.req.valid("json").managerDays,
        }),
        200,
      ),
  );
}
