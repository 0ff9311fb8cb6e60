import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import type {
  CatalogueDetail,
  CatalogueFormat,
  CatalogueKind,
  CatalogueList,
  CatalogueUsageList,
} from "./types";

// Query keys and loaders for L&D's catalogue. Every key starts with "catalogue" so one
// invalidation refreshes whatever shows it (the search, an item, the usage figures).

export const catalogueKey = ["catalogue"] as const;

export type CatalogueFilters = {
  q: string;
  skill: string;
  cause: string;
  kind: CatalogueKind | "";
  archived: boolean;
};

export const kindOptions: { value: CatalogueKind; label: string }[] = [
  { value: "course", label: "Course" },
  { value: "workshop", label: "Workshop" },
  { value: "tool", label: "Tool" },
  { value: "guide", label: "Internal guide" },
];

export const formatOptions: { value: CatalogueFormat; label: string }[] = [
  { value: "online", label: "Online" },
  { value: "in_person", label: "In person" },
  { value: "self_paced", label: "Self-paced" },
  { value: "blended", label: "Blended" },
];

export function useCatalogue(filters: CatalogueFilters) {
  return useQuery({
    queryKey: ["catalogue", "items", filters],
    queryFn: () =>
      api.get<CatalogueList>("/catalogue/items", {
        q: filters.q.trim() || undefined,
        skill: filters.skill.trim() || undefined,
        cause: filters.cause || undefined,
        kind: filters.kind || undefined,
        archived: filters.archived ? "true" : undefined,
      }),
    placeholderData: (previous) => previous,
  });
}

export function useCatalogueItem(id: string) {
  return useQuery({
    queryKey: ["catalogue", "item", id],
    queryFn: () => api.get<CatalogueDetail>(`/catalogue/items/${encodeURIComponent(id)}`),
  });
}

export function useCatalogueUsage(enabled: boolean) {
  return useQuery({
    queryKey: ["catalogue", "usage"],
    queryFn: () => api.get<CatalogueUsageList>("/catalogue/usage"),
    enabled,
  });
}

/** Seats still free on a workshop date. */
export const seatsLeft = (s: { seats: number; seatsTaken: number }) =>
  Math.max(0, s.seats - s.seatsTaken);

export const formatHours = (h: number | null) =>
  h === null ? "—" : `${h.toLocaleString("en-GB", { maximumFractionDigits: 1 })} h`;
