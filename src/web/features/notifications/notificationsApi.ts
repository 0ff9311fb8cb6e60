import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import type { Notifications } from "../../types";

export const notificationsKey = ["notifications"] as const;

export function useNotifications(limit = 50, poll = false) {
  return useQuery({
    queryKey: [...notificationsKey, { limit }],
    queryFn: () => api.get<Notifications>("/notifications", { limit }),
    // The bell keeps itself current while the app is open.
    refetchInterval: poll ? 60_000 : false,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) =>
      api.post<{ marked: number; unread: number }>("/notifications/read", body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
