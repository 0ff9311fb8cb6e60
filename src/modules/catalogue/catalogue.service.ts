// L&D's resource catalogue: items, workshop dates and seats, search, CSV, usage.
// CONTRACT (used by the diagnostic guide and goal pickers): keep these signatures.
import type { DbOrTx } from "../../db/client.js";
import type { CatalogueFormat, CatalogueKind } from "./catalogue.types.js";

export type CatalogueSessionView = {
  id: string;
  startsAt: string;
  endsAt: string | null;
  location: string;
  seats: number;
  seatsTaken: number;
  cancelled: boolean;
};

export type CatalogueItemView = {
  id: string;
  kind: CatalogueKind;
  kindLabel: string;
  title: string;
  provider: string;
  link: string;
  description: string;
  durationHours: number | null;
  format: CatalogueFormat;
  formatLabel: string;
  skills: string[];
  causes: string[];
  active: boolean;
  version: number;
  /** Upcoming, not cancelled dates (workshops). */
  sessions: CatalogueSessionView[];
};

/** Search: free text over title, provider, description; any of the skills; any of the causes. */
export async function findCatalogueItems(
  _db: DbOrTx,
  _input: {
    q?: string;
    skills?: string[];
    causes?: string[];
    kind?: CatalogueKind;
    includeArchived?: boolean;
    limit?: number;
  },
): Promise<CatalogueItemView[]> {
  throw new Error("not implemented yet");
}
