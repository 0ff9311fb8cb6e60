import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { Alert, Button, Card } from "../../ui";
import { useSignedIn } from "../layout/session";
import { NewPasswordField, PasswordField, passwordProblem } from "./PasswordInput";
import { sessionsKey } from "./types";

/** A signed-in person changes their password; their other sessions end. */
export function ChangePasswordCard() {
  const me = useSignedIn();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [clientErrors, setClientErrors] = useState<{ next?: string; repeat?: string }>({});
  const change = useMutation({
    mutationFn: () =>
      api.post<{ sessionsEnded: number }>("/me/password", {
        currentPassword: current,
        newPassword: next,
      }),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
  const fieldErrors = change.error instanceof ApiError ? change.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = {
      next: passwordProblem(next) ?? undefined,
      repeat: next !== repeat ? "The two passwords are different." : undefined,
    };
    setClientErrors(errors);
    if (!errors.next && !errors.repeat) change.mutate();
  };

  return (
    <Card
      title="Password"
      description="Changing it signs you out everywhere else; this browser stays signed in."
    >
      <form className="max-w-md space-y-4" onSubmit={submit} noValidate>
        <div aria-live="polite">
          {change.isSuccess ? (
            <Alert tone="success">
              Your password is changed.
              {change.data.sessionsEnded
                ? ` ${change.data.sessionsEnded} other session${change.data.sessionsEnded === 1 ? " was" : "s were"} signed out.`
                : ""}
            </Alert>
          ) : null}
          {change.isError && !Object.keys(fieldErrors).length ? (
            <Alert tone="error">{messageOf(change.error)}</Alert>
          ) : null}
        </div>
        <PasswordField
          label="Current password"
          name="currentPassword"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={fieldErrors.currentPassword}
        />
        <NewPasswordField
          name="newPassword"
          value={next}
          onChange={setNext}
          context={{ name: me.person.name, email: me.person.email }}
          error={clientErrors.next ?? fieldErrors.newPassword}
        />
        <PasswordField
          label="Repeat the new password"
          name="repeatPassword"
          autoComplete="new-password"
          value={repeat}
          onChange={setRepeat}
          error={clientErrors.repeat}
        />
        <Button type="submit" busy={change.isPending} busyLabel="Changing…">
          Change password
        </Button>
      </form>
    </Card>
  );
}
