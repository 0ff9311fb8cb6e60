import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { useNavigate } from "react-router";
import { api } from "../../api";
import type { Me } from "../../types";

export const MeContext = createContext<Me | null>(null);

/** The signed-in person. Only for pages inside the signed-in layout, which loads it first. */
export function useSignedIn(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useSignedIn outside the signed-in layout");
  return me;
}

/** Ends the session on the server, forgets every cached answer, and goes to sign-in. */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<void>("/auth/sign-out"),
    onSettled: () => {
      queryClient.clear();
      navigate("/sign-in?signedOut=1", { replace: true });
    },
  });
}
