import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../test/factories.js";
import { createTestDeps, send, testApp } from "../../test/helpers.js";
import { createApp } from "./app.js";
import {
  appContentSecurityPolicy,
  inlineScriptHashes,
  isAllowedWrite,
  SCALAR_BUNDLE,
  type WriteOrigin,
} from "./security.js";

const deps = await createTestDeps();
const app = testApp(deps);
const user = await makeUser(deps, { name: "Sam Secure" });
const cookie = await signInCookie(app, user.email, user.password);
/** The test configuration's base URL, http://headway.test. */
const APP = "http://headway.test";

/** Creating an API token: a cookie-carried write with a visible effect. */
const createToken = (headers: Record<string, string>, withCookie = true) =>
  send(app, "/api/v1/me/tokens", {
    body: { name: "laptop" },
    cookie: withCookie ? cookie : undefined,
    headers,
  });

async function tokenCount() {
  const res = await send(app, "/api/v1/me/tokens", { cookie });
  return ((await res.json()) as { items: unknown[] }).items.length;
}

/** Parses a policy into directive → sources. */
function directives(policy: string) {
  return Object.fromEntries(
    policy.split(";").map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("security headers", () => {
  it("give the web app a strict Content-Security-Policy with no inline script or style", async () => {
    const res = await app.request("/nothing-here");
    const policy = directives(res.headers.get("content-security-policy") ?? "");
    expect(policy).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'"],
      "style-src": ["'self'"],
      "img-src": ["'self'", "data:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "frame-ancestors": ["'none'"],
      "form-action": ["'self'"],
    });
  });

  it("are on API answers too, with no-store so no cache keeps personal data", async () => {
    const res = await send(app, "/api/v1/me", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\).*geolocation=\(\)/);
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("leave a route's own cache rule in place and keep no-store off pages outside the API", async () => {
    const health = await app.request("/healthz");
    expect(health.headers.get("cache-control")).toBeNull();
    const error = await send(app, "/api/v1/nothing");
    expect(error.status).toBe(404);
    expect(error.headers.get("cache-control")).toBe("no-store");
  });

  it("add no HSTS and no upgrade of requests on plain http", async () => {
    const res = await app.request("/healthz");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("add HSTS and upgrade-insecure-requests when the app is served over https", async () => {
    const secure = createApp({
      ...deps,
      config: { ...deps.config, baseUrl: "https://headway.example.com" },
      webDir: null,
    });
    const res = await secure.request("/healthz");
    expect(res.headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(res.headers.get("content-security-policy")).toMatch(/; upgrade-insecure-requests$/);
    expect(appContentSecurityPolicy("https://headway.example.com")).toContain(
      "upgrade-insecure-requests",
    );
  });

  it("give the API docs their own policy: the pinned bundle with its integrity hash and the start-up script by hash", async () => {
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(
      `<script src="${SCALAR_BUNDLE.url}" integrity="${SCALAR_BUNDLE.integrity}" crossorigin="anonymous">`,
    );
    const policy = directives(res.headers.get("content-security-policy") ?? "");
    const inline = [...html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)];
    expect(inline).toHaveLength(1);
    const hash = createHash("sha256").update(inline[0]![1]!).digest("base64");
    expect(policy["script-src"]).toEqual([`'sha256-${hash}'`, "https://cdn.jsdelivr.net"]);
    expect(policy["default-src"]).toEqual(["'none'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["script-src"]).not.toContain("'unsafe-inline'");
    // Fetched once, served the same.
    expect(await (await app.request("/api/docs")).text()).toBe(html);
  });

  it("hash every inline script and skip scripts loaded from a URL", () => {
    const html =
      '<script src="/a.js"></script><script>one()</script><script type="module">two()</script>';
    const sha = (s: string) => `sha256-${createHash("sha256").update(s).digest("base64")}`;
    expect(inlineScriptHashes(html)).toEqual([sha("one()"), sha("two()")]);
  });
});

describe("which writes may use the session cookie", () => {
  const base: WriteOrigin = { method: "POST", hasSessionCookie: true, appOrigin: APP };
  it.each<[string, Partial<WriteOrigin>, boolean]>([
    ["a read, whatever its origin", { method: "GET", secFetchSite: "cross-site" }, true],
    ["a HEAD or OPTIONS request", { method: "OPTIONS", origin: "https://evil.example" }, true],
    [
      "a write without the session cookie",
      { hasSessionCookie: false, origin: "https://evil.example" },
      true,
    ],
    ["a write the browser marks same-origin", { secFetchSite: "same-origin" }, true],
    ["a write the browser marks cross-site", { secFetchSite: "cross-site" }, false],
    [
      "a write from a sibling site",
      { secFetchSite: "same-site", origin: "http://other.headway.test" },
      false,
    ],
    ["a write typed into the address bar (none)", { secFetchSite: "none" }, false],
    ["cross-site even if Origin were ours", { secFetchSite: "cross-site", origin: APP }, false],
    ["a write whose Origin is the app's", { origin: APP }, true],
    ["a write whose Origin is another site", { origin: "https://evil.example" }, false],
    ["a write with Origin null (sandboxed frame, redirect)", { origin: "null" }, false],
    ["a write from the app on another port", { origin: "http://headway.test:8080" }, false],
    [
      "a write from the app over https when it is served on http",
      { origin: "https://headway.test" },
      false,
    ],
    ["a write with only a Referer on the app", { referer: `${APP}/plans/1` }, true],
    [
      "a write with only a Referer elsewhere",
      { referer: "https://evil.example/headway.test/" },
      false,
    ],
    ["a write with an unreadable Referer", { referer: "not a url" }, false],
    ["Origin decides over Referer", { origin: "https://evil.example", referer: `${APP}/` }, false],
    ["a write with none of the three headers (not a browser page)", {}, true],
    ["a lower-case method name", { method: "delete", origin: "https://evil.example" }, false],
  ])("%s → %s", (_what, request, allowed) => {
    expect(isAllowedWrite({ ...base, ...request })).toBe(allowed);
  });
});

describe("cross-site request forgery, through the app", () => {
  it("refuses a write from another site's page with 403 and changes nothing", async () => {
    const before = await tokenCount();
    const forged: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { origin: "null" },
      { referer: "https://evil.example/attack.html" },
      { "sec-fetch-site": "same-site", origin: "http://evil.headway.test" },
    ];
    for (const headers of forged) {
      const res = await createToken(headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const { error } = await res.json();
      expect(error.code).toBe("auth.cross_site_forbidden");
      expect(error.message).toMatch(/another site/);
    }
    expect(await tokenCount()).toBe(before);
  });

  it("refuses a cross-site DELETE, PUT and PATCH just like a POST", async () => {
    const created = await createToken({ "sec-fetch-site": "same-origin" });
    const token = (await created.json()) as { id: string };
    for (const method of ["DELETE", "PUT", "PATCH"]) {
      const res = await send(app, `/api/v1/me/tokens/${token.id}`, {
        method,
        cookie,
        headers: { origin: "https://evil.example" },
      });
      expect(res.status, method).toBe(403);
    }
    const list = await send(app, "/api/v1/me/tokens", { cookie });
    const items = (await list.json()).items as { id: string; revokedAt: string | null }[];
    expect(items.find((t) => t.id === token.id)?.revokedAt).toBeNull();
  });

  it("accepts the app's own page: same-origin Fetch Metadata, or its Origin, or its Referer", async () => {
    const before = await tokenCount();
    expect((await createToken({ "sec-fetch-site": "same-origin", origin: APP })).status).toBe(201);
    expect((await createToken({ origin: APP })).status).toBe(201);
    expect((await createToken({ referer: `${APP}/account` })).status).toBe(201);
    expect(await tokenCount()).toBe(before + 3);
  });

  it("accepts a client that is not a browser (no Origin, Referer or Fetch Metadata)", async () => {
    expect((await createToken({})).status).toBe(201);
  });

  it("leaves reads alone: a cross-site GET still answers (SameSite=Lax sends the cookie on links)", async () => {
    const res = await send(app, "/api/v1/me", {
      cookie,
      headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    });
    expect(res.status).toBe(200);
  });

  it("leaves bearer tokens and cookie-less requests alone: a browser never attaches them on its own", async () => {
    const created = await createToken({});
    const { token: secret } = (await created.json()) as { token: string };
    const res = await send(app, "/api/v1/me/tokens", {
      body: { name: "from a script" },
      bearer: secret,
      headers: { origin: "https://tool.example" },
    });
    expect(res.status).toBe(201);
    const anonymous = await createToken({ origin: "https://evil.example" }, false);
    expect(anonymous.status).toBe(401);
  });

  it("refuses before looking at the body or the session: a forged request learns nothing", async () => {
    const res = await send(app, "/api/v1/me/tokens", {
      body: "{not json",
      cookie: "headway_session=not-a-real-session",
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
  });
});
