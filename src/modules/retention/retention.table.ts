import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

/** Retention periods per record type (months); one row. Missing keys fall back to the defaults. */
export const retentionPolicies = pgTable("retention_policies", {
  id: integer("id").primaryKey().default(1),
  policy: jsonb("policy").$type<Record<string, number | null>>().notNull().default({}),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/**
 * A legal hold keeps everything about a person from erasure until it is released. Released holds
 * stay, as the history of what was kept and why.
 */
export const legalHolds = pgTable(
  "legal_holds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    reason: text("reason").notNull(),
    placedById: uuid("placed_by_id")
      .notNull()
      .references(() => people.id),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull(),
    releasedAt: timestamp("released_at", { withTimezone: true }),
    releasedById: uuid("released_by_id").references(() => people.id),
    /** Why the hold ended (the matter settled, the claim period ran out). */
    releaseReason: text("release_reason"),
  },
  (t) => [index("legal_holds_person_idx").on(t.personId)],
);
