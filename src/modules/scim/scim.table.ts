import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

/**
 * Groups pushed by an identity provider over SCIM. A group mapped to a role (hr, ld, admin)
 * grants it to its members; unmapped groups are kept and ignored.
 */
export const scimGroups = pgTable("scim_groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  displayName: text("display_name").notNull().unique(),
  externalId: text("external_id"),
  role: text("role", { enum: ["hr", "ld", "admin"] }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export const scimGroupMembers = pgTable(
  "scim_group_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => scimGroups.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.personId] }),
    index("scim_group_members_person_idx").on(t.personId),
  ],
);
