import { OpenAPIHono } from "@hono/zod-openapi";
import type { Actor } from "../access/access.types.js";
import { AppError } from "./errors.js";

export type AppEnv = {
  Variables: {
    /** Null when the request carries no valid session or token. */
    actor: Extract<Actor, { kind: "person" }> | null;
    sessionId: string | null;
  };
};

/** A NUL, or half of a surrogate pair: text PostgreSQL cannot store (in text or jsonb). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Paths of every string (value or key) PostgreSQL could not store. Such input is refused here,
 * naming its field, instead of failing in the database with a 500.
 */
export function findUnstorableText(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") return UNSTORABLE.test(value) ? [path.join(".") || "(body)"] : [];
  if (Array.isArray(value))
    return value.flatMap((v, i) => findUnstorableText(v, [...path, String(i)]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [
      ...(UNSTORABLE.test(k) ? [[...path, k].join(".")] : []),
      ...findUnstorableText(v, [...path, k]),
    ]);
  return [];
}

/** A router whose validation failures answer 400 with every field path and a message. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError(
          "validation.failed",
          "Some fields are missing or invalid; see details.",
          result.error.issues.map((issue) => ({
            path: issue.path.join(".") || "(body)",
            message: issue.message,
          })),
        );
      }
      const unstorable = findUnstorableText(result.data);
      if (unstorable.length) {
        throw new AppError(
          "validation.failed",
          "Some fields contain a NUL character or broken Unicode; remove it and try again.",
          unstorable.map((path) => ({
            path,
            message: "Remove the NUL character or broken Unicode.",
          })),
        );
      }
    },
  });
}

export type Router = ReturnType<typeof createRouter>;

/** The signed-in person, or 401. */
export function requireActor(c: { get(key: "actor"): AppEnv["Variables"]["actor"] }) {
  const actor = c.get("actor");
  if (!actor) throw new AppError("auth.unauthenticated", "Sign in to continue.");
  return actor;
}
