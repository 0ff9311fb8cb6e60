import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../test/factories.js";
import { createTestDeps, send, testApp } from "../../test/helpers.js";
import { findTooDeep, findUnstorableText, MAX_NESTING } from "./hono.js";

/** {"a":{"a":…"bottom"}} with `depth` objects. */
function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe("input checks that walk a whole body", () => {
  it("find text PostgreSQL cannot store, in values and keys, in order", () => {
    expect(
      findUnstorableText({ a: "ok", "b\u0000": ["x", "\ud800"], c: { d: "a\u0000" } }),
    ).toEqual(["b\u0000", "b\u0000.1", "c.d"]);
    expect(findUnstorableText("\u0000")).toEqual(["(body)"]);
    expect(findUnstorableText({ fine: ["text", 1, null, true] })).toEqual([]);
  });

  it("walk a value nested 100,000 deep without running out of stack", () => {
    expect(() => findUnstorableText(nested(100_000))).not.toThrow();
    expect(findTooDeep(nested(100_000))).toMatch(/^a\.a\.a/);
  });

  it(`allow nesting up to ${MAX_NESTING} levels and name the path where it goes deeper`, () => {
    expect(findTooDeep(nested(MAX_NESTING))).toBeNull();
    const path = findTooDeep({ ok: 1, deep: nested(MAX_NESTING) });
    expect(path).toBe(["deep", ...Array(MAX_NESTING - 1).fill("a")].join("."));
    expect(findTooDeep([[[1]]], 2)).toBe("0.0");
  });
});

describe("a request nested too deeply", () => {
  it("is refused with 400 naming where, not a 500", async () => {
    const deps = await createTestDeps();
    const app = testApp(deps);
    const user = await makeUser(deps);
    const cookie = await signInCookie(app, user.email, user.password);
    // The record check takes any JSON document: the one place deep nesting gets past the schema.
    const res = await send(app, "/api/v1/record/verify-export", {
      cookie,
      body: `{"record":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)},"signature":{}}`,
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("validation.failed");
    expect(error.details[0].path).toMatch(/^record\.a\.a/);
    expect(error.details[0].message).toBe(`Nest values at most ${MAX_NESTING} levels deep.`);
  });
});
