import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { getTeamCoachingHealth } from "./coaching.service.js";

const rate = z.number().nullable();

const Health = z
  .object({
    person: z.object({ id: z.string(), name: z.string(), title: z.string() }),
    series: z.object({ id: z.string(), cadence: z.string(), status: z.string() }).nullable(),
    lastHeld: z.string().nullable(),
    /** When the next 1:1 starts (ISO), from the schedule. */
    next: z.string().nullable(),
    heldLast90: z.number().int(),
    cancelledLast90: z.number().int(),
    cancelledByManagerLast90: z.number().int(),
    openCommitments: z.number().int(),
    overdueCommitments: z.number().int(),
    followThrough: z.object({ report: rate, manager: rate }),
    feedbackLast90: z.object({ given: z.number().int(), received: z.number().int() }),
    growth: z.object({
      active: z.number().int(),
      achieved: z.number().int(),
      averageProgress: z.number().nullable(),
    }),
    plan: z.object({ id: z.string(), status: z.string(), statusLabel: z.string() }).nullable(),
  })
  .openapi("CoachingHealth");

export function registerCoachingRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/team/coaching",
      tags: ["Coaching"],
      summary:
        "Coaching health of each of your direct reports, the relationships that need attention first: 1:1s held and cancelled, commitments, feedback both ways, growth goals, plan status",
      responses: {
        200: jsonResponse(z.object({ items: z.array(Health), generatedAt: z.string() })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await getTeamCoachingHealth(deps, { actor: requireActor(c) }), 200),
  );
}
