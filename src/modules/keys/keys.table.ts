import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The organisation's data keys, each wrapped (AES-256-GCM) by the master key, which lives outside
 * the database. The newest active key encrypts; retired keys still decrypt until a rotation has
 * re-encrypted everything under the new one.
 */
export const dataKeys = pgTable("data_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  version: integer("version").notNull().unique(),
  /** base64url(iv).base64url(tag).base64url(ciphertext) of the 32-byte data key. */
  wrappedKey: text("wrapped_key").notNull(),
  /** Which master key wrapped it (a short SHA-256 name, not the key). */
  masterKeyId: text("master_key_id").notNull(),
  status: text("status", { enum: ["active", "retired"] })
    .notNull()
    .default("active"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
});
