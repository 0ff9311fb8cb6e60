import { useId, useState } from "react";
import { messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { Alert, Badge, Button, Field, Input, Radio, TextArea } from "../../ui";
import { addDays, todayIn } from "./labels";
import { oneOnOneApi, useOneOnOneWrite } from "./oneononesApi";
import { saveProblems } from "./ScheduleForm";
import type { Commitment, PersonRef } from "./types";

type Pair = { manager: PersonRef; report: PersonRef; timeZone: string };

const statusTone = { open: "accent", done: "success", dropped: "neutral" } as const;
const statusText = { open: "Open", done: "Done", dropped: "Dropped" } as const;

/** Commitments of a 1:1: who owes what by when; either side marks one done or dropped. */
export function CommitmentList({
  seriesId,
  items,
  myId,
  canClose,
  empty,
}: {
  seriesId: string;
  items: Commitment[];
  myId: string;
  canClose: boolean;
  empty: string;
}) {
  if (!items.length) return <p className="text-sm text-stone-600">{empty}</p>;
  return (
    <ul className="divide-y divide-stone-100" aria-label="Commitments">
      {items.map((c) => (
        <CommitmentItem key={c.id} seriesId={seriesId} item={c} myId={myId} canClose={canClose} />
      ))}
    </ul>
  );
}

function CommitmentItem({
  seriesId,
  item: c,
  myId,
  canClose,
}: {
  seriesId: string;
  item: Commitment;
  myId: string;
  canClose: boolean;
}) {
  const [confirmDrop, setConfirmDrop] = useState(false);
  const close = useOneOnOneWrite((status: "done" | "dropped") =>
    oneOnOneApi.closeCommitment(seriesId, c.id, status),
  );
  const owner = c.owner.id === myId ? "You" : c.owner.name;
  return (
    <li className="py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-start gap-2">
        <p className="min-w-0 flex-1 text-sm text-stone-900">{c.body}</p>
        <Badge tone={statusTone[c.status]}>{statusText[c.status]}</Badge>
        {c.overdue ? <Badge tone="danger">Overdue</Badge> : null}
      </div>
      <p className="mt-1 text-sm text-stone-600">
        {owner} · due {formatDate(c.dueOn)}
        {c.status !== "open" && c.closedAt
          ? ` · marked ${c.status} ${formatDate(c.closedAt)}${
              c.closedBy ? ` by ${c.closedBy.id === myId ? "you" : c.closedBy.name}` : ""
            }`
          : ""}
      </p>
      {c.status === "open" && canClose ? (
        confirmDrop ? (
          <div className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
            <p>
              Drop this commitment? It stays on the record as dropped and counts in{" "}
              {c.owner.id === myId ? "your" : `${c.owner.name}'s`} follow-through.
            </p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button
                size="sm"
                variant="danger"
                busy={close.isPending}
                onClick={() => close.mutate("dropped")}
              >
                Drop it
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setConfirmDrop(false)}>
                Keep it open
              </Button>
            </div>
          </div>
        ) : (
          <div className="mt-2 flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="secondary"
              busy={close.isPending && close.variables === "done"}
              onClick={() => close.mutate("done")}
              aria-label={`Mark done: ${c.body}`}
            >
              Mark done
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setConfirmDrop(true)}
              aria-label={`Drop: ${c.body}`}
            >
              Drop
            </Button>
          </div>
        )
      ) : null}
      {close.isError ? (
        <Alert tone="error" className="mt-2">
          {messageOf(close.error)}
        </Alert>
      ) : null}
    </li>
  );
}

/** Either side writes down a commitment for themselves or the other, due today or later. */
export function AddCommitmentForm({
  seriesId,
  meetingId,
  pair,
  myId,
}: {
  seriesId: string;
  meetingId?: string;
  pair: Pair;
  myId: string;
}) {
  const id = useId();
  const today = todayIn(pair.timeZone);
  const other = pair.manager.id === myId ? pair.report : pair.manager;
  const [body, setBody] = useState("");
  const [ownerId, setOwnerId] = useState(other.id);
  const [dueOn, setDueOn] = useState(addDays(today, 7));
  const [added, setAdded] = useState<string | null>(null);
  const add = useOneOnOneWrite(
    () =>
      oneOnOneApi.addCommitment(seriesId, { ownerId, body, dueOn, meetingId: meetingId ?? null }),
    (c) => {
      setAdded(`Added: ${c.body}`);
      setBody("");
    },
  );
  const problems = saveProblems(add.error);
  return (
    <form
      aria-label="Add a commitment"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setAdded(null);
        add.mutate();
      }}
    >
      <Field label="Commitment" hint="What will be done, concretely." error={problems.fields.body}>
        {(p) => (
          <TextArea
            {...p}
            rows={2}
            required
            maxLength={2000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Whose commitment</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          <Radio
            name={`${id}-owner`}
            label={other.name}
            checked={ownerId === other.id}
            onChange={() => setOwnerId(other.id)}
          />
          <Radio
            name={`${id}-owner`}
            label="Mine"
            checked={ownerId === myId}
            onChange={() => setOwnerId(myId)}
          />
        </div>
      </fieldset>
      <Field label="Due" error={problems.fields.dueOn}>
        {(p) => (
          <Input
            {...p}
            type="date"
            required
            min={today}
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
            className="sm:w-48"
          />
        )}
      </Field>
      {problems.message ? <Alert tone="error">{problems.message}</Alert> : null}
      {added ? <Alert tone="success">{added}</Alert> : null}
      <Button type="submit" variant="secondary" busy={add.isPending} busyLabel="Adding…">
        Add commitment
      </Button>
    </form>
  );
}
