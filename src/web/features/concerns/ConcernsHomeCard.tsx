import { Link } from "react-router";
import { Card, LinkButton } from "../../ui";
import { useSignedIn } from "../layout/session";
import { useInbox, useMyConcerns } from "./concernsApi";

/**
 * On the home page: the way to HR in confidence, new replies to one's own concerns, and for HR
 * the inbox. Only ever about the signed-in person's own concerns or HR's own inbox: nobody learns
 * here that someone else raised one.
 */
export function ConcernsHomeCard() {
  const me = useSignedIn();
  const isHr = Boolean(me.abilities["concern.view_inbox"]);
  const mine = useMyConcerns();
  const inbox = useInbox("open", isHr);
  const withReplies = (mine.data?.items ?? []).filter((c) => c.unread > 0);
  return (
    <Card
      title={isHr ? "Confidential concerns" : "Talk to HR in confidence"}
      actions={
        <LinkButton to="/concerns" size="sm">
          {isHr ? "Open the inbox" : "Talk to HR"}
        </LinkButton>
      }
    >
      <div className="space-y-2 text-sm text-stone-700">
        {isHr && inbox.data ? (
          <p>
            {inbox.data.items.length === 0
              ? "No open concerns in your inbox."
              : `${inbox.data.items.length} open ${inbox.data.items.length === 1 ? "concern" : "concerns"}${inbox.data.unread ? `, ${inbox.data.unread} with new messages` : ""}.`}
          </p>
        ) : null}
        {withReplies.length ? (
          <ul className="space-y-1" aria-label="Your concerns with new replies">
            {withReplies.map((c) => (
              <li key={c.id}>
                <Link
                  to={`/concerns/${c.id}`}
                  className="font-medium text-teal-800 underline underline-offset-2"
                >
                  {c.subject}
                </Link>{" "}
                has {c.unread === 1 ? "a new reply" : `${c.unread} new replies`}.
              </li>
            ))}
          </ul>
        ) : isHr ? null : (
          <p>
            Raise a concern about your manager, a plan or anything else. Only HR reads it: never
            your manager or anyone above them.
          </p>
        )}
      </div>
    </Card>
  );
}
