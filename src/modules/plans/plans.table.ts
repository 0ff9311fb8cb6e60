import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { catalogueItems, catalogueSessions } from "../catalogue/catalogue.table.js";
import { people } from "../org/org.table.js";
import {
  causeKinds,
  checkinStatuses,
  evidenceAnswers,
  goalStatuses,
  outcomes,
  planStatuses,
  resourceKinds,
  resourceStatuses,
  threadKinds,
} from "./plans.types.js";

/**
 * A success plan (what most companies call a PIP). `version` is the optimistic lock: every write
 * carries the version it read. `issuedVersion` counts what the employee has been shown.
 */
export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => people.id),
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id),
    hrPartnerId: uuid("hr_partner_id").references(() => people.id),
    status: text("status", { enum: planStatuses }).notNull().default("draft"),
    /** The expectation not being met, in plain words. */
    standard: text("standard").notNull().default(""),
    startDate: date("start_date"),
    endDate: date("end_date"),
    cadenceDays: integer("cadence_days").notNull().default(7),
    /** "If this person meets every goal, will they stay in the role?" */
    goodFaith: text("good_faith", { enum: ["yes", "no", "unsure"] }),
    goodFaithNote: text("good_faith_note").notNull().default(""),
    outcome: text("outcome", { enum: outcomes }),
    managerReflection: text("manager_reflection").notNull().default(""),
    employeeReflection: text("employee_reflection").notNull().default(""),
    /** Status before a pause, to resume into. */
    pausedFrom: text("paused_from", { enum: planStatuses }),
    issuedVersion: integer("issued_version").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /**
     * Sealed when it closes with its goals met: then seen by the employee, HR in scope, and the
     * manager who ran it until `sealed_manager_until` — not by a future manager or anyone else.
     */
    sealedAt: timestamp("sealed_at", { withTimezone: true }),
    sealedManagerUntil: timestamp("sealed_manager_until", { withTimezone: true }),
    /** At close: the support offered and delivered beside the engagement missing, frozen. */
    engagementSummary: jsonb("engagement_summary").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("plans_employee_idx").on(t.employeeId),
    index("plans_manager_idx").on(t.managerId),
    index("plans_status_idx").on(t.status),
  ],
);

/** "Do you see what I see?": a metric series or a dated incident, each answered by the employee. */
export const planEvidence = pgTable(
  "plan_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    kind: text("kind", { enum: ["metric", "incident"] }).notNull(),
    title: text("title").notNull(),
    /** Incident: what happened. Metric: what the series shows. */
    description: text("description").notNull().default(""),
    impact: text("impact").notNull().default(""),
    occurredOn: date("occurred_on"),
    unit: text("unit").notNull().default(""),
    source: text("source").notNull().default(""),
    series: jsonb("series").$type<{ date: string; value: number }[]>().notNull().default([]),
    answer: text("answer", { enum: evidenceAnswers }),
    employeeSide: text("employee_side").notNull().default(""),
    employeeLinks: text("employee_links").array().notNull().default(sql`'{}'::text[]`),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [index("plan_evidence_plan_idx").on(t.planId)],
);

export const planCauses = pgTable(
  "plan_causes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    cause: text("cause", { enum: causeKinds }).notNull(),
    notes: text("notes").notNull().default(""),
    /** The employee's own view of this cause. */
    employeeView: text("employee_view").notNull().default(""),
  },
  (t) => [uniqueIndex("plan_causes_unique").on(t.planId, t.cause)],
);

export const planGoals = pgTable(
  "plan_goals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    description: text("description").notNull(),
    metric: text("metric").notNull().default(""),
    unit: text("unit").notNull().default(""),
    direction: text("direction", { enum: ["up", "down"] })
      .notNull()
      .default("up"),
    baseline: doublePrecision("baseline"),
    target: doublePrecision("target"),
    /** How and where it is measured. */
    measurement: text("measurement").notNull().default(""),
    dueDate: date("due_date"),
  },
  (t) => [index("plan_goals_plan_idx").on(t.planId)],
);

/** What the manager commits so the goal is reachable (Job Demands–Resources). */
export const planResources = pgTable(
  "plan_resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => planGoals.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: resourceKinds }).notNull(),
    description: text("description").notNull(),
    link: text("link").notNull().default(""),
    mentorId: uuid("mentor_id").references(() => people.id),
    hoursPerWeek: doublePrecision("hours_per_week"),
    status: text("status", { enum: resourceStatuses }).notNull().default("offered"),
    /** Set when the employee asked for it (a support request). */
    requestedByEmployee: boolean("requested_by_employee").notNull().default(false),
    /** Picked from L&D's catalogue (and, for a workshop, the date it takes a seat on). */
    catalogueItemId: uuid("catalogue_item_id").references(() => catalogueItems.id),
    catalogueSessionId: uuid("catalogue_session_id").references(() => catalogueSessions.id),
  },
  (t) => [
    index("plan_resources_goal_idx").on(t.goalId),
    index("plan_resources_item_idx").on(t.catalogueItemId),
  ],
);

export const planMilestones = pgTable(
  "plan_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => planGoals.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    dueDate: date("due_date").notNull(),
    target: doublePrecision("target"),
    earlyWin: boolean("early_win").notNull().default(false),
    doneAt: timestamp("done_at", { withTimezone: true }),
  },
  (t) => [index("plan_milestones_goal_idx").on(t.goalId)],
);

/** HR's review: comments and decisions; they stay on the plan's record after approval. */
export const planReviews = pgTable(
  "plan_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    decision: text("decision", { enum: ["approved", "changes_requested", "comment"] }).notNull(),
    comment: text("comment").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_reviews_plan_idx").on(t.planId)],
);

/** What the employee was shown at each issue: a frozen copy, so changes are never silent. */
export const planVersions = pgTable(
  "plan_versions",
  {
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    changeSummary: text("change_summary").notNull().default(""),
    createdById: uuid("created_by_id").references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.planId, t.number] })],
);

/** Clarification requests and support requests: threads the other side must answer. */
export const planThreads = pgTable(
  "plan_threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id").references(() => planGoals.id, { onDelete: "set null" }),
    kind: text("kind", { enum: threadKinds }).notNull(),
    subject: text("subject").notNull(),
    /** For a support request: the kind of resource the employee asked for, if they named one. */
    resourceKind: text("resource_kind", { enum: resourceKinds }),
    status: text("status", { enum: ["open", "answered", "closed"] })
      .notNull()
      .default("open"),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_threads_plan_idx").on(t.planId)],
);

export const planThreadMessages = pgTable(
  "plan_thread_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => planThreads.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_thread_messages_thread_idx").on(t.threadId)],
);

/** The employee's own action plan: tasks under each goal. */
export const planActionItems = pgTable(
  "plan_action_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id").references(() => planGoals.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    dueDate: date("due_date"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_action_items_plan_idx").on(t.planId)],
);

export const planAchievements = pgTable(
  "plan_achievements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id").references(() => planGoals.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    occurredOn: date("occurred_on").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_achievements_plan_idx").on(t.planId)],
);

/**
 * The employee's response to a section, point by point; append-only so it stays attached for
 * good. `section` is "standard", "diagnosis", "schedule", "evidence:<id>" or "goal:<id>".
 */
export const planResponses = pgTable(
  "plan_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    section: text("section").notNull(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_responses_plan_idx").on(t.planId)],
);

export const planCheckins = pgTable(
  "plan_checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    scheduledOn: date("scheduled_on").notNull(),
    status: text("status", { enum: checkinStatuses }).notNull().default("scheduled"),
    heldOn: date("held_on"),
    /** 1–5: how confident the employee is of reaching the goals. */
    confidence: integer("confidence"),
    managerNotes: text("manager_notes").notNull().default(""),
    employeeNotes: text("employee_notes").notNull().default(""),
    nextSteps: text("next_steps").notNull().default(""),
    recordedById: uuid("recorded_by_id").references(() => people.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
    /** Reminder bookkeeping, so each reminder goes out once across instances. */
    dueReminderSentAt: timestamp("due_reminder_sent_at", { withTimezone: true }),
  },
  (t) => [
    index("plan_checkins_plan_idx").on(t.planId),
    uniqueIndex("plan_checkins_plan_date").on(t.planId, t.scheduledOn),
  ],
);

export const planCheckinGoals = pgTable(
  "plan_checkin_goals",
  {
    checkinId: uuid("checkin_id")
      .notNull()
      .references(() => planCheckins.id, { onDelete: "cascade" }),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => planGoals.id, { onDelete: "cascade" }),
    value: doublePrecision("value"),
    status: text("status", { enum: goalStatuses }).notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.checkinId, t.goalId] })],
);

export const planCheckinResources = pgTable(
  "plan_checkin_resources",
  {
    checkinId: uuid("checkin_id")
      .notNull()
      .references(() => planCheckins.id, { onDelete: "cascade" }),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => planResources.id, { onDelete: "cascade" }),
    delivered: boolean("delivered").notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkinId, t.resourceId] })],
);

/** A manager's private notes on a plan: seen by their author only, ever. */
export const planPrivateNotes = pgTable(
  "plan_private_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_private_notes_author_idx").on(t.planId, t.authorId)],
);

/**
 * When someone won't engage, the manager talks with them first: each such conversation is on the
 * plan's record, seen by everyone who sees the plan (the employee included).
 */
export const planEngagementTalks = pgTable(
  "plan_engagement_talks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    heldOn: date("held_on").notNull(),
    summary: text("summary").notNull(),
    /** The signals it answered (engagement rule codes). */
    signals: text("signals").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("plan_engagement_talks_plan_idx").on(t.planId)],
);
