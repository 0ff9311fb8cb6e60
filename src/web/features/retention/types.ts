// Response types of the retention API, from the server's own code (type-only imports: nothing of
// the server is bundled). Wire turns what a service returns into what arrives over the wire.
import type { JSONParsed } from "hono/utils/types";
import type {
  getPersonLegalHolds,
  getRetentionSettings,
  listLegalHolds,
  placeLegalHold,
  previewRetention,
} from "../../../modules/retention/retention.service";

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type RetentionSettings = Wire<typeof getRetentionSettings>;
export type RetentionTypeSetting = RetentionSettings["types"][number];
export type RecordType = RetentionTypeSetting["type"];
export type RetentionReport = Wire<typeof previewRetention>;
export type RetentionReportItem = RetentionReport["items"][number];
export type LegalHoldList = Wire<typeof listLegalHolds>;
export type PersonLegalHolds = Wire<typeof getPersonLegalHolds>;
export type LegalHold = Wire<typeof placeLegalHold>;

export const retentionKey = ["retention"] as const;
export const retentionPreviewKey = ["retention", "preview"] as const;
export const legalHoldsKey = ["legal-holds"] as const;
export const personHoldsKey = (personId: string) => ["legal-holds", personId] as const;
