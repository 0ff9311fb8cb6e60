import { getConnInfo } from "@hono/node-server/conninfo";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { abilitiesFor } from "../../access/access.policy.js";
import { AppError, errorBody } from "../../api/errors.js";
import type { AppEnv, Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { Email, errorResponses, IdParam, jsonBody, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import { findPersonById } from "../org/org.repository.js";
import { clientAddress, isEnrolmentOnly, looksLikeApiToken } from "./auth.rules.js";
import {
  completePasswordReset,
  completeSetup,
  createApiToken,
  hasCredential,
  inviteEveryoneWithoutAccount,
  invitePerson,
  isSetupNeeded,
  listApiTokens,
  type NewSession,
  requestPasswordReset,
  resolveApiToken,
  resolveSession,
  revokeApiToken,
  signIn,
  signOut,
} from "./auth.service.js";

export const SESSION_COOKIE = "headway_session";

/** What a session that must first set up its second factor may call. */
function allowedWhileEnrolling(path: string): boolean {
  return (
    path === "/api/v1/me/totp" ||
    path.startsWith("/api/v1/me/totp/") ||
    path === "/api/v1/auth/sign-out"
  );
}

export function resolveActorMiddleware(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("actor", null);
    c.set("sessionId", null);
    /** Why this browser's session cannot act, told to any request that needed it to. */
    let refusal: AppError | null = null;
    const now = deps.clock();
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer && looksLikeApiToken(bearer)) {
      const found = await resolveApiToken(deps, bearer, now);
      if (found) c.set("actor", found.actor);
    } else {
      // Cross-site writes carried by this cookie were refused before (csrfProtection in api/security.ts).
      const token = getCookie(c, SESSION_COOKIE);
      if (token && token.length < 200) {
        const found = await resolveSession(deps, token, now);
        if (found) {
          // Named even when it cannot act, so that a new sign-in in this browser replaces it.
          c.set("sessionId", found.sessionId);
          if (found.ended) refusal = new AppError("auth.session_expired", found.ended.message);
          else if (isEnrolmentOnly(found.method) && !allowedWhileEnrolling(c.req.path))
            refusal = new AppError(
              "auth.totp_enrolment_required",
              "Your organisation requires two-step sign-in. Set up an authenticator app to continue.",
            );
          else c.set("actor", found.actor);
        }
      }
    }
    await next();
    // Public routes answer as to anyone; one that needed a signed-in person says why it got none.
    if (refusal && c.error instanceof AppError && c.error.code === "auth.unauthenticated") {
      c.res = new Response(JSON.stringify(errorBody(refusal)), {
        status: 401,
        headers: { "content-type": "application/json" },
      });
      if (refusal.code === "auth.session_expired") deleteCookie(c, SESSION_COOKIE, { path: "/" });
    }
  };
}

/** Who is asking, for rate limits, sessions and the audit trail (see HEADWAY_TRUSTED_PROXIES). */
export function clientIp(c: Context, deps: Pick<Deps, "config">): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined;
  }
  return clientAddress({
    socket,
    forwardedFor: c.req.header("x-forwarded-for"),
    trustedProxies: deps.config.trustedProxies,
  });
}

export function setSessionCookie(c: Context, deps: Deps, session: NewSession) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    secure: deps.config.secureCookies,
    sameSite: "Lax",
    path: "/",
    expires: session.expiresAt,
  });
}

export const PersonSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    title: z.string(),
    department: z.string(),
  })
  .openapi("PersonSummary");

export const summary = (p: {
  id: string;
  name: string;
  email: string;
  title: string;
  department: string;
}) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  title: p.title,
  department: p.department,
});

/** A session, or (with two-step sign-in on) a challenge to answer with a code. */
const SignInAnswer = z
  .union([
    z.object({ person: PersonSummary, totpEnrolmentRequired: z.boolean() }),
    z.object({
      secondFactor: z.literal("totp"),
      challenge: z.string(),
      expiresAt: z.string(),
    }),
  ])
  .openapi("SignInAnswer");
export type SignInAnswer = z.infer<typeof SignInAnswer>;

export const Password = z
  .string()
  .min(1, "Enter a password.")
  .max(200, "Use at most 200 characters.");

const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiToken");

const globalAbilities = [
  "org.view_settings",
  "org.update_settings",
  "org.import",
  "org.export",
  "org.manage_access",
  "org.invite",
  "plan.view_queue",
  "org.update_review_policy",
  "audit.view",
  "audit.view_all",
  "mail.view_outbox",
  "concern.view_inbox",
  "org.manage_retention",
  "org.manage_sign_in",
  "org.manage_provisioning",
  "catalogue.view",
  "catalogue.manage",
  "catalogue.view_stats",
  "mentor.manage",
  "guidance.view_stats",
  "org.manage_sealing",
  "insight.view",
  "insight.view_named",
  "insight.view_fairness",
  "org.manage_insight",
] as const;

export function registerAuthRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/setup",
      tags: ["Sign-in"],
      summary: "Whether the first admin still has to be created",
      responses: { 200: jsonResponse(z.object({ needed: z.boolean() })) },
    }),
    async (c) => c.json({ needed: await isSetupNeeded(deps.database.db) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/setup",
      tags: ["Sign-in"],
      summary: "Create the first admin with the one-time setup link's token",
      request: jsonBody(
        z.object({
          token: z.string().min(1, "The setup link is incomplete."),
          name: z.string().trim().min(1, "Enter your name.").max(200),
          email: Email,
          password: Password,
        }),
      ),
      responses: { 201: jsonResponse(z.object({ person: PersonSummary })), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { person, session } = await completeSetup(deps, {
        ...body,
        ip: clientIp(c, deps),
        userAgent: c.req.header("user-agent") ?? "",
        replacesSessionId: c.get("sessionId"),
      });
      setSessionCookie(c, deps, session);
      return c.json({ person: summary(person) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/sign-in",
      tags: ["Sign-in"],
      summary:
        "Sign in with email and password; sets an HTTP-only session cookie, or asks for the second factor",
      description:
        'With two-step sign-in on, a right password answers `{ secondFactor: "totp", challenge }` and no session: finish with `POST /api/v1/auth/sign-in/totp` within five minutes. When the organisation requires two-step sign-in and the person has none, the session may only set it up (`totpEnrolmentRequired: true`). Any session this browser had ends.',
      request: jsonBody(z.object({ email: Email, password: Password })),
      responses: { 200: jsonResponse(SignInAnswer), ...errorResponses },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const outcome = await signIn(deps, {
        email,
        password,
        ip: clientIp(c, deps),
        userAgent: c.req.header("user-agent") ?? "",
        replacesSessionId: c.get("sessionId"),
      });
      if (outcome.kind === "totp")
        return c.json(
          {
            secondFactor: "totp" as const,
            challenge: outcome.challenge,
            expiresAt: outcome.expiresAt.toISOString(),
          },
          200,
        );
      setSessionCookie(c, deps, outcome.session);
      return c.json(
        { person: summary(outcome.person), totpEnrolmentRequired: outcome.mustEnrolTotp },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/sign-out",
      tags: ["Sign-in"],
      summary: "End this session on the server",
      responses: { 204: { description: "Signed out" }, ...errorResponses },
    }),
    async (c) => {
      const actor = c.get("actor");
      const sessionId = c.get("sessionId");
      if (actor && sessionId) await signOut(deps, { actor, sessionId });
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/password-reset/request",
      tags: ["Sign-in"],
      summary: "Email a password reset link (same answer whether or not the account exists)",
      request: jsonBody(z.object({ email: Email })),
      responses: { 202: jsonResponse(z.object({ message: z.string() })), ...errorResponses },
    }),
    async (c) => {
      await requestPasswordReset(deps, { email: c.req.valid("json").email, ip: clientIp(c, deps) });
      return c.json(
        {
          message:
            "If an account exists for that address, a reset link is on its way. It works for one hour.",
        },
        202,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/password-reset/complete",
      tags: ["Sign-in"],
      summary: "Choose a new password with a reset or invitation link's token",
      request: jsonBody(
        z.object({ token: z.string().min(1, "The link is incomplete."), password: Password }),
      ),
      responses: { 200: jsonResponse(z.object({ email: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const person = await completePasswordReset(deps, c.req.valid("json"));
      return c.json({ email: person.email }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me",
      tags: ["Sign-in"],
      summary: "The signed-in person, their roles and what they may do",
      responses: {
        200: jsonResponse(
          z.object({
            person: PersonSummary,
            roles: z.array(z.string()),
            hrScope: z.object({ all: z.boolean(), departments: z.array(z.string()) }),
            abilities: z.record(z.string(), z.boolean()),
          }),
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const person = (await findPersonById(deps.database.db, actor.personId))!;
      const abilities = {
        ...abilitiesFor(actor, { type: "org" }, globalAbilities),
        ...abilitiesFor(actor, { type: "audit" }, ["audit.view", "audit.view_all"] as const),
      };
      return c.json(
        { person: summary(person), roles: actor.roles, hrScope: actor.hrScope, abilities },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/tokens",
      tags: ["API tokens"],
      summary: "Your personal API tokens",
      responses: { 200: jsonResponse(z.object({ items: z.array(ApiToken) })), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      return c.json(
        { items: await listApiTokens(deps.database.db, { personId: actor.personId }) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/tokens",
      tags: ["API tokens"],
      summary: "Create a personal API token (shown once)",
      request: jsonBody(
        z.object({
          name: z.string().trim().min(1, "Name the token so you can recognise it later.").max(100),
          expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
        }),
      ),
      responses: { 201: jsonResponse(ApiToken.extend({ token: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid("json");
      return c.json(await createApiToken(deps, { actor, personId: actor.personId, ...body }), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/me/tokens/{id}",
      tags: ["API tokens"],
      summary: "Revoke a personal API token",
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" }, ...errorResponses },
    }),
    async (c) => {
      await revokeApiToken(deps, { actor: requireActor(c), tokenId: c.req.valid("param").id });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/people/{id}/invite",
      tags: ["People"],
      summary: "Email a person a link to choose their password (admins)",
      request: { params: IdParam },
      responses: { 202: jsonResponse(z.object({ expiresAt: z.string() })), ...errorResponses },
    }),
    async (c) => {
      const link = await invitePerson(deps, {
        actor: requireActor(c),
        personId: c.req.valid("param").id,
      });
      return c.json({ expiresAt: link.expiresAt.toISOString() }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/invitations",
      tags: ["People"],
      summary: "Invite everyone who has not chosen a password yet (admins)",
      responses: { 202: jsonResponse(z.object({ invited: z.number() })), ...errorResponses },
    }),
    async (c) => c.json(await inviteEveryoneWithoutAccount(deps, { actor: requireActor(c) }), 202),
  );

  return { hasCredential };
}
