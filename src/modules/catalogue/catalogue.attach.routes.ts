import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  addCatalogueResourceToPlanGoal,
  addMentorResourceToPlanGoal,
} from "./catalogue.attach.service.js";

const tags = ["Success plans"];

const uuidParam = (name: string, what: string) =>
  z.uuid(`Use the id of ${what}.`).openapi({ param: { name, in: "path" } });

const PlanGoalParams = z.object({
  planId: uuidParam("planId", "a plan"),
  goalId: uuidParam("goalId", "one of the plan's goals"),
});

/** Picked from L&D's catalogue; a workshop also names one of its upcoming dates. */
export const CataloguePickBody = z
  .object({
    catalogueItemId: z.uuid("Choose an item from the catalogue."),
    sessionId: z.uuid("Choose one of the workshop's dates.").nullable().optional(),
  })
  .openapi("CataloguePick");

/** A mentor from the suggestions, what the mentoring is about, and the skills it serves. */
export const MentorPickBody = z
  .object({
    mentorId: z.uuid("Choose a mentor from the suggestions."),
    topic: z
      .string()
      .trim()
      .min(1, "Say what the mentoring is for.")
      .max(200, "Keep the topic under 200 characters."),
    skills: z
      .array(z.string().trim().min(1).max(60, "Keep each skill under 60 characters."))
      .max(20, "Name at most 20 skills.")
      .default([]),
  })
  .openapi("MentorPick");

// The plan as the editor holds it (the same body as GET /plans/{id}): it takes the new version.
const PlanDetailBody = z
  .object({
    plan: z.object({ id: z.string(), version: z.number() }).passthrough(),
    goals: z.array(z.unknown()),
  })
  .passthrough()
  .openapi("PlanDetailAfterResourcing");

export function registerCatalogueAttachRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{planId}/goals/{goalId}/resources/catalogue",
      tags,
      summary:
        "Add a catalogue item to a plan goal as a resource commitment (a workshop takes a seat on one date); answers the plan with its new version",
      request: { params: PlanGoalParams, ...jsonBody(CataloguePickBody) },
      responses: { 201: jsonResponse(PlanDetailBody, "Added"), ...errorResponses },
    }),
    async (c) => {
      const { planId, goalId } = c.req.valid("param");
      const body = c.req.valid("json");
      return c.json(
        await addCatalogueResourceToPlanGoal(deps, {
          actor: requireActor(c),
          planId,
          goalId,
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
      path: "/api/v1/plans/{planId}/goals/{goalId}/resources/mentor",
      tags,
      summary:
        "Add a mentor to a plan goal and ask them (they learn the topic, never the plan); nothing is saved when they cannot take it",
      request: { params: PlanGoalParams, ...jsonBody(MentorPickBody) },
      responses: { 201: jsonResponse(PlanDetailBody, "Added"), ...errorResponses },
    }),
    async (c) => {
      const { planId, goalId } = c.req.valid("param");
      return c.json(
        await addMentorResourceToPlanGoal(deps, {
          actor: requireActor(c),
          planId,
          goalId,
          ...c.req.valid("json"),
        }),
        201,
      );
    },
  );
}
