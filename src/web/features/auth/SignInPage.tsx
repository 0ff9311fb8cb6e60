import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ApiError, api, messageOf, SIGN_IN_NOTICE_KEY } from "../../api";
import { meKey, useDocumentTitle } from "../../lib/hooks";
import { Alert, Button, Card, Loading, TextField } from "../../ui";
import { PasswordField } from "./PasswordInput";
import { PasswordSignInGate, SsoButton } from "./SsoButton";
import { TotpSetup } from "./TotpSetup";
import type { SignInAnswer, TwoFactorStatus } from "./types";

/** Only same-site paths: a sign-in link must never send someone to another site. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

type StoredNotice = { code: string; message: string };

/** Why the app sent the person here (a session that timed out, a second factor to set up). */
function readSignInNotice(): StoredNotice | null {
  try {
    const raw = sessionStorage.getItem(SIGN_IN_NOTICE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<StoredNotice>) : null;
    return typeof parsed?.code === "string" && typeof parsed.message === "string"
      ? { code: parsed.code, message: parsed.message }
      : null;
  } catch {
    return null;
  }
}

type Step =
  | { kind: "password"; notice?: string }
  | { kind: "totp"; challenge: string }
  | { kind: "enrol" }
  | { kind: "recovery-used"; left: number };

export function SignInPage() {
  useDocumentTitle("Sign in");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [stored] = useState(readSignInNotice);
  useEffect(() => {
    try {
      sessionStorage.removeItem(SIGN_IN_NOTICE_KEY);
    } catch {
      // Nothing to forget.
    }
  }, []);
  const [step, setStep] = useState<Step>(
    stored?.code === "auth.totp_enrolment_required" ? { kind: "enrol" } : { kind: "password" },
  );

  const finish = async () => {
    queryClient.clear();
    await queryClient.prefetchQuery({ queryKey: meKey, queryFn: () => api.get("/me") });
    navigate(safeNext(params.get("next")), { replace: true });
  };

  if (step.kind === "totp") {
    return (
      <Card>
        <h1 className="text-xl font-semibold">Two-step sign-in</h1>
        <TotpStep
          challenge={step.challenge}
          onSignedIn={(left) =>
            left === null ? void finish() : setStep({ kind: "recovery-used", left })
          }
          onRestart={(notice) => setStep({ kind: "password", notice })}
        />
      </Card>
    );
  }
  if (step.kind === "recovery-used") {
    return (
      <Card>
        <h1 className="text-xl font-semibold">You used a recovery code</h1>
        <Alert tone={step.left <= 2 ? "warning" : "info"} className="mt-4">
          {step.left === 0
            ? "That was your last recovery code. Make new ones now on your account page, under Two-step sign-in."
            : `You have ${step.left} recovery code${step.left === 1 ? "" : "s"} left. If you have lost your phone, turn two-step sign-in off and on again with a new phone on your account page.`}
        </Alert>
        <Button className="mt-4 w-full" onClick={() => void finish()}>
          Continue
        </Button>
      </Card>
    );
  }
  if (step.kind === "enrol") {
    return (
      <Card>
        <h1 className="text-xl font-semibold">Set up two-step sign-in</h1>
        <EnrolStep
          onDone={() => void finish()}
          onSignedOut={(notice) => setStep({ kind: "password", notice })}
        />
      </Card>
    );
  }
  return (
    <Card>
      <h1 className="text-xl font-semibold">Sign in to Headway</h1>
      <SsoButton />
      <PasswordSignInGate>
        <PasswordStep
          initialNotice={
            step.notice ?? (stored?.code === "auth.session_expired" ? stored.message : undefined)
          }
          onAnswer={(answer) => {
            if ("secondFactor" in answer) setStep({ kind: "totp", challenge: answer.challenge });
            else if (answer.totpEnrolmentRequired) setStep({ kind: "enrol" });
            else void finish();
          }}
        />
      </PasswordSignInGate>
    </Card>
  );
}

function PasswordStep({
  initialNotice,
  onAnswer,
}: {
  initialNotice?: string;
  onAnswer: (answer: SignInAnswer) => void;
}) {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");
  const signIn = useMutation({
    mutationFn: () => api.post<SignInAnswer>("/auth/sign-in", { email, password }),
    onSuccess: onAnswer,
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
    <>
      <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
        {initialNotice && !error ? <Alert tone="info">{initialNotice}</Alert> : null}
        {notice && !initialNotice && !error ? <Alert tone="success">{notice}</Alert> : null}
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
    </>
  );
}

/** The second step: a code from the authenticator app, or one recovery code. */
function TotpStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  /** With the recovery codes left when one was used, else null. */
  onSignedIn: (recoveryCodesLeft: number | null) => void;
  onRestart: (notice?: string) => void;
}) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState("");
  const submit = useMutation({
    mutationFn: () =>
      api.post<{ recoveryCodesLeft: number }>(
        "/auth/sign-in/totp",
        useRecovery ? { challenge, recoveryCode: value } : { challenge, code: value },
      ),
    onSuccess: (answer) => onSignedIn(useRecovery ? answer.recoveryCodesLeft : null),
    onError: (error) => {
      if (error instanceof ApiError && error.code === "auth.challenge_invalid")
        onRestart(error.message);
    },
  });
  const error = submit.error;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const fieldError = fieldErrors.code ?? fieldErrors.recoveryCode;

  return (
    <form
      className="mt-4 space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <p className="text-sm text-stone-700">
        {useRecovery
          ? "Enter one of the recovery codes you saved when you set up two-step sign-in. Each works once."
          : "Open your authenticator app and enter the 6-digit code it shows for Headway."}
      </p>
      {error && !fieldError ? (
        <Alert
          tone="error"
          title={error instanceof ApiError && error.status === 429 ? "Please wait" : undefined}
        >
          {messageOf(error)}
        </Alert>
      ) : null}
      <TextField
        key={useRecovery ? "recovery" : "code"}
        label={useRecovery ? "Recovery code" : "Code from your authenticator app"}
        name={useRecovery ? "recoveryCode" : "code"}
        inputMode={useRecovery ? "text" : "numeric"}
        autoComplete={useRecovery ? "off" : "one-time-code"}
        autoFocus
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={fieldError}
        required
      />
      <Button type="submit" className="w-full" busy={submit.isPending} busyLabel="Checking…">
        Sign in
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <button
          type="button"
          className="font-medium text-teal-800 underline underline-offset-2"
          onClick={() => {
            setUseRecovery((v) => !v);
            setValue("");
            submit.reset();
          }}
        >
          {useRecovery ? "Use a code from the app instead" : "Use a recovery code instead"}
        </button>
        <button
          type="button"
          className="font-medium text-stone-700 underline underline-offset-2"
          onClick={() => onRestart()}
        >
          Start again
        </button>
      </div>
    </form>
  );
}

/** Signed in with a password, but the organisation requires a second factor first. */
function EnrolStep({
  onDone,
  onSignedOut,
}: {
  onDone: () => void;
  onSignedOut: (notice?: string) => void;
}) {
  const status = useQuery({
    queryKey: ["sign-in", "totp-status"],
    queryFn: () => api.get<TwoFactorStatus>("/me/totp"),
    retry: false,
  });
  const signOut = useMutation({
    mutationFn: () => api.post<void>("/auth/sign-out"),
    onSettled: () => onSignedOut("You have signed out."),
  });
  // No restricted session any more (it ended, or was never there): back to the password; a
  // full session already: on into the app. Once.
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) return;
    if (status.isError) {
      moved.current = true;
      onSignedOut();
    } else if (status.data && !status.data.enrolmentOnly) {
      moved.current = true;
      onDone();
    }
  }, [status.isError, status.data, onSignedOut, onDone]);

  if (status.isPending || status.isError || !status.data.enrolmentOnly)
    return <Loading label="Checking your sign-in…" />;
  return (
    <div className="mt-4 space-y-4">
      <p className="text-sm text-stone-700">
        Your organisation requires a second step when you sign in with a password: a code from an
        authenticator app on your phone. Set it up now to continue; it takes a minute.
      </p>
      <TotpSetup onDone={onDone} doneLabel="Continue to Headway" />
      <p className="text-sm">
        <button
          type="button"
          className="font-medium text-stone-700 underline underline-offset-2"
          onClick={() => signOut.mutate()}
        >
          Sign out instead
        </button>
      </p>
    </div>
  );
}
