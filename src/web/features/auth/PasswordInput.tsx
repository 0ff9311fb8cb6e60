import { useState } from "react";
import { Button, Field, Input } from "../../ui";

export const PASSWORD_HINT =
  "At least 10 characters. A few unrelated words make a strong password.";

/** A password field with a show/hide toggle. */
export function PasswordField({
  label,
  value,
  onChange,
  error,
  hint,
  autoComplete,
  name = "password",
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
  autoComplete: "current-password" | "new-password";
  name?: string;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <Field label={label} error={error} hint={hint}>
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

/** The same rule the server applies, checked early so people are not surprised. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return "Use at least 10 characters.";
  return null;
}
