import { useEffect, useId, useRef, useState } from "react";
import { Link, useLocation } from "react-router";
import { Button, cx } from "../../ui";
import { NotificationRow } from "./NotificationsPage";
import { useMarkRead, useNotifications } from "./notificationsApi";

/** The bell: unread count, and the latest few in a panel that Escape or a click outside closes. */
export function NotificationBell() {
  const list = useNotifications(8, true);
  const mark = useMarkRead();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const unread = list.data?.unread ?? 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: closes on each change of page
  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const label = unread ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <div ref={ref} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="relative inline-flex size-9 items-center justify-center rounded-md text-stone-700 hover:bg-stone-100"
      >
        <svg
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          aria-hidden="true"
        >
          <path
            d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
        </svg>
        {unread ? (
          <span
            aria-hidden="true"
            className="absolute -top-0.5 -right-0.5 inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-xs font-semibold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      <span className="sr-only" aria-live="polite">
        {unread ? `${unread} unread notifications` : ""}
      </span>
      {open ? (
        <div
          id={panelId}
          className={cx(
            "absolute right-0 z-40 mt-2 w-[min(24rem,calc(100vw-2rem))] rounded-lg border border-stone-200 bg-white shadow-lg",
          )}
        >
          <div className="flex items-center justify-between gap-2 border-b border-stone-100 px-4 py-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {unread ? (
              <Button
                size="sm"
                variant="ghost"
                busy={mark.isPending}
                onClick={() => mark.mutate({ all: true })}
              >
                Mark all as read
              </Button>
            ) : null}
          </div>
          {list.data?.items.length ? (
            <ul className="max-h-96 divide-y divide-stone-100 overflow-y-auto">
              {list.data.items.map((n) => (
                <li key={n.id}>
                  <NotificationRow
                    n={n}
                    onRead={() => mark.mutate({ ids: [n.id] })}
                    onOpen={() => setOpen(false)}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p className="px-4 py-6 text-sm text-stone-600">Nothing new. You are all caught up.</p>
          )}
          <div className="border-t border-stone-100 px-4 py-2 text-sm">
            <Link to="/notifications" className="text-teal-800 underline underline-offset-2">
              See all notifications
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
