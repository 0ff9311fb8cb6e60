import { z } from "@hono/zod-openapi";
import {
  MAX_CANCEL_REASON,
  MAX_COMMITMENT,
  MAX_NOTE,
  MAX_TALKING_POINT,
} from "./oneonones.meetings.service.js";
import { canonicalTimeZone, coachingStages, deckThemes } from "./oneonones.rules.js";
import { cadences, commitmentStatuses, meetingStatuses } from "./oneonones.table.js";

// Request and response shapes of the 1:1 API.

const isoDate = z.iso
  .date("Use a date like 2026-03-31.")
  .refine((d) => d >= "2000-01-01" && d <= "2999-12-31", "Use a date between 2000 and 2999.");
const text = (max: number, what: string) =>
  z.string().max(max, `Keep ${what} under ${max.toLocaleString("en")} characters.`);
const uuid = (message: string) => z.uuid(message);

export const TimeZone = z
  .string()
  .max(64, "Use an IANA time zone such as Europe/Berlin.")
  .transform((tz, ctx) => {
    const canonical = canonicalTimeZone(tz);
    if (!canonical) {
      ctx.addIssue({
        code: "custom",
        message: "Use an IANA time zone such as Europe/Berlin or America/New_York.",
      });
      return z.NEVER;
    }
    return canonical;
  })
  .openapi({ type: "string", example: "Europe/Berlin" });

const scheduleFields = {
  cadence: z.enum(cadences, "Choose weekly, biweekly or monthly."),
  weekday: z
    .number({ error: "Choose a weekday from 1 (Monday) to 7 (Sunday)." })
    .int("Choose a weekday from 1 (Monday) to 7 (Sunday).")
    .min(1, "Choose a weekday from 1 (Monday) to 7 (Sunday).")
    .max(7, "Choose a weekday from 1 (Monday) to 7 (Sunday)."),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time like 09:30."),
  durationMinutes: z
    .number({ error: "Give the length in minutes." })
    .int("Give the length in whole minutes.")
    .min(15, "Meet for at least 15 minutes.")
    .max(120, "Meet for at most 120 minutes."),
  timeZone: TimeZone,
  startsOn: isoDate,
};

export const CreateSeriesBody = z.object({
  reportId: uuid("Choose the person by their id."),
  ...scheduleFields,
  durationMinutes: scheduleFields.durationMinutes.default(30),
});

export const UpdateSeriesBody = z.object({
  version: z.number().int().min(1).max(2_147_483_647),
  cadence: scheduleFields.cadence.optional(),
  weekday: scheduleFields.weekday.optional(),
  startTime: scheduleFields.startTime.optional(),
  durationMinutes: scheduleFields.durationMinutes.optional(),
  timeZone: TimeZone.optional(),
  startsOn: isoDate.optional(),
  status: z.enum(["active", "paused"], "Choose active or paused.").optional(),
});

export const CancelBody = z.object({
  reason: text(MAX_CANCEL_REASON, "the reason").refine(
    (r) => r.trim().length > 0,
    "Say why the meeting is cancelled: both of you will see it.",
  ),
});

export const RescheduleBody = z.object({
  scheduledAt: z.iso
    .datetime({ offset: true, error: "Use a date and time like 2026-03-10T14:00:00+01:00." })
    .refine(
      (d) => d.slice(0, 4) >= "2000" && d.slice(0, 4) <= "2999",
      "Use a date between 2000 and 2999.",
    ),
  durationMinutes: scheduleFields.durationMinutes.optional(),
});

export const TalkingPointBody = z.object({
  body: text(MAX_TALKING_POINT, "a talking point").optional(),
  deckQuestionId: z.string().max(100, "There is no such question in the deck.").optional(),
});

export const NoteBody = z.object({
  visibility: z.enum(["shared", "private"], "Choose shared or private."),
  body: text(MAX_NOTE, "a note"),
});

export const NoteEditBody = z.object({ body: text(MAX_NOTE, "a note") });

export const CommitmentBody = z.object({
  ownerId: uuid("Choose the owner by their id."),
  body: text(MAX_COMMITMENT, "a commitment"),
  dueOn: isoDate,
  meetingId: uuid("Use the id of a meeting of this 1:1.").nullable().optional(),
});

export const CommitmentStatusBody = z.object({
  status: z.enum(["done", "dropped"], "Mark it done or dropped."),
});

// ---------- responses ----------

const PersonRef = z.object({ id: z.string(), name: z.string(), title: z.string() });
const MeetingRef = z.object({ id: z.string(), scheduledAt: z.string() });

export const Meeting = z
  .object({
    id: z.string(),
    seriesId: z.string(),
    scheduledAt: z.string(),
    endsAt: z.string(),
    durationMinutes: z.number(),
    timeZone: z.string(),
    localDate: z.string(),
    localTime: z.string(),
    status: z.enum(meetingStatuses),
    heldAt: z.string().nullable(),
    cancelledBy: PersonRef.nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string(),
    rescheduledTo: MeetingRef.nullable(),
    rescheduledFrom: MeetingRef.nullable(),
  })
  .openapi("OneOnOneMeeting");

export const TalkingPoint = z
  .object({
    id: z.string(),
    seriesId: z.string(),
    body: z.string(),
    author: PersonRef,
    deckQuestionId: z.string().nullable(),
    addedForMeetingId: z.string().nullable(),
    carriedOver: z.boolean(),
    discussed: z.boolean(),
    discussedInMeetingId: z.string().nullable(),
    discussedAt: z.string().nullable(),
    createdAt: z.string(),
    canRemove: z.boolean(),
  })
  .openapi("TalkingPoint");

export const Note = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    author: PersonRef,
    visibility: z.enum(["shared", "private"]),
    body: z.string(),
    mine: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("OneOnOneNote");

export const Commitment = z
  .object({
    id: z.string(),
    seriesId: z.string(),
    meetingId: z.string().nullable(),
    owner: PersonRef,
    createdBy: PersonRef,
    body: z.string(),
    dueOn: z.string(),
    status: z.enum(commitmentStatuses),
    overdue: z.boolean(),
    closedAt: z.string().nullable(),
    closedBy: PersonRef.nullable(),
    createdAt: z.string(),
  })
  .openapi("Commitment");

export const FollowThrough = z
  .object({
    rate: z.number().nullable(),
    doneOnTime: z.number(),
    doneLate: z.number(),
    dropped: z.number(),
    overdueOpen: z.number(),
    counted: z.number(),
  })
  .openapi("FollowThrough");

const Schedule = {
  id: z.string(),
  managerId: z.string(),
  reportId: z.string(),
  cadence: z.enum(cadences),
  weekday: z.number(),
  startTime: z.string(),
  durationMinutes: z.number(),
  timeZone: z.string(),
  startsOn: z.string(),
  status: z.enum(["active", "paused", "ended"]),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const SeriesSummary = z
  .object({
    ...Schedule,
    role: z.enum(["manager", "report"]),
    manager: PersonRef,
    report: PersonRef,
    other: PersonRef,
    next: Meeting.nullable(),
    lastHeld: Meeting.nullable(),
    openCommitments: z.number(),
  })
  .openapi("OneOnOneSeriesSummary");

export const SeriesList = z.object({
  asManager: z.array(SeriesSummary),
  asReport: z.array(SeriesSummary),
});

export const SeriesDetail = z
  .object({
    series: z.object(Schedule),
    role: z.enum(["manager", "report"]),
    manager: PersonRef,
    report: PersonRef,
    upcoming: z.array(Meeting),
    past: z.array(Meeting),
    agenda: z.array(TalkingPoint),
    commitments: z.array(Commitment),
    followThrough: z.object({ manager: FollowThrough, report: FollowThrough }),
    record: z.object({
      lastHeld: z.string().nullable(),
      next: z.string().nullable(),
      heldLast90: z.number(),
      cancelledLast90: z.number(),
      cancelledByManagerLast90: z.number(),
      cancelledByReportLast90: z.number(),
    }),
    abilities: z.object({ manage: z.boolean(), participate: z.boolean() }),
  })
  .openapi("OneOnOneSeries");

export const MeetingDetail = z
  .object({
    meeting: Meeting,
    series: z.object({
      id: z.string(),
      cadence: z.enum(cadences),
      status: z.enum(["active", "paused", "ended"]),
      timeZone: z.string(),
      role: z.enum(["manager", "report"]),
      manager: PersonRef,
      report: PersonRef,
    }),
    agenda: z.array(TalkingPoint),
    notes: z.array(Note),
    commitments: z.array(Commitment),
    abilities: z.object({
      hold: z.boolean(),
      cancel: z.boolean(),
      reschedule: z.boolean(),
      addToAgenda: z.boolean(),
      markDiscussed: z.boolean(),
      addNote: z.boolean(),
      addCommitment: z.boolean(),
    }),
  })
  .openapi("OneOnOneMeetingDetail");

export const Question = z
  .object({
    id: z.string(),
    text: z.string(),
    stage: z.enum(coachingStages),
    theme: z.enum(deckThemes),
    stageLabel: z.string(),
    themeLabel: z.string(),
  })
  .openapi("DeckQuestion");

export const Suggestions = z
  .object({
    meetingId: z.string(),
    stage: z.enum(coachingStages),
    stageLabel: z.string(),
    heldBefore: z.number(),
    questions: z.array(Question),
  })
  .openapi("DeckSuggestions");

export const Removed = z.object({ removed: z.string() });
