import { z } from "@hono/zod-openapi";
import { guidanceMoments } from "./guidance.types.js";

// Request and response shapes of guidance and the handbook.

export const MomentQuery = z.object({
  moment: z.enum(guidanceMoments, {
    error: `Name the moment: one of ${guidanceMoments.join(", ")}.`,
  }),
});

export const CardIdParam = z.object({
  // Any text: an unknown id is the 404 of a missing card, whatever it looks like.
  cardId: z.string().openapi({ param: { name: "cardId", in: "path" }, example: "coaching-first" }),
});

export const SlugParam = z.object({
  slug: z
    .string()
    .openapi({ param: { name: "slug", in: "path" }, example: "diagnostic-conversation" }),
});

const Card = z
  .object({
    id: z.string(),
    moment: z.enum(guidanceMoments),
    title: z.string(),
    body: z.string(),
    handbookSlug: z.string(),
    handbookTitle: z.string(),
  })
  .openapi("GuidanceCard");

export const GuidanceCards = z
  .object({ moment: z.enum(guidanceMoments), cards: z.array(Card) })
  .openapi("GuidanceCards");

export const ShownAnswer = z
  .object({
    cardId: z.string(),
    counted: z.boolean().openapi({ description: "False when already counted today" }),
  })
  .openapi("GuidanceShown");

export const DismissAnswer = z
  .object({ cardId: z.string(), dismissed: z.literal(true) })
  .openapi("GuidanceDismissed");

export const HandbookOpenedAnswer = z
  .object({
    cardId: z.string(),
    counted: z.boolean().openapi({ description: "False when it was opened from this card before" }),
  })
  .openapi("GuidanceHandbookOpened");

const Figure = z.number().int().nullable();

export const GuidanceStats = z
  .object({
    minimumPeople: z.number().int(),
    note: z.string(),
    cards: z.array(
      z.object({
        cardId: z.string(),
        title: z.string(),
        moment: z.enum(guidanceMoments),
        suppressed: z
          .boolean()
          .openapi({ description: "Fewer than minimumPeople saw it: the figures are null" }),
        peopleShown: Figure,
        timesShown: Figure,
        dismissed: Figure,
        handbookOpened: Figure,
      }),
    ),
  })
  .openapi("GuidanceStats");

const ArticleSummary = z.object({ slug: z.string(), title: z.string(), summary: z.string() });

export const HandbookList = z.object({ articles: z.array(ArticleSummary) }).openapi("HandbookList");

export const HandbookArticle = ArticleSummary.extend({
  sections: z.array(
    z.object({
      heading: z.string(),
      paragraphs: z.array(z.string()),
      bullets: z.array(z.string()),
    }),
  ),
  related: z.array(ArticleSummary),
}).openapi("HandbookArticle");
