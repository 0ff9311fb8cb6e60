import { useEffect, useState } from "react";
import type { PasswordCheck, PasswordContext } from "../../../modules/auth/auth.passwords";
import { useDebounced } from "../../lib/hooks";
import { cx } from "../../ui";

type Checker = (password: string, context?: PasswordContext) => PasswordCheck;

// The server's own policy, loaded when a password is first typed (its word lists are large).
let checker: Promise<Checker> | null = null;
function loadChecker(): Promise<Checker> {
  checker ??= import("../../../modules/auth/auth.passwords").then((m) => m.checkPassword);
  return checker;
}

/** The policy's verdict on a password being typed: null until there is something to say. */
export function usePasswordCheck(password: string, context: PasswordContext): PasswordCheck | null {
  const typed = useDebounced(password, 250);
  const [result, setResult] = useState<PasswordCheck | null>(null);
  const contextKey = JSON.stringify(context);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the context is compared by value
  useEffect(() => {
    if (!typed) {
      setResult(null);
      return;
    }
    let live = true;
    loadChecker()
      .then((check) => {
        if (live) setResult(check(typed, context));
      })
      .catch(() => {
        // Without the hints the server still says what it refuses.
      });
    return () => {
      live = false;
    };
  }, [typed, contextKey]);
  return password ? result : null;
}

const labels = [
  "Very easy to guess",
  "Easy to guess",
  "Still easy to guess",
  "Strong",
  "Very strong",
];

/**
 * Says, as the person types, whether the password will be accepted and why not: the same
 * rules the server applies when it is saved.
 */
export function PasswordStrength({
  id,
  check,
  hideProblems = false,
}: {
  id: string;
  /** From usePasswordCheck. */
  check: PasswordCheck | null;
  /** When the field already shows the same refusal as its error. */
  hideProblems?: boolean;
}) {
  const accepted = check ? check.problems.length === 0 : false;
  const score = check ? (accepted ? Math.max(check.score, 3) : Math.min(check.score, 2)) : 0;
  return (
    <div id={id} aria-live="polite" className="text-sm">
      {check ? (
        <>
          <div className="flex items-center gap-2">
            <div className="flex flex-1 gap-1" aria-hidden="true">
              {[0, 1, 2, 3].map((i) => (
                <span
                  key={i}
                  className={cx(
                    "h-1.5 flex-1 rounded-full",
                    i < Math.max(1, score)
                      ? accepted
                        ? "bg-green-600"
                        : score <= 1
                          ? "bg-red-600"
                          : "bg-amber-500"
                      : "bg-stone-200",
                  )}
                />
              ))}
            </div>
            <span className={cx("font-medium", accepted ? "text-green-800" : "text-red-800")}>
              {labels[score]}
            </span>
          </div>
          {hideProblems ? null : check.problems.length ? (
            <ul className="mt-1 space-y-1 text-stone-700">
              {check.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-stone-600">Good: this password will be accepted.</p>
          )}
        </>
      ) : null}
    </div>
  );
}
