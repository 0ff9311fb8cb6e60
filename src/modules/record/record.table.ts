import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit trail. `seq` has no gaps (assigned under a lock), each row carries the hash
 * of the previous one, and triggers refuse UPDATE, DELETE and TRUNCATE (migration 0001).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    id: uuid("id").notNull().unique(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id"),
    /** A non-confidential summary: ids, field names, counts; never private text. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the full change, so a copy can be proved without storing it here. */
    digest: text("digest").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
    index("audit_events_actor_idx").on(t.actorId),
    index("audit_events_at_idx").on(t.at),
    index("audit_events_action_at_idx").on(t.action, t.at),
    // "Who viewed": one reader's views of one subject, for the once-an-hour check (record.views).
    index("audit_events_reads_idx")
      .on(t.subjectId, t.actorId, t.at)
      .where(sql`${t.action} LIKE '%.viewed'`),
  ],
);

/** The latest link, sealed with the server secret: a removed tail no longer matches it. */
export const auditHead = pgTable("audit_head", {
  id: text("id").primaryKey().default("head"),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
  seal: text("seal").notNull(),
});
