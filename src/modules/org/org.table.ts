import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employeeId: text("employee_id"),
    email: text("email").notNull(),
    name: text("name").notNull(),
    title: text("title").notNull().default(""),
    department: text("department").notNull().default(""),
    location: text("location").notNull().default(""),
    hireDate: date("hire_date"),
    managerId: uuid("manager_id").references((): AnyPgColumn => people.id, {
      onDelete: "set null",
    }),
    /** Granted roles; "manager" is never stored: it follows from having reports. */
    roles: text("roles").array().notNull().default(sql`'{}'::text[]`),
    /** HR partners: null = no HR scope, [] with hrScopeAll = whole organisation. */
    hrScopeAll: boolean("hr_scope_all").notNull().default(false),
    hrScopeDepartments: text("hr_scope_departments").array().notNull().default(sql`'{}'::text[]`),
    /** Optional, self-declared, seen only by HR in scope; for adverse-impact analysis. */
    demographics: jsonb("demographics").$type<Record<string, string>>().notNull().default({}),
    active: boolean("active").notNull().default(true),
    /** The identity provider's id for this person (SCIM `externalId`). */
    externalId: text("external_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("people_email_idx").on(sql`lower(${t.email})`),
    uniqueIndex("people_employee_id_idx").on(t.employeeId),
    uniqueIndex("people_external_id_idx").on(t.externalId),
    index("people_manager_idx").on(t.managerId),
    index("people_department_idx").on(t.department),
  ],
);

/** One organisation per installation; one row. */
export const orgSettings = pgTable("org_settings", {
  id: integer("id").primaryKey().default(1),
  name: text("name").notNull().default("Our organisation"),
  skipLevelVisible: boolean("skip_level_visible").notNull().default(true),
  /** How long the manager who ran a sealed plan may still open it (days after it closed). */
  sealedPlanManagerDays: integer("sealed_plan_manager_days").notNull().default(90),
  /** Insight hides any group smaller than this (never under 5), so no one can be re-identified. */
  insightMinGroupSize: integer("insight_min_group_size").notNull().default(5),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
