import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { growthGoalResources } from "../growth/growth.table.js";
import { people } from "../org/org.table.js";
import { planResources } from "../plans/plans.table.js";
import { mentorshipStatuses } from "./mentoring.types.js";

/** A person who volunteers to mentor: their skills, how many mentees at once, when they are free. */
export const mentorProfiles = pgTable(
  "mentor_profiles",
  {
    personId: uuid("person_id")
      .primaryKey()
      .references(() => people.id),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    /** Mentees at once; free capacity = capacity − active and requested mentorships. */
    capacity: integer("capacity").notNull().default(1),
    availability: text("availability").notNull().default(""),
    bio: text("bio").notNull().default(""),
    /** Off: not suggested and not asked; running mentorships carry on. */
    active: boolean("active").notNull().default(true),
    addedById: uuid("added_by_id").references(() => people.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("mentor_profiles_skills_idx").using("gin", t.skills)],
);

/**
 * A mentor and a mentee. Asked by the mentee's manager (often from a goal's resource) or by the
 * mentee; the mentor accepts or declines. The mentor never learns of a plan through it.
 */
export const mentorships = pgTable(
  "mentorships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => people.id),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => people.id),
    requestedById: uuid("requested_by_id")
      .notNull()
      .references(() => people.id),
    status: text("status", { enum: mentorshipStatuses }).notNull().default("requested"),
    /** What to work on, in the asker's words ("SQL for reporting"). */
    topic: text("topic").notNull().default(""),
    skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
    message: text("message").notNull().default(""),
    /** The goal resource it serves, when asked from a goal. */
    planResourceId: uuid("plan_resource_id").references(() => planResources.id, {
      onDelete: "set null",
    }),
    growthResourceId: uuid("growth_resource_id").references(() => growthGoalResources.id, {
      onDelete: "set null",
    }),
    declineReason: text("decline_reason").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("mentorships_mentor_idx").on(t.mentorId, t.status),
    index("mentorships_mentee_idx").on(t.menteeId, t.status),
  ],
);

/** A mentoring session, logged briefly. Mentor and mentee read it; the manager sees counts. */
export const mentoringSessions = pgTable(
  "mentoring_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mentorshipId: uuid("mentorship_id")
      .notNull()
      .references(() => mentorships.id, { onDelete: "cascade" }),
    heldOn: date("held_on").notNull(),
    /** Encrypted (mentoring_sessions.topic). */
    topic: text("topic").notNull().default(""),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("mentoring_sessions_mentorship_idx").on(t.mentorshipId, t.heldOn)],
);
