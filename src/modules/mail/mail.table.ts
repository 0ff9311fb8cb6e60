import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Every message Headway sends. Without SMTP it stays here: the outbox admins read. */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** "outbox" when no SMTP is configured, else "smtp". */
    transport: text("transport", { enum: ["outbox", "smtp"] }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    error: text("error"),
  },
  (t) => [index("mail_messages_created_idx").on(t.createdAt)],
);
