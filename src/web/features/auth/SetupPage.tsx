import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { meKey, useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { SetupStatus } from "../../types";
import { Alert, Button, Card, Loading, TextField } from "../../ui";
import { NewPasswordField, passwordProblem } from "./PasswordInput";

export function SetupPage() {
  useDocumentTitle("Set up Headway");
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const status = useQuery({
    queryKey: ["setup"],
    queryFn: () => api.get<SetupStatus>("/setup"),
  });

  if (status.isPending) return <Loading />;
  if (status.isError)
    return <QueryError error={status.error} onRetry={() => void status.refetch()} />;

  if (!status.data.needed) {
    return (
      <Card>
        <h1 className="text-xl font-semibold">Headway is already set up</h1>
        <p className="mt-2 text-sm text-stone-700">
          Your organisation already has an admin, so this setup link is no longer needed.
        </p>
        <p className="mt-4">
          <Link to="/sign-in" className="font-medium text-teal-800 underline underline-offset-2">
            Go to sign in
          </Link>
        </p>
      </Card>
    );
  }
  if (!token) {
    return (
      <Card>
        <h1 className="text-xl font-semibold">Set up Headway</h1>
        <p className="mt-2 text-sm text-stone-700">
          To create the first admin, open the one-time setup link that the Headway server printed
          when it started. If the link has expired, restart the server to get a new one.
        </p>
      </Card>
    );
  }
  return <SetupForm token={token} />;
}

function SetupForm({ token }: { token: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const setup = useMutation({
    mutationFn: () => api.post("/setup", { token, name, email, password }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meKey });
      queryClient.removeQueries({ queryKey: ["setup"] });
      navigate("/", { replace: true });
    },
  });
  const fieldErrors = setup.error instanceof ApiError ? setup.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = passwordProblem(password);
    setClientError(problem);
    if (!problem) setup.mutate();
  };

  return (
    <Card>
      <h1 className="text-xl font-semibold">Create the first admin</h1>
      <p className="mt-1 text-sm text-stone-600">
        You will manage the organisation: import people, invite them and set who may do what.
      </p>
      <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
        {setup.isError && !Object.keys(fieldErrors).length ? (
          <Alert tone="error">{messageOf(setup.error)}</Alert>
        ) : null}
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrors.name}
          required
        />
        <TextField
          label="Work email"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldErrors.email}
          required
        />
        <NewPasswordField
          label="Password"
          value={password}
          onChange={setPassword}
          context={{ name, email }}
          error={clientError ?? fieldErrors.password}
        />
        <Button type="submit" className="w-full" busy={setup.isPending} busyLabel="Creating…">
          Create admin and continue
        </Button>
      </form>
    </Card>
  );
}
