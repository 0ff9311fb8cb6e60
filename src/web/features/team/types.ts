import type { JSONParsed } from "hono/utils/types";
import type { TeamCoachingHealth as TeamCoachingHealthType } from "../../../modules/coaching/coaching.service";

export type TeamCoachingHealth = JSONParsed<TeamCoachingHealthType>;
export type CoachingHealth = TeamCoachingHealth["items"][number];
