import { can } from "../../access/access.policy.js";
import type { Actor } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { findArticle, findCard, guidanceCards, handbookArticles } from "./guidance.content.js";
import {
  countByCard,
  countShowing,
  findDismissedCardIds,
  markOnce,
} from "./guidance.repository.js";
import { cardsFor, publishableFigures } from "./guidance.rules.js";
import {
  GUIDANCE_STATS_MIN_PEOPLE,
  type GuidanceCard,
  type GuidanceMoment,
} from "./guidance.types.js";

// Guidance at the right moment, and the handbook behind it. What a person saw and dismissed is
// kept so a dismissed card stays dismissed and L&D can count; nothing here ever names who. The
// audit trail records each step under a neutral actor ("Guidance") with only the card id, so it
// cannot be filtered by a manager to see which cards they were shown or waved away.

/** The actor the audit log names for every guidance step: nobody in particular. */
const guidanceActor: Actor = { kind: "system", label: "Guidance" };

/** Thrown inside a write that turned out to change nothing, so it rolls back without an event. */
class NothingChanged extends Error {}

async function auditStep(w: Write, action: string, cardId: string) {
  await w.audit({
    actor: guidanceActor,
    action,
    subjectType: "guidance_card",
    subjectId: cardId,
    data: { cardId },
    change: { cardId },
  });
}

/** Runs a first-time-only write; false when it changed nothing (then no event is recorded). */
async function writeIfChanged(
  deps: Deps,
  fn: (w: Write) => Promise<boolean>,
  action: string,
  cardId: string,
): Promise<boolean> {
  try {
    return await write(deps, async (w) => {
      if (!(await fn(w))) throw new NothingChanged();
      await auditStep(w, action, cardId);
      return true;
    });
  } catch (err) {
    if (err instanceof NothingChanged) return false;
    throw err;
  }
}

function getCard(cardId: string): GuidanceCard {
  const card = findCard(cardId);
  if (!card) throw notFound("guidance card", "guidance.not_found");
  return card;
}

function presentCard(card: GuidanceCard) {
  return {
    id: card.id,
    moment: card.moment,
    title: card.title,
    body: card.body,
    handbookSlug: card.handbookSlug,
    handbookTitle: findArticle(card.handbookSlug)?.title ?? "The handbook",
  };
}

// ---------- cards ----------

/** The cards for a moment that this person has not dismissed. */
export async function listCards(
  deps: Deps,
  { actor, moment }: { actor: PersonActor; moment: GuidanceMoment },
) {
  const dismissed = await findDismissedCardIds(deps.database.db, actor.personId);
  return {
    moment,
    cards: cardsFor(moment, { cards: guidanceCards, dismissed }).map(presentCard),
  };
}

/** A card was on screen: counted at most once a day per person and card. */
export async function recordCardShown(
  deps: Deps,
  { actor, cardId }: { actor: PersonActor; cardId: string },
) {
  const card = getCard(cardId);
  const counted = await writeIfChanged(
    deps,
    (w) => countShowing(w.tx, { personId: actor.personId, cardId: card.id, now: w.now }),
    "guidance.shown",
    card.id,
  );
  return { cardId: card.id, counted };
}

/** The person does not want to see this card again. Dismissing twice changes nothing. */
export async function dismissCard(
  deps: Deps,
  { actor, cardId }: { actor: PersonActor; cardId: string },
) {
  const card = getCard(cardId);
  await writeIfChanged(
    deps,
    (w) =>
      markOnce(w.tx, {
        personId: actor.personId,
        cardId: card.id,
        now: w.now,
        mark: "dismissedAt",
      }),
    "guidance.dismissed",
    card.id,
  );
  return { cardId: card.id, dismissed: true as const };
}

/** The person followed the card to the handbook; only the first time is kept. */
export async function recordHandbookOpened(
  deps: Deps,
  { actor, cardId }: { actor: PersonActor; cardId: string },
) {
  const card = getCard(cardId);
  const counted = await writeIfChanged(
    deps,
    (w) =>
      markOnce(w.tx, {
        personId: actor.personId,
        cardId: card.id,
        now: w.now,
        mark: "handbookOpenedAt",
      }),
    "guidance.handbook_opened",
    card.id,
  );
  return { cardId: card.id, counted };
}

// ---------- figures for L&D ----------

export const STATS_NOTE = `Counts only, never names. A card's figures are hidden until at least ${GUIDANCE_STATS_MIN_PEOPLE} people have seen it, so no one can be singled out.`;

/** Per card: people shown, times shown, dismissed, handbook opened; hidden under five people. */
export async function getGuidanceStats(deps: Deps, { actor }: { actor: PersonActor }) {
  if (!can(actor, "guidance.view_stats", { type: "org" }))
    throw new AppError(
      "guidance.forbidden",
      "Only L&D, HR and admins can see how guidance is used.",
    );
  const counts = new Map((await countByCard(deps.database.db)).map((c) => [c.cardId, c]));
  return {
    minimumPeople: GUIDANCE_STATS_MIN_PEOPLE,
    note: STATS_NOTE,
    cards: guidanceCards.map((card) => {
      const c = counts.get(card.id);
      const figures = publishableFigures(
        {
          peopleShown: c?.peopleShown ?? 0,
          timesShown: c?.timesShown ?? 0,
          dismissed: c?.dismissed ?? 0,
          handbookOpened: c?.handbookOpened ?? 0,
        },
        GUIDANCE_STATS_MIN_PEOPLE,
      );
      return {
        cardId: card.id,
        title: card.title,
        moment: card.moment,
        suppressed: figures === null,
        peopleShown: figures?.peopleShown ?? null,
        timesShown: figures?.timesShown ?? null,
        dismissed: figures?.dismissed ?? null,
        handbookOpened: figures?.handbookOpened ?? null,
      };
    }),
  };
}

// ---------- the handbook ----------

export function listHandbook() {
  return {
    articles: handbookArticles.map((a) => ({ slug: a.slug, title: a.title, summary: a.summary })),
  };
}

export function getHandbookArticle({ slug }: { slug: string }) {
  const article = findArticle(slug);
  if (!article) throw notFound("handbook article", "handbook.not_found");
  return {
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    sections: article.sections.map((s) => ({
      heading: s.heading,
      paragraphs: [...s.paragraphs],
      bullets: [...(s.bullets ?? [])],
    })),
    related: (article.related ?? []).flatMap((slug) => {
      const r = findArticle(slug);
      return r ? [{ slug: r.slug, title: r.title, summary: r.summary }] : [];
    }),
  };
}

export type GuidanceCardsView = Awaited<ReturnType<typeof listCards>>;
export type GuidanceStatsView = Awaited<ReturnType<typeof getGuidanceStats>>;
export type HandbookListView = ReturnType<typeof listHandbook>;
export type HandbookArticleView = ReturnType<typeof getHandbookArticle>;
