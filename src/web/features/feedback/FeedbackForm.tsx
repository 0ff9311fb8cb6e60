import { useId, useState } from "react";
import { ApiError, messageOf } from "../../api";
import { Alert, Button, Field, Radio, TextArea } from "../../ui";
import { PersonPicker, type PickedPerson } from "../people/PersonPicker";
import { useWordingHints } from "./feedbackApi";
import { kindLabel } from "./labels";
import type { FeedbackKind, FeedbackVisibility, SbiText, WordingHint } from "./types";

export type FeedbackFormValues = SbiText & { kind: FeedbackKind; visibility: FeedbackVisibility };

const sbi = [
  {
    field: "situation",
    label: "Situation",
    hint: "When and where it happened: “In Tuesday’s planning meeting”.",
    optional: true,
  },
  {
    field: "behaviour",
    label: "Behaviour",
    hint: "What the person did or said: what you saw or heard, not what you think of them.",
    optional: false,
  },
  {
    field: "impact",
    label: "Impact",
    hint: "What it led to, for you, the team or a customer.",
    optional: true,
  },
] as const;

const kindHint: Record<FeedbackKind, string> = {
  recognition: "Something that worked and is worth doing again.",
  constructive: "Something to do differently, and why it matters.",
};

/** The live "impact, not emotion" hints on one field: they inform, never block. */
function Hints({ hints, id }: { hints: WordingHint[]; id: string }) {
  return (
    <div id={id} aria-live="polite">
      {hints.map((h) => (
        <div
          key={`${h.field}-${h.words.join()}`}
          className="mt-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950"
        >
          <p>
            <span className="font-semibold">Impact, not emotion: </span>
            {h.message}
          </p>
          <p className="mt-1 text-amber-900">{h.suggestion}</p>
        </div>
      ))}
    </div>
  );
}

/**
 * Situation – behaviour – impact, a kind, and who sees it (shared, a private draft, or HR only),
 * each choice explained. Used to give new feedback and to finish a draft.
 */
export function FeedbackForm({
  recipient,
  onRecipientChange,
  recipientFixed = false,
  excludeIds = [],
  initial,
  answersRequest = false,
  busy,
  error,
  submitExtra,
  onSubmit,
}: {
  recipient: PickedPerson | null;
  onRecipientChange?: (p: PickedPerson | null) => void;
  recipientFixed?: boolean;
  excludeIds?: string[];
  initial?: Partial<FeedbackFormValues>;
  /** An answer to a request goes to the person it is about: never to HR alone. */
  answersRequest?: boolean;
  busy: boolean;
  error: unknown;
  submitExtra?: React.ReactNode;
  onSubmit: (values: FeedbackFormValues) => void;
}) {
  const id = useId();
  const [values, setValues] = useState<FeedbackFormValues>({
    kind: initial?.kind ?? "recognition",
    visibility: initial?.visibility ?? "shared",
    situation: initial?.situation ?? "",
    behaviour: initial?.behaviour ?? "",
    impact: initial?.impact ?? "",
  });
  const [missing, setMissing] = useState<Record<string, string>>({});
  const hints = useWordingHints({
    situation: values.situation,
    behaviour: values.behaviour,
    impact: values.impact,
  });
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const name = recipient?.name ?? "the person";
  const set = <K extends keyof FeedbackFormValues>(k: K, v: FeedbackFormValues[K]) =>
    setValues((prev) => ({ ...prev, [k]: v }));

  const visibilities: { value: FeedbackVisibility; label: string; hint: string }[] = [
    {
      value: "shared",
      label: `Share with ${name}`,
      hint: `${recipient ? name : "They"} ${recipient ? "is" : "are"} told, can read it and reply. Once shared, it is part of the record and cannot be changed.`,
    },
    {
      value: "draft",
      label: "Save as a private draft",
      hint: "Only you can see it. Come back to finish it and share it when it is ready.",
    },
    ...(answersRequest
      ? []
      : [
          {
            value: "hr" as const,
            label: "Share with HR only",
            hint: `${recipient ? name : "The person"} does not see it. The HR partners responsible for their department do. For a concern you want HR to know about.`,
          },
        ]),
  ];
  const submitLabel =
    values.visibility === "shared"
      ? "Share feedback"
      : values.visibility === "draft"
        ? "Save draft"
        : "Send to HR";

  return (
    <form
      aria-label="Give feedback"
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = {};
        if (!recipient) problems.recipientId = "Choose whom the feedback is for.";
        if (!values.behaviour.trim())
          problems.behaviour =
            "Say what the person did or said: the behaviour is what feedback is about.";
        setMissing(problems);
        if (Object.keys(problems).length) return;
        onSubmit({
          ...values,
          situation: values.situation.trim(),
          behaviour: values.behaviour.trim(),
          impact: values.impact.trim(),
        });
      }}
    >
      {recipientFixed ? (
        <div>
          <p className="text-sm font-medium text-stone-800">For</p>
          <p className="mt-1 text-sm text-stone-900">{recipient?.name}</p>
        </div>
      ) : (
        <PersonPicker
          legend="Who is it for?"
          value={recipient}
          onChange={(p) => onRecipientChange?.(p)}
          excludeIds={excludeIds}
          error={missing.recipientId ?? fieldErrors.recipientId}
          searchLabel="Find the person"
          emptyText="No one chosen yet"
        />
      )}

      <fieldset>
        <legend className="text-sm font-medium text-stone-800">What kind of feedback?</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {(Object.keys(kindLabel) as FeedbackKind[]).map((k) => (
            <Radio
              key={k}
              name={`${id}-kind`}
              label={kindLabel[k]}
              hint={kindHint[k]}
              checked={values.kind === k}
              onChange={() => set("kind", k)}
            />
          ))}
        </div>
      </fieldset>

      <div className="space-y-4">
        <p className="text-sm text-stone-600">
          Describe what happened and what it led to. Hints appear as you write when a word judges
          the person rather than describes what they did.
        </p>
        {sbi.map((f) => {
          const fieldHints = (hints.data?.hints ?? []).filter((h) => h.field === f.field);
          const hintsId = `${id}-${f.field}-hints`;
          return (
            <Field
              key={f.field}
              label={f.label}
              hint={f.hint}
              optional={f.optional}
              error={missing[f.field] ?? fieldErrors[f.field]}
              describedBy={fieldHints.length ? hintsId : undefined}
              after={<Hints hints={fieldHints} id={hintsId} />}
            >
              {(p) => (
                <TextArea
                  {...p}
                  rows={f.field === "behaviour" ? 4 : 3}
                  maxLength={5000}
                  value={values[f.field]}
                  onChange={(e) => set(f.field, e.target.value)}
                />
              )}
            </Field>
          );
        })}
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Who sees it</legend>
        <div className="mt-2 space-y-3">
          {visibilities.map((v) => (
            <Radio
              key={v.value}
              name={`${id}-visibility`}
              label={v.label}
              hint={v.hint}
              checked={values.visibility === v.value}
              onChange={() => set("visibility", v.value)}
            />
          ))}
        </div>
      </fieldset>

      {error ? <Alert tone="error">{messageOf(error)}</Alert> : null}
      <div className="flex flex-wrap items-center justify-end gap-2">
        {submitExtra}
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
