import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../../api";
import type { Diagnosis, DiagnosisList, Guide, Suggestions } from "./types";

// Query keys and loaders of the diagnostic guide. Every key starts with "diagnosis".

export const guideKey = ["diagnosis", "guide"] as const;
export const diagnosesKey = (personId: string) => ["diagnosis", "list", personId] as const;
export const diagnosisKey = (id: string) => ["diagnosis", "detail", id] as const;
export const suggestionsKey = (id: string) => ["diagnosis", "suggestions", id] as const;

const path = (id: string) => encodeURIComponent(id);

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The guide's text changes only with a release: load it once per session. */
export function useGuide() {
  return useQuery({
    queryKey: guideKey,
    queryFn: () => api.get<Guide>("/diagnostic-guide"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDiagnoses(personId: string) {
  return useQuery({
    queryKey: diagnosesKey(personId),
    queryFn: () => api.get<DiagnosisList>(`/people/${path(personId)}/diagnoses`),
    enabled: Boolean(personId),
    retry: (n, e) => !isNotFound(e) && n < 2,
  });
}

export function useDiagnosis(id: string) {
  return useQuery({
    queryKey: diagnosisKey(id),
    queryFn: () => api.get<Diagnosis>(`/diagnoses/${path(id)}`),
    retry: (n, e) => !isNotFound(e) && n < 2,
  });
}

/** Suggestions follow what was saved: the key carries the diagnosis's version. */
export function useSuggestions(id: string, version: number, enabled = true) {
  return useQuery({
    queryKey: [...suggestionsKey(id), version],
    queryFn: () => api.get<Suggestions>(`/diagnoses/${path(id)}/suggestions`),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export const causeLabelOf = (guide: Guide | undefined, cause: string) =>
  guide?.causes.find((c) => c.cause === cause)?.label ?? cause;
