import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import type { ProtectedActivity, ProtectedActivityKind } from "../../types";
import { Alert, Button, Card, Field, Loading, Select, TextArea, TextField } from "../../ui";
import { useReviewPolicy } from "../plans/reviewApi";

// Protected activities: a complaint, a grievance, a request for promotion, transfer, leave or an
// accommodation. HR records them so that a success plan soon after one is checked for
// retaliation. Only HR in scope sees them: never the person's manager.

const kindLabel: Record<ProtectedActivityKind, string> = {
  complaint: "Complaint",
  grievance: "Grievance",
  promotion_request: "Promotion request",
  transfer_request: "Transfer request",
  leave: "Leave",
  accommodation_request: "Accommodation request",
};
const kinds = Object.keys(kindLabel) as ProtectedActivityKind[];
const today = () => new Date().toISOString().slice(0, 10);

const activitiesKey = (personId: string) => ["person", personId, "protected-activities"] as const;

export function ProtectedActivitiesCard({
  personId,
  name,
  canRecord,
}: {
  personId: string;
  name: string;
  canRecord: boolean;
}) {
  const list = useQuery({
    queryKey: activitiesKey(personId),
    queryFn: () =>
      api.get<{ items: ProtectedActivity[] }>(`/people/${personId}/protected-activities`),
  });
  const policy = useReviewPolicy();
  const days = policy.data?.protectedActivityDays ?? 180;
  const first = name.split(" ")[0] ?? name;
  return (
    <Card
      title="Protected activities"
      description="Only HR sees these: not the person's manager, and not the person."
    >
      <p className="max-w-prose text-sm text-stone-700">
        Record when {first} made a complaint or a grievance, or asked for a promotion, a transfer,
        leave or an accommodation. A success plan for {first} that starts within {days} days of one
        will need HR's review: the plan review reports a retaliation risk that only HR sees, and the
        plan cannot be approved until HR has looked at it and recorded why it may go ahead.
      </p>
      <div className="mt-4">
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <Alert tone="error">{messageOf(list.error)}</Alert>
        ) : list.data.items.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 px-4 py-5 text-center text-sm text-stone-600">
            Nothing recorded for {first}.
            {canRecord ? " When they raise one, record it below with the date it happened." : ""}
          </p>
        ) : (
          <ul className="divide-y divide-stone-100" aria-label={`Protected activities of ${name}`}>
            {list.data.items.map((a) => (
              <li key={a.id} className="py-3 text-sm first:pt-0">
                <p className="font-medium text-stone-900">
                  {a.kindLabel} · {formatDate(a.occurredOn)}
                </p>
                {a.note ? (
                  <p className="mt-0.5 whitespace-pre-wrap text-stone-800">{a.note}</p>
                ) : null}
                <p className="mt-0.5 text-xs text-stone-500">Recorded {formatDate(a.recordedAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
      {canRecord ? <RecordActivity personId={personId} /> : null}
    </Card>
  );
}

function RecordActivity({ personId }: { personId: string }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ProtectedActivityKind>("complaint");
  const [occurredOn, setOccurredOn] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const record = useMutation({
    mutationFn: () =>
      api.post<ProtectedActivity>(`/people/${personId}/protected-activities`, {
        kind,
        occurredOn,
        note: note.trim(),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: activitiesKey(personId) });
      // Plans for this person are reviewed against it from now on.
      void queryClient.invalidateQueries({ queryKey: ["plans"] });
      setOccurredOn("");
      setNote("");
      setSaved(true);
    },
  });
  const fieldErrors = record.error instanceof ApiError ? record.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (!occurredOn) return setError("Choose the date it happened.");
    if (occurredOn > today()) return setError("Choose a date that is not in the future.");
    setError(null);
    record.mutate();
  };
  return (
    <form
      className="mt-5 space-y-4 border-t border-stone-100 pt-4"
      onSubmit={submit}
      noValidate
      aria-label="Record a protected activity"
    >
      <h3 className="text-sm font-semibold text-stone-900">Record a protected activity</h3>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Kind" error={fieldErrors.kind}>
          {(p) => (
            <Select
              {...p}
              value={kind}
              onChange={(e) => setKind(e.target.value as ProtectedActivityKind)}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabel[k]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <TextField
          label="When it happened"
          type="date"
          required
          max={today()}
          value={occurredOn}
          error={error ?? fieldErrors.occurredOn}
          onChange={(e) => setOccurredOn(e.target.value)}
        />
      </div>
      <Field
        label="Note"
        optional
        hint="Kept with HR. Say where the details are kept rather than copying them here."
        error={fieldErrors.note}
      >
        {(p) => <TextArea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {record.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(record.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" busy={record.isPending} busyLabel="Recording…">
          Record it
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {saved ? "Recorded." : ""}
        </p>
      </div>
    </form>
  );
}
