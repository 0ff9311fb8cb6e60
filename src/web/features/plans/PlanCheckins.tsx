import { useState } from "react";
import { confidenceFalling, earlyWinToCelebrate } from "../../../modules/guidance/guidance.rules";
import { api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import type { GoalStatus, PlanCheckin } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Field,
  Radio,
  Select,
  TextArea,
  TextField,
} from "../../ui";
import { Guidance } from "../guidance/Guidance";
import { ConfidenceChart, confidenceWords } from "./charts";
import { goalStatusLabel, goalStatusTone } from "./labels";
import type { PlanCtx } from "./PlanSections";
import { usePlanWrite } from "./planApi";

const today = () => new Date().toISOString().slice(0, 10);

/** The check-in to act on next: the earliest one not yet held. */
export function nextCheckin(checkins: PlanCheckin[]): PlanCheckin | undefined {
  return checkins.find((c) => c.status !== "held");
}

export function CheckinsSection({ ctx }: { ctx: PlanCtx }) {
  const { checkins } = ctx.detail;
  const canRecord = Boolean(ctx.detail.abilities["plan.record_checkin"]);
  const isManagerSide = canRecord && !ctx.isEmployee;
  const next = nextCheckin(checkins);
  // The employee rates the earliest check-in that lacks their confidence (held first).
  const toRate =
    ctx.isEmployee && canRecord
      ? (checkins.find((c) => c.status === "held" && c.confidence === null) ?? next)
      : undefined;
  const [recording, setRecording] = useState<string | null>(null);
  const [rating, setRating] = useState<string | null>(null);

  return (
    <Card
      title="Check-ins"
      description="Never more than two weeks apart. Each records progress per goal, the support delivered, and the employee's confidence."
      actions={
        isManagerSide && ctx.detail.abilities["plan.manage"] ? <AddCheckin ctx={ctx} /> : null
      }
    >
      <Guidance
        moment="checkin.early_win"
        when={
          isManagerSide &&
          earlyWinToCelebrate({ goals: ctx.detail.goalProgress, today: today() }) !== null
        }
        className="mb-4"
      />
      {checkins.length === 0 ? (
        <p className="text-sm text-stone-600">
          Check-ins are scheduled from the cadence when the plan starts.
        </p>
      ) : (
        <ol className="divide-y divide-stone-100">
          {checkins.map((c) => {
            const isNext = c.id === next?.id;
            const label = formatDate(c.heldOn ?? c.scheduledOn);
            return (
              <li
                key={c.id}
                className={
                  isNext
                    ? "-mx-2 my-1 rounded-md bg-teal-50 px-2 py-3 ring-1 ring-teal-200"
                    : "py-3"
                }
                aria-current={isNext ? "step" : undefined}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{formatDate(c.scheduledOn)}</span>
                  {c.status === "held" ? (
                    <Badge tone="success">
                      Held{c.heldOn && c.heldOn !== c.scheduledOn ? ` ${formatDate(c.heldOn)}` : ""}
                    </Badge>
                  ) : c.status === "missed" ? (
                    <Badge tone="danger">Missed</Badge>
                  ) : (
                    <Badge>Scheduled</Badge>
                  )}
                  {isNext ? <Badge tone="accent">Next check-in</Badge> : null}
                  {c.confidence !== null ? (
                    <span className="text-sm text-stone-700">
                      Confidence {c.confidence}/5 ({confidenceWords[c.confidence]})
                    </span>
                  ) : null}
                  <span className="ml-auto flex flex-wrap gap-2">
                    {isManagerSide && c.status !== "held" && recording !== c.id ? (
                      <Button
                        size="sm"
                        variant={isNext ? "primary" : "secondary"}
                        aria-label={
                          isNext ? undefined : `Record the ${formatDate(c.scheduledOn)} check-in`
                        }
                        onClick={() => setRecording(c.id)}
                      >
                        {isNext ? "Record check-in" : "Record"}
                      </Button>
                    ) : null}
                    {isManagerSide && c.status === "held" && recording !== c.id ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Edit the ${label} check-in`}
                        onClick={() => setRecording(c.id)}
                      >
                        Edit
                      </Button>
                    ) : null}
                    {ctx.isEmployee &&
                    canRecord &&
                    rating !== c.id &&
                    (c.id === toRate?.id || c.status === "held") ? (
                      <Button
                        size="sm"
                        variant={c.id === toRate?.id ? "primary" : "ghost"}
                        aria-label={
                          c.id === toRate?.id
                            ? undefined
                            : `Change your confidence for the ${label} check-in`
                        }
                        onClick={() => setRating(c.id)}
                      >
                        {c.id === toRate?.id ? "Rate your confidence" : "Change"}
                      </Button>
                    ) : null}
                  </span>
                </div>
                {c.status === "held" ? <CheckinDetails ctx={ctx} checkin={c} /> : null}
                {recording === c.id ? (
                  <RecordCheckinForm ctx={ctx} checkin={c} onDone={() => setRecording(null)} />
                ) : null}
                {rating === c.id ? (
                  <EmployeeCheckinForm ctx={ctx} checkin={c} onDone={() => setRating(null)} />
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}

function CheckinDetails({ ctx, checkin }: { ctx: PlanCtx; checkin: PlanCheckin }) {
  const goals = ctx.detail.goals;
  return (
    <div className="mt-2 space-y-2 text-sm">
      {checkin.goals.length ? (
        <ul className="space-y-1">
          {checkin.goals.map((g) => {
            const goal = goals.find((x) => x.id === g.goalId);
            return (
              <li key={g.goalId} className="flex flex-wrap items-center gap-2">
                <Badge tone={goalStatusTone[g.status]}>{goalStatusLabel[g.status]}</Badge>
                <span>{goal?.description ?? "A goal"}</span>
                {g.value !== null ? (
                  <span className="font-medium">
                    {g.value}
                    {goal?.unit ? ` ${goal.unit}` : ""}
                  </span>
                ) : null}
                {g.note ? <span className="text-stone-600">· {g.note}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {checkin.managerNotes ? (
        <p>
          <span className="font-medium">Manager's notes: </span>
          <span className="whitespace-pre-wrap">{checkin.managerNotes}</span>
        </p>
      ) : null}
      {checkin.employeeNotes ? (
        <p>
          <span className="font-medium">Employee's notes: </span>
          <span className="whitespace-pre-wrap">{checkin.employeeNotes}</span>
        </p>
      ) : null}
      {checkin.nextSteps ? (
        <p>
          <span className="font-medium">Next steps: </span>
          <span className="whitespace-pre-wrap">{checkin.nextSteps}</span>
        </p>
      ) : null}
    </div>
  );
}

function RecordCheckinForm({
  ctx,
  checkin,
  onDone,
}: {
  ctx: PlanCtx;
  checkin: PlanCheckin;
  onDone: () => void;
}) {
  const { goals } = ctx.detail;
  const resources = goals.flatMap((g) => g.resources);
  const planId = ctx.detail.plan.id;
  const [heldOn, setHeldOn] = useState(
    checkin.heldOn ?? (checkin.scheduledOn < today() ? checkin.scheduledOn : today()),
  );
  const [values, setValues] = useState(() =>
    goals.map((g) => {
      const prev = checkin.goals.find((x) => x.goalId === g.id);
      return {
        goalId: g.id,
        value: prev?.value === null || prev?.value === undefined ? "" : String(prev.value),
        status: (prev?.status ?? "on_track") as GoalStatus,
        note: prev?.note ?? "",
      };
    }),
  );
  const [delivered, setDelivered] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(
      resources.map((r) => [
        r.id,
        checkin.resources.find((x) => x.resourceId === r.id)?.delivered ?? false,
      ]),
    ),
  );
  const [managerNotes, setManagerNotes] = useState(checkin.managerNotes);
  const [nextSteps, setNextSteps] = useState(checkin.nextSteps);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = usePlanWrite(
    planId,
    () =>
      api.put(`/plans/${planId}/checkins/${checkin.id}`, {
        heldOn,
        goals: values.map((v) => ({
          goalId: v.goalId,
          value: v.value.trim() === "" ? null : Number(v.value),
          status: v.status,
          note: v.note,
        })),
        resources: resources.map((r) => ({
          resourceId: r.id,
          delivered: Boolean(delivered[r.id]),
        })),
        managerNotes,
        nextSteps,
      }),
    onDone,
  );
  const fieldErrors =
    (save.error as { fieldErrors?: () => Record<string, string> } | null)?.fieldErrors?.() ?? {};
  const err = (path: string) => errors[path] ?? fieldErrors[path] ?? null;

  return (
    <form
      className="mt-3 space-y-4 rounded-md border border-stone-200 bg-white p-4"
      aria-label={`Record the ${formatDate(checkin.scheduledOn)} check-in`}
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = {};
        values.forEach((v, i) => {
          if (v.value.trim() !== "" && Number.isNaN(Number(v.value)))
            problems[`goals.${i}.value`] = "Enter the value as a number, or leave it empty.";
        });
        setErrors(problems);
        if (Object.keys(problems).length === 0) save.mutate(undefined);
      }}
    >
      <TextField
        label="Held on"
        type="date"
        required
        value={heldOn}
        error={err("heldOn")}
        onChange={(e) => setHeldOn(e.target.value)}
      />
      {goals.map((g, i) => (
        <fieldset key={g.id} className="rounded-md bg-stone-50 p-3">
          <legend className="px-1 text-sm font-semibold">
            Goal {i + 1}: {g.description}
          </legend>
          <div className="grid gap-3 sm:grid-cols-3">
            <TextField
              label={`Value${g.unit ? ` (${g.unit})` : ""} for goal ${i + 1}`}
              type="number"
              step="any"
              inputMode="decimal"
              value={values[i]!.value}
              error={err(`goals.${i}.value`)}
              hint={`Target ${g.target ?? "—"}`}
              onChange={(e) =>
                setValues((vs) => vs.map((v, j) => (j === i ? { ...v, value: e.target.value } : v)))
              }
            />
            <Field label={`Status of goal ${i + 1}`} error={err(`goals.${i}.status`)}>
              {(p) => (
                <Select
                  {...p}
                  value={values[i]!.status}
                  onChange={(e) =>
                    setValues((vs) =>
                      vs.map((v, j) =>
                        j === i ? { ...v, status: e.target.value as GoalStatus } : v,
                      ),
                    )
                  }
                >
                  {(Object.keys(goalStatusLabel) as GoalStatus[]).map((s) => (
                    <option key={s} value={s}>
                      {goalStatusLabel[s]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <TextField
              label={`Note on goal ${i + 1}`}
              optional
              value={values[i]!.note}
              onChange={(e) =>
                setValues((vs) => vs.map((v, j) => (j === i ? { ...v, note: e.target.value } : v)))
              }
            />
          </div>
        </fieldset>
      ))}
      {resources.length ? (
        <fieldset>
          <legend className="text-sm font-semibold">
            Support actually delivered since the last check-in
          </legend>
          <div className="mt-2 space-y-2">
            {resources.map((r) => (
              <Checkbox
                key={r.id}
                label={r.description}
                checked={Boolean(delivered[r.id])}
                onChange={(e) => setDelivered((d) => ({ ...d, [r.id]: e.target.checked }))}
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      <Field label="Your notes" optional>
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            value={managerNotes}
            onChange={(e) => setManagerNotes(e.target.value)}
          />
        )}
      </Field>
      <Field label="Next steps" optional>
        {(p) => (
          <TextArea
            {...p}
            rows={2}
            value={nextSteps}
            onChange={(e) => setNextSteps(e.target.value)}
          />
        )}
      </Field>
      {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" busy={save.isPending}>
          Save check-in
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function EmployeeCheckinForm({
  ctx,
  checkin,
  onDone,
}: {
  ctx: PlanCtx;
  checkin: PlanCheckin;
  onDone: () => void;
}) {
  const planId = ctx.detail.plan.id;
  const [confidence, setConfidence] = useState<number | null>(checkin.confidence);
  const [notes, setNotes] = useState(checkin.employeeNotes);
  const [error, setError] = useState<string | null>(null);
  const save = usePlanWrite(
    planId,
    () =>
      api.put(`/plans/${planId}/checkins/${checkin.id}/employee`, {
        confidence,
        employeeNotes: notes,
      }),
    onDone,
  );
  return (
    <form
      className="mt-3 space-y-3 rounded-md border border-stone-200 bg-white p-4"
      aria-label={`Your part of the ${formatDate(checkin.scheduledOn)} check-in`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!confidence) {
          setError("Rate your confidence from 1 to 5.");
          return;
        }
        setError(null);
        save.mutate(undefined);
      }}
    >
      <fieldset aria-describedby={error ? `conf-err-${checkin.id}` : undefined}>
        <legend className="text-sm font-medium text-stone-800">
          How confident are you of reaching your goals?
        </legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {[1, 2, 3, 4, 5].map((n) => (
            <Radio
              key={n}
              name={`confidence-${checkin.id}`}
              label={`${n} – ${confidenceWords[n]}`}
              checked={confidence === n}
              onChange={() => setConfidence(n)}
            />
          ))}
        </div>
        {error ? (
          <p id={`conf-err-${checkin.id}`} className="mt-1 text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Your notes"
        optional
        hint="What went well, what is in the way, what would help."
      >
        {(p) => (
          <TextArea {...p} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        )}
      </Field>
      {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" busy={save.isPending}>
          Save my check-in
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function AddCheckin({ ctx }: { ctx: PlanCtx }) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(today());
  const planId = ctx.detail.plan.id;
  const add = usePlanWrite(
    planId,
    () => api.post(`/plans/${planId}/checkins`, { scheduledOn: date }),
    () => setOpen(false),
  );
  if (!open)
    return (
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        Add a check-in
      </Button>
    );
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(undefined);
      }}
    >
      <TextField
        label="Extra check-in on"
        type="date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      <Button type="submit" size="md" busy={add.isPending}>
        Add
      </Button>
      <Button size="md" variant="ghost" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {add.isError ? <p className="w-full text-sm text-red-700">{messageOf(add.error)}</p> : null}
    </form>
  );
}

export function ConfidenceSection({ ctx }: { ctx: PlanCtx }) {
  const trend = ctx.detail.confidenceTrend;
  const falling = trend.length >= 2 && trend.at(-1)!.confidence < trend.at(-2)!.confidence;
  return (
    <Card
      title="Confidence trend"
      description="The employee's confidence of reaching the goals, at each check-in."
    >
      {trend.length === 0 ? (
        <p className="text-sm text-stone-600">
          No ratings yet.{" "}
          {ctx.isEmployee
            ? "You rate your confidence at each check-in."
            : "The employee rates their confidence at each check-in."}
        </p>
      ) : (
        <>
          <ConfidenceChart trend={trend} />
          {falling && !ctx.isEmployee ? (
            <Alert tone="warning" className="mt-3">
              Confidence fell at the last check-in. Ask what would help and consider adding support.
            </Alert>
          ) : null}
          <Guidance
            moment="checkin.confidence"
            when={
              !ctx.isEmployee &&
              Boolean(ctx.detail.abilities["plan.record_checkin"]) &&
              confidenceFalling(trend.map((t) => t.confidence))
            }
            className="mt-3"
          />
        </>
      )}
    </Card>
  );
}
