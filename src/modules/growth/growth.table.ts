import {
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { catalogueItems, catalogueSessions } from "../catalogue/catalogue.table.js";
import { people } from "../org/org.table.js";
import { plans } from "../plans/plans.table.js";
import { resourceKinds, resourceStatuses } from "../plans/plans.types.js";

/** Coaching-profile fields; each author (the employee, their manager) keeps their own entry. */
export const profileFields = [
  "story",
  "long_term_goals",
  "strengths",
  "feedback_preference",
  "people_vs_things",
  "introvert_vs_extrovert",
  "tactical_vs_strategic",
  "manager_vs_individual",
] as const;

/**
 * The coaching profile, one row per person, field and author: the employee writes, the manager
 * adds observations, and each entry shows who wrote it. Working-style dimensions carry a
 * position on their scale (-2 … 2) as well as words.
 */
export const profileEntries = pgTable(
  "coaching_profile_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    field: text("field", { enum: profileFields }).notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull().default(""),
    scale: integer("scale"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("coaching_profile_entry").on(t.personId, t.field, t.authorId)],
);

/** Growth goals: every employee has them, not only people on a plan. */
export const growthGoals = pgTable(
  "growth_goals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => people.id),
    title: text("title").notNull(),
    /** SMART: what exactly, how it is measured, from where to where, why it matters, by when. */
    specific: text("specific").notNull().default(""),
    measure: text("measure").notNull().default(""),
    baseline: doublePrecision("baseline"),
    target: doublePrecision("target"),
    relevance: text("relevance").notNull().default(""),
    dueOn: date("due_on"),
    status: text("status", { enum: ["active", "achieved", "dropped"] })
      .notNull()
      .default("active"),
    /** 0–100, the latest update's. */
    progress: integer("progress").notNull().default(0),
    /**
     * The success plan this goal carries on from, when a plan closed with its goals met. Shown
     * only to those who may still see that plan: the record survives, the shadow does not.
     */
    sourcePlanId: uuid("source_plan_id").references(() => plans.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("growth_goals_person_idx").on(t.personId)],
);

export const growthGoalUpdates = pgTable(
  "growth_goal_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => growthGoals.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull().default(""),
    progress: integer("progress").notNull(),
    value: doublePrecision("value"),
    /** The 1:1 it was discussed in, if any. */
    meetingId: uuid("meeting_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("growth_goal_updates_goal_idx").on(t.goalId)],
);

/** What makes a growth goal reachable: a course, a mentor, time, a tool (as on plan goals). */
export const growthGoalResources = pgTable(
  "growth_goal_resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => growthGoals.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: resourceKinds }).notNull(),
    description: text("description").notNull(),
    link: text("link").notNull().default(""),
    mentorId: uuid("mentor_id").references(() => people.id),
    catalogueItemId: uuid("catalogue_item_id").references(() => catalogueItems.id),
    catalogueSessionId: uuid("catalogue_session_id").references(() => catalogueSessions.id),
    status: text("status", { enum: resourceStatuses }).notNull().default("offered"),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("growth_goal_resources_goal_idx").on(t.goalId),
    index("growth_goal_resources_item_idx").on(t.catalogueItemId),
  ],
);

export type OnboardingStageTemplate = { day: number; title: string; success: string[] };

/** Editable 30/60/90-day templates. */
export const onboardingTemplates = pgTable("onboarding_templates", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  stages: jsonb("stages").$type<OnboardingStageTemplate[]>().notNull(),
  createdById: uuid("created_by_id").references(() => people.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** A new hire's onboarding success plan, visible to both from day one. */
export const onboardingPlans = pgTable(
  "onboarding_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id),
    startDate: date("start_date").notNull(),
    templateId: uuid("template_id").references(() => onboardingTemplates.id),
    status: text("status", { enum: ["active", "completed"] })
      .notNull()
      .default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("onboarding_plans_person_idx").on(t.personId)],
);

export const onboardingStages = pgTable(
  "onboarding_stages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => onboardingPlans.id, { onDelete: "cascade" }),
    day: integer("day").notNull(),
    dueOn: date("due_on").notNull(),
    title: text("title").notNull(),
    /** What success looks like at this stage, one line each. */
    success: jsonb("success").$type<string[]>().notNull().default([]),
    status: text("status", { enum: ["upcoming", "checked_in"] })
      .notNull()
      .default("upcoming"),
    managerNotes: text("manager_notes").notNull().default(""),
    employeeNotes: text("employee_notes").notNull().default(""),
    /** 1–5: how it is going, at the check-in. */
    rating: integer("rating"),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("onboarding_stages_plan_day").on(t.planId, t.day)],
);

/**
 * A documented performance discussion: the lighter step before a plan, and the right tool for
 * behaviour issues. Shared with the employee, who acknowledges receipt and answers in their words.
 */
export const documentedDiscussions = pgTable(
  "documented_discussions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => people.id),
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id),
    occurredOn: date("occurred_on").notNull(),
    whatHappened: text("what_happened").notNull(),
    impact: text("impact").notNull().default(""),
    expectation: text("expectation").notNull().default(""),
    employeeResponse: text("employee_response").notNull().default(""),
    followUpOn: date("follow_up_on"),
    status: text("status", { enum: ["draft", "shared", "acknowledged"] })
      .notNull()
      .default("draft"),
    sharedAt: timestamp("shared_at", { withTimezone: true }),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("documented_discussions_employee_idx").on(t.employeeId)],
);
