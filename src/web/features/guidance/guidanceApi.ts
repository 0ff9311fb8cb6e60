import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../../api";
import type {
  GuidanceCards,
  GuidanceMoment,
  GuidanceStatsView,
  HandbookArticle,
  HandbookList,
} from "./types";

export const guidanceKey = (moment: GuidanceMoment) => ["guidance", moment] as const;
export const guidanceStatsKey = ["guidance", "stats"] as const;
export const handbookKey = ["handbook"] as const;

export function useGuidanceCards(moment: GuidanceMoment, enabled: boolean) {
  return useQuery({
    queryKey: guidanceKey(moment),
    queryFn: () => api.get<GuidanceCards>("/guidance", { moment }),
    enabled,
    // The cards are the same all day; a dismissal updates the cache directly.
    staleTime: 10 * 60 * 1000,
    retry: false,
  });
}

export function useGuidanceStats(enabled = true) {
  return useQuery({
    queryKey: guidanceStatsKey,
    queryFn: () => api.get<GuidanceStatsView>("/guidance/stats"),
    enabled,
  });
}

export function useHandbook() {
  return useQuery({
    queryKey: handbookKey,
    queryFn: () => api.get<HandbookList>("/handbook"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useHandbookArticle(slug: string) {
  return useQuery({
    queryKey: [...handbookKey, slug],
    queryFn: () => api.get<HandbookArticle>(`/handbook/${encodeURIComponent(slug)}`),
    staleTime: Number.POSITIVE_INFINITY,
    retry: (n, error) => !(error instanceof ApiError && error.status === 404) && n < 2,
  });
}

/** Counting is best effort: a failed count never gets in the way of the person's work. */
export function recordGuidance(cardId: string, step: "shown" | "handbook-opened") {
  void api.post(`/guidance/${encodeURIComponent(cardId)}/${step}`).catch(() => {});
}
