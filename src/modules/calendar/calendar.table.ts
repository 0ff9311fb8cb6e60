import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

/** A person's private calendar feed: the URL carries a token, stored only as its SHA-256. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("calendar_feeds_token_idx").on(t.tokenHash)],
);
