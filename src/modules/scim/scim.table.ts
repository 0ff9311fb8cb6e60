import { sql } from "drizzle-orm";
import {
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
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
  /** For a group mapped to HR: the departments its members cover; empty = the whole organisation. */
  roleDepartments: text("role_departments").array().notNull().default(sql`'{}'::text[]`),
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

/**
 * What the identity provider said of a person that Headway does not keep on the person itself:
 * its userName (when it is not the email) and the parts of the name, so they read back as sent.
 */
export const scimUsers = pgTable(
  "scim_users",
  {
    personId: uuid("person_id")
      .primaryKey()
      .references(() => people.id, { onDelete: "cascade" }),
    userName: text("user_name").notNull(),
    givenName: text("given_name"),
    familyName: text("family_name"),
    formatted: text("formatted"),
    displayName: text("display_name"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("scim_users_user_name_idx").on(sql`lower(${t.userName})`)],
);

/**
 * Roles a mapped group gave a person who did not have them already. Only these are taken away
 * when the person leaves the group: a role granted by hand stays.
 */
export const scimRoleGrants = pgTable(
  "scim_role_grants",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["hr", "ld", "admin"] }).notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.role] })],
);
