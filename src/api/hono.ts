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
