import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { JSONParsed } from "hono/utils/types";
import { type FormEvent, useState } from "react";
import type {
  getSignInSettings,
  SignInSettingsInput,
  testOidcConnection,
} from "../../../modules/auth/auth.sso";
import { ApiError, api, messageOf } from "../../api";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  Loading,
  Select,
  TextField,
} from "../../ui";
import { ssoStatusKey } from "../auth/SsoButton";

type SignInSettings = JSONParsed<Awaited<ReturnType<typeof getSignInSettings>>>;
type ConnectionTest = JSONParsed<Awaited<ReturnType<typeof testOidcConnection>>>;

export const signInSettingsKey = ["settings", "sign-in"] as const;

/** How people sign in: single sign-on, "SSO only", a required second factor, session limits. */
export function SignInPanel(_props: Record<string, never>) {
  const settings = useQuery({
    queryKey: signInSettingsKey,
    queryFn: () => api.get<SignInSettings>("/settings/sign-in"),
  });
  return (
    <div id="sign-in" className="scroll-mt-4">
      <Card
        title="Sign-in"
        description="Single sign-on with your identity provider (OpenID Connect), whether passwords are still allowed, the second factor and how long sessions last."
        actions={
          settings.data ? (
            <>
              <Badge tone={settings.data.configured ? "success" : "neutral"}>
                {settings.data.configured ? "Single sign-on on" : "Single sign-on off"}
              </Badge>
              {settings.data.ssoOnly ? <Badge tone="accent">SSO only</Badge> : null}
            </>
          ) : null
        }
      >
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <SignInForm current={settings.data} />
        )}
      </Card>
    </div>
  );
}

type Values = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  buttonLabel: string;
  ssoOnly: boolean;
  breakGlassPersonId: string;
  requireTotp: boolean;
  sessionIdleMinutes: string;
  sessionAbsoluteHours: string;
};

const valuesOf = (s: SignInSettings): Values => ({
  issuer: s.issuer ?? "",
  clientId: s.clientId ?? "",
  clientSecret: "",
  buttonLabel: s.buttonLabel,
  ssoOnly: s.ssoOnly,
  breakGlassPersonId: s.breakGlassPersonId ?? "",
  requireTotp: s.requireTotp,
  sessionIdleMinutes: String(s.sessionIdleMinutes),
  sessionAbsoluteHours: String(s.sessionAbsoluteHours),
});

function SignInForm({ current: initial }: { current: SignInSettings }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => valuesOf(initial));
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setSaved(false);
    setValues((v) => ({ ...v, [key]: value }));
  };

  const save = useMutation({
    mutationFn: (input: SignInSettingsInput) => api.put<SignInSettings>("/settings/sign-in", input),
    onSuccess: (data) => {
      queryClient.setQueryData(signInSettingsKey, data);
      setValues(valuesOf(data));
      void queryClient.invalidateQueries({ queryKey: ssoStatusKey });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
      setSaved(true);
    },
  });
  const test = useMutation({
    mutationFn: () =>
      api.post<ConnectionTest>("/settings/sign-in/test", { issuer: values.issuer.trim() || null }),
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      issuer: values.issuer.trim() || null,
      clientId: values.clientId.trim() || null,
      // Left out unless typed: the stored secret stays.
      ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
      buttonLabel: values.buttonLabel,
      ssoOnly: values.ssoOnly,
      breakGlassPersonId: values.breakGlassPersonId || null,
      requireTotp: values.requireTotp,
      sessionIdleMinutes: Number(values.sessionIdleMinutes),
      sessionAbsoluteHours: Number(values.sessionAbsoluteHours),
    });
  };
  const turnOff = () => {
    setValues((v) => ({ ...v, issuer: "", clientId: "", clientSecret: "" }));
    save.mutate({ issuer: null, clientId: null, clientSecret: null });
  };

  const { limits } = initial;
  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      {save.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-stone-900">Single sign-on</legend>
        <CallbackUrl url={initial.callbackUrl} />
        <TextField
          label="Issuer"
          name="issuer"
          type="url"
          value={values.issuer}
          onChange={(e) => set("issuer", e.target.value)}
          error={fieldErrors.issuer}
          placeholder="https://login.example.com"
          hint="Your provider's issuer address, exactly as it gives it. Headway reads its settings from /.well-known/openid-configuration there."
        />
        <TextField
          label="Client ID"
          name="clientId"
          value={values.clientId}
          onChange={(e) => set("clientId", e.target.value)}
          error={fieldErrors.clientId}
          autoComplete="off"
        />
        <TextField
          label="Client secret"
          name="clientSecret"
          type="password"
          value={values.clientSecret}
          onChange={(e) => set("clientSecret", e.target.value)}
          error={fieldErrors.clientSecret}
          autoComplete="new-password"
          placeholder={initial.clientSecretSet ? "Set: leave empty to keep it" : ""}
          hint={
            initial.clientSecretSet
              ? "A secret is stored, encrypted. It is never shown again; type a new one to replace it."
              : "Stored encrypted, and never shown again."
          }
        />
        <TextField
          label="Button label"
          name="buttonLabel"
          value={values.buttonLabel}
          onChange={(e) => set("buttonLabel", e.target.value)}
          error={fieldErrors.buttonLabel}
          maxLength={60}
          hint="What the sign-in page's button says, for example “Sign in with Okta”."
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            busy={test.isPending}
            busyLabel="Testing…"
            disabled={!values.issuer.trim() && !initial.issuer}
            onClick={() => test.mutate()}
          >
            Test connection
          </Button>
          {initial.configured ? (
            <Button
              variant="danger"
              disabled={initial.ssoOnly || save.isPending}
              onClick={turnOff}
              title={initial.ssoOnly ? "Turn off SSO only first." : undefined}
            >
              Turn off single sign-on
            </Button>
          ) : null}
        </div>
        <div aria-live="polite">
          {test.isSuccess ? (
            <Alert tone={test.data.ok ? "success" : "error"}>
              {test.data.message}
              {test.data.ok ? " Save to use it." : null}
            </Alert>
          ) : null}
          {test.isError ? <Alert tone="error">{messageOf(test.error)}</Alert> : null}
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-stone-900">Passwords</legend>
        <Checkbox
          label="SSO only"
          name="ssoOnly"
          checked={values.ssoOnly}
          onChange={(e) => set("ssoOnly", e.target.checked)}
          hint="Everyone signs in with single sign-on; passwords are refused, except the break-glass admin's."
        />
        {fieldErrors.ssoOnly ? (
          <p className="text-sm font-medium text-red-700">{fieldErrors.ssoOnly}</p>
        ) : null}
        <Field
          label="Break-glass admin"
          error={fieldErrors.breakGlassPersonId}
          hint="The one person who can still sign in with a password, for when the identity provider is down. Give this account a long password and a second factor."
        >
          {(p) => (
            <Select
              {...p}
              name="breakGlassPersonId"
              value={values.breakGlassPersonId}
              onChange={(e) => set("breakGlassPersonId", e.target.value)}
            >
              <option value="">Nobody</option>
              {initial.breakGlassCandidates.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name} ({person.email})
                </option>
              ))}
              {initial.breakGlassPerson &&
              !initial.breakGlassCandidates.some((c) => c.id === initial.breakGlassPerson?.id) ? (
                <option value={initial.breakGlassPerson.id}>
                  {initial.breakGlassPerson.name} (no longer an admin with a password)
                </option>
              ) : null}
            </Select>
          )}
        </Field>
        {initial.breakGlassCandidates.length === 0 ? (
          <p className="text-sm text-stone-600">
            No admin has a password yet. Invite an admin to choose one before turning on SSO only.
          </p>
        ) : null}
        <Checkbox
          label="Require a second factor for passwords"
          name="requireTotp"
          checked={values.requireTotp}
          onChange={(e) => set("requireTotp", e.target.checked)}
          hint="People who sign in with a password must set up an authenticator app. Single sign-on leaves this to the identity provider."
        />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-stone-900">Sessions</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Sign out after inactivity"
            name="sessionIdleMinutes"
            type="number"
            inputMode="numeric"
            min={limits.idleMinutes.min}
            max={limits.idleMinutes.max}
            value={values.sessionIdleMinutes}
            onChange={(e) => set("sessionIdleMinutes", e.target.value)}
            error={fieldErrors.sessionIdleMinutes}
            hint={`Minutes, ${limits.idleMinutes.min} to ${limits.idleMinutes.max}.`}
          />
          <TextField
            label="Sign out in any case after"
            name="sessionAbsoluteHours"
            type="number"
            inputMode="numeric"
            min={limits.absoluteHours.min}
            max={limits.absoluteHours.max}
            value={values.sessionAbsoluteHours}
            onChange={(e) => set("sessionAbsoluteHours", e.target.value)}
            error={fieldErrors.sessionAbsoluteHours}
            hint={`Hours, ${limits.absoluteHours.min} to ${limits.absoluteHours.max}.`}
          />
        </div>
      </fieldset>

      <div className="flex items-center gap-3">
        <Button type="submit" busy={save.isPending} busyLabel="Checking and saving…">
          Save sign-in settings
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {saved ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}

/** The address to register at the provider, ready to copy. */
function CallbackUrl({ url }: { url: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <Field
      label="Redirect (callback) URL"
      hint={
        copied === "yes"
          ? "Copied."
          : copied === "no"
            ? "Copying was not allowed here: select the address and copy it yourself."
            : "Register this address at your identity provider as the redirect URI of Headway's client."
      }
    >
      {(p) => (
        <div className="flex gap-2">
          <Input {...p} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          <Button variant="secondary" onClick={() => void copy()}>
            Copy
          </Button>
        </div>
      )}
    </Field>
  );
}
