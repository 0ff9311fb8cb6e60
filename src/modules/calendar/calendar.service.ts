import { and, eq, isNull } from "drizzle-orm";
import { AppError, notFound } from "../../api/errors.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { newToken, tokenHash } from "../auth/auth.crypto.js";
import type { PersonActor } from "../auth/auth.service.js";
import { people } from "../org/org.table.js";
import { buildFeed } from "./calendar.ics.js";
import {
  findActiveFeed,
  findFeedCheckins,
  findFeedMeetings,
  findFeedOwner,
} from "./calendar.repository.js";
import { calendarFeeds } from "./calendar.table.js";

// A private calendar feed per person. The URL's token is the only credential a calendar app
// can send, so it is 256 random bits, shown once, and stored only as its SHA-256; replacing or
// revoking it cuts off every copy of the old URL. Only the person themselves manages theirs.

/** How far back and ahead the feed reaches. */
export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_DAYS = 400;
const DAY = 86_400_000;

/** A token in a feed URL: what newToken() makes (32 bytes, base64url). */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function feedUrl(deps: Pick<Deps, "config">, token: string) {
  return `${deps.config.baseUrl}/calendar/${token}.ics`;
}

export function presentFeedStatus(row: { createdAt: Date } | null) {
  return { exists: row !== null, createdAt: row?.createdAt.toISOString() ?? null };
}
export type CalendarFeedStatus = ReturnType<typeof presentFeedStatus>;

export async function getCalendarFeedStatus(
  deps: Deps,
  { actor }: { actor: PersonActor },
): Promise<CalendarFeedStatus> {
  return presentFeedStatus(await findActiveFeed(deps.database.db, actor.personId));
}

/** Creates the actor's feed, or replaces it (the old URL stops working). The URL is shown once. */
export async function createCalendarFeed(deps: Deps, { actor }: { actor: PersonActor }) {
  return write(deps, async (w) => {
    // One feed per person, even when two requests race: they queue on the person's row.
    const [person] = await w.tx
      .select({ id: people.id, active: people.active })
      .from(people)
      .where(eq(people.id, actor.personId))
      .for("no key update");
    if (!person?.active) throw notFound("person");
    const replaced = await w.tx
      .update(calendarFeeds)
      .set({ revokedAt: w.now })
      .where(and(eq(calendarFeeds.personId, person.id), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    const token = newToken();
    const [row] = await w.tx
      .insert(calendarFeeds)
      .values({ personId: person.id, tokenHash: tokenHash(token), createdAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: "calendar_feed.created",
      subjectType: "calendar_feed",
      subjectId: row!.id,
      data: { personId: person.id, replaced: replaced.length > 0 },
    });
    const url = feedUrl(deps, token);
    return {
      url,
      webcalUrl: url.replace(/^https?:/, "webcal:"),
      ...presentFeedStatus(row!),
    };
  });
}
export type CreatedCalendarFeed = Awaited<ReturnType<typeof createCalendarFeed>>;

/** Revokes the actor's feed: its URL answers 404 from now on. 404 when there is none. */
export async function revokeCalendarFeed(deps: Deps, { actor }: { actor: PersonActor }) {
  return write(deps, async (w) => {
    const revoked = await w.tx
      .update(calendarFeeds)
      .set({ revokedAt: w.now })
      .where(and(eq(calendarFeeds.personId, actor.personId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    if (revoked.length === 0)
      throw new AppError(
        "calendar_feed.not_found",
        "You have no calendar feed, so there is nothing to revoke.",
      );
    await w.audit({
      actor,
      action: "calendar_feed.revoked",
      subjectType: "calendar_feed",
      subjectId: revoked[0]!.id,
      data: { personId: actor.personId },
    });
    return presentFeedStatus(null);
  });
}

/**
 * The iCalendar text behind a feed URL, or null when the token is unknown, revoked or its
 * owner deactivated. Only the owner's own 1:1s and check-ins; never notes or agendas.
 */
export async function renderCalendarFeed(deps: Deps, { token }: { token: string }) {
  if (!FEED_TOKEN.test(token)) return null;
  const db = deps.database.db;
  const owner = await findFeedOwner(db, tokenHash(token));
  if (!owner) return null;
  const now = deps.clock();
  const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY);
  const to = new Date(now.getTime() + FEED_FUTURE_DAYS * DAY);
  const [meetings, checkins] = await Promise.all([
    findFeedMeetings(db, { personId: owner.personId, from, to }),
    findFeedCheckins(db, {
      personId: owner.personId,
      from: from.toISOString().slice(0, 10),
      to: to.toISOString().slice(0, 10),
    }),
  ]);
  return buildFeed({ meetings, checkins, baseUrl: deps.config.baseUrl, now });
}
