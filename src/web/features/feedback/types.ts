// Response types of the feedback API, from the server's own code (type-only imports).
import type { JSONParsed } from "hono/utils/types";
import type { WordingHint as WordingHintType } from "../../../modules/feedback/feedback.rules";
import type {
  FeedbackDetail as FeedbackDetailType,
  FeedbackItem as FeedbackItemType,
  FeedbackKind,
  FeedbackRequestView,
  FeedbackVisibility,
} from "../../../modules/feedback/feedback.service";

export type { FeedbackKind, FeedbackVisibility };
export type FeedbackItem = JSONParsed<FeedbackItemType>;
export type FeedbackDetail = JSONParsed<FeedbackDetailType>;
export type FeedbackRequest = JSONParsed<FeedbackRequestView>;
export type WordingHint = JSONParsed<WordingHintType>;
export type FeedbackReply = FeedbackDetail["replies"][number];

export type FeedbackAbout = { person: { id: string; name: string }; items: FeedbackItem[] };
export type FeedbackRequests = { incoming: FeedbackRequest[]; outgoing: FeedbackRequest[] };

export type SbiText = { situation: string; behaviour: string; impact: string };
