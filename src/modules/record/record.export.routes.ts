import { createRoute, z } from "@hono/zod-openapi";
import { strToU8, zipSync } from "fflate";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  exportRecord,
  listRecordExports,
  recordFileName,
  verifyRecordCopy,
} from "./record.export.js";
import { describeSigningKey } from "./record.signing.js";

const tags = ["Your record"];

const RecordCopy = z
  .object({
    record: z.record(z.string(), z.unknown()).openapi({
      description:
        "The record: { format, person, generatedAt, auditHead: { sequence, hash }, signingKeyId, plans (each with its engagement: { talks, summary }), oneOnOnes, feedback, coachingProfile, growthGoals (with their resources), onboardingPlans, discussions, concerns, diagnoses, mentoring: { asMentee, asMentor }, auditEvents }",
    }),
    signature: z.record(z.string(), z.unknown()).openapi({
      description:
        "signature.json: { format, signed: { kind, personId, generatedAt, auditHead, recordSha256, pdfSha256 }, signature, publicKey, keyId }",
    }),
  })
  .openapi("RecordCopy");

const Check = z
  .object({
    ok: z.boolean(),
    message: z.string().optional(),
    problems: z.array(z.string()).optional(),
  })
  .openapi("RecordCheck");

const PersonParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" } }),
});

const zipResponse = {
  description:
    "A zip with record.json (the record), record.pdf (the same, to read) and signature.json (the signature over both and the audit head)",
  content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } },
};

export function registerRecordExportRoutes(app: Router, deps: Deps) {
  async function json(actor: ReturnType<typeof requireActor>, personId: string) {
    const { record, signature } = await exportRecord(deps, { actor, personId, format: "json" });
    return { record, signature };
  }

  async function zip(actor: ReturnType<typeof requireActor>, personId: string) {
    const { record, signature, pdf } = await exportRecord(deps, {
      actor,
      personId,
      format: "zip",
    });
    const bytes = zipSync({
      "record.json": strToU8(`${JSON.stringify(record, null, 2)}\n`),
      "record.pdf": [new Uint8Array(pdf!), { level: 0 }],
      "signature.json": strToU8(`${JSON.stringify(signature, null, 2)}\n`),
    });
    return { bytes, name: recordFileName(record) };
  }

  const zipHeaders = (name: string) => ({
    "content-type": "application/zip",
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "private, no-store",
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/record",
      tags,
      summary:
        "Your own record as JSON, with its signature: everything Headway holds about you that you may see (recorded as an audit event)",
      responses: { 200: jsonResponse(RecordCopy), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(await json(actor, actor.personId), 200, {
        "cache-control": "private, no-store",
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/record.zip",
      tags,
      summary:
        "Your own record to download: record.json, record.pdf and signature.json in one zip (recorded as an audit event)",
      responses: { 200: zipResponse, ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { bytes, name } = await zip(actor, actor.personId);
      return c.body(bytes, 200, zipHeaders(name));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/record-export",
      tags,
      summary:
        "A person's record as JSON: only the person themselves (anyone else gets 404; nobody exports on another's behalf)",
      request: { params: PersonParam },
      responses: { 200: jsonResponse(RecordCopy), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(await json(actor, c.req.valid("param").id), 200, {
        "cache-control": "private, no-store",
      });
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/people/{id}/record-export.zip",
      tags,
      summary: "A person's record as a zip: only the person themselves (anyone else gets 404)",
      request: { params: PersonParam },
      responses: { 200: zipResponse, ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { bytes, name } = await zip(actor, c.req.valid("param").id);
      return c.body(bytes, 200, zipHeaders(name));
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/record/exports",
      tags,
      summary: "When you last exported your record (the ten newest exports)",
      responses: {
        200: jsonResponse(
          z.object({
            items: z.array(z.object({ at: z.string(), format: z.enum(["json", "zip"]) })),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await listRecordExports(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/record/signing-key",
      tags,
      summary:
        "The public key that signs record exports and audit checkpoints (Ed25519), with its fingerprint: anyone may fetch it",
      responses: {
        200: jsonResponse(
          z
            .object({
              algorithm: z.literal("Ed25519"),
              publicKey: z.string().openapi({ description: "PEM (SPKI)" }),
              fingerprint: z
                .string()
                .openapi({ description: "SHA-256 of the DER public key, hex" }),
              keyId: z.string().openapi({ description: "The fingerprint's first 16 hex digits" }),
            })
            .openapi("SigningKey"),
        ),
      },
    }),
    (c) => c.json(describeSigningKey(deps.config.signingKeyPem), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/record/verify-export",
      tags,
      summary:
        "Check a copy of a record someone gave you: the signature is this installation's, record.json is unchanged, and the audit trail still holds its head (for the PDF too, use `headway record verify-export` on the zip)",
      request: jsonBody(RecordCopy),
      responses: { 200: jsonResponse(Check), ...errorResponses },
    }),
    async (c) => {
      requireActor(c);
      const { record, signature } = c.req.valid("json");
      return c.json(await verifyRecordCopy(deps, { record, signature }), 200);
    },
  );
}
