import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { Alert, Button, Card } from "../../ui";
import { NewPasswordField, PasswordField, passwordProblem } from "./PasswordInput";

/** Where both password-reset links and invitations land: the person chooses a password. */
export function ResetPasswordPage() {
  useDocumentTitle("Choose your password");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [clientErrors, setClientErrors] = useState<{ password?: string; confirm?: string }>({});
  const complete = useMutation({
    mutationFn: () =>
      api.post<{ email: string }>("/auth/password-reset/complete", { token, password }),
    onSuccess: ({ email }) =>
      navigate(`/sign-in?passwordSet=1&email=${encodeURIComponent(email)}`, { replace: true }),
  });
  const fieldErrors = complete.error instanceof ApiError ? complete.error.fieldErrors() : {};
  const linkProblem =
    complete.error instanceof ApiError && complete.error.code.startsWith("auth.link_");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = {
      password: passwordProblem(password) ?? undefined,
      confirm: password !== confirm ? "The two passwords are different." : undefined,
    };
    setClientErrors(errors);
    if (!errors.password && !errors.confirm) complete.mutate();
  };

  if (!token) {
    return (
      <Card>
        <h1 className="text-xl font-semibold">Choose your password</h1>
        <p className="mt-2 text-sm text-stone-700">
          This page needs the link from your invitation or password reset email. Open the link from
          the email again, or ask for a new one.
        </p>
        <p className="mt-4 text-sm">
          <Link to="/forgot-password" className="font-medium text-teal-800 underline">
            Send me a new link
          </Link>
        </p>
      </Card>
    );
  }

  return (
    <Card>
      <h1 className="text-xl font-semibold">Choose your password</h1>
      <p className="mt-1 text-sm text-stone-600">
        You will use it with your work email to sign in to Headway.
      </p>
      <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
        {complete.isError && !Object.keys(fieldErrors).length ? (
          <Alert
            tone="error"
            actions={
              linkProblem ? (
                <Link
                  to="/forgot-password"
                  className="font-medium text-red-900 underline underline-offset-2"
                >
                  Send me a new link
                </Link>
              ) : undefined
            }
          >
            {messageOf(complete.error)}
          </Alert>
        ) : null}
        <NewPasswordField
          label="New password"
          value={password}
          onChange={setPassword}
          context={{}}
          error={clientErrors.password ?? fieldErrors.password}
        />
        <PasswordField
          label="Repeat the password"
          name="confirm"
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
          error={clientErrors.confirm}
        />
        <Button type="submit" className="w-full" busy={complete.isPending} busyLabel="Saving…">
          Save password
        </Button>
      </form>
    </Card>
  );
}
