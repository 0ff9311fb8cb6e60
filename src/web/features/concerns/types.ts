// Response types of the confidential channel, from the server's own code (type-only imports:
// nothing of the server is bundled). Wire turns what a service returns into what arrives over the
// wire (Date → string).
import type { JSONParsed } from "hono/utils/types";
import type {
  getConcern,
  listInbox,
  listMyConcerns,
  previewReaders,
} from "../../../modules/concerns/concerns.service";
import type { recordProtectedActivity } from "../../../modules/review/review.service";

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type ConcernDetail = Wire<typeof getConcern>;
export type ConcernMessage = ConcernDetail["messages"][number];
export type ConcernList = Wire<typeof listMyConcerns>;
export type ConcernSummary = ConcernList["items"][number];
export type ConcernInbox = Wire<typeof listInbox>;
export type ReadersPreview = Wire<typeof previewReaders>;
export type ConcernReader = ReadersPreview["readers"][number];
export type RecordedActivity = Wire<typeof recordProtectedActivity>;
