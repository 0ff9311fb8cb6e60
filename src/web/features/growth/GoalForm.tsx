import { type FormEvent, useId, useState } from "react";
import { ApiError, messageOf } from "../../api";
import { Alert, Button, Field, Input, TextArea, TextField } from "../../ui";
import { GoalHints, today } from "./bits";
import { useGoalCheck } from "./growthApi";
import type { GrowthGoal } from "./types";

// The SMART fields of a growth goal, each explained where it is filled in, with the goal language
// checker's hints live under the title while typing. Used to write a new goal and to edit one.

export type GoalDraft = {
  title: string;
  specific: string;
  measure: string;
  baseline: string;
  target: string;
  relevance: string;
  dueOn: string;
};

export type GoalInput = {
  title: string;
  specific: string;
  measure: string;
  baseline: number | null;
  target: number | null;
  relevance: string;
  dueOn: string | null;
};

export const emptyDraft: GoalDraft = {
  title: "",
  specific: "",
  measure: "",
  baseline: "",
  target: "",
  relevance: "",
  dueOn: "",
};

export function draftOf(goal: GrowthGoal): GoalDraft {
  return {
    title: goal.title,
    specific: goal.specific,
    measure: goal.measure,
    baseline: goal.baseline === null ? "" : String(goal.baseline),
    target: goal.target === null ? "" : String(goal.target),
    relevance: goal.relevance,
    dueOn: goal.dueOn ?? "",
  };
}

const toNumber = (s: string): number | null => {
  const t = s.trim().replace(",", ".");
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
};

/** Checks what the browser can, in the server's words; returns the input or the problems. */
function validate(d: GoalDraft): { input: GoalInput } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  if (!d.title.trim()) problems.title = "Write the goal's title.";
  const baseline = toNumber(d.baseline);
  const target = toNumber(d.target);
  if (Number.isNaN(baseline)) problems.baseline = "Enter a number, or leave it empty.";
  if (Number.isNaN(target)) problems.target = "Enter a number, or leave it empty.";
  if (Object.keys(problems).length) return { problems };
  return {
    input: {
      title: d.title.trim(),
      specific: d.specific.trim(),
      measure: d.measure.trim(),
      baseline,
      target,
      relevance: d.relevance.trim(),
      dueOn: d.dueOn || null,
    },
  };
}

export function GoalForm({
  initial,
  submitLabel,
  busyLabel,
  busy,
  error,
  onSubmit,
  onCancel,
  forSelf,
}: {
  initial: GoalDraft;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: GoalInput) => void;
  onCancel: () => void;
  /** The employee writes about themselves ("you"); a manager about their report. */
  forSelf: boolean;
}) {
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const check = useGoalCheck(draft.title, draft.specific);
  const hintsId = useId();
  const set = (k: keyof GoalDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [k]: value }));
    if (problems[k]) setProblems(({ [k]: _, ...rest }) => rest);
  };
  const server = error instanceof ApiError ? error.fieldErrors() : {};
  const err = (k: string) => problems[k] ?? server[k] ?? null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validate(draft);
    if ("problems" in result) {
      setProblems(result.problems);
      return;
    }
    setProblems({});
    onSubmit(result.input);
  };
  const you = forSelf ? "you" : "they";
  // The checker reads the words alone; a date in "By when" already makes the goal time-bound.
  const findings = draft.title.trim()
    ? (check.data?.findings ?? []).filter((f) => !(draft.dueOn && f.code === "goal.not_time_bound"))
    : [];

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Growth goal">
      <TextField
        label="The goal"
        hint={`Specific: one thing ${you} want to get better at, in words about work and behaviour rather than personality. For example “Lead the weekly planning meeting on my own”.`}
        value={draft.title}
        maxLength={200}
        required
        error={err("title")}
        onChange={(e) => set("title")(e.target.value)}
        describedBy={hintsId}
        after={
          <GoalHints
            id={hintsId}
            findings={findings}
            intro="Hints on the wording (they never stop you saving):"
          />
        }
      />
      <Field
        label="What exactly it means"
        optional
        hint="What will be different when it is done, and how would someone else notice?"
        error={err("specific")}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            maxLength={2000}
            value={draft.specific}
            onChange={(e) => set("specific")(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="How it is measured"
        optional
        hint="Measurable: the number or the evidence that shows progress, e.g. “planning meetings led”, “review comments answered within a day”."
        error={err("measure")}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={2}
            maxLength={2000}
            value={draft.measure}
            onChange={(e) => set("measure")(e.target.value)}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Where it stands now"
          optional
          hint="The baseline, in the measure above."
          error={err("baseline")}
        >
          {(p) => (
            <Input
              {...p}
              inputMode="decimal"
              value={draft.baseline}
              onChange={(e) => set("baseline")(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Target"
          optional
          hint={`Achievable: a stretch ${you} can reach with the time and support ${you} have.`}
          error={err("target")}
        >
          {(p) => (
            <Input
              {...p}
              inputMode="decimal"
              value={draft.target}
              onChange={(e) => set("target")(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field
        label="Why it matters"
        optional
        hint={`Relevant: how it connects to ${forSelf ? "your" : "their"} role, the team, or ${forSelf ? "your" : "their"} long-term goals.`}
        error={err("relevance")}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={2}
            maxLength={2000}
            value={draft.relevance}
            onChange={(e) => set("relevance")(e.target.value)}
          />
        )}
      </Field>
      <TextField
        label="By when"
        type="date"
        optional
        min={today()}
        hint="Time-bound: a date turns a wish into a plan."
        value={draft.dueOn}
        error={err("dueOn")}
        onChange={(e) => set("dueOn")(e.target.value)}
        className="max-w-xs"
      />
      {error && !Object.keys(server).length ? <Alert tone="error">{messageOf(error)}</Alert> : null}
      {Object.keys(problems).length ? (
        <Alert tone="error">Some fields need a look: see the messages above.</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
