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

/** Deeper than any document the API takes; deeper input is refused before anything walks it. */
export const MAX_NESTING = 64;

/** A place in a body: its key and where it sits, so a path costs nothing until it is named. */
type Place = { key: string; parent: Place | null } | null;

function pathOf(place: Place): string {
  const keys: string[] = [];
  for (let p = place; p; p = p.parent) keys.push(p.key);
  return keys.reverse().join(".") || "(body)";
}

/**
 * Paths of every string (value or key) PostgreSQL could not store. Such input is refused here,
 * naming its field, instead of failing in the database with a 500. Walks with its own stack, so
 * no nesting can exhaust the call stack.
 */
export function findUnstorableText(value: unknown): string[] {
  const found: string[] = [];
  const todo: [unknown, Place][] = [[value, null]];
  while (todo.length) {
    const [v, at] = todo.pop()!;
    if (typeof v === "string") {
      if (UNSTORABLE.test(v)) found.push(pathOf(at));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) todo.push([v[i], { key: String(i), parent: at }]);
    } else if (v && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const place = { key: k, parent: at };
        todo.push([child, place]);
        if (UNSTORABLE.test(k)) todo.push([k, place]);
      }
    }
  }
  return found;
}

/**
 * The path of the first value nested deeper than `max` arrays and objects, or null. Serialising,
 * hashing or canonicalising such a value recurses once per level; refusing it here keeps every
 * such walk within the stack.
 */
export function findTooDeep(value: unknown, max = MAX_NESTING): string | null {
  const todo: [unknown, Place, number][] = [[value, null, 0]];
  while (todo.length) {
    const [v, at, depth] = todo.pop()!;
    if (!v || typeof v !== "object") continue;
    if (depth >= max) return pathOf(at);
    for (const [k, child] of Object.entries(v))
      todo.push([child, { key: k, parent: at }, depth + 1]);
  }
  return null;
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
      const tooDeep = findTooDeep(result.data);
      if (tooDeep) {
        throw new AppError(
          "validation.failed",
          `Values are nested too deeply (at most ${MAX_NESTING} levels); see details.`,
          [{ path: tooDeep, message: `Nest values at most ${MAX_NESTING} levels deep.` }],
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
