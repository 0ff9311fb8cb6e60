import { type FormEvent, type ReactNode, useState } from "react";
import { ApiError, messageOf } from "../../api";
import { Alert, Button, Field, TextArea, TextField } from "../../ui";
import { mentoringApi, useMentoringWrite } from "./mentoringApi";

/**
 * Asking a mentor: a topic the mentor reads and an optional message. Used for oneself (the
 * directory) and for a report (the person page); each says it in its own words.
 */
export function MentorshipRequestForm({
  mentorId,
  menteeId,
  skills = [],
  initialTopic = "",
  intro,
  topicLabel,
  topicHint,
  messageLabel,
  secondary,
  onDone,
}: {
  mentorId: string;
  menteeId: string;
  skills?: string[];
  initialTopic?: string;
  intro?: ReactNode;
  topicLabel: string;
  topicHint: string;
  messageLabel: string;
  secondary: { label: string; onClick: () => void };
  onDone: () => void;
}) {
  const [topic, setTopic] = useState(initialTopic);
  const [message, setMessage] = useState("");
  const ask = useMentoringWrite(mentoringApi.request);
  const fieldErrors = ask.error instanceof ApiError ? ask.error.fieldErrors() : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    ask.mutate({ mentorId, menteeId, topic, skills, message }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {intro}
      <TextField
        label={topicLabel}
        hint={topicHint}
        value={topic}
        onChange={(e) => setTopic(e.target.value)}
        error={fieldErrors.topic}
        maxLength={200}
        required
      />
      <Field label={messageLabel} optional error={fieldErrors.message}>
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            maxLength={2000}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        )}
      </Field>
      {ask.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error" title="The request was not sent.">
          {messageOf(ask.error)}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={ask.isPending} disabled={!topic.trim()}>
          Send the request
        </Button>
        <Button variant="secondary" onClick={secondary.onClick}>
          {secondary.label}
        </Button>
      </div>
    </form>
  );
}
