import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { ApiError, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import {
  Alert,
  Badge,
  type BadgeTone,
  Button,
  Card,
  Checkbox,
  Field,
  TextArea,
  TextField,
} from "../../ui";
import {
  type EngagementCode,
  type EngagementLedger,
  type EngagementSignal,
  type EngagementTalk,
  HANDBOOK_PAGE,
  openings,
  type SupportLedger,
  usePlanEngagement,
  useRecordTalk,
} from "./engagementApi";

// When someone won't engage: the manager is prompted to talk first, and the record shows side by
// side the support offered and delivered and the engagement on the plan. Facts on both sides, in
// counts and dates; never a judgement of the person.

const running = ["issued", "acknowledged", "active", "paused", "extended"];
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;
const todayUtc = () => new Date().toISOString().slice(0, 10);

// ---------- talk first ----------

/**
 * On a running plan with engagement signals, for whoever may record a conversation (the manager,
 * HR): what the signals are, words to open with, the handbook page, and the form to record it.
 */
export function EngagementTalkFirst({
  planId,
  status,
  employeeName,
}: {
  planId: string;
  status: string;
  employeeName: string;
}) {
  const engagement = usePlanEngagement(planId, running.includes(status));
  const data = engagement.data;
  if (!data?.abilities.recordTalk || data.signals.length === 0) return null;
  const name = firstName(employeeName);
  return (
    <section
      id="talk-first"
      aria-labelledby="talk-first-title"
      className="rounded-lg border-2 border-amber-300 bg-amber-50 p-4 shadow-sm sm:p-5"
    >
      <h2 id="talk-first-title" className="text-lg font-semibold text-amber-950">
        Talk first
      </h2>
      <p className="mt-1 max-w-prose text-sm text-amber-950">
        The plan's record shows {data.signals.length === 1 ? "a signal" : "signals"} worth a
        conversation. These are facts, not a verdict: before anything else, talk with {name}. Ask
        what is getting in the way, and listen: the reason is often something you can help with.
      </p>
      <ul className="mt-4 space-y-3">
        {data.signals.map((s) => (
          <SignalItem key={s.code} signal={s} />
        ))}
      </ul>
      <div className="mt-4 rounded-md border border-amber-200 bg-white p-3">
        <h3 className="text-sm font-semibold text-stone-900">Ways to open the conversation</h3>
        <ul className="mt-2 space-y-2 text-sm text-stone-800">
          {data.signals.map((s) => (
            <li key={s.code}>{openings[s.code as EngagementCode]}</li>
          ))}
        </ul>
        <p className="mt-3 text-sm">
          <Link
            to={HANDBOOK_PAGE}
            className="font-medium text-teal-800 underline underline-offset-2"
          >
            Read the handbook: when someone won't engage
          </Link>
        </p>
      </div>
      <TalkForm planId={planId} signals={data.signals} />
    </section>
  );
}

function SignalItem({ signal }: { signal: EngagementSignal }) {
  return (
    <li className="rounded-md border border-amber-200 bg-white p-3">
      <p className="flex flex-wrap items-center gap-2 text-sm font-semibold text-stone-900">
        {signal.title}
        <span className="font-normal text-stone-600">since {formatDate(signal.since)}</span>
        {signal.talkedOn ? (
          <Badge tone="success">Talked about on {formatDate(signal.talkedOn)}</Badge>
        ) : null}
      </p>
      <p className="mt-1 text-sm text-stone-700">{signal.detail}</p>
    </li>
  );
}

function TalkForm({ planId, signals }: { planId: string; signals: EngagementSignal[] }) {
  const [heldOn, setHeldOn] = useState(todayUtc());
  const [summary, setSummary] = useState("");
  const [chosen, setChosen] = useState<EngagementCode[]>(
    signals.filter((s) => !s.talkedOn).map((s) => s.code as EngagementCode),
  );
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const record = useRecordTalk(planId, () => {
    setSummary("");
    setDone(
      "The conversation is on the plan's record. The employee has been told and can read it.",
    );
  });
  const fieldErrors = record.error instanceof ApiError ? record.error.fieldErrors() : {};
  return (
    <form
      className="mt-4 space-y-4 rounded-md border border-amber-200 bg-white p-3"
      aria-labelledby="record-talk-title"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        if (!summary.trim()) return setError("Write what you talked about and what you agreed.");
        setError(null);
        record.mutate({ heldOn, summary: summary.trim(), signals: chosen });
      }}
    >
      <h3 id="record-talk-title" className="text-sm font-semibold text-stone-900">
        Record the conversation
      </h3>
      <TextField
        label="When you talked"
        type="date"
        required
        max={todayUtc()}
        value={heldOn}
        error={fieldErrors.heldOn}
        onChange={(e) => setHeldOn(e.target.value)}
        className="max-w-xs"
      />
      <Field
        label="What you talked about and what you agreed"
        hint="The employee reads this on their plan, and can respond to it."
        error={fieldErrors.summary ?? error}
      >
        {(p) => (
          <TextArea
            {...p}
            rows={4}
            maxLength={2000}
            required
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">
          The signals it addressed <span className="font-normal text-stone-500">(optional)</span>
        </legend>
        <div className="mt-2 space-y-2">
          {signals.map((s) => (
            <Checkbox
              key={s.code}
              label={s.title}
              checked={chosen.includes(s.code as EngagementCode)}
              onChange={(e) =>
                setChosen((c) =>
                  e.target.checked
                    ? [...c, s.code as EngagementCode]
                    : c.filter((x) => x !== s.code),
                )
              }
            />
          ))}
        </div>
      </fieldset>
      {record.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(record.error)}</Alert>
      ) : null}
      <div aria-live="polite">
        {done ? <p className="text-sm font-medium text-green-800">{done}</p> : null}
      </div>
      <Button type="submit" busy={record.isPending}>
        Record the conversation
      </Button>
    </form>
  );
}

// ---------- the record, side by side ----------

const statusTone: Record<string, BadgeTone> = {
  offered: "neutral",
  in_use: "accent",
  delivered: "success",
  not_delivered: "danger",
};

/**
 * "Support and engagement": two columns everyone who sees the plan reads. Once closed, the record
 * as it was frozen at close.
 */
export function EngagementRecord({ planId, issued }: { planId: string; issued: boolean }) {
  const engagement = usePlanEngagement(planId, issued);
  if (!issued) return null;
  if (engagement.isError)
    return (
      <Card title="Support and engagement">
        <Alert tone="error">{messageOf(engagement.error)}</Alert>
      </Card>
    );
  const data = engagement.data;
  if (!data) return null;
  const frozen = data.summary;
  const support = frozen?.support ?? data.support;
  const ledger = frozen?.engagement ?? data.engagement;
  const talks = frozen?.talks ?? data.talks;
  const signals = frozen ? frozen.signals : data.signals;
  return (
    <Card
      title="Support and engagement"
      description={
        frozen
          ? `As recorded when the plan closed, ${formatDate(frozen.frozenAt)}: the support offered and delivered beside the engagement.`
          : "The support offered and delivered beside the engagement on the plan: facts on both sides, read by everyone who sees the plan."
      }
    >
      <LedgerColumns support={support} engagement={ledger} />
      {signals.length ? (
        <div className="mt-5">
          <h3 className="text-sm font-semibold text-stone-900">
            {frozen ? "Signals when the plan closed" : "Signals now"}
          </h3>
          <ul className="mt-2 space-y-1 text-sm text-stone-700">
            {signals.map((s) => (
              <li key={s.code}>
                <span className="font-medium text-stone-900">{s.title}</span> (since{" "}
                {formatDate(s.since)}): {s.detail}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Talks talks={talks} />
    </Card>
  );
}

function Talks({ talks }: { talks: EngagementTalk[] }) {
  return (
    <div className="mt-5">
      <h3 className="text-sm font-semibold text-stone-900">Conversations recorded</h3>
      {talks.length === 0 ? (
        <p className="mt-1 text-sm text-stone-600">
          None yet. When signals appear, the manager talks with the employee first and records the
          conversation here.
        </p>
      ) : (
        <ul className="mt-2 space-y-3">
          {talks.map((t) => (
            <li key={t.id} className="border-l-2 border-stone-200 pl-3 text-sm">
              <p className="font-medium text-stone-900">
                {formatDate(t.heldOn)} · {t.author.name}
              </p>
              {t.signals.length ? (
                <p className="mt-1 flex flex-wrap gap-1">
                  {t.signals.map((s) => (
                    <Badge key={s.code}>{s.title}</Badge>
                  ))}
                </p>
              ) : null}
              <p className="mt-1 whitespace-pre-wrap text-stone-700">{t.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The two columns: support offered and delivered | engagement. */
export function LedgerColumns({
  support,
  engagement,
  compact = false,
}: {
  support: SupportLedger;
  engagement: EngagementLedger;
  compact?: boolean;
}) {
  const heading = compact ? "text-sm font-semibold" : "text-base font-semibold";
  const c = engagement.checkins;
  return (
    <div className={compact ? "grid gap-4 sm:grid-cols-2" : "grid gap-5 md:grid-cols-2"}>
      <div className="min-w-0">
        <h3 className={heading}>Support offered and delivered</h3>
        {support.resources.length === 0 ? (
          <p className="mt-1 text-sm text-stone-600">No support is recorded on the goals.</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm">
            {support.resources.map((r) => {
              const delivered = r.checkins.filter((x) => x.delivered).length;
              return (
                <li key={r.id}>
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone={statusTone[r.status] ?? "neutral"}>{r.statusLabel}</Badge>
                    <span className="min-w-0 text-stone-900">
                      Goal {r.goalNumber} · {r.kindLabel}: {r.description}
                      {r.mentorName ? ` (${r.mentorName})` : ""}
                    </span>
                  </p>
                  {compact ? null : (
                    <p className="mt-0.5 text-stone-600">
                      {r.offeredOn ? `Offered ${formatDate(r.offeredOn)}` : "Offered"}
                      {r.requestedByEmployee ? ", asked for by the employee" : ""}
                      {r.checkins.length
                        ? `; delivered at ${delivered} of ${r.checkins.length} check-ins that recorded it`
                        : "; no check-in has recorded it yet"}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <dl className="mt-3 space-y-1 text-sm">
          <Row label="Clarifications answered">
            {support.requests.clarifications.answered} of {support.requests.clarifications.asked}
          </Row>
          <Row label="Support requests answered">
            {support.requests.support.answered} of {support.requests.support.asked}
            {support.requests.support.accepted
              ? ` (${support.requests.support.accepted} accepted as a resource)`
              : ""}
          </Row>
          <Row label="Conversations recorded">{support.talks}</Row>
        </dl>
      </div>
      <div className="min-w-0">
        <h3 className={heading}>Engagement</h3>
        <dl className="mt-2 space-y-1 text-sm">
          {engagement.acknowledgements.length === 0 ? (
            <Row label="Acknowledged">Not issued yet</Row>
          ) : (
            engagement.acknowledgements.map((a) => (
              <Row key={a.version} label={`Version ${a.version}`}>
                issued {formatDate(a.issuedOn)},{" "}
                {a.acknowledgedOn
                  ? `acknowledged ${formatDate(a.acknowledgedOn)} (${a.workingDays} working ${a.workingDays === 1 ? "day" : "days"})`
                  : `not acknowledged (${a.workingDays} working ${a.workingDays === 1 ? "day" : "days"})`}
              </Row>
            ))
          )}
          <Row label="Check-ins held">
            {c.held} of {c.due} due{c.missed ? ` (${c.missed} missed)` : ""}
          </Row>
          {compact ? null : (
            <Row label="The employee's part written">
              at {c.employeePart} of {c.held} held check-ins
            </Row>
          )}
          <Row label="Action items">
            {engagement.actionItems.total} ({engagement.actionItems.done} done)
          </Row>
          <Row label="Evidence answered">
            {engagement.evidence.answered} of {engagement.evidence.total}
          </Row>
          <Row label="Responses written">{engagement.responses}</Row>
          <Row label="Questions asked">
            {engagement.threadsStarted.clarification} clarifications,{" "}
            {engagement.threadsStarted.support} support requests
          </Row>
          {compact ? null : <Row label="Achievements logged">{engagement.achievements}</Row>}
        </dl>
      </div>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="font-medium text-stone-800">{label}:</dt>
      <dd className="text-stone-700">{children}</dd>
    </div>
  );
}

// ---------- before closing ----------

/** In the close dialog: the record as it stands, so the outcome is chosen with it in view. */
export function EngagementBeforeClose({ planId }: { planId: string }) {
  const engagement = usePlanEngagement(planId);
  const data = engagement.data;
  if (!data) return null;
  return (
    <section
      aria-labelledby="close-ledger"
      className="rounded-md border border-stone-200 bg-stone-50 p-3"
    >
      <h3 id="close-ledger" className="text-sm font-semibold text-stone-900">
        The record before you choose
      </h3>
      <p className="mt-1 text-sm text-stone-600">
        Stored with the plan when it closes, and shown to everyone who sees it.
        {data.signals.length
          ? ` Open signals: ${data.signals.map((s) => s.title.toLowerCase()).join("; ")}.`
          : ""}
        {data.talks.length
          ? ` ${data.talks.length} ${data.talks.length === 1 ? "conversation" : "conversations"} recorded.`
          : ""}
      </p>
      <div className="mt-3">
        <LedgerColumns support={data.support} engagement={data.engagement} compact />
      </div>
    </section>
  );
}
