import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import type { PlanChanges, PlanThread, ResourceKind } from "../../types";
import { Alert, Badge, Button, Card, Field, Select, Spinner, TextArea, TextField } from "../../ui";
import { resourceLabel } from "./labels";
import type { PlanCtx } from "./PlanSections";
import { usePlanWrite } from "./planApi";

export function ThreadsSection({ ctx }: { ctx: PlanCtx }) {
  const { threads } = ctx.detail;
  return (
    <Card
      title="Questions and support requests"
      description="Clarifications the employee asked for and support they requested; each must be answered."
    >
      {threads.length === 0 ? (
        <p className="text-sm text-stone-600">
          {ctx.canRespond
            ? "Nothing yet. Use “Ask for clarification” or “Request support” under any goal."
            : "No questions or requests yet."}
        </p>
      ) : (
        <ul className="space-y-4">
          {threads.map((t) => (
            <li key={t.id} className="rounded-md border border-stone-200 p-4">
              <ThreadItem ctx={ctx} thread={t} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ThreadItem({ ctx, thread }: { ctx: PlanCtx; thread: PlanThread }) {
  const planId = ctx.detail.plan.id;
  const [reply, setReply] = useState("");
  const [accepting, setAccepting] = useState(false);
  const goal = ctx.detail.goals.find((g) => g.id === thread.goalId);
  const canAnswer = Boolean(ctx.detail.abilities["plan.answer_thread"]);
  const canPost = (canAnswer || ctx.canRespond) && thread.status !== "closed";
  const send = usePlanWrite(
    planId,
    () => api.post(`/plans/${planId}/threads/${thread.id}/messages`, { body: reply }),
    () => setReply(""),
  );
  const close = usePlanWrite(planId, () => api.post(`/plans/${planId}/threads/${thread.id}/close`));
  return (
    <article aria-labelledby={`thread-${thread.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={thread.kind === "support" ? "accent" : "neutral"}>
          {thread.kind === "support" ? "Support request" : "Clarification"}
        </Badge>
        {thread.resourceKind ? (
          <Badge tone="neutral">Asked for: {resourceLabel[thread.resourceKind]}</Badge>
        ) : null}
        <h3 id={`thread-${thread.id}`} className="font-semibold">
          {thread.subject}
        </h3>
        <Badge
          tone={
            thread.status === "open"
              ? "warning"
              : thread.status === "answered"
                ? "success"
                : "neutral"
          }
        >
          {thread.status === "open"
            ? "Waiting for an answer"
            : thread.status === "answered"
              ? "Answered"
              : "Closed"}
        </Badge>
      </div>
      {goal ? (
        <p className="mt-1 text-sm text-stone-600">About the goal: {goal.description}</p>
      ) : null}
      <ol className="mt-3 space-y-2">
        {thread.messages.map((m) => (
          <li key={m.id} className="rounded-md bg-stone-50 px-3 py-2 text-sm">
            <p className="text-xs font-medium text-stone-600">
              {m.author.name} · {formatDateTime(m.createdAt)}
            </p>
            <p className="mt-1 whitespace-pre-wrap">{m.body}</p>
          </li>
        ))}
      </ol>
      {canPost ? (
        <form
          className="mt-3 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reply.trim()) send.mutate(undefined);
          }}
        >
          <Field label={`Your reply to “${thread.subject}”`}>
            {(p) => (
              <TextArea {...p} rows={3} value={reply} onChange={(e) => setReply(e.target.value)} />
            )}
          </Field>
          {send.isError || close.isError ? (
            <Alert tone="error">{messageOf(send.error ?? close.error)}</Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" size="sm" busy={send.isPending}>
              Send reply
            </Button>
            {canAnswer && thread.kind === "support" && !accepting ? (
              <Button size="sm" variant="secondary" onClick={() => setAccepting(true)}>
                Add it as a resource
              </Button>
            ) : null}
            <Button
              size="sm"
              variant="ghost"
              busy={close.isPending}
              onClick={() => close.mutate(undefined)}
            >
              Close this thread
            </Button>
          </div>
        </form>
      ) : null}
      {accepting ? (
        <AcceptSupport ctx={ctx} thread={thread} onDone={() => setAccepting(false)} />
      ) : null}
    </article>
  );
}

function AcceptSupport({
  ctx,
  thread,
  onDone,
}: {
  ctx: PlanCtx;
  thread: PlanThread;
  onDone: () => void;
}) {
  const planId = ctx.detail.plan.id;
  const [kind, setKind] = useState<ResourceKind>(thread.resourceKind ?? "training");
  const [description, setDescription] = useState(thread.subject);
  const [goalId, setGoalId] = useState(thread.goalId ?? ctx.detail.goals[0]?.id ?? "");
  const accept = usePlanWrite(
    planId,
    () =>
      api.post(`/plans/${planId}/threads/${thread.id}/accept`, {
        kind,
        description,
        goalId: goalId || null,
      }),
    onDone,
  );
  return (
    <form
      className="mt-3 space-y-3 rounded-md border border-teal-200 bg-teal-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        accept.mutate(undefined);
      }}
    >
      <p className="text-sm font-medium">
        Commit to this support: it becomes a resource on the goal.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Kind of resource">
          {(p) => (
            <Select {...p} value={kind} onChange={(e) => setKind(e.target.value as ResourceKind)}>
              {(Object.keys(resourceLabel) as ResourceKind[]).map((k) => (
                <option key={k} value={k}>
                  {resourceLabel[k]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {!thread.goalId ? (
          <Field label="For the goal">
            {(p) => (
              <Select {...p} value={goalId} onChange={(e) => setGoalId(e.target.value)}>
                {ctx.detail.goals.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.description}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        <TextField
          label="What you commit to"
          className="sm:col-span-2"
          required
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      {accept.isError ? <Alert tone="error">{messageOf(accept.error)}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" busy={accept.isPending}>
          Add as a resource
        </Button>
        <Button size="sm" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function AchievementsSection({ ctx }: { ctx: PlanCtx }) {
  const { achievements, goals } = ctx.detail;
  const planId = ctx.detail.plan.id;
  const [body, setBody] = useState("");
  const [occurredOn, setOccurredOn] = useState(new Date().toISOString().slice(0, 10));
  const [goalId, setGoalId] = useState("");
  const add = usePlanWrite(
    planId,
    () => api.post(`/plans/${planId}/achievements`, { body, occurredOn, goalId: goalId || null }),
    () => setBody(""),
  );
  return (
    <Card
      title="Achievements"
      description={
        ctx.isEmployee
          ? "Your own record of what went well: it stays on the plan."
          : "The employee's own record of what went well."
      }
    >
      {achievements.length === 0 ? (
        <p className="text-sm text-stone-600">No achievements logged yet.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {achievements.map((a) => (
            <li key={a.id}>
              <span className="font-medium">{formatDate(a.occurredOn)}</span> · {a.body}
              {a.goalId ? (
                <span className="text-stone-600">
                  {" "}
                  ({goals.find((g) => g.id === a.goalId)?.description})
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {ctx.canRespond ? (
        <form
          className="mt-4 space-y-3 border-t border-stone-100 pt-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) add.mutate(undefined);
          }}
        >
          <Field label="What you achieved">
            {(p) => (
              <TextArea {...p} rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
            )}
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label="When"
              type="date"
              value={occurredOn}
              onChange={(e) => setOccurredOn(e.target.value)}
            />
            <Field label="Goal" optional>
              {(p) => (
                <Select {...p} value={goalId} onChange={(e) => setGoalId(e.target.value)}>
                  <option value="">Not about one goal</option>
                  {goals.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.description}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          </div>
          {add.isError ? <Alert tone="error">{messageOf(add.error)}</Alert> : null}
          <Button type="submit" size="sm" busy={add.isPending}>
            Log achievement
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

export function ReviewsSection({ ctx }: { ctx: PlanCtx }) {
  const { reviews } = ctx.detail;
  if (ctx.isEmployee) return null;
  const word = { approved: "Approved", changes_requested: "Changes requested", comment: "Comment" };
  return (
    <Card title="HR review" description="HR's comments stay on the plan's record after approval.">
      {reviews.length === 0 ? (
        <p className="text-sm text-stone-600">No review comments yet.</p>
      ) : (
        <ol className="space-y-3">
          {reviews.map((r) => (
            <li key={r.id} className="text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <Badge
                  tone={
                    r.decision === "approved"
                      ? "success"
                      : r.decision === "changes_requested"
                        ? "warning"
                        : "neutral"
                  }
                >
                  {word[r.decision]}
                </Badge>
                <span className="font-medium">{r.author.name}</span>
                <span className="text-stone-600">{formatDateTime(r.createdAt)}</span>
              </p>
              {r.comment ? <p className="mt-1 whitespace-pre-wrap">{r.comment}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

export function VersionsSection({ ctx }: { ctx: PlanCtx }) {
  const { versions } = ctx.detail;
  return (
    <Card
      title="Versions"
      description="Every issued version of the plan. Changes are never silent."
    >
      {versions.length === 0 ? (
        <p className="text-sm text-stone-600">The plan has not been issued yet.</p>
      ) : (
        <ol className="space-y-3">
          {[...versions].reverse().map((v) => (
            <li key={v.number}>
              <VersionItem ctx={ctx} version={v} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function VersionItem({
  ctx,
  version,
}: {
  ctx: PlanCtx;
  version: PlanCtx["detail"]["versions"][number];
}) {
  const [open, setOpen] = useState(false);
  const planId = ctx.detail.plan.id;
  const changes = useQuery({
    queryKey: ["plans", "detail", planId, "changes", version.number],
    queryFn: () => api.get<PlanChanges>(`/plans/${planId}/versions/${version.number}/changes`),
    enabled: open,
  });
  return (
    <div className="text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">Version {version.number}</span>
        <span className="text-stone-600">issued {formatDateTime(version.createdAt)}</span>
        {version.acknowledgedAt ? (
          <Badge tone="success">Acknowledged {formatDate(version.acknowledgedAt)}</Badge>
        ) : (
          <Badge tone="warning">Not acknowledged</Badge>
        )}
      </p>
      {version.changeSummary ? (
        <p className="mt-1 whitespace-pre-wrap text-stone-700">{version.changeSummary}</p>
      ) : null}
      {version.number > 1 ? (
        <Button
          size="sm"
          variant="ghost"
          className="mt-1"
          aria-expanded={open}
          aria-label={`What changed in version ${version.number}`}
          onClick={() => setOpen((o) => !o)}
        >
          What changed
        </Button>
      ) : null}
      {open ? (
        <div aria-live="polite" className="mt-1">
          {changes.isPending ? (
            <Spinner label="Loading the changes…" />
          ) : changes.isError ? (
            <p className="text-red-700">{messageOf(changes.error)}</p>
          ) : changes.data.changes.length === 0 ? (
            <p className="text-stone-600">No changes to the content.</p>
          ) : (
            <ul className="list-inside list-disc space-y-0.5">
              {changes.data.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}

export function PrivateNotesSection({ ctx }: { ctx: PlanCtx }) {
  const planId = ctx.detail.plan.id;
  const [body, setBody] = useState("");
  const add = usePlanWrite(
    planId,
    () => api.post(`/plans/${planId}/private-notes`, { body }),
    () => setBody(""),
  );
  if (ctx.isEmployee || !ctx.detail.abilities["plan.private_note"]) return null;
  const notes = ctx.detail.privateNotes;
  return (
    <Card
      title="Your private notes"
      description="Only you can see these notes. They are not shown to the employee or anyone else."
    >
      {notes.length === 0 ? (
        <p className="text-sm text-stone-600">No notes yet.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="text-xs text-stone-600">{formatDateTime(n.createdAt)}</p>
              <p className="whitespace-pre-wrap">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        className="mt-3 space-y-2 border-t border-stone-100 pt-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) add.mutate(undefined);
        }}
      >
        <Field label="New private note">
          {(p) => (
            <TextArea {...p} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
          )}
        </Field>
        {add.isError ? <Alert tone="error">{messageOf(add.error)}</Alert> : null}
        <Button type="submit" size="sm" variant="secondary" busy={add.isPending}>
          Save note
        </Button>
      </form>
    </Card>
  );
}
