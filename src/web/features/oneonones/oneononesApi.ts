import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import type {
  Commitment,
  Deck,
  MeetingDetail,
  NewSeries,
  Note,
  SeriesDetail,
  SeriesList,
  SeriesPatch,
  Suggestions,
  TalkingPoint,
} from "./types";

export const oneOnOnesKey = ["one-on-ones"] as const;
export const seriesKey = (id: string) => [...oneOnOnesKey, "series", id] as const;
export const meetingKey = (id: string, meetingId: string) =>
  [...oneOnOnesKey, "meeting", id, meetingId] as const;
const suggestionsKey = (id: string, meetingId: string) =>
  [...oneOnOnesKey, "suggestions", id, meetingId] as const;
/** The team page's coaching health reads 1:1s too. */
export const teamCoachingKey = ["team", "coaching"] as const;

const base = "/one-on-ones";

export function useSeriesList(enabled = true) {
  return useQuery({
    queryKey: [...oneOnOnesKey, "list"],
    queryFn: () => api.get<SeriesList>(base),
    enabled,
  });
}

export function useSeries(id: string) {
  return useQuery({
    queryKey: seriesKey(id),
    queryFn: () => api.get<SeriesDetail>(`${base}/${id}`),
  });
}

export function useMeeting(id: string, meetingId: string) {
  return useQuery({
    queryKey: meetingKey(id, meetingId),
    queryFn: () => api.get<MeetingDetail>(`${base}/${id}/meetings/${meetingId}`),
  });
}

export function useSuggestions(id: string, meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: suggestionsKey(id, meetingId),
    queryFn: () => api.get<Suggestions>(`${base}/${id}/meetings/${meetingId}/suggestions`),
    enabled,
  });
}

export function useDeck(enabled: boolean) {
  return useQuery({
    queryKey: [...oneOnOnesKey, "deck"],
    queryFn: () => api.get<Deck>(`${base}/deck`),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Any write on a 1:1: afterwards every 1:1 view (and the team's coaching health) loads again, so
 * both pages show what the server holds.
 */
export function useOneOnOneWrite<TInput, TResult = unknown>(
  write: (input: TInput) => Promise<TResult>,
  onDone?: (result: TResult) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (result) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: oneOnOnesKey }),
        queryClient.invalidateQueries({ queryKey: teamCoachingKey }),
        queryClient.invalidateQueries({ queryKey: ["notifications"] }),
      ]);
      onDone?.(result);
    },
  });
}

export const oneOnOneApi = {
  create: (input: NewSeries) => api.post<SeriesDetail>(base, input),
  update: (id: string, patch: SeriesPatch) => api.patch<SeriesDetail>(`${base}/${id}`, patch),
  hold: (id: string, meetingId: string) =>
    api.post<MeetingDetail>(`${base}/${id}/meetings/${meetingId}/hold`),
  cancel: (id: string, meetingId: string, reason: string) =>
    api.post<MeetingDetail>(`${base}/${id}/meetings/${meetingId}/cancel`, { reason }),
  reschedule: (id: string, meetingId: string, scheduledAt: string, durationMinutes?: number) =>
    api.post<MeetingDetail>(`${base}/${id}/meetings/${meetingId}/reschedule`, {
      scheduledAt,
      durationMinutes,
    }),
  addPoint: (id: string, meetingId: string, input: { body?: string; deckQuestionId?: string }) =>
    api.post<TalkingPoint>(`${base}/${id}/meetings/${meetingId}/agenda`, input),
  markDiscussed: (id: string, meetingId: string, pointId: string) =>
    api.post<TalkingPoint>(`${base}/${id}/meetings/${meetingId}/agenda/${pointId}/discussed`),
  removePoint: (id: string, pointId: string) =>
    api.delete<{ removed: string }>(`${base}/${id}/agenda/${pointId}`),
  addNote: (
    id: string,
    meetingId: string,
    input: { visibility: "shared" | "private"; body: string },
  ) => api.post<Note>(`${base}/${id}/meetings/${meetingId}/notes`, input),
  editNote: (id: string, noteId: string, body: string) =>
    api.patch<Note>(`${base}/${id}/notes/${noteId}`, { body }),
  deleteNote: (id: string, noteId: string) =>
    api.delete<{ removed: string }>(`${base}/${id}/notes/${noteId}`),
  addCommitment: (
    id: string,
    input: { ownerId: string; body: string; dueOn: string; meetingId?: string | null },
  ) => api.post<Commitment>(`${base}/${id}/commitments`, input),
  closeCommitment: (id: string, commitmentId: string, status: "done" | "dropped") =>
    api.post<Commitment>(`${base}/${id}/commitments/${commitmentId}/status`, { status }),
};
