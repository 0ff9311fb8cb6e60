import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import type {
  CausesReport,
  CoachingReport,
  FairnessReport,
  InsightSection,
  OutcomesReport,
  RiskReport,
} from "../../../modules/insight/insight.types";
import { api, withQuery } from "../../api";

// The dashboards read their filters from the address, so a link to a filtered view can be shared
// and the back button undoes a change of filter.

export type Reports = {
  outcomes: OutcomesReport;
  causes: CausesReport;
  coaching: CoachingReport;
  risk: RiskReport;
  fairness: FairnessReport;
};

/** The filters every report takes, as they stand in the address (empty = not set). */
export type FilterValues = { department: string; managerId: string; from: string; to: string };

export const filterKeys = ["department", "managerId", "from", "to"] as const;

/** Only the shared filters of an address: what a link to another section keeps. */
export function filterQuery(params: URLSearchParams): string {
  const next = new URLSearchParams();
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) next.set(key, value);
  }
  const s = next.toString();
  return s ? `?${s}` : "";
}

/** The filters of the address, and a way to change some of them (a new history entry). */
export function useInsightFilters() {
  const [params, setParams] = useSearchParams();
  const values: FilterValues = {
    department: params.get("department") ?? "",
    managerId: params.get("managerId") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  };
  /** Sets or clears query keys; any change of filter goes back to the first page. */
  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      if (!("page" in changes)) next.delete("page");
      return next;
    });
  return { values, params, update };
}

export function reportKey(section: InsightSection, query: Record<string, string>) {
  return ["insight", section, query] as const;
}

/** One section's report for the filters in the address, plus its own extra query. */
export function useReport<S extends InsightSection>(
  section: S,
  extra: Record<string, string | number | undefined> = {},
) {
  const { values } = useInsightFilters();
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...values, ...extra }))
    if (value !== undefined && value !== "") query[key] = String(value);
  return useQuery({
    queryKey: reportKey(section, query),
    queryFn: () => api.get<Reports[S]>(`/insight/${section}`, query),
    // While new filters load, the figures of the same section stay in view (never another's).
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === section ? keepPreviousData(previous) : undefined,
  });
}

/** The address of a section's CSV for the same filters (and extra query). */
export function csvHref(
  section: InsightSection,
  values: FilterValues,
  extra: Record<string, string | undefined> = {},
) {
  return withQuery(`/api/v1/insight/${section}/csv`, { ...values, ...extra });
}

export type InsightSettings = { minGroupSize: number };
export const insightSettingsKey = ["settings", "insight"] as const;

export function useInsightSettings(enabled = true) {
  return useQuery({
    queryKey: insightSettingsKey,
    queryFn: () => api.get<InsightSettings>("/settings/insight"),
    enabled,
  });
}
