import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../api";
import type { Me } from "../types";

export const meKey = ["me"] as const;

/** The signed-in person, their roles and global abilities, as the server states them. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: () => api.get<Me>("/me"),
    staleTime: 60_000,
    retry: false,
  });
}

export function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** Sets the browser tab title, so each page is named for assistive tech and history. */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Headway` : "Headway";
  }, [title]);
}
