import { z } from "@hono/zod-openapi";
import { catalogueFormats, catalogueKinds } from "./catalogue.types.js";

// Request and response shapes of L&D's resource catalogue. Content rules (a link is a web
// address, skills and causes, limits) live in catalogue.rules.ts so the API, the CSV import and
// the tests share one wording; these schemas only check the shape.

export const CatalogueIdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});

const TagList = z.union([z.string(), z.array(z.string())]).optional();

export const CatalogueQuery = z.object({
  q: z.string().max(200, "Keep the search under 200 characters.").optional(),
  skill: TagList.openapi({
    description: "A skill tag; repeat the parameter or separate with commas for any of several.",
  }),
  cause: TagList.openapi({
    description: "A root-cause key; repeat the parameter or separate with commas.",
  }),
  kind: z
    .enum(catalogueKinds, { error: `Choose a kind: ${catalogueKinds.join(", ")}.` })
    .optional(),
  archived: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: include archived items (L&D and admins only)." }),
});

/** `?skill=a&skill=b` and `?skill=a,b` both mean "a or b". */
export function tagsOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

const Fields = {
  kind: z.enum(catalogueKinds, { error: `Choose the kind: ${catalogueKinds.join(", ")}.` }),
  title: z.string().max(10_000),
  provider: z.string().max(10_000).default(""),
  link: z.string().max(10_000).default(""),
  description: z.string().max(100_000).default(""),
  durationHours: z.number({ error: "The duration is a number of hours." }).nullable().default(null),
  format: z
    .enum(catalogueFormats, { error: `Choose the format: ${catalogueFormats.join(", ")}.` })
    .default("online"),
  skills: z.array(z.string().max(1000)).max(200).default([]),
  causes: z.array(z.string().max(100)).max(50).default([]),
};

export const CatalogueItemBody = z.object(Fields).openapi("CatalogueItemInput");

export const CatalogueItemUpdateBody = z
  .object({ version: z.number().int(), ...Fields })
  .openapi("CatalogueItemUpdate");

export const CatalogueSessionBody = z
  .object({
    startsAt: z.iso.datetime({
      offset: true,
      error: "Give the start as a date and time, like 2026-05-04T09:00:00Z.",
    }),
    endsAt: z.iso
      .datetime({ offset: true, error: "Give the end as a date and time, or leave it empty." })
      .nullable()
      .default(null),
    location: z.string().max(1000).default(""),
    seats: z.number({ error: "Give the number of seats." }).int("Seats are a whole number."),
  })
  .openapi("CatalogueSessionInput");

export const CatalogueSessionView = z
  .object({
    id: z.string(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    location: z.string(),
    seats: z.number(),
    seatsTaken: z.number(),
    cancelled: z.boolean(),
  })
  .openapi("CatalogueSession");

export const CatalogueItemView = z
  .object({
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
    version: z.number(),
    sessions: z.array(CatalogueSessionView),
  })
  .openapi("CatalogueItem");

const Abilities = z.object({
  "catalogue.manage": z.boolean(),
  "catalogue.view_stats": z.boolean(),
});

export const CatalogueUsage = z
  .object({
    itemId: z.string(),
    uses: z.number(),
    delivered: z.number(),
    notDelivered: z.number(),
    inUse: z.number(),
    offered: z.number(),
    plansUsing: z.number(),
    plansClosed: z.number(),
    plansGoalsMet: z.number(),
    growthGoalsUsing: z.number(),
  })
  .openapi("CatalogueUsage");

export const CatalogueList = z
  .object({ items: z.array(CatalogueItemView), abilities: Abilities })
  .openapi("CatalogueList");

export const CatalogueItemDetail = z
  .object({ item: CatalogueItemView, usage: CatalogueUsage.nullable(), abilities: Abilities })
  .openapi("CatalogueItemDetail");

export const CatalogueUsageList = z
  .object({
    items: z.array(
      CatalogueUsage.extend({
        title: z.string(),
        kind: z.enum(catalogueKinds),
        kindLabel: z.string(),
        provider: z.string(),
        active: z.boolean(),
      }),
    ),
  })
  .openapi("CatalogueUsageList");

export const CatalogueCsvBody = z
  .object({ csv: z.string().min(1, "Choose a CSV file with at least a header row.") })
  .openapi("CatalogueCsv");

const Problem = z.object({ line: z.number(), field: z.string(), message: z.string() });
const Summary = z.object({
  create: z.number(),
  update: z.number(),
  unchanged: z.number(),
  problems: z.number(),
});

export const CatalogueImportPreview = z
  .object({
    summary: Summary,
    problems: z.array(Problem),
    rows: z.array(
      z.object({
        line: z.number(),
        action: z.enum(["create", "update", "unchanged"]),
        id: z.string().nullable(),
        kind: z.enum(catalogueKinds),
        title: z.string(),
        provider: z.string(),
        changedFields: z.array(z.string()),
      }),
    ),
  })
  .openapi("CatalogueImportPreview");

export const CatalogueImportResult = Summary.openapi("CatalogueImportResult");
