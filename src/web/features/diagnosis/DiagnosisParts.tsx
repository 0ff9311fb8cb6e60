import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useId, useState } from "react";
import { Link } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { Alert, Badge, Button, Card, Dialog, Field, Input, Select, TextField } from "../../ui";
import { causeLabel, resourceLabel } from "../plans/labels";
import { planKey } from "../plans/planApi";
import { diagnosesKey, diagnosisKey, useSuggestions } from "./diagnosisApi";
import type {
  CatalogueSuggestion,
  CauseGuide,
  CauseKind,
  Diagnosis,
  Guide,
  MentorSuggestion,
} from "./types";

// The pieces of the diagnosis page: the guide's help for a cause, skill tags, the suggestions
// with "Add to a goal", applying the causes to the plan, and the read-only record.

export const firstName = (name: string) => name.split(" ")[0] ?? name;

// ---------- the guide's help for one cause ----------

/** Signs, resources and demand changes for a cause: the side column of its section. */
export function CauseHelp({ guide }: { guide: CauseGuide }) {
  return (
    <div className="space-y-4 text-sm text-stone-700">
      <div>
        <h4 className="font-semibold text-stone-900">Signs to look for</h4>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {guide.signs.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </div>
      <div>
        <h4 className="font-semibold text-stone-900">Resources that usually fit</h4>
        <ul className="mt-1 space-y-1">
          {guide.resources.map((r) => (
            <li key={r.text}>
              <span className="font-medium text-stone-900">{resourceLabel[r.kind]}:</span> {r.text}
            </li>
          ))}
        </ul>
        {guide.catalogue.keywords.length ? (
          <p className="mt-2 text-stone-600">
            In the catalogue, look for: {guide.catalogue.keywords.join(", ")}.
          </p>
        ) : null}
      </div>
      <div>
        <h4 className="font-semibold text-stone-900">Demand changes that usually fit</h4>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {guide.demandChanges.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

// ---------- skills to build ----------

/** Skill tags: type one and press Enter (or Add); each tag has its own remove button. */
export function SkillTags({
  skills,
  onChange,
  disabled,
}: {
  skills: string[];
  onChange: (skills: string[]) => void;
  disabled?: boolean;
}) {
  const [text, setText] = useState("");
  const listId = useId();
  const add = () => {
    const tag = text.trim().replace(/\s+/g, " ").toLowerCase();
    if (tag && !skills.includes(tag) && skills.length < 20) onChange([...skills, tag]);
    setText("");
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  };
  return (
    <div className="space-y-2">
      <Field
        label="Skills to build"
        hint="Short tags, as L&D writes them in the catalogue (“sql”, “negotiation”). They find courses and mentors."
        describedBy={listId}
      >
        {(p) => (
          <div className="flex max-w-md gap-2">
            <Input
              {...p}
              value={text}
              maxLength={60}
              disabled={disabled || skills.length >= 20}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKey}
            />
            <Button variant="secondary" onClick={add} disabled={disabled || !text.trim()}>
              Add
            </Button>
          </div>
        )}
      </Field>
      <ul id={listId} aria-label="Skills to build" className="flex flex-wrap gap-2">
        {skills.length === 0 ? (
          <li className="text-sm text-stone-600">No skill named yet.</li>
        ) : (
          skills.map((s) => (
            <li key={s}>
              <span className="inline-flex items-center gap-1 rounded-full bg-teal-50 py-0.5 pr-1 pl-3 text-sm text-teal-900 ring-1 ring-teal-300 ring-inset">
                {s}
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => onChange(skills.filter((x) => x !== s))}
                  className="rounded-full px-1.5 text-teal-800 hover:bg-teal-100 focus-visible:outline-2 focus-visible:outline-teal-700"
                  aria-label={`Remove ${s}`}
                >
                  ×
                </button>
              </span>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}

// ---------- suggestions ----------

type Goal = { id: string; description: string };

function useAfterResourcing(d: Diagnosis) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: diagnosisKey(d.id) });
    if (d.plan) void queryClient.invalidateQueries({ queryKey: planKey(d.plan.id) });
  };
}

/** "Add to a goal": choose the goal (and a workshop's date, a mentor's topic), then add. */
function AddToGoal({
  d,
  goals,
  target,
}: {
  d: Diagnosis;
  goals: Goal[];
  target:
    | { kind: "catalogue"; item: CatalogueSuggestion }
    | { kind: "mentor"; mentor: MentorSuggestion; skills: string[] };
}) {
  const [goalId, setGoalId] = useState(goals[0]?.id ?? "");
  const sessions =
    target.kind === "catalogue" ? target.item.sessions.filter((s) => !s.cancelled) : [];
  const [sessionId, setSessionId] = useState(sessions[0]?.id ?? "");
  // Follows the skills until the manager writes their own words. The mentor reads the topic and
  // must never learn of a plan through it: it names skills, or nothing at all.
  const [ownTopic, setTopic] = useState<string | null>(null);
  const topic =
    ownTopic ??
    (target.kind === "mentor" && target.skills.length
      ? `Building ${target.skills.join(", ")} skills`
      : "Building skills");
  const [added, setAdded] = useState<string | null>(null);
  const after = useAfterResourcing(d);
  const planId = d.plan?.id ?? "";
  const add = useMutation({
    mutationFn: () =>
      target.kind === "catalogue"
        ? api.post(`/plans/${planId}/goals/${goalId}/resources/catalogue`, {
            catalogueItemId: target.item.id,
            sessionId: sessionId || null,
          })
        : api.post(`/plans/${planId}/goals/${goalId}/resources/mentor`, {
            mentorId: target.mentor.mentor.id,
            topic,
            skills: target.skills,
          }),
    onSuccess: () => {
      setAdded(goals.find((g) => g.id === goalId)?.description ?? "the goal");
      after();
    },
  });
  const what = target.kind === "catalogue" ? target.item.title : target.mentor.mentor.name;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form
      onSubmit={submit}
      className="mt-3 flex flex-wrap items-end gap-3"
      aria-label={`Add ${what} to a goal`}
    >
      <Field label="Goal" className="min-w-48 flex-1">
        {(p) => (
          <Select {...p} value={goalId} onChange={(e) => setGoalId(e.target.value)}>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.description}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {sessions.length ? (
        <Field label="Date" className="min-w-40">
          {(p) => (
            <Select {...p} value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
              {sessions.map((s) => (
                <option key={s.id} value={s.id} disabled={s.seatsTaken >= s.seats}>
                  {formatDateTime(s.startsAt)}
                  {s.location ? `, ${s.location}` : ""} ({Math.max(0, s.seats - s.seatsTaken)} seats
                  left)
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}
      {target.kind === "mentor" ? (
        <TextField
          label="What the mentoring is for"
          hint="The mentor reads this topic, so keep it about the skill (“SQL for monthly reporting”), never the plan."
          value={topic}
          maxLength={200}
          className="min-w-56 flex-1"
          onChange={(e) => setTopic(e.target.value)}
        />
      ) : null}
      <Button
        type="submit"
        variant="secondary"
        busy={add.isPending}
        busyLabel="Adding…"
        disabled={!goalId || (target.kind === "mentor" && !topic.trim())}
      >
        {target.kind === "mentor" ? "Ask them for this goal" : "Add to the goal"}
      </Button>
      {add.isError ? (
        <Alert tone="error" className="w-full">
          {messageOf(add.error)}
        </Alert>
      ) : null}
      {added && !add.isError ? (
        <Alert tone="success" className="w-full">
          {target.kind === "mentor"
            ? `${what} was asked to mentor for “${added}”. They accept or decline; the plan shows it as a resource.`
            : `${what} is now a resource on “${added}”.`}
        </Alert>
      ) : null}
    </form>
  );
}

function ItemMeta({ item }: { item: CatalogueSuggestion }) {
  const parts = [
    item.kindLabel,
    item.formatLabel,
    item.durationHours ? `${item.durationHours} h` : null,
    item.provider || null,
  ].filter(Boolean);
  return <p className="text-sm text-stone-600">{parts.join(" · ")}</p>;
}

/**
 * What the catalogue and the mentors offer for the causes chosen and skills named, with "Add to a
 * goal" when the conversation informs a draft plan the viewer edits.
 */
export function SuggestionsPanel({ d, pending }: { d: Diagnosis; pending?: boolean }) {
  const s = useSuggestions(d.id, d.version, d.causes.length > 0 || d.skills.length > 0);
  const goals = d.plan?.goals ?? [];
  const canAdd = d.abilities.addToGoal && goals.length > 0;
  const nothingChosen = d.causes.length === 0 && d.skills.length === 0;
  return (
    <Card
      title="Resources and support that fit"
      description="From L&D's catalogue and the people who volunteer to mentor, for the causes chosen and the skills named."
    >
      {pending ? (
        <p className="mb-3 text-sm text-stone-600" role="status">
          Saving your latest changes; the suggestions follow.
        </p>
      ) : null}
      {d.abilities.addToGoal && goals.length === 0 && d.plan ? (
        <Alert tone="info" className="mb-4">
          The plan has no goals yet.{" "}
          <Link to={`/plans/${d.plan.id}/edit`} className="underline underline-offset-2">
            Write them in the plan editor
          </Link>
          , then come back here to add these resources to them.
        </Alert>
      ) : null}
      {!d.plan && d.viewer === "runner" ? (
        <p className="mb-4 text-sm text-stone-600">
          This conversation is not linked to a plan: add resources to goals from the plan editor, or
          to a growth goal from {firstName(d.employee.name)}'s page.
        </p>
      ) : null}
      {nothingChosen ? (
        <p className="text-sm text-stone-600">
          Choose the causes (and name any skills to build) to see what fits.
        </p>
      ) : s.isPending ? (
        <p className="text-sm text-stone-600" role="status">
          Looking in the catalogue…
        </p>
      ) : s.isError ? (
        <Alert tone="error" title="The suggestions could not be loaded.">
          {messageOf(s.error)}
        </Alert>
      ) : (
        <div className="space-y-6">
          <section aria-labelledby={`${d.id}-res`}>
            <h3 id={`${d.id}-res`} className="text-sm font-semibold text-stone-900">
              From the catalogue
            </h3>
            {s.data.resources.length === 0 ? (
              <p className="mt-1 text-sm text-stone-600">
                Nothing in the catalogue matches yet. Ask L&D: they can add a course, a workshop or
                a guide for these causes.
              </p>
            ) : (
              <ul className="mt-2 divide-y divide-stone-100">
                {s.data.resources.map((item) => (
                  <li key={item.id} className="py-3">
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      {item.link ? (
                        <a
                          href={item.link}
                          target="_blank"
                          rel="noreferrer noopener"
                          className="font-medium text-teal-800 underline underline-offset-2"
                        >
                          {item.title}
                          <span className="sr-only"> (opens in a new tab)</span>
                        </a>
                      ) : (
                        <span className="font-medium text-stone-900">{item.title}</span>
                      )}
                    </div>
                    <ItemMeta item={item} />
                    {item.description ? (
                      <p className="mt-1 line-clamp-2 text-sm text-stone-700">{item.description}</p>
                    ) : null}
                    <div className="mt-1 flex flex-wrap gap-1">
                      {item.skills.map((k) => (
                        <Badge key={k} tone={d.skills.includes(k) ? "accent" : "neutral"}>
                          {k}
                        </Badge>
                      ))}
                      {item.causes
                        .filter((c): c is CauseKind => d.causes.includes(c as CauseKind))
                        .map((c) => (
                          <Badge key={c} tone="accent">
                            {causeLabel[c]}
                          </Badge>
                        ))}
                    </div>
                    {canAdd ? (
                      <AddToGoal d={d} goals={goals} target={{ kind: "catalogue", item }} />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {s.data.mentors.length || d.causes.includes("skill") || d.skills.length ? (
            <section aria-labelledby={`${d.id}-mentors`}>
              <h3 id={`${d.id}-mentors`} className="text-sm font-semibold text-stone-900">
                Mentors with a free place
              </h3>
              <p className="text-sm text-stone-600">
                Never someone in {firstName(d.employee.name)}'s own management chain.
              </p>
              {s.data.mentors.length === 0 ? (
                <p className="mt-1 text-sm text-stone-600">
                  No volunteer mentor has a free place for these skills right now.
                </p>
              ) : (
                <ul className="mt-2 divide-y divide-stone-100">
                  {s.data.mentors.map((m) => (
                    <li key={m.mentor.id} className="py-3">
                      <p className="font-medium text-stone-900">{m.mentor.name}</p>
                      <p className="text-sm text-stone-600">
                        {[m.mentor.title, m.mentor.department].filter(Boolean).join(" · ")} ·{" "}
                        {m.freeCapacity} free {m.freeCapacity === 1 ? "place" : "places"}
                      </p>
                      {m.availability ? (
                        <p className="text-sm text-stone-700">Available: {m.availability}</p>
                      ) : null}
                      <div className="mt-1 flex flex-wrap gap-1">
                        {m.skills.map((k) => (
                          <Badge key={k} tone={m.matchingSkills.includes(k) ? "accent" : "neutral"}>
                            {k}
                            {m.matchingSkills.includes(k) ? (
                              <span className="sr-only"> (matches)</span>
                            ) : null}
                          </Badge>
                        ))}
                      </div>
                      {canAdd ? (
                        <AddToGoal
                          d={d}
                          goals={goals}
                          target={{
                            kind: "mentor",
                            mentor: m,
                            skills: m.matchingSkills.length ? m.matchingSkills : d.skills,
                          }}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          {s.data.demandChanges.length ? (
            <section aria-labelledby={`${d.id}-demands`}>
              <h3 id={`${d.id}-demands`} className="text-sm font-semibold text-stone-900">
                Demands to lower meanwhile
              </h3>
              <p className="text-sm text-stone-600">
                Commit to the ones that fit as a “reduced demand” or “time allowance” resource on a
                goal in the plan editor.
              </p>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-stone-700">
                {s.data.demandChanges.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      )}
    </Card>
  );
}

// ---------- into the plan ----------

/** Writes the chosen causes into the linked draft plan; the plan keeps its own notes. */
export function ApplyPanel({
  d,
  beforeApply,
}: {
  d: Diagnosis;
  beforeApply?: () => Promise<boolean>;
}) {
  const queryClient = useQueryClient();
  const [done, setDone] = useState(false);
  const plan = d.plan;
  const apply = useMutation({
    mutationFn: async () => {
      if (beforeApply && !(await beforeApply()))
        throw new Error("Your latest changes could not be saved; fix that first.");
      return api.post<Diagnosis>(`/diagnoses/${d.id}/apply-to-plan`, {
        planVersion: plan!.version,
      });
    },
    onSuccess: (saved) => {
      setDone(true);
      queryClient.setQueryData(diagnosisKey(d.id), (old: Diagnosis | undefined) =>
        old ? { ...old, plan: saved.plan, abilities: saved.abilities } : saved,
      );
      if (plan) void queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
    },
    onError: (e) => {
      // The plan moved on: load its new version, so the next try is against what it is now.
      if (e instanceof ApiError && e.status === 409)
        void queryClient.invalidateQueries({ queryKey: diagnosisKey(d.id) });
    },
  });
  if (!plan || d.viewer !== "runner") return null;
  const toAdd = d.causes.filter((c) => !plan.causes.includes(c));
  return (
    <Card
      title="Apply the causes to the plan"
      description="The plan's diagnosis step gets the causes chosen here. Causes it already has keep their notes; the notes of this conversation stay here."
    >
      <p className="text-sm text-stone-700">
        The plan ({plan.statusLabel.toLowerCase()}) names:{" "}
        {plan.causes.length ? plan.causes.map((c) => causeLabel[c]).join(", ") : "no cause yet"}.
      </p>
      <p className="mt-1 text-sm text-stone-700">
        {d.causes.length === 0
          ? "Choose at least one cause first."
          : toAdd.length
            ? `It will gain: ${toAdd.map((c) => causeLabel[c]).join(", ")}.`
            : "It already names every cause chosen here."}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          busy={apply.isPending}
          busyLabel="Applying…"
          disabled={!d.abilities.applyToPlan || toAdd.length === 0}
          onClick={() => apply.mutate()}
        >
          Apply causes to the plan
        </Button>
        <Link
          to={`/plans/${plan.id}/edit`}
          className="text-sm text-teal-800 underline underline-offset-2"
        >
          Open the plan editor
        </Link>
      </div>
      {apply.isError ? (
        <Alert tone="error" className="mt-3">
          {messageOf(apply.error)}
        </Alert>
      ) : null}
      {done && !apply.isError ? (
        <Alert tone="success" className="mt-3">
          The plan now names these causes. Write the goals and their resources in the plan editor.
        </Alert>
      ) : null}
    </Card>
  );
}

// ---------- the record, read-only ----------

function QuestionRecord({
  question,
  note,
  answer,
  answerLabel,
}: {
  question: string;
  note: string | undefined;
  answer: string | undefined;
  answerLabel: string;
}) {
  return (
    <div className="py-3 first:pt-0 last:pb-0">
      <dt className="text-sm font-medium text-stone-900">{question}</dt>
      <dd className="mt-1 space-y-2 text-sm text-stone-800">
        {note ? <p className="whitespace-pre-wrap">{note}</p> : null}
        {answer ? (
          <blockquote className="border-l-4 border-teal-300 pl-3 whitespace-pre-wrap">
            <span className="block text-xs font-medium uppercase tracking-wide text-stone-500">
              {answerLabel}
            </span>
            {answer}
          </blockquote>
        ) : null}
      </dd>
    </div>
  );
}

function SectionRecord({
  title,
  summary,
  questions,
  notes,
  answers,
  answerLabel,
}: {
  title: string;
  summary?: string;
  questions: { id: string; text: string }[];
  notes: Record<string, string>;
  answers: Record<string, string>;
  answerLabel: string;
}) {
  const answered = questions.filter((q) => notes[q.id] || answers[q.id]);
  return (
    <Card title={title} level={2}>
      {summary ? <p className="mb-3 max-w-prose text-sm text-stone-600">{summary}</p> : null}
      {answered.length === 0 ? (
        <p className="text-sm text-stone-600">Nothing was written down under this cause.</p>
      ) : (
        <dl className="divide-y divide-stone-100">
          {answered.map((q) => (
            <QuestionRecord
              key={q.id}
              question={q.text}
              note={notes[q.id]}
              answer={answers[q.id]}
              answerLabel={answerLabel}
            />
          ))}
        </dl>
      )}
    </Card>
  );
}

/** The record as the employee, HR, or its runner after completion read it. */
export function DiagnosisRecord({ d, guide }: { d: Diagnosis; guide: Guide }) {
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const isEmployee = d.viewer === "employee";
  const first = firstName(d.employee.name);
  const answerLabel = isEmployee ? "In your words" : `In ${first}'s words`;
  const withdraw = useMutation({
    mutationFn: () => api.post<Diagnosis>(`/diagnoses/${d.id}/withdraw-consent`),
    onSuccess: (saved) => {
      setConfirm(false);
      queryClient.setQueryData(diagnosisKey(d.id), saved);
      void queryClient.invalidateQueries({ queryKey: diagnosesKey(d.employee.id) });
    },
  });
  const chosen = guide.causes.filter((c) => d.causes.includes(c.cause));
  return (
    <div className="space-y-5">
      <Card title="What was found">
        {chosen.length ? (
          <ul className="flex flex-wrap gap-2" aria-label="Causes">
            {chosen.map((c) => (
              <li key={c.cause}>
                <Badge tone="accent">{c.label}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">No cause has been chosen yet.</p>
        )}
        {d.skills.length ? (
          <p className="mt-3 text-sm text-stone-700">
            <span className="font-medium text-stone-900">Skills to build:</span>{" "}
            {d.skills.join(", ")}
          </p>
        ) : null}
        <p className="mt-3 text-sm text-stone-700">
          {d.employeeConsent
            ? `${isEmployee ? "Your" : `${first}'s`} own answers were recorded with ${isEmployee ? "your" : "their"} consent${d.consentAt ? ` on ${formatDate(d.consentAt)}` : ""}.`
            : `${isEmployee ? "Your" : `${first}'s`} own answers were not recorded.`}
        </p>
        {d.abilities.withdrawConsent ? (
          <Button variant="danger" size="sm" className="mt-3" onClick={() => setConfirm(true)}>
            {isEmployee ? "Delete my answers" : `Delete ${first}'s answers`}
          </Button>
        ) : null}
      </Card>
      {chosen.map((c) => (
        <SectionRecord
          key={c.cause}
          title={c.label}
          // The guide speaks to the manager; the employee reads what was recorded.
          summary={isEmployee ? undefined : c.summary}
          questions={c.questions}
          notes={(d.notes[c.cause] as Record<string, string> | undefined) ?? {}}
          answers={d.employeeAnswers}
          answerLabel={answerLabel}
        />
      ))}
      {d.notes.closing || guide.closing.questions.some((q) => d.employeeAnswers[q.id]) ? (
        <SectionRecord
          title="To close"
          questions={guide.closing.questions}
          notes={(d.notes.closing as Record<string, string> | undefined) ?? {}}
          answers={d.employeeAnswers}
          answerLabel={answerLabel}
        />
      ) : null}
      <Dialog
        open={confirm}
        onClose={() => setConfirm(false)}
        title={isEmployee ? "Delete your answers?" : `Delete ${first}'s answers?`}
        description="Consent is withdrawn and the answers recorded in their own words are deleted for good. The manager's notes stay."
      >
        {withdraw.isError ? (
          <Alert tone="error" className="mb-3">
            {messageOf(withdraw.error)}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirm(false)}>
            Keep them
          </Button>
          <Button
            variant="danger"
            busy={withdraw.isPending}
            busyLabel="Deleting…"
            onClick={() => withdraw.mutate()}
          >
            Delete the answers
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
