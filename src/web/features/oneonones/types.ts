// Response types of the 1:1 API, from the server's own code (type-only: nothing of the server is
// bundled). JSONParsed turns what a service returns into what arrives over the wire.
import type { JSONParsed } from "hono/utils/types";
import type {
  getDeck,
  getSuggestions,
  MeetingDetail as MeetingDetailType,
} from "../../../modules/oneonones/oneonones.meetings.service";
import type {
  Cadence,
  CoachingStage,
  DeckTheme,
  FollowThrough as FollowThroughType,
} from "../../../modules/oneonones/oneonones.rules";
import type {
  SeriesDetail as SeriesDetailType,
  SeriesList as SeriesListType,
} from "../../../modules/oneonones/oneonones.service";

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type { Cadence, CoachingStage, DeckTheme };
export type SeriesList = JSONParsed<SeriesListType>;
export type SeriesSummary = SeriesList["asManager"][number];
export type SeriesDetail = JSONParsed<SeriesDetailType>;
export type Meeting = SeriesDetail["upcoming"][number];
export type TalkingPoint = SeriesDetail["agenda"][number];
export type Commitment = SeriesDetail["commitments"][number];
export type FollowThrough = JSONParsed<FollowThroughType>;
export type MeetingDetail = JSONParsed<MeetingDetailType>;
export type Note = MeetingDetail["notes"][number];
export type Deck = Wire<typeof getDeck>;
export type DeckQuestion = Deck["questions"][number];
export type Suggestions = Wire<typeof getSuggestions>;
export type PersonRef = SeriesDetail["manager"];

export type NewSeries = {
  reportId: string;
  cadence: Cadence;
  weekday: number;
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  startsOn: string;
};

export type SeriesPatch = Partial<Omit<NewSeries, "reportId">> & {
  version: number;
  status?: "active" | "paused";
};
