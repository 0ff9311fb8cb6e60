import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie } from "hono/cookie";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { clientIp, Password, SESSION_COOKIE } from "./auth.routes.js";
import {
  changePassword,
  listMySessions,
  revokeMySession,
  signOutOtherSessions,
} from "./auth.service.js";

const Session = z
  .object({
    id: z.string(),
    current: z.boolean().openapi({ description: "The session this request came with" }),
    method: z.string().openapi({ example: "password+totp" }),
    userAgent: z.string(),
    ip: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
  })
  .openapi("Session");

/** One's own sessions, and one's own password. */
export function registerSessionRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/sessions",
      tags: ["Sign-in"],
      summary: "Your sessions that have not ended, most recently used first",
      responses: { 200: jsonResponse(z.object({ items: z.array(Session) })), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const items = await listMySessions(deps, { actor, currentSessionId: c.get("sessionId") });
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/me/sessions/{id}",
      tags: ["Sign-in"],
      summary: "Sign out one of your sessions (this one included)",
      request: { params: IdParam },
      responses: { 204: { description: "Signed out" }, ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      await revokeMySession(deps, { actor, sessionId: id });
      if (id === c.get("sessionId")) deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/sessions/sign-out-others",
      tags: ["Sign-in"],
      summary: "Sign out every session but this one",
      responses: { 200: jsonResponse(z.object({ ended: z.number() })), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(
        await signOutOtherSessions(deps, { actor, currentSessionId: c.get("sessionId") }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/password",
      tags: ["Sign-in"],
      summary: "Change your password (your other sessions end)",
      request: jsonBody(z.object({ currentPassword: Password, newPassword: Password })),
      responses: {
        200: jsonResponse(z.object({ sessionsEnded: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid("json");
      const result = await changePassword(deps, {
        actor,
        sessionId: c.get("sessionId"),
        ...body,
        ip: clientIp(c, deps),
      });
      return c.json(result, 200);
    },
  );
}
