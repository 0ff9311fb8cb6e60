import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, messageOf } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { Alert, Badge, Button, Card, Dialog, LinkButton, Loading } from "../../ui";
import { useSignedIn } from "../layout/session";
import { AddCommitmentForm, CommitmentList } from "./Commitments";
import {
  followThroughText,
  instantLabel,
  meetingStatusLabel,
  meetingStatusTone,
  meetingWhen,
  percent,
  scheduleText,
} from "./labels";
import { oneOnOneApi, useOneOnOneWrite, useSeries } from "./oneononesApi";
import { ChangeScheduleForm, type ScheduleValues } from "./ScheduleForm";
import type { FollowThrough, Meeting, SeriesDetail } from "./types";

export function SeriesPage() {
  const { id = "" } = useParams();
  const me = useSignedIn();
  const series = useSeries(id);
  const other =
    series.data && (series.data.role === "manager" ? series.data.report : series.data.manager);
  useDocumentTitle(other ? `1:1 with ${other.name}` : "1:1");

  if (series.isPending) return <Loading label="Loading the 1:1…" />;
  if (series.isError) {
    if (series.error instanceof ApiError && series.error.status === 404)
      return (
        <Alert
          tone="info"
          title="This 1:1 does not exist, or is not yours to see."
          actions={<LinkButton to="/one-on-ones">Back to 1:1s</LinkButton>}
        >
          A 1:1 is seen only by the two people in it.
        </Alert>
      );
    return <QueryError error={series.error} onRetry={() => void series.refetch()} />;
  }
  const d = series.data;
  const s = d.series;
  const paused = s.status === "paused";
  const ended = s.status === "ended";
  const next = d.upcoming.find((m) => m.status === "scheduled");

  return (
    <>
      <div className="mb-6">
        <p className="mb-1 text-sm text-stone-600">
          <Link to="/one-on-ones" className="text-teal-800 underline-offset-2 hover:underline">
            1:1s
          </Link>
        </p>
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-stone-900">
              1:1 with {other!.name}
            </h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-600">
              {ended ? (
                <Badge tone="neutral">Ended</Badge>
              ) : paused ? (
                <Badge tone="warning">Paused</Badge>
              ) : (
                <Badge tone="accent">Active</Badge>
              )}
              <span>{scheduleText(s)}</span>
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {next ? (
              <LinkButton variant="primary" to={`/one-on-ones/${d.series.id}/meetings/${next.id}`}>
                Open the next meeting
              </LinkButton>
            ) : null}
            {d.abilities.manage ? <ManageActions detail={d} /> : null}
          </div>
        </div>
      </div>

      <div className="space-y-6">
        {ended ? (
          <Alert tone="info" title="These 1:1s have ended.">
            The reporting line between you and {other!.name} changed, or one of you left. Everything
            you wrote together stays here to read; nothing new can be added.
          </Alert>
        ) : null}
        {paused ? (
          <Alert tone="warning" title="These 1:1s are paused.">
            {d.abilities.manage
              ? "No new meetings are scheduled until you resume them."
              : `No new meetings are scheduled until ${d.manager.name} resumes them.`}
          </Alert>
        ) : null}
        <RecordCard detail={d} myId={me.person.id} />
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <MeetingsCard
              title="Upcoming meetings"
              seriesId={s.id}
              meetings={d.upcoming}
              empty={
                ended
                  ? "None: these 1:1s have ended."
                  : paused
                    ? "None while the 1:1s are paused."
                    : "No meeting is scheduled. The next ones appear here."
              }
            />
            {d.agenda.length ? (
              <Card
                title="Open talking points"
                description={
                  ended
                    ? "Not discussed before these 1:1s ended."
                    : "Not discussed yet: they come up at the next meeting."
                }
              >
                <ul className="list-disc space-y-1 pl-5 text-sm text-stone-800">
                  {d.agenda.map((p) => (
                    <li key={p.id}>
                      {p.body}{" "}
                      <span className="text-stone-600">
                        — {p.author.id === me.person.id ? "you" : p.author.name}
                      </span>
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}
            <MeetingsCard
              title="Past meetings"
              seriesId={s.id}
              meetings={d.past}
              empty="No meeting has taken place yet."
            />
          </div>
          <div className="min-w-0 space-y-6">
            <Card title="Commitments" description="Carried forward until done or dropped.">
              <CommitmentList
                seriesId={s.id}
                items={d.commitments}
                myId={me.person.id}
                canClose={d.abilities.participate}
                empty="No commitments yet. Write them down in a meeting, or here."
              />
            </Card>
            {d.abilities.participate ? (
              <Card title="Add a commitment" level={2}>
                <AddCommitmentForm
                  seriesId={s.id}
                  pair={{ manager: d.manager, report: d.report, timeZone: s.timeZone }}
                  myId={me.person.id}
                />
              </Card>
            ) : null}
          </div>
        </div>
      </div>
    </>
  );
}

function RateBlock({ label, rate }: { label: string; rate: FollowThrough }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className="mt-0.5">
        <span className="text-2xl font-semibold text-stone-900">{percent(rate.rate)}</span>
        <p className="text-sm text-stone-600">{followThroughText(rate)}</p>
      </dd>
    </div>
  );
}

/** The record both sides see: meetings held and cancelled, and each side's follow-through. */
function RecordCard({ detail: d, myId }: { detail: SeriesDetail; myId: string }) {
  const r = d.record;
  const name = (p: { id: string; name: string }) => (p.id === myId ? "You" : p.name);
  return (
    <Card title="Your record together" description="The last 90 days, as both of you see it.">
      <dl className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">Held</dt>
          <dd className="mt-0.5">
            <span className="text-2xl font-semibold text-stone-900">{r.heldLast90}</span>
            <p className="text-sm text-stone-600">
              Last held: {r.lastHeld ? instantLabel(r.lastHeld) : "not yet"}
            </p>
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">Cancelled</dt>
          <dd className="mt-0.5">
            <span className="text-2xl font-semibold text-stone-900">{r.cancelledLast90}</span>
            <p className="text-sm text-stone-600">
              {r.cancelledLast90
                ? `${r.cancelledByManagerLast90} by ${name(d.manager)}, ${r.cancelledByReportLast90} by ${name(d.report)}`
                : "None"}
            </p>
          </dd>
        </div>
        <RateBlock label={`Follow-through: ${name(d.report)}`} rate={d.followThrough.report} />
        <RateBlock label={`Follow-through: ${name(d.manager)}`} rate={d.followThrough.manager} />
      </dl>
    </Card>
  );
}

/** What happened to a meeting, in words: who cancelled and why, where it moved. */
export function MeetingOutcome({ meeting: m }: { meeting: Meeting }) {
  if (m.status === "cancelled")
    return (
      <>
        Cancelled by {m.cancelledBy?.name ?? "someone"}
        {m.cancelledAt ? ` on ${instantLabel(m.cancelledAt)}` : ""}
        {m.cancelReason ? `: “${m.cancelReason}”` : ""}
      </>
    );
  if (m.status === "rescheduled")
    return (
      <>
        Moved{" "}
        {m.rescheduledTo ? (
          <Link
            to={`/one-on-ones/${m.seriesId}/meetings/${m.rescheduledTo.id}`}
            className="text-teal-800 underline-offset-2 hover:underline"
          >
            to {instantLabel(m.rescheduledTo.scheduledAt)}
          </Link>
        ) : null}
      </>
    );
  if (m.status === "held") return <>Held{m.heldAt ? `, marked ${instantLabel(m.heldAt)}` : ""}</>;
  if (m.rescheduledFrom) return <>Moved here from {instantLabel(m.rescheduledFrom.scheduledAt)}</>;
  return null;
}

function MeetingsCard({
  title,
  seriesId,
  meetings,
  empty,
}: {
  title: string;
  seriesId: string;
  meetings: Meeting[];
  empty: string;
}) {
  const now = Date.now();
  return (
    <Card title={title} padded={false}>
      {meetings.length === 0 ? (
        <p className="px-4 py-4 text-sm text-stone-600 sm:px-5">{empty}</p>
      ) : (
        <ul className="divide-y divide-stone-100" aria-label={title}>
          {meetings.map((m) => {
            const unrecorded = m.status === "scheduled" && new Date(m.endsAt).getTime() < now;
            return (
              <li key={m.id} className="flex flex-wrap items-center gap-3 px-4 py-3 sm:px-5">
                <div className="min-w-0 flex-1">
                  <Link
                    to={`/one-on-ones/${seriesId}/meetings/${m.id}`}
                    className="font-medium text-teal-800 underline-offset-2 hover:underline"
                  >
                    {meetingWhen(m)}
                  </Link>
                  <p className="text-sm text-stone-600">
                    <MeetingOutcome meeting={m} />
                  </p>
                </div>
                {unrecorded ? (
                  <Badge tone="warning">Not recorded</Badge>
                ) : (
                  <Badge tone={meetingStatusTone[m.status]}>{meetingStatusLabel[m.status]}</Badge>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** The manager changes the schedule, pauses or resumes the series. */
function ManageActions({ detail: d }: { detail: SeriesDetail }) {
  const s = d.series;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const update = useOneOnOneWrite(
    (patch: Partial<ScheduleValues> & { status?: "active" | "paused" }) =>
      oneOnOneApi.update(s.id, { ...patch, version: s.version }),
    () => {
      setEditing(false);
      setConfirming(false);
    },
  );
  const pausing = s.status === "active";
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          update.reset();
          setEditing(true);
        }}
      >
        Change schedule
      </Button>
      <Button
        variant="secondary"
        onClick={() => {
          update.reset();
          setConfirming(true);
        }}
      >
        {pausing ? "Pause 1:1s" : "Resume 1:1s"}
      </Button>
      <Dialog
        open={editing}
        onClose={() => setEditing(false)}
        title="Change the schedule"
        description={`Your 1:1 with ${d.report.name}.`}
      >
        <ChangeScheduleForm
          initial={{
            cadence: s.cadence,
            weekday: s.weekday,
            startTime: s.startTime,
            durationMinutes: s.durationMinutes,
            timeZone: s.timeZone,
            startsOn: s.startsOn,
          }}
          busy={update.isPending}
          error={update.error}
          onSave={({ startsOn: _ignored, ...values }) => update.mutate(values)}
          onCancel={() => setEditing(false)}
        />
      </Dialog>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={pausing ? "Pause these 1:1s?" : "Resume these 1:1s?"}
        description={
          pausing
            ? `Future meetings with ${d.report.name} are removed, except ones that already have notes or commitments. Talking points stay for the next meeting. ${d.report.name} is told, and the pause is on the record.`
            : `Meetings with ${d.report.name} are scheduled again: ${scheduleText(s)}. ${d.report.name} is told.`
        }
      >
        {update.isError ? (
          <Alert tone="error" className="mb-3">
            {messageOf(update.error)}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {pausing ? "Keep them going" : "Not now"}
          </Button>
          <Button
            variant={pausing ? "danger" : "primary"}
            busy={update.isPending}
            onClick={() => update.mutate({ status: pausing ? "paused" : "active" })}
          >
            {pausing ? "Pause 1:1s" : "Resume 1:1s"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
