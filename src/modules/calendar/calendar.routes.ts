import { createRoute, z } from "@hono/zod-openapi";
import { AppError, errorBody } from "../../api/errors.js";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  createCalendarFeed,
  getCalendarFeedStatus,
  renderCalendarFeed,
  revokeCalendarFeed,
} from "./calendar.service.js";

const tags = ["Calendar"];

const FeedStatus = z
  .object({
    exists: z.boolean(),
    /** When the current URL was made; null without a feed. */
    createdAt: z.string().nullable(),
  })
  .openapi("CalendarFeedStatus");

const CreatedFeed = FeedStatus.extend({
  url: z.string().openapi({ example: "https://headway.example.com/calendar/3q2…Zw.ics" }),
  webcalUrl: z.string(),
}).openapi("CalendarFeedCreated");

export function registerCalendarRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/calendar-feed",
      tags,
      summary: "Whether you have a calendar feed (its URL is shown only when made)",
      responses: { 200: jsonResponse(FeedStatus), ...errorResponses },
    }),
    async (c) => c.json(await getCalendarFeedStatus(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/calendar-feed",
      tags,
      summary:
        "Make your private calendar feed URL (your 1:1s and check-ins), replacing any earlier one; the URL is shown only this once",
      responses: { 201: jsonResponse(CreatedFeed, "Created"), ...errorResponses },
    }),
    async (c) => c.json(await createCalendarFeed(deps, { actor: requireActor(c) }), 201),
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/me/calendar-feed",
      tags,
      summary: "Revoke your calendar feed: its URL stops working at once",
      responses: { 204: { description: "Revoked" }, ...errorResponses },
    }),
    async (c) => {
      await revokeCalendarFeed(deps, { actor: requireActor(c) });
      return c.body(null, 204);
    },
  );

  // For calendar apps, outside /api (and its OpenAPI document): no sign-in, the token in the URL
  // is the credential.
  app.get("/calendar/:file", async (c) => {
    const match = /^(.+)\.ics$/.exec(c.req.param("file"));
    let ics: string | null;
    try {
      ics = match ? await renderCalendarFeed(deps, { token: match[1]! }) : null;
    } catch (err) {
      // Logged here without the path: the token in it is a credential.
      deps.logger.error({ err }, "calendar feed failed");
      return c.json(
        errorBody(
          new AppError("internal.error", "Something went wrong on our side. It has been logged."),
        ),
        500,
      );
    }
    // Unknown, revoked and malformed tokens look the same.
    if (ics === null)
      return c.json(
        errorBody(
          new AppError(
            "calendar_feed.not_found",
            "No such calendar feed; it may have been revoked.",
          ),
        ),
        404,
      );
    return c.body(ics, 200, {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="headway.ics"',
      "cache-control": "private, no-store",
      "x-robots-tag": "noindex",
    });
  });
}
