import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, messageOf } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  Dialog,
  Field,
  Input,
  LinkButton,
  Loading,
  Select,
  TextArea,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { AgendaCard, SuggestionsCard } from "./Agenda";
import { AddCommitmentForm, CommitmentList } from "./Commitments";
import {
  browserTimeZone,
  dayLabel,
  meetingStatusLabel,
  meetingStatusTone,
  meetingWhen,
  sameClock,
} from "./labels";
import { NotesSection } from "./Notes";
import { oneOnOneApi, useMeeting, useOneOnOneWrite, useSeries } from "./oneononesApi";
import { MeetingOutcome } from "./SeriesPage";
import type { MeetingDetail } from "./types";

export function MeetingPage() {
  const { id = "", meetingId = "" } = useParams();
  const me = useSignedIn();
  const meeting = useMeeting(id, meetingId);
  // The series' meetings date the talking points carried over from earlier ones.
  const series = useSeries(id);
  const d = meeting.data;
  const other = d && (d.series.role === "manager" ? d.series.report : d.series.manager);
  useDocumentTitle(d ? `1:1 with ${other!.name}, ${dayLabel(d.meeting.localDate)}` : "1:1 meeting");

  if (meeting.isPending) return <Loading label="Loading the meeting…" />;
  if (meeting.isError) {
    if (meeting.error instanceof ApiError && meeting.error.status === 404)
      return (
        <Alert
          tone="info"
          title="This meeting does not exist, or is not yours to see."
          actions={<LinkButton to="/one-on-ones">Back to 1:1s</LinkButton>}
        >
          A 1:1 is seen only by the two people in it.
        </Alert>
      );
    return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  }
  const detail = meeting.data;
  const m = detail.meeting;
  const ctx = { detail, series: series.data, myId: me.person.id };
  const unrecorded = m.status === "scheduled" && new Date(m.endsAt).getTime() < Date.now();

  return (
    <>
      <div className="mb-6">
        <p className="mb-1 text-sm text-stone-600">
          <Link to="/one-on-ones" className="text-teal-800 underline-offset-2 hover:underline">
            1:1s
          </Link>{" "}
          /{" "}
          <Link
            to={`/one-on-ones/${detail.series.id}`}
            className="text-teal-800 underline-offset-2 hover:underline"
          >
            1:1 with {other!.name}
          </Link>
        </p>
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-stone-900">
              1:1 with {other!.name}
            </h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-600">
              <Badge tone={unrecorded ? "warning" : meetingStatusTone[m.status]}>
                {unrecorded ? "Not recorded" : meetingStatusLabel[m.status]}
              </Badge>
              <span>
                {meetingWhen(m)} · {m.durationMinutes} minutes
                {sameClock(m) ? ` · ${m.timeZone}` : ""}
              </span>
            </p>
          </div>
          <MeetingActions detail={detail} />
        </div>
      </div>

      <div className="space-y-6">
        {m.status !== "scheduled" || m.rescheduledFrom ? (
          <Alert tone={m.status === "cancelled" ? "warning" : "info"}>
            <MeetingOutcome meeting={m} />.
          </Alert>
        ) : null}
        {unrecorded ? (
          <Alert tone="warning" title="Did this meeting take place?">
            Mark it held, or cancel it with the reason, so your record together stays true.
          </Alert>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <AgendaCard ctx={ctx} />
            <SuggestionsCard ctx={ctx} />
            <NotesSection detail={detail} myId={me.person.id} />
          </div>
          <div className="min-w-0 space-y-6">
            <Card
              title="Commitments"
              description="Made in this meeting, and every one still open from before."
            >
              <CommitmentList
                seriesId={detail.series.id}
                items={detail.commitments}
                myId={me.person.id}
                canClose
                empty="No commitments yet."
              />
            </Card>
            {detail.abilities.addCommitment ? (
              <Card title="Add a commitment">
                <AddCommitmentForm
                  seriesId={detail.series.id}
                  meetingId={m.id}
                  pair={{
                    manager: detail.series.manager,
                    report: detail.series.report,
                    timeZone: detail.series.timeZone,
                  }}
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

const durations = [15, 20, 30, 45, 60, 90, 120];

/** "YYYY-MM-DDTHH:MM" for a datetime-local input, in the viewer's time zone. */
function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Held, cancelled (with a reason) or moved: each asked for once more before it is recorded. */
function MeetingActions({ detail: d }: { detail: MeetingDetail }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState<"hold" | "cancel" | "reschedule" | null>(null);
  const [reason, setReason] = useState("");
  const [when, setWhen] = useState(() =>
    localInputValue(new Date(new Date(d.meeting.scheduledAt).getTime() + 86_400_000)),
  );
  const [duration, setDuration] = useState(d.meeting.durationMinutes);
  const close = () => setOpen(null);
  const hold = useOneOnOneWrite(() => oneOnOneApi.hold(d.series.id, d.meeting.id), close);
  const cancel = useOneOnOneWrite(
    () => oneOnOneApi.cancel(d.series.id, d.meeting.id, reason.trim()),
    close,
  );
  const reschedule = useOneOnOneWrite(
    () =>
      oneOnOneApi.reschedule(
        d.series.id,
        d.meeting.id,
        new Date(when).toISOString(),
        duration === d.meeting.durationMinutes ? undefined : duration,
      ),
    (moved) => {
      close();
      navigate(`/one-on-ones/${d.series.id}/meetings/${moved.meeting.id}`);
    },
  );
  const a = d.abilities;
  const other = d.series.role === "manager" ? d.series.report : d.series.manager;
  const startsLater = d.meeting.status === "scheduled" && !a.hold;
  if (!a.hold && !a.cancel && !a.reschedule) return null;
  const openDialog = (which: "hold" | "cancel" | "reschedule") => {
    hold.reset();
    cancel.reset();
    reschedule.reset();
    setOpen(which);
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      {a.hold ? <Button onClick={() => openDialog("hold")}>Mark as held</Button> : null}
      {a.reschedule ? (
        <Button variant="secondary" onClick={() => openDialog("reschedule")}>
          Reschedule
        </Button>
      ) : null}
      {a.cancel ? (
        <Button variant="danger" onClick={() => openDialog("cancel")}>
          Cancel meeting
        </Button>
      ) : null}
      {startsLater ? (
        <p className="w-full text-xs text-stone-600 sm:text-right">
          You can mark it held from 30 minutes before it starts.
        </p>
      ) : null}

      <Dialog
        open={open === "hold"}
        onClose={close}
        title="Mark this 1:1 as held?"
        description={`It counts as held in your record with ${other.name}. Talking points not discussed carry over to the next meeting.`}
      >
        {hold.isError ? (
          <Alert tone="error" className="mb-3">
            {messageOf(hold.error)}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Not yet
          </Button>
          <Button busy={hold.isPending} onClick={() => hold.mutate(undefined)}>
            Mark as held
          </Button>
        </div>
      </Dialog>

      <Dialog
        open={open === "cancel"}
        onClose={close}
        title="Cancel this 1:1?"
        description={`${other.name} is told. The cancellation, by you and why, stays on your record together. To keep the conversation, reschedule instead.`}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            cancel.mutate(undefined);
          }}
        >
          <Field
            label="Why is it cancelled?"
            hint={`${other.name} will see this.`}
            error={cancel.isError ? messageOf(cancel.error) : null}
          >
            {(p) => (
              <TextArea
                {...p}
                rows={3}
                required
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Keep the meeting
            </Button>
            <Button
              type="submit"
              variant="danger"
              busy={cancel.isPending}
              disabled={!reason.trim()}
            >
              Cancel the meeting
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog
        open={open === "reschedule"}
        onClose={close}
        title="Move this 1:1"
        description={`The meeting moves with its agenda and notes; the old time stays on the record as moved. ${other.name} is told.`}
      >
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            reschedule.mutate(undefined);
          }}
        >
          <Field
            label="New date and time"
            hint={`In your time zone (${browserTimeZone()}).`}
            error={reschedule.isError ? messageOf(reschedule.error) : null}
          >
            {(p) => (
              <Input
                {...p}
                type="datetime-local"
                required
                value={when}
                onChange={(e) => setWhen(e.target.value)}
              />
            )}
          </Field>
          <Field label="Length">
            {(p) => (
              <Select {...p} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
                {[...new Set([...durations, d.meeting.durationMinutes])]
                  .sort((x, y) => x - y)
                  .map((n) => (
                    <option key={n} value={n}>
                      {n} minutes
                    </option>
                  ))}
              </Select>
            )}
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Keep the time
            </Button>
            <Button type="submit" busy={reschedule.isPending} disabled={!when}>
              Move the meeting
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
