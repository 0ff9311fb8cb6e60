import { z } from "@hono/zod-openapi";
import { MAX_CAPACITY, MAX_MESSAGE, MAX_SESSION_TOPIC, MAX_TOPIC } from "./mentoring.rules.js";
import { mentorshipStatuses } from "./mentoring.types.js";

// Request and response shapes of mentoring.

const PersonRef = z
  .object({ id: z.string(), name: z.string(), title: z.string(), department: z.string() })
  .openapi("MentoringPerson");

/** Skill tags: a list, or one comma-separated string. */
const Skills = z
  .union([
    z.array(z.string().max(200, "Keep each skill short: a few words.")).max(100),
    z.string().max(5000),
  ])
  .transform((v) => (typeof v === "string" ? [v] : v));

export const MentorProfileView = z
  .object({
    person: PersonRef,
    skills: z.array(z.string()),
    capacity: z.number().int(),
    freeCapacity: z.number().int(),
    placesTaken: z.number().int(),
    availability: z.string(),
    bio: z.string(),
    active: z.boolean(),
    profileActive: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("MentorProfile");

export const MentorDirectory = z
  .object({
    items: z.array(MentorProfileView),
    abilities: z.object({ manage: z.boolean() }),
  })
  .openapi("MentorDirectory");

export const MyMentorProfile = z
  .object({ profile: MentorProfileView.nullable() })
  .openapi("MyMentorProfile");

export const MentorProfileBody = z
  .object({
    skills: Skills,
    capacity: z
      .number({ error: "Say how many mentees you can take at once (0 to 20)." })
      .int("Use a whole number of places.")
      .min(0, "Places cannot be negative: use 0 for “not taking mentees now”.")
      .max(MAX_CAPACITY, `At most ${MAX_CAPACITY} mentees at once.`),
    availability: z
      .string()
      .trim()
      .max(200, "Keep availability short: e.g. “Tuesday afternoons, 1 hour every two weeks”.")
      .default(""),
    bio: z.string().trim().max(1000, "Keep the bio under 1000 characters.").default(""),
    active: z.boolean().default(true),
    version: z.number().int().optional(),
  })
  .openapi("MentorProfileInput");

export const MentorSuggestionView = z
  .object({
    mentor: PersonRef,
    skills: z.array(z.string()),
    matchingSkills: z.array(z.string()),
    freeCapacity: z.number().int(),
    availability: z.string(),
  })
  .openapi("MentorSuggestion");

export const MentorSuggestions = z
  .object({ items: z.array(MentorSuggestionView) })
  .openapi("MentorSuggestions");

export const SuggestionQuery = z.object({
  skill: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : typeof v === "string" ? [v] : v)),
});

export const MentorshipRequestBody = z
  .object({
    mentorId: z.uuid("Choose the mentor from the list."),
    menteeId: z.uuid("Choose who the mentoring is for."),
    topic: z
      .string()
      .trim()
      .max(MAX_TOPIC, `Keep the topic under ${MAX_TOPIC} characters.`)
      .default(""),
    skills: Skills.default([]),
    message: z
      .string()
      .trim()
      .max(MAX_MESSAGE, `Keep the message under ${MAX_MESSAGE} characters.`)
      .default(""),
  })
  .openapi("MentorshipRequest");

export const DeclineBody = z
  .object({
    reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
  })
  .openapi("MentorshipDecline");

export const SessionBody = z
  .object({
    heldOn: z.iso.date("Give the day it was held, like 2026-03-31."),
    topic: z
      .string()
      .trim()
      .min(1, "Say in a few words what you talked about.")
      .max(MAX_SESSION_TOPIC, `Keep the topic under ${MAX_SESSION_TOPIC} characters.`),
  })
  .openapi("MentoringSessionInput");

const MentorshipBase = z.object({
  id: z.string(),
  mentor: PersonRef,
  mentee: PersonRef,
  requestedBy: PersonRef,
  status: z.enum(mentorshipStatuses),
  topic: z.string(),
  skills: z.array(z.string()),
  message: z.string(),
  declineReason: z.string(),
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  sessionCount: z.number().int(),
  lastSessionOn: z.string().nullable(),
  abilities: z.object({ respond: z.boolean(), logSession: z.boolean(), end: z.boolean() }),
});

export const MentorshipSummaryView = MentorshipBase.openapi("MentorshipSummary");

export const MentorshipList = z
  .object({
    asMentor: z.array(MentorshipSummaryView),
    asMentee: z.array(MentorshipSummaryView),
    asked: z.array(MentorshipSummaryView),
  })
  .openapi("MentorshipList");

export const MentorshipDetail = MentorshipBase.extend({
  /** Null for anyone but the mentor and the mentee. */
  sessions: z
    .array(
      z.object({
        id: z.string(),
        heldOn: z.string(),
        topic: z.string(),
        author: PersonRef,
        createdAt: z.string(),
      }),
    )
    .nullable(),
}).openapi("Mentorship");

export const MentoringSummary = z
  .object({
    personId: z.string(),
    activeAsMentee: z.number().int(),
    activeAsMentor: z.number().int(),
    pendingRequests: z.number().int(),
    sessionsLast90Days: z.number().int(),
    isMentor: z.boolean(),
  })
  .openapi("MentoringSummary");
