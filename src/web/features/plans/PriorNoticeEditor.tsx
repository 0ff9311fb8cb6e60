import { type FormEvent, useState } from "react";
import { ApiError, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import type { PriorNoticeKind } from "../../types";
import { Alert, Button, Card, Field, Loading, Select, TextArea, TextField } from "../../ui";
import { StepReview } from "./ReviewEditorParts";
import type { ReviewAt } from "./ReviewFindings";
import {
  priorNoticeKindLabel,
  useAddPriorNotice,
  usePriorNotice,
  useRemovePriorNotice,
  useReviewPolicy,
} from "./reviewApi";

// "Before this plan": when the manager raised the issue with the employee before. A plan should
// never be the first time someone hears there is a problem; without a record of it the review
// reports a blocker that only HR can override.

const kinds = Object.keys(priorNoticeKindLabel) as PriorNoticeKind[];
const today = () => new Date().toISOString().slice(0, 10);

export function PriorNoticeStep({
  planId,
  employeeName,
  issued,
  rv,
}: {
  planId: string;
  employeeName: string;
  issued: boolean;
  rv: ReviewAt;
}) {
  const notices = usePriorNotice(planId);
  const policy = useReviewPolicy();
  const remove = useRemovePriorNotice(planId);
  const days = policy.data?.priorNoticeDays ?? 90;
  const first = employeeName.split(" ")[0] ?? employeeName;
  return (
    <>
      <div className="max-w-prose space-y-2 text-sm text-stone-700">
        <p>
          A plan must never be the first time someone hears there is a problem. Record when you
          raised this issue with {first} before: written feedback, a 1:1, a documented discussion or
          an email.
        </p>
        <p>
          HR checks this before approving the plan. With nothing shared with {first} in the {days}{" "}
          days before, the review reports a blocker that only HR can override, with a reason.
        </p>
      </div>
      <StepReview
        rv={rv}
        path="plan"
        label="Review of prior notice"
        keep={(f) => f.code === "plan.surprise"}
      />
      <Card
        level={3}
        title="When you raised it before"
        description={`${first} sees every entry here, word for word, on the plan.`}
      >
        {notices.isPending ? (
          <Loading />
        ) : notices.isError ? (
          <Alert tone="error">{messageOf(notices.error)}</Alert>
        ) : notices.data.items.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 px-4 py-5 text-center text-sm text-stone-600">
            Nothing recorded yet.{" "}
            {issued
              ? "The plan has been issued, so this can no longer change."
              : "Add the first time you raised the issue: the date, how, and what was said."}
          </p>
        ) : (
          <ul className="divide-y divide-stone-100" aria-label="Prior notice">
            {notices.data.items.map((n) => (
              <li key={n.id} className="flex flex-wrap items-start gap-3 py-3 first:pt-0">
                <div className="min-w-0 flex-1 text-sm">
                  <p className="font-medium text-stone-900">
                    {formatDate(n.heldOn)} · {n.kindLabel}
                  </p>
                  <p className="mt-0.5 whitespace-pre-wrap text-stone-800">{n.summary}</p>
                </div>
                {issued ? null : (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove the ${n.kindLabel.toLowerCase()} of ${formatDate(n.heldOn)}`}
                    busy={remove.isPending && remove.variables === n.id}
                    onClick={() => remove.mutate(n.id)}
                  >
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {remove.isError ? (
          <Alert tone="error" className="mt-3">
            {messageOf(remove.error)}
          </Alert>
        ) : null}
      </Card>
      {issued ? (
        <Alert tone="info" title="This plan has reached the employee">
          What was said before it is part of the record now and cannot change.
        </Alert>
      ) : (
        <AddPriorNotice planId={planId} first={first} />
      )}
    </>
  );
}

function AddPriorNotice({ planId, first }: { planId: string; first: string }) {
  const add = useAddPriorNotice(planId);
  const [heldOn, setHeldOn] = useState("");
  const [kind, setKind] = useState<PriorNoticeKind>("one_on_one");
  const [summary, setSummary] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [added, setAdded] = useState(false);
  const server = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const shown = { ...server, ...errors };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(false);
    const next: Record<string, string> = {};
    if (!heldOn) next.heldOn = "Choose the date it happened.";
    else if (heldOn > today())
      next.heldOn = "Prior notice has already happened: choose a past date.";
    if (!summary.trim()) next.summary = "Say what was discussed or shared.";
    setErrors(next);
    if (Object.keys(next).length) return;
    add.mutate(
      { heldOn, kind, summary: summary.trim() },
      {
        onSuccess: () => {
          setHeldOn("");
          setSummary("");
          setAdded(true);
        },
      },
    );
  };

  return (
    <Card level={3} title="Add an earlier conversation">
      <form className="space-y-4" onSubmit={submit} noValidate aria-label="Add prior notice">
        <div className="grid gap-4 sm:grid-cols-[11rem_1fr]">
          <TextField
            label="When"
            type="date"
            max={today()}
            required
            value={heldOn}
            error={shown.heldOn}
            onChange={(e) => setHeldOn(e.target.value)}
          />
          <Field label="How" error={shown.kind}>
            {(p) => (
              <Select
                {...p}
                value={kind}
                onChange={(e) => setKind(e.target.value as PriorNoticeKind)}
              >
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {priorNoticeKindLabel[k]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <Field
          label="What was said or shared"
          hint={`${first} will see this on the plan, as you write it. Describe the issue as you raised it, and what you agreed.`}
          error={shown.summary}
        >
          {(p) => (
            <TextArea
              {...p}
              rows={3}
              required
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
            />
          )}
        </Field>
        {add.isError && !Object.keys(server).length ? (
          <Alert tone="error">{messageOf(add.error)}</Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={add.isPending} busyLabel="Adding…">
            Add to the record
          </Button>
          <p aria-live="polite" className="text-sm text-green-800">
            {added ? "Added. The review has been updated." : ""}
          </p>
        </div>
      </form>
    </Card>
  );
}
