import { useState } from "react";
import { Link, NavLink, useLocation } from "react-router";
import { messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  cx,
  EmptyState,
  LinkButton,
  Loading,
  PageHeader,
} from "../../ui";
import { feedbackApi, useFeedbackWrite, useGiven, useReceived, useRequests } from "./feedbackApi";
import {
  kindLabel,
  kindTone,
  requestStatusLabel,
  requestStatusTone,
  visibilityLabel,
  visibilityTone,
} from "./labels";
import type { FeedbackItem, FeedbackRequest } from "./types";

type Tab = "received" | "given" | "requests";

const tabs: { tab: Tab; to: string; label: string }[] = [
  { tab: "received", to: "/feedback", label: "Received" },
  { tab: "given", to: "/feedback/given", label: "Given" },
  { tab: "requests", to: "/feedback/requests", label: "Requests" },
];

/** Feedback: what you received, what you gave (drafts too), and requests both ways. */
export function FeedbackPage() {
  const { pathname } = useLocation();
  const tab: Tab = pathname.startsWith("/feedback/given")
    ? "given"
    : pathname.startsWith("/feedback/requests")
      ? "requests"
      : "received";
  useDocumentTitle(`Feedback: ${tabs.find((t) => t.tab === tab)!.label.toLowerCase()}`);
  const requests = useRequests();
  const waiting = requests.data?.incoming.filter((r) => r.status === "open").length ?? 0;

  return (
    <>
      <PageHeader
        title="Feedback"
        description="Written feedback names the situation, the behaviour and its impact, so it can be acted on. Anyone can give it, and anyone can ask for it."
        actions={
          <>
            <LinkButton to="/feedback/ask">Request feedback</LinkButton>
            <LinkButton variant="primary" to="/feedback/give">
              Give feedback
            </LinkButton>
          </>
        }
      />
      <nav aria-label="Feedback" className="mb-6 border-b border-stone-200">
        <ul className="-mb-px flex flex-wrap gap-1">
          {tabs.map((t) => (
            <li key={t.tab}>
              <NavLink
                to={t.to}
                end
                className={({ isActive }) =>
                  cx(
                    "inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium",
                    isActive
                      ? "border-teal-700 text-teal-800"
                      : "border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900",
                  )
                }
              >
                {t.label}
                {t.tab === "requests" && waiting ? (
                  <Badge tone="warning">
                    {waiting}
                    <span className="sr-only"> waiting for you</span>
                  </Badge>
                ) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {tab === "received" ? <ReceivedTab /> : null}
      {tab === "given" ? <GivenTab /> : null}
      {tab === "requests" ? <RequestsTab query={requests} /> : null}
    </>
  );
}

function excerpt(text: string, max = 180) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function FeedbackList({
  items,
  label,
  given,
}: {
  items: FeedbackItem[];
  label: string;
  given: boolean;
}) {
  return (
    <Card padded={false}>
      <ul className="divide-y divide-stone-100" aria-label={label}>
        {items.map((f) => (
          <li key={f.id} className="px-4 py-4 sm:px-5">
            <div className="flex flex-wrap items-center gap-2">
              <Link
                to={`/feedback/${f.id}`}
                className="font-medium text-teal-800 underline-offset-2 hover:underline"
              >
                {given
                  ? `${f.visibility === "draft" ? "Draft for" : "To"} ${f.recipient.name}`
                  : `From ${f.giver.name}`}
              </Link>
              <Badge tone={kindTone[f.kind]}>{kindLabel[f.kind]}</Badge>
              {given && f.visibility !== "shared" ? (
                <Badge tone={visibilityTone[f.visibility]}>{visibilityLabel[f.visibility]}</Badge>
              ) : null}
              <span className="ml-auto text-sm text-stone-600">
                {formatDate(f.sharedAt ?? f.updatedAt)}
              </span>
            </div>
            <p className="mt-1 text-sm text-stone-800">{excerpt(f.behaviour)}</p>
            {f.replyCount ? (
              <p className="mt-1 text-sm text-stone-600">
                {f.replyCount} {f.replyCount === 1 ? "reply" : "replies"}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ReceivedTab() {
  const received = useReceived();
  if (received.isPending) return <Loading />;
  if (received.isError)
    return <QueryError error={received.error} onRetry={() => void received.refetch()} />;
  const items = received.data.items.filter((f) => f.giver.id !== received.data.person.id);
  if (!items.length)
    return (
      <EmptyState
        title="No feedback for you yet."
        action={<LinkButton to="/feedback/ask">Request feedback</LinkButton>}
      >
        Feedback shared with you appears here, and you can reply to it. Asking a colleague or your
        manager is the quickest way to get some.
      </EmptyState>
    );
  return <FeedbackList items={items} label="Feedback you received" given={false} />;
}

function GivenTab() {
  const given = useGiven();
  if (given.isPending) return <Loading />;
  if (given.isError) return <QueryError error={given.error} onRetry={() => void given.refetch()} />;
  if (!given.data.items.length)
    return (
      <EmptyState
        title="You have not given feedback yet."
        action={
          <LinkButton variant="primary" to="/feedback/give">
            Give feedback
          </LinkButton>
        }
      >
        Recognition for something that worked is as useful as a suggestion for something to change.
        Drafts you save appear here too.
      </EmptyState>
    );
  const drafts = given.data.items.filter((f) => f.visibility === "draft");
  const sent = given.data.items.filter((f) => f.visibility !== "draft");
  return (
    <div className="space-y-6">
      {drafts.length ? (
        <section aria-labelledby="drafts-title" className="space-y-2">
          <h2 id="drafts-title" className="text-base font-semibold text-stone-900">
            Drafts
          </h2>
          <FeedbackList items={drafts} label="Your drafts" given />
        </section>
      ) : null}
      {sent.length ? (
        <section aria-labelledby="sent-title" className="space-y-2">
          <h2 id="sent-title" className="text-base font-semibold text-stone-900">
            Sent
          </h2>
          <FeedbackList items={sent} label="Feedback you gave" given />
        </section>
      ) : null}
    </div>
  );
}

function RequestsTab({ query }: { query: ReturnType<typeof useRequests> }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { incoming, outgoing } = query.data;
  return (
    <div className="space-y-6">
      <Card
        title="Asked of you"
        description="Answer with feedback, or decline: the person who asked is told either way."
        padded={false}
      >
        {incoming.length === 0 ? (
          <p className="px-4 py-4 text-sm text-stone-600 sm:px-5">
            No one is waiting for feedback from you.
          </p>
        ) : (
          <ul className="divide-y divide-stone-100" aria-label="Requests asked of you">
            {incoming.map((r) => (
              <IncomingRequest key={r.id} request={r} />
            ))}
          </ul>
        )}
      </Card>
      <Card
        title="Your requests"
        padded={false}
        actions={
          <LinkButton size="sm" to="/feedback/ask">
            Request feedback
          </LinkButton>
        }
      >
        {outgoing.length === 0 ? (
          <p className="px-4 py-4 text-sm text-stone-600 sm:px-5">
            You have not asked anyone for feedback yet.
          </p>
        ) : (
          <ul className="divide-y divide-stone-100" aria-label="Your requests">
            {outgoing.map((r) => (
              <li key={r.id} className="flex flex-wrap items-start gap-3 px-4 py-3 sm:px-5">
                <div className="min-w-0 flex-1 text-sm">
                  <p className="font-medium text-stone-900">
                    Asked {r.asked.name}
                    {r.about.id !== r.requester.id ? ` about ${r.about.name}` : ""}
                  </p>
                  {r.prompt ? <p className="mt-0.5 text-stone-700">“{r.prompt}”</p> : null}
                  <p className="mt-0.5 text-stone-600">
                    {formatDate(r.createdAt)}
                    {r.answeredAt ? ` · ${r.status} ${formatDate(r.answeredAt)}` : ""}
                  </p>
                </div>
                <Badge tone={requestStatusTone[r.status]}>{requestStatusLabel[r.status]}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function IncomingRequest({ request: r }: { request: FeedbackRequest }) {
  const [confirming, setConfirming] = useState(false);
  const decline = useFeedbackWrite(() => feedbackApi.decline(r.id));
  const aboutSelf = r.about.id === r.requester.id;
  return (
    <li className="px-4 py-3 sm:px-5">
      <p className="text-sm font-medium text-stone-900">
        {r.requester.name} asks for feedback{" "}
        {aboutSelf ? "about themselves" : `about ${r.about.name}`}
      </p>
      {r.prompt ? <p className="mt-0.5 text-sm text-stone-700">“{r.prompt}”</p> : null}
      <p className="mt-0.5 text-sm text-stone-600">Asked {formatDate(r.createdAt)}</p>
      {confirming ? (
        <div className="mt-2 rounded-md border border-stone-200 bg-stone-50 p-3 text-sm">
          <p>Decline this request? {r.requester.name} is told you declined.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button
              size="sm"
              variant="danger"
              busy={decline.isPending}
              onClick={() => decline.mutate(undefined)}
            >
              Decline
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        </div>
      ) : (
        <div className="mt-2 flex flex-wrap gap-2">
          <LinkButton size="sm" variant="primary" to={`/feedback/give?request=${r.id}`}>
            Give feedback
          </LinkButton>
          <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
            Decline
          </Button>
        </div>
      )}
      {decline.isError ? (
        <Alert tone="error" className="mt-2">
          {messageOf(decline.error)}
        </Alert>
      ) : null}
    </li>
  );
}
