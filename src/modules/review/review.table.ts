import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";
import { plans } from "../plans/plans.table.js";
import type { ReviewPolicy } from "./review.types.js";

/** The organisation's review thresholds; one row. Missing keys fall back to the defaults. */
export const reviewPolicies = pgTable("review_policies", {
  id: integer("id").primaryKey().default(1),
  policy: jsonb("policy").$type<Partial<ReviewPolicy>>().notNull().default({}),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/**
 * HR's written decision to let a plan go ahead despite a blocker. Kept for ever: it is printed
 * in the plan's PDF and is part of the record.
 */
export const planFindingOverrides = pgTable(
  "plan_finding_overrides",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    path: text("path").notNull(),
    /** Who may read it: "hr" for findings built on facts only HR may know. */
    audience: text("audience", { enum: ["all", "hr"] })
      .notNull()
      .default("all"),
    reason: text("reason").notNull(),
    /**
     * SHA-256 of the finding as HR saw it (code, path, message). The override holds only while
     * the finding says the same: a new complaint or a shorter plan is a new finding.
     */
    fingerprint: text("fingerprint").notNull().default(""),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_finding_overrides_plan_idx").on(t.planId)],
);

/**
 * "Before this plan": when the manager raised the issue with the employee, in writing or in a
 * 1:1. The employee sees these on the issued plan and can answer them there.
 */
export const planPriorNotice = pgTable(
  "plan_prior_notice",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    heldOn: date("held_on").notNull(),
    kind: text("kind", {
      enum: ["written_feedback", "one_on_one", "documented_discussion", "email"],
    }).notNull(),
    summary: text("summary").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_prior_notice_plan_idx").on(t.planId)],
);

/**
 * Protected activities (a complaint, a grievance, a leave, a promotion, transfer or
 * accommodation request), recorded by HR. Seen by HR alone: a plan soon after one is a
 * retaliation risk that HR must review, and the manager is never told why.
 */
export const protectedActivities = pgTable(
  "protected_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    /** Encrypted, as are the date and the note: a dump shows only that HR recorded something. */
    kind: text("kind").notNull(),
    /** Encrypted ISO date. */
    occurredOn: text("occurred_on").notNull(),
    note: text("note").notNull().default(""),
    /** The confidential concern it was recorded from, if any. */
    concernId: uuid("concern_id"),
    recordedById: uuid("recorded_by_id")
      .notNull()
      .references(() => people.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("protected_activities_person_idx").on(t.personId)],
);
