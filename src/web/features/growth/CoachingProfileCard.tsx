import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { Alert, Badge, Button, Card, cx, Field, TextArea } from "../../ui";
import { useSignedIn } from "../layout/session";
import { firstName } from "./bits";
import { isNotFound, profileKey, useCoachingProfile } from "./growthApi";
import type { CoachingProfile, ProfileEntry, ProfileField, ProfileFieldName } from "./types";

// The coaching profile: the employee's story, goals and ways of working in their own words, and
// their manager's observations beside them. Each entry shows who wrote it; each author edits only
// their own.

type Viewer = "self" | "manager" | "reader";

/** What to ask, field by field: the employee is asked about themselves, the manager what they saw. */
const prompts: Record<ProfileFieldName, { self: string; manager: string }> = {
  story: {
    self: "How did you get here? The work you did before, what brought you to this role, what matters to you.",
    manager: "What you know of how they got here, and what they have told you matters to them.",
  },
  long_term_goals: {
    self: "Where would you like to be in a few years? What would you like to learn or do next?",
    manager: "What you have heard them say they want, in their words where you can.",
  },
  strengths: {
    self: "What are you good at, and what work gives you energy?",
    manager: "Strengths you have seen in their work, with an example.",
  },
  feedback_preference: {
    self: "Written or in person? Right away or at your 1:1? In private? What helps you hear it?",
    manager: "What you have noticed works when you give them feedback.",
  },
  people_vs_things: { self: "", manager: "" },
  introvert_vs_extrovert: { self: "", manager: "" },
  tactical_vs_strategic: { self: "", manager: "" },
  manager_vs_individual: { self: "", manager: "" },
};

/** The server labels fields for readers ("Their story"); the employee reads them about themselves. */
function fieldLabel(field: ProfileField, viewer: Viewer): string {
  if (viewer !== "self") return field.label;
  if (field.field === "story") return "Your story: how you got here";
  if (field.field === "feedback_preference") return "How you like to receive feedback";
  if (field.field === "strengths") return "Strengths";
  return field.label;
}

function roleLabel(entry: ProfileEntry, personFirst: string, kind: "text" | "scale"): string {
  const own = kind === "scale" ? "view" : "words";
  if (entry.authorRole === "self")
    return entry.mine ? `In your own ${own}` : `${personFirst}'s own ${own}`;
  if (entry.authorRole === "manager")
    return entry.mine
      ? `Your ${kind === "scale" ? "view" : "observation"}`
      : `Manager's ${kind === "scale" ? "view" : "observation"}`;
  return "Earlier observation";
}

export function CoachingProfileCard({ personId }: { personId: string }) {
  const profile = useCoachingProfile(personId);
  const me = useSignedIn();
  // Nothing while loading: the card is left out altogether for those who may not see it.
  if (profile.isPending) return null;
  if (profile.isError) {
    if (isNotFound(profile.error)) return null;
    return (
      <Card title="Coaching profile">
        <Alert tone="error" title="The coaching profile could not be loaded.">
          {messageOf(profile.error)}
        </Alert>
      </Card>
    );
  }
  const data = profile.data;
  const isSelf = data.person.id === me.person.id;
  const viewer: Viewer = isSelf ? "self" : data.abilities.edit ? "manager" : "reader";
  return <ProfileView data={data} viewer={viewer} />;
}

function ProfileView({ data, viewer }: { data: CoachingProfile; viewer: Viewer }) {
  const first = firstName(data.person.name);
  const text = data.fields.filter((f) => f.kind === "text");
  const scales = data.fields.filter((f) => f.kind === "scale");
  const empty = data.fields.every((f) => f.entries.length === 0);
  const story = data.fields.find((f) => f.field === "story");
  const storyTold = Boolean(story?.entries.some((e) => e.authorRole === "self"));
  const [editing, setEditing] = useState<ProfileFieldName | null>(null);

  const description =
    viewer === "self"
      ? "Your story, goals and ways of working, in your own words. Your manager adds what they observe; each entry shows who wrote it, and you both see all of it."
      : viewer === "manager"
        ? `${first}'s story, goals and ways of working, in their own words, with your observations beside them. ${first} sees everything here.`
        : `Written by ${first} and their manager. Each entry shows who wrote it.`;

  return (
    <Card title="Coaching profile" description={description}>
      {!storyTold && viewer === "manager" && empty ? (
        <p className="mb-5 max-w-prose rounded-md border border-dashed border-stone-300 px-4 py-3 text-sm text-stone-700">
          {first} has not written their story yet. Ask about it in your next 1:1: how they got here
          and where they want to go. They write it in their own words; you can add what you observe
          below.
        </p>
      ) : null}

      <div className="space-y-5">
        {text.map((f) => (
          <TextFieldView
            key={f.field}
            personId={data.person.id}
            field={f}
            viewer={viewer}
            canEdit={data.abilities.edit}
            first={first}
            editing={editing === f.field}
            onEditing={(on) => setEditing(on ? f.field : null)}
            invitation={
              f.field === "story" && !storyTold && viewer === "self" ? (
                <div className="mt-2 rounded-md border border-teal-200 bg-teal-50 px-4 py-3 text-sm text-teal-950">
                  <p className="font-semibold">Tell your story</p>
                  <p className="mt-1 max-w-prose">
                    How did you get here, and where would you like to go? A few lines are enough.
                    Your manager reads it to understand what matters to you and how to help; you can
                    change it whenever you like.
                  </p>
                  <Button size="sm" className="mt-3" onClick={() => setEditing("story")}>
                    Write your story
                  </Button>
                </div>
              ) : null
            }
          />
        ))}
      </div>

      <section aria-labelledby="working-style" className="mt-6 border-t border-stone-100 pt-4">
        <h3 id="working-style" className="text-sm font-semibold text-stone-900">
          Working style
        </h3>
        <p className="mt-0.5 max-w-prose text-sm text-stone-600">
          Where {viewer === "self" ? "you sit" : `${first} sits`} between two ways of working.
          Neither end is better; it helps to know how to treat each person as they need.
        </p>
        <div className="mt-4 space-y-5">
          {scales.map((f) => (
            <ScaleFieldView
              key={f.field}
              personId={data.person.id}
              field={f}
              canEdit={data.abilities.edit}
              first={first}
              viewer={viewer}
              editing={editing === f.field}
              onEditing={(on) => setEditing(on ? f.field : null)}
            />
          ))}
        </div>
      </section>
    </Card>
  );
}

function useSaveEntry(personId: string, field: ProfileFieldName, onDone: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; scale?: number | null }) =>
      api.put<CoachingProfile>(
        `/people/${encodeURIComponent(personId)}/coaching-profile/${field}`,
        input,
      ),
    onSuccess: (profile) => {
      queryClient.setQueryData(profileKey(personId), profile);
      onDone();
    },
  });
}

function EntryByline({
  entry,
  first,
  kind = "text",
}: {
  entry: ProfileEntry;
  first: string;
  kind?: "text" | "scale";
}) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-stone-600">
      <span className="font-medium text-stone-800">{entry.mine ? "You" : entry.author.name}</span>
      <Badge tone={entry.authorRole === "self" ? "accent" : "neutral"}>
        {roleLabel(entry, first, kind)}
      </Badge>
      <span>
        updated <time dateTime={entry.updatedAt}>{formatDate(entry.updatedAt)}</time>
      </span>
    </p>
  );
}

// ---------- words ----------

function TextFieldView({
  personId,
  field,
  viewer,
  canEdit,
  first,
  editing,
  onEditing,
  invitation,
}: {
  personId: string;
  field: ProfileField;
  viewer: Viewer;
  canEdit: boolean;
  first: string;
  editing: boolean;
  onEditing: (on: boolean) => void;
  /** An invitation to write this field, shown instead of the usual prompt. */
  invitation?: ReactNode;
}) {
  const label = fieldLabel(field, viewer);
  const invited = Boolean(invitation) && !editing;
  const mine = field.entries.find((e) => e.mine);
  const others = field.entries.filter((e) => !e.mine);
  const headingId = useId();
  const prompt = viewer === "self" || viewer === "manager" ? prompts[field.field][viewer] : "";
  // The employee's own words come first, then the manager's: the server's order, with the
  // editor in the place of the actor's own entry.
  const ordered = field.entries;
  return (
    <section aria-labelledby={headingId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold text-stone-900">
          {label}
        </h3>
        {canEdit && !mine && !editing && !invited ? (
          <Button
            size="sm"
            variant="ghost"
            className="text-teal-800"
            onClick={() => onEditing(true)}
          >
            {viewer === "self" ? "Add your words" : "Add an observation"}
            <span className="sr-only"> to “{label}”</span>
          </Button>
        ) : null}
      </div>
      {invited ? invitation : null}
      {ordered.length === 0 && !editing && !invited ? (
        <p className="mt-1 text-sm text-stone-500">
          {viewer === "self" ? prompt : "Nothing written yet."}
        </p>
      ) : null}
      <ul className="mt-2 space-y-3">
        {ordered.map((entry) =>
          entry.mine && editing ? (
            <li key={entry.id}>
              <TextEditor
                personId={personId}
                field={field.field}
                label={label}
                prompt={prompt}
                initial={entry.body}
                exists
                onDone={() => onEditing(false)}
              />
            </li>
          ) : (
            <li
              key={entry.id}
              className={cx(
                "rounded-md border px-3 py-2",
                entry.authorRole === "self"
                  ? "border-teal-100 bg-teal-50/40"
                  : "border-stone-200 bg-stone-50",
              )}
            >
              <EntryByline entry={entry} first={first} />
              <p className="mt-1 text-sm whitespace-pre-wrap text-stone-900">{entry.body}</p>
              {entry.mine && canEdit ? (
                <Button
                  size="sm"
                  variant="ghost"
                  className="mt-1 -ml-2 text-teal-800"
                  onClick={() => onEditing(true)}
                >
                  Edit<span className="sr-only"> your entry for “{label}”</span>
                </Button>
              ) : null}
            </li>
          ),
        )}
        {editing && !mine ? (
          <li>
            <TextEditor
              personId={personId}
              field={field.field}
              label={label}
              prompt={prompt}
              initial=""
              exists={false}
              onDone={() => onEditing(false)}
            />
          </li>
        ) : null}
      </ul>
      {others.length === 0 && mine && viewer === "manager" && field.field === "story" ? (
        <p className="mt-2 text-sm text-stone-500">{first} has not added their own words yet.</p>
      ) : null}
    </section>
  );
}

function TextEditor({
  personId,
  field,
  label,
  prompt,
  initial,
  exists,
  onDone,
}: {
  personId: string;
  field: ProfileFieldName;
  label: string;
  prompt: string;
  initial: string;
  exists: boolean;
  onDone: () => void;
}) {
  const [body, setBody] = useState(initial);
  const save = useSaveEntry(personId, field, onDone);
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ body: body.trim() });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-md border border-stone-200 bg-white p-3"
      aria-label={`Your entry for “${label}”`}
    >
      <Field label={`Your words: ${label}`} hint={prompt || undefined} error={fieldErrors.body}>
        {(p) => (
          <TextArea
            {...p}
            rows={4}
            maxLength={5000}
            value={body}
            autoFocus
            onChange={(e) => setBody(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") onDone();
            }}
          />
        )}
      </Field>
      {save.isError && !fieldErrors.body ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" busy={save.isPending} busyLabel="Saving…">
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        {exists ? (
          <Button
            size="sm"
            variant="danger"
            className="ml-auto"
            disabled={save.isPending}
            onClick={() => save.mutate({ body: "" })}
          >
            Remove your entry
          </Button>
        ) : null}
      </div>
    </form>
  );
}

// ---------- working-style dimensions ----------

const scaleValues = [-2, -1, 0, 1, 2] as const;

function scaleLabel(value: number, poles: { low: string; high: string }): string {
  if (value <= -2) return `Strongly ${poles.low.toLowerCase()}`;
  if (value === -1) return `Leans ${poles.low.toLowerCase()}`;
  if (value === 0) return "Both equally";
  if (value === 1) return `Leans ${poles.high.toLowerCase()}`;
  return `Strongly ${poles.high.toLowerCase()}`;
}

/** A position on the scale, read-only: five segments between the poles, the chosen one filled. */
function ScaleView({ value, poles }: { value: number; poles: { low: string; high: string } }) {
  return (
    <div className="flex items-center gap-2 text-xs text-stone-600">
      <span className="w-24 shrink-0 text-right sm:w-28" aria-hidden="true">
        {poles.low}
      </span>
      <div
        role="img"
        aria-label={`${scaleLabel(value, poles)} (${value} on a scale from −2, ${poles.low}, to 2, ${poles.high})`}
        className="flex max-w-56 flex-1 gap-1"
      >
        {scaleValues.map((v) => (
          <span
            key={v}
            className={cx(
              "h-3 flex-1 rounded-sm",
              v === value ? "bg-teal-700" : "bg-stone-200",
              v === 0 && v !== value ? "bg-stone-300" : undefined,
            )}
          />
        ))}
      </div>
      <span className="w-24 shrink-0 sm:w-28" aria-hidden="true">
        {poles.high}
      </span>
    </div>
  );
}

function ScaleFieldView({
  personId,
  field,
  canEdit,
  first,
  viewer,
  editing,
  onEditing,
}: {
  personId: string;
  field: ProfileField;
  canEdit: boolean;
  first: string;
  viewer: Viewer;
  editing: boolean;
  onEditing: (on: boolean) => void;
}) {
  const poles = field.poles ?? { low: "Low", high: "High" };
  const mine = field.entries.find((e) => e.mine);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h4 id={headingId} className="text-sm font-medium text-stone-900">
          {field.label}
        </h4>
        {canEdit && !editing ? (
          <Button
            size="sm"
            variant="ghost"
            className="text-teal-800"
            onClick={() => onEditing(true)}
          >
            {mine ? "Change yours" : viewer === "self" ? "Place yourself" : "Add your view"}
            <span className="sr-only"> for “{field.label}”</span>
          </Button>
        ) : null}
      </div>
      {editing ? (
        <ScaleEditor
          personId={personId}
          field={field}
          poles={poles}
          entry={mine ?? null}
          onDone={() => onEditing(false)}
        />
      ) : null}
      {field.entries.length === 0 && !editing ? (
        <p className="mt-1 text-sm text-stone-500">
          {viewer === "self"
            ? `Where do you sit between ${poles.low.toLowerCase()} and ${poles.high.toLowerCase()}?`
            : "Not placed yet."}
        </p>
      ) : (
        <ul className="mt-2 space-y-2">
          {field.entries
            .filter((e) => !(e.mine && editing))
            .map((entry) => (
              <li key={entry.id} className="space-y-1">
                <EntryByline entry={entry} first={first} kind="scale" />
                {entry.scale !== null ? <ScaleView value={entry.scale} poles={poles} /> : null}
                {entry.body ? (
                  <p className="text-sm whitespace-pre-wrap text-stone-800">{entry.body}</p>
                ) : null}
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

/** A segmented control over five radio buttons: arrow keys move along the scale. */
export function ScalePicker({
  name,
  legend,
  poles,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  poles: { low: string; high: string };
  value: number | null;
  onChange: (v: number) => void;
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <div className="mt-2 flex items-center gap-2 text-sm">
        <span className="w-24 shrink-0 text-right text-stone-700 sm:w-28" aria-hidden="true">
          {poles.low}
        </span>
        <div className="flex max-w-72 flex-1 overflow-hidden rounded-md border border-stone-300 bg-white shadow-sm">
          {scaleValues.map((v) => (
            <label
              key={v}
              className={cx(
                "flex h-9 flex-1 cursor-pointer items-center justify-center border-stone-300 text-xs text-stone-600 not-first:border-l",
                "has-checked:bg-teal-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:-outline-offset-2 has-focus-visible:outline-teal-900",
                "hover:bg-stone-100 has-checked:hover:bg-teal-800",
              )}
            >
              <input
                type="radio"
                name={name}
                value={v}
                checked={value === v}
                onChange={() => onChange(v)}
                className="sr-only"
              />
              <span className="sr-only">{scaleLabel(v, poles)}</span>
              <span aria-hidden="true">{v > 0 ? `+${v}` : v === 0 ? "0" : `−${-v}`}</span>
            </label>
          ))}
        </div>
        <span className="w-24 shrink-0 text-stone-700 sm:w-28" aria-hidden="true">
          {poles.high}
        </span>
      </div>
      <p className="mt-1 text-sm text-stone-600" aria-live="polite">
        {value === null ? "Choose a position." : scaleLabel(value, poles)}
      </p>
    </fieldset>
  );
}

function ScaleEditor({
  personId,
  field,
  poles,
  entry,
  onDone,
}: {
  personId: string;
  field: ProfileField;
  poles: { low: string; high: string };
  entry: ProfileEntry | null;
  onDone: () => void;
}) {
  const [scale, setScale] = useState<number | null>(entry?.scale ?? null);
  const [body, setBody] = useState(entry?.body ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSaveEntry(personId, field.field, onDone);
  const name = useId();
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (scale === null && !body.trim()) {
      setProblem("Choose a position on the scale, or say it in words.");
      return;
    }
    setProblem(null);
    save.mutate({ body: body.trim(), scale });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-2 space-y-3 rounded-md border border-stone-200 bg-white p-3"
      aria-label={`Your view of “${field.label}”`}
    >
      <ScalePicker
        name={name}
        legend="Your view"
        poles={poles}
        value={scale}
        onChange={(v) => {
          setScale(v);
          setProblem(null);
        }}
      />
      <Field label="In words" optional error={fieldErrors.body}>
        {(p) => (
          <TextArea
            {...p}
            rows={2}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      {problem || fieldErrors.scale ? (
        <p className="text-sm font-medium text-red-700" role="alert">
          {problem ?? fieldErrors.scale}
        </p>
      ) : null}
      {save.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" busy={save.isPending} busyLabel="Saving…">
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        {entry ? (
          <Button
            size="sm"
            variant="danger"
            className="ml-auto"
            disabled={save.isPending}
            onClick={() => save.mutate({ body: "", scale: null })}
          >
            Remove yours
          </Button>
        ) : null}
      </div>
    </form>
  );
}
