import { createRoute } from "@hono/zod-openapi";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { ErrorSchema, errorResponses, jsonResponse } from "../../api/schemas.js";
import type { Deps } from "../../deps.js";
import {
  CardIdParam,
  DismissAnswer,
  GuidanceCards,
  GuidanceStats,
  HandbookArticle,
  HandbookList,
  HandbookOpenedAnswer,
  MomentQuery,
  ShownAnswer,
  SlugParam,
} from "./guidance.schemas.js";
import {
  dismissCard,
  getGuidanceStats,
  getHandbookArticle,
  listCards,
  listHandbook,
  recordCardShown,
  recordHandbookOpened,
} from "./guidance.service.js";

const tags = ["Guidance and handbook"];

const forbidden = {
  403: {
    description: "Not allowed to see these counts",
    content: { "application/json": { schema: ErrorSchema } },
  },
} as const;

export function registerGuidanceRoutes(app: Router, deps: Deps) {
  // Fixed paths first: /guidance/stats is not a card id.
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/guidance/stats",
      tags,
      summary:
        "L&D, HR and admins: per card, people shown, times shown, dismissed and handbook opened. Counts only, never who; hidden under 5 people",
      responses: { 200: jsonResponse(GuidanceStats), ...errorResponses, ...forbidden },
    }),
    async (c) => c.json(await getGuidanceStats(deps, { actor: requireActor(c) }), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/guidance",
      tags,
      summary: "The guidance cards for a moment that you have not dismissed",
      request: { query: MomentQuery },
      responses: { 200: jsonResponse(GuidanceCards), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await listCards(deps, { actor: requireActor(c), moment: c.req.valid("query").moment }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/guidance/{cardId}/shown",
      tags,
      summary: "A card was shown to you (counted at most once a day per card)",
      request: { params: CardIdParam },
      responses: { 200: jsonResponse(ShownAnswer), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await recordCardShown(deps, {
          actor: requireActor(c),
          cardId: c.req.valid("param").cardId,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/guidance/{cardId}/dismiss",
      tags,
      summary: "Do not show this card to you again",
      request: { params: CardIdParam },
      responses: { 200: jsonResponse(DismissAnswer), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await dismissCard(deps, { actor: requireActor(c), cardId: c.req.valid("param").cardId }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/guidance/{cardId}/handbook-opened",
      tags,
      summary: "You followed this card to its handbook article (the first time is counted)",
      request: { params: CardIdParam },
      responses: { 200: jsonResponse(HandbookOpenedAnswer), ...errorResponses },
    }),
    async (c) =>
      c.json(
        await recordHandbookOpened(deps, {
          actor: requireActor(c),
          cardId: c.req.valid("param").cardId,
        }),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/handbook",
      tags,
      summary: "The handbook: every article with its summary",
      responses: { 200: jsonResponse(HandbookList), ...errorResponses },
    }),
    async (c) => {
      requireActor(c);
      return c.json(listHandbook(), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/handbook/{slug}",
      tags,
      summary: "One handbook article: headings, paragraphs and lists (plain text, no markup)",
      request: { params: SlugParam },
      responses: { 200: jsonResponse(HandbookArticle), ...errorResponses },
    }),
    async (c) => {
      requireActor(c);
      return c.json(getHandbookArticle({ slug: c.req.valid("param").slug }), 200);
    },
  );
}
