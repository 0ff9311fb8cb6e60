// Response types of the coaching records this feature shows, from the server's own code (type-only
// imports: nothing of the server is bundled). Wire turns what a service returns into what arrives
// over the wire (Date → string).
import type { JSONParsed } from "hono/utils/types";
import type {
  createCalendarFeed,
  getCalendarFeedStatus,
} from "../../../modules/calendar/calendar.service";
import type {
  getDiscussion,
  listDiscussions,
  shareDiscussion,
} from "../../../modules/growth/growth.discussions.service";
import type {
  checkGoalText,
  getGoal,
  listGoals,
} from "../../../modules/growth/growth.goals.service";
import type {
  getOnboardingPlan,
  listOnboardingPlans,
  listTemplates,
} from "../../../modules/growth/growth.onboarding.service";
import type {
  getCoachingProfile,
  ProfileField as ProfileFieldName,
} from "../../../modules/growth/growth.profile.service";
import type { GoalStatus } from "../../../modules/growth/growth.rules";
import type { getSeries, listSeries } from "../../../modules/oneonones/oneonones.service";

export type { GoalStatus, ProfileFieldName };

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

// ---------- coaching profile ----------
export type CoachingProfile = Wire<typeof getCoachingProfile>;
export type ProfileField = CoachingProfile["fields"][number];
export type ProfileEntry = ProfileField["entries"][number];

// ---------- growth goals ----------
export type GrowthGoalList = Wire<typeof listGoals>;
export type GrowthGoal = GrowthGoalList["items"][number];
export type GrowthGoalDetail = Wire<typeof getGoal>;
export type GrowthGoalUpdate = GrowthGoalDetail["updates"][number];
export type GoalCheck = Wire<typeof checkGoalText>;
export type GoalFinding = GoalCheck["findings"][number];

// ---------- onboarding ----------
export type OnboardingTemplateList = Wire<typeof listTemplates>;
export type OnboardingTemplate = OnboardingTemplateList["items"][number];
export type OnboardingPlan = Wire<typeof getOnboardingPlan>;
export type OnboardingStage = OnboardingPlan["stages"][number];
export type OnboardingPlanList = Wire<typeof listOnboardingPlans>;

// ---------- documented discussions ----------
export type Discussion = Wire<typeof getDiscussion>;
export type DiscussionList = Wire<typeof listDiscussions>;
export type DiscussionWithMessage = Wire<typeof shareDiscussion>;
export type WordingHint = NonNullable<Discussion["hints"]>["impact"][number];

// ---------- calendar feed ----------
export type CalendarFeedStatus = Wire<typeof getCalendarFeedStatus>;
export type CalendarFeedCreated = Wire<typeof createCalendarFeed>;

// ---------- 1:1s (to link a progress update to a meeting) ----------
export type OneOnOneSeriesList = Wire<typeof listSeries>;
export type OneOnOneSeries = Wire<typeof getSeries>;
export type OneOnOneMeeting = OneOnOneSeries["past"][number];
