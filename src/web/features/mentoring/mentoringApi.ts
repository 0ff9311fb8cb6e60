import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "../../api";
import type {
  MentorDirectoryData,
  MentoringSummary,
  MentorProfileInput,
  MentorSuggestionList,
  MentorshipDetail,
  MentorshipList,
  MyMentorProfile,
} from "./types";

// Query keys and loaders for mentoring. Every key starts with "mentoring" so one invalidation
// refreshes whatever shows it.

export const mentoringKey = ["mentoring"] as const;
const path = (id: string) => encodeURIComponent(id);

/** A 404 means "not yours to see": a card is simply left out. */
export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

export function useMentorDirectory(filter: { skill?: string; q?: string } = {}) {
  return useQuery({
    queryKey: [...mentoringKey, "directory", filter],
    queryFn: () => api.get<MentorDirectoryData>("/mentors", filter),
  });
}

export function useMyMentorProfile() {
  return useQuery({
    queryKey: [...mentoringKey, "my-profile"],
    queryFn: () => api.get<MyMentorProfile>("/me/mentor-profile"),
  });
}

export function useMentorships() {
  return useQuery({
    queryKey: [...mentoringKey, "mentorships"],
    queryFn: () => api.get<MentorshipList>("/mentorships"),
  });
}

export function useMentorship(id: string | null) {
  return useQuery({
    queryKey: [...mentoringKey, "mentorship", id],
    queryFn: () => api.get<MentorshipDetail>(`/mentorships/${path(id ?? "")}`),
    enabled: Boolean(id),
  });
}

export function useMentoringSummary(personId: string) {
  return useQuery({
    queryKey: [...mentoringKey, "summary", personId],
    queryFn: () => api.get<MentoringSummary>(`/people/${path(personId)}/mentoring-summary`),
    retry: (count, error) => !isNotFound(error) && count < 2,
  });
}

/** Mentors to suggest for a person; `skills` go as one comma-separated parameter. */
export function useMentorSuggestions(personId: string, skills: string[], enabled = true) {
  const skill = skills.join(",");
  return useQuery({
    queryKey: [...mentoringKey, "suggestions", personId, skill],
    queryFn: () =>
      api.get<MentorSuggestionList>(`/people/${path(personId)}/mentor-suggestions`, { skill }),
    enabled,
  });
}

export const mentoringApi = {
  saveProfile: (personId: string, input: MentorProfileInput) =>
    api.put<MyMentorProfile>(`/people/${path(personId)}/mentor-profile`, input),
  request: (input: {
    mentorId: string;
    menteeId: string;
    topic: string;
    skills: string[];
    message: string;
  }) => api.post<MentorshipDetail>("/mentorships", input),
  accept: (id: string) => api.post<MentorshipDetail>(`/mentorships/${path(id)}/accept`),
  decline: (id: string, reason: string) =>
    api.post<MentorshipDetail>(`/mentorships/${path(id)}/decline`, { reason }),
  end: (id: string) => api.post<MentorshipDetail>(`/mentorships/${path(id)}/end`),
  logSession: (id: string, input: { heldOn: string; topic: string }) =>
    api.post<MentorshipDetail>(`/mentorships/${path(id)}/sessions`, input),
};

/** A mutation that refreshes everything mentoring shows when it succeeds. */
export function useMentoringWrite<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mentoringKey }),
  });
}

/** Skill tags typed as "SQL, public speaking": trimmed, no empties, each once. */
export function parseSkills(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const s = raw.trim().replace(/\s+/g, " ");
    if (!s || seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
  }
  return out;
}
