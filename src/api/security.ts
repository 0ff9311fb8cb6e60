import { createHash } from "node:crypto";
import { Scalar } from "@scalar/hono-api-reference";
import type { Handler, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Config } from "../config.js";
import { SESSION_COOKIE } from "../modules/auth/auth.routes.js";
import { AppError } from "./errors.js";
import type { AppEnv } from "./hono.js";

// Browser-facing hardening (OWASP ASVS 4.0 level 2, V13/V14): security headers with a strict
// Content-Security-Policy, and refusal of cross-site writes carried by the session cookie.

/** The origin (scheme, host, port) the app is served at, as a browser writes it in `Origin`. */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

const isHttps = (baseUrl: string) => baseUrl.startsWith("https://");

/**
 * The policy of the web app. Scripts, styles, fonts and connections come from the app's own
 * origin only: Vite builds every script and stylesheet into files, and the page has no inline
 * script or style element. Style *attributes* are not allowed either: React sets the `style`
 * prop through the CSSOM, which a policy does not govern, so nothing in the app needs them.
 * Images may be `data:` URLs (the favicon). Nothing may frame the app, plugins are off, and
 * `<base>` cannot be injected to re-point relative URLs.
 */
export function appContentSecurityPolicy(baseUrl: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(isHttps(baseUrl) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * The interactive API documentation (Scalar) is one script bundle from a CDN, pinned to a version
 * and checked with Subresource Integrity: a changed file is refused by the browser, so the CDN
 * cannot run code of its choosing on this origin. Its looser policy (the CDN, inline styles the
 * bundle injects, the one inline start-up script by its hash) applies to that page alone.
 */
export const SCALAR_BUNDLE = {
  url: "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.72.1/dist/browser/standalone.js",
  integrity: "sha384-U11tb2XnKvmwt8RlTvnwUnYgrN+ur4Xyh9htLhjajWNR/Oyl5AX5DEz00qRmlrmK",
};

export function docsContentSecurityPolicy(baseUrl: string, inlineScriptHashes: string[]): string {
  return [
    "default-src 'none'",
    `script-src ${[...inlineScriptHashes.map((h) => `'${h}'`), "https://cdn.jsdelivr.net"].join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(isHttps(baseUrl) ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Features the app never uses, switched off for it and anything it could ever embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
].join(", ");

/** The headers every response carries (the policy may already be set by the docs page). */
export function staticSecurityHeaders(baseUrl: string): [string, string][] {
  return [
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "DENY"],
    // "same-origin": nothing (not even the host name) leaks to links the people follow, such as
    // a course's web page, while same-origin writes still carry a real `Origin`. With
    // "no-referrer" a browser sends `Origin: null` on its own same-origin POSTs (Fetch standard),
    // which would defeat the cross-site check for browsers without Fetch Metadata.
    ["Referrer-Policy", "same-origin"],
    ["Permissions-Policy", PERMISSIONS_POLICY],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    ["Cross-Origin-Resource-Policy", "same-origin"],
    ["Origin-Agent-Cluster", "?1"],
    ["X-DNS-Prefetch-Control", "off"],
    ["X-Permitted-Cross-Domain-Policies", "none"],
    ...(isHttps(baseUrl)
      ? ([["Strict-Transport-Security", "max-age=63072000; includeSubDomains"]] as [
          string,
          string,
        ][])
      : []),
  ];
}

/**
 * Sets the security headers on every response. A response that brings its own policy (the API
 * documentation) keeps it. Everything under /api is personal or per-session, so no cache (the
 * browser's, a proxy's) keeps a copy: `Cache-Control: no-store` unless the route said otherwise.
 */
export function securityHeaders(config: Pick<Config, "baseUrl">): MiddlewareHandler<AppEnv> {
  const policy = appContentSecurityPolicy(config.baseUrl);
  const headers = staticSecurityHeaders(config.baseUrl);
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    for (const [name, value] of headers) h.set(name, value);
    if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", policy);
    if (c.req.path.startsWith("/api/") && !h.has("Cache-Control"))
      h.set("Cache-Control", "no-store");
    h.delete("X-Powered-By");
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type WriteOrigin = {
  method: string;
  /** Whether the request carries the session cookie. */
  hasSessionCookie: boolean;
  origin?: string | undefined;
  referer?: string | undefined;
  secFetchSite?: string | undefined;
  /** The origin of the configured base URL. */
  appOrigin: string;
};

function originOfUrl(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Whether a request may act with the session cookie it carries (OWASP CSRF cheat sheet:
 * Fetch Metadata, then standard headers verifying the origin).
 *
 * - Safe methods and requests without the session cookie are not concerned: a bearer token is
 *   never sent by a browser on its own, and JSON bodies from another site need a CORS preflight
 *   that is never granted.
 * - A browser that sends `Sec-Fetch-Site` is believed: only `same-origin` may write.
 * - Otherwise `Origin`, or without it `Referer`, must name the app's own origin (`null`, another
 *   origin, or an unreadable value is refused).
 * - A request with none of the three headers is not from a browser page: browsers have sent
 *   `Origin` on every cross-origin POST, PUT, PATCH and DELETE for years and a page cannot remove
 *   it, so a forged request always carries one. Command-line and server clients that hold a
 *   session cookie are let through.
 */
export function isAllowedWrite(request: WriteOrigin): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase()) || !request.hasSessionCookie) return true;
  if (request.secFetchSite !== undefined) return request.secFetchSite === "same-origin";
  if (request.origin !== undefined) return request.origin === request.appOrigin;
  if (request.referer !== undefined) return originOfUrl(request.referer) === request.appOrigin;
  return true;
}

/** Refuses cross-site writes carried by the session cookie with 403 `auth.cross_site_forbidden`. */
export function csrfProtection(config: Pick<Config, "baseUrl">): MiddlewareHandler<AppEnv> {
  const appOrigin = originOf(config.baseUrl);
  return async (c, next) => {
    const allowed = isAllowedWrite({
      method: c.req.method,
      hasSessionCookie: getCookie(c, SESSION_COOKIE) !== undefined,
      origin: c.req.header("origin"),
      referer: c.req.header("referer"),
      secFetchSite: c.req.header("sec-fetch-site"),
      appOrigin,
    });
    if (!allowed)
      throw new AppError(
        "auth.cross_site_forbidden",
        "This request came from another site and was refused; nothing was changed. Open Headway at its own address and try again.",
      );
    await next();
  };
}

/** The SHA-256 CSP hash source of each inline script in an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `sha256-${createHash("sha256").update(m[1]!).digest("base64")}`,
  );
}

/**
 * The interactive API documentation at its own strict-enough policy: the pinned bundle with its
 * integrity hash, the inline start-up script allowed by its hash, no web fonts from elsewhere
 * and no telemetry.
 */
export function apiDocsPage(
  config: Pick<Config, "baseUrl">,
  options: { url: string; pageTitle: string },
): Handler<AppEnv> {
  const render = Scalar<AppEnv>({
    ...options,
    cdn: SCALAR_BUNDLE.url,
    withDefaultFonts: false,
    telemetry: false,
  });
  let page: { html: string; policy: string } | null = null;
  return async (c) => {
    if (!page) {
      const res = await render(c, async () => {});
      const html = (await (res as Response).text()).replace(
        `<script src="${SCALAR_BUNDLE.url}">`,
        `<script src="${SCALAR_BUNDLE.url}" integrity="${SCALAR_BUNDLE.integrity}" crossorigin="anonymous">`,
      );
      page = { html, policy: docsContentSecurityPolicy(config.baseUrl, inlineScriptHashes(html)) };
    }
    return c.html(page.html, 200, { "Content-Security-Policy": page.policy });
  };
}
