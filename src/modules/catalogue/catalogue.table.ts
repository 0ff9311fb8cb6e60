import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";
import { catalogueFormats, catalogueKinds } from "./catalogue.types.js";

/**
 * L&D's resource catalogue: courses, workshops, tools and internal guides. A manager picks from
 * it when resourcing a plan goal or a growth goal; each pick becomes a resource commitment on
 * that goal (plan_resources / growth_goal_resources keep `catalogue_item_id`). Mentors are
 * people, kept in mentoring.
 */
export const catalogueItems = pgTable(
  "catalogue_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: catalogueKinds }).notNull(),
    title: text("title").notNull(),
    provider: text("provider").notNull().default(""),
    /** An http(s) address, or empty for something with no page (an in-house workshop). */
    link: text("link").notNull().default(""),
    description: text("description").notNull().default(""),
    durationHours: doublePrecision("duration_hours"),
    format: text("format", { enum: catalogueFormats }).notNull().default("online"),
    /** Skill tags, lower case, as L&D writes them ("sql", "negotiation"). */
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** Root-cause categories it usually fits (plans.types causeKinds). */
    causes: text("causes").array().notNull().default(sql`'{}'::text[]`),
    /** Archived items stay on the goals that used them but are no longer offered. */
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdById: uuid("created_by_id").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("catalogue_items_identity").on(
      t.kind,
      sql`lower(${t.title})`,
      sql`lower(${t.provider})`,
    ),
    index("catalogue_items_skills_idx").using("gin", t.skills),
    index("catalogue_items_causes_idx").using("gin", t.causes),
  ],
);

/** A workshop's dates, each with its seats; a seat is taken by a goal's resource that names it. */
export const catalogueSessions = pgTable(
  "catalogue_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => catalogueItems.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    location: text("location").notNull().default(""),
    seats: integer("seats").notNull(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("catalogue_sessions_item_idx").on(t.itemId, t.startsAt)],
);
