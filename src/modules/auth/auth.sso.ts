import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import * as oidc from "openid-client";
import { can } from "../../access/access.policy.js";
import type { Actor } from "../../access/access.types.js";
import { AppError } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { keyringFor } from "../keys/keys.service.js";
import { findPersonByEmail, findPersonById, type PersonRow } from "../org/org.repository.js";
import { countRecentEvents } from "../record/record.service.js";
import { tokenHash } from "./auth.crypto.js";
import { addMinutes, isExpired, SESSION_METHODS } from "./auth.rules.js";
import { startSignedInSession } from "./auth.service.js";
import {
  type AuthSettings,
  BUTTON_LABEL_MAX,
  findAuthSettings,
  isOidcConfigured,
  SESSION_LIMITS,
} from "./auth.settings.js";
import { authSettings, credentials, oneTimeTokens, personIdentities } from "./auth.table.js";

// OpenID Connect sign-in (authorization code flow with PKCE, state and nonce) through
// openid-client, which validates the provider's answers and its ID token. Headway never creates
// an account here: a person is found by the identity linked at an earlier sign-in, or by the
// verified email address of an active person (provisioning is for SCIM and import).

export const OIDC_CALLBACK_PATH = "/api/v1/auth/oidc/callback";
/** How long a person has to sign in at the provider. */
export const OIDC_LOGIN_MINUTES = 10;
/** The cookie that binds a sign-in to the browser that started it (against login CSRF). */
export const OIDC_STATE_COOKIE = "headway_oidc";
const SCOPE = "openid email profile";
const DISCOVERY_TIMEOUT_SECONDS = 10;
/** Starts per address within the sign-in window; each writes a row and an audit event. */
export const MAX_SSO_STARTS_PER_ADDRESS = 300;
const START_WINDOW_MINUTES = 15;

export const callbackUrlOf = (deps: Pick<Deps, "config">) =>
  `${deps.config.baseUrl}${OIDC_CALLBACK_PATH}`;

/**
 * Why a single sign-on did not sign the person in; the sign-in page words each one (a code in the
 * address, not a message, so nobody can put their own words on Headway's page with a link).
 */
export type SsoErrorCode =
  | "not_configured"
  | "provider_unreachable"
  | "cancelled"
  | "expired"
  | "invalid_state"
  | "verification_failed"
  | "no_verified_email"
  | "unknown_account"
  | "deactivated"
  | "rate_limited";

/** Only same-site paths: a sign-in must never send someone to another site. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || next.length > 1000) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  // Control characters (a header split) or a backslash (some browsers read it as "/") never pass.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  return next;
}

/** Text from outside, made safe to keep in the audit log (no control characters, bounded). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f\ud800-\udfff]/g, "").slice(0, 200);

export const signInErrorPath = (code: SsoErrorCode, next = "/") =>
  `/sign-in?sso_error=${code}${next === "/" ? "" : `&next=${encodeURIComponent(next)}`}`;

// ---------- the provider ----------

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Null when the issuer can be used; else what to fix. Plain http is for a provider on this
 * machine, and only while Headway itself is not served over https (a trial, the tests): a
 * production installation never talks to its provider in the clear.
 */
export function issuerProblem(
  raw: string,
  { allowLoopbackHttp }: { allowLoopbackHttp: boolean },
): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter the issuer as a full address, such as https://login.example.com.";
  }
  const loopbackHttp = url.protocol === "http:" && LOOPBACK.has(url.hostname) && allowLoopbackHttp;
  if (url.protocol !== "https:" && !loopbackHttp)
    return allowLoopbackHttp
      ? "The issuer must start with https:// (plain http:// is accepted only for a provider on this machine)."
      : "The issuer must start with https://.";
  if (url.username || url.password) return "Leave the user name and password out of the issuer.";
  if (url.search || url.hash)
    return "Leave out any ?query or #fragment: enter the issuer exactly as the provider names it.";
  return null;
}

const allowsLoopbackHttp = (deps: Pick<Deps, "config">) =>
  !deps.config.baseUrl.startsWith("https://");

/** Without a secret, only the discovery document can be checked (a connection test). */
type ProviderInput = { issuer: string; clientId: string; clientSecret: string | null };

/** Discovered configurations, by issuer, client and secret: one discovery per 10 minutes. */
const configurations = new Map<string, { config: oidc.Configuration; at: number }>();
const CACHE_MS = 10 * 60_000;

function reasonOf(err: unknown): string {
  const error = err as Error & { cause?: { code?: string; message?: string } };
  if (error?.name === "TimeoutError" || error?.name === "AbortError")
    return `no answer within ${DISCOVERY_TIMEOUT_SECONDS} seconds`;
  const code = error?.cause?.code;
  if (code === "ECONNREFUSED") return "the connection was refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name was not found";
  if (code?.startsWith("CERT_") || code?.includes("CERT") || code === "DEPTH_ZERO_SELF_SIGNED_CERT")
    return `its TLS certificate is not trusted (${code})`;
  const message = String(error?.message ?? err);
  if (/issuer/i.test(message) && /match/i.test(message))
    return 'its discovery document names a different issuer: enter the issuer exactly as the provider gives it (check for a missing or extra "/" at the end)';
  if (/status code|not a conform|JSON/i.test(message))
    return "no valid OpenID discovery document was found at /.well-known/openid-configuration";
  if (message === "fetch failed" && error?.cause?.message) return error.cause.message;
  return message.replace(/\.$/, "");
}

/** Fetches the provider's discovery document; throws an AppError that says what went wrong. */
export async function discoverProvider(
  { issuer, clientId, clientSecret }: ProviderInput,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<oidc.Configuration> {
  const key = [
    issuer,
    clientId,
    createHash("sha256")
      .update(clientSecret ?? "")
      .digest("hex"),
  ].join("\n");
  const cached = configurations.get(key);
  if (!fresh && cached && Date.now() - cached.at < CACHE_MS) return cached.config;
  const url = new URL(issuer);
  const insecure = url.protocol === "http:";
  let config: oidc.Configuration;
  try {
    const auth = clientSecret ? oidc.ClientSecretBasic(clientSecret) : oidc.None();
    config = await oidc.discovery(url, clientId, undefined, auth, {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch (err) {
    throw new AppError(
      "sso.discovery_failed",
      `Headway could not reach the provider at ${issuer}: ${reasonOf(err)}.`,
      [
        {
          path: "issuer",
          message: `Headway could not reach the provider at ${issuer}: ${reasonOf(err)}.`,
        },
      ],
    );
  }
  const metadata = config.serverMetadata();
  // The spec's default is HTTP Basic; a provider that offers only form posting gets that.
  const methods = metadata.token_endpoint_auth_methods_supported;
  if (
    clientSecret &&
    methods &&
    !methods.includes("client_secret_basic") &&
    methods.includes("client_secret_post")
  ) {
    config = new oidc.Configuration(
      metadata,
      clientId,
      undefined,
      oidc.ClientSecretPost(clientSecret),
    );
    config.timeout = DISCOVERY_TIMEOUT_SECONDS;
    if (insecure) oidc.allowInsecureRequests(config);
  }
  configurations.set(key, { config, at: Date.now() });
  return config;
}

async function providerOf(deps: Deps, settings: AuthSettings) {
  if (!isOidcConfigured(settings)) return null;
  const keys = await keyringFor(deps);
  return {
    issuer: settings.oidcIssuer!,
    clientId: settings.oidcClientId!,
    clientSecret: keys.open("auth_settings.oidc_client_secret", settings.oidcClientSecret!),
  };
}

// ---------- what the sign-in page needs ----------

export async function getSsoStatus(db: DbOrTx) {
  const settings = await findAuthSettings(db);
  const enabled = isOidcConfigured(settings);
  return { enabled, label: settings.oidcButtonLabel, ssoOnly: enabled && settings.ssoOnly };
}

// ---------- the flow ----------

type StartResult = { location: string; state: string | null };

/** Where to send the browser to sign in at the provider, and the state to bind to it. */
export async function startOidcSignIn(
  deps: Deps,
  { next, ip }: { next?: string | null; ip: string },
): Promise<StartResult> {
  const nextPath = safeNextPath(next);
  const fail = (code: SsoErrorCode): StartResult => ({
    location: signInErrorPath(code, nextPath),
    state: null,
  });
  const settings = await findAuthSettings(deps.database.db);
  const provider = await providerOf(deps, settings);
  if (!provider) return fail("not_configured");
  const recent = await countRecentEvents(deps.database.db, {
    action: "auth.sso_started",
    since: addMinutes(deps.clock(), -START_WINDOW_MINUTES),
    dataField: "ip",
    dataValue: ip,
  });
  if (recent.count >= MAX_SSO_STARTS_PER_ADDRESS) return fail("rate_limited");
  let config: oidc.Configuration;
  try {
    config = await discoverProvider(provider);
  } catch (err) {
    deps.logger.warn({ err, issuer: provider.issuer }, "single sign-on: discovery failed");
    return fail("provider_unreachable");
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const codeChallenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  await write(deps, async (w) => {
    await w.tx.insert(oneTimeTokens).values({
      purpose: "oidc_login",
      tokenHash: tokenHash(state),
      createdAt: w.now,
      expiresAt: addMinutes(w.now, OIDC_LOGIN_MINUTES),
      data: { nonce, codeVerifier, next: nextPath, issuer: provider.issuer },
    });
    await w.audit({
      actor: { kind: "system", label: "single sign-on" },
      action: "auth.sso_started",
      subjectType: "sign_in",
      data: { ip },
    });
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrlOf(deps),
    scope: SCOPE,
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
  });
  return { location: url.href, state };
}

export type CallbackResult =
  | {
      ok: true;
      person: PersonRow;
      session: Awaited<ReturnType<typeof startSignedInSession>>;
      next: string;
    }
  | { ok: false; error: SsoErrorCode; next: string };

type Claims = { sub: string; email: string | null; emailVerified: boolean };

/**
 * The provider sent the browser back. Every way this can fail ends on the sign-in page with a
 * reason; nothing here answers with a server error.
 */
export async function completeOidcSignIn(
  deps: Deps,
  {
    query,
    browserState,
    ip,
    userAgent,
    currentSessionId,
  }: {
    query: URLSearchParams;
    /** The state the browser's cookie holds: it must be the one coming back. */
    browserState: string | null;
    ip: string;
    userAgent: string;
    currentSessionId: string | null;
  },
): Promise<CallbackResult> {
  const state = query.get("state");
  if (!state || state.length > 200 || !browserState || browserState !== state)
    return { ok: false, error: "invalid_state", next: "/" };
  const [row] = await deps.database.db
    .select()
    .from(oneTimeTokens)
    .where(
      and(eq(oneTimeTokens.tokenHash, tokenHash(state)), eq(oneTimeTokens.purpose, "oidc_login")),
    );
  if (!row || row.usedAt) return { ok: false, error: "invalid_state", next: "/" };
  const data = row.data as { nonce: string; codeVerifier: string; next: string; issuer: string };
  const next = safeNextPath(data.next);
  if (isExpired({ expiresAt: row.expiresAt, now: deps.clock() }))
    return { ok: false, error: "expired", next };

  /** Uses up the state and records why this sign-in failed. */
  const failed = async (error: SsoErrorCode, extra: Record<string, unknown> = {}) => {
    await write(deps, async (w) => {
      await w.tx.update(oneTimeTokens).set({ usedAt: w.now }).where(eq(oneTimeTokens.id, row.id));
      await w.audit({
        actor: { kind: "system", label: "single sign-on" },
        action: "auth.sso_failed",
        subjectType: "sign_in",
        subjectId: typeof extra.personId === "string" ? extra.personId : null,
        data: { reason: error, ip, ...extra },
      });
    });
    return { ok: false as const, error, next };
  };

  if (query.get("error")) {
    // The person cancelled, or the provider refused them (its own access rules).
    return failed("cancelled", { providerError: printable(query.get("error")!) });
  }

  const settings = await findAuthSettings(deps.database.db);
  const provider = await providerOf(deps, settings);
  if (!provider || provider.issuer !== data.issuer) return failed("not_configured");

  let claims: Claims;
  try {
    const config = await discoverProvider(provider);
    const current = new URL(callbackUrlOf(deps));
    for (const [k, v] of query) current.searchParams.append(k, v);
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: data.codeVerifier,
      expectedNonce: data.nonce,
      expectedState: state,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    let email = typeof idToken.email === "string" ? idToken.email : null;
    let verified = idToken.email_verified === true;
    if (!email) {
      // Many providers put the email in the UserInfo answer only.
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
      email = typeof info.email === "string" ? info.email : null;
      verified = info.email_verified === true;
    }
    claims = { sub: idToken.sub, email, emailVerified: verified };
  } catch (err) {
    deps.logger.warn(
      { err, issuer: provider.issuer },
      "single sign-on: the provider's answer could not be verified",
    );
    const unreachable = err instanceof AppError || (err as Error)?.message === "fetch failed";
    return failed(unreachable ? "provider_unreachable" : "verification_failed");
  }

  const outcome = await write(deps, async (w) => {
    // The state is used once, even when the same answer arrives twice at the same moment.
    const [locked] = await w.tx
      .select()
      .from(oneTimeTokens)
      .where(eq(oneTimeTokens.id, row.id))
      .for("update");
    if (!locked || locked.usedAt) return null;
    await w.tx.update(oneTimeTokens).set({ usedAt: w.now }).where(eq(oneTimeTokens.id, row.id));

    const refuse = async (error: SsoErrorCode, extra: Record<string, unknown> = {}) => {
      await w.audit({
        actor: { kind: "system", label: "single sign-on" },
        action: "auth.sso_failed",
        subjectType: "sign_in",
        subjectId: typeof extra.personId === "string" ? extra.personId : null,
        data: { reason: error, ip, ...extra },
      });
      return { ok: false as const, error, next };
    };

    const [linked] = await w.tx
      .select()
      .from(personIdentities)
      .where(
        and(eq(personIdentities.issuer, provider.issuer), eq(personIdentities.subject, claims.sub)),
      );
    let person: PersonRow | null = null;
    let newlyLinked = false;
    if (linked) {
      person = await findPersonById(w.tx, linked.personId);
    } else {
      if (!claims.email || !claims.emailVerified) return refuse("no_verified_email");
      person = await findPersonByEmail(w.tx, claims.email);
      if (!person) return refuse("unknown_account", { email: printable(claims.email) });
      newlyLinked = true;
    }
    if (!person) return refuse("unknown_account");
    if (!person.active) return refuse("deactivated", { personId: person.id });

    if (newlyLinked) {
      await w.tx.insert(personIdentities).values({
        personId: person.id,
        issuer: provider.issuer,
        subject: claims.sub,
        createdAt: w.now,
        lastUsedAt: w.now,
      });
      await w.audit({
        actor: { kind: "system", label: "single sign-on" },
        action: "auth.identity_linked",
        subjectType: "person",
        subjectId: person.id,
        data: { issuer: provider.issuer, subject: claims.sub },
      });
    } else {
      await w.tx
        .update(personIdentities)
        .set({ lastUsedAt: w.now })
        .where(eq(personIdentities.id, linked!.id));
    }
    const session = await startSignedInSession(w, {
      person,
      method: SESSION_METHODS.oidc,
      ip,
      userAgent,
      replacesSessionId: currentSessionId,
    });
    return { ok: true as const, person, session, next };
  });
  return outcome ?? { ok: false, error: "invalid_state", next };
}

// ---------- settings (admins) ----------

function assertManage(actor: Actor) {
  if (!can(actor, "org.manage_sign_in", { type: "org" }))
    throw new AppError("sign_in_settings.forbidden", "Only admins can change how people sign in.");
}

/** Active admins with a password: who can be the break-glass admin. */
async function findBreakGlassCandidates(db: DbOrTx) {
  const result = await db.execute<{ id: string; name: string; email: string }>(sql`
    SELECT p.id, p.name, p.email FROM people p JOIN credentials c ON c.person_id = p.id
    WHERE 'admin' = ANY(p.roles) AND p.active ORDER BY p.name`);
  return result.rows;
}

export async function getSignInSettings(deps: Deps, { actor }: { actor: Actor }) {
  assertManage(actor);
  const db = deps.database.db;
  const settings = await findAuthSettings(db);
  const breakGlass = settings.breakGlassPersonId
    ? await findPersonById(db, settings.breakGlassPersonId)
    : null;
  return {
    issuer: settings.oidcIssuer,
    clientId: settings.oidcClientId,
    /** The secret itself is never sent back. */
    clientSecretSet: Boolean(settings.oidcClientSecret),
    buttonLabel: settings.oidcButtonLabel,
    ssoOnly: settings.ssoOnly,
    breakGlassPersonId: settings.breakGlassPersonId,
    breakGlassPerson: breakGlass
      ? { id: breakGlass.id, name: breakGlass.name, email: breakGlass.email }
      : null,
    breakGlassCandidates: await findBreakGlassCandidates(db),
    requireTotp: settings.requireTotp,
    sessionIdleMinutes: settings.sessionIdleMinutes,
    sessionAbsoluteHours: settings.sessionAbsoluteHours,
    configured: isOidcConfigured(settings),
    callbackUrl: callbackUrlOf(deps),
    limits: SESSION_LIMITS,
    updatedAt: settings.updatedAt ? settings.updatedAt.toISOString() : null,
  };
}

export type SignInSettingsInput = {
  issuer?: string | null;
  clientId?: string | null;
  /** A new secret; null clears it; left out keeps the one stored. */
  clientSecret?: string | null;
  buttonLabel?: string;
  ssoOnly?: boolean;
  breakGlassPersonId?: string | null;
  requireTotp?: boolean;
  sessionIdleMinutes?: number;
  sessionAbsoluteHours?: number;
};

const FIELDS = [
  "issuer",
  "clientId",
  "clientSecret",
  "buttonLabel",
  "ssoOnly",
  "breakGlassPersonId",
  "requireTotp",
  "sessionIdleMinutes",
  "sessionAbsoluteHours",
] as const;

type Problem = { path: string; message: string };

function invalid(problems: Problem[]): AppError {
  return new AppError(
    "validation.failed",
    problems.length === 1 ? problems[0]!.message : "Some settings are not valid; see details.",
    problems,
  );
}

const blankToNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null || v.trim() === "" ? null : v.trim();

/**
 * Saves the sign-in settings. Fields left out keep their value. The provider's discovery
 * document is fetched before anything is saved; any problem is a 400 and nothing changes.
 */
export async function updateSignInSettings(
  deps: Deps,
  { actor, input }: { actor: Actor; input: SignInSettingsInput },
) {
  assertManage(actor);
  const current = await findAuthSettings(deps.database.db);
  const keys = await keyringFor(deps);
  const issuer = blankToNull(input.issuer);
  const clientId = blankToNull(input.clientId);
  const secretInput =
    input.clientSecret === undefined ? undefined : blankToNull(input.clientSecret);
  const next = {
    issuer: issuer === undefined ? current.oidcIssuer : issuer,
    clientId: clientId === undefined ? current.oidcClientId : clientId,
    clientSecretSet:
      secretInput === undefined ? Boolean(current.oidcClientSecret) : secretInput !== null,
    buttonLabel: input.buttonLabel?.trim() ?? current.oidcButtonLabel,
    ssoOnly: input.ssoOnly ?? current.ssoOnly,
    breakGlassPersonId:
      input.breakGlassPersonId === undefined
        ? current.breakGlassPersonId
        : input.breakGlassPersonId,
    requireTotp: input.requireTotp ?? current.requireTotp,
    sessionIdleMinutes: input.sessionIdleMinutes ?? current.sessionIdleMinutes,
    sessionAbsoluteHours: input.sessionAbsoluteHours ?? current.sessionAbsoluteHours,
  };
  const secret =
    secretInput === undefined
      ? current.oidcClientSecret
        ? keys.open("auth_settings.oidc_client_secret", current.oidcClientSecret)
        : null
      : secretInput;

  const changed = FIELDS.filter((field) => {
    switch (field) {
      case "issuer":
        return next.issuer !== current.oidcIssuer;
      case "clientId":
        return next.clientId !== current.oidcClientId;
      case "clientSecret":
        return secretInput !== undefined && !(secretInput === null && !current.oidcClientSecret);
      case "buttonLabel":
        return next.buttonLabel !== current.oidcButtonLabel;
      case "breakGlassPersonId":
        return next.breakGlassPersonId !== current.breakGlassPersonId;
      default:
        return next[field] !== current[field];
    }
  });

  const problems: Problem[] = [];
  if (next.issuer) {
    const problem = issuerProblem(next.issuer, { allowLoopbackHttp: allowsLoopbackHttp(deps) });
    if (problem) problems.push({ path: "issuer", message: problem });
  }
  const parts = [next.issuer, next.clientId, next.clientSecretSet];
  if (parts.some(Boolean) && !parts.every(Boolean)) {
    if (!next.issuer)
      problems.push({
        path: "issuer",
        message: "Enter the provider's issuer, or clear the client ID and secret too.",
      });
    if (!next.clientId)
      problems.push({
        path: "clientId",
        message: "Enter the client ID the provider gave Headway.",
      });
    if (!next.clientSecretSet)
      problems.push({
        path: "clientSecret",
        message: "Enter the client secret the provider gave Headway.",
      });
  }
  if (!next.buttonLabel || next.buttonLabel.length > BUTTON_LABEL_MAX)
    problems.push({
      path: "buttonLabel",
      message: `Write a button label of 1 to ${BUTTON_LABEL_MAX} characters.`,
    });
  const { idleMinutes, absoluteHours } = SESSION_LIMITS;
  if (
    !Number.isInteger(next.sessionIdleMinutes) ||
    next.sessionIdleMinutes < idleMinutes.min ||
    next.sessionIdleMinutes > idleMinutes.max
  )
    problems.push({
      path: "sessionIdleMinutes",
      message: `Choose an idle timeout from ${idleMinutes.min} to ${idleMinutes.max} minutes.`,
    });
  if (
    !Number.isInteger(next.sessionAbsoluteHours) ||
    next.sessionAbsoluteHours < absoluteHours.min ||
    next.sessionAbsoluteHours > absoluteHours.max
  )
    problems.push({
      path: "sessionAbsoluteHours",
      message: `Choose a session length from ${absoluteHours.min} to ${absoluteHours.max} hours.`,
    });

  const turningOnSsoOnly = next.ssoOnly && !current.ssoOnly;
  if (next.breakGlassPersonId && (changed.includes("breakGlassPersonId") || turningOnSsoOnly)) {
    const person = await findPersonById(deps.database.db, next.breakGlassPersonId);
    const hasPassword = person
      ? (
          await deps.database.db
            .select({ id: credentials.personId })
            .from(credentials)
            .where(eq(credentials.personId, person.id))
        ).length > 0
      : false;
    if (!person?.active || !person.roles.includes("admin") || !hasPassword)
      problems.push({
        path: "breakGlassPersonId",
        message: person
          ? `${person.name} cannot be the break-glass admin: choose an active admin who has a password.`
          : "No such person. Choose an active admin who has a password.",
      });
  }
  if (next.ssoOnly) {
    if (!parts.every(Boolean))
      problems.push({
        path: "ssoOnly",
        message:
          "Set up single sign-on (issuer, client ID and secret) before turning on SSO only: otherwise nobody could sign in.",
      });
    if (!next.breakGlassPersonId)
      problems.push({
        path: "breakGlassPersonId",
        message:
          "Choose a break-glass admin before turning on SSO only: the one person who can still sign in with a password if the provider is down.",
      });
  }
  if (problems.length) throw invalid(problems);
  if (!changed.length) return getSignInSettings(deps, { actor });

  const providerChanged = changed.some(
    (f) => f === "issuer" || f === "clientId" || f === "clientSecret",
  );
  if (next.issuer && next.clientId && secret && (providerChanged || turningOnSsoOnly)) {
    // Checked on every save that touches the provider: a typo is found now, not at 9 a.m. Monday.
    await discoverProvider(
      { issuer: next.issuer, clientId: next.clientId, clientSecret: secret },
      { fresh: true },
    );
  }

  await write(deps, async (w) => {
    const sealed = secret
      ? (await keyringFor(deps, w.tx)).seal("auth_settings.oidc_client_secret", secret)
      : null;
    const values = {
      oidcIssuer: next.issuer,
      oidcClientId: next.clientId,
      oidcClientSecret: secretInput === undefined ? current.oidcClientSecret : sealed,
      oidcButtonLabel: next.buttonLabel,
      ssoOnly: next.ssoOnly,
      breakGlassPersonId: next.breakGlassPersonId,
      requireTotp: next.requireTotp,
      sessionIdleMinutes: next.sessionIdleMinutes,
      sessionAbsoluteHours: next.sessionAbsoluteHours,
      updatedAt: w.now,
    };
    await w.tx
      .insert(authSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: authSettings.id, set: values });
    // The secret is never in the trail, not even as a digest: only that it changed.
    const shown = Object.fromEntries(
      changed.map((f) => (f === "clientSecret" ? [f, secret ? "set" : "cleared"] : [f, next[f]])),
    );
    await w.audit({
      actor,
      action: "auth.settings_updated",
      subjectType: "auth_settings",
      subjectId: "1",
      data: { changed },
      change: { changed, values: shown },
    });
  });
  return getSignInSettings(deps, { actor });
}

/** Checks that the provider answers (saved settings, or an issuer being typed in). */
export async function testOidcConnection(
  deps: Deps,
  { actor, issuer }: { actor: Actor; issuer?: string | null },
) {
  assertManage(actor);
  const settings = await findAuthSettings(deps.database.db);
  const target = blankToNull(issuer) ?? settings.oidcIssuer;
  if (!target)
    return {
      ok: false,
      message: "Enter the provider's issuer first.",
      issuer: null,
      endpoints: null,
    };
  const problem = issuerProblem(target, { allowLoopbackHttp: allowsLoopbackHttp(deps) });
  if (problem) return { ok: false, message: problem, issuer: target, endpoints: null };
  try {
    const config = await discoverProvider(
      { issuer: target, clientId: settings.oidcClientId ?? "headway", clientSecret: null },
      { fresh: true },
    );
    const m = config.serverMetadata();
    return {
      ok: true,
      message: `Headway reached the provider at ${m.issuer}.`,
      issuer: m.issuer,
      endpoints: {
        authorization: m.authorization_endpoint ?? null,
        token: m.token_endpoint ?? null,
        userinfo: m.userinfo_endpoint ?? null,
      },
    };
  } catch (err) {
    return {
      ok: false,
      message: err instanceof AppError ? err.message : String(err),
      issuer: target,
      endpoints: null,
    };
  }
}
