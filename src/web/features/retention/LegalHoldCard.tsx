import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { QueryError } from "../../lib/QueryError";
import { Alert, Badge, Button, Card, Field, Loading, TextArea } from "../../ui";
import { type LegalHold, legalHoldsKey, type PersonLegalHolds, personHoldsKey } from "./types";

// A legal hold on a person: while it is on, nothing about them is erased by retention. Shown to
// HR in scope and admins only; the person never sees it, and neither does their manager.

export function LegalHoldCard({ personId, name }: { personId: string; name: string }) {
  const holds = useQuery({
    queryKey: personHoldsKey(personId),
    queryFn: () => api.get<PersonLegalHolds>(`/people/${personId}/legal-holds`),
  });
  const first = name.split(" ")[0] ?? name;
  return (
    <Card
      title="Legal hold"
      description="Only HR and admins see this: not the person, and not their manager."
      actions={
        holds.data ? (
          holds.data.held ? (
            <Badge tone="warning">On hold</Badge>
          ) : (
            <Badge>No hold</Badge>
          )
        ) : null
      }
    >
      {holds.isPending ? (
        <Loading />
      ) : holds.isError ? (
        <QueryError error={holds.error} onRetry={() => void holds.refetch()} />
      ) : (
        <Holds personId={personId} first={first} data={holds.data} />
      )}
    </Card>
  );
}

function Holds({
  personId,
  first,
  data,
}: {
  personId: string;
  first: string;
  data: PersonLegalHolds;
}) {
  const current = data.items.filter((h) => h.active);
  const released = data.items.filter((h) => !h.active);
  return (
    <div className="space-y-4">
      <p className="max-w-prose text-sm text-stone-700">
        {data.held
          ? `While a hold is on, nothing about ${first} is erased when retention periods end: not their own records, nor any record they are on as manager, author or subject.`
          : `Place a hold when ${first}'s records must be kept beyond their retention periods, for a claim, an investigation or an audit. Nothing about ${first} is erased until it is released.`}
      </p>
      {current.length ? (
        <ul className="space-y-3" aria-label="Current legal holds">
          {current.map((h) => (
            <CurrentHold key={h.id} hold={h} personId={personId} />
          ))}
        </ul>
      ) : null}
      <PlaceHold personId={personId} first={first} another={current.length > 0} />
      {released.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-stone-800">
            Released holds ({released.length})
          </summary>
          <ul className="mt-2 divide-y divide-stone-100" aria-label="Released legal holds">
            {released.map((h) => (
              <li key={h.id} className="py-2 text-sm">
                <p className="whitespace-pre-wrap text-stone-800">{h.reason}</p>
                <p className="text-xs text-stone-500">
                  Placed {formatDate(h.placedAt)} by {h.placedBy.name}; released{" "}
                  {formatDate(h.releasedAt)}
                  {h.releasedBy ? ` by ${h.releasedBy.name}` : ""}
                  {h.releaseReason ? `: ${h.releaseReason}` : ""}
                </p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function useHoldChanged(personId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: personHoldsKey(personId) });
    void queryClient.invalidateQueries({ queryKey: legalHoldsKey });
    void queryClient.invalidateQueries({ queryKey: ["retention"] });
  };
}

function CurrentHold({ hold, personId }: { hold: LegalHold; personId: string }) {
  const changed = useHoldChanged(personId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const release = useMutation({
    mutationFn: () =>
      api.post<LegalHold>(`/legal-holds/${hold.id}/release`, { reason: reason.trim() }),
    onSuccess: changed,
  });
  const serverError =
    release.error instanceof ApiError ? release.error.fieldErrors().reason : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError("Say why the hold can end.");
    setError(null);
    release.mutate();
  };
  return (
    <li className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm">
      <p className="whitespace-pre-wrap text-stone-900">{hold.reason}</p>
      <p className="mt-1 text-xs text-stone-600">
        Placed {formatDate(hold.placedAt)} by {hold.placedBy.name}
      </p>
      {open ? (
        <form className="mt-3 space-y-3" onSubmit={submit} noValidate aria-label="Release the hold">
          <Field
            label="Why the hold can end"
            hint="For example: the claim was settled, or the period for bringing one has passed. Kept with the hold's history."
            error={error ?? serverError}
          >
            {(p) => (
              <TextArea
                {...p}
                rows={2}
                value={reason}
                maxLength={2000}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          {release.isError && !serverError ? (
            <Alert tone="error">{messageOf(release.error)}</Alert>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" busy={release.isPending} busyLabel="Releasing…">
              Release the hold
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => setOpen(true)}>
          Release…
        </Button>
      )}
    </li>
  );
}

function PlaceHold({
  personId,
  first,
  another,
}: {
  personId: string;
  first: string;
  another: boolean;
}) {
  const changed = useHoldChanged(personId);
  const [open, setOpen] = useState(!another);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [placed, setPlaced] = useState(false);
  const place = useMutation({
    mutationFn: () =>
      api.post<LegalHold>(`/people/${personId}/legal-holds`, { reason: reason.trim() }),
    onSuccess: () => {
      setReason("");
      setPlaced(true);
      setOpen(false);
      changed();
    },
  });
  // With a hold on already, a second one (another matter) is a click away, not a form in the way.
  if (another && !open)
    return (
      <div className="flex flex-wrap items-center gap-3 border-t border-stone-100 pt-4">
        <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
          Place another hold…
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {placed ? "Hold placed." : ""}
        </p>
      </div>
    );
  const serverError =
    place.error instanceof ApiError ? place.error.fieldErrors().reason : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPlaced(false);
    if (!reason.trim()) return setError("Say why the records must be kept.");
    setError(null);
    place.mutate();
  };
  return (
    <form
      className="space-y-3 border-t border-stone-100 pt-4"
      onSubmit={submit}
      noValidate
      aria-label="Place a legal hold"
    >
      <Field
        label={another ? "Why another hold is needed" : `Place a legal hold on ${first}`}
        hint="Say why: the matter, a case or reference number. Seen by HR and admins; the audit trail keeps only a fingerprint of it."
        error={error ?? serverError}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={2}
            value={reason}
            maxLength={2000}
            onChange={(e) => {
              setPlaced(false);
              setReason(e.target.value);
            }}
          />
        )}
      </Field>
      {place.isError && !serverError ? <Alert tone="error">{messageOf(place.error)}</Alert> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" busy={place.isPending} busyLabel="Placing…">
          Place legal hold
        </Button>
        {another ? (
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        ) : null}
        <p aria-live="polite" className="text-sm text-green-800">
          {placed ? "Hold placed." : ""}
        </p>
      </div>
    </form>
  );
}
