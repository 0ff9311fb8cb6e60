import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { Alert, Button, Card, TextField } from "../../ui";

export function ForgotPasswordPage() {
  useDocumentTitle("Reset your password");
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get("email") ?? "");
  const request = useMutation({
    mutationFn: () => api.post<{ message: string }>("/auth/password-reset/request", { email }),
  });
  const fieldErrors = request.error instanceof ApiError ? request.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };

  return (
    <Card>
      <h1 className="text-xl font-semibold">Reset your password</h1>
      <p className="mt-1 text-sm text-stone-600">
        Enter the email you use for Headway. We will send a link to choose a new password.
      </p>
      {request.isSuccess ? (
        <div className="mt-6 space-y-4">
          <Alert tone="success" title="Check your email">
            {request.data.message}
          </Alert>
          <p className="text-sm">
            <Link to="/sign-in" className="font-medium text-teal-800 underline underline-offset-2">
              Back to sign in
            </Link>
          </p>
        </div>
      ) : (
        <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
          {request.isError && !Object.keys(fieldErrors).length ? (
            <Alert tone="error">{messageOf(request.error)}</Alert>
          ) : null}
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldErrors.email}
            required
          />
          <Button type="submit" className="w-full" busy={request.isPending} busyLabel="Sending…">
            Send reset link
          </Button>
          <p className="text-center text-sm">
            <Link to="/sign-in" className="font-medium text-teal-800 underline underline-offset-2">
              Back to sign in
            </Link>
          </p>
        </form>
      )}
    </Card>
  );
}
