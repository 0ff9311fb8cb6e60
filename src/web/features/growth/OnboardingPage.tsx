import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  cx,
  Field,
  LinkButton,
  Loading,
  PageHeader,
  TextArea,
  TextField,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { firstName, PersonCrumb, today } from "./bits";
import { isNotFound, onboardingKey, onboardingListKey, useOnboardingPlan } from "./growthApi";
import type { OnboardingPlan, OnboardingStage } from "./types";

// An onboarding plan: its stages as a timeline with due dates, what success looks like at each
// (editable by the manager or HR), and a check-in per stage with both sides' notes.

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round(
    (new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY,
  );

/** Where a stage stands, in words: checked in, due, overdue or upcoming. */
export function StageStatusBadge({ stage }: { stage: OnboardingStage }) {
  if (stage.status === "checked_in")
    return (
      <Badge tone="success">
        Checked in{stage.checkedInAt ? ` ${formatDate(stage.checkedInAt)}` : ""}
      </Badge>
    );
  const days = daysBetween(today(), stage.dueOn);
  if (days < 0)
    return <Badge tone="warning">Check-in overdue since {formatDate(stage.dueOn)}</Badge>;
  if (days === 0) return <Badge tone="warning">Check-in due today</Badge>;
  if (days <= 7) return <Badge tone="accent">Due in {days === 1 ? "1 day" : `${days} days`}</Badge>;
  return <Badge>Due {formatDate(stage.dueOn)}</Badge>;
}

export function OnboardingPage() {
  const { id = "" } = useParams();
  const plan = useOnboardingPlan(id);
  const me = useSignedIn();
  const isSelf = plan.data?.person.id === me.person.id;
  useDocumentTitle(
    plan.data
      ? isSelf
        ? "Your onboarding plan"
        : `Onboarding plan for ${plan.data.person.name}`
      : "Onboarding plan",
  );
  if (plan.isPending) return <Loading />;
  if (plan.isError) {
    if (isNotFound(plan.error))
      return (
        <>
          <PageHeader title="Onboarding plan not found" />
          <Alert
            tone="info"
            title="This onboarding plan does not exist, or is not yours to see."
            actions={<LinkButton to="/">Home</LinkButton>}
          />
        </>
      );
    return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  }
  return <PlanView plan={plan.data} isSelf={isSelf} />;
}

function PlanView({ plan, isSelf }: { plan: OnboardingPlan; isSelf: boolean }) {
  const me = useSignedIn();
  const writesTemplates = me.roles.includes("admin") || me.roles.includes("hr");
  const first = firstName(plan.person.name);
  const checked = plan.stages.filter((s) => s.status === "checked_in").length;
  return (
    <>
      <PersonCrumb person={plan.person} here="Onboarding plan" />
      <PageHeader
        title={isSelf ? "Your onboarding plan" : `Onboarding plan for ${plan.person.name}`}
        description={
          isSelf
            ? `What success looks like in your first months, stage by stage. You and ${plan.manager.name} both see this plan, and you check in together at each stage.`
            : `What success looks like in ${first}'s first months, stage by stage. ${first} sees this whole plan, your check-in notes included.`
        }
        actions={
          writesTemplates ? (
            <LinkButton to="/onboarding/templates">Onboarding templates</LinkButton>
          ) : undefined
        }
      />
      <p className="-mt-3 mb-6 flex flex-wrap items-center gap-2 text-sm text-stone-600">
        <Badge tone={plan.status === "completed" ? "success" : "accent"}>
          {plan.status === "completed" ? "Completed" : "Active"}
        </Badge>
        <span>Started {formatDate(plan.startDate)}</span>
        <span>· Manager: {plan.manager.name}</span>
        <span>
          · {checked} of {plan.stages.length} check-ins done
        </span>
      </p>
      <ol
        className="relative space-y-6 border-l-2 border-stone-200 pl-6 sm:ml-3"
        aria-label="Stages"
      >
        {plan.stages.map((s) => (
          <StageItem key={s.id} plan={plan} stage={s} isSelf={isSelf} />
        ))}
      </ol>
    </>
  );
}

function usePlanSaved(plan: OnboardingPlan) {
  const queryClient = useQueryClient();
  return (next: OnboardingPlan) => {
    queryClient.setQueryData(onboardingKey(plan.id), next);
    void queryClient.invalidateQueries({ queryKey: onboardingListKey(plan.person.id) });
  };
}

function StageItem({
  plan,
  stage,
  isSelf,
}: {
  plan: OnboardingPlan;
  stage: OnboardingStage;
  isSelf: boolean;
}) {
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const done = stage.status === "checked_in";
  return (
    <li className="relative" aria-labelledby={headingId}>
      <span
        aria-hidden="true"
        className={cx(
          "absolute top-4 -left-[2.1rem] flex size-5 items-center justify-center rounded-full border-2 text-[10px] font-bold",
          done ? "border-green-600 bg-green-600 text-white" : "border-stone-300 bg-white",
        )}
      >
        {done ? "✓" : ""}
      </span>
      <Card padded={false}>
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-stone-100 px-4 py-3 sm:px-5">
          <div className="min-w-0">
            <p className="text-xs font-medium uppercase tracking-wide text-stone-500">
              Day {stage.day} · due {formatDate(stage.dueOn)}
            </p>
            <h2 id={headingId} className="text-base font-semibold text-stone-900">
              {stage.title}
            </h2>
          </div>
          <StageStatusBadge stage={stage} />
        </div>
        <div className="grid gap-5 px-4 py-4 sm:px-5 md:grid-cols-2">
          <section aria-label={`What success looks like: ${stage.title}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-sm font-semibold text-stone-900">What success looks like</h3>
              {plan.abilities.editStages && !editing ? (
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-teal-800"
                  onClick={() => setEditing(true)}
                >
                  Edit<span className="sr-only"> the stage “{stage.title}”</span>
                </Button>
              ) : null}
            </div>
            {editing ? (
              <StageEditor plan={plan} stage={stage} onDone={() => setEditing(false)} />
            ) : stage.success.length ? (
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-stone-800">
                {stage.success.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines may repeat; order is the identity
                  <li key={i}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm text-stone-500">
                Not written yet.
                {plan.abilities.editStages ? " Say what a good first stage looks like." : ""}
              </p>
            )}
          </section>
          <section aria-label={`Check-in: ${stage.title}`} className="space-y-4">
            <h3 className="text-sm font-semibold text-stone-900">Check-in</h3>
            <ManagerSide plan={plan} stage={stage} />
            <EmployeeSide plan={plan} stage={stage} isSelf={isSelf} />
          </section>
        </div>
      </Card>
    </li>
  );
}

function StageEditor({
  plan,
  stage,
  onDone,
}: {
  plan: OnboardingPlan;
  stage: OnboardingStage;
  onDone: () => void;
}) {
  const [title, setTitle] = useState(stage.title);
  const [lines, setLines] = useState(stage.success.join("\n"));
  const saved = usePlanSaved(plan);
  const save = useMutation({
    mutationFn: () =>
      api.patch<OnboardingPlan>(`/onboarding-plans/${plan.id}/stages/${stage.id}`, {
        title: title.trim(),
        success: lines
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
      }),
    onSuccess: (next) => {
      saved(next);
      onDone();
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const successError = Object.entries(fieldErrors).find(([k]) => k.startsWith("success"))?.[1];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="mt-2 space-y-3" aria-label="Edit the stage">
      <TextField
        label="Stage title"
        value={title}
        maxLength={200}
        error={fieldErrors.title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <Field
        label="What success looks like"
        hint="One point per line. This changes this plan only, not the template."
        error={successError}
      >
        {(p) => (
          <TextArea {...p} rows={6} value={lines} onChange={(e) => setLines(e.target.value)} />
        )}
      </Field>
      {save.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" busy={save.isPending} busyLabel="Saving…">
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const ratingLabels: Record<number, string> = {
  1: "Not going well",
  2: "Some concerns",
  3: "On track",
  4: "Going well",
  5: "Going very well",
};

function RatingPicker({
  value,
  onChange,
  error,
}: {
  value: number | null;
  onChange: (v: number) => void;
  error?: string | null;
}) {
  const name = useId();
  return (
    <fieldset>
      <legend className="text-sm font-medium text-stone-800">How it is going</legend>
      <div className="mt-1.5 flex max-w-xs overflow-hidden rounded-md border border-stone-300 bg-white shadow-sm">
        {[1, 2, 3, 4, 5].map((v) => (
          <label
            key={v}
            title={ratingLabels[v]}
            className={cx(
              "flex h-9 flex-1 cursor-pointer items-center justify-center border-stone-300 text-sm text-stone-700 not-first:border-l",
              "hover:bg-stone-100 has-checked:bg-teal-700 has-checked:text-white has-checked:hover:bg-teal-800",
              "has-focus-visible:outline-2 has-focus-visible:-outline-offset-2 has-focus-visible:outline-teal-900",
            )}
          >
            <input
              type="radio"
              name={name}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
              className="sr-only"
            />
            <span aria-hidden="true">{v}</span>
            <span className="sr-only">
              {v} – {ratingLabels[v]}
            </span>
          </label>
        ))}
      </div>
      <p className="mt-1 text-sm text-stone-600" aria-live="polite">
        {value ? `${value} – ${ratingLabels[value]}` : "1 is not going well, 5 is going very well."}
      </p>
      {error ? <p className="text-sm font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}

function ManagerSide({ plan, stage }: { plan: OnboardingPlan; stage: OnboardingStage }) {
  const [editing, setEditing] = useState(false);
  const can = plan.abilities.checkInAsManager;
  const recorded = stage.rating !== null;
  // The stage to check in at now stands out; later ones wait their turn.
  const dueSoon = daysBetween(today(), stage.dueOn) <= 7;
  if (editing)
    return <ManagerCheckinForm plan={plan} stage={stage} onDone={() => setEditing(false)} />;
  return (
    <div className="rounded-md border border-stone-200 bg-stone-50 px-3 py-2">
      <p className="text-xs font-medium uppercase tracking-wide text-stone-500">
        {plan.manager.name} (manager)
      </p>
      {recorded ? (
        <>
          <p className="mt-1 text-sm font-medium text-stone-900">
            {stage.rating} of 5 – {ratingLabels[stage.rating ?? 0]}
          </p>
          {stage.managerNotes ? (
            <p className="mt-1 text-sm whitespace-pre-wrap text-stone-800">{stage.managerNotes}</p>
          ) : null}
          {stage.checkedInAt ? (
            <p className="mt-1 text-xs text-stone-500">
              Checked in {formatDateTime(stage.checkedInAt)}
            </p>
          ) : null}
        </>
      ) : (
        <p className="mt-1 text-sm text-stone-600">
          {can
            ? `No check-in yet. Around ${formatDate(stage.dueOn)}, talk through this stage together, then record how it is going.`
            : "No check-in yet."}
        </p>
      )}
      {can ? (
        <Button
          size="sm"
          variant={recorded ? "ghost" : dueSoon ? "primary" : "secondary"}
          className={recorded ? "mt-2 text-teal-800" : "mt-2"}
          onClick={() => setEditing(true)}
        >
          {recorded ? "Change the check-in" : "Record the check-in"}
          <span className="sr-only"> for “{stage.title}”</span>
        </Button>
      ) : null}
    </div>
  );
}

function ManagerCheckinForm({
  plan,
  stage,
  onDone,
}: {
  plan: OnboardingPlan;
  stage: OnboardingStage;
  onDone: () => void;
}) {
  const [rating, setRating] = useState<number | null>(stage.rating);
  const [notes, setNotes] = useState(stage.managerNotes);
  const [problem, setProblem] = useState<string | null>(null);
  const saved = usePlanSaved(plan);
  const save = useMutation({
    mutationFn: (r: number) =>
      api.put<OnboardingPlan>(`/onboarding-plans/${plan.id}/stages/${stage.id}/manager`, {
        rating: r,
        notes: notes.trim(),
      }),
    onSuccess: (next) => {
      saved(next);
      onDone();
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating === null) {
      setProblem("Rate how it is going from 1 to 5.");
      return;
    }
    setProblem(null);
    save.mutate(rating);
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-md border border-stone-200 bg-white p-3"
      aria-label={`Manager's check-in: ${stage.title}`}
    >
      <RatingPicker
        value={rating}
        onChange={(v) => {
          setRating(v);
          setProblem(null);
        }}
        error={problem ?? fieldErrors.rating}
      />
      <Field
        label="Your notes"
        optional
        hint={`What went well, what to work on next. ${firstName(plan.person.name)} sees these notes.`}
        error={fieldErrors.notes}
      >
        {(p) => (
          <TextArea {...p} rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
        )}
      </Field>
      {save.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" busy={save.isPending} busyLabel="Saving…">
          Save the check-in
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function EmployeeSide({
  plan,
  stage,
  isSelf,
}: {
  plan: OnboardingPlan;
  stage: OnboardingStage;
  isSelf: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const can = plan.abilities.checkInAsEmployee;
  const name = isSelf ? "You" : plan.person.name;
  if (editing)
    return <EmployeeNotesForm plan={plan} stage={stage} onDone={() => setEditing(false)} />;
  return (
    <div className="rounded-md border border-teal-100 bg-teal-50/40 px-3 py-2">
      <p className="text-xs font-medium uppercase tracking-wide text-stone-500">
        {name} ({isSelf ? "your notes" : "their notes"})
      </p>
      {stage.employeeNotes ? (
        <p className="mt-1 text-sm whitespace-pre-wrap text-stone-800">{stage.employeeNotes}</p>
      ) : (
        <p className="mt-1 text-sm text-stone-600">
          {can
            ? "How is this stage going for you? What helped, what is still unclear, what would you like more of?"
            : "No notes yet."}
        </p>
      )}
      {can ? (
        <Button
          size="sm"
          variant={stage.employeeNotes ? "ghost" : "secondary"}
          className={stage.employeeNotes ? "mt-2 text-teal-800" : "mt-2"}
          onClick={() => setEditing(true)}
        >
          {stage.employeeNotes ? "Edit your notes" : "Write your notes"}
          <span className="sr-only"> for “{stage.title}”</span>
        </Button>
      ) : null}
    </div>
  );
}

function EmployeeNotesForm({
  plan,
  stage,
  onDone,
}: {
  plan: OnboardingPlan;
  stage: OnboardingStage;
  onDone: () => void;
}) {
  const [notes, setNotes] = useState(stage.employeeNotes);
  const saved = usePlanSaved(plan);
  const save = useMutation({
    mutationFn: () =>
      api.put<OnboardingPlan>(`/onboarding-plans/${plan.id}/stages/${stage.id}/employee`, {
        notes: notes.trim(),
      }),
    onSuccess: (next) => {
      saved(next);
      onDone();
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
      className="space-y-3 rounded-md border border-stone-200 bg-white p-3"
      aria-label={`Your notes: ${stage.title}`}
    >
      <Field
        label="Your notes"
        hint={`In your own words. ${plan.manager.name} sees them.`}
        error={fieldErrors.notes}
      >
        {(p) => (
          <TextArea {...p} rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />
        )}
      </Field>
      {save.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" busy={save.isPending} busyLabel="Saving…">
          Save your notes
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
