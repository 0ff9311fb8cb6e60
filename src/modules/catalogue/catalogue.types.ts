// The vocabulary of L&D's resource catalogue (see docs/domain: "Goals — resourced, not deficit lists").
import type { ResourceKind } from "../plans/plans.types.js";

export const catalogueKinds = ["course", "workshop", "tool", "guide"] as const;
export type CatalogueKind = (typeof catalogueKinds)[number];

export const catalogueFormats = ["online", "in_person", "self_paced", "blended"] as const;
export type CatalogueFormat = (typeof catalogueFormats)[number];

/** What a catalogue pick becomes on a goal. */
export const resourceKindOf: Record<CatalogueKind, ResourceKind> = {
  course: "training",
  workshop: "training",
  tool: "tool",
  guide: "training",
};

export const catalogueLabels = {
  kind: {
    course: "Course",
    workshop: "Workshop",
    tool: "Tool",
    guide: "Internal guide",
  } satisfies Record<CatalogueKind, string>,
  format: {
    online: "Online",
    in_person: "In person",
    self_paced: "Self-paced",
    blended: "Blended",
  } satisfies Record<CatalogueFormat, string>,
} as const;
