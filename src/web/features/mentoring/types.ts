// Response types of mentoring, from the server's own code (type-only imports: nothing of the
// server is bundled). Wire turns what a service returns into what arrives over the wire.
import type { JSONParsed } from "hono/utils/types";
import type {
  getMyMentorProfile,
  listMentors,
  suggestionsFor,
} from "../../../modules/mentoring/mentoring.profiles.service";
import type {
  getMentoringSummary,
  getMentorship,
  listMyMentorships,
} from "../../../modules/mentoring/mentoring.service";
import type { MentorshipStatus } from "../../../modules/mentoring/mentoring.types";

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type { MentorshipStatus };
export type MentorDirectoryData = Wire<typeof listMentors>;
export type MentorProfile = MentorDirectoryData["items"][number];
export type MyMentorProfile = Wire<typeof getMyMentorProfile>;
export type MentorSuggestionList = Wire<typeof suggestionsFor>;
export type MentorSuggestion = MentorSuggestionList["items"][number];
export type MentorshipList = Wire<typeof listMyMentorships>;
export type MentorshipSummary = MentorshipList["asMentor"][number];
export type MentorshipDetail = Wire<typeof getMentorship>;
export type MentoringSession = NonNullable<MentorshipDetail["sessions"]>[number];
export type MentoringSummary = Wire<typeof getMentoringSummary>;

/** What the mentor profile form sends. */
export type MentorProfileInput = {
  skills: string[];
  capacity: number;
  availability: string;
  bio: string;
  active: boolean;
  version?: number;
};
