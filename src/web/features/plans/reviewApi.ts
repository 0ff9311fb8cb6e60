import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { api } from "../../api";
import type {
  DraftForReview,
  PlanReview,
  PriorNotice,
  PriorNoticeKind,
  ReviewPolicy,
} from "../../types";
import { planKey, plansKey } from "./planApi";

// The plan review over HTTP: the review of a saved plan, the live review of the editor's unsaved
// draft, HR's overrides, and the manager's record of prior notice. Every key sits under "plans",
// so any write on a plan (usePlanWrite) marks them stale too.

export const reviewKey = (planId: string) => [...plansKey, "review", planId] as const;
export const priorNoticeKey = (planId: string) => [...plansKey, "prior-notice", planId] as const;

/** The review of the plan as saved (manager, HR and skip-level; never the employee). */
export function usePlanReview(planId: string, enabled = true) {
  return useQuery({
    queryKey: [...reviewKey(planId), "saved"],
    queryFn: () => api.get<PlanReview>(`/plans/${planId}/review`),
    enabled,
  });
}

/** `value` once it has stopped changing for `ms`, compared by content rather than identity. */
function useSettled<T>(value: T, ms: number): { settled: T; pending: boolean } {
  const json = JSON.stringify(value);
  const [settled, setSettled] = useState(json);
  useEffect(() => {
    const t = setTimeout(() => setSettled(json), ms);
    return () => clearTimeout(t);
  }, [json, ms]);
  const parsed = useMemo(() => JSON.parse(settled) as T, [settled]);
  return { settled: parsed, pending: json !== settled };
}

/**
 * The live review of the editor's draft: sent once typing pauses (600 ms), keyed by the draft
 * itself so going back to an earlier text answers from the cache. While a new answer is on its
 * way the last one stays on screen (keepPreviousData), so findings don't flicker away.
 */
export function useDraftReview(planId: string, draft: DraftForReview) {
  const { settled, pending } = useSettled(draft, 600);
  const query = useQuery({
    queryKey: [...reviewKey(planId), "draft", settled],
    queryFn: () => api.post<PlanReview>(`/plans/${planId}/review`, { draft: settled }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: 1,
  });
  return { ...query, checking: pending || query.isFetching };
}

export type OverrideInput = { code: string; path: string; reason: string };

/** HR lets a plan go ahead despite a blocker, with a written reason that stays on the record. */
export function useOverride(planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OverrideInput) => api.post<PlanReview>(`/plans/${planId}/overrides`, input),
    onSuccess: (review) => {
      queryClient.setQueryData([...reviewKey(planId), "saved"], review);
      void queryClient.invalidateQueries({ queryKey: planKey(planId) });
      void queryClient.invalidateQueries({ queryKey: ["notifications"] });
    },
  });
}

export function usePriorNotice(planId: string) {
  return useQuery({
    queryKey: priorNoticeKey(planId),
    queryFn: () => api.get<{ items: PriorNotice[] }>(`/plans/${planId}/prior-notice`),
  });
}

export type PriorNoticeInput = { heldOn: string; kind: PriorNoticeKind; summary: string };

/**
 * Adding or removing prior notice changes what the review says (no prior notice is a blocker),
 * so both refresh the review, live and saved, along with the list.
 */
function usePriorNoticeWrite<T>(planId: string, write: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: priorNoticeKey(planId) }),
        queryClient.invalidateQueries({ queryKey: reviewKey(planId) }),
      ]);
      // The plan page shows prior notice too; it loads again when next opened.
      void queryClient.invalidateQueries({ queryKey: planKey(planId), refetchType: "none" });
    },
  });
}

export function useAddPriorNotice(planId: string) {
  return usePriorNoticeWrite(planId, (input: PriorNoticeInput) =>
    api.post<PriorNotice>(`/plans/${planId}/prior-notice`, input),
  );
}

export function useRemovePriorNotice(planId: string) {
  return usePriorNoticeWrite(planId, (noticeId: string) =>
    api.delete(`/plans/${planId}/prior-notice/${noticeId}`),
  );
}

export const priorNoticeKindLabel: Record<PriorNoticeKind, string> = {
  written_feedback: "Written feedback",
  one_on_one: "1:1 conversation",
  documented_discussion: "Documented discussion",
  email: "Email",
};

export const reviewPolicyKey = ["review-policy"] as const;

/** The organisation's review thresholds (anyone signed in may read them). */
export function useReviewPolicy() {
  return useQuery({
    queryKey: reviewPolicyKey,
    queryFn: () => api.get<ReviewPolicy>("/review/policy"),
    staleTime: 5 * 60_000,
  });
}
