import { type ReactNode, useEffect, useId, useState } from "react";
import type { PasswordContext } from "../../../modules/auth/auth.passwords";
import { Button, Field, Input } from "../../ui";
import { PasswordStrength, usePasswordCheck } from "./PasswordStrength";

export const PASSWORD_HINT =
  "At least 10 characters, not a common password and not your name. A few unrelated words make a strong password.";

/** A password field with a show/hide toggle. */
export function PasswordField({
  label,
  value,
  onChange,
  error,
  hint,
  autoComplete,
  name = "password",
  after,
  describedBy,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
  autoComplete: "current-password" | "new-password";
  name?: string;
  after?: ReactNode;
  describedBy?: string;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <Field label={label} error={error} hint={hint} after={after} describedBy={describedBy}>
      {(p) => (
        <div className="flex gap-2">
          <Input
            {...p}
            name={name}
            type={visible ? "text" : "password"}
            autoComplete={autoComplete}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            required
          />
          <Button
            variant="secondary"
            aria-pressed={visible}
            aria-controls={p.id}
            onClick={() => setVisible((v) => !v)}
            className="w-20 shrink-0"
          >
            {visible ? "Hide" : "Show"}
          </Button>
        </div>
      )}
    </Field>
  );
}

/**
 * A field for choosing a new password, with the live verdict of the password policy under it.
 * `context` is who the password is for (their name and email make weak passwords).
 */
export function NewPasswordField({
  label = "New password",
  value,
  onChange,
  error,
  context,
  name,
}: {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  context: PasswordContext;
  name?: string;
}) {
  const strengthId = useId();
  const check = usePasswordCheck(value, context);
  // An error is about the password it came back for: once that is changed, the live verdict
  // speaks instead.
  const [errorFor, setErrorFor] = useState<{ error: string; value: string } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new error is remembered
  useEffect(() => {
    setErrorFor(error ? { error, value } : null);
  }, [error]);
  const shownError =
    error && !(errorFor?.error === error && errorFor.value !== value) ? error : null;
  return (
    <PasswordField
      label={label}
      name={name}
      autoComplete="new-password"
      value={value}
      onChange={onChange}
      hint={PASSWORD_HINT}
      error={shownError}
      describedBy={strengthId}
      after={
        <PasswordStrength
          id={strengthId}
          check={check}
          hideProblems={Boolean(shownError && check?.problems.includes(shownError))}
        />
      }
    />
  );
}

/** The same rule the server applies, checked early so people are not surprised. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return "Use at least 10 characters.";
  return null;
}
