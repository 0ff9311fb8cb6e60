import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

/**
 * A concern an employee raised with HR in confidence. Seen by the employee and HR in scope,
 * never by the person it is about nor anyone in the employee's management chain. The subject
 * and every message are encrypted (see keys).
 */
export const concerns = pgTable(
  "concerns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => people.id),
    /** Whom it is about, when the employee says (their manager, a colleague); never shown to them. */
    aboutPersonId: uuid("about_person_id").references(() => people.id),
    /** Encrypted. */
    subject: text("subject").notNull(),
    /** What it is about, in broad terms, for HR's triage: a manager, a plan, something else. */
    topic: text("topic", { enum: ["manager", "plan", "colleague", "wellbeing", "other"] })
      .notNull()
      .default("other"),
    /** The plan it concerns, if any. */
    planId: uuid("plan_id"),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedById: uuid("closed_by_id").references(() => people.id),
  },
  (t) => [index("concerns_employee_idx").on(t.employeeId)],
);

/** The thread: the employee and HR write in it. Bodies are encrypted. */
export const concernMessages = pgTable(
  "concern_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    concernId: uuid("concern_id")
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    /** Encrypted. */
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("concern_messages_concern_idx").on(t.concernId, t.createdAt)],
);

/** When each reader last read a thread, for "new" markers. */
export const concernReads = pgTable(
  "concern_reads",
  {
    concernId: uuid("concern_id")
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.concernId, t.personId] })],
);
