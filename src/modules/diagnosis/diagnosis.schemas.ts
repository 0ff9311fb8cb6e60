import { z } from "@hono/zod-openapi";
import { catalogueFormats, catalogueKinds } from "../catalogue/catalogue.types.js";
import { causeKinds, planStatuses, resourceKinds } from "../plans/plans.types.js";
import { MAX_SKILLS } from "./diagnosis.rules.js";

// Request and response shapes of the diagnostic guide and the diagnoses recorded with it.

export const TEXT_MAX = 5000;

const uuidParam = (name: string, what: string) =>
  z.uuid(`Use the id of ${what}.`).openapi({ param: { name, in: "path" } });

export const IdParam = z.object({ id: uuidParam("id", "a diagnosis") });
export const PersonParam = z.object({ id: uuidParam("id", "a person") });

const version = (what: string) =>
  z
    .number(`Send the version of the ${what} you are editing.`)
    .int(`Send the version of the ${what} you are editing.`)
    .min(1, `Send the version of the ${what} you are editing.`)
    .max(2_000_000_000, `Send the version of the ${what} you are editing.`);

const Cause = z.enum(causeKinds, {
  error: "Choose causes from the guide: unclear expectations, skill, overload and the others.",
});

const Text = z
  .string("Write the note as text.")
  .max(TEXT_MAX, `Keep each note under ${TEXT_MAX.toLocaleString("en")} characters.`);

/** { [questionId]: text } */
const Texts = z.record(z.string().max(100, "Use the guide's question ids."), Text);

// ---------- requests ----------

export const NewDiagnosisBody = z
  .object({
    planId: z
      .uuid("Choose one of this person's draft plans, or none.")
      .nullish()
      .openapi({ description: "A draft (or changes-requested) plan about this person you edit" }),
  })
  .openapi("NewDiagnosis");

export const DiagnosisSaveBody = z
  .object({
    version: version("conversation"),
    causes: z.array(Cause).max(causeKinds.length).optional(),
    notes: z
      .record(z.string().max(100), Texts)
      .optional()
      .openapi({ description: "{ [cause | 'closing']: { [questionId]: text } }: what you heard" }),
    skills: z
      .array(
        z
          .string("Write each skill as a short tag.")
          .max(60, "Keep each skill under 60 characters."),
      )
      .max(MAX_SKILLS, `Name at most ${MAX_SKILLS} skills to build.`)
      .optional(),
    employeeConsent: z.boolean("Say whether the employee agreed: true or false.").optional(),
    employeeAnswers: Texts.optional().openapi({
      description: "{ [questionId]: text }: refused unless employeeConsent is true",
    }),
  })
  .openapi("DiagnosisSave");

export const ApplyToPlanBody = z
  .object({ planVersion: version("plan") })
  .openapi("DiagnosisApplyToPlan");

// ---------- the guide ----------

const Question = z.object({ id: z.string(), text: z.string(), listenFor: z.string() });

export const GuideSchema = z
  .object({
    opening: z.object({
      title: z.string(),
      paragraphs: z.array(z.string()),
      steps: z.array(z.string()),
      stances: z.array(
        z.object({
          key: z.enum(["regulator", "reformer", "nice"]),
          title: z.string(),
          text: z.string(),
        }),
      ),
    }),
    consent: z.object({ title: z.string(), text: z.string(), declineNote: z.string() }),
    causes: z.array(
      z.object({
        cause: z.enum(causeKinds),
        label: z.string(),
        summary: z.string(),
        questions: z.array(Question),
        signs: z.array(z.string()),
        resources: z.array(z.object({ kind: z.enum(resourceKinds), text: z.string() })),
        catalogue: z.object({ skills: z.array(z.string()), keywords: z.array(z.string()) }),
        demandChanges: z.array(z.string()),
        caution: z.string().nullable(),
      }),
    ),
    closing: z.object({ title: z.string(), questions: z.array(Question) }),
    afterwards: z.array(z.string()),
  })
  .openapi("DiagnosticGuide");

// ---------- diagnoses ----------

const PersonRef = z.object({ id: z.string(), name: z.string() });

const Summary = z.object({
  id: z.string(),
  status: z.enum(["in_progress", "completed"]),
  employee: PersonRef,
  manager: PersonRef,
  planId: z.string().nullable(),
  causes: z.array(z.enum(causeKinds)),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});

export const DiagnosisList = z
  .object({
    items: z.array(Summary),
    abilities: z.object({ create: z.boolean() }),
    draftPlans: z.array(
      z.object({
        id: z.string(),
        status: z.enum(planStatuses),
        statusLabel: z.string(),
        standard: z.string(),
        updatedAt: z.string(),
      }),
    ),
  })
  .openapi("DiagnosisList");

export const DiagnosisDetail = Summary.extend({
  viewer: z.enum(["runner", "hr", "employee"]),
  plan: z
    .object({
      id: z.string(),
      status: z.enum(planStatuses),
      statusLabel: z.string(),
      version: z.number().int(),
      causes: z.array(z.enum(causeKinds)),
      goals: z.array(z.object({ id: z.string(), description: z.string() })),
    })
    .nullable(),
  notes: z.record(z.string(), z.record(z.string(), z.string())),
  skills: z.array(z.string()),
  employeeConsent: z.boolean(),
  consentAt: z.string().nullable(),
  employeeAnswers: z.record(z.string(), z.string()),
  version: z.number().int(),
  abilities: z.object({
    edit: z.boolean(),
    complete: z.boolean(),
    withdrawConsent: z.boolean(),
    applyToPlan: z.boolean(),
    addToGoal: z.boolean(),
  }),
}).openapi("DiagnosisDetail");

const CatalogueItem = z.object({
  id: z.string(),
  kind: z.enum(catalogueKinds),
  kindLabel: z.string(),
  title: z.string(),
  provider: z.string(),
  link: z.string(),
  description: z.string(),
  durationHours: z.number().nullable(),
  format: z.enum(catalogueFormats),
  formatLabel: z.string(),
  skills: z.array(z.string()),
  causes: z.array(z.string()),
  active: z.boolean(),
  version: z.number().int(),
  sessions: z.array(
    z.object({
      id: z.string(),
      startsAt: z.string(),
      endsAt: z.string().nullable(),
      location: z.string(),
      seats: z.number().int(),
      seatsTaken: z.number().int(),
      cancelled: z.boolean(),
    }),
  ),
});

const Mentor = z.object({
  mentor: z.object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    department: z.string(),
  }),
  skills: z.array(z.string()),
  matchingSkills: z.array(z.string()),
  freeCapacity: z.number().int(),
  availability: z.string(),
});

export const DiagnosisSuggestions = z
  .object({
    resources: z.array(CatalogueItem),
    mentors: z.array(Mentor),
    demandChanges: z.array(z.string()),
  })
  .openapi("DiagnosisSuggestions");
