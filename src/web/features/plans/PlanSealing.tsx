import { useQuery } from "@tanstack/react-query";
import type { JSONParsed } from "hono/utils/types";
import { useEffect } from "react";
import type { getCarryOnDraft } from "../../../modules/plans/plans.sealing.service";
import { api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import type { PlanDetail } from "../../types";
import { Alert, Button, Field, Loading, TextArea, TextField } from "../../ui";

// Life after a plan: the growth plan that carries on when a plan closes with its goals met (in
// the close dialog), and the banner on a sealed plan saying who may still open it.

/** One goal of the growth plan as the close dialog edits it (the server's draft shape). */
export type CarryOnGoal = JSONParsed<Awaited<ReturnType<typeof getCarryOnDraft>>>["goals"][number];

/** At most this many goals carry on (plans.sealing.rules MAX_CARRY_ON_GOALS). */
const MAX_GOALS = 5;

const emptyGoal: CarryOnGoal = { title: "", specific: "", measure: "", dueOn: null };

/** What the close dialog sends: trimmed, an empty date as none. */
export function carryOnBody(goals: CarryOnGoal[]): CarryOnGoal[] {
  return goals.map((g) => ({
    title: g.title.trim(),
    specific: g.specific.trim(),
    measure: g.measure.trim(),
    dueOn: g.dueOn ? g.dueOn : null,
  }));
}

/**
 * "Carry on as a growth plan", shown in the close dialog when the outcome is Goals met: the
 * drafted goals, pre-filled and editable; the manager may remove any and add their own. While
 * `goals` is null the draft is loaded and put in place.
 */
export function CarryOnGoalsFields({
  detail,
  goals,
  onChange,
  errors,
}: {
  detail: PlanDetail;
  goals: CarryOnGoal[] | null;
  onChange: (goals: CarryOnGoal[]) => void;
  /** Field errors from the server, keyed by path (growthGoals.0.dueOn). */
  errors: Record<string, string>;
}) {
  const planId = detail.plan.id;
  const draft = useQuery({
    queryKey: ["plans", "carry-on", planId],
    queryFn: () => api.get<{ goals: CarryOnGoal[] }>(`/plans/${planId}/carry-on`),
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (goals === null && draft.data) onChange(draft.data.goals);
  }, [goals, draft.data, onChange]);

  const name = detail.plan.employee.name;
  const set = (i: number, patch: Partial<CarryOnGoal>) =>
    onChange((goals ?? []).map((g, j) => (j === i ? { ...g, ...patch } : g)));

  return (
    <section
      aria-labelledby="carry-on-title"
      className="rounded-md border border-teal-200 bg-teal-50/40 p-3"
    >
      <h3 id="carry-on-title" className="text-sm font-semibold text-stone-900">
        Carry on as a growth plan
      </h3>
      <p className="mt-1 text-sm text-stone-700">
        With its goals met, the plan is sealed: {name}, HR and the manager who ran it can still open
        it (the manager for a limited time), and a future manager cannot. These growth goals carry
        on from it, so {name} keeps what they reached and keeps growing. Change them, remove any, or
        add your own.
      </p>
      {goals === null ? (
        draft.isError ? (
          <Alert tone="warning" className="mt-3">
            The suggested goals could not be loaded ({messageOf(draft.error)}). If you close the
            plan now, they are written from the plan's goals for you.
          </Alert>
        ) : (
          <Loading />
        )
      ) : (
        <>
          {errors.growthGoals ? (
            <p className="mt-2 text-sm font-medium text-red-700">{errors.growthGoals}</p>
          ) : null}
          {goals.length === 0 ? (
            <p className="mt-3 text-sm text-stone-600">
              No growth goals: the plan closes without a growth plan. Add one if {name} should carry
              something on; either of you can also add growth goals later.
            </p>
          ) : (
            <ol className="mt-3 space-y-4">
              {goals.map((g, i) => {
                const at = `growthGoals.${i}`;
                return (
                  // Goals have no id until they are saved; their place is who they are here.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the list is edited in place
                  <li key={i}>
                    <fieldset className="space-y-3 rounded-md border border-stone-200 bg-white p-3">
                      <legend className="px-1 text-sm font-medium text-stone-800">
                        Growth goal {i + 1}
                      </legend>
                      <TextField
                        label="Goal"
                        required
                        maxLength={200}
                        value={g.title}
                        error={errors[`${at}.title`]}
                        onChange={(e) => set(i, { title: e.target.value })}
                      />
                      <Field label="What exactly" optional error={errors[`${at}.specific`]}>
                        {(p) => (
                          <TextArea
                            {...p}
                            rows={2}
                            maxLength={2000}
                            value={g.specific}
                            onChange={(e) => set(i, { specific: e.target.value })}
                          />
                        )}
                      </Field>
                      <Field label="How it is measured" optional error={errors[`${at}.measure`]}>
                        {(p) => (
                          <TextArea
                            {...p}
                            rows={2}
                            maxLength={2000}
                            value={g.measure}
                            onChange={(e) => set(i, { measure: e.target.value })}
                          />
                        )}
                      </Field>
                      <div className="flex flex-wrap items-end justify-between gap-3">
                        <TextField
                          label="Due date"
                          optional
                          type="date"
                          value={g.dueOn ?? ""}
                          error={errors[`${at}.dueOn`]}
                          onChange={(e) => set(i, { dueOn: e.target.value || null })}
                        />
                        <Button
                          size="sm"
                          variant="secondary"
                          onClick={() => onChange(goals.filter((_, j) => j !== i))}
                        >
                          Remove<span className="sr-only"> growth goal {i + 1}</span>
                        </Button>
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ol>
          )}
          <Button
            size="sm"
            variant="secondary"
            className="mt-3"
            disabled={goals.length >= MAX_GOALS}
            onClick={() => onChange([...goals, emptyGoal])}
          >
            Add a growth goal
          </Button>
          {goals.length >= MAX_GOALS ? (
            <p className="mt-1 text-sm text-stone-600">
              Five is the most that carry on at closing; more can be added later.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The banner on a sealed plan: who may still open it, and that a later manager cannot. */
export function SealedBanner({ detail, isEmployee }: { detail: PlanDetail; isEmployee: boolean }) {
  const p = detail.plan;
  if (!p.sealed || !p.sealedAt) return null;
  const employee = isEmployee ? "you" : p.employee.name;
  const until = p.sealedManagerUntil;
  const managerOpen = until !== null && new Date(until).getTime() > Date.now();
  return (
    <Alert tone="info" title="This plan is sealed">
      <p>
        Sealed on {formatDate(p.sealedAt)}:{" "}
        {managerOpen
          ? `visible to ${employee}, HR and ${p.manager.name} until ${formatDate(until)}; later managers cannot open it.`
          : `visible to ${employee} and HR${
              until ? `; ${p.manager.name}'s access ended on ${formatDate(until)}` : ""
            }. Later managers cannot open it.`}
      </p>
      <p className="mt-1">
        The goals were met, so the plan does not follow {isEmployee ? "you" : p.employee.name}{" "}
        around. Every time someone opens it, that is recorded.
      </p>
    </Alert>
  );
}
