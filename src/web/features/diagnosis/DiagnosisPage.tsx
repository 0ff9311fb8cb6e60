import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { type SaveState, useAutosave } from "../../lib/useAutosave";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  cx,
  Dialog,
  Field,
  LinkButton,
  Loading,
  PageHeader,
  TextArea,
} from "../../ui";
import { PersonCrumb } from "../growth/bits";
import { causeHint } from "../plans/labels";
import {
  ApplyPanel,
  CauseHelp,
  DiagnosisRecord,
  firstName,
  SkillTags,
  SuggestionsPanel,
} from "./DiagnosisParts";
import { diagnosesKey, diagnosisKey, isNotFound, useDiagnosis, useGuide } from "./diagnosisApi";
import type { CauseGuide, CauseKind, Diagnosis, Guide, GuideQuestion } from "./types";

// The manager's diagnostic guide, step by step: the opening, the causes to explore (each with its
// questions, a notes box per question, the signs, resources and demand changes that fit), the
// employee's own answers with their consent, then the summary: skills to build, what the
// catalogue and mentors offer, applying the causes to the plan, completing. Autosaved with the
// version last read. The employee (and HR) read the record.

export function DiagnosisPage() {
  const { id = "" } = useParams();
  const q = useDiagnosis(id);
  const guide = useGuide();
  const d = q.data;
  useDocumentTitle(
    d ? `Diagnostic conversation with ${d.employee.name}` : "Diagnostic conversation",
  );
  if (q.isPending || guide.isPending) return <Loading />;
  if (q.isError && isNotFound(q.error))
    return (
      <Alert
        tone="info"
        title="No such conversation, or you do not have access to it."
        actions={<LinkButton to="/">Back to the start page</LinkButton>}
      >
        A diagnostic conversation is read by the person who ran it and HR; the employee reads it
        once it is completed.
      </Alert>
    );
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (guide.isError) return <QueryError error={guide.error} onRetry={() => void guide.refetch()} />;
  if (!d) return <Loading />;
  return d.abilities.edit ? (
    <Conversation key={d.id} initial={d} guide={guide.data} />
  ) : (
    <ReadOnly d={d} guide={guide.data} />
  );
}

function ReadOnly({ d, guide }: { d: Diagnosis; guide: Guide }) {
  const first = firstName(d.employee.name);
  const managerFirst = firstName(d.manager.name);
  const when = formatDate(d.createdAt);
  const description =
    d.viewer === "employee"
      ? `What ${d.manager.name} recorded from your conversation of ${when}, and your own answers if you agreed to have them recorded. If something is wrong or missing, tell ${managerFirst} or HR.`
      : d.viewer === "hr"
        ? `Recorded by ${d.manager.name}. You read it as HR covering ${first}'s department.`
        : `Completed ${formatDate(d.completedAt)}. ${first} can read it.`;
  return (
    <>
      <PersonCrumb person={d.employee} here="Diagnostic conversation" />
      <PageHeader
        title={
          d.viewer === "employee"
            ? `Your conversation with ${d.manager.name}`
            : `Diagnostic conversation with ${d.employee.name}`
        }
        description={description}
        actions={
          d.status === "completed" ? (
            <Badge tone="success">Completed {formatDate(d.completedAt)}</Badge>
          ) : (
            <Badge tone="accent">In progress</Badge>
          )
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <DiagnosisRecord d={d} guide={guide} />
        </div>
        {d.viewer === "runner" ? (
          <div className="space-y-5">
            <ApplyPanel d={d} />
            <SuggestionsPanel d={d} />
          </div>
        ) : null}
      </div>
    </>
  );
}

// ---------- the conversation ----------

type Draft = {
  causes: CauseKind[];
  notes: Record<string, Record<string, string>>;
  skills: string[];
  employeeConsent: boolean;
  employeeAnswers: Record<string, string>;
};

const draftOf = (d: Diagnosis): Draft => ({
  causes: [...d.causes],
  notes: d.notes as Record<string, Record<string, string>>,
  skills: [...d.skills],
  employeeConsent: d.employeeConsent,
  employeeAnswers: { ...d.employeeAnswers },
});

/** Autosave: a debounced PUT of the whole draft with the version last read; stale answers 409. */
function useDiagnosisAutosave(initial: Diagnosis) {
  const queryClient = useQueryClient();
  return useAutosave<Draft, Diagnosis>({
    initialDraft: () => draftOf(initial),
    initialVersion: initial.version,
    send: (sent, version) => api.put<Diagnosis>(`/diagnoses/${initial.id}`, { version, ...sent }),
    versionOf: (saved) => saved.version,
    fetchTheirs: () => api.get<Diagnosis>(`/diagnoses/${initial.id}`),
    draftOf,
    conflictOf: (e) =>
      e instanceof ApiError && e.status === 409 && e.code === "diagnosis.conflict"
        ? ((e.details as { diagnosis?: Diagnosis } | undefined)?.diagnosis ?? null)
        : undefined,
    onSaved: (saved) => {
      queryClient.setQueryData(diagnosisKey(initial.id), saved);
      void queryClient.invalidateQueries({
        queryKey: diagnosesKey(initial.employee.id),
        refetchType: "none",
      });
      return undefined;
    },
    onLoaded: (current) => queryClient.setQueryData(diagnosisKey(initial.id), current),
    idleReportsFailure: true,
  });
}

const steps = [
  { id: "opening", label: "Opening" },
  { id: "causes", label: "Causes to explore" },
  { id: "employee", label: "In their words" },
  { id: "summary", label: "Summary and next steps" },
] as const;
type StepId = (typeof steps)[number]["id"];

function SaveStatus({
  state,
  savedAt,
  error,
  onSave,
}: {
  state: SaveState;
  savedAt: string | null;
  error: string | null;
  onSave: () => void;
}) {
  const text =
    state === "saving"
      ? "Saving…"
      : state === "saved"
        ? `Saved ${savedAt ? formatDateTime(savedAt) : ""}`
        : state === "error"
          ? "Not saved"
          : state === "conflict"
            ? "Not saved: changed elsewhere"
            : "Changes save as you type";
  return (
    <div className="flex items-center gap-3">
      <span
        role="status"
        aria-live="polite"
        className={cx(
          "text-sm",
          state === "error" || state === "conflict" ? "text-red-700" : "text-stone-600",
        )}
      >
        {text}
        {error && state === "error" ? `: ${error}` : null}
      </span>
      <Button size="sm" variant="secondary" onClick={onSave} disabled={state === "saving"}>
        Save now
      </Button>
    </div>
  );
}

/** `initial` is the diagnosis as last loaded or saved: the draft starts from it, panels follow it. */
function Conversation({ initial, guide }: { initial: Diagnosis; guide: Guide }) {
  const live = initial;
  const { draft, change, flush, state, savedAt, error, loadTheirs } = useDiagnosisAutosave(initial);
  const [step, setStep] = useState<StepId>("opening");
  const heading = useRef<HTMLHeadingElement>(null);
  const index = steps.findIndex((s) => s.id === step);
  const first = firstName(initial.employee.name);

  const go = (next: StepId) => {
    setStep(next);
    // The step's heading takes focus, so keyboard and screen-reader users start at its top.
    requestAnimationFrame(() => heading.current?.focus());
    void flush();
  };

  return (
    <>
      <PersonCrumb person={initial.employee} here="Diagnostic conversation" />
      <PageHeader
        title={`Diagnostic conversation with ${initial.employee.name}`}
        description={`Started ${formatDate(initial.createdAt)}. Only you and HR covering ${first}'s department read it until you complete it; then ${first} reads it too.`}
        actions={
          <SaveStatus state={state} savedAt={savedAt} error={error} onSave={() => void flush()} />
        }
      />
      {state === "conflict" ? (
        <Alert
          tone="error"
          title="This conversation was saved elsewhere (another tab?)."
          className="mb-5"
          actions={
            <Button size="sm" onClick={() => void loadTheirs()}>
              Load the saved version
            </Button>
          }
        >
          Your latest change was not saved. Load the saved version, then make your change again.
        </Alert>
      ) : null}
      <nav aria-label="Steps of the conversation" className="mb-6">
        <ol className="flex flex-wrap gap-2">
          {steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => go(s.id)}
                aria-current={s.id === step ? "step" : undefined}
                className={cx(
                  "rounded-full px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700",
                  s.id === step
                    ? "bg-teal-700 text-white"
                    : "bg-white text-stone-700 ring-1 ring-stone-300 hover:bg-stone-100",
                )}
              >
                {i + 1}. {s.label}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <h2
        ref={heading}
        tabIndex={-1}
        className="mb-4 text-xl font-semibold text-stone-900 outline-none"
      >
        <span className="sr-only">
          Step {index + 1} of {steps.length}:{" "}
        </span>
        {steps[index]?.label}
      </h2>
      <div className="space-y-5">
        {step === "opening" ? <OpeningStep guide={guide} first={first} /> : null}
        {step === "causes" ? <CausesStep guide={guide} draft={draft} change={change} /> : null}
        {step === "employee" ? (
          <EmployeeStep guide={guide} draft={draft} change={change} first={first} />
        ) : null}
        {step === "summary" ? (
          <SummaryStep
            guide={guide}
            draft={draft}
            change={change}
            live={live}
            flush={flush}
            pending={state === "saving"}
            onGo={go}
          />
        ) : null}
      </div>
      <div className="mt-8 flex flex-wrap justify-between gap-2 border-t border-stone-200 pt-4">
        {index > 0 ? (
          <Button variant="secondary" onClick={() => go(steps[index - 1]!.id)}>
            Back: {steps[index - 1]!.label}
          </Button>
        ) : (
          <span />
        )}
        {index < steps.length - 1 ? (
          <Button onClick={() => go(steps[index + 1]!.id)}>Next: {steps[index + 1]!.label}</Button>
        ) : null}
      </div>
    </>
  );
}

type StepProps = { guide: Guide; draft: Draft; change: (fn: (d: Draft) => Draft) => void };

function OpeningStep({ guide, first }: { guide: Guide; first: string }) {
  const { opening } = guide;
  return (
    <>
      <Card title={opening.title}>
        <div className="max-w-prose space-y-3 text-sm text-stone-700">
          {opening.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
        <h3 className="mt-5 text-sm font-semibold text-stone-900">How to open</h3>
        <ol className="mt-2 max-w-prose list-decimal space-y-1.5 pl-5 text-sm text-stone-700">
          {opening.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </Card>
      <div className="grid gap-4 md:grid-cols-3">
        {opening.stances.map((s) => (
          <section
            key={s.key}
            aria-labelledby={`stance-${s.key}`}
            className={cx(
              "rounded-lg border p-4",
              s.key === "regulator" ? "border-teal-300 bg-teal-50" : "border-amber-300 bg-amber-50",
            )}
          >
            <h3 id={`stance-${s.key}`} className="text-sm font-semibold text-stone-900">
              {s.title}
            </h3>
            <p className="mt-1 text-sm text-stone-800">{s.text}</p>
          </section>
        ))}
      </div>
      <p className="text-sm text-stone-600">
        When you are ready, choose the causes to explore with {first}.
      </p>
    </>
  );
}

function QuestionNote({
  question,
  value,
  onChange,
  label,
  hint,
}: {
  question: GuideQuestion;
  value: string;
  onChange: (text: string) => void;
  label?: string;
  hint?: string;
}) {
  return (
    <Field label={label ?? question.text} hint={hint ?? `Listen for: ${question.listenFor}`}>
      {(p) => (
        <TextArea
          {...p}
          rows={3}
          maxLength={5000}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

const setNote =
  (section: string, questionId: string, text: string) =>
  (d: Draft): Draft => ({
    ...d,
    notes: { ...d.notes, [section]: { ...(d.notes[section] ?? {}), [questionId]: text } },
  });

function CauseSection({ cause, draft, change }: { cause: CauseGuide } & Omit<StepProps, "guide">) {
  const notes = draft.notes[cause.cause] ?? {};
  return (
    <Card title={cause.label}>
      <p className="max-w-prose text-sm text-stone-700">{cause.summary}</p>
      {cause.caution ? (
        <Alert tone="warning" className="mt-3">
          {cause.caution}
        </Alert>
      ) : null}
      <div className="mt-4 grid gap-6 lg:grid-cols-5">
        <fieldset className="space-y-4 lg:col-span-3">
          <legend className="mb-2 text-sm font-semibold text-stone-900">
            Questions to ask, and what you heard
          </legend>
          {cause.questions.map((q) => (
            <QuestionNote
              key={q.id}
              question={q}
              value={notes[q.id] ?? ""}
              onChange={(text) => change(setNote(cause.cause, q.id, text))}
            />
          ))}
        </fieldset>
        <aside className="lg:col-span-2" aria-label={`Help for ${cause.label.toLowerCase()}`}>
          <CauseHelp guide={cause} />
        </aside>
      </div>
    </Card>
  );
}

function CausesStep({ guide, draft, change }: StepProps) {
  const chosen = guide.causes.filter((c) => draft.causes.includes(c.cause));
  const closing = draft.notes.closing ?? {};
  return (
    <>
      <Card title="Which causes seem to fit?">
        <p className="mb-4 max-w-prose text-sm text-stone-700">
          Choose the ones to explore; it is fine if several do. Each opens its questions, the signs
          to look for, and what usually helps. You can set one aside later: on completion its notes
          are not kept.
        </p>
        <fieldset>
          <legend className="sr-only">Causes to explore</legend>
          <div className="grid gap-3 md:grid-cols-2">
            {guide.causes.map((c) => (
              <Checkbox
                key={c.cause}
                label={c.label}
                hint={causeHint[c.cause]}
                checked={draft.causes.includes(c.cause)}
                onChange={(e) =>
                  change((d) => ({
                    ...d,
                    causes: e.target.checked
                      ? [...d.causes, c.cause]
                      : d.causes.filter((x) => x !== c.cause),
                  }))
                }
              />
            ))}
          </div>
        </fieldset>
      </Card>
      {chosen.length === 0 ? (
        <p className="text-sm text-stone-600">
          No cause chosen yet. Start with unclear expectations if you are unsure: it is the most
          common, and the cheapest to fix.
        </p>
      ) : (
        chosen.map((c) => <CauseSection key={c.cause} cause={c} draft={draft} change={change} />)
      )}
      <Card title={guide.closing.title}>
        <div className="space-y-4">
          {guide.closing.questions.map((q) => (
            <QuestionNote
              key={q.id}
              question={q}
              value={closing[q.id] ?? ""}
              onChange={(text) => change(setNote("closing", q.id, text))}
            />
          ))}
        </div>
      </Card>
    </>
  );
}

function EmployeeStep({ guide, draft, change, first }: StepProps & { first: string }) {
  const [confirm, setConfirm] = useState(false);
  const answered = Object.values(draft.employeeAnswers).filter((t) => t.trim()).length;
  const chosen = guide.causes.filter((c) => draft.causes.includes(c.cause));
  const withdraw = () => change((d) => ({ ...d, employeeConsent: false, employeeAnswers: {} }));
  const setAnswer = (id: string, text: string) =>
    change((d) => ({ ...d, employeeAnswers: { ...d.employeeAnswers, [id]: text } }));
  const groups: { key: string; title: string; questions: GuideQuestion[] }[] = [
    ...chosen.map((c) => ({ key: c.cause, title: c.label, questions: c.questions })),
    { key: "closing", title: guide.closing.title, questions: guide.closing.questions },
  ];
  return (
    <>
      <Card title={guide.consent.title}>
        <p className="text-sm text-stone-700">
          Read this to {first} before you write down any of their words:
        </p>
        <blockquote className="mt-3 max-w-prose border-l-4 border-teal-300 pl-4 text-sm text-stone-800">
          {guide.consent.text}
        </blockquote>
        <p className="mt-3 max-w-prose text-sm text-stone-600">{guide.consent.declineNote}</p>
        <Checkbox
          className="mt-4"
          label={`${first} agreed that I record their answers in their own words`}
          hint="Untick it if they change their mind: their answers are then deleted."
          checked={draft.employeeConsent}
          onChange={(e) => {
            if (e.target.checked) change((d) => ({ ...d, employeeConsent: true }));
            else if (answered > 0) setConfirm(true);
            else withdraw();
          }}
        />
      </Card>
      {draft.employeeConsent ? (
        groups.map((g) => (
          <Card key={g.key} title={g.title} level={3}>
            <fieldset className="space-y-4">
              <legend className="sr-only">{`${first}'s answers: ${g.title}`}</legend>
              {g.questions.map((q) => (
                <QuestionNote
                  key={q.id}
                  question={q}
                  value={draft.employeeAnswers[q.id] ?? ""}
                  onChange={(text) => setAnswer(q.id, text)}
                  hint={`In ${first}'s own words.`}
                />
              ))}
            </fieldset>
          </Card>
        ))
      ) : (
        <p className="text-sm text-stone-600">
          {first}'s answers are not recorded. Your own notes are in the previous step.
        </p>
      )}
      <Dialog
        open={confirm}
        onClose={() => setConfirm(false)}
        title="Withdraw their consent?"
        description={`The ${answered} ${answered === 1 ? "answer" : "answers"} recorded in ${first}'s words will be deleted. Your own notes stay.`}
      >
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirm(false)}>
            Keep them
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              withdraw();
              setConfirm(false);
            }}
          >
            Delete their answers
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function SummaryStep({
  guide,
  draft,
  change,
  live,
  flush,
  pending,
  onGo,
}: StepProps & {
  live: Diagnosis;
  flush: () => Promise<boolean>;
  pending: boolean;
  onGo: (step: StepId) => void;
}) {
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const first = firstName(live.employee.name);
  const chosen = guide.causes.filter((c) => draft.causes.includes(c.cause));
  const complete = useMutation({
    mutationFn: async () => {
      if (!(await flush()))
        throw new Error("Your latest changes could not be saved; fix that first.");
      return api.post<Diagnosis>(`/diagnoses/${live.id}/complete`);
    },
    onSuccess: (saved) => {
      setConfirm(false);
      queryClient.setQueryData(diagnosisKey(live.id), saved);
      void queryClient.invalidateQueries({ queryKey: diagnosesKey(live.employee.id) });
    },
  });
  return (
    <>
      <Card title="Causes chosen">
        {chosen.length ? (
          <ul className="space-y-2 text-sm">
            {chosen.map((c) => (
              <li key={c.cause}>
                <span className="font-medium text-stone-900">{c.label}</span>
                <span className="text-stone-600"> — {causeHint[c.cause]}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Alert
            tone="warning"
            actions={
              <Button size="sm" variant="secondary" onClick={() => onGo("causes")}>
                Choose the causes
              </Button>
            }
          >
            No cause chosen yet: choose at least one before completing.
          </Alert>
        )}
        <div className="mt-5">
          <SkillTags
            skills={draft.skills}
            onChange={(skills) => change((d) => ({ ...d, skills }))}
          />
        </div>
      </Card>
      <SuggestionsPanel d={live} pending={pending} />
      <ApplyPanel d={live} beforeApply={flush} />
      <Card title="After the conversation">
        <ul className="max-w-prose list-disc space-y-1.5 pl-5 text-sm text-stone-700">
          {guide.afterwards.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      </Card>
      <Card
        title="Complete the conversation"
        description={`Once completed, ${first} can read what you recorded and is told. It no longer changes: to talk again, start a new one.`}
      >
        <Button onClick={() => setConfirm(true)} disabled={chosen.length === 0}>
          Complete
        </Button>
        {chosen.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">Choose at least one cause first.</p>
        ) : null}
      </Card>
      <Dialog
        open={confirm}
        onClose={() => setConfirm(false)}
        title="Complete the conversation?"
        description={`${first} will be able to read your notes${draft.employeeConsent ? " and their own answers" : ""}. Notes under causes you set aside are not kept.`}
      >
        {complete.isError ? (
          <Alert tone="error" className="mb-3">
            {messageOf(complete.error)}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirm(false)}>
            Not yet
          </Button>
          <Button
            busy={complete.isPending}
            busyLabel="Completing…"
            onClick={() => complete.mutate()}
          >
            Complete
          </Button>
        </div>
      </Dialog>
    </>
  );
}
