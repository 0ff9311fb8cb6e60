import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { api } from "../../api";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { Outbox, OutboxMessage } from "../../types";
import { Alert, Badge, Button, EmptyState, LinkButton, Loading, PageHeader } from "../../ui";
import { NotAvailable } from "../layout/NotFoundPage";
import { useSignedIn } from "../layout/session";

export function OutboxPage() {
  useDocumentTitle("Outbox");
  const me = useSignedIn();
  if (!me.abilities["mail.view_outbox"]) return <NotAvailable title="Outbox" />;
  return <OutboxList />;
}

function OutboxList() {
  const outbox = useQuery({
    queryKey: ["outbox"],
    queryFn: () => api.get<Outbox>("/mail/outbox", { limit: 200 }),
  });
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email Headway has sent or is holding, newest first."
        actions={
          <Button
            variant="secondary"
            size="sm"
            busy={outbox.isFetching && !outbox.isPending}
            busyLabel="Refreshing…"
            onClick={() => void outbox.refetch()}
          >
            Refresh
          </Button>
        }
      />
      {outbox.isPending ? (
        <Loading />
      ) : outbox.isError ? (
        <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : (
        <>
          {outbox.data.transport === "outbox" ? (
            <Alert tone="info" className="mb-5" title="Emails are held here">
              No mail server is set up, so Headway keeps its emails in this outbox instead of
              sending them. Pass the links on to people yourself, or configure SMTP to send them.
            </Alert>
          ) : null}
          {outbox.data.items.length === 0 ? (
            <EmptyState
              title="No emails yet."
              action={<LinkButton to="/settings">Invite people</LinkButton>}
            >
              Invitations and password reset links will appear here.
            </EmptyState>
          ) : (
            <ul className="space-y-2" aria-label="Emails, newest first">
              {outbox.data.items.map((m) => (
                <li key={m.id}>
                  <Message message={m} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

function status(m: OutboxMessage) {
  if (m.error) return <Badge tone="danger">Not sent</Badge>;
  if (m.sentAt) return <Badge tone="success">Sent</Badge>;
  if (m.transport === "outbox") return <Badge tone="neutral">Held</Badge>;
  return <Badge tone="warning">Waiting</Badge>;
}

function Message({ message: m }: { message: OutboxMessage }) {
  return (
    <details className="group rounded-lg border border-stone-200 bg-white shadow-sm open:ring-1 open:ring-teal-700/20">
      <summary className="flex list-none items-start gap-3 rounded-lg px-4 py-3 [&::-webkit-details-marker]:hidden">
        <svg
          viewBox="0 0 20 20"
          aria-hidden="true"
          className="mt-1 size-4 shrink-0 text-stone-500 transition-transform group-open:rotate-90"
        >
          <path d="M7 4l6 6-6 6" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
        <span className="flex min-w-0 flex-1 flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <span className="min-w-0 flex-1 basis-64">
            <span className="block font-medium text-stone-900">{m.subject}</span>
            <span className="block text-sm [overflow-wrap:anywhere] text-stone-600">To {m.to}</span>
          </span>
          <span className="flex items-center gap-2 text-sm text-stone-600">
            {status(m)}
            <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
          </span>
        </span>
      </summary>
      <div className="border-t border-stone-100 px-4 py-3">
        {m.error ? (
          <Alert tone="error" className="mb-3">
            Sending failed: {m.error}
          </Alert>
        ) : null}
        <div className="text-sm leading-relaxed break-words whitespace-pre-wrap text-stone-800">
          {linkify(m.text)}
        </div>
      </div>
    </details>
  );
}

/** Makes the web links in a plain-text email clickable. */
export function linkify(text: string): ReactNode[] {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  return parts.map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
        key={i}
        href={part}
        className="font-medium break-all text-teal-800 underline underline-offset-2"
      >
        {part}
      </a>
    ) : (
      part
    ),
  );
}
