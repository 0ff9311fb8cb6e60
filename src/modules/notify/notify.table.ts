import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

/** In-app notifications; each may also go out by email. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    /** Path inside the app, e.g. /plans/<id>. */
    link: text("link").notNull().default(""),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    /** Makes a notification idempotent (reminders): one per key and person. */
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_person_idx").on(t.personId, t.createdAt),
    uniqueIndex("notifications_dedupe_idx").on(t.personId, t.dedupeKey),
  ],
);
