import { z } from "@hono/zod-openapi";
import { protectedActivityKinds } from "../review/review.types.js";
import { concernTopics } from "./concerns.types.js";

// Request and response shapes of the confidential channel.

export const SUBJECT_MAX = 200;
export const MESSAGE_MAX = 10_000;

const Subject = z
  .string()
  .trim()
  .min(1, "Give your concern a short subject: a few words HR will see in their inbox.")
  .max(SUBJECT_MAX, `Keep the subject under ${SUBJECT_MAX} characters.`);

const Message = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Write ${what}.`)
    .max(MESSAGE_MAX, `Keep it under ${MESSAGE_MAX} characters.`);

export const NewConcernBody = z
  .object({
    topic: z.enum(concernTopics, {
      error:
        "Choose what it is about: your manager, a plan, a colleague, your wellbeing or something else.",
    }),
    subject: Subject,
    message: Message("what you want HR to know"),
    aboutPersonId: z.uuid("Choose the person from the directory.").optional(),
    planId: z.uuid("Choose one of your success plans.").optional(),
  })
  .openapi("NewConcern");

export const ReplyBody = z.object({ body: Message("your message") }).openapi("ConcernReply");

const isoDate = z.iso
  .date("Use a date like 2026-03-31.")
  .refine((d) => d >= "1900-01-01" && d <= "2999-12-31", "Use a date between 1900 and 2999.");

export const ProtectedActivityBody = z
  .object({
    kind: z.enum(protectedActivityKinds, { error: "Choose what kind of activity it was." }),
    occurredOn: isoDate,
    note: z.string().trim().max(5000, "Keep it under 5000 characters.").default(""),
  })
  .openapi("ConcernProtectedActivityInput");

const PersonRef = z.object({ id: z.string(), name: z.string() });
const Reader = z.object({ id: z.string(), name: z.string(), title: z.string() });

export const ReadersPreview = z
  .object({ readers: z.array(Reader), message: z.string().nullable() })
  .openapi("ConcernReaders");

const Summary = z.object({
  id: z.string(),
  topic: z.enum(concernTopics),
  topicLabel: z.string(),
  subject: z.string(),
  status: z.enum(["open", "closed"]),
  employee: PersonRef,
  about: PersonRef.nullable(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  closedAt: z.string().nullable(),
  messages: z.number().int(),
  unread: z.number().int(),
});

export const ConcernSummary = Summary.openapi("ConcernSummary");
export const ConcernList = z.object({ items: z.array(ConcernSummary) }).openapi("ConcernList");
export const ConcernInbox = z
  .object({ items: z.array(ConcernSummary), open: z.number().int(), unread: z.number().int() })
  .openapi("ConcernInbox");

export const ProtectedActivityView = z
  .object({
    id: z.string(),
    kind: z.enum(protectedActivityKinds),
    kindLabel: z.string(),
    occurredOn: z.string(),
    note: z.string(),
    recordedAt: z.string(),
  })
  .openapi("ConcernProtectedActivity");

export const ConcernDetail = Summary.extend({
  viewer: z.enum(["employee", "hr"]),
  planId: z.string().nullable(),
  closedBy: PersonRef.nullable(),
  readers: z.array(Reader),
  messages: z.array(
    z.object({
      id: z.string(),
      author: PersonRef,
      fromHr: z.boolean(),
      mine: z.boolean(),
      isNew: z.boolean(),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
  protectedActivities: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(protectedActivityKinds),
      occurredOn: z.string(),
      note: z.string(),
      recordedAt: z.string(),
    }),
  ),
  abilities: z.object({
    reply: z.boolean(),
    close: z.boolean(),
    reopen: z.boolean(),
    recordProtectedActivity: z.boolean(),
  }),
}).openapi("ConcernDetail");
