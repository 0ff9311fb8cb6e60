import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import type { PlanAction, PlanDetail, PlanList } from "../../types";

export const plansKey = ["plans"] as const;
export const planKey = (id: string) => ["plans", "detail", id] as const;

export function usePlan(id: string) {
  return useQuery({
    queryKey: planKey(id),
    queryFn: () => api.get<PlanDetail>(`/plans/${id}`),
  });
}

export type PlanQuery = { scope: "mine" | "team" | "review" | "all"; status?: string; q?: string };

export function usePlanList(query: PlanQuery, enabled = true) {
  return useQuery({
    queryKey: [...plansKey, "list", query],
    queryFn: () => api.get<PlanList>("/plans", query),
    enabled,
  });
}

export type TransitionInput = {
  action: PlanAction;
  version: number;
  comment?: string;
  outcome?: string;
  managerReflection?: string;
  newEndDate?: string;
  /** With close (goals met): the growth plan that carries on. */
  growthGoals?: { title: string; specific: string; measure: string; dueOn: string | null }[];
};

/**
 * Any write on a plan: afterwards the plan (and the lists that show it) are loaded again, so
 * the page always shows what the server holds.
 */
export function usePlanWrite<TInput>(
  planId: string,
  write: (input: TInput) => Promise<unknown>,
  onDone?: () => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (data) => {
      if (data && typeof data === "object" && "version" in data && "goals" in data)
        queryClient.setQueryData(planKey(planId), data);
      void queryClient.invalidateQueries({ queryKey: plansKey });
      void queryClient.invalidateQueries({ queryKey: ["notifications"] });
      onDone?.();
    },
  });
}

export function useTransition(planId: string, onDone?: () => void) {
  return usePlanWrite(
    planId,
    (input: TransitionInput) => api.post<unknown>(`/plans/${planId}/transitions`, input),
    onDone,
  );
}
