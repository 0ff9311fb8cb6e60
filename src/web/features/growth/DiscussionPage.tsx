import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  Dialog,
  Field,
  LinkButton,
  Loading,
  PageHeader,
  TextArea,
  TextField,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { firstName, PersonCrumb, TextBlock, today, WordingHints } from "./bits";
import { discussionStatus } from "./DiscussionsCard";
import {
  discussionKey,
  discussionsKey,
  isNotFound,
  useDiscussion,
  usePerson,
  useWordingCheck,
} from "./growthApi";
import type { Discussion, DiscussionWithMessage, WordingHint } from "./types";

// A documented performance discussion: written by the manager (or HR) as a draft with wording
// hints, shared with the employee (after a confirmation), then acknowledged by the employee (receipt,
// not agreement) and answered in their own words.

const ACKNOWLEDGE_MEANING =
  "Acknowledging confirms that you received this record, not that you agree with it. You can still add or change your response in your own words.";

type DiscussionDraft = {
  occurredOn: string;
  whatHappened: string;
  impact: string;
  expectation: string;
  followUpOn: string;
};

function DiscussionForm({
  initial,
  employeeFirst,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  initial: DiscussionDraft;
  employeeFirst: string;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (d: DiscussionDraft) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const hints = useWordingCheck(d.whatHappened, d.impact);
  const whatId = useId();
  const impactId = useId();
  const server = error instanceof ApiError ? error.fieldErrors() : {};
  const err = (k: keyof DiscussionDraft) => problems[k] ?? server[k] ?? null;
  const set = (k: keyof DiscussionDraft) => (v: string) => {
    setD((x) => ({ ...x, [k]: v }));
    if (problems[k]) setProblems(({ [k]: _, ...rest }) => rest);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!d.occurredOn) found.occurredOn = "Choose the day the discussion took place.";
    else if (d.occurredOn > today())
      found.occurredOn = "Document a discussion once it has happened: today or earlier.";
    if (!d.whatHappened.trim()) found.whatHappened = "Write what happened.";
    if (d.followUpOn && d.occurredOn && d.followUpOn <= d.occurredOn)
      found.followUpOn = "Follow up after the discussion: choose a later date.";
    setProblems(found);
    if (Object.keys(found).length) return;
    onSubmit({
      ...d,
      whatHappened: d.whatHappened.trim(),
      impact: d.impact.trim(),
      expectation: d.expectation.trim(),
    });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label="Documented discussion">
      <TextField
        label="When you discussed it"
        type="date"
        required
        max={today()}
        value={d.occurredOn}
        error={err("occurredOn")}
        onChange={(e) => set("occurredOn")(e.target.value)}
        className="max-w-xs"
      />
      <Field
        label="What happened"
        hint="The facts: what was said or done, when and where, as someone else in the room would describe it. Describe behaviour, not character."
        error={err("whatHappened")}
        describedBy={whatId}
        after={<WordingHints id={whatId} hints={hints.whatHappened as WordingHint[]} />}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={5}
            maxLength={10000}
            value={d.whatHappened}
            onChange={(e) => set("whatHappened")(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Its impact"
        optional
        hint="What it led to, for customers, the team or the work. Impact, not emotion."
        error={err("impact")}
        describedBy={impactId}
        after={<WordingHints id={impactId} hints={hints.impact as WordingHint[]} />}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            maxLength={10000}
            value={d.impact}
            onChange={(e) => set("impact")(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="What is expected from now on"
        optional
        hint={`The standard, in terms ${employeeFirst} and anyone else could check. Clarity is kindness.`}
        error={err("expectation")}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            maxLength={10000}
            value={d.expectation}
            onChange={(e) => set("expectation")(e.target.value)}
          />
        )}
      </Field>
      <TextField
        label="Follow-up date"
        type="date"
        optional
        hint="When you will look at it again together, within a year."
        value={d.followUpOn}
        error={err("followUpOn")}
        onChange={(e) => set("followUpOn")(e.target.value)}
        className="max-w-xs"
      />
      {error && !Object.keys(server).length ? <Alert tone="error">{messageOf(error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const bodyOf = (d: DiscussionDraft) => ({
  occurredOn: d.occurredOn,
  whatHappened: d.whatHappened,
  impact: d.impact,
  expectation: d.expectation,
  followUpOn: d.followUpOn || null,
});

// ---------- documenting a new one ----------

export function NewDiscussionPage() {
  const { id: personId = "" } = useParams();
  const person = usePerson(personId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const name = person.data?.person.name ?? "";
  const first = name ? firstName(name) : "the employee";
  useDocumentTitle(name ? `Document a discussion with ${name}` : "Document a discussion");
  const create = useMutation({
    mutationFn: (d: DiscussionDraft) =>
      api.post<Discussion>(`/people/${encodeURIComponent(personId)}/discussions`, bodyOf(d)),
    onSuccess: (d) => {
      queryClient.setQueryData(discussionKey(d.id), d);
      void queryClient.invalidateQueries({ queryKey: discussionsKey(personId) });
      navigate(`/discussions/${d.id}`);
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
      <PersonCrumb person={person.data?.person ?? null} here="Document a discussion" />
      <PageHeader
        title={`Document a discussion${name ? ` with ${name}` : ""}`}
        description={`Write down a performance discussion you have had with ${first}: the lighter step before any plan, and the right tool for behaviour that no metric captures.`}
      />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <DiscussionForm
            initial={{
              occurredOn: today(),
              whatHappened: "",
              impact: "",
              expectation: "",
              followUpOn: "",
            }}
            employeeFirst={first}
            submitLabel="Save as a draft"
            busy={create.isPending}
            error={create.error}
            onSubmit={(d) => create.mutate(d)}
            onCancel={() => navigate(`/people/${personId}`)}
          />
        </Card>
        <Card title="Before you share it" level={2}>
          <ul className="list-disc space-y-2 pl-5 text-sm text-stone-700">
            <li>
              It is saved as a draft: until you share it, only you and HR covering {first}'s
              department see it.
            </li>
            <li>
              Once shared, {first} is told in the app and by email, and the record no longer
              changes.
            </li>
            <li>
              {first} acknowledges receipt (which is not agreement) and can answer in their own
              words.
            </li>
            <li>Wording hints flag judgements about the person: describe behaviour and impact.</li>
          </ul>
        </Card>
      </div>
    </>
  );
}

// ---------- one discussion ----------

export function DiscussionPage() {
  const { id = "" } = useParams();
  const discussion = useDiscussion(id);
  const me = useSignedIn();
  const isEmployee = discussion.data?.employee.id === me.person.id;
  useDocumentTitle(
    discussion.data
      ? isEmployee
        ? "A documented discussion"
        : `Discussion with ${discussion.data.employee.name}`
      : "Documented discussion",
  );
  if (discussion.isPending) return <Loading />;
  if (discussion.isError) {
    if (isNotFound(discussion.error))
      return (
        <>
          <PageHeader title="Discussion not found" />
          <Alert
            tone="info"
            title="This discussion does not exist, or is not yours to see."
            actions={<LinkButton to="/">Home</LinkButton>}
          />
        </>
      );
    return <QueryError error={discussion.error} onRetry={() => void discussion.refetch()} />;
  }
  return <DiscussionView d={discussion.data} isEmployee={isEmployee} />;
}

function useDiscussionSaved(d: Discussion) {
  const queryClient = useQueryClient();
  return (next: Discussion) => {
    queryClient.setQueryData(discussionKey(d.id), next);
    void queryClient.invalidateQueries({ queryKey: discussionsKey(d.employee.id) });
    void queryClient.invalidateQueries({ queryKey: ["notifications"] });
  };
}

function DiscussionView({ d, isEmployee }: { d: Discussion; isEmployee: boolean }) {
  const first = firstName(d.employee.name);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const status = discussionStatus(d, isEmployee);
  const writer = d.hints !== null && !isEmployee;
  // Wording hints help while the words can still change: on a draft.
  const hinted = writer && d.status === "draft";
  return (
    <>
      <PersonCrumb person={d.employee} here="Documented discussion" />
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-stone-900">
          {isEmployee ? "A documented discussion" : `Documented discussion with ${d.employee.name}`}
        </h1>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-stone-600">
          <Badge tone={status.tone}>{status.label}</Badge>
          <span>Discussed on {formatDate(d.occurredOn)}</span>
          <span>· Documented by {d.manager.name}</span>
          {d.sharedAt ? <span>· Shared {formatDate(d.sharedAt)}</span> : null}
        </p>
      </div>

      <div aria-live="polite">
        {notice ? (
          <Alert
            tone="success"
            className="mb-5"
            actions={
              <Button size="sm" variant="ghost" onClick={() => setNotice(null)}>
                Dismiss
              </Button>
            }
          >
            {notice}
          </Alert>
        ) : null}
      </div>

      {d.status === "draft" && writer ? (
        <Alert tone="info" className="mb-5" title={`Draft: ${first} does not see this yet`}>
          Only you and HR covering {first}'s department see a draft. Check the wording, then share
          it with {first}; after that it no longer changes.
        </Alert>
      ) : null}
      {isEmployee && d.abilities.acknowledge ? <Acknowledge d={d} onDone={setNotice} /> : null}

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card
            title="The record"
            actions={
              d.abilities.edit && !editing ? (
                <>
                  <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
                    Edit the draft
                  </Button>
                  {d.abilities.share ? <ShareButton d={d} onShared={setNotice} /> : null}
                </>
              ) : undefined
            }
          >
            {editing ? (
              <EditDiscussion d={d} onDone={() => setEditing(false)} />
            ) : (
              <dl className="space-y-4">
                <TextBlock label="When">{formatDate(d.occurredOn)}</TextBlock>
                <TextBlock
                  label="What happened"
                  extra={
                    hinted && d.hints?.whatHappened.length ? (
                      <WordingHints hints={d.hints.whatHappened} />
                    ) : null
                  }
                >
                  {d.whatHappened}
                </TextBlock>
                <TextBlock
                  label="Its impact"
                  extra={
                    writer && d.hints?.impact.length ? (
                      <WordingHints hints={d.hints.impact} />
                    ) : null
                  }
                >
                  {d.impact}
                </TextBlock>
                <TextBlock label="What is expected from now on">{d.expectation}</TextBlock>
                <TextBlock label="Follow-up" empty="No follow-up date">
                  {d.followUpOn ? formatDate(d.followUpOn) : ""}
                </TextBlock>
              </dl>
            )}
            {hinted && !editing ? (
              <p className="mt-4 text-xs text-stone-500">
                Wording hints are for the people who write the record; {first} never sees them.
              </p>
            ) : null}
          </Card>
          <ResponseCard d={d} isEmployee={isEmployee} />
        </div>
        <div className="min-w-0 space-y-6">
          <Card title="Where it stands">
            <ol className="space-y-3 text-sm">
              <Step done label="Documented" when={d.createdAt} by={d.manager.name} />
              <Step done={d.sharedAt !== null} label={`Shared with ${first}`} when={d.sharedAt} />
              <Step
                done={d.acknowledgedAt !== null}
                label={`${isEmployee ? "You" : first} acknowledged receipt`}
                when={d.acknowledgedAt}
                note="Receipt, not agreement."
              />
            </ol>
          </Card>
        </div>
      </div>
    </>
  );
}

function Step({
  done,
  label,
  when,
  by,
  note,
}: {
  done: boolean;
  label: string;
  when: string | null;
  by?: string;
  note?: string;
}) {
  return (
    <li className="flex gap-3">
      <span
        aria-hidden="true"
        className={
          done
            ? "mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full bg-green-600 text-[10px] font-bold text-white"
            : "mt-0.5 size-5 shrink-0 rounded-full border-2 border-stone-300"
        }
      >
        {done ? "✓" : ""}
      </span>
      <div>
        <p className={done ? "font-medium text-stone-900" : "text-stone-600"}>
          {label}
          <span className="sr-only">{done ? " (done)" : " (not yet)"}</span>
        </p>
        {done && when ? (
          <p className="text-stone-600">
            {formatDateTime(when)}
            {by ? ` · ${by}` : ""}
          </p>
        ) : null}
        {note ? <p className="text-stone-500">{note}</p> : null}
      </div>
    </li>
  );
}

function EditDiscussion({ d, onDone }: { d: Discussion; onDone: () => void }) {
  const saved = useDiscussionSaved(d);
  const save = useMutation({
    mutationFn: (draft: DiscussionDraft) =>
      api.patch<Discussion>(`/discussions/${d.id}`, { ...bodyOf(draft), version: d.version }),
    onSuccess: (next) => {
      saved(next);
      onDone();
    },
  });
  return (
    <DiscussionForm
      initial={{
        occurredOn: d.occurredOn,
        whatHappened: d.whatHappened,
        impact: d.impact,
        expectation: d.expectation,
        followUpOn: d.followUpOn ?? "",
      }}
      employeeFirst={firstName(d.employee.name)}
      submitLabel="Save the draft"
      busy={save.isPending}
      error={save.error}
      onSubmit={(draft) => save.mutate(draft)}
      onCancel={onDone}
    />
  );
}

function ShareButton({ d, onShared }: { d: Discussion; onShared: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const saved = useDiscussionSaved(d);
  const first = firstName(d.employee.name);
  const share = useMutation({
    mutationFn: () =>
      api.post<DiscussionWithMessage>(`/discussions/${d.id}/share`, { version: d.version }),
    onSuccess: (r) => {
      saved(r.discussion);
      setOpen(false);
      onShared(r.message);
    },
  });
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Share with {first}
      </Button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          share.reset();
        }}
        title={`Share this record with ${first}?`}
        description={`The employee will see this. ${first} is told in the app and by email and asked to acknowledge receipt. Once shared, the record no longer changes.`}
      >
        {share.isError ? (
          <Alert tone="error" className="mb-3">
            {messageOf(share.error)}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Not yet
          </Button>
          <Button busy={share.isPending} busyLabel="Sharing…" onClick={() => share.mutate()}>
            Share with {first}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

function Acknowledge({ d, onDone }: { d: Discussion; onDone: (message: string) => void }) {
  const saved = useDiscussionSaved(d);
  const ack = useMutation({
    mutationFn: () => api.post<DiscussionWithMessage>(`/discussions/${d.id}/acknowledge`),
    onSuccess: (r) => {
      saved(r.discussion);
      onDone(r.message);
    },
  });
  return (
    <Alert
      tone="warning"
      className="mb-5"
      title={`${d.manager.name} shared this record with you`}
      actions={
        <Button busy={ack.isPending} busyLabel="Acknowledging…" onClick={() => ack.mutate()}>
          Acknowledge receipt
        </Button>
      }
    >
      <p>{ACKNOWLEDGE_MEANING}</p>
      {ack.isError ? <p className="mt-2 font-medium text-red-800">{messageOf(ack.error)}</p> : null}
    </Alert>
  );
}

function ResponseCard({ d, isEmployee }: { d: Discussion; isEmployee: boolean }) {
  const [editing, setEditing] = useState(false);
  const first = firstName(d.employee.name);
  if (d.status === "draft") return null;
  const title = isEmployee ? "Your response" : `${first}'s response`;
  return (
    <Card
      title={title}
      description={
        isEmployee
          ? `Your side, in your own words. ${d.manager.name} and HR see it. You can change it at any time, also after acknowledging.`
          : `In ${first}'s own words. ${first} can change it at any time.`
      }
      actions={
        d.abilities.respond && !editing && d.employeeResponse ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
            Edit your response
          </Button>
        ) : undefined
      }
    >
      {editing || (d.abilities.respond && !d.employeeResponse) ? (
        <ResponseForm d={d} onDone={() => setEditing(false)} cancellable={editing} />
      ) : d.employeeResponse ? (
        <p className="text-sm whitespace-pre-wrap text-stone-900">{d.employeeResponse}</p>
      ) : (
        <p className="text-sm text-stone-600">{first} has not responded.</p>
      )}
    </Card>
  );
}

function ResponseForm({
  d,
  onDone,
  cancellable,
}: {
  d: Discussion;
  onDone: () => void;
  cancellable: boolean;
}) {
  const [response, setResponse] = useState(d.employeeResponse);
  const saved = useDiscussionSaved(d);
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api.put<Discussion>(`/discussions/${d.id}/response`, { response: response.trim() }),
    onSuccess: (next) => {
      saved(next);
      setDone(true);
      onDone();
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        save.mutate();
      }}
      noValidate
      className="space-y-3"
      aria-label="Your response"
    >
      <Field
        label="Your response, in your own words"
        hint="What you see the same way, what you see differently, and what would help."
        error={fieldErrors.response}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={5}
            maxLength={10000}
            value={response}
            onChange={(e) => setResponse(e.target.value)}
          />
        )}
      </Field>
      {save.isError && !fieldErrors.response ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save your response
        </Button>
        {cancellable ? (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
        <p aria-live="polite" className="text-sm text-green-800">
          {done ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}
