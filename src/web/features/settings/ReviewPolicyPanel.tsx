import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { QueryError } from "../../lib/QueryError";
import type { ReviewPolicy } from "../../types";
import { Alert, Button, Card, Loading, TextField } from "../../ui";
import { reviewPolicyKey, useReviewPolicy } from "../plans/reviewApi";

// The thresholds of the plan review. They are a fairness policy, so admins and HR for the whole
// organisation set them; everyone who sees the settings can read them.

type Key = keyof ReviewPolicy;

type Threshold = {
  key: Key;
  label: string;
  help: string;
  /** Shares are kept as fractions (0.5) and edited as percentages (50). */
  percent?: boolean;
  min: number;
  max: number;
  unit: string;
};

const thresholds: Threshold[] = [
  {
    key: "minPlanDays",
    label: "Shortest plan",
    unit: "days",
    min: 30,
    max: 365,
    help: "A plan shorter than this is a blocker: improvement takes time. Never less than 30 days.",
  },
  {
    key: "maxCheckinGapDays",
    label: "Longest gap between check-ins",
    unit: "days",
    min: 1,
    max: 14,
    help: "Check-ins further apart leave the employee on their own too long (a warning). 14 means at least every two weeks.",
  },
  {
    key: "earlyWinDays",
    label: "Early win within",
    unit: "days",
    min: 1,
    max: 30,
    help: "The first milestone should fall this soon after the start: a small early success rebuilds confidence.",
  },
  {
    key: "maxGoals",
    label: "Most goals in one plan",
    unit: "goals",
    min: 1,
    max: 5,
    help: "More goals than this spread the effort thin (a warning). A plan never holds more than 5.",
  },
  {
    key: "priorNoticeDays",
    label: "Prior notice looks back",
    unit: "days",
    min: 30,
    max: 365,
    help: "Feedback or a 1:1 on the issue must have been shared with the employee this recently before the plan. Without it the plan would come as a surprise: a blocker.",
  },
  {
    key: "protectedActivityDays",
    label: "Protected activities look back",
    unit: "days",
    min: 180,
    max: 3650,
    help: "A plan this soon after a complaint, a grievance, or a request for promotion, transfer, leave or accommodation is a retaliation risk: a blocker only HR sees.",
  },
  {
    key: "cancelledOneOnOnesShare",
    label: "Cancelled 1:1s that raise a flag",
    unit: "%",
    percent: true,
    min: 10,
    max: 100,
    help: "When at least this share of the manager's 1:1s with the person were cancelled, they had little chance to hear of the issue (a warning).",
  },
  {
    key: "oneOnOneWindowDays",
    label: "1:1s looked at over",
    unit: "days",
    min: 30,
    max: 365,
    help: "The period before the plan in which cancelled 1:1s are counted.",
  },
  {
    key: "targetStretch",
    label: "Target stretch beyond history",
    unit: "%",
    percent: true,
    min: 0,
    max: 100,
    help: "How far a target may go past the best the person or their team has recorded before the review calls it unrealistic (a warning).",
  },
];

const shown = (t: Threshold, policy: ReviewPolicy) =>
  String(t.percent ? Math.round(policy[t.key] * 10000) / 100 : policy[t.key]);

const valuesOf = (policy: ReviewPolicy) =>
  Object.fromEntries(thresholds.map((t) => [t.key, shown(t, policy)])) as Record<Key, string>;

export function ReviewPolicyPanel({ canEdit }: { canEdit: boolean }) {
  const policy = useReviewPolicy();
  return (
    <Card
      title="Plan review policy"
      description="The thresholds Headway's review checks every success plan against, while it is drafted and before it is approved."
    >
      {policy.isPending ? (
        <Loading />
      ) : policy.isError ? (
        <QueryError error={policy.error} onRetry={() => void policy.refetch()} />
      ) : (
        <PolicyForm initial={policy.data} canEdit={canEdit} />
      )}
    </Card>
  );
}

function PolicyForm({ initial, canEdit }: { initial: ReviewPolicy; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => valuesOf(initial));
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (patch: Partial<ReviewPolicy>) => api.patch<ReviewPolicy>("/review/policy", patch),
    onSuccess: (data) => {
      queryClient.setQueryData(reviewPolicyKey, data);
      setValues(valuesOf(data));
      // Every review reads the policy: reviews shown anywhere are out of date now.
      void queryClient.invalidateQueries({ queryKey: ["plans"] });
      setSaved(true);
    },
  });
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const changed = thresholds.filter((t) => values[t.key].trim() !== shown(t, initial));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const problems: Partial<Record<Key, string>> = {};
    const patch: Partial<ReviewPolicy> = {};
    for (const t of changed) {
      const raw = values[t.key].trim();
      const n = Number(raw);
      if (raw === "" || !Number.isFinite(n)) problems[t.key] = "Enter a number.";
      else if (!t.percent && !Number.isInteger(n)) problems[t.key] = "Enter a whole number.";
      else if (n < t.min || n > t.max)
        problems[t.key] = `Enter a number from ${t.min} to ${t.max}.`;
      else patch[t.key] = t.percent ? n / 100 : n;
    }
    setErrors(problems);
    if (Object.keys(problems).length || Object.keys(patch).length === 0) return;
    save.mutate(patch);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Plan review policy">
      {canEdit ? null : (
        <p className="text-sm text-stone-600">
          Admins and HR for the whole organisation can change these thresholds.
        </p>
      )}
      <div className="grid gap-x-6 gap-y-5 md:grid-cols-2">
        {thresholds.map((t) => (
          <TextField
            key={t.key}
            label={`${t.label} (${t.unit})`}
            type="number"
            inputMode="decimal"
            min={t.min}
            max={t.max}
            step={t.percent ? "any" : 1}
            disabled={!canEdit}
            value={values[t.key]}
            hint={t.help}
            error={errors[t.key] ?? serverErrors[t.key]}
            onChange={(e) => {
              setSaved(false);
              setValues((v) => ({ ...v, [t.key]: e.target.value }));
            }}
          />
        ))}
      </div>
      {save.isError && !Object.keys(serverErrors).length ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="submit"
            busy={save.isPending}
            busyLabel="Saving…"
            disabled={changed.length === 0}
          >
            Save the policy
          </Button>
          <p aria-live="polite" className="text-sm text-green-800">
            {saved && changed.length === 0
              ? "Saved. Plans are reviewed against these thresholds from now on."
              : ""}
          </p>
        </div>
      ) : null}
    </form>
  );
}
