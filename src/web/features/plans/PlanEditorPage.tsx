import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { readsAsProhibitions, standardMissing } from "../../../modules/guidance/guidance.rules";
import { checkinDates } from "../../../modules/plans/plans.rules";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { type SaveState, useAutosave } from "../../lib/useAutosave";
import type { CauseKind, PlanDetail, PlanReview, ResourceKind, ResourceStatus } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  cx,
  Field,
  LinkButton,
  Loading,
  Radio,
  Select,
  TextArea,
  TextField,
} from "../../ui";
import { ResourceBadges } from "../catalogue/ResourceBadges";
import { ResourcePicker } from "../catalogue/ResourcePicker";
import { Guidance } from "../guidance/Guidance";
import { PersonPicker } from "../people/PersonPicker";
import {
  addDays,
  adoptAddedResources,
  adoptIds,
  bodyFromDraft,
  type DraftEvidence,
  type DraftGoal,
  type DraftPlan,
  daysBetween,
  draftFromPlan,
  newKey,
  type StepId,
  stepOfPath,
  steps,
} from "./editorModel";
import {
  causeHint,
  causeLabel,
  planTitle,
  resourceLabel,
  resourceStatusLabel,
  statusLabel,
  statusTone,
} from "./labels";
import { PriorNoticeStep } from "./PriorNoticeEditor";
import { planKey, plansKey, usePlan } from "./planApi";
import { PlanWidePanel, ReviewSubmitSummary, StepReview } from "./ReviewEditorParts";
import { type ReviewAt, useReviewAt } from "./ReviewFindings";
import { useDraftReview } from "./reviewApi";
import { draftForReview, stepOfFinding } from "./reviewModel";

const MAX_GOALS = 5;

export function PlanEditorPage() {
  const { id = "" } = useParams();
  const plan = usePlan(id);
  useDocumentTitle(
    plan.data ? `Edit: ${planTitle(plan.data.plan.employee.name)}` : "Edit success plan",
  );
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <QueryError error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data.abilities["plan.edit"]) {
    return (
      <Alert
        tone="info"
        title="This plan cannot be edited by you."
        actions={<LinkButton to={`/plans/${id}`}>Open the plan</LinkButton>}
      >
        Only the plan's manager edits it, and never once it is closed.
      </Alert>
    );
  }
  return <Editor initial={plan.data} />;
}

/** Autosave: a debounced PUT carrying the version last read; a stale one answers 409. */
function usePlanAutosave(initial: PlanDetail) {
  const queryClient = useQueryClient();
  const planId = initial.plan.id;
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState(initial.problems ?? []);

  /** Takes a plan the server answered with: the query cache, the plans lists, its problems. */
  const took = useCallback(
    (saved: PlanDetail) => {
      queryClient.setQueryData(planKey(planId), saved);
      void queryClient.invalidateQueries({
        queryKey: plansKey,
        exact: false,
        refetchType: "none",
      });
      setProblems(saved.problems ?? []);
    },
    [planId, queryClient],
  );

  const autosave = useAutosave<DraftPlan, PlanDetail>({
    initialDraft: () => draftFromPlan(initial),
    initialVersion: initial.plan.version,
    send: (sent, version) => api.put<PlanDetail>(`/plans/${planId}`, bodyFromDraft(sent, version)),
    versionOf: (saved) => saved.plan.version,
    fetchTheirs: () => api.get<PlanDetail>(`/plans/${planId}`),
    draftOf: draftFromPlan,
    conflictOf: (e) => {
      if (!(e instanceof ApiError && e.status === 409)) return undefined;
      const details = e.details as { plan?: PlanDetail } | PlanDetail | undefined;
      const theirs =
        details && "plan" in details && details.plan
          ? details.plan
          : (details as PlanDetail | undefined);
      return theirs && "plan" in theirs ? theirs : null;
    },
    onSaved: (saved, sent, current) => {
      took(saved);
      setFieldErrors({});
      return adoptIds(current, sent, saved);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400) setFieldErrors(e.fieldErrors());
    },
    onLoaded: (theirs) => {
      queryClient.setQueryData(planKey(planId), theirs);
      setProblems(theirs.problems ?? []);
    },
  });
  const { flush, current, hold, adopt } = autosave;

  /**
   * Adds a resource on the server (the resource picker): saves what is pending first, holds
   * autosave while the request runs, then takes the plan's new version and the new row, so the
   * next save neither conflicts nor deletes it.
   */
  const addResource = useCallback(
    async (goalKey: string, send: (goalId: string) => Promise<PlanDetail>) => {
      if (!(await flush()))
        throw new Error(
          "The plan has changes that are not saved yet. Fix what is marked, then add the resource.",
        );
      const goalId = current().goals.find((g) => g.key === goalKey)?.id;
      if (!goalId) throw new Error("Save the goal first, then add resources to it.");
      await hold(async () => {
        const saved = await send(goalId);
        took(saved);
        adopt(saved.plan.version, (d) => adoptAddedResources(d, saved));
      });
    },
    [flush, current, hold, adopt, took],
  );

  return {
    draft: autosave.draft,
    change: autosave.change,
    flush,
    state: autosave.state,
    savedAt: autosave.savedAt,
    error: autosave.error,
    fieldErrors,
    problems,
    conflict: autosave.state === "conflict",
    loadTheirs: autosave.loadTheirs,
    keepMine: autosave.keepMine,
    version: autosave.version,
    addResource,
  };
}

function Editor({ initial }: { initial: PlanDetail }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const autosave = usePlanAutosave(initial);
  const { draft, change, fieldErrors } = autosave;
  const issued = initial.plan.issuedVersion > 0;
  // Before the plan reaches the employee, the first question is whether they heard of it before.
  const [step, setStep] = useState<StepId>(issued ? "evidence" : "before");
  const answeredAt = useMemo(
    () => new Map(initial.evidence.map((e) => [e.id, e.answeredAt] as const)),
    [initial],
  );
  const reviewDraft = useMemo(() => draftForReview(draft, answeredAt), [draft, answeredAt]);
  const review = useDraftReview(initial.plan.id, reviewDraft);
  const rv = useReviewAt(review.data);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const index = steps.findIndex((s) => s.id === step);
  const isDraft = initial.plan.status === "draft" || initial.plan.status === "changes_requested";

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the step
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const err = (path: string) => fieldErrors[path] ?? null;
  const stepErrors = (id: StepId) =>
    Object.keys(fieldErrors).filter((p) => stepOfPath(p) === id).length;
  const stepFindings = (id: StepId) =>
    (review.data?.findings ?? []).filter((f) => !f.override && stepOfFinding(f) === id);

  const submit = async () => {
    setSubmitError(null);
    setSubmitting(true);
    try {
      const ok = await autosave.flush();
      if (!ok) {
        setSubmitError("The latest changes could not be saved. Fix what is marked, then submit.");
        return;
      }
      await api.post(`/plans/${initial.plan.id}/transitions`, {
        action: "submit",
        version: autosave.version.current,
      });
      await queryClient.invalidateQueries({ queryKey: plansKey });
      navigate(`/plans/${initial.plan.id}`);
    } catch (e) {
      setSubmitError(messageOf(e));
    } finally {
      setSubmitting(false);
    }
  };

  const latestChanges = initial.reviews.filter((r) => r.decision === "changes_requested").at(-1);

  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <p className="mb-1 text-sm text-stone-600">
            <Link to="/plans" className="text-teal-800 underline-offset-2 hover:underline">
              Success plans
            </Link>{" "}
            /{" "}
            <Link
              to={`/plans/${initial.plan.id}`}
              className="text-teal-800 underline-offset-2 hover:underline"
            >
              {initial.plan.employee.name}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight text-stone-900">
            {planTitle(initial.plan.employee.name)}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-600">
            <Badge tone={statusTone[initial.plan.status]}>{statusLabel[initial.plan.status]}</Badge>
            <SaveStatus state={autosave.state} savedAt={autosave.savedAt} />
            <ReviewStatus
              summary={review.data?.summary}
              checking={review.checking}
              failed={review.isError}
            />
          </p>
        </div>
        <LinkButton to={`/plans/${initial.plan.id}`}>View the plan</LinkButton>
      </div>

      {autosave.conflict ? (
        <Alert
          tone="error"
          title="Someone else changed this plan"
          className="mb-5"
          actions={
            <>
              <Button size="sm" onClick={() => void autosave.loadTheirs()}>
                Load their version
              </Button>
              <Button size="sm" variant="secondary" onClick={() => void autosave.keepMine()}>
                Keep my changes
              </Button>
            </>
          }
        >
          Your latest changes were not saved, so neither of you loses work. Load their version to
          continue from it (your unsaved changes will be dropped), or keep yours to save over
          theirs.
        </Alert>
      ) : null}
      {autosave.state === "error" && autosave.error ? (
        <Alert tone="error" title="Not saved yet" className="mb-5">
          {autosave.error}
          {Object.keys(fieldErrors).length ? " The fields that need attention are marked." : null}
        </Alert>
      ) : null}
      {!isDraft ? (
        <Alert tone="info" className="mb-5" title="This plan has been issued">
          Changes you save now make a new version. The employee sees exactly what changed and
          acknowledges it again.
        </Alert>
      ) : null}
      {initial.plan.status === "changes_requested" && latestChanges ? (
        <Alert tone="warning" className="mb-5" title="HR asked for changes">
          <p className="whitespace-pre-wrap">{latestChanges.comment}</p>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
        <nav aria-label="Plan steps" className="min-w-0">
          <ol className="relative flex gap-1 overflow-x-auto pb-1 lg:flex-col lg:overflow-visible">
            {steps.map((s, i) => {
              const current = s.id === step;
              const errors = stepErrors(s.id);
              const found = stepFindings(s.id);
              const blockers = found.filter((f) => f.severity === "blocker").length;
              const warnings = found.filter((f) => f.severity === "warning").length;
              return (
                <li key={s.id} className="shrink-0">
                  <button
                    type="button"
                    aria-current={current ? "step" : undefined}
                    onClick={() => setStep(s.id)}
                    className={cx(
                      "flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm font-medium",
                      current
                        ? "bg-teal-50 text-teal-900 ring-1 ring-teal-300"
                        : "text-stone-700 hover:bg-stone-100",
                    )}
                  >
                    <span
                      aria-hidden="true"
                      className={cx(
                        "inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs",
                        current ? "bg-teal-700 text-white" : "bg-stone-200 text-stone-700",
                      )}
                    >
                      {i + 1}
                    </span>
                    <span className="flex min-w-0 flex-col">
                      <span>
                        <span className="sr-only">Step {i + 1}: </span>
                        {s.label}
                      </span>
                      {errors ? (
                        <span className="text-xs font-normal text-red-700">
                          <span className="sr-only">, </span>
                          {errors} to fix
                        </span>
                      ) : blockers ? (
                        <span className="text-xs text-red-700">
                          <span className="sr-only">, </span>
                          {blockers === 1 ? "1 blocker" : `${blockers} blockers`}
                        </span>
                      ) : warnings ? (
                        <span className="text-xs font-normal text-amber-800">
                          <span className="sr-only">, </span>
                          {warnings === 1 ? "1 warning" : `${warnings} warnings`}
                        </span>
                      ) : null}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>

        <section aria-labelledby="step-heading" className="min-w-0">
          <h2
            id="step-heading"
            ref={headingRef}
            tabIndex={-1}
            className="mb-4 text-xl font-semibold text-stone-900 outline-none"
          >
            <span className="sr-only">
              Step {index + 1} of {steps.length}:{" "}
            </span>
            {steps[index]?.label}
          </h2>
          <div className="space-y-5">
            {step === "before" ? (
              <PriorNoticeStep
                planId={initial.plan.id}
                employeeName={initial.plan.employee.name}
                issued={issued}
                rv={rv}
              />
            ) : null}
            {step === "evidence" ? (
              <EvidenceStep draft={draft} change={change} err={err} rv={rv} />
            ) : null}
            {step === "diagnosis" ? (
              <DiagnosisStep
                draft={draft}
                change={change}
                err={err}
                rv={rv}
                planId={initial.plan.id}
                employeeId={initial.plan.employee.id}
              />
            ) : null}
            {step === "goals" ? (
              <GoalsStep
                draft={draft}
                change={change}
                err={err}
                rv={rv}
                employeeId={initial.plan.employee.id}
                employeeName={initial.plan.employee.name}
                planId={initial.plan.id}
                addResource={autosave.addResource}
              />
            ) : null}
            {step === "milestones" ? (
              <MilestonesStep draft={draft} change={change} err={err} rv={rv} />
            ) : null}
            {step === "schedule" ? (
              <ScheduleStep draft={draft} change={change} err={err} rv={rv} />
            ) : null}
            {step === "good-faith" ? (
              <GoodFaithStep draft={draft} change={change} err={err} rv={rv} />
            ) : null}
            {step === "submit" ? (
              <SubmitStep
                draft={draft}
                change={change}
                err={err}
                rv={rv}
                review={review.data}
                reviewFailed={review.isError}
                problems={autosave.problems}
                onGo={setStep}
                employeeId={initial.plan.employee.id}
                managerId={initial.plan.manager.id}
                canSubmit={initial.allowedActions.includes("submit") || isDraft}
                submitting={submitting}
                submitError={submitError}
                onSubmit={() => void submit()}
                planId={initial.plan.id}
              />
            ) : null}
          </div>
          <div className="mt-6 flex flex-wrap justify-between gap-2 border-t border-stone-200 pt-4">
            {index > 0 ? (
              <Button variant="secondary" onClick={() => setStep(steps[index - 1]!.id)}>
                Back: {steps[index - 1]!.label}
              </Button>
            ) : (
              <span />
            )}
            {index < steps.length - 1 ? (
              <Button onClick={() => setStep(steps[index + 1]!.id)}>
                Next: {steps[index + 1]!.label}
              </Button>
            ) : null}
          </div>
        </section>
      </div>
    </>
  );
}

function SaveStatus({ state, savedAt }: { state: SaveState; savedAt: string | null }) {
  const text =
    state === "saving"
      ? "Saving…"
      : state === "saved"
        ? "Saved"
        : state === "error"
          ? "Not saved"
          : state === "conflict"
            ? "Not saved: someone else changed this plan"
            : savedAt
              ? "Unsaved changes"
              : "Changes save as you go";
  return (
    <span
      role="status"
      aria-live="polite"
      className={cx(
        "text-sm",
        state === "error" || state === "conflict" ? "font-medium text-red-700" : "text-stone-600",
      )}
      title={savedAt ? `Last saved ${formatDateTime(savedAt)}` : undefined}
    >
      {text}
    </span>
  );
}

/** The live review in a few words, beside the save status. */
function ReviewStatus({
  summary,
  checking,
  failed,
}: {
  summary: { openBlockers: number; warnings: number; info: number } | undefined;
  checking: boolean;
  failed: boolean;
}) {
  if (failed && !summary)
    return <span className="text-sm text-stone-600">· The review could not run just now</span>;
  if (!summary) return <span className="text-sm text-stone-600">· Reviewing…</span>;
  const { openBlockers: b, warnings: w } = summary;
  return (
    <span className="text-sm text-stone-600">
      ·{" "}
      {checking ? (
        "Reviewing…"
      ) : b || w ? (
        <>
          Review:{" "}
          {b ? (
            <span className="font-medium text-red-800">
              {b === 1 ? "1 blocker" : `${b} blockers`}
            </span>
          ) : null}
          {b && w ? ", " : null}
          {w ? (
            <span className="text-amber-900">{w === 1 ? "1 warning" : `${w} warnings`}</span>
          ) : null}
        </>
      ) : (
        "Review: nothing to fix"
      )}
    </span>
  );
}

type StepProps = {
  draft: DraftPlan;
  change: (fn: (d: DraftPlan) => DraftPlan) => void;
  err: (path: string) => string | null;
  /** What the live review says, field by field. */
  rv: ReviewAt;
};

const numberOrNull = (v: string) => (v.trim() === "" || Number.isNaN(Number(v)) ? null : Number(v));

function replaceAt<T>(list: T[], i: number, patch: Partial<T>): T[] {
  return list.map((x, j) => (j === i ? { ...x, ...patch } : x));
}

// ---------- Evidence ----------

function EvidenceStep({ draft, change, err, rv }: StepProps) {
  const setEvidence = (i: number, patch: Partial<DraftEvidence>) =>
    change((d) => ({ ...d, evidence: replaceAt(d.evidence, i, patch) }));
  const add = (kind: "metric" | "incident") =>
    change((d) => ({
      ...d,
      evidence: [
        ...d.evidence,
        {
          key: newKey(),
          kind,
          title: "",
          description: "",
          impact: "",
          occurredOn: null,
          unit: "",
          source: "",
          series: kind === "metric" ? [{ date: "", value: 0 }] : [],
        },
      ],
    }));
  return (
    <>
      <p className="max-w-prose text-sm text-stone-700">
        Start from what you both can see. Write the standard that is not being met, then the
        evidence: metric series and dated incidents, each with its impact. The employee will see
        every item and answer it.
      </p>
      <StepReview rv={rv} path="evidence" label="About the evidence" />
      <Card title="The standard" level={3}>
        <Field
          label="What is expected, in plain words"
          hint="Clarity is kindness: the standard, not a judgement of the person. For example: “Resolve customer tickets within 2 working days.”"
          error={err("standard")}
          {...rv.field("standard")}
        >
          {(p) => (
            <TextArea
              {...p}
              rows={3}
              value={draft.standard}
              onChange={(e) => change((d) => ({ ...d, standard: e.target.value }))}
            />
          )}
        </Field>
        <Guidance moment="plan.standard" when={standardMissing(draft.standard)} className="mt-3" />
      </Card>
      <Guidance moment="plan.evidence" />
      {err("evidence") ? <Alert tone="error">{err("evidence")}</Alert> : null}
      {draft.evidence.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-600">
          No evidence yet. Add a metric series (dated values) or an incident (what happened and its
          impact).
        </p>
      ) : null}
      {draft.evidence.map((e, i) => (
        <Card
          key={e.key}
          level={3}
          title={`${e.kind === "metric" ? "Metric" : "Incident"} ${i + 1}${e.title ? `: ${e.title}` : ""}`}
          actions={
            <Button
              size="sm"
              variant="danger"
              aria-label={`Remove evidence ${i + 1}`}
              onClick={() =>
                change((d) => ({ ...d, evidence: d.evidence.filter((_, j) => j !== i) }))
              }
            >
              Remove
            </Button>
          }
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={e.kind === "metric" ? "What is measured" : "What happened, in a line"}
              className="sm:col-span-2"
              value={e.title}
              error={err(`evidence.${i}.title`)}
              onChange={(ev) => setEvidence(i, { title: ev.target.value })}
            />
            {e.kind === "incident" ? (
              <TextField
                label="Date"
                type="date"
                value={e.occurredOn ?? ""}
                error={err(`evidence.${i}.occurredOn`)}
                onChange={(ev) => setEvidence(i, { occurredOn: ev.target.value || null })}
              />
            ) : (
              <>
                <TextField
                  label="Unit"
                  optional
                  value={e.unit}
                  placeholder="tickets, %, days"
                  error={err(`evidence.${i}.unit`)}
                  onChange={(ev) => setEvidence(i, { unit: ev.target.value })}
                />
                <TextField
                  label="Source"
                  optional
                  value={e.source}
                  placeholder="Where the numbers come from"
                  error={err(`evidence.${i}.source`)}
                  onChange={(ev) => setEvidence(i, { source: ev.target.value })}
                />
              </>
            )}
            <Field
              label={e.kind === "metric" ? "What the numbers show" : "What happened"}
              className="sm:col-span-2"
              error={err(`evidence.${i}.description`)}
              {...rv.field(`evidence.${i}.description`)}
            >
              {(p) => (
                <TextArea
                  {...p}
                  rows={2}
                  value={e.description}
                  onChange={(ev) => setEvidence(i, { description: ev.target.value })}
                />
              )}
            </Field>
            <Field
              label="Impact"
              hint="Impact, not emotion: what it meant for customers, the team or the work."
              className="sm:col-span-2"
              error={err(`evidence.${i}.impact`)}
              {...rv.field(`evidence.${i}.impact`)}
            >
              {(p) => (
                <TextArea
                  {...p}
                  rows={2}
                  value={e.impact}
                  onChange={(ev) => setEvidence(i, { impact: ev.target.value })}
                />
              )}
            </Field>
          </div>
          {e.kind === "metric" ? (
            <SeriesEditor
              label={e.title || `metric ${i + 1}`}
              series={e.series}
              unit={e.unit}
              err={(j, f) =>
                err(`evidence.${i}.series.${j}.${f}`) ?? err(`evidence.${i}.series.${j}`)
              }
              seriesError={err(`evidence.${i}.series`)}
              onChange={(series) => setEvidence(i, { series })}
            />
          ) : null}
        </Card>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => add("metric")}>
          Add a metric series
        </Button>
        <Button variant="secondary" onClick={() => add("incident")}>
          Add an incident
        </Button>
      </div>
    </>
  );
}

function SeriesEditor({
  label,
  series,
  unit,
  onChange,
  err,
  seriesError,
}: {
  label: string;
  series: { date: string; value: number }[];
  unit: string;
  onChange: (s: { date: string; value: number }[]) => void;
  err: (j: number, field: "date" | "value") => string | null;
  seriesError: string | null;
}) {
  return (
    <fieldset className="mt-4">
      <legend className="text-sm font-medium text-stone-800">Dated values</legend>
      <p className="text-sm text-stone-600">One row per measurement, oldest first.</p>
      {seriesError ? <p className="mt-1 text-sm font-medium text-red-700">{seriesError}</p> : null}
      <ol className="mt-2 space-y-2">
        {series.map((pt, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional values
          <li key={j} className="flex flex-wrap items-end gap-2">
            <TextField
              label={`Date ${j + 1}`}
              type="date"
              className="w-44"
              value={pt.date}
              error={err(j, "date")}
              onChange={(e) => onChange(replaceAt(series, j, { date: e.target.value }))}
            />
            <TextField
              label={`Value ${j + 1}${unit ? ` (${unit})` : ""}`}
              type="number"
              step="any"
              inputMode="decimal"
              className="w-36"
              value={Number.isFinite(pt.value) ? String(pt.value) : ""}
              error={err(j, "value")}
              onChange={(e) =>
                onChange(
                  replaceAt(series, j, { value: numberOrNull(e.target.value) ?? Number.NaN }),
                )
              }
            />
            <Button
              size="sm"
              variant="ghost"
              className="mb-1"
              aria-label={`Remove value ${j + 1} of ${label}`}
              onClick={() => onChange(series.filter((_, k) => k !== j))}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button
        size="sm"
        variant="secondary"
        className="mt-2"
        onClick={() => onChange([...series, { date: "", value: Number.NaN }])}
      >
        Add a value
      </Button>
    </fieldset>
  );
}

// ---------- Diagnosis ----------

const causeKinds = Object.keys(causeLabel) as CauseKind[];

function DiagnosisStep({
  draft,
  change,
  err,
  rv,
  planId,
  employeeId,
}: StepProps & { planId: string; employeeId: string }) {
  return (
    <>
      <p className="max-w-prose text-sm text-stone-700">
        Diagnose before you prescribe. Be a diagnostician, not a police officer: what is getting in
        the way? Choose every cause that applies and note what you have seen. The employee can add
        their own view of each.
      </p>
      <p className="max-w-prose text-sm text-stone-700">
        Not sure yet? The guide walks you through the conversation, cause by cause, and can write
        the causes you find into this plan.{" "}
        <Link
          to={`/people/${employeeId}/diagnosis/new?planId=${planId}`}
          className="font-medium text-teal-800 underline underline-offset-2"
        >
          Run the diagnostic guide
        </Link>
      </p>
      {err("causes") ? <Alert tone="error">{err("causes")}</Alert> : null}
      <StepReview rv={rv} path="causes" label="About the diagnosis" />
      <fieldset className="space-y-3" aria-describedby={rv.field("causes").describedBy}>
        <legend className="sr-only">Root causes</legend>
        {causeKinds.map((kind) => {
          const i = draft.causes.findIndex((c) => c.cause === kind);
          const chosen = i >= 0;
          return (
            <div key={kind} className="rounded-lg border border-stone-200 bg-white p-4">
              <Checkbox
                label={causeLabel[kind]}
                hint={causeHint[kind]}
                checked={chosen}
                onChange={(e) =>
                  change((d) => ({
                    ...d,
                    causes: e.target.checked
                      ? [...d.causes, { cause: kind, notes: "" }]
                      : d.causes.filter((c) => c.cause !== kind),
                  }))
                }
              />
              {chosen ? (
                <Field
                  label={`Notes on ${causeLabel[kind].toLowerCase()}`}
                  optional
                  className="mt-3 pl-7"
                  error={err(`causes.${i}.notes`)}
                >
                  {(p) => (
                    <TextArea
                      {...p}
                      rows={2}
                      value={draft.causes[i]?.notes ?? ""}
                      onChange={(e) =>
                        change((d) => ({
                          ...d,
                          causes: replaceAt(d.causes, i, { notes: e.target.value }),
                        }))
                      }
                    />
                  )}
                </Field>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </>
  );
}

// ---------- Goals & resources ----------

const resourceKinds = Object.keys(resourceLabel) as ResourceKind[];
const resourceStatuses = Object.keys(resourceStatusLabel) as ResourceStatus[];

function GoalsStep({
  draft,
  change,
  err,
  rv,
  employeeId,
  employeeName,
  planId,
  addResource,
}: StepProps & {
  employeeId: string;
  employeeName: string;
  planId: string;
  addResource: AddResource;
}) {
  const setGoal = (i: number, patch: Partial<DraftGoal>) =>
    change((d) => ({ ...d, goals: replaceAt(d.goals, i, patch) }));
  const full = draft.goals.length >= MAX_GOALS;
  return (
    <>
      <p className="max-w-prose text-sm text-stone-700">
        Up to {MAX_GOALS} goals, each specific and measurable: a metric, where it stands today, the
        target and when. Pair every goal with the resources you commit to so it is reachable:
        training, a mentor, time, tools, coaching, or a demand you lower meanwhile.
      </p>
      {err("goals") ? <Alert tone="error">{err("goals")}</Alert> : null}
      <StepReview
        rv={rv}
        path="goals"
        label="About the goals"
        keep={(f) => f.code !== "plan.no_early_win"}
      />
      <Guidance moment="plan.prohibitions" when={readsAsProhibitions(draft.goals)} />
      {draft.goals.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-600">
          No goals yet. Add the first one: the change that would meet the standard.
        </p>
      ) : null}
      {draft.goals.map((g, i) => (
        <Card
          key={g.key}
          level={3}
          title={`Goal ${i + 1}`}
          actions={
            <Button
              size="sm"
              variant="danger"
              aria-label={`Remove goal ${i + 1}`}
              onClick={() => change((d) => ({ ...d, goals: d.goals.filter((_, j) => j !== i) }))}
            >
              Remove
            </Button>
          }
        >
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Goal"
              hint="Behaviour and results, never personality: “Resolve 90% of tickets within 2 days”, not “be more responsive”."
              className="sm:col-span-2"
              error={err(`goals.${i}.description`)}
              {...rv.field(`goals.${i}.description`)}
            >
              {(p) => (
                <TextArea
                  {...p}
                  rows={2}
                  value={g.description}
                  onChange={(e) => setGoal(i, { description: e.target.value })}
                />
              )}
            </Field>
            <TextField
              label="Metric"
              value={g.metric}
              placeholder="Tickets resolved within 2 days"
              error={err(`goals.${i}.metric`)}
              onChange={(e) => setGoal(i, { metric: e.target.value })}
            />
            <TextField
              label="Unit"
              optional
              value={g.unit}
              placeholder="%"
              error={err(`goals.${i}.unit`)}
              onChange={(e) => setGoal(i, { unit: e.target.value })}
            />
            <Field label="Direction" error={err(`goals.${i}.direction`)}>
              {(p) => (
                <Select
                  {...p}
                  value={g.direction}
                  onChange={(e) => setGoal(i, { direction: e.target.value as "up" | "down" })}
                >
                  <option value="up">Higher is better</option>
                  <option value="down">Lower is better</option>
                </Select>
              )}
            </Field>
            <TextField
              label="Due date"
              type="date"
              value={g.dueDate ?? ""}
              error={err(`goals.${i}.dueDate`)}
              onChange={(e) => setGoal(i, { dueDate: e.target.value || null })}
            />
            <TextField
              label="Baseline (today)"
              type="number"
              step="any"
              inputMode="decimal"
              value={g.baseline ?? ""}
              error={err(`goals.${i}.baseline`)}
              {...rv.field(`goals.${i}.baseline`)}
              onChange={(e) => setGoal(i, { baseline: numberOrNull(e.target.value) })}
            />
            <TextField
              label="Target"
              type="number"
              step="any"
              inputMode="decimal"
              value={g.target ?? ""}
              error={err(`goals.${i}.target`)}
              {...rv.field(`goals.${i}.target`)}
              onChange={(e) => setGoal(i, { target: numberOrNull(e.target.value) })}
            />
            <TextField
              label="How and where it is measured"
              className="sm:col-span-2"
              value={g.measurement}
              placeholder="Weekly report from the help desk"
              error={err(`goals.${i}.measurement`)}
              onChange={(e) => setGoal(i, { measurement: e.target.value })}
            />
          </div>
          <ResourcesEditor
            goalIndex={i}
            goal={g}
            err={err}
            rv={rv}
            employeeId={employeeId}
            onChange={(resources) => setGoal(i, { resources })}
            picker={{
              person: { id: employeeId, name: employeeName },
              causes: draft.causes.map((c) => c.cause),
              planId,
              addResource,
            }}
          />
        </Card>
      ))}
      <div>
        <Button
          variant="secondary"
          disabled={full}
          aria-describedby={full ? "goals-full" : undefined}
          onClick={() =>
            change((d) => ({
              ...d,
              goals: [
                ...d.goals,
                {
                  key: newKey(),
                  description: "",
                  metric: "",
                  unit: "",
                  direction: "up",
                  baseline: null,
                  target: null,
                  measurement: "",
                  dueDate: d.endDate,
                  resources: [],
                  milestones: [],
                },
              ],
            }))
          }
        >
          Add a goal
        </Button>
        {full ? (
          <p id="goals-full" className="mt-2 text-sm text-stone-600">
            Five goals is the most a plan can hold: fewer, clearer goals are easier to reach.
          </p>
        ) : null}
      </div>
    </>
  );
}

/** Sends one pick from the resource picker for a goal (by its key) and takes the plan back. */
type AddResource = (
  goalKey: string,
  send: (goalId: string) => Promise<PlanDetail>,
) => Promise<void>;

function ResourcesEditor({
  goalIndex,
  goal,
  onChange,
  err,
  rv,
  employeeId,
  picker,
}: {
  goalIndex: number;
  goal: DraftGoal;
  onChange: (r: DraftGoal["resources"]) => void;
  err: (path: string) => string | null;
  rv: ReviewAt;
  employeeId: string;
  picker: {
    person: { id: string; name: string };
    causes: CauseKind[];
    planId: string;
    addResource: AddResource;
  };
}) {
  const [picking, setPicking] = useState(false);
  const review = rv.field(`goals.${goalIndex}.resources`);
  const list = goal.resources;
  const set = (j: number, patch: Partial<DraftGoal["resources"][number]>) =>
    onChange(replaceAt(list, j, patch));
  const at = (j: number, f: string) => err(`goals.${goalIndex}.resources.${j}.${f}`);
  return (
    <fieldset className="mt-5 border-t border-stone-100 pt-4" aria-describedby={review.describedBy}>
      <legend className="text-sm font-semibold text-stone-900">
        Resources for goal {goalIndex + 1}
      </legend>
      {review.after}
      <ul className="mt-3 space-y-3">
        {list.map((r, j) => (
          <li key={r.key} className="rounded-md border border-stone-200 bg-stone-50 p-3">
            {r.catalogueItemId || r.mentorshipStatus ? (
              <p className="mb-2">
                <ResourceBadges resource={r} />
              </p>
            ) : null}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={`Kind of resource ${j + 1}`} error={at(j, "kind")}>
                {(p) => (
                  <Select
                    {...p}
                    value={r.kind}
                    onChange={(e) => set(j, { kind: e.target.value as ResourceKind })}
                  >
                    {resourceKinds.map((k) => (
                      <option key={k} value={k}>
                        {resourceLabel[k]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={`Status of resource ${j + 1}`} error={at(j, "status")}>
                {(p) => (
                  <Select
                    {...p}
                    value={r.status}
                    onChange={(e) => set(j, { status: e.target.value as ResourceStatus })}
                  >
                    {resourceStatuses.map((k) => (
                      <option key={k} value={k}>
                        {resourceStatusLabel[k]}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <TextField
                label={`What you commit to (resource ${j + 1})`}
                className="sm:col-span-2"
                value={r.description}
                error={at(j, "description")}
                placeholder={
                  r.kind === "reduced_demand"
                    ? "No on-call shifts until the plan ends"
                    : "Customer-service writing course"
                }
                onChange={(e) => set(j, { description: e.target.value })}
              />
              {r.kind === "training" || r.kind === "tool" ? (
                <TextField
                  label={`Link (resource ${j + 1})`}
                  optional
                  type="url"
                  className="sm:col-span-2"
                  value={r.link}
                  error={at(j, "link")}
                  placeholder="https://"
                  onChange={(e) => set(j, { link: e.target.value })}
                />
              ) : null}
              {r.kind === "time" || r.kind === "coaching" || r.kind === "mentor" ? (
                <TextField
                  label={`Hours per week (resource ${j + 1})`}
                  optional
                  type="number"
                  min={0}
                  step="any"
                  value={r.hoursPerWeek ?? ""}
                  error={at(j, "hoursPerWeek")}
                  onChange={(e) => set(j, { hoursPerWeek: numberOrNull(e.target.value) })}
                />
              ) : null}
              {r.kind === "mentor" && r.mentorshipStatus ? (
                // Asked from the picker: the mentor answers the request; choose another by
                // adding another mentor.
                <p className="text-sm text-stone-700 sm:col-span-2">
                  Mentor: <strong>{r.mentorName ?? "the mentor asked"}</strong>
                </p>
              ) : r.kind === "mentor" ? (
                <div className="sm:col-span-2">
                  <PersonPicker
                    legend={`Mentor (resource ${j + 1})`}
                    value={
                      r.mentorId ? { id: r.mentorId, name: r.mentorName ?? "Chosen mentor" } : null
                    }
                    excludeIds={[employeeId]}
                    error={at(j, "mentorId")}
                    emptyText="No mentor chosen yet"
                    onChange={(p) =>
                      set(j, { mentorId: p?.id ?? null, mentorName: p?.name ?? null })
                    }
                  />
                </div>
              ) : null}
            </div>
            <Button
              size="sm"
              variant="ghost"
              className="mt-2"
              aria-label={`Remove resource ${j + 1} of goal ${goalIndex + 1}`}
              onClick={() => onChange(list.filter((_, k) => k !== j))}
            >
              Remove resource
            </Button>
          </li>
        ))}
      </ul>
      <Button
        size="sm"
        variant="secondary"
        className="mt-3"
        aria-label={`Add a resource to goal ${goalIndex + 1}`}
        onClick={() =>
          onChange([
            ...list,
            {
              key: newKey(),
              kind: "training",
              description: "",
              link: "",
              mentorId: null,
              mentorName: null,
              hoursPerWeek: null,
              status: "offered",
            },
          ])
        }
      >
        Add a resource
      </Button>
      <Button
        size="sm"
        variant="secondary"
        className="mt-3 ml-2"
        aria-label={`Pick from the catalogue or a mentor for goal ${goalIndex + 1}`}
        onClick={() => setPicking(true)}
      >
        Pick from the catalogue or a mentor
      </Button>
      <ResourcePicker
        open={picking}
        onClose={() => setPicking(false)}
        goalTitle={`Goal ${goalIndex + 1}${goal.description.trim() ? `: ${goal.description.trim()}` : ""}`}
        person={picker.person}
        context="plan"
        initialCauses={picker.causes}
        taken={{
          catalogueItemIds: list.flatMap((r) => r.catalogueItemId ?? []),
          mentorIds: list.flatMap((r) => (r.mentorshipStatus && r.mentorId ? [r.mentorId] : [])),
        }}
        onAddCatalogue={(pick) =>
          picker.addResource(goal.key, (goalId) =>
            api.post<PlanDetail>(
              `/plans/${picker.planId}/goals/${goalId}/resources/catalogue`,
              pick,
            ),
          )
        }
        onAddMentor={(pick) =>
          picker.addResource(goal.key, (goalId) =>
            api.post<PlanDetail>(`/plans/${picker.planId}/goals/${goalId}/resources/mentor`, pick),
          )
        }
      />
    </fieldset>
  );
}

// ---------- Milestones ----------

function MilestonesStep({ draft, change, err, rv }: StepProps) {
  const early = draft.startDate ? addDays(draft.startDate, 14) : null;
  const hasEarlyWin = draft.goals.some((g) => g.milestones.some((m) => m.earlyWin));
  return (
    <>
      <p className="max-w-prose text-sm text-stone-700">
        Stage each goal so progress is visible. Make the first milestone small and early, within
        about two weeks{early ? ` (by ${formatDate(early)})` : ""}, and mark it as the early win: an
        early success rebuilds confidence.
      </p>
      {draft.goals.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-600">
          Add goals first (step 3); milestones belong to a goal.
        </p>
      ) : null}
      <StepReview
        rv={rv}
        path="goals"
        label="About the milestones"
        keep={(f) => f.code === "plan.no_early_win"}
      />
      {draft.goals.length && !hasEarlyWin ? (
        <Alert tone="warning">No milestone is marked as the early win yet.</Alert>
      ) : null}
      {draft.goals.map((g, i) => (
        <Card
          key={g.key}
          level={3}
          title={`Goal ${i + 1}: ${g.description || "not described yet"}`}
        >
          {g.milestones.length === 0 ? (
            <p className="text-sm text-stone-600">No milestones for this goal yet.</p>
          ) : null}
          <ol className="space-y-3">
            {g.milestones.map((m, j) => {
              const set = (patch: Partial<typeof m>) =>
                change((d) => ({
                  ...d,
                  goals: replaceAt(d.goals, i, {
                    milestones: replaceAt(d.goals[i]!.milestones, j, patch),
                  }),
                }));
              const at = (f: string) => err(`goals.${i}.milestones.${j}.${f}`);
              return (
                <li key={m.key} className="rounded-md border border-stone-200 bg-stone-50 p-3">
                  <div className="grid gap-3 sm:grid-cols-[1fr_11rem_8rem]">
                    <TextField
                      label={`Milestone ${j + 1}`}
                      value={m.title}
                      error={at("title")}
                      onChange={(e) => set({ title: e.target.value })}
                    />
                    <TextField
                      label="Due"
                      type="date"
                      value={m.dueDate ?? ""}
                      error={at("dueDate")}
                      onChange={(e) => set({ dueDate: e.target.value })}
                    />
                    <TextField
                      label="Target"
                      optional
                      type="number"
                      step="any"
                      value={m.target ?? ""}
                      error={at("target")}
                      onChange={(e) => set({ target: numberOrNull(e.target.value) })}
                    />
                  </div>
                  <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
                    <Checkbox
                      label="This is the early win"
                      checked={m.earlyWin}
                      onChange={(e) => set({ earlyWin: e.target.checked })}
                    />
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove milestone ${j + 1} of goal ${i + 1}`}
                      onClick={() =>
                        change((d) => ({
                          ...d,
                          goals: replaceAt(d.goals, i, {
                            milestones: d.goals[i]!.milestones.filter((_, k) => k !== j),
                          }),
                        }))
                      }
                    >
                      Remove
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
          <Button
            size="sm"
            variant="secondary"
            className="mt-3"
            aria-label={`Add a milestone to goal ${i + 1}`}
            onClick={() =>
              change((d) => ({
                ...d,
                goals: replaceAt(d.goals, i, {
                  milestones: [
                    ...d.goals[i]!.milestones,
                    {
                      key: newKey(),
                      title: "",
                      dueDate:
                        d.goals[i]!.milestones.length === 0 && d.startDate
                          ? addDays(d.startDate, 14)
                          : (d.goals[i]!.dueDate ?? ""),
                      target: null,
                      earlyWin: d.goals.every((gg) => gg.milestones.every((mm) => !mm.earlyWin)),
                    },
                  ],
                }),
              }))
            }
          >
            Add a milestone
          </Button>
        </Card>
      ))}
    </>
  );
}

// ---------- Schedule ----------

function ScheduleStep({ draft, change, err, rv }: StepProps) {
  const valid = draft.startDate && draft.endDate && draft.endDate > draft.startDate;
  const days = valid ? daysBetween(draft.startDate!, draft.endDate!) : null;
  const dates = valid
    ? checkinDates({
        startDate: draft.startDate!,
        endDate: draft.endDate!,
        cadenceDays: draft.cadenceDays,
      })
    : [];
  return (
    <>
      <p className="max-w-prose text-sm text-stone-700">
        A plan runs for at least 30 days, with check-ins at least every two weeks (weekly is best).
        Every check-in records progress, the support delivered and the employee's confidence.
      </p>
      <Card level={3} title="Dates and check-ins">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Start date"
            type="date"
            value={draft.startDate ?? ""}
            error={err("startDate")}
            {...rv.field("startDate")}
            onChange={(e) => change((d) => ({ ...d, startDate: e.target.value || null }))}
          />
          <TextField
            label="End date"
            type="date"
            value={draft.endDate ?? ""}
            error={err("endDate")}
            {...rv.field("endDate")}
            hint={days !== null ? `${days} days` : undefined}
            onChange={(e) => change((d) => ({ ...d, endDate: e.target.value || null }))}
          />
        </div>
        <fieldset className="mt-4 space-y-2" aria-describedby={rv.field("cadenceDays").describedBy}>
          <legend className="text-sm font-medium text-stone-800">Check-ins</legend>
          <Radio
            name="cadence"
            label="Weekly"
            hint="Recommended"
            checked={draft.cadenceDays === 7}
            onChange={() => change((d) => ({ ...d, cadenceDays: 7 }))}
          />
          <Radio
            name="cadence"
            label="Every two weeks"
            checked={draft.cadenceDays === 14}
            onChange={() => change((d) => ({ ...d, cadenceDays: 14 }))}
          />
          {err("cadenceDays") ? (
            <p className="text-sm font-medium text-red-700">{err("cadenceDays")}</p>
          ) : null}
          {rv.field("cadenceDays").after}
        </fieldset>
        {draft.startDate && draft.endDate && !valid ? (
          <Alert tone="error" className="mt-4">
            The end date must come after the start date.
          </Alert>
        ) : null}
      </Card>
      <Card level={3} title="The check-ins this makes">
        {dates.length ? (
          <ol className="grid gap-1 text-sm sm:grid-cols-2">
            {dates.map((d, i) => (
              <li key={d}>
                Check-in {i + 1}: <strong className="font-medium">{formatDate(d)}</strong>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-stone-600">Choose start and end dates to see the check-ins.</p>
        )}
      </Card>
    </>
  );
}

// ---------- Good faith ----------

function GoodFaithStep({ draft, change, err, rv }: StepProps) {
  const review = rv.field("goodFaith");
  return (
    <Card level={3} title="If this person meets every goal, will they stay in the role?">
      <fieldset
        className="space-y-2"
        aria-describedby={[err("goodFaith") ? "gf-error" : null, review.describedBy]
          .filter(Boolean)
          .join(" ")}
      >
        <legend className="sr-only">
          If this person meets every goal, will they stay in the role?
        </legend>
        {(
          [
            ["yes", "Yes"],
            ["no", "No"],
            ["unsure", "I'm not sure"],
          ] as const
        ).map(([value, label]) => (
          <Radio
            key={value}
            name="good-faith"
            label={label}
            checked={draft.goodFaith === value}
            onChange={() => change((d) => ({ ...d, goodFaith: value }))}
          />
        ))}
        {err("goodFaith") ? (
          <p id="gf-error" className="text-sm font-medium text-red-700">
            {err("goodFaith")}
          </p>
        ) : null}
        {review.after}
      </fieldset>
      <Field label="Note" optional className="mt-4" error={err("goodFaithNote")}>
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            value={draft.goodFaithNote}
            onChange={(e) => change((d) => ({ ...d, goodFaithNote: e.target.value }))}
          />
        )}
      </Field>
    </Card>
  );
}

// ---------- Submit ----------

function SubmitStep({
  draft,
  change,
  err,
  rv,
  review,
  reviewFailed,
  problems,
  onGo,
  employeeId,
  managerId,
  canSubmit,
  submitting,
  submitError,
  onSubmit,
  planId,
}: StepProps & {
  review: PlanReview | undefined;
  reviewFailed: boolean;
  problems: { path: string; message: string }[];
  onGo: (s: StepId) => void;
  employeeId: string;
  managerId: string;
  canSubmit: boolean;
  submitting: boolean;
  submitError: string | null;
  onSubmit: () => void;
  planId: string;
}) {
  return (
    <>
      <PlanWidePanel rv={rv} onGo={onGo} />
      <Card level={3} title="HR partner">
        <PersonPicker
          legend="Who reviews this plan"
          value={
            draft.hrPartnerId
              ? { id: draft.hrPartnerId, name: draft.hrPartnerName ?? "Chosen HR partner" }
              : null
          }
          excludeIds={[employeeId, managerId]}
          error={err("hrPartnerId")}
          emptyText="Any HR partner whose scope covers this person"
          onChange={(p) =>
            change((d) => ({ ...d, hrPartnerId: p?.id ?? null, hrPartnerName: p?.name ?? null }))
          }
        />
      </Card>
      <Card level={3} title="Is the plan complete?">
        {problems.length === 0 ? (
          <p className="text-sm text-green-800">
            The plan is complete. HR will review it before it can be issued; the employee sees
            nothing until then.
          </p>
        ) : (
          <>
            <p className="text-sm text-stone-700">
              {problems.length === 1 ? "One thing" : `${problems.length} things`} to settle first:
            </p>
            <ul className="mt-2 space-y-1.5 text-sm">
              {problems.map((p) => (
                <li key={`${p.path}:${p.message}`} className="flex flex-wrap items-baseline gap-2">
                  <span className="text-red-800">{p.message}</span>
                  <button
                    type="button"
                    className="text-teal-800 underline underline-offset-2"
                    onClick={() => onGo(stepOfPath(p.path))}
                  >
                    Go to {steps.find((s) => s.id === stepOfPath(p.path))?.label}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <ReviewSubmitSummary review={review} failed={reviewFailed} onGo={onGo} />
      {submitError ? <Alert tone="error">{submitError}</Alert> : null}
      {canSubmit ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button busy={submitting} busyLabel="Submitting…" onClick={onSubmit}>
            Submit to HR
          </Button>
          <span className="text-sm text-stone-600">
            HR reviews the plan and either approves it or asks for changes.
          </span>
        </div>
      ) : (
        <LinkButton to={`/plans/${planId}`} variant="primary">
          Back to the plan
        </LinkButton>
      )}
    </>
  );
}

export type { ReactNode };
