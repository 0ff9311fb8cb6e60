import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { ConcernTopic } from "../../../modules/concerns/concerns.types";
import { ApiError, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  cx,
  EmptyState,
  Field,
  Loading,
  PageHeader,
  Select,
  TextArea,
  TextField,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { PersonPicker, type PickedPerson } from "../people/PersonPicker";
import { usePlanList } from "../plans/planApi";
import {
  concernsApi,
  type InboxStatus,
  useConcernWrite,
  useInbox,
  useMyConcerns,
  useReaders,
} from "./concernsApi";
import { concernTopicLabels, concernTopics, statusLabel, statusTone } from "./labels";
import type { ConcernSummary } from "./types";

/**
 * The confidential channel. Everyone can talk to HR in confidence here; HR in scope also find the
 * inbox of concerns raised with them.
 */
export function ConcernsPage(_props: Record<string, never>) {
  const me = useSignedIn();
  const [params] = useSearchParams();
  const isHr = Boolean(me.abilities["concern.view_inbox"]);
  if (!isHr) return <TalkToHr />;
  const mine = params.get("view") === "mine";
  return (
    <>
      <PageHeader
        title="Concerns"
        description="Concerns raised with HR in confidence by people in your scope. You never see one that is about you or comes from someone you manage, directly or further down."
      />
      <nav aria-label="Concerns" className="mb-6 border-b border-stone-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {[
            { to: "/concerns", label: "Inbox", active: !mine },
            { to: "/concerns?view=mine", label: "Talk to HR yourself", active: mine },
          ].map((t) => (
            <li key={t.to}>
              <Link
                to={t.to}
                aria-current={t.active ? "page" : undefined}
                className={cx(
                  "inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium",
                  t.active
                    ? "border-teal-700 text-teal-800"
                    : "border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900",
                )}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {mine ? <TalkToHr embedded /> : <Inbox />}
    </>
  );
}

// ---------- HR's inbox ----------

const filters: { value: InboxStatus; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "closed", label: "Closed" },
  { value: "all", label: "All" },
];

function Inbox() {
  useDocumentTitle("Concerns");
  const [params, setParams] = useSearchParams();
  const status = (filters.find((f) => f.value === params.get("status"))?.value ??
    "open") as InboxStatus;
  const inbox = useInbox(status);
  return (
    <div className="space-y-4">
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="sr-only">Show</legend>
        {filters.map((f) => (
          <Button
            key={f.value}
            size="sm"
            variant={f.value === status ? "primary" : "secondary"}
            aria-pressed={f.value === status}
            onClick={() => setParams(f.value === "open" ? {} : { status: f.value })}
          >
            {f.label}
          </Button>
        ))}
        {inbox.data ? (
          <span className="ml-2 text-sm text-stone-600" aria-live="polite">
            {inbox.data.items.length} {inbox.data.items.length === 1 ? "concern" : "concerns"}
            {inbox.data.unread ? `, ${inbox.data.unread} with new messages` : ""}
          </span>
        ) : null}
      </fieldset>
      {inbox.isPending ? (
        <Loading />
      ) : inbox.isError ? (
        <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.data.items.length === 0 ? (
        <EmptyState
          title={
            status === "closed"
              ? "No closed concerns."
              : status === "open"
                ? "No open concerns."
                : "No concerns yet."
          }
        >
          When someone in your scope raises a concern, you are told in Headway and by email, and it
          appears here. The email never says who raised it or what it is about.
        </EmptyState>
      ) : (
        <ConcernList items={inbox.data.items} showEmployee label="Concerns in your inbox" />
      )}
    </div>
  );
}

function ConcernList({
  items,
  showEmployee,
  label,
}: {
  items: ConcernSummary[];
  showEmployee: boolean;
  label: string;
}) {
  return (
    <Card padded={false}>
      <ul className="divide-y divide-stone-100" aria-label={label}>
        {items.map((c) => (
          <li key={c.id} className="px-4 py-3 sm:px-5">
            <div className="flex flex-wrap items-center gap-2">
              <Link
                to={`/concerns/${c.id}`}
                className={cx(
                  "text-teal-800 underline-offset-2 hover:underline",
                  c.unread ? "font-semibold" : "font-medium",
                )}
              >
                {c.subject}
              </Link>
              <Badge tone={statusTone[c.status]}>{statusLabel[c.status]}</Badge>
              {c.unread ? (
                <Badge tone="warning">
                  {c.unread} new
                  <span className="sr-only"> {c.unread === 1 ? "message" : "messages"}</span>
                </Badge>
              ) : null}
            </div>
            <p className="mt-1 text-sm text-stone-600">
              {showEmployee ? `From ${c.employee.name} · ` : ""}
              {c.topicLabel}
              {c.about ? ` · about ${c.about.name}` : ""} · raised {formatDate(c.createdAt)} · last
              message {formatDateTime(c.lastMessageAt)}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

// ---------- the employee's side ----------

function TalkToHr({ embedded = false }: { embedded?: boolean }) {
  useDocumentTitle("Talk to HR in confidence");
  const mine = useMyConcerns();
  return (
    <>
      {embedded ? null : (
        <PageHeader
          title="Talk to HR in confidence"
          description="Raise a concern about your manager, a success plan, a colleague, your wellbeing or anything else. HR answers you here."
        />
      )}
      <div className="space-y-6">
        {mine.isError ? (
          <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
        ) : mine.data?.items.length ? (
          <section aria-labelledby="your-concerns">
            <h2 id="your-concerns" className="mb-2 text-base font-semibold text-stone-900">
              Your concerns
            </h2>
            <ConcernList items={mine.data.items} showEmployee={false} label="Your concerns" />
          </section>
        ) : null}
        <RaiseConcern />
      </div>
    </>
  );
}

type Errors = Partial<Record<"topic" | "subject" | "message" | "aboutPersonId" | "planId", string>>;

function RaiseConcern() {
  const me = useSignedIn();
  const navigate = useNavigate();
  const [topic, setTopic] = useState<ConcernTopic>("manager");
  const [about, setAbout] = useState<PickedPerson | null>(null);
  const [planId, setPlanId] = useState("");
  const [subject, setSubject] = useState("");
  const [message, setMessage] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const readers = useReaders(about?.id ?? null);
  const plans = usePlanList({ scope: "mine" });
  const ownPlans = plans.data?.items ?? [];
  const raise = useConcernWrite(concernsApi.raise, (c) => navigate(`/concerns/${c.id}`));
  const nobody = readers.data ? readers.data.readers.length === 0 : false;

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Errors = {};
    if (!subject.trim()) next.subject = "Give your concern a short subject.";
    if (!message.trim()) next.message = "Write what you want HR to know.";
    setErrors(next);
    if (Object.keys(next).length) return;
    raise.mutate(
      {
        topic,
        subject: subject.trim(),
        message: message.trim(),
        ...(about ? { aboutPersonId: about.id } : {}),
        ...(topic === "plan" && planId ? { planId } : {}),
      },
      {
        onError: (err) => {
          if (err instanceof ApiError) setErrors(err.fieldErrors());
        },
      },
    );
  }

  const serverError =
    raise.isError && !(raise.error instanceof ApiError && raise.error.code === "validation.failed")
      ? messageOf(raise.error)
      : null;

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Card
        title="Raise a concern"
        description="Only HR reads it. Write it in your own words; you can add more later."
        className="lg:col-span-2"
      >
        <form aria-label="Raise a concern" className="space-y-5" noValidate onSubmit={submit}>
          <Field label="What is it about?" error={errors.topic}>
            {(p) => (
              <Select
                {...p}
                value={topic}
                onChange={(e) => setTopic(e.target.value as ConcernTopic)}
              >
                {concernTopics.map((t) => (
                  <option key={t} value={t}>
                    {concernTopicLabels[t]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="space-y-1.5">
            <PersonPicker
              legend="Who is it about? (optional)"
              value={about}
              onChange={setAbout}
              excludeIds={[me.person.id]}
              error={errors.aboutPersonId}
              emptyText="No one named. Your manager never sees your concern either way."
              searchLabel="Find the person it is about"
              chooseSuffix=" as the person it is about"
            />
            <p className="text-sm text-stone-600">
              They never see your concern. If they work in HR, they are left out of the people who
              read it.
            </p>
          </div>
          {topic === "plan" && ownPlans.length ? (
            <Field label="Which success plan?" optional error={errors.planId}>
              {(p) => (
                <Select {...p} value={planId} onChange={(e) => setPlanId(e.target.value)}>
                  <option value="">Not one in particular</option>
                  {ownPlans.map((plan) => (
                    <option key={plan.id} value={plan.id}>
                      Your plan from {formatDate(plan.startDate)} to {formatDate(plan.endDate)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          <TextField
            label="Subject"
            hint="A few words HR see in their inbox."
            maxLength={200}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            error={errors.subject}
          />
          <Field
            label="Your message"
            hint="What happened, when, and what you would like to happen. Dates and examples help."
            error={errors.message}
          >
            {(p) => (
              <TextArea
                {...p}
                rows={8}
                maxLength={10000}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            )}
          </Field>
          {serverError ? <Alert tone="error">{serverError}</Alert> : null}
          {nobody ? (
            <Alert tone="warning" title="Nobody in HR can read this yet">
              {readers.data?.message}
            </Alert>
          ) : null}
          <Button type="submit" busy={raise.isPending} disabled={nobody}>
            Send to HR in confidence
          </Button>
        </form>
      </Card>
      <WhoReads about={about} readers={readers} />
    </div>
  );
}

function WhoReads({
  about,
  readers,
}: {
  about: PickedPerson | null;
  readers: ReturnType<typeof useReaders>;
}) {
  return (
    <Card title="Who reads it" level={2}>
      <div className="space-y-4 text-sm text-stone-700">
        <div>
          <h3 className="font-medium text-stone-900">Who can read this</h3>
          {readers.isPending ? (
            <Loading />
          ) : readers.isError ? (
            <p className="text-red-700">{messageOf(readers.error)}</p>
          ) : readers.data.readers.length ? (
            <>
              <ul className="mt-1 space-y-1" aria-label="Who can read this">
                {readers.data.readers.map((r) => (
                  <li key={r.id}>
                    <span className="font-medium text-stone-900">{r.name}</span>
                    {r.title ? <span className="text-stone-600">, {r.title}</span> : null}
                  </li>
                ))}
              </ul>
              <p className="mt-1 text-stone-600">…and you.</p>
            </>
          ) : (
            <p className="mt-1 font-medium text-amber-900">
              Nobody in HR can read it yet, so it cannot be sent.
            </p>
          )}
        </div>
        <div>
          <h3 className="font-medium text-stone-900">Who never does</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {about ? <li>{about.name}, the person it is about</li> : null}
            <li>Your manager, and anyone above them</li>
            <li>Your colleagues, and admins of Headway</li>
          </ul>
        </div>
        <p className="text-stone-600">
          Notifications and emails say only that there is a message: never the subject, a name or
          what you wrote. It is stored encrypted.
        </p>
      </div>
    </Card>
  );
}
