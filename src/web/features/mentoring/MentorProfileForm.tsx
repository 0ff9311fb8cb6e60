import { type FormEvent, useState } from "react";
import { ApiError, messageOf } from "../../api";
import { Alert, Button, Checkbox, Field, Input, TextArea, TextField } from "../../ui";
import { mentoringApi, parseSkills, useMentoringWrite } from "./mentoringApi";
import type { MentorProfile } from "./types";

// The mentor profile's fields: one's own ("Become a mentor") or anyone's for L&D ("Add a mentor").

export function MentorProfileForm({
  personId,
  profile,
  self,
  submitLabel,
  onSaved,
  onCancel,
}: {
  personId: string | null;
  profile: MentorProfile | null;
  /** Wording: "you" or "they". */
  self: boolean;
  submitLabel: string;
  onSaved?: () => void;
  onCancel?: () => void;
}) {
  const [skills, setSkills] = useState(profile?.skills.join(", ") ?? "");
  const [capacity, setCapacity] = useState(String(profile?.capacity ?? 1));
  const [availability, setAvailability] = useState(profile?.availability ?? "");
  const [bio, setBio] = useState(profile?.bio ?? "");
  const [active, setActive] = useState(profile?.profileActive ?? true);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMentoringWrite((input: Parameters<typeof mentoringApi.saveProfile>[1]) =>
    mentoringApi.saveProfile(personId ?? "", input),
  );
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!personId) {
      setProblem("Choose the person who will mentor first.");
      return;
    }
    const places = Number(capacity);
    if (!Number.isInteger(places) || places < 0 || places > 20) {
      setProblem("Places must be a whole number from 0 to 20.");
      return;
    }
    save.mutate(
      {
        skills: parseSkills(skills),
        capacity: places,
        availability,
        bio,
        active,
        ...(profile ? { version: profile.version } : {}),
      },
      { onSuccess: () => onSaved?.() },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField
        label="Skills"
        hint={`Separate skills with commas, e.g. “SQL, public speaking, code review”. People are matched to ${self ? "you" : "them"} by these.`}
        value={skills}
        onChange={(e) => setSkills(e.target.value)}
        error={fieldErrors.skills}
        required
      />
      <Field
        label="Places"
        hint={`How many mentees ${self ? "you" : "they"} can take at once. 0 means “not taking mentees now”.`}
        error={fieldErrors.capacity}
      >
        {(p) => (
          <Input
            {...p}
            type="number"
            inputMode="numeric"
            min={0}
            max={20}
            step={1}
            className="w-28"
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
          />
        )}
      </Field>
      <TextField
        label="Availability"
        hint="When, and how often, e.g. “Tuesday afternoons, an hour every two weeks”."
        value={availability}
        onChange={(e) => setAvailability(e.target.value)}
        error={fieldErrors.availability}
        maxLength={200}
        optional
      />
      <Field
        label="A short bio"
        hint="What you can help with, in a sentence or two."
        error={fieldErrors.bio}
        optional
      >
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            maxLength={1000}
            value={bio}
            onChange={(e) => setBio(e.target.value)}
          />
        )}
      </Field>
      <Checkbox
        label="In the mentor directory"
        hint={
          self
            ? "Untick to stop being suggested or asked; mentoring you already do carries on."
            : "Untick to stop them being suggested or asked; running mentorships carry on."
        }
        checked={active}
        onChange={(e) => setActive(e.target.checked)}
      />
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {save.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error" title="Nothing was saved.">
          {messageOf(save.error)}
        </Alert>
      ) : null}
      {save.isSuccess && !onSaved ? (
        <p className="text-sm text-green-800" role="status">
          Saved.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={save.isPending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
