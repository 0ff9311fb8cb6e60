import type { PlanReview, ReviewFinding } from "../../types";
import { Alert, Badge, Button, Card, Loading } from "../../ui";
import { type StepId, steps } from "./editorModel";
import { FindingNote, type ReviewAt, ReviewCounts } from "./ReviewFindings";
import {
  groupFindings,
  pathLabel,
  reviewNoteId,
  severityLabel,
  severityTone,
  stepOfFinding,
} from "./reviewModel";

// The parts of the editor that show the live review beyond a single field: the notes at the top
// of a step, the plan-wide panel and the summary before submitting.

const stepLabel = (id: StepId) => steps.find((s) => s.id === id)?.label ?? id;

/** A step's own notes (about its section as a whole), announced as they change. */
export function StepReview({
  rv,
  path,
  label,
  keep,
}: {
  rv: ReviewAt;
  path: string;
  label: string;
  keep?: (f: ReviewFinding) => boolean;
}) {
  const findings = rv.at(path, keep);
  return (
    <div
      id={reviewNoteId(path)}
      role="status"
      aria-live="polite"
      aria-label={label}
      className={findings.length ? "space-y-2" : undefined}
    >
      {findings.map((f) => (
        <FindingNote key={`${f.code}:${f.path}`} finding={f} />
      ))}
    </div>
  );
}

function GoTo({ finding, onGo }: { finding: ReviewFinding; onGo: (s: StepId) => void }) {
  const step = stepOfFinding(finding);
  if (step === "submit") return null;
  return (
    <Button size="sm" variant="secondary" onClick={() => onGo(step)}>
      Go to {stepLabel(step)}
    </Button>
  );
}

/** At the top of the last step: what the review says of the plan as a whole. */
export function PlanWidePanel({ rv, onGo }: { rv: ReviewAt; onGo: (s: StepId) => void }) {
  const findings = rv.at("plan");
  return (
    <Card
      level={3}
      title="The plan as a whole"
      description="What the review notices beyond any one field: what happened before the plan, and the 1:1s that led up to it."
    >
      <div
        id={reviewNoteId("plan")}
        role="status"
        aria-live="polite"
        aria-label="The plan as a whole"
        className="space-y-2"
      >
        {findings.length ? (
          findings.map((f) => (
            <FindingNote
              key={`${f.code}:${f.path}`}
              finding={f}
              action={<GoTo finding={f} onGo={onGo} />}
            />
          ))
        ) : (
          <p className="text-sm text-green-800">
            Nothing to raise about the plan as a whole: the employee has heard of the issue before.
          </p>
        )}
      </div>
    </Card>
  );
}

/** The summary before submitting: counts, what they mean for HR's approval, and every finding. */
export function ReviewSubmitSummary({
  review,
  failed,
  onGo,
}: {
  review: PlanReview | undefined;
  failed: boolean;
  onGo: (s: StepId) => void;
}) {
  if (!review)
    return (
      <Card level={3} title="What the review found">
        {failed ? (
          <Alert tone="warning">
            The review could not run just now. You can still submit: HR sees the review of the saved
            plan before approving it.
          </Alert>
        ) : (
          <Loading label="Reviewing the plan…" />
        )}
      </Card>
    );
  const { summary } = review;
  const groups = groupFindings(review.findings);
  const final = groups.blockers.filter((f) => !f.overridable);
  const sections = [
    { title: "Blockers", items: groups.blockers },
    { title: "Overridden by HR", items: groups.overridden },
    { title: "Warnings", items: groups.warnings },
    { title: "Notes", items: groups.notes },
  ].filter((s) => s.items.length);
  return (
    <Card
      level={3}
      title="What the review found"
      description="Headway reviews every plan for what would make it unfair. HR reads the same review."
    >
      <ReviewCounts summary={summary} />
      <div className="mt-3">
        {summary.openBlockers ? (
          <Alert tone="warning" title="HR must override blockers before approval">
            {summary.openBlockers === 1
              ? "One blocker is open. "
              : `${summary.openBlockers} blockers are open. `}
            You can still submit, but the plan cannot be approved or issued until each blocker is
            fixed, or HR overrides it with a written reason that stays on the record. Fixing them
            now is the quicker way.
            {final.length ? (
              <span className="mt-1 block font-medium">
                {final.map((f) => f.title).join(", ")} cannot be overridden: the plan cannot go
                ahead while {final.length === 1 ? "it stands" : "they stand"}.
              </span>
            ) : null}
          </Alert>
        ) : summary.warnings || summary.info ? (
          <Alert tone="success" title="No blockers">
            Nothing stops this plan. The warnings and notes below are worth a look before you
            submit: each one is a way to make the plan fairer and easier to meet.
          </Alert>
        ) : (
          <Alert tone="success" title="The review found nothing to fix">
            Clear goals, support for each, time to improve and an employee who has heard of the
            issue before: this plan gives a fair chance. HR still reads it before it is issued.
          </Alert>
        )}
      </div>
      {sections.map((s) => (
        <section key={s.title} className="mt-4" aria-label={s.title}>
          <h4 className="text-sm font-semibold text-stone-900">
            {s.title} ({s.items.length})
          </h4>
          <ul className="mt-2 divide-y divide-stone-100 rounded-md border border-stone-200">
            {s.items.map((f) => (
              <li
                key={`${f.code}:${f.path}`}
                className="flex flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 text-sm"
              >
                <Badge tone={f.override ? "neutral" : severityTone[f.severity]}>
                  {f.override ? "Overridden" : severityLabel[f.severity]}
                </Badge>
                <span className="font-medium text-stone-900">{f.title}</span>
                <span className="text-stone-600">· {pathLabel(f.path)}</span>
                <span className="ml-auto">
                  <GoTo finding={f} onGo={onGo} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {sections.length ? (
        <p className="mt-3 text-sm text-stone-600">
          Each finding is explained, with what to try instead, beside the field it concerns.
        </p>
      ) : null}
    </Card>
  );
}
