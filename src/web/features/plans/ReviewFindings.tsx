import { type ReactNode, useMemo } from "react";
import { formatDate, formatDateTime } from "../../lib/format";
import type { PlanReview, ReviewFinding, Severity } from "../../types";
import { Badge, cx } from "../../ui";
import { reviewNoteId, severityLabel, severityTone } from "./reviewModel";

// How a review finding looks wherever it is shown: beside a field in the editor, in the summary
// before submitting, and in the review HR reads on the plan page.

const noteTone: Record<Severity, string> = {
  blocker: "border-red-600 bg-red-50 text-red-950",
  warning: "border-amber-500 bg-amber-50 text-amber-950",
  info: "border-stone-400 bg-stone-50 text-stone-800",
};

/** One finding: its severity in words (never colour alone), title, message and suggestion. */
export function FindingNote({
  finding,
  where,
  action,
  headingLevel,
}: {
  finding: ReviewFinding;
  /** Where in the plan, when the note is not beside the field itself. */
  where?: ReactNode;
  action?: ReactNode;
  /** Render the title as a heading (in lists under a heading of their own). */
  headingLevel?: 3 | 4;
}) {
  const overridden = Boolean(finding.override);
  const Title = headingLevel === 3 ? "h3" : headingLevel === 4 ? "h4" : "span";
  return (
    <div
      className={cx(
        "rounded-md border-l-4 px-3 py-2 text-sm",
        overridden ? "border-stone-400 bg-stone-50 text-stone-800" : noteTone[finding.severity],
      )}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Badge tone={overridden ? "neutral" : severityTone[finding.severity]}>
          {overridden ? "Overridden blocker" : severityLabel[finding.severity]}
        </Badge>
        <Title className="font-semibold">{finding.title}</Title>
        {where ? <span className="text-stone-600">· {where}</span> : null}
      </div>
      <p className="mt-1">{finding.message}</p>
      {finding.suggestion ? (
        <p className="mt-1">
          <span className="font-semibold">Try: </span>
          {finding.suggestion}
        </p>
      ) : null}
      {finding.override ? <OverrideNote override={finding.override} /> : null}
      {finding.severity === "blocker" && !finding.overridable ? (
        <p className="mt-1 font-medium">No override can let this through: change the plan.</p>
      ) : null}
      {action ? <div className="mt-2 flex flex-wrap gap-2">{action}</div> : null}
    </div>
  );
}

export function OverrideNote({ override }: { override: NonNullable<ReviewFinding["override"]> }) {
  return (
    <div className="mt-2 rounded border border-stone-200 bg-white px-3 py-2 text-stone-800">
      <p className="font-medium">
        Overridden by {override.author.name}{" "}
        <time dateTime={override.createdAt} title={formatDateTime(override.createdAt)}>
          on {formatDate(override.createdAt)}
        </time>
      </p>
      <p className="mt-0.5 whitespace-pre-wrap">
        <span className="sr-only">Reason: </span>
        {override.reason}
      </p>
    </div>
  );
}

/**
 * The live region beside one field: what the review says of it, announced politely as it
 * changes. Always rendered (empty when there is nothing to say) so that the field's
 * aria-describedby points at it and screen readers hear the change.
 */
export function FieldReview({ id, findings }: { id: string; findings: ReviewFinding[] }) {
  return (
    <div
      id={id}
      role="status"
      aria-live="polite"
      className={findings.length ? "mt-2 space-y-2" : undefined}
    >
      {findings.map((f) => (
        <FindingNote key={`${f.code}:${f.path}`} finding={f} />
      ))}
    </div>
  );
}

export type ReviewAt = {
  /** The findings at exactly this path. */
  at: (path: string, keep?: (f: ReviewFinding) => boolean) => ReviewFinding[];
  /** Props for a Field: its review notes under it, and the link for screen readers. */
  field: (
    path: string,
    keep?: (f: ReviewFinding) => boolean,
  ) => { describedBy: string; after: ReactNode };
};

export function useReviewAt(review: PlanReview | undefined): ReviewAt {
  return useMemo(() => {
    const byPath = new Map<string, ReviewFinding[]>();
    for (const f of review?.findings ?? []) {
      const list = byPath.get(f.path) ?? [];
      list.push(f);
      byPath.set(f.path, list);
    }
    const at = (path: string, keep: (f: ReviewFinding) => boolean = () => true) =>
      (byPath.get(path) ?? []).filter(keep);
    return {
      at,
      field: (path, keep) => ({
        describedBy: reviewNoteId(path),
        after: <FieldReview id={reviewNoteId(path)} findings={at(path, keep)} />,
      }),
    };
  }, [review]);
}

/** Counts by severity, as badges. */
export function ReviewCounts({ summary }: { summary: PlanReview["summary"] }) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      <Badge tone={summary.openBlockers ? "danger" : "success"}>
        {summary.openBlockers === 1 ? "1 open blocker" : `${summary.openBlockers} open blockers`}
      </Badge>
      {summary.overridden ? <Badge>{summary.overridden} overridden</Badge> : null}
      <Badge tone={summary.warnings ? "warning" : "neutral"}>
        {summary.warnings === 1 ? "1 warning" : `${summary.warnings} warnings`}
      </Badge>
      <Badge>{summary.info === 1 ? "1 note" : `${summary.info} notes`}</Badge>
    </p>
  );
}
