import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { registerScimProtocol } from "./scim.protocol.js";
import { createScimToken, getProvisioning, mapGroup, revokeScimToken } from "./scim.service.js";
import { scimRoles } from "./scim.types.js";

const ScimGroupMapping = z
  .object({
    id: z.string(),
    displayName: z.string(),
    role: z.enum(scimRoles).nullable(),
    departments: z.array(z.string()),
    members: z.number(),
  })
  .openapi("ScimGroupMapping");

const Provisioning = z
  .object({
    baseUrl: z.string(),
    tokens: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        prefix: z.string(),
        createdAt: z.string(),
        createdBy: z.string(),
        expiresAt: z.string().nullable(),
        revokedAt: z.string().nullable(),
        status: z.enum(["active", "revoked", "expired", "owner_inactive"]),
      }),
    ),
    groups: z.array(ScimGroupMapping),
    activity: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        action: z.string(),
        label: z.string(),
        subject: z.string().nullable(),
        by: z.string(),
      }),
    ),
  })
  .openapi("Provisioning");

export function registerScimRoutes(app: Router, deps: Deps) {
  registerScimProtocol(app, deps);

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/settings/provisioning",
      tags: ["Provisioning"],
      summary:
        "SCIM provisioning: base URL, SCIM tokens, pushed groups and recent activity (admins)",
      responses: { 200: jsonResponse(Provisioning), ...errorResponses },
    }),
    async (c) => c.json(await getProvisioning(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/settings/provisioning/tokens",
      tags: ["Provisioning"],
      summary: "Create a SCIM token for an identity provider (shown once; admins)",
      request: jsonBody(
        z.object({
          name: z
            .string()
            .trim()
            .min(1, "Name the token after the identity provider that will use it.")
            .max(100),
          expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
        }),
      ),
      responses: {
        201: jsonResponse(
          z.object({
            id: z.string(),
            name: z.string(),
            prefix: z.string(),
            token: z.string(),
            expiresAt: z.string().nullable(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(await createScimToken(deps, { actor: requireActor(c), ...c.req.valid("json") }), 201),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/settings/provisioning/tokens/{id}",
      tags: ["Provisioning"],
      summary: "Revoke a SCIM token: the identity provider using it is refused from then on",
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" }, ...errorResponses },
    }),
    async (c) => {
      await revokeScimToken(deps, { actor: requireActor(c), tokenId: c.req.valid("param").id });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/settings/provisioning/groups/{id}",
      tags: ["Provisioning"],
      summary:
        "Map a pushed group to a role (hr, ld, admin) or to none; members get or lose it at once",
      request: {
        params: IdParam,
        ...jsonBody(
          z.object({
            role: z.enum(scimRoles).nullable(),
            departments: z
              .array(z.string().trim().min(1).max(200))
              .max(200)
              .default([])
              .openapi({ description: "For HR: the departments covered; none = everyone." }),
          }),
        ),
      },
      responses: { 200: jsonResponse(ScimGroupMapping), ...errorResponses },
    }),
    async (c) => {
      const { role, departments } = c.req.valid("json");
      return c.json(
        await mapGroup(deps, {
          actor: requireActor(c),
          groupId: c.req.valid("param").id,
          role,
          departments,
        }),
        200,
      );
    },
  );
}
