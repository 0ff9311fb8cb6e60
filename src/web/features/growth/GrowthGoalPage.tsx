import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { ResourceKind, ResourceStatus } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  Dialog,
  Field,
  Input,
  LinkButton,
  Loading,
  PageHeader,
  Select,
  TextArea,
} from "../../ui";
import { ResourceBadges } from "../catalogue/ResourceBadges";
import { ResourcePicker } from "../catalogue/ResourcePicker";
import { useSignedIn } from "../layout/session";
import { resourceLabel, resourceStatusLabel, resourceStatusTone } from "../plans/labels";
import {
  firstName,
  GoalHints,
  goalStatusLabel,
  goalStatusTone,
  PersonCrumb,
  ProgressBar,
  TextBlock,
} from "./bits";
import { draftOf, emptyDraft, GoalForm, type GoalInput } from "./GoalForm";
import {
  goalKey,
  goalsKey,
  isNotFound,
  useGrowthGoal,
  usePerson,
  usePersonMeetings,
} from "./growthApi";
import type { GoalStatus, GrowthGoalDetail } from "./types";

// A growth goal: its SMART fields, the language checker's hints, progress updates (linked to the
// 1:1 they were discussed in), and achieving or dropping it.

function useGoalSaved(goal: { id: string; personId: string }) {
  const queryClient = useQueryClient();
  return (detail: GrowthGoalDetail) => {
    queryClient.setQueryData(goalKey(goal.id), detail);
    void queryClient.invalidateQueries({ queryKey: goalsKey(goal.personId) });
    void queryClient.invalidateQueries({ queryKey: ["notifications"] });
  };
}

// ---------- a new goal ----------

export function NewGrowthGoalPage() {
  const { id: personId = "" } = useParams();
  const me = useSignedIn();
  const person = usePerson(personId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isSelf = me.person.id === personId;
  const name = person.data?.person.name ?? "";
  useDocumentTitle(
    isSelf ? "New growth goal" : name ? `New growth goal for ${name}` : "New growth goal",
  );
  const create = useMutation({
    mutationFn: (input: GoalInput) =>
      api.post<GrowthGoalDetail>(`/people/${encodeURIComponent(personId)}/growth-goals`, input),
    onSuccess: (goal) => {
      queryClient.setQueryData(goalKey(goal.id), goal);
      void queryClient.invalidateQueries({ queryKey: goalsKey(personId) });
      navigate(`/growth-goals/${goal.id}`);
    },
  });
  if (person.isError && isNotFound(person.error))
    return (
      <Alert
        tone="info"
        title="No such person, or you do not have access to them."
        actions={<LinkButton to="/people">Back to the directory</LinkButton>}
      />
    );
  return (
    <>
      <PersonCrumb person={person.data ? person.data.person : null} here="New growth goal" />
      <PageHeader
        title={isSelf ? "A new growth goal" : `A new growth goal for ${name || "…"}`}
        description={
          isSelf
            ? "Something you want to get better at. Your manager sees it and can help; you both record progress as it moves."
            : `Something ${firstName(name)} wants to get better at, agreed together. ${firstName(name)} sees it and can record progress too.`
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <GoalForm
            initial={emptyDraft}
            forSelf={isSelf}
            submitLabel="Save the goal"
            busyLabel="Saving…"
            busy={create.isPending}
            error={create.error}
            onSubmit={(input) => create.mutate(input)}
            onCancel={() => navigate(`/people/${personId}`)}
          />
        </Card>
        <SmartExplained />
      </div>
    </>
  );
}

function SmartExplained() {
  return (
    <Card title="A SMART goal" level={2}>
      <dl className="space-y-3 text-sm">
        {[
          ["Specific", "One thing, about work or behaviour, not personality."],
          ["Measurable", "A number or evidence that shows how far along it is."],
          ["Achievable", "A stretch, but reachable with the time and support there is."],
          ["Relevant", "It matters for the role, the team or the person's long-term goals."],
          ["Time-bound", "A date to aim for."],
        ].map(([term, what]) => (
          <div key={term}>
            <dt className="font-semibold text-stone-900">{term}</dt>
            <dd className="text-stone-700">{what}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-sm text-stone-600">
        Only the goal itself is required. The hints under it come from the same language checker as
        success plans; they suggest, and never stop you saving.
      </p>
    </Card>
  );
}

// ---------- a goal ----------

export function GrowthGoalPage() {
  const { id = "" } = useParams();
  const goal = useGrowthGoal(id);
  useDocumentTitle(goal.data?.title ?? "Growth goal");
  if (goal.isPending) return <Loading />;
  if (goal.isError) {
    if (isNotFound(goal.error))
      return (
        <>
          <PageHeader title="Growth goal not found" />
          <Alert
            tone="info"
            title="This growth goal does not exist, or is not yours to see."
            actions={<LinkButton to="/">Home</LinkButton>}
          />
        </>
      );
    return <QueryError error={goal.error} onRetry={() => void goal.refetch()} />;
  }
  return <GoalView goal={goal.data} />;
}

function GoalView({ goal }: { goal: GrowthGoalDetail }) {
  const me = useSignedIn();
  const person = usePerson(goal.personId);
  const isSelf = me.person.id === goal.personId;
  const personName = person.data?.person.name ?? null;
  const [editing, setEditing] = useState(false);
  // The checker reads the words alone; the goal's date already makes it time-bound.
  const hints = goal.check.findings.filter(
    (f) => !(goal.dueOn && f.code === "goal.not_time_bound"),
  );
  const overdue =
    goal.status === "active" && goal.dueOn && goal.dueOn < new Date().toISOString().slice(0, 10);
  return (
    <>
      <PersonCrumb
        person={personName ? { id: goal.personId, name: personName } : null}
        here="Growth goal"
      />
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <p className="mb-1 text-sm text-stone-600">
            {isSelf
              ? "Your growth goal"
              : personName
                ? `${personName}'s growth goal`
                : "Growth goal"}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight text-stone-900">{goal.title}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-stone-600">
            <Badge tone={goalStatusTone[goal.status]}>{goalStatusLabel[goal.status]}</Badge>
            {goal.dueOn ? (
              overdue ? (
                <Badge tone="warning">Was due {formatDate(goal.dueOn)}</Badge>
              ) : (
                <span>Due {formatDate(goal.dueOn)}</span>
              )
            ) : (
              <span>No date set</span>
            )}
            <span>
              · Written by {goal.createdBy.id === me.person.id ? "you" : goal.createdBy.name} on{" "}
              {formatDate(goal.createdAt)}
            </span>
          </p>
          {/* Only for those who may still open the plan: the API says null to anyone else. */}
          {goal.sourcePlan ? (
            <p className="mt-2 text-sm text-stone-700">
              <Link
                to={`/plans/${goal.sourcePlan.id}`}
                className="font-medium text-teal-800 underline underline-offset-2"
              >
                {isSelf
                  ? "Carries on from your success plan"
                  : `Carries on from ${personName ? `${personName}'s` : "a"} success plan`}
              </Link>
            </p>
          ) : null}
        </div>
        {goal.abilities.edit ? <EndGoal goal={goal} /> : null}
      </div>

      {goal.status !== "active" ? (
        <Alert tone={goal.status === "achieved" ? "success" : "info"} className="mb-6">
          {goal.status === "achieved"
            ? `Achieved on ${formatDate(goal.updatedAt)}. The goal and its updates stay on the record.`
            : `Dropped on ${formatDate(goal.updatedAt)}. The goal and its updates stay on the record.`}
        </Alert>
      ) : null}

      {editing ? (
        // The SMART fields need room: the form takes the page while it is open.
        <div className="grid items-start gap-6 lg:grid-cols-3">
          <Card title="Edit the goal" className="lg:col-span-2">
            <EditGoal goal={goal} forSelf={isSelf} onDone={() => setEditing(false)} />
          </Card>
          <SmartExplained />
        </div>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <ProgressCard goal={goal} />
            <SupportCard goal={goal} personName={personName} />
          </div>
          <div className="min-w-0 space-y-6">
            <Card
              title="The goal"
              actions={
                goal.abilities.edit ? (
                  <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                    Edit<span className="sr-only"> the goal</span>
                  </Button>
                ) : undefined
              }
            >
              <dl className="grid grid-cols-2 gap-3">
                <TextBlock label="What exactly it means" className="col-span-2">
                  {goal.specific}
                </TextBlock>
                <TextBlock label="How it is measured" className="col-span-2">
                  {goal.measure}
                </TextBlock>
                <TextBlock label="Baseline">
                  {goal.baseline === null ? "" : String(goal.baseline)}
                </TextBlock>
                <TextBlock label="Target">
                  {goal.target === null ? "" : String(goal.target)}
                </TextBlock>
                <TextBlock label="Why it matters" className="col-span-2">
                  {goal.relevance}
                </TextBlock>
                <TextBlock label="By when" className="col-span-2">
                  {goal.dueOn ? formatDate(goal.dueOn) : ""}
                </TextBlock>
              </dl>
            </Card>
            <Card
              title="Wording hints"
              description="From the goal language checker. They suggest; they never block."
            >
              {hints.length ? (
                <GoalHints findings={hints} />
              ) : (
                <p className="text-sm text-stone-600">
                  Nothing to suggest: the goal reads as specific and measurable.
                </p>
              )}
            </Card>
          </div>
        </div>
      )}
    </>
  );
}

function EditGoal({
  goal,
  forSelf,
  onDone,
}: {
  goal: GrowthGoalDetail;
  forSelf: boolean;
  onDone: () => void;
}) {
  const saved = useGoalSaved(goal);
  const save = useMutation({
    mutationFn: (input: GoalInput) =>
      api.patch<GrowthGoalDetail>(`/growth-goals/${goal.id}`, { ...input, version: goal.version }),
    onSuccess: (detail) => {
      saved(detail);
      onDone();
    },
  });
  return (
    <GoalForm
      initial={draftOf(goal)}
      forSelf={forSelf}
      submitLabel="Save changes"
      busyLabel="Saving…"
      busy={save.isPending}
      error={save.error}
      onSubmit={(input) => save.mutate(input)}
      onCancel={onDone}
    />
  );
}

function EndGoal({ goal }: { goal: GrowthGoalDetail }) {
  const [ending, setEnding] = useState<Exclude<GoalStatus, "active"> | null>(null);
  const saved = useGoalSaved(goal);
  const end = useMutation({
    mutationFn: (status: Exclude<GoalStatus, "active">) =>
      api.patch<GrowthGoalDetail>(`/growth-goals/${goal.id}`, { status, version: goal.version }),
    onSuccess: (detail) => {
      saved(detail);
      setEnding(null);
    },
  });
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => setEnding("achieved")}>
        Mark as achieved
      </Button>
      <Button variant="ghost" onClick={() => setEnding("dropped")}>
        Drop this goal
      </Button>
      <Dialog
        open={ending !== null}
        onClose={() => {
          setEnding(null);
          end.reset();
        }}
        title={ending === "achieved" ? "Mark this goal as achieved?" : "Drop this goal?"}
        description={
          ending === "achieved"
            ? "Well done. The goal moves to the ended goals, with its updates kept. An ended goal does not reopen."
            : "Goals change, and that is fine: dropping keeps the goal and its updates on the record. An ended goal does not reopen."
        }
      >
        {end.isError ? (
          <Alert tone="error" className="mb-3">
            {messageOf(end.error)}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => setEnding(null)}>
            Cancel
          </Button>
          <Button
            variant={ending === "dropped" ? "danger" : "primary"}
            busy={end.isPending}
            onClick={() => ending && end.mutate(ending)}
          >
            {ending === "achieved" ? "Mark as achieved" : "Drop the goal"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

// ---------- progress ----------

function ProgressCard({ goal }: { goal: GrowthGoalDetail }) {
  const me = useSignedIn();
  const meetings = usePersonMeetings(
    goal.personId,
    goal.abilities.edit || goal.updates.some((u) => u.meeting),
  );
  return (
    <Card title="Progress">
      <ProgressBar value={goal.progress} label={`Progress on “${goal.title}”`} />
      {goal.abilities.edit ? <PostUpdate goal={goal} held={meetings.held} /> : null}
      <h3 className="mt-6 text-sm font-semibold text-stone-900">Updates</h3>
      {goal.updates.length === 0 ? (
        <p className="mt-1 text-sm text-stone-600">
          No updates yet.{" "}
          {goal.abilities.edit
            ? "Record one whenever something moves, or after you talk about it in a 1:1."
            : ""}
        </p>
      ) : (
        <ol className="mt-2 space-y-3" aria-label="Progress updates, newest first">
          {goal.updates.map((u) => (
            <li key={u.id} className="rounded-md border border-stone-200 px-3 py-2">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-semibold tabular-nums text-stone-900">{u.progress}%</span>
                {u.value !== null ? (
                  <Badge>
                    Measured {u.value}
                    {goal.target !== null ? ` of ${goal.target}` : ""}
                  </Badge>
                ) : null}
                <span className="text-stone-600">
                  {u.author.id === me.person.id ? "You" : u.author.name} ·{" "}
                  <time dateTime={u.createdAt}>{formatDateTime(u.createdAt)}</time>
                </span>
              </p>
              {u.meeting ? (
                <p className="mt-1 text-sm text-stone-600">
                  Discussed in{" "}
                  {meetings.seriesId ? (
                    <Link
                      to={`/one-on-ones/${meetings.seriesId}/meetings/${u.meeting.id}`}
                      className="text-teal-800 underline underline-offset-2"
                    >
                      the 1:1 on {formatDate(u.meeting.scheduledAt)}
                    </Link>
                  ) : (
                    `the 1:1 on ${formatDate(u.meeting.scheduledAt)}`
                  )}
                </p>
              ) : null}
              {u.body ? (
                <p className="mt-1 text-sm whitespace-pre-wrap text-stone-800">{u.body}</p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function PostUpdate({
  goal,
  held,
}: {
  goal: GrowthGoalDetail;
  held: { id: string; scheduledAt: string; localDate: string; localTime: string }[];
}) {
  const [progress, setProgress] = useState(goal.progress);
  const [value, setValue] = useState("");
  const [meetingId, setMeetingId] = useState("");
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const progressId = useId();
  const saved = useGoalSaved(goal);
  const post = useMutation({
    mutationFn: (input: {
      progress: number;
      value: number | null;
      meetingId: string | null;
      body: string;
    }) => api.post<GrowthGoalDetail>(`/growth-goals/${goal.id}/updates`, input),
    onSuccess: (detail) => {
      saved(detail);
      setValue("");
      setBody("");
      setMeetingId("");
      setProgress(detail.progress);
      setDone(true);
    },
  });
  const fieldErrors = post.error instanceof ApiError ? post.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const v = value.trim() === "" ? null : Number(value.trim().replace(",", "."));
    if (v !== null && !Number.isFinite(v)) {
      setProblem("Enter the measured value as a number, or leave it empty.");
      return;
    }
    setProblem(null);
    post.mutate({ progress, value: v, meetingId: meetingId || null, body: body.trim() });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-5 space-y-4 border-t border-stone-100 pt-4"
      aria-label="Record progress"
    >
      <h3 className="text-sm font-semibold text-stone-900">Record progress</h3>
      <div>
        <label htmlFor={progressId} className="block text-sm font-medium text-stone-800">
          How far along it is now
        </label>
        <div className="mt-1.5 flex items-center gap-3">
          <input
            id={progressId}
            type="range"
            min={0}
            max={100}
            step={1}
            value={progress}
            aria-valuetext={`${progress}%`}
            onChange={(e) => setProgress(Number(e.target.value))}
            className="h-2 w-full max-w-md accent-teal-700"
          />
          <output
            htmlFor={progressId}
            className="w-12 text-right text-sm font-semibold tabular-nums"
          >
            {progress}%
          </output>
        </div>
        {fieldErrors.progress ? (
          <p className="mt-1 text-sm font-medium text-red-700">{fieldErrors.progress}</p>
        ) : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Measured value"
          optional
          hint={
            goal.measure
              ? `In “${goal.measure}”${goal.target !== null ? `; the target is ${goal.target}` : ""}.`
              : "If the goal is counted, where the count stands now."
          }
          error={problem ?? fieldErrors.value}
        >
          {(p) => (
            <Input
              {...p}
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
        {held.length ? (
          <Field
            label="Discussed in a 1:1"
            optional
            hint="Link the update to the meeting where you talked about it."
            error={fieldErrors.meetingId}
          >
            {(p) => (
              <Select {...p} value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
                <option value="">Not linked to a 1:1</option>
                {held.slice(0, 20).map((m) => (
                  <option key={m.id} value={m.id}>
                    {formatDate(m.localDate)}, {m.localTime}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
      </div>
      <Field
        label="What moved"
        optional
        hint="What you did, what you learned, what is next."
        error={fieldErrors.body}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      {post.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(post.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={post.isPending} busyLabel="Recording…">
          Record progress
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {done ? "Recorded." : ""}
        </p>
      </div>
    </form>
  );
}

// ---------- support ----------

type GoalResource = GrowthGoalDetail["resources"][number];
const ownKinds: ResourceKind[] = ["training", "time", "tool", "coaching", "reduced_demand"];
const resourceStatuses = Object.keys(resourceStatusLabel) as ResourceStatus[];

/** What makes the goal reachable: catalogue picks, a mentor, and support in one's own words. */
function SupportCard({ goal, personName }: { goal: GrowthGoalDetail; personName: string | null }) {
  const me = useSignedIn();
  const isSelf = me.person.id === goal.personId;
  const [picking, setPicking] = useState(false);
  const saved = useGoalSaved(goal);
  const send = async (path: string, body: object) => {
    saved(await api.post<GrowthGoalDetail>(`/growth-goals/${goal.id}/resources${path}`, body));
  };
  const name = isSelf ? "you" : (personName ?? "this person");
  return (
    <Card
      title="Support"
      description="Courses, workshop dates, a mentor, time or tools that make this goal reachable."
      actions={
        goal.abilities.edit ? (
          <Button size="sm" variant="secondary" onClick={() => setPicking(true)}>
            Add a resource
          </Button>
        ) : undefined
      }
    >
      {goal.resources.length === 0 ? (
        <p className="text-sm text-stone-600">
          No support yet.{" "}
          {goal.abilities.edit
            ? "Add something from the catalogue, ask a mentor, or write down the time or tools that would help."
            : ""}
        </p>
      ) : (
        <ul className="space-y-3">
          {goal.resources.map((r) => (
            <li key={r.id} className="rounded-md border border-stone-200 px-3 py-2">
              <GoalResourceRow goal={goal} resource={r} />
            </li>
          ))}
        </ul>
      )}
      {goal.abilities.edit ? <OwnResourceForm goal={goal} /> : null}
      {goal.abilities.edit ? (
        <ResourcePicker
          open={picking}
          onClose={() => setPicking(false)}
          goalTitle={goal.title}
          person={{ id: goal.personId, name: personName ?? name }}
          context="growth"
          taken={{
            catalogueItemIds: goal.resources.flatMap((r) => r.catalogueItemId ?? []),
            mentorIds: goal.resources.flatMap((r) => (r.mentor ? [r.mentor.id] : [])),
          }}
          onAddCatalogue={(pick) => send("/catalogue", pick)}
          onAddMentor={(pick) => send("/mentor", pick)}
        />
      ) : null}
    </Card>
  );
}

function GoalResourceRow({
  goal,
  resource: r,
}: {
  goal: GrowthGoalDetail;
  resource: GoalResource;
}) {
  const saved = useGoalSaved(goal);
  const setStatus = useMutation({
    mutationFn: (status: ResourceStatus) =>
      api.patch<GrowthGoalDetail>(`/growth-goal-resources/${r.id}`, { status }),
    onSuccess: saved,
  });
  const remove = useMutation({
    mutationFn: () => api.delete<GrowthGoalDetail>(`/growth-goal-resources/${r.id}`),
    onSuccess: saved,
  });
  const label = `${resourceLabel[r.kind]}: ${r.description}`;
  return (
    <div className="text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-stone-900">{resourceLabel[r.kind]}</span>
        {goal.abilities.edit ? null : (
          <Badge tone={resourceStatusTone[r.status]}>{resourceStatusLabel[r.status]}</Badge>
        )}
        <ResourceBadges resource={r} />
      </p>
      <p className="mt-1 text-stone-800">{r.description}</p>
      {r.link ? (
        <a
          href={r.link}
          target="_blank"
          rel="noreferrer noopener"
          className="break-all text-teal-800 underline"
        >
          {r.link}
        </a>
      ) : null}
      {goal.abilities.edit ? (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Select
            className="h-8! w-44!"
            value={r.status}
            aria-label={`Status of ${label}`}
            onChange={(e) => setStatus.mutate(e.target.value as ResourceStatus)}
          >
            {resourceStatuses.map((s) => (
              <option key={s} value={s}>
                {resourceStatusLabel[s]}
              </option>
            ))}
          </Select>
          <Button
            size="sm"
            variant="ghost"
            busy={remove.isPending}
            aria-label={`Remove ${label}`}
            onClick={() => remove.mutate()}
          >
            Remove
          </Button>
        </div>
      ) : null}
      {setStatus.isError || remove.isError ? (
        <Alert tone="error" className="mt-2">
          {messageOf(setStatus.error ?? remove.error)}
        </Alert>
      ) : null}
    </div>
  );
}

/** Support in one's own words: time set aside, a tool, coaching, a lighter load. */
function OwnResourceForm({ goal }: { goal: GrowthGoalDetail }) {
  const [kind, setKind] = useState<ResourceKind>("time");
  const [description, setDescription] = useState("");
  const [link, setLink] = useState("");
  const saved = useGoalSaved(goal);
  const add = useMutation({
    mutationFn: () =>
      api.post<GrowthGoalDetail>(`/growth-goals/${goal.id}/resources`, {
        kind,
        description: description.trim(),
        link: link.trim(),
      }),
    onSuccess: (detail) => {
      saved(detail);
      setDescription("");
      setLink("");
    },
  });
  const fieldErrors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  return (
    <form
      className="mt-5 space-y-3 border-t border-stone-100 pt-4"
      aria-label="Add support in your own words"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h3 className="text-sm font-semibold text-stone-900">Or write it in your own words</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Kind" error={fieldErrors.kind}>
          {(p) => (
            <Select {...p} value={kind} onChange={(e) => setKind(e.target.value as ResourceKind)}>
              {ownKinds.map((k) => (
                <option key={k} value={k}>
                  {resourceLabel[k]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="What it is" className="sm:col-span-2" error={fieldErrors.description}>
          {(p) => (
            <Input
              {...p}
              required
              maxLength={2000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Link"
          optional
          className="sm:col-span-3"
          hint="A web address starting with https://"
          error={fieldErrors.link}
        >
          {(p) => (
            <Input {...p} type="url" value={link} onChange={(e) => setLink(e.target.value)} />
          )}
        </Field>
      </div>
      {add.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(add.error)}</Alert>
      ) : null}
      <Button type="submit" variant="secondary" busy={add.isPending} busyLabel="Adding…">
        Add the support
      </Button>
    </form>
  );
}
