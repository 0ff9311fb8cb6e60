import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  Dialog,
  EmptyState,
  Input,
  Loading,
  Table,
  TBody,
  Td,
  THead,
  Th,
} from "../../ui";
import {
  type LegalHold,
  type LegalHoldList,
  legalHoldsKey,
  type RecordType,
  type RetentionReport,
  type RetentionSettings,
  type RetentionTypeSetting,
  retentionKey,
  retentionPreviewKey,
} from "../retention/types";

// How long Headway keeps each kind of record, what a run would erase now, and the legal holds
// that stop it. For admins and HR for the whole organisation.

const MAX_MONTHS = 1200;

const months = (n: number) => `${n} ${n === 1 ? "month" : "months"}`;
const records = (n: number) => `${n} ${n === 1 ? "record" : "records"}`;

export function RetentionPanel(_props: Record<string, never>) {
  const settings = useQuery({
    queryKey: retentionKey,
    queryFn: () => api.get<RetentionSettings>("/settings/retention"),
  });
  return (
    <section id="retention" aria-label="Retention" className="scroll-mt-4">
      <Card
        title="Retention and legal holds"
        description="How long Headway keeps each kind of record. When its period is over a record is erased, unless a legal hold is on someone it concerns. The audit trail is never erased: it holds ids, counts and fingerprints, not the text that went."
      >
        {settings.isPending ? (
          <Loading />
        ) : settings.isError ? (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <div className="space-y-8">
            <PeriodsForm initial={settings.data} />
            <Preview />
            <Holds />
          </div>
        )}
      </Card>
    </section>
  );
}

// ---------- periods ----------

type Row = { forever: boolean; months: string };
type Rows = Record<RecordType, Row>;

const rowsOf = (settings: RetentionSettings) =>
  Object.fromEntries(
    settings.types.map((t) => [
      t.type,
      { forever: t.months === null, months: t.months === null ? "" : String(t.months) },
    ]),
  ) as Rows;

const periodOf = (row: Row): number | null => (row.forever ? null : Number(row.months.trim()));

function problemOf(t: RetentionTypeSetting, row: Row): string | null {
  if (row.forever) return null;
  const raw = row.months.trim();
  if (!/^\d+$/.test(raw)) return "Enter a whole number of months, or keep for ever.";
  const n = Number(raw);
  if (n < t.floorMonths)
    return `At least ${months(t.floorMonths)}.${t.floorReason ? ` ${t.floorReason}` : ""}`;
  if (n > MAX_MONTHS) return `At most ${MAX_MONTHS} months, or keep for ever.`;
  return null;
}

function PeriodsForm({ initial }: { initial: RetentionSettings }) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Rows>(() => rowsOf(initial));
  const [problems, setProblems] = useState<Partial<Record<RecordType, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (periods: Partial<Record<RecordType, number | null>>) =>
      api.put<RetentionSettings>("/settings/retention", { periods }),
    onSuccess: (data) => {
      queryClient.setQueryData(retentionKey, data);
      setRows(rowsOf(data));
      void queryClient.invalidateQueries({ queryKey: retentionPreviewKey });
      setSaved(true);
    },
  });
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const changed = initial.types.filter((t) => periodOf(rows[t.type]) !== t.months);

  const set = (type: RecordType, patch: Partial<Row>) => {
    setSaved(false);
    setRows((r) => ({ ...r, [type]: { ...r[type], ...patch } }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const found: Partial<Record<RecordType, string>> = {};
    for (const t of changed) {
      const problem = problemOf(t, rows[t.type]);
      if (problem) found[t.type] = problem;
    }
    setProblems(found);
    if (Object.keys(found).length) return;
    save.mutate(Object.fromEntries(changed.map((t) => [t.type, periodOf(rows[t.type])])));
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="retention-periods-title">
      <h3 id="retention-periods-title" className="text-sm font-semibold text-stone-900">
        Retention periods
      </h3>
      <p className="mt-1 max-w-prose text-sm text-stone-600">
        Each period counts from the moment shown under the record type. Some records must be kept at
        least a year, where claims are usually brought or the law asks for it; the shortest period
        allowed is shown for each.
      </p>
      <Table caption="Retention period per record type" className="mt-3">
        <THead>
          <tr>
            <Th>Record type</Th>
            <Th className="w-44">Keep for</Th>
            <Th className="w-28">For ever</Th>
            <Th className="w-32">Shortest</Th>
          </tr>
        </THead>
        <TBody>
          {initial.types.map((t) => {
            const row = rows[t.type];
            const error = problems[t.type] ?? serverErrors[`periods.${t.type}`];
            const inputId = `retention-${t.type}`;
            const errorId = `${inputId}-error`;
            return (
              <tr key={t.type}>
                <Td className="align-top">
                  <label htmlFor={inputId} className="font-medium text-stone-900">
                    {t.label}
                  </label>
                  <p className="text-xs text-stone-600">Counted from {t.countedFrom}.</p>
                  <p className="text-xs text-stone-500">
                    {t.erasure === "anonymised" ? "Anonymised: " : "Erased: "}
                    {t.erases}
                  </p>
                </Td>
                <Td className="align-top">
                  <div className="flex items-center gap-2">
                    <Input
                      id={inputId}
                      inputMode="numeric"
                      className="w-20"
                      value={row.forever ? "" : row.months}
                      disabled={row.forever}
                      placeholder={row.forever ? "—" : undefined}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      onChange={(e) => set(t.type, { months: e.target.value })}
                    />
                    <span className="text-sm text-stone-600">months</span>
                  </div>
                  {error ? (
                    <p id={errorId} className="mt-1 max-w-xs text-sm font-medium text-red-700">
                      {error}
                    </p>
                  ) : null}
                </Td>
                <Td className="align-top">
                  <label className="flex items-center gap-2 text-sm text-stone-800">
                    <input
                      type="checkbox"
                      className="size-4 accent-teal-700"
                      checked={row.forever}
                      onChange={(e) =>
                        set(t.type, {
                          forever: e.target.checked,
                          months: e.target.checked
                            ? row.months
                            : row.months || String(t.defaultMonths ?? t.floorMonths),
                        })
                      }
                    />
                    <span>
                      Keep for ever<span className="sr-only">: {t.label}</span>
                    </span>
                  </label>
                </Td>
                <Td className="align-top text-sm text-stone-700">
                  <span title={t.floorReason ?? undefined}>{months(t.floorMonths)}</span>
                  {t.defaultMonths !== null ? (
                    <p className="text-xs text-stone-500">Default {months(t.defaultMonths)}</p>
                  ) : null}
                </Td>
              </tr>
            );
          })}
        </TBody>
      </Table>
      {save.isError && !Object.keys(serverErrors).length ? (
        <Alert tone="error" className="mt-3">
          {messageOf(save.error)}
        </Alert>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…" disabled={!changed.length}>
          Save retention periods
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {saved && !changed.length ? "Saved. The preview below shows what is due now." : ""}
        </p>
        {initial.updatedAt ? (
          <p className="text-sm text-stone-500">Last changed {formatDate(initial.updatedAt)}.</p>
        ) : (
          <p className="text-sm text-stone-500">These are the default periods.</p>
        )}
      </div>
    </form>
  );
}

// ---------- what would go now ----------

function Preview() {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const preview = useQuery({
    queryKey: retentionPreviewKey,
    queryFn: () => api.get<RetentionReport>("/settings/retention/preview"),
  });
  const run = useMutation({
    mutationFn: () => api.post<RetentionReport>("/settings/retention/run"),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: retentionPreviewKey });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
    },
  });
  return (
    <div>
      <h3 className="text-sm font-semibold text-stone-900">What is past its period now</h3>
      <p className="mt-1 max-w-prose text-sm text-stone-600">
        Nothing is erased until a run: from here, or by <code>headway retention run</code> on the
        server (your operator can schedule it daily). Records of anyone under a legal hold are kept.
      </p>
      <div aria-live="polite" className="mt-3 space-y-3">
        {run.isSuccess ? (
          <Alert tone="success" title="Retention run finished">
            {run.data.erased === 0 ? "Nothing was erased." : `${records(run.data.erased)} erased.`}
            {run.data.held
              ? ` ${records(run.data.held)} past ${run.data.held === 1 ? "its" : "their"} period kept by a legal hold.`
              : ""}
          </Alert>
        ) : null}
        {run.isError ? <Alert tone="error">{messageOf(run.error)}</Alert> : null}
      </div>
      {preview.isPending ? (
        <Loading />
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <>
          <Table caption="What a retention run would erase now" className="mt-3">
            <THead>
              <tr>
                <Th>Record type</Th>
                <Th>Kept for</Th>
                <Th>Cut-off</Th>
                <Th className="text-right">Would be erased</Th>
                <Th className="text-right">Kept by a hold</Th>
              </tr>
            </THead>
            <TBody>
              {preview.data.items.map((item) => (
                <tr key={item.type}>
                  <Td>{item.label}</Td>
                  <Td>{item.months === null ? "For ever" : months(item.months)}</Td>
                  <Td>{item.cutoff ? `Before ${formatDate(item.cutoff)}` : "—"}</Td>
                  <Td className="text-right tabular-nums">{item.cutoff ? item.erased : "—"}</Td>
                  <Td className="text-right tabular-nums">{item.cutoff ? item.held : "—"}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Button
              variant="danger"
              disabled={preview.data.erased === 0}
              onClick={() => setConfirming(true)}
            >
              Erase now
            </Button>
            <p className="text-sm text-stone-600">
              {preview.data.erased === 0
                ? "Nothing is past its period now."
                : `${records(preview.data.erased)} would be erased.`}
            </p>
          </div>
          <Dialog
            open={confirming}
            onClose={() => setConfirming(false)}
            title="Erase records past their period?"
            description={`${records(preview.data.erased)} will be erased for good: they cannot be brought back, and back-ups age out on their own schedule. Records of people under a legal hold are kept. The audit trail records the count per record type.`}
          >
            <div className="flex flex-wrap justify-end gap-3">
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button
                variant="danger"
                busy={run.isPending}
                busyLabel="Erasing…"
                onClick={() => run.mutate()}
              >
                Erase {records(preview.data.erased)}
              </Button>
            </div>
          </Dialog>
        </>
      )}
    </div>
  );
}

// ---------- legal holds ----------

function Holds() {
  const holds = useQuery({
    queryKey: legalHoldsKey,
    queryFn: () => api.get<LegalHoldList>("/legal-holds"),
  });
  if (holds.isPending) return <Loading />;
  if (holds.isError) return <QueryError error={holds.error} onRetry={() => void holds.refetch()} />;
  const current = holds.data.items.filter((h) => h.active);
  const released = holds.data.items.filter((h) => !h.active);
  return (
    <div>
      <h3 className="text-sm font-semibold text-stone-900">Legal holds</h3>
      <p className="mt-1 max-w-prose text-sm text-stone-600">
        While a hold is on a person, nothing about them is erased: not their own records, nor any
        record they are on as manager, author or subject. Place and release holds from the person's
        page.
      </p>
      {current.length === 0 ? (
        <EmptyState title="No legal holds" className="mt-3">
          When someone's records must be kept for a claim, an investigation or an audit, open their
          page and place a legal hold there.
        </EmptyState>
      ) : (
        <HoldTable caption="Current legal holds" holds={current} />
      )}
      {released.length ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-stone-800">
            Released holds ({released.length})
          </summary>
          <HoldTable caption="Released legal holds" holds={released} />
        </details>
      ) : null}
    </div>
  );
}

function HoldTable({ caption, holds }: { caption: string; holds: LegalHold[] }) {
  return (
    <Table caption={caption} className="mt-3">
      <THead>
        <tr>
          <Th>Person</Th>
          <Th>Why</Th>
          <Th>Placed</Th>
          <Th>Status</Th>
        </tr>
      </THead>
      <TBody>
        {holds.map((h) => (
          <tr key={h.id}>
            <Td className="align-top">
              <Link
                to={`/people/${h.person.id}`}
                className="font-medium text-teal-800 underline-offset-2 hover:underline"
              >
                {h.person.name}
              </Link>
            </Td>
            <Td className="max-w-md align-top whitespace-pre-wrap">{h.reason}</Td>
            <Td className="align-top">
              {formatDate(h.placedAt)}
              <p className="text-xs text-stone-500">by {h.placedBy.name}</p>
            </Td>
            <Td className="align-top">
              {h.active ? (
                <Badge tone="warning">On hold</Badge>
              ) : (
                <>
                  <Badge>Released {formatDate(h.releasedAt)}</Badge>
                  {h.releaseReason ? (
                    <p className="mt-1 text-xs whitespace-pre-wrap text-stone-600">
                      {h.releaseReason}
                      {h.releasedBy ? ` (${h.releasedBy.name})` : ""}
                    </p>
                  ) : null}
                </>
              )}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
