import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { addCheckin, recordCheckin, recordEmployeeCheckin } from "./plans.checkins.service.js";
import { CheckinSchema, isoDate, params } from "./plans.participation.routes.js";
import { goalStatuses } from "./plans.types.js";

const tags = ["Success plans"];
const notes = (what: string) =>
  z.string().trim().max(20_000, `Keep the ${what} under 20,000 characters.`).default("");

export function registerPlanCheckinRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/plans/{id}/checkins/{checkinId}",
      tags,
      summary:
        "The manager records a check-in: values and status per goal, resources delivered, notes and next steps",
      request: {
        params: params.checkin,
        ...jsonBody(
          z.object({
            heldOn: isoDate,
            goals: z
              .array(
                z.object({
                  goalId: z.uuid("Choose one of this plan's goals."),
                  value: z.number("Enter the value as a number, or leave it empty.").nullable(),
                  status: z.enum(goalStatuses),
                  note: notes("note"),
                }),
              )
              .max(20),
            resources: z
              .array(
                z.object({
                  resourceId: z.uuid("Choose one of this plan's resources."),
                  delivered: z.boolean("Say whether it was delivered: true or false."),
                }),
              )
              .max(100)
              .default([]),
            managerNotes: notes("notes"),
            nextSteps: notes("next steps"),
          }),
        ),
      },
      responses: { 200: jsonResponse(CheckinSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, checkinId } = c.req.valid("param");
      return c.json(
        await recordCheckin(deps, {
          actor: requireActor(c),
          planId: id,
          checkinId,
          input: c.req.valid("json"),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/plans/{id}/checkins/{checkinId}/employee",
      tags,
      summary: "The employee's part of a check-in: confidence (1–5) and their notes",
      request: {
        params: params.checkin,
        ...jsonBody(
          z.object({
            confidence: z
              .number("Rate your confidence from 1 to 5.")
              .int("Rate your confidence from 1 to 5.")
              .min(1, "Rate your confidence from 1 to 5.")
              .max(5, "Rate your confidence from 1 to 5."),
            employeeNotes: notes("notes"),
          }),
        ),
      },
      responses: { 200: jsonResponse(CheckinSchema), ...errorResponses },
    }),
    async (c) => {
      const { id, checkinId } = c.req.valid("param");
      return c.json(
        await recordEmployeeCheckin(deps, {
          actor: requireActor(c),
          planId: id,
          checkinId,
          ...c.req.valid("json"),
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/plans/{id}/checkins",
      tags,
      summary: "Add an extra check-in (manager or HR, on a running plan)",
      request: { params: params.plan, ...jsonBody(z.object({ scheduledOn: isoDate })) },
      responses: { 201: jsonResponse(CheckinSchema, "Added"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await addCheckin(deps, {
          actor: requireActor(c),
          planId: c.req.valid("param").id,
          scheduledOn: c.req.valid("json").scheduledOn,
        }),
        201,
      ),
  );
}
