// Response types of guidance and the handbook, from the server's own code (type-only imports:
// nothing of the server is bundled). Wire turns what a service returns into what arrives.
import type { JSONParsed } from "hono/utils/types";
import type {
  dismissCard,
  getGuidanceStats,
  getHandbookArticle,
  listCards,
  listHandbook,
  recordCardShown,
} from "../../../modules/guidance/guidance.service";
import type { GuidanceMoment } from "../../../modules/guidance/guidance.types";

export type { GuidanceMoment };

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type GuidanceCards = Wire<typeof listCards>;
export type GuidanceCardView = GuidanceCards["cards"][number];
export type GuidanceShown = Wire<typeof recordCardShown>;
export type GuidanceDismissed = Wire<typeof dismissCard>;
export type GuidanceStatsView = Wire<typeof getGuidanceStats>;
export type GuidanceCardStats = GuidanceStatsView["cards"][number];
export type HandbookList = Wire<typeof listHandbook>;
export type HandbookArticle = Wire<typeof getHandbookArticle>;
