import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../../api";
import { useDebounced } from "../../lib/hooks";
import type { PersonPage } from "../../types";
import type {
  CoachingProfile,
  Discussion,
  DiscussionList,
  GoalCheck,
  GrowthGoalDetail,
  GrowthGoalList,
  OnboardingPlan,
  OnboardingPlanList,
  OnboardingTemplateList,
  OneOnOneSeries,
  OneOnOneSeriesList,
  WordingHint,
} from "./types";

// Query keys and loaders for the coaching records. Every key starts with "growth" so that one
// invalidation refreshes whatever shows them; person-scoped keys carry the person's id.

export const growthKey = ["growth"] as const;
export const profileKey = (personId: string) => ["growth", "profile", personId] as const;
export const goalsKey = (personId: string) => ["growth", "goals", personId] as const;
export const goalKey = (id: string) => ["growth", "goal", id] as const;
export const onboardingListKey = (personId: string) => ["growth", "onboarding", personId] as const;
export const onboardingKey = (id: string) => ["growth", "onboarding-plan", id] as const;
export const templatesKey = ["growth", "onboarding-templates"] as const;
export const discussionsKey = (personId: string) => ["growth", "discussions", personId] as const;
export const discussionKey = (id: string) => ["growth", "discussion", id] as const;

const path = (id: string) => encodeURIComponent(id);

/** A 404 on a person's coaching record means "not yours to see": the card is simply left out. */
export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function useCoachingProfile(personId: string) {
  return useQuery({
    queryKey: profileKey(personId),
    queryFn: () => api.get<CoachingProfile>(`/people/${path(personId)}/coaching-profile`),
  });
}

export function useGrowthGoals(personId: string) {
  return useQuery({
    queryKey: goalsKey(personId),
    queryFn: () => api.get<GrowthGoalList>(`/people/${path(personId)}/growth-goals`),
  });
}

export function useGrowthGoal(id: string) {
  return useQuery({
    queryKey: goalKey(id),
    queryFn: () => api.get<GrowthGoalDetail>(`/growth-goals/${path(id)}`),
  });
}

export function useOnboardingPlans(personId: string) {
  return useQuery({
    queryKey: onboardingListKey(personId),
    queryFn: () => api.get<OnboardingPlanList>(`/people/${path(personId)}/onboarding-plans`),
  });
}

export function useOnboardingPlan(id: string) {
  return useQuery({
    queryKey: onboardingKey(id),
    queryFn: () => api.get<OnboardingPlan>(`/onboarding-plans/${path(id)}`),
  });
}

export function useOnboardingTemplates(enabled = true) {
  return useQuery({
    queryKey: templatesKey,
    queryFn: () => api.get<OnboardingTemplateList>("/onboarding-templates"),
    enabled,
  });
}

export function useDiscussions(personId: string) {
  return useQuery({
    queryKey: discussionsKey(personId),
    queryFn: () => api.get<DiscussionList>(`/people/${path(personId)}/discussions`),
  });
}

export function useDiscussion(id: string) {
  return useQuery({
    queryKey: discussionKey(id),
    queryFn: () => api.get<Discussion>(`/discussions/${path(id)}`),
  });
}

/**
 * The goal language checker on unsaved words, a moment after typing stops. Hints only: nothing is
 * saved, and a failed check just shows no hints.
 */
export function useGoalCheck(title: string, specific: string, enabled = true) {
  const text = useDebounced({ title: title.trim(), specific: specific.trim() }, 400);
  return useQuery({
    queryKey: ["growth", "goal-check", text.title, text.specific],
    queryFn: () => api.post<GoalCheck>("/growth-goals/check", text),
    enabled: enabled && text.title.length > 0 && text.title.length <= 200,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
    retry: false,
  });
}

const WORDING_CHECK_LIMIT = 5000;

/**
 * "Impact, not emotion" on a discussion being written: the same wording check the feedback form
 * uses (`POST /feedback/check`), what happened read as the behaviour. Hints only.
 */
export function useWordingCheck(whatHappened: string, impact: string, enabled = true) {
  const text = useDebounced({ behaviour: whatHappened.trim(), impact: impact.trim() }, 400);
  const fits =
    text.behaviour.length <= WORDING_CHECK_LIMIT && text.impact.length <= WORDING_CHECK_LIMIT;
  const query = useQuery({
    queryKey: ["growth", "wording-check", text.behaviour, text.impact],
    queryFn: () =>
      api.post<{ hints: (WordingHint & { field: "situation" | "behaviour" | "impact" })[] }>(
        "/feedback/check",
        text,
      ),
    enabled: enabled && fits && (text.behaviour.length > 0 || text.impact.length > 0),
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
    retry: false,
  });
  const hints = query.data?.hints ?? [];
  return {
    whatHappened: text.behaviour ? hints.filter((h) => h.field === "behaviour") : [],
    impact: text.impact ? hints.filter((h) => h.field === "impact") : [],
  };
}

/** A person's page, for their name in headings and breadcrumbs (the same cache as their page). */
export function usePerson(personId: string | undefined) {
  return useQuery({
    queryKey: ["person", personId ?? ""],
    queryFn: () => api.get<PersonPage>(`/people/${path(personId ?? "")}`),
    enabled: Boolean(personId),
  });
}

/**
 * The held 1:1s of the actor's series with this person (as their manager or as them), to link a
 * progress update to the meeting it was discussed in. Empty when there is no such series.
 */
export function usePersonMeetings(personId: string, enabled = true) {
  const list = useQuery({
    queryKey: ["growth", "one-on-ones"],
    queryFn: () => api.get<OneOnOneSeriesList>("/one-on-ones"),
    enabled,
    retry: false,
  });
  const all = list.data ? [...list.data.asManager, ...list.data.asReport] : [];
  const series =
    all.find((s) => s.reportId === personId) ?? all.find((s) => s.managerId === personId) ?? null;
  const detail = useQuery({
    queryKey: ["growth", "one-on-one", series?.id ?? ""],
    queryFn: () => api.get<OneOnOneSeries>(`/one-on-ones/${path(series?.id ?? "")}`),
    enabled: enabled && Boolean(series),
    retry: false,
  });
  const held = (detail.data?.past ?? [])
    .filter((m) => m.status === "held")
    .sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt));
  return { seriesId: series?.id ?? null, held };
}
