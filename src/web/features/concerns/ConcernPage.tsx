import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import type { ProtectedActivityKind } from "../../../modules/review/review.types";
import { ApiError, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  cx,
  EmptyState,
  Field,
  LinkButton,
  Loading,
  PageHeader,
  Select,
  TextArea,
  TextField,
} from "../../ui";
import { concernsApi, useConcern, useConcernWrite } from "./concernsApi";
import {
  activityLabel,
  listNames,
  protectedActivityKinds,
  statusLabel,
  statusTone,
} from "./labels";
import type { ConcernDetail } from "./types";

/** One confidential concern: the thread, who can read it, and (for HR) protected activities. */
export function ConcernPage(_props: Record<string, never>) {
  const { id = "" } = useParams();
  const concern = useConcern(id);
  useDocumentTitle(concern.data ? concern.data.subject : "Confidential concern");

  if (concern.isPending) return <Loading />;
  if (concern.isError) {
    if (concern.error instanceof ApiError && concern.error.status === 404)
      return (
        <>
          <PageHeader title="Concern not found" />
          <EmptyState
            title="There is no concern at this address, or it is not yours to see."
            action={
              <LinkButton to="/" variant="primary">
                Go to the home page
              </LinkButton>
            }
          >
            Check the link you followed.
          </EmptyState>
        </>
      );
    return <QueryError error={concern.error} onRetry={() => void concern.refetch()} />;
  }
  return <Thread concern={concern.data} />;
}

function Thread({ concern: c }: { concern: ConcernDetail }) {
  const isHr = c.viewer === "hr";
  const close = useConcernWrite(() => concernsApi.close(c.id));
  const reopen = useConcernWrite(() => concernsApi.reopen(c.id));
  const statusError = close.error ?? reopen.error;
  return (
    <>
      <PageHeader
        eyebrow={
          <Link to="/concerns" className="text-teal-800 underline-offset-2 hover:underline">
            {isHr ? "Concerns" : "Talk to HR"}
          </Link>
        }
        title={c.subject}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={statusTone[c.status]}>{statusLabel[c.status]}</Badge>
            <span>
              {c.topicLabel} · raised {isHr ? `by ${c.employee.name} ` : ""}on{" "}
              {formatDate(c.createdAt)}
              {c.closedAt && c.closedBy
                ? ` · closed by ${c.closedBy.name} on ${formatDate(c.closedAt)}`
                : ""}
            </span>
          </span>
        }
        actions={
          c.abilities.close ? (
            <Button
              variant="secondary"
              busy={close.isPending}
              onClick={() => close.mutate(undefined)}
            >
              Close this concern
            </Button>
          ) : c.abilities.reopen ? (
            <Button
              variant="secondary"
              busy={reopen.isPending}
              onClick={() => reopen.mutate(undefined)}
            >
              Reopen
            </Button>
          ) : null
        }
      />
      {statusError ? (
        <Alert tone="error" className="mb-4">
          {messageOf(statusError)}
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Messages concern={c} />
          {c.abilities.recordProtectedActivity ? <ProtectedActivities concern={c} /> : null}
        </div>
        <Readers concern={c} />
      </div>
    </>
  );
}

function Readers({ concern: c }: { concern: ConcernDetail }) {
  const isHr = c.viewer === "hr";
  const names = c.readers.map((r) => r.name);
  return (
    <Card title="Who can read this">
      <div className="space-y-3 text-sm text-stone-700">
        <p>
          {isHr ? (
            <>
              {c.employee.name}
              {names.length ? ` and HR: ${listNames(names)}.` : "."}
            </>
          ) : names.length ? (
            <>You and HR: {listNames(names)}.</>
          ) : (
            <>You. Nobody in HR can read it at the moment; ask an admin to name an HR partner.</>
          )}
        </p>
        <p>
          Never {c.about ? `${c.about.name} (the person it is about), ` : ""}
          {isHr ? `${c.employee.name}'s` : "your"} manager or anyone above them, colleagues, or
          admins.
        </p>
        {c.about ? (
          <p>
            <span className="font-medium text-stone-900">About:</span> {c.about.name}
          </p>
        ) : null}
        {c.planId ? (
          <p>
            <Link to={`/plans/${c.planId}`} className="text-teal-800 underline underline-offset-2">
              The success plan it concerns
            </Link>
          </p>
        ) : null}
        <p className="text-stone-600">
          Notifications and emails say only that there is a message. The thread is stored encrypted.
        </p>
      </div>
    </Card>
  );
}

function Messages({ concern: c }: { concern: ConcernDetail }) {
  const [body, setBody] = useState("");
  const reply = useConcernWrite(
    () => concernsApi.reply(c.id, body.trim()),
    () => setBody(""),
  );
  const other = c.viewer === "hr" ? c.employee.name : "HR";
  return (
    <Card title="Conversation">
      <ol className="space-y-3" aria-label="Messages">
        {c.messages.map((m) => (
          <li
            key={m.id}
            className={cx(
              "rounded-md border px-3 py-2",
              m.mine ? "border-teal-100 bg-teal-50/60" : "border-stone-200 bg-stone-50",
            )}
          >
            <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
              <span className="font-medium text-stone-800">{m.mine ? "You" : m.author.name}</span>
              {m.fromHr ? <Badge tone="accent">HR</Badge> : null}
              <span>· {formatDateTime(m.createdAt)}</span>
              {m.isNew ? <Badge tone="warning">New</Badge> : null}
            </p>
            <p className="mt-1 text-sm whitespace-pre-wrap text-stone-900">{m.body}</p>
          </li>
        ))}
      </ol>
      {c.abilities.reply ? (
        <form
          aria-label="Reply"
          className="mt-4 space-y-2 border-t border-stone-100 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) reply.mutate(undefined);
          }}
        >
          <Field
            label="Your reply"
            hint={`${other} is told there is a new message, without what it says.`}
            error={reply.isError ? messageOf(reply.error) : null}
          >
            {(p) => (
              <TextArea
                {...p}
                rows={4}
                maxLength={10000}
                value={body}
                onChange={(e) => setBody(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" busy={reply.isPending} disabled={!body.trim()}>
            Send reply
          </Button>
        </form>
      ) : c.status === "closed" ? (
        <p className="mt-4 border-t border-stone-100 pt-4 text-sm text-stone-600">
          This concern is closed. Reopen it to write again.
        </p>
      ) : null}
    </Card>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function ProtectedActivities({ concern: c }: { concern: ConcernDetail }) {
  const [kind, setKind] = useState<ProtectedActivityKind>("complaint");
  const [occurredOn, setOccurredOn] = useState(today);
  const [note, setNote] = useState("");
  const record = useConcernWrite(
    () => concernsApi.recordActivity(c.id, { kind, occurredOn, note: note.trim() }),
    () => setNote(""),
  );
  const fieldErrors = record.error instanceof ApiError ? record.error.fieldErrors() : {};
  const first = c.employee.name.split(" ")[0] ?? c.employee.name;
  return (
    <Card
      title="Record a protected activity"
      description={`HR only: never ${first}'s manager, and not ${first}.`}
    >
      <p className="max-w-prose text-sm text-stone-700">
        If this concern is a complaint or a grievance, or asks for a promotion, a transfer, leave or
        an accommodation, record it with its date. It goes on {first}'s record of protected
        activities, and a success plan for {first} that starts soon after it needs HR's review for
        retaliation risk.
      </p>
      {c.protectedActivities.length ? (
        <ul className="mt-4 space-y-2" aria-label="Recorded from this concern">
          {c.protectedActivities.map((a) => (
            <li key={a.id} className="rounded-md border border-stone-200 px-3 py-2 text-sm">
              <span className="font-medium">{activityLabel[a.kind]}</span> on{" "}
              {formatDate(a.occurredOn)}
              {a.note ? <p className="mt-1 whitespace-pre-wrap text-stone-700">{a.note}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form
        aria-label="Record a protected activity"
        className="mt-4 grid gap-4 sm:grid-cols-2"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          record.mutate(undefined);
        }}
      >
        <Field label="Kind" error={fieldErrors.kind}>
          {(p) => (
            <Select
              {...p}
              value={kind}
              onChange={(e) => setKind(e.target.value as ProtectedActivityKind)}
            >
              {protectedActivityKinds.map((k) => (
                <option key={k} value={k}>
                  {activityLabel[k]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <TextField
          label="When"
          type="date"
          max={today()}
          value={occurredOn}
          onChange={(e) => setOccurredOn(e.target.value)}
          error={fieldErrors.occurredOn}
        />
        <Field label="Note" optional className="sm:col-span-2" error={fieldErrors.note}>
          {(p) => (
            <TextArea
              {...p}
              rows={3}
              maxLength={5000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <Button type="submit" busy={record.isPending}>
            Record
          </Button>
          {record.isSuccess ? (
            <span role="status" className="text-sm text-green-800">
              Recorded.
            </span>
          ) : null}
        </div>
        {record.isError && !Object.keys(fieldErrors).length ? (
          <Alert tone="error" className="sm:col-span-2">
            {messageOf(record.error)}
          </Alert>
        ) : null}
      </form>
    </Card>
  );
}
