import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { meKey } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { Alert, Badge, Button, Card, Loading, Radio, TextField } from "../../ui";
import { ChangePasswordCard } from "../auth/ChangePasswordCard";
import { PasswordField } from "../auth/PasswordInput";
import { RecoveryCodesPanel, TotpSetup } from "../auth/TotpSetup";
import { type RecoveryCodes, sessionsKey, type TwoFactorStatus, twoFactorKey } from "../auth/types";

type Mode = "view" | "setup" | "disable" | "codes";

/**
 * How this person signs in with a password: the password itself, and the optional second step
 * (a code from an authenticator app), with its recovery codes.
 */
export function TwoFactorCard(_props: Record<string, never>) {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: twoFactorKey,
    queryFn: () => api.get<TwoFactorStatus>("/me/totp"),
  });
  const [mode, setMode] = useState<Mode>("view");
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: twoFactorKey });
    void queryClient.invalidateQueries({ queryKey: sessionsKey });
  };

  if (status.isPending)
    return (
      <Card title="Two-step sign-in">
        <Loading />
      </Card>
    );
  if (status.isError)
    return (
      <Card title="Two-step sign-in">
        <QueryError error={status.error} onRetry={() => void status.refetch()} />
      </Card>
    );
  const s = status.data;
  if (!s.passwordAccount)
    return (
      <Card title="Two-step sign-in">
        <p className="text-sm text-stone-700">
          You sign in with your organisation's single sign-on, so Headway has no password of yours.
          Your identity provider decides whether a second step is asked.
        </p>
      </Card>
    );

  const badges = (
    <>
      {s.required ? <Badge tone="accent">Required by your organisation</Badge> : null}
      {s.enabled ? <Badge tone="success">On</Badge> : <Badge tone="warning">Off</Badge>}
    </>
  );

  return (
    <>
      <ChangePasswordCard />
      <Card
        title="Two-step sign-in"
        description="After your password, Headway asks for a code from an app on your phone: someone who learns your password still cannot sign in."
        actions={badges}
      >
        {mode === "setup" ? (
          <TotpSetup
            onDone={() => {
              setMode("view");
              refresh();
            }}
            onCancel={() => {
              setMode("view");
              refresh();
            }}
            doneLabel="Done"
          />
        ) : newCodes ? (
          <RecoveryCodesPanel
            codes={newCodes}
            doneLabel="Done"
            onDone={() => {
              setNewCodes(null);
              refresh();
            }}
          />
        ) : mode === "disable" || mode === "codes" ? (
          <ProveItForm
            purpose={mode}
            required={s.required}
            onCancel={() => setMode("view")}
            onDone={(codes) => {
              setMode("view");
              if (codes) setNewCodes(codes);
              refresh();
              // With the second factor required, this session may now only set up a new one:
              // the app finds that out on its next call and leads to that step.
              if (mode === "disable" && s.required)
                void queryClient.invalidateQueries({ queryKey: meKey });
            }}
          />
        ) : s.enabled ? (
          <div className="space-y-3 text-sm text-stone-700">
            <p>
              On since {formatDate(s.enabledAt)}.{" "}
              {s.recoveryCodesLeft === 0
                ? "You have no recovery codes left."
                : `${s.recoveryCodesLeft} of 10 recovery codes left.`}
            </p>
            {s.recoveryCodesLeft <= 2 ? (
              <Alert tone="warning">
                Make new recovery codes: they are how you sign in if you lose your phone.
              </Alert>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => setMode("codes")}>
                New recovery codes
              </Button>
              <Button variant="danger" onClick={() => setMode("disable")}>
                Turn off
              </Button>
            </div>
          </div>
        ) : (
          <div className="space-y-3 text-sm text-stone-700">
            <p>
              {s.required
                ? "Your organisation requires two-step sign-in. Set it up now."
                : "Two-step sign-in is off. It takes a minute to set up with any authenticator app."}
            </p>
            <Button onClick={() => setMode("setup")}>Set up two-step sign-in</Button>
          </div>
        )}
      </Card>
    </>
  );
}

/** A current code from the app, or the password: what turning it off or renewing codes takes. */
function ProveItForm({
  purpose,
  required,
  onCancel,
  onDone,
}: {
  purpose: "disable" | "codes";
  required: boolean;
  onCancel: () => void;
  onDone: (codes: string[] | null) => void;
}) {
  const [by, setBy] = useState<"code" | "password">("code");
  const [value, setValue] = useState("");
  const act = useMutation({
    mutationFn: async (): Promise<string[] | null> => {
      if (purpose === "codes")
        return (await api.post<RecoveryCodes>("/me/totp/recovery-codes", { [by]: value }))
          .recoveryCodes;
      await api.post<{ enrolmentOnly: boolean }>("/me/totp/disable", { [by]: value });
      return null;
    },
    onSuccess: onDone,
  });
  const fieldErrors = act.error instanceof ApiError ? act.error.fieldErrors() : {};
  const fieldError = fieldErrors[by];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    act.mutate();
  };
  return (
    <form className="max-w-md space-y-4" onSubmit={submit} noValidate>
      <p className="text-sm text-stone-700">
        {purpose === "disable"
          ? required
            ? "Your organisation requires two-step sign-in: after turning it off you will be asked to set it up again, with a new phone or app, before you can go on."
            : "Turning it off signs you out everywhere else. Your password alone will sign you in."
          : "New recovery codes replace the old ones, which stop working."}
      </p>
      {act.isError && !fieldError ? <Alert tone="error">{messageOf(act.error)}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">Confirm it is you with</legend>
        <Radio
          name="proof"
          label="A code from your authenticator app"
          checked={by === "code"}
          onChange={() => {
            setBy("code");
            setValue("");
          }}
        />
        <Radio
          name="proof"
          label="Your password"
          checked={by === "password"}
          onChange={() => {
            setBy("password");
            setValue("");
          }}
        />
      </fieldset>
      {by === "code" ? (
        <TextField
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={fieldError}
          className="w-48"
        />
      ) : (
        <PasswordField
          label="Password"
          autoComplete="current-password"
          value={value}
          onChange={setValue}
          error={fieldError}
        />
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant={purpose === "disable" ? "danger" : "primary"}
          busy={act.isPending}
          busyLabel="Checking…"
        >
          {purpose === "disable" ? "Turn off two-step sign-in" : "Make new recovery codes"}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
