// Response types of L&D's catalogue, from the server's own code (type-only imports: nothing of
// the server is bundled). Wire turns what a service returns into what arrives over the wire.
import type { JSONParsed } from "hono/utils/types";
import type {
  CatalogueItemView,
  getCatalogueItem,
  getCatalogueUsage,
  previewCatalogueImport,
  searchCatalogue,
} from "../../../modules/catalogue/catalogue.service";
import type { CatalogueFormat, CatalogueKind } from "../../../modules/catalogue/catalogue.types";

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type { CatalogueFormat, CatalogueKind };
export type CatalogueItem = CatalogueItemView;
export type CatalogueSession = CatalogueItem["sessions"][number];
export type CatalogueList = Wire<typeof searchCatalogue>;
export type CatalogueAbilities = CatalogueList["abilities"];
export type CatalogueDetail = Wire<typeof getCatalogueItem>;
export type CatalogueUsage = NonNullable<CatalogueDetail["usage"]>;
export type CatalogueUsageList = Wire<typeof getCatalogueUsage>;
export type CatalogueUsageRow = CatalogueUsageList["items"][number];
export type CatalogueImportPreview = Wire<typeof previewCatalogueImport>;
export type CatalogueImportSummary = CatalogueImportPreview["summary"];
export type CatalogueImportProblem = CatalogueImportPreview["problems"][number];

/** What the add and edit forms send. */
export type CatalogueItemInput = {
  kind: CatalogueKind;
  title: string;
  provider: string;
  link: string;
  description: string;
  durationHours: number | null;
  format: CatalogueFormat;
  skills: string[];
  causes: string[];
};
