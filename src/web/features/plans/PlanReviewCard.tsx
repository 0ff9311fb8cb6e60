import { type FormEvent, useState } from "react";
import { ApiError, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import type { PlanDetail, ReviewFinding } from "../../types";
import { Alert, Button, Card, Dialog, Field, LinkButton, Loading, TextArea } from "../../ui";
import type { PlanCtx } from "./PlanSections";
import { FindingNote, ReviewCounts } from "./ReviewFindings";
import { priorNoticeKindLabel, useOverride, usePlanReview } from "./reviewApi";
import { groupFindings, pathLabel } from "./reviewModel";

// The plan page's side of the review: the findings HR reads before approving (with HR's
// overrides, who made them, when and why), and "Before this plan", the record of prior notice
// that everyone who sees the plan sees, the employee included.

const MIN_REASON = 20;
const beforeIssue = ["draft", "in_review", "changes_requested", "approved"];

export function ReviewCard({ detail }: { detail: PlanDetail }) {
  const p = detail.plan;
  const review = usePlanReview(p.id);
  const [overriding, setOverriding] = useState<ReviewFinding | null>(null);
  const issued = !beforeIssue.includes(p.status);
  return (
    <Card
      title="Review"
      description={
        issued
          ? "What Headway's review found in the plan as it stood when it was issued."
          : "What Headway's review finds in this plan. Blockers stop approval and issue until the plan is changed or HR overrides them with a reason."
      }
    >
      <div id="plan-review" tabIndex={-1} className="outline-none">
        {review.isPending ? (
          <Loading label="Reviewing the plan…" />
        ) : review.isError ? (
          <Alert
            tone="error"
            actions={
              <Button size="sm" variant="secondary" onClick={() => void review.refetch()}>
                Try again
              </Button>
            }
          >
            {messageOf(review.error)}
          </Alert>
        ) : (
          <ReviewBody
            detail={detail}
            review={review.data}
            issued={issued}
            onOverride={setOverriding}
          />
        )}
      </div>
      {overriding ? (
        <OverrideDialog planId={p.id} finding={overriding} onClose={() => setOverriding(null)} />
      ) : null}
    </Card>
  );
}

function ReviewBody({
  detail,
  review,
  issued,
  onOverride,
}: {
  detail: PlanDetail;
  review: NonNullable<ReturnType<typeof usePlanReview>["data"]>;
  issued: boolean;
  onOverride: (f: ReviewFinding) => void;
}) {
  const groups = groupFindings(review.findings);
  const isHrReviewer = review.canOverride;
  const sections = [
    { id: "blockers", title: "Blockers", items: groups.blockers },
    { id: "overridden", title: "Overridden blockers", items: groups.overridden },
    { id: "warnings", title: "Warnings", items: groups.warnings },
    { id: "notes", title: "Notes", items: groups.notes },
  ].filter((s) => s.items.length);
  return (
    <>
      <ReviewCounts summary={review.summary} />
      {review.findings.length === 0 ? (
        <p className="mt-3 text-sm text-green-800">
          The review found nothing to fix: measurable goals with support, time to improve, and an
          employee who heard of the issue before.
        </p>
      ) : null}
      {review.summary.openBlockers && !issued ? (
        <Alert tone="warning" className="mt-3">
          {isHrReviewer
            ? "Open blockers stop approval. Override each one with the reason the plan may still go ahead, or ask the manager for changes."
            : detail.abilities["plan.edit"]
              ? "Open blockers stop approval. Fix them in the editor, or HR overrides them with a written reason."
              : "Open blockers stop approval until the plan is changed or HR overrides them."}
        </Alert>
      ) : null}
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={`review-${s.id}`} className="mt-4">
          <h3 id={`review-${s.id}`} className="text-sm font-semibold text-stone-900">
            {s.title} ({s.items.length})
          </h3>
          <ul className="mt-2 space-y-2">
            {s.items.map((f) => (
              <li key={`${f.code}:${f.path}`}>
                <FindingNote
                  finding={f}
                  where={pathLabel(f.path)}
                  action={
                    review.canOverride &&
                    f.severity === "blocker" &&
                    f.overridable &&
                    !f.override ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        aria-label={`Override: ${f.title}`}
                        onClick={() => onOverride(f)}
                      >
                        Override
                      </Button>
                    ) : null
                  }
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="mt-4 text-xs text-stone-500">Reviewed {formatDateTime(review.reviewedAt)}</p>
    </>
  );
}

function OverrideDialog({
  planId,
  finding,
  onClose,
}: {
  planId: string;
  finding: ReviewFinding;
  onClose: () => void;
}) {
  const override = useOverride(planId);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const serverField =
    override.error instanceof ApiError ? override.error.fieldErrors().reason : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const length = reason.trim().length;
    if (length < MIN_REASON) {
      setError(
        `Write at least ${MIN_REASON} characters (${length} so far): the reason is part of the plan's record.`,
      );
      return;
    }
    setError(null);
    override.mutate(
      { code: finding.code, path: finding.path, reason: reason.trim() },
      { onSuccess: onClose },
    );
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Override: ${finding.title}`}
      description="The plan may then be approved despite this blocker. Your reason stays on the plan's record, with your name, and is printed in its PDF."
    >
      <form className="space-y-4" onSubmit={submit} noValidate>
        <div className="rounded-md bg-stone-50 px-3 py-2 text-sm text-stone-800">
          {finding.message}
        </div>
        <Field
          label="Why the plan may go ahead"
          hint={`At least ${MIN_REASON} characters. Say what you checked, and why this blocker does not apply here.`}
          error={error ?? serverField}
        >
          {(p) => (
            <TextArea
              {...p}
              rows={4}
              required
              minLength={MIN_REASON}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        {override.isError && !serverField ? (
          <Alert tone="error">{messageOf(override.error)}</Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={override.isPending} busyLabel="Overriding…">
            Override the blocker
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** When the manager raised the issue before the plan: shown to everyone who sees the plan. */
export function PriorNoticeSection({ ctx }: { ctx: PlanCtx }) {
  const { detail, isEmployee } = ctx;
  const items = detail.priorNotice;
  const canRecord = Boolean(detail.abilities["plan.edit"]) && detail.plan.issuedVersion === 0;
  return (
    <Card
      title="Before this plan"
      description={
        isEmployee
          ? "When your manager raised this with you before the plan."
          : "When the manager raised the issue with the employee before the plan. The employee sees this too."
      }
    >
      {items.length === 0 ? (
        <div className="text-sm text-stone-600">
          {isEmployee ? (
            <p>Your manager has recorded no earlier conversation about this.</p>
          ) : canRecord ? (
            <>
              <p>
                Nothing recorded yet. A plan should never be the first time someone hears of an
                issue: record when you raised it, in the editor under “Before this plan”.
              </p>
              <LinkButton to={`/plans/${detail.plan.id}/edit`} size="sm" className="mt-3">
                Record prior notice
              </LinkButton>
            </>
          ) : (
            <p>The manager has recorded no earlier conversation about the issue.</p>
          )}
        </div>
      ) : (
        <ul className="divide-y divide-stone-100">
          {items.map((n) => (
            <li key={n.id} className="py-3 text-sm first:pt-0 last:pb-0">
              <p className="font-medium text-stone-900">
                {formatDate(n.heldOn)} · {priorNoticeKindLabel[n.kind]}
              </p>
              <p className="mt-0.5 whitespace-pre-wrap text-stone-800">{n.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
