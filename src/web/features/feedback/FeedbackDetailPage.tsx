import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, messageOf } from "../../api";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { Alert, Badge, Button, Card, Field, LinkButton, Loading, TextArea } from "../../ui";
import { useSignedIn } from "../layout/session";
import { FeedbackForm, type FeedbackFormValues } from "./FeedbackForm";
import { feedbackApi, useFeedback, useFeedbackWrite } from "./feedbackApi";
import { kindLabel, kindTone, visibilityLabel, visibilityTone } from "./labels";
import type { FeedbackDetail } from "./types";

/** One feedback: its situation, behaviour and impact, and the thread under it. A draft is edited here. */
export function FeedbackDetailPage() {
  const { id = "" } = useParams();
  const me = useSignedIn();
  const feedback = useFeedback(id);
  const f = feedback.data;
  const mine = f?.giver.id === me.person.id;
  const title = f
    ? mine
      ? `${f.visibility === "draft" ? "Draft feedback" : "Feedback"} for ${f.recipient.name}`
      : `Feedback from ${f.giver.name}`
    : "Feedback";
  useDocumentTitle(title);

  if (feedback.isPending) return <Loading />;
  if (feedback.isError) {
    if (feedback.error instanceof ApiError && feedback.error.status === 404)
      return (
        <Alert
          tone="info"
          title="This feedback does not exist, or is not yours to see."
          actions={<LinkButton to="/feedback">Back to feedback</LinkButton>}
        />
      );
    return <QueryError error={feedback.error} onRetry={() => void feedback.refetch()} />;
  }
  const d = feedback.data;

  return (
    <>
      <div className="mb-6">
        <p className="mb-1 text-sm text-stone-600">
          <Link
            to={mine ? "/feedback/given" : "/feedback"}
            className="text-teal-800 underline-offset-2 hover:underline"
          >
            Feedback
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight text-stone-900">{title}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-600">
          <Badge tone={kindTone[d.kind]}>{kindLabel[d.kind]}</Badge>
          {mine ? (
            <Badge tone={visibilityTone[d.visibility]}>
              {d.visibility === "shared"
                ? `Shared with ${d.recipient.name}`
                : visibilityLabel[d.visibility]}
            </Badge>
          ) : null}
          <span>
            {d.sharedAt
              ? `Sent ${formatDateTime(d.sharedAt)}`
              : `Last saved ${formatDateTime(d.updatedAt)}`}
          </span>
        </p>
      </div>
      <div className="max-w-3xl space-y-6">
        {d.abilities.edit ? (
          <DraftEditor detail={d} />
        ) : (
          <>
            <Card title="What happened">
              <dl className="space-y-4">
                {(
                  [
                    ["Situation", d.situation],
                    ["Behaviour", d.behaviour],
                    ["Impact", d.impact],
                  ] as const
                ).map(([label, text]) => (
                  <div key={label}>
                    <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">
                      {label}
                    </dt>
                    <dd className="mt-0.5 whitespace-pre-wrap text-sm text-stone-900">
                      {text || <span className="text-stone-500">Not given</span>}
                    </dd>
                  </div>
                ))}
              </dl>
            </Card>
            <Thread detail={d} myId={me.person.id} />
          </>
        )}
      </div>
    </>
  );
}

function Thread({ detail: d, myId }: { detail: FeedbackDetail; myId: string }) {
  const [body, setBody] = useState("");
  const reply = useFeedbackWrite(
    () => feedbackApi.reply(d.id, body.trim()),
    () => setBody(""),
  );
  if (d.visibility === "hr")
    return (
      <Alert tone="info" title="Shared with HR only">
        {d.recipient.name} does not see this feedback, so there is no thread under it.
      </Alert>
    );
  const isGiver = d.giver.id === myId;
  const recipientReplied = d.replies.some((r) => r.author.id === d.recipient.id);
  const mayWrite = d.abilities.reply && (!isGiver || recipientReplied);
  return (
    <Card
      title="Replies"
      description={
        isGiver
          ? `${d.recipient.name} can reply; you can answer once they do.`
          : `Your reply goes to ${d.giver.name}: your side, a question, or thanks.`
      }
    >
      {d.replies.length === 0 ? (
        <p className="text-sm text-stone-600">No replies yet.</p>
      ) : (
        <ol className="space-y-3" aria-label="Replies">
          {d.replies.map((r) => (
            <li
              key={r.id}
              className={
                r.author.id === myId
                  ? "rounded-md border border-teal-100 bg-teal-50/60 px-3 py-2"
                  : "rounded-md border border-stone-200 bg-stone-50 px-3 py-2"
              }
            >
              <p className="text-sm text-stone-600">
                <span className="font-medium text-stone-800">
                  {r.author.id === myId ? "You" : r.author.name}
                </span>{" "}
                · {formatDateTime(r.createdAt)}
              </p>
              <p className="mt-1 whitespace-pre-wrap text-sm text-stone-900">{r.body}</p>
            </li>
          ))}
        </ol>
      )}
      {mayWrite ? (
        <form
          aria-label="Reply"
          className="mt-4 space-y-2 border-t border-stone-100 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) reply.mutate(undefined);
          }}
        >
          <Field label="Your reply" error={reply.isError ? messageOf(reply.error) : null}>
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
          <Button type="submit" busy={reply.isPending} disabled={!body.trim()}>
            Send reply
          </Button>
        </form>
      ) : null}
    </Card>
  );
}

/** The author finishes a draft: edit it, share it (or send it to HR), or discard it. */
function DraftEditor({ detail: d }: { detail: FeedbackDetail }) {
  const navigate = useNavigate();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const save = useFeedbackWrite((v: FeedbackFormValues) => feedbackApi.update(d.id, v));
  const discard = useFeedbackWrite(
    () => feedbackApi.discard(d.id),
    () => navigate("/feedback/given"),
  );
  return (
    <Card
      title="Finish your draft"
      description="Only you can see a draft. Share it when it is ready."
    >
      {save.isSuccess && save.data.visibility === "draft" ? (
        <Alert tone="success" className="mb-4">
          Draft saved.
        </Alert>
      ) : null}
      <FeedbackForm
        key={d.updatedAt}
        recipient={{ id: d.recipient.id, name: d.recipient.name }}
        recipientFixed
        answersRequest={Boolean(d.requestId)}
        initial={d}
        busy={save.isPending}
        error={save.error ?? discard.error}
        onSubmit={(v) => save.mutate(v)}
        submitExtra={
          confirmDiscard ? (
            <span className="flex flex-wrap items-center gap-2 text-sm">
              Discard this draft for good?
              <Button
                variant="danger"
                busy={discard.isPending}
                onClick={() => discard.mutate(undefined)}
              >
                Discard
              </Button>
              <Button variant="secondary" onClick={() => setConfirmDiscard(false)}>
                Keep it
              </Button>
            </span>
          ) : (
            <Button variant="ghost" onClick={() => setConfirmDiscard(true)}>
              Discard draft
            </Button>
          )
        }
      />
    </Card>
  );
}
