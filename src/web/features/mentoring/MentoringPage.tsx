import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { ApiError, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  type BadgeTone,
  Button,
  Card,
  Dialog,
  Field,
  Input,
  Loading,
  PageHeader,
  TextArea,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { MentorDirectory } from "./MentorDirectory";
import { MentorProfileForm } from "./MentorProfileForm";
import {
  mentoringApi,
  useMentoringWrite,
  useMentorship,
  useMentorships,
  useMyMentorProfile,
} from "./mentoringApi";
import type { MentorshipStatus, MentorshipSummary } from "./types";

// Mentoring, for everyone: requests to answer, the people you mentor and who mentor you (with a
// brief session log only the two of you read), requests you made for others, and your own
// mentor profile. L&D and admins also keep the mentor directory here.

export const statusLabel: Record<MentorshipStatus, string> = {
  requested: "Waiting for an answer",
  active: "Running",
  declined: "Declined",
  ended: "Ended",
  withdrawn: "Withdrawn",
};
export const statusTone: Record<MentorshipStatus, BadgeTone> = {
  requested: "warning",
  active: "success",
  declined: "neutral",
  ended: "neutral",
  withdrawn: "neutral",
};

const isOpen = (m: MentorshipSummary) => m.status === "requested" || m.status === "active";

export function MentoringPage() {
  useDocumentTitle("Mentoring");
  const list = useMentorships();
  return (
    <>
      <PageHeader
        title="Mentoring"
        description="A mentor is a colleague outside your reporting line who helps you grow a skill. Sessions are logged briefly, and only the mentor and the mentee read them."
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <div className="space-y-6">
          <Requests items={list.data.asMentor.filter((m) => m.status === "requested")} />
          <Relationships
            title="Your mentees"
            emptyTitle="You are not mentoring anyone yet."
            emptyText="When someone asks you and you accept, they appear here. Keep your mentor profile below up to date so the right people find you."
            items={list.data.asMentor.filter((m) => m.status === "active")}
            ended={list.data.asMentor.filter((m) => !isOpen(m))}
            other="mentee"
          />
          <Relationships
            title="Your mentors"
            emptyTitle="You have no mentor yet."
            emptyText="Find one in the directory below by the skill you want to grow, and ask them. Your manager can also find one with you."
            items={list.data.asMentee.filter(isOpen)}
            ended={list.data.asMentee.filter((m) => !isOpen(m))}
            other="mentor"
          />
          {list.data.asked.length ? <Asked items={list.data.asked} /> : null}
          <MyProfile />
          <Card>
            <MentorDirectory />
          </Card>
        </div>
      )}
    </>
  );
}

// ---------- requests for you ----------

function Requests({ items }: { items: MentorshipSummary[] }) {
  const [declining, setDeclining] = useState<MentorshipSummary | null>(null);
  const accept = useMentoringWrite(mentoringApi.accept);
  if (items.length === 0) return null;
  return (
    <Card
      title="Requests for you"
      description="Someone would like you as their mentor. Accept if you have the time; declining is fine, and the person who asked will look for someone else."
    >
      <ul className="divide-y divide-stone-100">
        {items.map((m) => (
          <li key={m.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium text-stone-900">
                {m.mentee.name}: {m.topic}
              </p>
              <p className="text-sm text-stone-600">
                {m.requestedBy.id === m.mentee.id
                  ? `Asked by ${m.mentee.name}`
                  : `Asked by ${m.requestedBy.name} for ${m.mentee.name}`}{" "}
                on {formatDate(m.createdAt)}
              </p>
              {m.message ? (
                <p className="mt-1 whitespace-pre-line text-sm text-stone-700">{m.message}</p>
              ) : null}
            </div>
            <div className="flex gap-2">
              <Button
                size="sm"
                busy={accept.isPending && accept.variables === m.id}
                onClick={() => accept.mutate(m.id)}
              >
                Accept<span className="sr-only"> mentoring {m.mentee.name}</span>
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setDeclining(m)}>
                Decline<span className="sr-only"> mentoring {m.mentee.name}</span>
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {accept.isError ? (
        <Alert tone="error" title="Not accepted.">
          {messageOf(accept.error)}
        </Alert>
      ) : null}
      <Dialog
        open={declining !== null}
        onClose={() => setDeclining(null)}
        title={declining ? `Decline mentoring ${declining.mentee.name}` : "Decline"}
        description="The person who asked is told, with your reason if you give one, and asked to choose another mentor."
      >
        {declining ? <DeclineForm item={declining} onDone={() => setDeclining(null)} /> : null}
      </Dialog>
    </Card>
  );
}

function DeclineForm({ item, onDone }: { item: MentorshipSummary; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const decline = useMentoringWrite((r: string) => mentoringApi.decline(item.id, r));
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        decline.mutate(reason, { onSuccess: onDone });
      }}
    >
      <Field
        label="Reason"
        optional
        hint="E.g. “Away until May” or “Not my area: try someone in Data”."
      >
        {(p) => (
          <TextArea
            {...p}
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      {decline.isError ? <Alert tone="error">{messageOf(decline.error)}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" busy={decline.isPending}>
          Decline
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

// ---------- your mentees, your mentors ----------

function Relationships({
  title,
  emptyTitle,
  emptyText,
  items,
  ended,
  other,
}: {
  title: string;
  emptyTitle: string;
  emptyText: string;
  items: MentorshipSummary[];
  ended: MentorshipSummary[];
  other: "mentor" | "mentee";
}) {
  return (
    <Card title={title}>
      {items.length === 0 ? (
        <div className="rounded-md border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-stone-600">
          <p className="font-medium text-stone-900">{emptyTitle}</p>
          <p className="mx-auto mt-1 max-w-prose">{emptyText}</p>
        </div>
      ) : (
        <ul className="space-y-4">
          {items.map((m) => (
            <li key={m.id}>
              <Relationship item={m} other={other} />
            </li>
          ))}
        </ul>
      )}
      {ended.length ? (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-medium text-stone-700">
            Earlier ({ended.length})
          </summary>
          <ul className="mt-2 divide-y divide-stone-100">
            {ended.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {other === "mentor" ? m.mentor.name : m.mentee.name}: {m.topic}
                  {m.declineReason ? (
                    <span className="text-stone-600"> · “{m.declineReason}”</span>
                  ) : null}
                </span>
                <span className="flex items-center gap-2">
                  <span className="text-stone-600">
                    {m.sessionCount} {m.sessionCount === 1 ? "session" : "sessions"}
                  </span>
                  <Badge tone={statusTone[m.status]}>{statusLabel[m.status]}</Badge>
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}

function Relationship({ item, other }: { item: MentorshipSummary; other: "mentor" | "mentee" }) {
  const person = other === "mentor" ? item.mentor : item.mentee;
  const [showLog, setShowLog] = useState(false);
  const end = useMentoringWrite(mentoringApi.end);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const verb = item.status === "requested" ? "Withdraw the request" : "End the mentoring";
  return (
    <div className="rounded-md border border-stone-200 p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-stone-900">
            {person.name}
            <span className="font-normal text-stone-600">
              {" "}
              · {[person.title, person.department].filter(Boolean).join(", ")}
            </span>
          </p>
          <p className="text-sm text-stone-700">{item.topic}</p>
          <p className="text-sm text-stone-600">
            {item.status === "active"
              ? `Since ${formatDate(item.respondedAt)} · ${item.sessionCount} ${item.sessionCount === 1 ? "session" : "sessions"} logged${item.lastSessionOn ? `, last on ${formatDate(item.lastSessionOn)}` : ""}`
              : `Asked on ${formatDate(item.createdAt)}`}
          </p>
        </div>
        <Badge tone={statusTone[item.status]}>{statusLabel[item.status]}</Badge>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        {item.status === "active" ? (
          <Button
            size="sm"
            variant="secondary"
            aria-expanded={showLog}
            onClick={() => setShowLog((v) => !v)}
          >
            {showLog ? "Hide sessions" : "Sessions"}
            <span className="sr-only"> with {person.name}</span>
          </Button>
        ) : null}
        {item.abilities.end ? (
          <Button size="sm" variant="ghost" onClick={() => setConfirmEnd(true)}>
            {verb}
            <span className="sr-only"> with {person.name}</span>
          </Button>
        ) : null}
      </div>
      {showLog ? <SessionLog id={item.id} canLog={item.abilities.logSession} /> : null}
      <Dialog
        open={confirmEnd}
        onClose={() => setConfirmEnd(false)}
        title={`${verb}?`}
        description={
          item.status === "requested"
            ? `${item.mentor.name} will no longer see the request.`
            : "The session log is kept for both of you. You can ask again later."
        }
      >
        {end.isError ? <Alert tone="error">{messageOf(end.error)}</Alert> : null}
        <div className="mt-2 flex gap-2">
          <Button
            variant="danger"
            busy={end.isPending}
            onClick={() => end.mutate(item.id, { onSuccess: () => setConfirmEnd(false) })}
          >
            {verb}
          </Button>
          <Button variant="secondary" onClick={() => setConfirmEnd(false)}>
            Keep it
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function SessionLog({ id, canLog }: { id: string; canLog: boolean }) {
  const detail = useMentorship(id);
  const [heldOn, setHeldOn] = useState(today);
  const [topic, setTopic] = useState("");
  const log = useMentoringWrite((input: { heldOn: string; topic: string }) =>
    mentoringApi.logSession(id, input),
  );
  const fieldErrors = log.error instanceof ApiError ? log.error.fieldErrors() : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    log.mutate({ heldOn, topic }, { onSuccess: () => setTopic("") });
  }

  return (
    <div className="mt-4 space-y-4 border-t border-stone-100 pt-4">
      {canLog ? (
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end">
          <Field label="Held on" error={fieldErrors.heldOn}>
            {(p) => (
              <Input
                {...p}
                type="date"
                max={today()}
                value={heldOn}
                onChange={(e) => setHeldOn(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label="What you talked about" error={fieldErrors.topic}>
            {(p) => (
              <Input
                {...p}
                maxLength={500}
                value={topic}
                onChange={(e) => setTopic(e.target.value)}
                required
              />
            )}
          </Field>
          <Button type="submit" busy={log.isPending} disabled={!topic.trim() || !heldOn}>
            Log the session
          </Button>
          {log.isError && !Object.keys(fieldErrors).length ? (
            <Alert tone="error" className="sm:col-span-3">
              {messageOf(log.error)}
            </Alert>
          ) : null}
        </form>
      ) : null}
      <p className="text-xs text-stone-600">
        Only the two of you read these notes; managers and HR see how many sessions were held.
      </p>
      {detail.isPending ? (
        <Loading />
      ) : detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : !detail.data.sessions?.length ? (
        <p className="text-sm text-stone-600">
          No sessions logged yet. After you meet, note the date and a line on what you covered.
        </p>
      ) : (
        <ul className="divide-y divide-stone-100 text-sm">
          {detail.data.sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap gap-x-3 py-2">
              <span className="w-28 shrink-0 font-medium text-stone-800">
                {formatDate(s.heldOn)}
              </span>
              <span className="min-w-0 flex-1 whitespace-pre-line">{s.topic}</span>
              <span className="text-stone-500">by {s.author.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// ---------- asked by you ----------

function Asked({ items }: { items: MentorshipSummary[] }) {
  const end = useMentoringWrite(mentoringApi.end);
  return (
    <Card
      title="Asked by you"
      description="Mentors you asked for someone else. You see whether they answered and how many sessions were held, never what was discussed."
    >
      <ul className="divide-y divide-stone-100">
        {items.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0 text-sm">
              <p className="font-medium text-stone-900">
                {m.mentor.name} for{" "}
                <Link className="underline" to={`/people/${m.mentee.id}`}>
                  {m.mentee.name}
                </Link>
              </p>
              <p className="text-stone-600">
                {m.topic} · asked on {formatDate(m.createdAt)}
                {m.status === "active" || m.status === "ended"
                  ? ` · ${m.sessionCount} ${m.sessionCount === 1 ? "session" : "sessions"}`
                  : ""}
              </p>
              {m.status === "declined" ? (
                <p className="text-stone-700">
                  {m.declineReason ? `“${m.declineReason}”. ` : ""}Choose another mentor from{" "}
                  <Link className="underline" to={`/people/${m.mentee.id}`}>
                    {m.mentee.name}
                  </Link>
                  's page or the directory.
                </p>
              ) : null}
            </div>
            <div className="flex items-center gap-2">
              <Badge tone={statusTone[m.status]}>{statusLabel[m.status]}</Badge>
              {m.abilities.end && m.status === "requested" ? (
                <Button
                  size="sm"
                  variant="ghost"
                  busy={end.isPending && end.variables === m.id}
                  onClick={() => end.mutate(m.id)}
                >
                  Withdraw<span className="sr-only"> the request to {m.mentor.name}</span>
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {end.isError ? <Alert tone="error">{messageOf(end.error)}</Alert> : null}
    </Card>
  );
}

// ---------- your mentor profile ----------

function MyProfile() {
  const me = useSignedIn();
  const mine = useMyMentorProfile();
  const [open, setOpen] = useState(false);
  if (mine.isPending) return null;
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  const profile = mine.data.profile;
  return (
    <Card
      title={profile ? "Your mentor profile" : "Become a mentor"}
      description={
        profile
          ? profile.profileActive
            ? `In the directory · ${profile.freeCapacity} of ${profile.capacity} places free`
            : "Not in the directory: you are not suggested or asked."
          : "Share what you know: volunteer to mentor a colleague outside your team, an hour every few weeks."
      }
      actions={
        !open ? (
          <Button
            size="sm"
            variant={profile ? "secondary" : "primary"}
            onClick={() => setOpen(true)}
          >
            {profile ? "Edit your profile" : "Volunteer as a mentor"}
          </Button>
        ) : undefined
      }
    >
      {open ? (
        <MentorProfileForm
          personId={me.person.id}
          profile={profile}
          self
          submitLabel={profile ? "Save your profile" : "Join the directory"}
          onSaved={() => setOpen(false)}
          onCancel={() => setOpen(false)}
        />
      ) : profile ? (
        <p className="text-sm text-stone-700">
          <span className="font-medium">Skills:</span> {profile.skills.join(", ") || "none yet"}
          {profile.availability ? (
            <>
              <br />
              <span className="font-medium">Available:</span> {profile.availability}
            </>
          ) : null}
        </p>
      ) : (
        <p className="text-sm text-stone-600">
          Add your skills and how many mentees you can take. You can switch it off at any time.
        </p>
      )}
    </Card>
  );
}
