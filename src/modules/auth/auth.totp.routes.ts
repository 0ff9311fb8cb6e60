import { createRoute, z } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { clientIp, Password, PersonSummary, setSessionCookie, summary } from "./auth.routes.js";
import { registerSessionRoutes } from "./auth.sessions.routes.js";
import {
  completeTotpSignIn,
  confirmTotpEnrolment,
  disableTotp,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
  resetTwoFactor,
  startTotpEnrolment,
} from "./auth.totp.js";

const Code = z
  .string()
  .trim()
  .min(1, "Enter the 6-digit code from your authenticator app.")
  .max(20, "Enter the 6-digit code from your authenticator app.");
const RecoveryCode = z
  .string()
  .trim()
  .min(1, "Enter one of your recovery codes.")
  .max(40, "Enter one of your recovery codes.");

const TwoFactorStatus = z
  .object({
    passwordAccount: z.boolean(),
    enabled: z.boolean(),
    enabledAt: z.string().nullable(),
    pending: z.boolean(),
    required: z.boolean(),
    recoveryCodesLeft: z.number(),
    enrolmentOnly: z.boolean(),
  })
  .openapi("TwoFactorStatus");

const RecoveryCodes = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .openapi({ description: "Shown this once; Headway keeps only their hashes" }),
  })
  .openapi("RecoveryCodes");

/** A current code, or the password: what proves it is the person at the keyboard. */
const Proof = z
  .object({ code: Code.optional(), password: Password.optional() })
  .refine((p) => Boolean(p.code) !== Boolean(p.password), {
    message: "Enter a code from your authenticator app, or your password (one of the two).",
    path: ["code"],
  });

export function registerTotpRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/sign-in/totp",
      tags: ["Sign-in"],
      summary:
        "Finish a password sign-in with a code from the authenticator app or a recovery code",
      request: jsonBody(
        z
          .object({
            challenge: z.string().min(1, "The sign-in is incomplete: start again.").max(200),
            code: Code.optional(),
            recoveryCode: RecoveryCode.optional(),
          })
          .refine((b) => Boolean(b.code) !== Boolean(b.recoveryCode), {
            message: "Enter the code from your authenticator app, or one recovery code.",
            path: ["code"],
          }),
      ),
      responses: {
        200: jsonResponse(z.object({ person: PersonSummary, recoveryCodesLeft: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { person, session, recoveryCodesLeft } = await completeTotpSignIn(deps, {
        ...body,
        ip: clientIp(c, deps),
        userAgent: c.req.header("user-agent") ?? "",
        replacesSessionId: c.get("sessionId"),
      });
      setSessionCookie(c, deps, session);
      return c.json({ person: summary(person), recoveryCodesLeft }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/totp",
      tags: ["Sign-in"],
      summary: "Your two-step sign-in: on or off, required or not, recovery codes left",
      responses: { 200: jsonResponse(TwoFactorStatus), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(await getTwoFactorStatus(deps, { actor, sessionId: c.get("sessionId") }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/totp/enrol",
      tags: ["Sign-in"],
      summary: "Start setting up an authenticator app: a new secret as a QR code and a key",
      responses: {
        200: jsonResponse(
          z.object({
            secret: z.string().openapi({ description: "Base32, for typing in by hand" }),
            uri: z.string().openapi({ example: "otpauth://totp/Headway:ada%40example.com?…" }),
            qrCode: z.string().openapi({ description: "An SVG data URL of the QR code" }),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => c.json(await startTotpEnrolment(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/totp/confirm",
      tags: ["Sign-in"],
      summary: "Turn two-step sign-in on with a first code; returns ten recovery codes, once",
      request: jsonBody(z.object({ code: Code })),
      responses: { 200: jsonResponse(RecoveryCodes), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const result = await confirmTotpEnrolment(deps, {
        actor,
        sessionId: c.get("sessionId"),
        code: c.req.valid("json").code,
        ip: clientIp(c, deps),
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/totp/disable",
      tags: ["Sign-in"],
      summary: "Turn two-step sign-in off, with a current code or your password",
      request: jsonBody(Proof),
      responses: {
        200: jsonResponse(z.object({ enrolmentOnly: z.boolean() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const result = await disableTotp(deps, {
        actor,
        sessionId: c.get("sessionId"),
        proof: c.req.valid("json"),
        ip: clientIp(c, deps),
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/totp/recovery-codes",
      tags: ["Sign-in"],
      summary:
        "Replace your recovery codes (the old ones stop working), with a code or your password",
      request: jsonBody(Proof),
      responses: { 200: jsonResponse(RecoveryCodes), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const result = await regenerateRecoveryCodes(deps, {
        actor,
        proof: c.req.valid("json"),
        ip: clientIp(c, deps),
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/people/{id}/totp",
      tags: ["People"],
      summary:
        "Turn off a person's two-step sign-in when they lost their device and codes (admins)",
      request: { params: IdParam },
      responses: { 204: { description: "Reset; their sessions ended" }, ...errorResponses },
    }),
    async (c) => {
      await resetTwoFactor(deps, { actor: requireActor(c), personId: c.req.valid("param").id });
      return c.body(null, 204);
    },
  );

  registerSessionRoutes(app, deps);
}
