import { createRoute, z } from "@hono/zod-openapi";
import { can } from "../../access/access.policy.js";
import { notFound } from "../../api/errors.js";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { findOutbox } from "./mail.service.js";

export function registerMailRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/mail/outbox",
      tags: ["Email"],
      summary:
        "Messages Headway has sent or holds (admins). Without SMTP, this is where mail waits",
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: {
        200: jsonResponse(
          z.object({
            transport: z.enum(["smtp", "outbox"]),
            items: z.array(
              z.object({
                id: z.string(),
                to: z.string(),
                subject: z.string(),
                text: z.string(),
                createdAt: z.string(),
                transport: z.string(),
                sentAt: z.string().nullable(),
                error: z.string().nullable(),
              }),
            ),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      if (!can(actor, "mail.view_outbox", { type: "org" })) throw notFound("outbox");
      const rows = await findOutbox({ db: deps.database.db, limit: c.req.valid("query").limit });
      return c.json(
        {
          transport: deps.mailer.transport,
          items: rows.map((r) => ({
            ...r,
            createdAt: r.createdAt.toISOString(),
            sentAt: r.sentAt?.toISOString() ?? null,
          })),
        },
        200,
      );
    },
  );
}
