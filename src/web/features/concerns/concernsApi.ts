import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConcernTopic } from "../../../modules/concerns/concerns.types";
import type { ProtectedActivityKind } from "../../../modules/review/review.types";
import { api } from "../../api";
import type {
  ConcernDetail,
  ConcernInbox,
  ConcernList,
  ReadersPreview,
  RecordedActivity,
} from "./types";

export const concernsKey = ["concerns"] as const;

export function useMyConcerns() {
  return useQuery({
    queryKey: [...concernsKey, "mine"],
    queryFn: () => api.get<ConcernList>("/concerns"),
  });
}

export type InboxStatus = "all" | "open" | "closed";

export function useInbox(status: InboxStatus, enabled = true) {
  return useQuery({
    queryKey: [...concernsKey, "inbox", status],
    queryFn: () => api.get<ConcernInbox>("/concerns/inbox", { status }),
    enabled,
  });
}

/** Who in HR would read a concern from the signed-in person, about `aboutPersonId` if given. */
export function useReaders(aboutPersonId: string | null) {
  return useQuery({
    queryKey: [...concernsKey, "readers", aboutPersonId],
    queryFn: () =>
      api.get<ReadersPreview>("/concerns/readers", { aboutPersonId: aboutPersonId ?? undefined }),
  });
}

export function useConcern(id: string) {
  return useQuery({
    queryKey: [...concernsKey, "detail", id],
    queryFn: () => api.get<ConcernDetail>(`/concerns/${id}`),
    retry: false,
  });
}

/** Any write on a concern: the lists, the thread, notifications and the person's record reload. */
export function useConcernWrite<TInput, TResult>(
  write: (input: TInput) => Promise<TResult>,
  onDone?: (result: TResult) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (result) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: concernsKey }),
        queryClient.invalidateQueries({ queryKey: ["notifications"] }),
        queryClient.invalidateQueries({ queryKey: ["person"] }),
      ]);
      onDone?.(result);
    },
  });
}

export type NewConcern = {
  topic: ConcernTopic;
  subject: string;
  message: string;
  aboutPersonId?: string;
  planId?: string;
};

export const concernsApi = {
  raise: (input: NewConcern) => api.post<ConcernDetail>("/concerns", input),
  reply: (id: string, body: string) =>
    api.post<ConcernDetail>(`/concerns/${id}/messages`, { body }),
  close: (id: string) => api.post<ConcernDetail>(`/concerns/${id}/close`),
  reopen: (id: string) => api.post<ConcernDetail>(`/concerns/${id}/reopen`),
  recordActivity: (
    id: string,
    input: { kind: ProtectedActivityKind; occurredOn: string; note: string },
  ) => api.post<RecordedActivity>(`/concerns/${id}/protected-activities`, input),
};
