import {
  type AnyPgColumn,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

export const cadences = ["weekly", "biweekly", "monthly"] as const;
export const meetingStatuses = ["scheduled", "held", "cancelled", "rescheduled"] as const;
export const commitmentStatuses = ["open", "done", "dropped"] as const;

/** One 1:1 series per manager–report pair: when they meet, and whether it is running. */
export const oneOnOneSeries = pgTable(
  "one_on_one_series",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id),
    reportId: uuid("report_id")
      .notNull()
      .references(() => people.id),
    cadence: text("cadence", { enum: cadences }).notNull(),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: integer("weekday").notNull(),
    /** Local time of day, "HH:MM", in `timeZone`. */
    startTime: text("start_time").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(30),
    /** IANA time zone the series is kept in, e.g. "Europe/Berlin". */
    timeZone: text("time_zone").notNull().default("UTC"),
    /** The first day the series may fall on. */
    startsOn: date("starts_on").notNull(),
    /** "ended" when the report moved to another manager: kept to read, closed to anything new. */
    status: text("status", { enum: ["active", "paused", "ended"] })
      .notNull()
      .default("active"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("one_on_one_series_pair").on(t.managerId, t.reportId),
    index("one_on_one_series_report_idx").on(t.reportId),
  ],
);

/**
 * Each meeting of a series. Cancelled and rescheduled meetings stay: how often a manager
 * cancels is evidence, and the plan review counts it.
 */
export const oneOnOneMeetings = pgTable(
  "one_on_one_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seriesId: uuid("series_id")
      .notNull()
      .references(() => oneOnOneSeries.id, { onDelete: "cascade" }),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(30),
    status: text("status", { enum: meetingStatuses }).notNull().default("scheduled"),
    heldAt: timestamp("held_at", { withTimezone: true }),
    cancelledById: uuid("cancelled_by_id").references(() => people.id),
    cancelReason: text("cancel_reason").notNull().default(""),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** A rescheduled meeting points at the meeting that replaced it. */
    rescheduledToId: uuid("rescheduled_to_id").references((): AnyPgColumn => oneOnOneMeetings.id),
    /** Reminder bookkeeping, so each reminder goes out once across instances. */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("one_on_one_meetings_series_idx").on(t.seriesId, t.scheduledAt),
    index("one_on_one_meetings_time_idx").on(t.scheduledAt),
  ],
);

/**
 * Talking points on the shared agenda. A point not yet discussed carries over to the next
 * meeting until it is.
 */
export const oneOnOneTalkingPoints = pgTable(
  "one_on_one_talking_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seriesId: uuid("series_id")
      .notNull()
      .references(() => oneOnOneSeries.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull(),
    /** A question pulled from the deck, by its id in the deck. */
    deckQuestionId: text("deck_question_id"),
    /** The meeting it was first put on. */
    addedForMeetingId: uuid("added_for_meeting_id").references(() => oneOnOneMeetings.id),
    discussedInMeetingId: uuid("discussed_in_meeting_id").references(() => oneOnOneMeetings.id),
    discussedAt: timestamp("discussed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("one_on_one_talking_points_series_idx").on(t.seriesId)],
);

/** Meeting notes: shared ones both sides read; private ones only their author, ever. */
export const oneOnOneNotes = pgTable(
  "one_on_one_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => oneOnOneMeetings.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id),
    visibility: text("visibility", { enum: ["shared", "private"] }).notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("one_on_one_notes_meeting_idx").on(t.meetingId, t.authorId)],
);

/** Commitments (action items) made in a 1:1, carried forward until done or dropped. */
export const commitments = pgTable(
  "commitments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seriesId: uuid("series_id")
      .notNull()
      .references(() => oneOnOneSeries.id, { onDelete: "cascade" }),
    meetingId: uuid("meeting_id").references(() => oneOnOneMeetings.id),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => people.id),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => people.id),
    body: text("body").notNull(),
    dueOn: date("due_on").notNull(),
    status: text("status", { enum: commitmentStatuses }).notNull().default("open"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    reminderSentOn: date("reminder_sent_on"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("commitments_series_idx").on(t.seriesId),
    index("commitments_owner_idx").on(t.ownerId, t.status),
  ],
);
