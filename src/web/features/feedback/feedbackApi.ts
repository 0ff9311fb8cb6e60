import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import { useDebounced } from "../../lib/hooks";
import type {
  FeedbackAbout,
  FeedbackDetail,
  FeedbackItem,
  FeedbackKind,
  FeedbackRequest,
  FeedbackRequests,
  FeedbackVisibility,
  SbiText,
  WordingHint,
} from "./types";

export const feedbackKey = ["feedback"] as const;

export function useReceived() {
  return useQuery({
    queryKey: [...feedbackKey, "received"],
    queryFn: () => api.get<FeedbackAbout>("/feedback"),
  });
}

export function useGiven() {
  return useQuery({
    queryKey: [...feedbackKey, "given"],
    queryFn: () => api.get<{ items: FeedbackItem[] }>("/feedback/given"),
  });
}

export function useRequests(enabled = true) {
  return useQuery({
    queryKey: [...feedbackKey, "requests"],
    queryFn: () => api.get<FeedbackRequests>("/feedback/requests"),
    enabled,
  });
}

export function useFeedback(id: string) {
  return useQuery({
    queryKey: [...feedbackKey, "detail", id],
    queryFn: () => api.get<FeedbackDetail>(`/feedback/${id}`),
  });
}

/**
 * "Impact, not emotion": wording hints for the text as it is typed, checked a moment after the
 * typing stops. Hints only; they never block.
 */
export function useWordingHints(text: SbiText) {
  // A string, so an unchanged text does not start the wait again.
  const key = useDebounced(JSON.stringify(text), 600);
  const debounced = JSON.parse(key) as SbiText;
  const empty =
    !debounced.situation.trim() && !debounced.behaviour.trim() && !debounced.impact.trim();
  return useQuery({
    queryKey: ["feedback-check", key],
    queryFn: () => api.post<{ hints: WordingHint[] }>("/feedback/check", debounced),
    enabled: !empty,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
}

/** Any write on feedback: the lists, the detail and notifications load again. */
export function useFeedbackWrite<TInput, TResult>(
  write: (input: TInput) => Promise<TResult>,
  onDone?: (result: TResult) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (result) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: feedbackKey }),
        queryClient.invalidateQueries({ queryKey: ["team", "coaching"] }),
        queryClient.invalidateQueries({ queryKey: ["notifications"] }),
      ]);
      onDone?.(result);
    },
  });
}

export type NewFeedback = SbiText & {
  recipientId: string;
  kind: FeedbackKind;
  visibility: FeedbackVisibility;
  requestId?: string;
};

export const feedbackApi = {
  give: (input: NewFeedback) => api.post<FeedbackDetail>("/feedback", input),
  update: (id: string, patch: Partial<Omit<NewFeedback, "recipientId" | "requestId">>) =>
    api.patch<FeedbackDetail>(`/feedback/${id}`, patch),
  discard: (id: string) => api.delete<{ removed: string }>(`/feedback/${id}`),
  reply: (id: string, body: string) =>
    api.post<FeedbackDetail>(`/feedback/${id}/replies`, { body }),
  request: (input: { askedId: string; aboutId?: string; prompt: string }) =>
    api.post<FeedbackRequest>("/feedback/requests", input),
  decline: (id: string) => api.post<FeedbackRequest>(`/feedback/requests/${id}/decline`),
};
