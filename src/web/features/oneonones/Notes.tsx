import { useState } from "react";
import { messageOf } from "../../api";
import { Alert, Badge, Button, Card, Field, TextArea } from "../../ui";
import { instantLabel } from "./labels";
import { oneOnOneApi, useOneOnOneWrite } from "./oneononesApi";
import type { MeetingDetail, Note } from "./types";

const LockIcon = () => (
  <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4 shrink-0">
    <path
      fillRule="evenodd"
      d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z"
      clipRule="evenodd"
    />
  </svg>
);

/** Shared notes (both read them) and private notes (their author alone, ever). */
export function NotesSection({ detail: d, myId }: { detail: MeetingDetail; myId: string }) {
  const shared = d.notes.filter((n) => n.visibility === "shared");
  // The server sends a private note to its author alone; the filter only keeps the labels right.
  const mine = d.notes.filter((n) => n.visibility === "private" && n.author.id === myId);
  const other = d.series.role === "manager" ? d.series.report : d.series.manager;
  return (
    <>
      <Card title="Shared notes" description={`You and ${other.name} both see these.`}>
        <NoteList notes={shared} seriesId={d.series.id} myId={myId} empty="No shared notes yet." />
        {d.abilities.addNote ? (
          <NoteForm
            detail={d}
            visibility="shared"
            label="Add a shared note"
            hint={`${other.name} will see it.`}
            button="Save shared note"
          />
        ) : null}
      </Card>
      <section
        aria-labelledby="private-notes-title"
        className="rounded-lg border border-stone-300 bg-stone-50 shadow-sm"
      >
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-stone-200 px-4 py-3 sm:px-5">
          <div>
            <h2
              id="private-notes-title"
              className="flex items-center gap-2 text-base font-semibold text-stone-900"
            >
              <LockIcon />
              Private notes
            </h2>
            <p className="mt-0.5 text-sm font-medium text-stone-700">
              Only you can see this. Not {other.name}, not HR, not anyone else.
            </p>
          </div>
        </div>
        <div className="px-4 py-4 sm:px-5">
          <NoteList
            notes={mine}
            seriesId={d.series.id}
            myId={myId}
            empty="You have no private notes on this meeting."
            isPrivate
          />
          {d.abilities.addNote ? (
            <NoteForm
              detail={d}
              visibility="private"
              label="Add a private note"
              hint="Only you can see this."
              button="Save private note"
            />
          ) : null}
        </div>
      </section>
    </>
  );
}

function NoteList({
  notes,
  seriesId,
  myId,
  empty,
  isPrivate = false,
}: {
  notes: Note[];
  seriesId: string;
  myId: string;
  empty: string;
  isPrivate?: boolean;
}) {
  if (!notes.length) return <p className="text-sm text-stone-600">{empty}</p>;
  return (
    <ul
      className="divide-y divide-stone-200/70"
      aria-label={isPrivate ? "Your private notes" : "Shared notes"}
    >
      {notes.map((n) => (
        <NoteItem key={n.id} note={n} seriesId={seriesId} myId={myId} isPrivate={isPrivate} />
      ))}
    </ul>
  );
}

function NoteItem({
  note: n,
  seriesId,
  myId,
  isPrivate,
}: {
  note: Note;
  seriesId: string;
  myId: string;
  isPrivate: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(n.body);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const edit = useOneOnOneWrite(
    () => oneOnOneApi.editNote(seriesId, n.id, body),
    () => setEditing(false),
  );
  const remove = useOneOnOneWrite(() => oneOnOneApi.deleteNote(seriesId, n.id));
  const error = edit.error ?? remove.error;
  const mine = n.author.id === myId;
  return (
    <li className="py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
        <span className="font-medium text-stone-800">{mine ? "You" : n.author.name}</span>
        <span>· {instantLabel(n.createdAt)}</span>
        {n.updatedAt !== n.createdAt ? <span>· edited</span> : null}
        {isPrivate ? (
          <Badge tone="neutral" className="gap-1">
            <LockIcon />
            Only you can see this
          </Badge>
        ) : null}
      </div>
      {editing ? (
        <form
          className="mt-2 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            edit.mutate(undefined);
          }}
        >
          <Field label={isPrivate ? "Edit your private note" : "Edit your shared note"}>
            {(p) => (
              <TextArea
                {...p}
                rows={4}
                maxLength={20_000}
                value={body}
                onChange={(e) => setBody(e.target.value)}
              />
            )}
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" type="submit" busy={edit.isPending} disabled={!body.trim()}>
              Save
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                setBody(n.body);
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <p className="mt-1 whitespace-pre-wrap text-sm text-stone-900">{n.body}</p>
      )}
      {mine && !editing ? (
        confirmDelete ? (
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <span>Delete this note?</span>
            <Button
              size="sm"
              variant="danger"
              busy={remove.isPending}
              onClick={() => remove.mutate(undefined)}
            >
              Delete
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
          </div>
        ) : (
          <div className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          </div>
        )
      ) : null}
      {error ? (
        <Alert tone="error" className="mt-2">
          {messageOf(error)}
        </Alert>
      ) : null}
    </li>
  );
}

function NoteForm({
  detail: d,
  visibility,
  label,
  hint,
  button,
}: {
  detail: MeetingDetail;
  visibility: "shared" | "private";
  label: string;
  hint: string;
  button: string;
}) {
  const [body, setBody] = useState("");
  const add = useOneOnOneWrite(
    () => oneOnOneApi.addNote(d.series.id, d.meeting.id, { visibility, body }),
    () => setBody(""),
  );
  return (
    <form
      aria-label={label}
      className="mt-4 space-y-2 border-t border-stone-200/70 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim()) add.mutate(undefined);
      }}
    >
      <Field label={label} hint={hint} error={add.isError ? messageOf(add.error) : null}>
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            maxLength={20_000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" busy={add.isPending} disabled={!body.trim()}>
        {button}
      </Button>
    </form>
  );
}
