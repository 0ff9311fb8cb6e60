import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { clientIp, setSessionCookie } from "./auth.routes.js";
import { BUTTON_LABEL_MAX, SESSION_LIMITS } from "./auth.settings.js";
import {
  completeOidcSignIn,
  getSignInSettings,
  getSsoStatus,
  OIDC_LOGIN_MINUTES,
  OIDC_STATE_COOKIE,
  signInErrorPath,
  startOidcSignIn,
  testOidcConnection,
  updateSignInSettings,
} from "./auth.sso.js";

const tags = ["Single sign-on"];
/** The state cookie goes only to the sign-in flow's own paths. */
const STATE_COOKIE_PATH = "/api/v1/auth/oidc";

const redirect = { 302: { description: "Redirect (to the provider, or back to Headway)" } };

const SsoStatus = z
  .object({ enabled: z.boolean(), label: z.string(), ssoOnly: z.boolean() })
  .openapi("SsoStatus");

const PersonRef = z.object({ id: z.string(), name: z.string(), email: z.string() });
const Range = z.object({ min: z.number(), max: z.number() });

const SignInSettings = z
  .object({
    issuer: z.string().nullable(),
    clientId: z.string().nullable(),
    clientSecretSet: z.boolean(),
    buttonLabel: z.string(),
    ssoOnly: z.boolean(),
    breakGlassPersonId: z.string().nullable(),
    breakGlassPerson: PersonRef.nullable(),
    breakGlassCandidates: z.array(PersonRef),
    requireTotp: z.boolean(),
    sessionIdleMinutes: z.number(),
    sessionAbsoluteHours: z.number(),
    configured: z.boolean(),
    callbackUrl: z.string(),
    limits: z.object({ idleMinutes: Range, absoluteHours: Range }),
    updatedAt: z.string().nullable(),
  })
  .openapi("SignInSettings");

const text = (max: number, label: string) =>
  z.string().max(max, `Use at most ${max} characters for the ${label}.`);

const SignInSettingsInput = z
  .object({
    issuer: text(500, "issuer").nullable().optional(),
    clientId: text(500, "client ID").nullable().optional(),
    clientSecret: text(2000, "client secret").nullable().optional().openapi({
      description: "Write-only. A new secret; null clears it; left out keeps the stored one.",
    }),
    buttonLabel: z
      .string()
      .trim()
      .min(1, "Write a label for the sign-in button.")
      .max(BUTTON_LABEL_MAX, `Use at most ${BUTTON_LABEL_MAX} characters.`)
      .optional(),
    ssoOnly: z.boolean().optional(),
    breakGlassPersonId: z.uuid("Choose a person from the list.").nullable().optional(),
    requireTotp: z.boolean().optional(),
    sessionIdleMinutes: z
      .number()
      .int("Use whole minutes.")
      .min(SESSION_LIMITS.idleMinutes.min, `At least ${SESSION_LIMITS.idleMinutes.min} minutes.`)
      .max(SESSION_LIMITS.idleMinutes.max, `At most ${SESSION_LIMITS.idleMinutes.max} minutes.`)
      .optional(),
    sessionAbsoluteHours: z
      .number()
      .int("Use whole hours.")
      .min(SESSION_LIMITS.absoluteHours.min, `At least ${SESSION_LIMITS.absoluteHours.min} hour.`)
      .max(SESSION_LIMITS.absoluteHours.max, `At most ${SESSION_LIMITS.absoluteHours.max} hours.`)
      .optional(),
  })
  .openapi("SignInSettingsInput");

const ConnectionTest = z
  .object({
    ok: z.boolean(),
    message: z.string(),
    issuer: z.string().nullable(),
    endpoints: z
      .object({
        authorization: z.string().nullable(),
        token: z.string().nullable(),
        userinfo: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi("OidcConnectionTest");

export function registerSsoRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/auth/sso",
      tags,
      summary: "Whether single sign-on is offered on the sign-in page (no sign-in needed)",
      responses: { 200: jsonResponse(SsoStatus) },
    }),
    async (c) => c.json(await getSsoStatus(deps.database.db), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/auth/oidc/start",
      tags,
      summary:
        "Start single sign-on: redirects to the identity provider (`?next=/path` to land on after)",
      responses: redirect,
    }),
    async (c) => {
      // Read as it is: any `next` that is not a path in Headway becomes "/", never an error page.
      const next = c.req.query("next");
      const { location, state } = await startOidcSignIn(deps, { next, ip: clientIp(c, deps) });
      if (state)
        setCookie(c, OIDC_STATE_COOKIE, state, {
          httpOnly: true,
          secure: deps.config.secureCookies,
          // Lax: the provider sends the browser back with a top-level GET, which carries it.
          sameSite: "Lax",
          path: STATE_COOKIE_PATH,
          maxAge: OIDC_LOGIN_MINUTES * 60,
        });
      c.header("cache-control", "no-store");
      return c.redirect(location, 302);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/auth/oidc/callback",
      tags,
      summary:
        "Where the identity provider sends the browser back; signs in and redirects (register this URL at the provider)",
      responses: redirect,
    }),
    async (c) => {
      const query = new URL(c.req.url).searchParams;
      const browserState = getCookie(c, OIDC_STATE_COOKIE) ?? null;
      deleteCookie(c, OIDC_STATE_COOKIE, { path: STATE_COOKIE_PATH });
      c.header("cache-control", "no-store");
      let result: Awaited<ReturnType<typeof completeOidcSignIn>>;
      try {
        result = await completeOidcSignIn(deps, {
          query,
          browserState,
          ip: clientIp(c, deps),
          userAgent: c.req.header("user-agent") ?? "",
          currentSessionId: c.get("sessionId"),
        });
      } catch (err) {
        // Whatever went wrong, the person lands on the sign-in page with a reason, not on an error.
        deps.logger.error({ err }, "single sign-on: callback failed");
        return c.redirect(signInErrorPath("verification_failed"), 302);
      }
      if (!result.ok) return c.redirect(signInErrorPath(result.error, result.next), 302);
      // The same cookie as a password sign-in's.
      setSessionCookie(c, deps, result.session);
      return c.redirect(result.next, 302);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/settings/sign-in",
      tags,
      summary:
        "How people sign in: single sign-on, SSO only, second factor, session limits (admins)",
      responses: { 200: jsonResponse(SignInSettings), ...errorResponses },
    }),
    async (c) => c.json(await getSignInSettings(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/settings/sign-in",
      tags,
      summary:
        "Change how people sign in (admins). Fields left out keep their value; the provider is checked before anything is saved",
      request: jsonBody(SignInSettingsInput),
      responses: { 200: jsonResponse(SignInSettings), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await updateSignInSettings(deps, {
          actor: requireActor(c),
          input: c.req.valid("json"),
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/settings/sign-in/test",
      tags,
      summary:
        "Check that the identity provider answers (the saved issuer, or the one given) (admins)",
      request: jsonBody(z.object({ issuer: text(500, "issuer").nullable().optional() })),
      responses: { 200: jsonResponse(ConnectionTest), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await testOidcConnection(deps, {
          actor: requireActor(c),
          issuer: c.req.valid("json").issuer,
        }),
        200,
      ),
  );
}
