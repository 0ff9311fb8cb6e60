import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";
import { plans } from "../plans/plans.table.js";

/**
 * A root-cause diagnosis: the manager's guided conversation with a report before goals are
 * written. The manager's notes and the employee's answers are encrypted JSON; the employee's
 * answers are kept only with their consent.
 */
export const diagnoses = pgTable(
  "diagnoses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => people.id),
    /** Who runs the conversation: the direct manager, or HR in scope. */
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id),
    /** The draft plan it informs, when started from one. */
    planId: uuid("plan_id").references(() => plans.id, { onDelete: "set null" }),
    status: text("status", { enum: ["in_progress", "completed"] })
      .notNull()
      .default("in_progress"),
    /** The causes chosen (plans.types causeKinds). */
    causes: text("causes").array().notNull().default(sql`'{}'::text[]`),
    /** Encrypted JSON (diagnoses.notes): { [cause]: { [questionId]: text } } — what the manager heard. */
    notes: text("notes").notNull().default(""),
    employeeConsent: boolean("employee_consent").notNull().default(false),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    /** Encrypted JSON (diagnoses.employee_answers): { [questionId]: text }, only with consent. */
    employeeAnswers: text("employee_answers").notNull().default(""),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    index("diagnoses_employee_idx").on(t.employeeId),
    index("diagnoses_plan_idx").on(t.planId),
  ],
);
