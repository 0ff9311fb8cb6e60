import type { ReactNode } from "react";
import { Link } from "react-router";
import { Badge, type BadgeTone, cx } from "../../ui";
import type { GoalFinding, GoalStatus, WordingHint } from "./types";

// Small pieces the coaching pages share: progress bars, hint notes, labels.

export const firstName = (name: string) => name.split(" ")[0] ?? name;
export const today = () => new Date().toISOString().slice(0, 10);

/** A progress bar with its number in words beside it (never the bar alone). */
export function ProgressBar({
  value,
  label,
  className,
  showValue = true,
}: {
  value: number;
  /** What the bar measures, for screen readers, e.g. the goal's title. */
  label: string;
  className?: string;
  showValue?: boolean;
}) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className={cx("flex items-center gap-3", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={v}
        aria-valuetext={`${v}%`}
        className="h-2 min-w-16 flex-1 overflow-hidden rounded-full bg-stone-200"
      >
        <div
          className={cx("h-full rounded-full", v >= 100 ? "bg-green-600" : "bg-teal-600")}
          style={{ width: `${v}%` }}
        />
      </div>
      {showValue ? (
        <span className="w-10 shrink-0 text-right text-sm tabular-nums text-stone-700">{v}%</span>
      ) : null}
    </div>
  );
}

export const goalStatusLabel: Record<GoalStatus, string> = {
  active: "Active",
  achieved: "Achieved",
  dropped: "Dropped",
};
export const goalStatusTone: Record<GoalStatus, BadgeTone> = {
  active: "accent",
  achieved: "success",
  dropped: "neutral",
};

/**
 * One hint from a language check. Hints never block: they are worded as suggestions, with the
 * kind of hint in words (never colour alone).
 */
export function HintNote({
  tone,
  label,
  message,
  suggestion,
}: {
  tone: "warning" | "info";
  label: string;
  message: ReactNode;
  suggestion?: ReactNode;
}) {
  return (
    <div
      className={cx(
        "rounded-md border-l-4 px-3 py-2 text-sm",
        tone === "warning"
          ? "border-amber-500 bg-amber-50 text-amber-950"
          : "border-stone-400 bg-stone-50 text-stone-800",
      )}
    >
      <p>
        <Badge tone={tone === "warning" ? "warning" : "neutral"} className="mr-2">
          {label}
        </Badge>
        {message}
      </p>
      {suggestion ? (
        <p className="mt-1">
          <span className="font-semibold">Try: </span>
          {suggestion}
        </p>
      ) : null}
    </div>
  );
}

const goalFindingTitle: Record<string, string> = {
  "goal.trait_based": "About a trait",
  "goal.vague": "Vague",
  "goal.not_measurable": "Not measurable yet",
  "goal.absolute": "All or nothing",
  "goal.not_time_bound": "No time frame",
};

/** The goal language checker's hints, in a polite live region so changes are announced. */
export function GoalHints({
  id,
  findings,
  intro,
}: {
  id?: string;
  findings: GoalFinding[];
  intro?: ReactNode;
}) {
  return (
    <div id={id} role="status" aria-live="polite" className={findings.length ? "space-y-2" : ""}>
      {findings.length && intro ? <p className="text-sm text-stone-700">{intro}</p> : null}
      {findings.map((f) => (
        <HintNote
          key={f.code}
          tone={f.severity === "info" ? "info" : "warning"}
          label={goalFindingTitle[f.code] ?? (f.severity === "info" ? "Note" : "Hint")}
          message={f.message}
          suggestion={f.suggestion}
        />
      ))}
    </div>
  );
}

/** "Impact, not emotion" hints on a discussion's words. */
export function WordingHints({ id, hints }: { id?: string; hints: WordingHint[] }) {
  return (
    <div id={id} role="status" aria-live="polite" className={hints.length ? "space-y-2" : ""}>
      {hints.map((h) => (
        <HintNote
          key={`${h.code}:${h.words.join(",")}`}
          tone="warning"
          label="Impact, not emotion"
          message={h.message}
          suggestion={h.suggestion}
        />
      ))}
    </div>
  );
}

/** A label–text pair for long text, keeping the writer's line breaks; `extra` goes under the text. */
export function TextBlock({
  label,
  children,
  empty = "—",
  extra,
  className,
}: {
  label: ReactNode;
  children: string | null | undefined;
  empty?: ReactNode;
  extra?: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-stone-900">
        <span className="whitespace-pre-wrap">
          {children?.trim() ? children : <span className="text-stone-500">{empty}</span>}
        </span>
        {extra ? <div className="mt-2">{extra}</div> : null}
      </dd>
    </div>
  );
}

/** The breadcrumb back to a person's page. */
export function PersonCrumb({
  person,
  here,
}: {
  person: { id: string; name: string } | null;
  here: string;
}) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm">
      {person ? (
        <>
          <Link to={`/people/${person.id}`} className="text-teal-800 underline underline-offset-2">
            {person.name}
          </Link>
          <span aria-hidden="true" className="mx-2 text-stone-400">
            /
          </span>
        </>
      ) : null}
      <span aria-current="page" className="text-stone-600">
        {here}
      </span>
    </nav>
  );
}
