import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { JSONParsed } from "hono/utils/types";
import type { EngagementCode } from "../../../modules/plans/plans.engagement.rules";
import type {
  getPlanEngagement,
  listEngagementSignals,
  recordEngagementTalk,
} from "../../../modules/plans/plans.engagement.service";
import { api } from "../../api";

// When someone won't engage: the plan's record side by side, the conversations, HR's list.
// Types come from the server's own code (type-only imports: nothing of the server is bundled).

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type PlanEngagement = Wire<typeof getPlanEngagement>;
export type EngagementSignal = PlanEngagement["signals"][number];
export type SupportLedger = PlanEngagement["support"];
export type EngagementLedger = PlanEngagement["engagement"];
export type EngagementTalk = Wire<typeof recordEngagementTalk>;
export type EngagementSignalList = Wire<typeof listEngagementSignals>;
export type { EngagementCode };

export const engagementKey = (planId: string) => ["plans", "engagement", planId] as const;
export const engagementSignalsKey = ["plans", "engagement-signals"] as const;

export function usePlanEngagement(planId: string, enabled = true) {
  return useQuery({
    queryKey: engagementKey(planId),
    queryFn: () => api.get<PlanEngagement>(`/plans/${planId}/engagement`),
    enabled,
  });
}

export function useEngagementSignals(enabled = true) {
  return useQuery({
    queryKey: engagementSignalsKey,
    queryFn: () => api.get<EngagementSignalList>("/engagement-signals"),
    enabled,
  });
}

export type NewTalk = { heldOn: string; summary: string; signals: EngagementCode[] };

export function useRecordTalk(planId: string, onDone?: (talk: EngagementTalk) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewTalk) =>
      api.post<EngagementTalk>(`/plans/${planId}/engagement/talks`, input),
    onSuccess: async (talk) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: engagementKey(planId) }),
        queryClient.invalidateQueries({ queryKey: engagementSignalsKey }),
      ]);
      onDone?.(talk);
    },
  });
}

/** Ways to open the conversation: curious, not accusatory. */
export const openings: Record<EngagementCode, string> = {
  "engagement.not_acknowledged":
    "“I noticed the plan hasn't been acknowledged yet. Acknowledging only says you received it, not that you agree with it. Is something in it unclear, or something you see differently? I'd like to hear it.”",
  "engagement.missed_checkins":
    "“We've missed some of our check-ins. Is the time or the format not working for you? What would make them worth your while?”",
  "engagement.no_action_items":
    "“How are you thinking about the first milestone? Would it help to sketch the first steps together?”",
  "engagement.support_not_taken_up":
    "“The support we agreed isn't in use yet. Is it the right support for you? Is something in the way: time, access, the timing?”",
};

export const HANDBOOK_PAGE = "/handbook/when-someone-wont-engage";
