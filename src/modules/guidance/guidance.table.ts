import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

/**
 * Which guidance cards a person has seen and dismissed: so a dismissed card stays dismissed, and
 * L&D can count cards shown and dismissed. Only counts ever leave this table (never who), so
 * guidance can never be used against a manager.
 */
export const guidanceSeen = pgTable(
  "guidance_seen",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    cardId: text("card_id").notNull(),
    firstShownAt: timestamp("first_shown_at", { withTimezone: true }).notNull(),
    lastShownAt: timestamp("last_shown_at", { withTimezone: true }).notNull(),
    /** Counted at most once a day per person and card. */
    timesShown: integer("times_shown").notNull().default(1),
    handbookOpenedAt: timestamp("handbook_opened_at", { withTimezone: true }),
    dismissedAt: timestamp("dismissed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.cardId] })],
);
