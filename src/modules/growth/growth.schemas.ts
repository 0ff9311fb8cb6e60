import { z } from "@hono/zod-openapi";
import { isPlausibleDate } from "../org/org.rules.js";
import { GoalCheck } from "../review/review.schemas.js";
import { goalStatuses, TEMPLATE_LIMITS } from "./growth.rules.js";

// Request and response shapes of growth goals, onboarding plans and documented discussions.

export const isoDate = z.iso
  .date("Use a date like 2026-03-31.")
  .refine(isPlausibleDate, "Use a date between 1900-01-01 and 2100-12-31.");

const uuidParam = (name: string) =>
  z.uuid(`Use the ${name} of an existing item.`).openapi({ param: { name, in: "path" } });

export const IdParam = z.object({ id: uuidParam("id") });
export const StageParams = z.object({ id: uuidParam("id"), stageId: uuidParam("stageId") });

export const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} under ${max.toLocaleString("en")} characters.`);
const required = (max: number, what: string) => text(max, what).min(1, `Write the ${what}.`);

const num = z
  .number("Enter a number.")
  .min(-1e12, "Enter a number between -1,000,000,000,000 and 1,000,000,000,000.")
  .max(1e12, "Enter a number between -1,000,000,000,000 and 1,000,000,000,000.");
const version = z
  .number("Send the version you are editing.")
  .int("Send the version you are editing.")
  .min(1, "Send the version you are editing.")
  .max(2_000_000_000, "Send the version you are editing.");

const PersonRef = z.object({ id: z.string(), name: z.string() });

// ---------- growth goals ----------

const goalFields = {
  title: required(200, "goal's title"),
  specific: text(2000, "description"),
  measure: text(2000, "measure"),
  baseline: num.nullable(),
  target: num.nullable(),
  relevance: text(2000, "relevance"),
  dueOn: isoDate.nullable(),
};

export const GoalCreateBody = z.object({
  ...goalFields,
  specific: goalFields.specific.default(""),
  measure: goalFields.measure.default(""),
  baseline: goalFields.baseline.default(null),
  target: goalFields.target.default(null),
  relevance: goalFields.relevance.default(""),
  dueOn: goalFields.dueOn.default(null),
});

export const GoalPatchBody = z.object({
  version,
  title: goalFields.title.optional(),
  specific: goalFields.specific.optional(),
  measure: goalFields.measure.optional(),
  baseline: goalFields.baseline.optional(),
  target: goalFields.target.optional(),
  relevance: goalFields.relevance.optional(),
  dueOn: goalFields.dueOn.optional(),
  status: z
    .enum(goalStatuses, "Use active, achieved or dropped.")
    .optional()
    .openapi({ description: "active → achieved | dropped; an ended goal does not reopen" }),
});

export const GoalUpdateBody = z.object({
  body: text(5000, "update").default(""),
  progress: z
    .number("Give progress from 0 to 100.")
    .int("Give progress as a whole number from 0 to 100.")
    .min(0, "Give progress from 0 to 100.")
    .max(100, "Give progress from 0 to 100."),
  value: num.nullable().default(null),
  meetingId: z.uuid("Choose one of this person's 1:1 meetings, or none.").nullable().default(null),
});

export const GoalCheckBody = z.object({
  title: text(200, "goal's title"),
  specific: text(2000, "description").default(""),
});

export const GrowthGoal = z
  .object({
    id: z.string(),
    personId: z.string(),
    createdBy: PersonRef,
    title: z.string(),
    specific: z.string(),
    measure: z.string(),
    baseline: z.number().nullable(),
    target: z.number().nullable(),
    relevance: z.string(),
    dueOn: z.string().nullable(),
    status: z.enum(goalStatuses),
    progress: z.number(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    check: GoalCheck,
    abilities: z.object({ edit: z.boolean() }),
  })
  .openapi("GrowthGoal");

export const GrowthGoalUpdate = z
  .object({
    id: z.string(),
    author: PersonRef,
    body: z.string(),
    progress: z.number(),
    value: z.number().nullable(),
    meeting: z.object({ id: z.string(), scheduledAt: z.string().nullable() }).nullable(),
    createdAt: z.string(),
  })
  .openapi("GrowthGoalUpdate");

export const GrowthGoalDetail = GrowthGoal.extend({ updates: z.array(GrowthGoalUpdate) }).openapi(
  "GrowthGoalDetail",
);

export const GrowthGoalList = z
  .object({
    items: z.array(GrowthGoal),
    summary: z.object({
      active: z.number(),
      achieved: z.number(),
      averageProgress: z.number().nullable(),
    }),
    abilities: z.object({ create: z.boolean() }),
  })
  .openapi("GrowthGoalList");

// ---------- onboarding ----------

const L = TEMPLATE_LIMITS;
const StageTemplateSchema = z.object({
  day: z
    .number("Give the stage's day after the start.")
    .int("Use a whole day.")
    .min(1, `Use a day from 1 to ${L.maxDay}.`)
    .max(L.maxDay, `Use a day from 1 to ${L.maxDay}.`),
  title: required(L.titleLength, "stage's title"),
  success: z
    .array(required(L.successLength, "line of what success looks like"))
    .max(L.successLines, `Keep it to ${L.successLines} lines of what success looks like.`)
    .default([]),
});

export const TemplateBody = z.object({
  name: required(L.nameLength, "template's name"),
  stages: z
    .array(StageTemplateSchema)
    .min(1, "Add at least one stage.")
    .max(L.stages, `Keep it to ${L.stages} stages or fewer.`),
});

export const TemplatePatchBody = z.object({
  name: TemplateBody.shape.name.optional(),
  stages: TemplateBody.shape.stages.optional(),
});

export const OnboardingTemplate = z
  .object({
    id: z.string(),
    name: z.string(),
    stages: z.array(z.object({ day: z.number(), title: z.string(), success: z.array(z.string()) })),
    isDefault: z.boolean(),
    createdBy: PersonRef.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("OnboardingTemplate");

export const OnboardingTemplateList = z
  .object({ items: z.array(OnboardingTemplate), abilities: z.object({ manage: z.boolean() }) })
  .openapi("OnboardingTemplateList");

export const OnboardingPlanBody = z.object({
  templateId: z.uuid("Choose one of the onboarding templates.").optional(),
  startDate: isoDate.optional().openapi({ description: "Defaults to the person's hire date" }),
});

export const StagePatchBody = z.object({
  title: StageTemplateSchema.shape.title.optional(),
  success: z
    .array(required(L.successLength, "line of what success looks like"))
    .max(L.successLines, `Keep it to ${L.successLines} lines of what success looks like.`)
    .optional(),
});

export const ManagerCheckinBody = z.object({
  notes: text(10_000, "notes").default(""),
  rating: z
    .number("Rate how it is going from 1 to 5.")
    .int("Rate how it is going from 1 to 5.")
    .min(1, "Rate how it is going from 1 to 5.")
    .max(5, "Rate how it is going from 1 to 5."),
});

export const EmployeeCheckinBody = z.object({ notes: text(10_000, "notes") });

const OnboardingStage = z.object({
  id: z.string(),
  day: z.number(),
  dueOn: z.string(),
  title: z.string(),
  success: z.array(z.string()),
  status: z.enum(["upcoming", "checked_in"]),
  managerNotes: z.string(),
  employeeNotes: z.string(),
  rating: z.number().nullable(),
  checkedInAt: z.string().nullable(),
});

export const OnboardingPlan = z
  .object({
    id: z.string(),
    person: PersonRef,
    manager: PersonRef,
    startDate: z.string(),
    templateId: z.string().nullable(),
    status: z.enum(["active", "completed"]),
    createdAt: z.string(),
    updatedAt: z.string(),
    stages: z.array(OnboardingStage),
    abilities: z.object({
      editStages: z.boolean(),
      checkInAsManager: z.boolean(),
      checkInAsEmployee: z.boolean(),
    }),
  })
  .openapi("OnboardingPlan");

export const OnboardingPlanList = z
  .object({ items: z.array(OnboardingPlan), abilities: z.object({ create: z.boolean() }) })
  .openapi("OnboardingPlanList");

// ---------- documented discussions ----------

const discussionFields = {
  occurredOn: isoDate,
  whatHappened: required(10_000, "account of what happened"),
  impact: text(10_000, "impact"),
  expectation: text(10_000, "expectation"),
  followUpOn: isoDate.nullable(),
};

export const DiscussionBody = z.object({
  ...discussionFields,
  impact: discussionFields.impact.default(""),
  expectation: discussionFields.expectation.default(""),
  followUpOn: discussionFields.followUpOn.default(null),
});

export const DiscussionPatchBody = z.object({
  version,
  occurredOn: discussionFields.occurredOn.optional(),
  whatHappened: discussionFields.whatHappened.optional(),
  impact: discussionFields.impact.optional(),
  expectation: discussionFields.expectation.optional(),
  followUpOn: discussionFields.followUpOn.optional(),
});

export const VersionBody = z.object({ version });

export const ResponseBody = z.object({
  response: z.string().max(10_000, "Keep your response under 10,000 characters."),
});

const WordingFinding = z.object({
  code: z.string(),
  severity: z.string(),
  message: z.string(),
  suggestion: z.string(),
  words: z.array(z.string()),
});

export const Discussion = z
  .object({
    id: z.string(),
    employee: PersonRef,
    manager: PersonRef,
    occurredOn: z.string(),
    whatHappened: z.string(),
    impact: z.string(),
    expectation: z.string(),
    employeeResponse: z.string(),
    followUpOn: z.string().nullable(),
    status: z.enum(["draft", "shared", "acknowledged"]),
    sharedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    hints: z
      .object({ whatHappened: z.array(WordingFinding), impact: z.array(WordingFinding) })
      .nullable()
      .openapi({ description: "Impact-not-emotion hints for the writers; null for the employee" }),
    abilities: z.object({
      edit: z.boolean(),
      share: z.boolean(),
      respond: z.boolean(),
      acknowledge: z.boolean(),
    }),
  })
  .openapi("Discussion");

export const DiscussionList = z
  .object({ items: z.array(Discussion), abilities: z.object({ create: z.boolean() }) })
  .openapi("DiscussionList");

export const DiscussionWithMessage = z
  .object({ discussion: Discussion, message: z.string() })
  .openapi("DiscussionWithMessage");
