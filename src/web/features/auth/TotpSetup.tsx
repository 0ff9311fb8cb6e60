import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { Alert, Button, Checkbox, TextField } from "../../ui";
import type { RecoveryCodes, TotpEnrolment } from "./types";

/** The secret in groups of four, as authenticator apps show and people type it. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

function downloadCodes(codes: string[]) {
  const text = [
    "Headway recovery codes",
    "",
    "Each code signs you in once when you cannot use your authenticator app.",
    "Keep them somewhere safe, away from your phone.",
    "",
    ...codes,
    "",
  ].join("\n");
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "headway-recovery-codes.txt";
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** Recovery codes, shown once: download, copy, and a check that they were kept before going on. */
export function RecoveryCodesPanel({
  codes,
  onDone,
  doneLabel = "Continue",
}: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Save your recovery codes now">
        If you lose your phone, each of these codes signs you in once instead of a code from the
        app. They are shown only this time.
      </Alert>
      <ol
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md border border-stone-200 bg-stone-50 px-4 py-3 font-mono text-sm"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => downloadCodes(codes)}>
          Download as .txt
        </Button>
        <Button variant="secondary" onClick={() => void copy()}>
          Copy
        </Button>
      </div>
      <p className="min-h-5 text-sm" aria-live="polite">
        {copied === "yes" ? "Copied to the clipboard." : null}
        {copied === "no" ? "Could not copy automatically; select the codes and copy them." : null}
      </p>
      <Checkbox
        label="I have saved these codes somewhere safe"
        checked={saved}
        onChange={(e) => setSaved(e.target.checked)}
      />
      <Button onClick={onDone} disabled={!saved}>
        {doneLabel}
      </Button>
    </div>
  );
}

/**
 * Sets up an authenticator app: a QR code (and the key, for typing in), a first code to prove
 * it works, then the recovery codes. Starts as soon as it is shown.
 */
export function TotpSetup({
  onDone,
  onCancel,
  doneLabel,
}: {
  onDone: () => void;
  onCancel?: () => void;
  doneLabel?: string;
}) {
  const [code, setCode] = useState("");
  const started = useRef(false);
  const enrol = useMutation({ mutationFn: () => api.post<TotpEnrolment>("/me/totp/enrol") });
  const confirm = useMutation({
    mutationFn: () => api.post<RecoveryCodes>("/me/totp/confirm", { code: code.trim() }),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: one new secret per showing
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    enrol.mutate();
  }, []);

  if (confirm.data) {
    return (
      <div className="space-y-3">
        <Alert tone="success">Two-step sign-in is on.</Alert>
        <RecoveryCodesPanel
          codes={confirm.data.recoveryCodes}
          onDone={onDone}
          doneLabel={doneLabel}
        />
      </div>
    );
  }
  if (enrol.isError) {
    return (
      <div className="space-y-3">
        <Alert tone="error">{messageOf(enrol.error)}</Alert>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => enrol.mutate()}>
            Try again
          </Button>
          {onCancel ? (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </div>
      </div>
    );
  }
  if (!enrol.data) return <p className="text-sm text-stone-600">Preparing a QR code…</p>;

  const fieldErrors = confirm.error instanceof ApiError ? confirm.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-4 pl-5 text-sm text-stone-800">
        <li>
          Open an authenticator app on your phone (such as Google Authenticator, Microsoft
          Authenticator, 1Password or Aegis) and scan this QR code.
          <img
            src={enrol.data.qrCode}
            alt="QR code to add Headway to your authenticator app"
            className="mt-2 size-44 rounded-md border border-stone-200 bg-white p-1"
          />
          <details className="mt-2">
            <summary className="cursor-pointer font-medium text-teal-800">
              Cannot scan it? Enter a key instead
            </summary>
            <p className="mt-1 text-stone-700">
              Choose “enter a setup key” in the app, name it Headway, and type this key (time
              based):
            </p>
            <p className="mt-1 select-all font-mono text-base tracking-wide">
              {grouped(enrol.data.secret)}
            </p>
          </details>
        </li>
        <li>
          Enter the 6-digit code the app now shows for Headway.
          <form className="mt-2 flex flex-wrap items-end gap-3" onSubmit={submit} noValidate>
            <TextField
              label="Code from the app"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={fieldErrors.code ?? (confirm.isError ? messageOf(confirm.error) : undefined)}
              className="w-48"
              required
            />
            <Button type="submit" busy={confirm.isPending} busyLabel="Checking…" className="mb-0.5">
              Turn on
            </Button>
            {onCancel ? (
              <Button variant="ghost" onClick={onCancel} className="mb-0.5">
                Cancel
              </Button>
            ) : null}
          </form>
        </li>
      </ol>
    </div>
  );
}
