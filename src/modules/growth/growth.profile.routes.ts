import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { getCoachingProfile, saveProfileEntry } from "./growth.profile.service.js";
import { profileFields } from "./growth.table.js";

const tags = ["Coaching profile"];

const PersonId = z.uuid("Use a person's id.").openapi({ param: { name: "id", in: "path" } });

const ProfileEntry = z.object({
  id: z.string(),
  author: z.object({ id: z.string(), name: z.string() }),
  authorRole: z.enum(["self", "manager", "other"]),
  mine: z.boolean(),
  body: z.string(),
  scale: z.number().int().nullable(),
  updatedAt: z.string(),
});

const CoachingProfile = z
  .object({
    person: z.object({ id: z.string(), name: z.string() }),
    fields: z.array(
      z.object({
        field: z.enum(profileFields),
        label: z.string(),
        kind: z.enum(["text", "scale"]),
        poles: z.object({ low: z.string(), high: z.string() }).nullable(),
        entries: z.array(ProfileEntry),
      }),
    ),
    abilities: z.object({ edit: z.boolean() }),
  })
  .openapi("CoachingProfile");

export function registerProfileRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/coaching-profile",
      tags,
      summary:
        "A person's coaching profile: each field with every author's entry (the person, their manager), who wrote it and when",
      request: { params: z.object({ id: PersonId }) },
      responses: { 200: jsonResponse(CoachingProfile), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await getCoachingProfile(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/people/{id}/coaching-profile/{field}",
      tags,
      summary:
        "Write your own entry for one field (the person, or their direct manager); an empty body with no scale removes it",
      request: {
        params: z.object({
          id: PersonId,
          field: z.enum(profileFields).openapi({ param: { name: "field", in: "path" } }),
        }),
        ...jsonBody(
          z.object({
            body: z.string().trim().max(5000, "Keep it under 5000 characters.").default(""),
            scale: z
              .number()
              .int("Use a whole number from -2 to 2.")
              .min(-2, "Use a whole number from -2 to 2.")
              .max(2, "Use a whole number from -2 to 2.")
              .nullable()
              .optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(CoachingProfile), ...errorResponses },
    }),
    async (c) => {
      const { id, field } = c.req.valid("param");
      const { body, scale } = c.req.valid("json");
      return c.json(
        await saveProfileEntry(deps, {
          actor: requireActor(c),
          personId: id,
          field,
          body,
          scale,
        }),
        200,
      );
    },
  );
}
