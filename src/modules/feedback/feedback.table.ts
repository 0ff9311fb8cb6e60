import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

export const feedbackKinds = ["recognition", "constructive"] as const;
/** shared: the recipient reads it; draft: only its author; hr: the author and HR in scope. */
export const feedbackVisibilities = ["shared", "draft", "hr"] as const;

/** Written feedback, situation – behaviour – impact. */
export const feedback = pgTable(
  "feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    giverId: uuid("giver_id")
      .notNull()
      .references(() => people.id),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => people.id),
    kind: text("kind", { enum: feedbackKinds }).notNull(),
    situation: text("situation").notNull().default(""),
    behaviour: text("behaviour").notNull().default(""),
    impact: text("impact").notNull().default(""),
    visibility: text("visibility", { enum: feedbackVisibilities }).notNull(),
    /** The request it answers, if any. */
    requestId: uuid("request_id"),
    sharedAt: timestamp("shared_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("feedback_recipient_idx").on(t.recipientId, t.createdAt),
    index("feedback_giver_idx").on(t.giverId, t.createdAt),
  ],
);

/** Anyone may ask someone for feedback, on themselves or (managers) on a report. */
export const feedbackRequests = pgTable(
  "feedback_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => people.id),
    /** Who is asked to give it. */
    askedId: uuid("asked_id")
      .notNull()
      .references(() => people.id),
    /** Whom the feedback is about (the requester, unless a manager asks about a report). */
    aboutId: uuid("about_id")
      .notNull()
      .references(() => people.id),
    prompt: text("prompt").notNull().default(""),
    status: text("status", { enum: ["open", "answered", "declined"] })
      .notNull()
      .default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [index("feedback_requests_asked_idx").on(t.askedId, t.status)],
);

/** The recipient's reply to feedback, and the conversation after it. */
export const feedbackReplies = pgTable(
  "feedback_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    feedbackId: uuid("feedback_id")
      .notNull()
      .references(() => feedback.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("feedback_replies_feedback_idx").on(t.feedbackId)],
);
