import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { meKey, useDocumentTitle } from "../../lib/hooks";
import { Alert, Button, Card, TextField } from "../../ui";
import { PasswordField } from "./PasswordInput";
import { SsoButton } from "./SsoButton";

/** Only same-site paths: a sign-in link must never send someone to another site. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function SignInPage() {
  useDocumentTitle("Sign in");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");
  const signIn = useMutation({
    mutationFn: () => api.post("/auth/sign-in", { email, password }),
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.prefetchQuery({ queryKey: meKey, queryFn: () => api.get("/me") });
      navigate(safeNext(params.get("next")), { replace: true });
    },
  });
  const error = signIn.error;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const notice = params.get("passwordSet")
    ? "Your password is set. Sign in to continue."
    : params.get("signedOut")
      ? "You have signed out."
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };

  return (
    <Card>
      <h1 className="text-xl font-semibold">Sign in to Headway</h1>
      <SsoButton />
      <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
        {notice && !error ? <Alert tone="success">{notice}</Alert> : null}
        {error && !Object.keys(fieldErrors).length ? (
          <Alert
            tone="error"
            title={error instanceof ApiError && error.status === 429 ? "Please wait" : undefined}
          >
            {messageOf(error)}
          </Alert>
        ) : null}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldErrors.email}
          required
        />
        <PasswordField
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fieldErrors.password}
        />
        <Button type="submit" className="w-full" busy={signIn.isPending} busyLabel="Signing in…">
          Sign in
        </Button>
      </form>
      <p className="mt-5 text-center text-sm">
        <Link
          to={email ? `/forgot-password?email=${encodeURIComponent(email)}` : "/forgot-password"}
          className="font-medium text-teal-800 underline underline-offset-2"
        >
          Forgot your password?
        </Link>
      </p>
    </Card>
  );
}
