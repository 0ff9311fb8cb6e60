import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";

const deps = await createTestDeps();
const app = testApp(deps);
const user = await makeUser(deps, { name: "Cora Cookie" });
const cookie = await signInCookie(app, user.email, user.password);

const createToken = (headers: Record<string, string>) =>
  app.request("/api/v1/me/tokens", {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...headers },
    body: JSON.stringify({ name: "laptop" }),
  });

describe("writes carried by a session cookie", () => {
  it("are refused when the browser says the request came from another site", async () => {
    const res = await createToken({ "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("auth.cross_site_forbidden");
    const list = await app.request("/api/v1/me/tokens", { headers: { cookie } });
    expect((await list.json()).items).toHaveLength(0);
  });

  it("are accepted from the same origin", async () => {
    const res = await createToken({ "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(201);
  });
});
