import { Link } from "react-router";
import { messageOf } from "../../api";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { AppNotification } from "../../types";
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
import { useMarkRead, useNotifications } from "./notificationsApi";

export function NotificationsPage() {
  useDocumentTitle("Notifications");
  const list = useNotifications(200);
  const mark = useMarkRead();
  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const { items, unread } = list.data;
  return (
    <>
      <PageHeader
        title="Notifications"
        description="What happened on the plans you take part in. Each is also sent by email."
        actions={
          unread ? (
            <Button
              variant="secondary"
              busy={mark.isPending}
              onClick={() => mark.mutate({ all: true })}
            >
              Mark all as read
            </Button>
          ) : null
        }
      />
      {mark.isError ? (
        <Alert tone="error" className="mb-4">
          {messageOf(mark.error)}
        </Alert>
      ) : null}
      {items.length === 0 ? (
        <EmptyState
          title="No notifications yet."
          action={<LinkButton to="/">Back to home</LinkButton>}
        >
          You will be told here when something needs you: a plan to review or acknowledge, a
          question to answer, a check-in coming up.
        </EmptyState>
      ) : (
        <Card padded={false}>
          <ul className="divide-y divide-stone-100">
            {items.map((n) => (
              <li key={n.id}>
                <NotificationRow n={n} onRead={() => mark.mutate({ ids: [n.id] })} />
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}

export function NotificationRow({
  n,
  onRead,
  onOpen,
}: {
  n: AppNotification;
  onRead: () => void;
  onOpen?: () => void;
}) {
  const unread = !n.readAt;
  return (
    <div
      className={cx(
        "flex flex-wrap items-start gap-3 px-4 py-3 sm:px-5",
        unread && "bg-teal-50/50",
      )}
    >
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2">
          {unread ? <Badge tone="accent">New</Badge> : null}
          <Link
            to={n.link}
            className="font-medium text-teal-800 underline-offset-2 hover:underline"
            onClick={() => {
              if (unread) onRead();
              onOpen?.();
            }}
          >
            {n.title}
          </Link>
        </p>
        {n.body ? <p className="mt-0.5 text-sm text-stone-700">{n.body}</p> : null}
        <p className="mt-0.5 text-xs text-stone-500">{formatDateTime(n.createdAt)}</p>
      </div>
      {unread ? (
        <Button size="sm" variant="ghost" aria-label={`Mark as read: ${n.title}`} onClick={onRead}>
          Mark as read
        </Button>
      ) : null}
    </div>
  );
}
