import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, messageOf } from "../../api";
import { formatDateTime } from "../../lib/format";
import { Alert, Badge, Button, buttonClass, Card, Dialog, Input, Loading } from "../../ui";
import type { CalendarFeedCreated, CalendarFeedStatus } from "./types";

// Your private calendar feed: a secret URL a calendar app subscribes to, with your 1:1s and
// check-ins. The URL is shown once, when made; replacing it makes a new one and stops the old.

const feedKey = ["me", "calendar-feed"] as const;

export function CalendarFeedCard() {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: feedKey,
    queryFn: () => api.get<CalendarFeedStatus>("/me/calendar-feed"),
  });
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [confirm, setConfirm] = useState<"replace" | "revoke" | null>(null);
  const [revoked, setRevoked] = useState(false);
  const create = useMutation({
    mutationFn: () => api.post<CalendarFeedCreated>("/me/calendar-feed"),
    onSuccess: (feed) => {
      setCreated(feed);
      setConfirm(null);
      setRevoked(false);
      queryClient.setQueryData<CalendarFeedStatus>(feedKey, {
        exists: feed.exists,
        createdAt: feed.createdAt,
      });
    },
  });
  const revoke = useMutation({
    mutationFn: () => api.delete("/me/calendar-feed"),
    onSuccess: () => {
      setCreated(null);
      setConfirm(null);
      setRevoked(true);
      queryClient.setQueryData<CalendarFeedStatus>(feedKey, { exists: false, createdAt: null });
    },
  });
  const exists = Boolean(status.data?.exists);

  return (
    <Card
      title="Calendar feed"
      description="Your 1:1s and check-ins in the calendar you already use (Google Calendar, Outlook, Apple Calendar), kept up to date."
    >
      <div className="max-w-prose space-y-2 text-sm text-stone-700">
        <p>
          Headway makes a private web address for you; your calendar app subscribes to it and picks
          up changes on its own (how often depends on the app). Anyone who has the address can see
          when your 1:1s and check-ins are and with whom, though never an agenda or a note, so keep
          it to yourself. If it ever leaks, replace it: the old address stops working at once.
        </p>
      </div>
      <div className="mt-4">
        {status.isPending ? (
          <Loading />
        ) : status.isError ? (
          <Alert tone="error">{messageOf(status.error)}</Alert>
        ) : (
          <div className="flex flex-wrap items-center gap-3">
            {exists ? (
              <>
                <Badge tone="success">Active</Badge>
                <span className="text-sm text-stone-700">
                  Made {formatDateTime(status.data.createdAt)}.
                </span>
                <Button variant="secondary" onClick={() => setConfirm("replace")}>
                  Replace the address
                </Button>
                <Button variant="danger" onClick={() => setConfirm("revoke")}>
                  Turn off the feed
                </Button>
              </>
            ) : (
              <>
                <Badge>Off</Badge>
                <Button busy={create.isPending} busyLabel="Making…" onClick={() => create.mutate()}>
                  Make my calendar address
                </Button>
              </>
            )}
          </div>
        )}
      </div>
      <div aria-live="polite">
        {create.isError && !confirm ? (
          <Alert tone="error" className="mt-3">
            {messageOf(create.error)}
          </Alert>
        ) : null}
        {revoked ? (
          <Alert tone="success" className="mt-3">
            The calendar feed is off: its address no longer works. Remove the subscription from your
            calendar app too.
          </Alert>
        ) : null}
        {created ? <NewFeed feed={created} onDone={() => setCreated(null)} /> : null}
      </div>
      <Dialog
        open={confirm !== null}
        onClose={() => {
          setConfirm(null);
          create.reset();
          revoke.reset();
        }}
        title={
          confirm === "replace" ? "Replace your calendar address?" : "Turn off your calendar feed?"
        }
        description={
          confirm === "replace"
            ? "A new address is made and the old one stops working at once. Calendars subscribed to the old one stop updating: subscribe them to the new address."
            : "The address stops working at once, and calendars subscribed to it stop updating. You can make a new address later."
        }
      >
        {create.isError || revoke.isError ? (
          <Alert tone="error" className="mb-3">
            {messageOf(create.error ?? revoke.error)}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          {confirm === "replace" ? (
            <Button busy={create.isPending} busyLabel="Replacing…" onClick={() => create.mutate()}>
              Replace the address
            </Button>
          ) : (
            <Button
              variant="danger"
              busy={revoke.isPending}
              busyLabel="Turning off…"
              onClick={() => revoke.mutate()}
            >
              Turn off the feed
            </Button>
          )}
        </div>
      </Dialog>
    </Card>
  );
}

function NewFeed({ feed, onDone }: { feed: CalendarFeedCreated; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(feed.url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <Alert tone="success" className="mt-3" title="Your calendar address">
      <p>
        Copy it now: it is shown only this once. In your calendar app, choose “subscribe to a
        calendar” or “add calendar from URL”, and paste it.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <label htmlFor="calendar-feed-url" className="sr-only">
          Your calendar address
        </label>
        <Input
          id="calendar-feed-url"
          readOnly
          value={feed.url}
          className="min-w-0 flex-1 basis-64 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy()}>
          Copy
        </Button>
        <a href={feed.webcalUrl} className={buttonClass({ variant: "secondary" })}>
          Open in calendar app
        </a>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <p className="mt-1 min-h-5" aria-live="polite">
        {copied === "yes" ? "Copied to the clipboard." : null}
        {copied === "no" ? "Could not copy automatically; select the address and copy it." : null}
      </p>
    </Alert>
  );
}
