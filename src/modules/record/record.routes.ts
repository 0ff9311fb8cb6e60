import { createRoute, z } from "@hono/zod-openapi";
import { can } from "../../access/access.policy.js";
import { notFound } from "../../api/errors.js";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { findAllPeople } from "../org/org.repository.js";
import { findAuditEvents, verifyAuditTrail } from "./record.service.js";

const AuditEvent = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    digest: z.string(),
    hash: z.string(),
  })
  .openapi("AuditEvent");

export function registerRecordRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/audit",
      tags: ["Audit"],
      summary: "Browse audit events, newest first (HR within their scope, admins)",
      request: {
        query: z.object({
          before: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          action: z.string().max(100).optional(),
          subjectId: z.string().max(100).optional(),
          actorId: z.uuid("Use the id of a person.").optional(),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(AuditEvent), nextBefore: z.number().nullable() }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      if (!can(actor, "audit.view", { type: "audit" }))
        throw notFound("audit trail", "audit.not_found");
      const query = c.req.valid("query");
      let restrictToPeople: string[] | undefined;
      if (!can(actor, "audit.view_all", { type: "audit" })) {
        const all = await findAllPeople(deps.database.db);
        restrictToPeople = all
          .filter((p) => actor.hrScope.departments.includes(p.department))
          .map((p) => p.id);
      }
      const rows = await findAuditEvents({
        db: deps.database.db,
        query: { ...query, restrictToPeople },
      });
      return c.json(
        {
          items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
          nextBefore: rows.length === query.limit ? rows[rows.length - 1]!.seq : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/audit/verify",
      tags: ["Audit"],
      summary: "Verify the hash chain of the whole audit trail (admins, organisation-wide HR)",
      responses: {
        200: jsonResponse(
          z.object({
            ok: z.boolean(),
            count: z.number(),
            seq: z.number().optional(),
            problem: z.string().optional(),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      if (!can(actor, "audit.view_all", { type: "audit" }))
        throw notFound("audit trail", "audit.not_found");
      return c.json(
        await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret }),
        200,
      );
    },
  );
}
