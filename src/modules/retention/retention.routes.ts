import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  getPersonLegalHolds,
  getRetentionSettings,
  listLegalHolds,
  placeLegalHold,
  previewRetention,
  releaseLegalHold,
  runRetentionNow,
  updateRetentionPolicy,
} from "./retention.service.js";
import { recordTypes } from "./retention.types.js";

const tags = ["Retention"];

const RecordTypeEnum = z.enum(recordTypes).openapi("RetentionRecordType");

const RetentionSettings = z
  .object({
    updatedAt: z.string().nullable(),
    types: z.array(
      z.object({
        type: RecordTypeEnum,
        label: z.string(),
        countedFrom: z.string(),
        erases: z.string(),
        erasure: z.enum(["deleted", "anonymised"]),
        months: z.number().int().nullable(),
        defaultMonths: z.number().int().nullable(),
        floorMonths: z.number().int(),
        floorReason: z.string().nullable(),
      }),
    ),
  })
  .openapi("RetentionSettings");

const RetentionReport = z
  .object({
    dryRun: z.boolean(),
    at: z.string(),
    erased: z.number().int(),
    held: z.number().int(),
    items: z.array(
      z.object({
        type: RecordTypeEnum,
        label: z.string(),
        months: z.number().int().nullable(),
        cutoff: z.string().nullable(),
        erased: z.number().int(),
        held: z.number().int(),
      }),
    ),
  })
  .openapi("RetentionReport");

const PersonRef = z.object({ id: z.string(), name: z.string() });

const LegalHold = z
  .object({
    id: z.string(),
    person: PersonRef,
    active: z.boolean(),
    reason: z.string(),
    placedBy: PersonRef,
    placedAt: z.string(),
    releasedAt: z.string().nullable(),
    releasedBy: PersonRef.nullable(),
    releaseReason: z.string().nullable(),
  })
  .openapi("LegalHold");

const Reason = z.object({
  reason: z.string().trim().min(1, "Say why.").max(2000, "Keep the reason under 2000 characters."),
});

export function registerRetentionRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/settings/retention",
      tags,
      summary:
        "Retention periods per record type, with the floor each may not go below (admins and organisation-wide HR)",
      responses: { 200: jsonResponse(RetentionSettings), ...errorResponses },
    }),
    async (c) => c.json(await getRetentionSettings(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/settings/retention",
      tags,
      summary:
        "Set retention periods: months per record type, or null to keep for ever. Types left out keep their period",
      request: {
        ...jsonBody(
          z.object({
            // Checked type by type in the service, so every problem is named with its floor.
            periods: z.record(z.string(), z.number().nullable()),
          }),
        ),
      },
      responses: { 200: jsonResponse(RetentionSettings), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateRetentionPolicy(deps, {
          actor: requireActor(c),
          periods: c.req.valid("json").periods,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/settings/retention/preview",
      tags,
      summary:
        "What a retention run would erase now, per record type, and what legal holds keep (changes nothing)",
      responses: { 200: jsonResponse(RetentionReport), ...errorResponses },
    }),
    async (c) => c.json(await previewRetention(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/settings/retention/run",
      tags,
      summary:
        "Erase now what is past its retention period and not under a legal hold (admins and organisation-wide HR)",
      responses: { 200: jsonResponse(RetentionReport), ...errorResponses },
    }),
    async (c) => c.json(await runRetentionNow(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/legal-holds",
      tags,
      summary: "Every legal hold, current ones first, with released ones as history",
      responses: {
        200: jsonResponse(z.object({ items: z.array(LegalHold) })),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await listLegalHolds(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/legal-holds",
      tags,
      summary: "A person's legal holds (HR in scope and admins; not one's own)",
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ held: z.boolean(), items: z.array(LegalHold) })),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await getPersonLegalHolds(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/legal-holds",
      tags,
      summary:
        "Place a legal hold: nothing about the person (nor any record they are on) is erased until it is released",
      request: { params: IdParam, ...jsonBody(Reason) },
      responses: { 201: jsonResponse(LegalHold, "Placed"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await placeLegalHold(deps, {
          actor: requireActor(c),
          personId: c.req.valid("param").id,
          reason: c.req.valid("json").reason,
        }),
        201,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/legal-holds/{id}/release",
      tags,
      summary: "Release a legal hold, saying why; it stays in the person's history",
      request: { params: IdParam, ...jsonBody(Reason) },
      responses: { 200: jsonResponse(LegalHold, "Released"), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await releaseLegalHold(deps, {
          actor: requireActor(c),
          holdId: c.req.valid("param").id,
          reason: c.req.valid("json").reason,
        }),
        200,
      ),
  );
}
