import { Link } from "react-router";
import { messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { Alert, Badge, type BadgeTone, Card, LinkButton } from "../../ui";
import { useSignedIn } from "../layout/session";
import { firstName } from "./bits";
import { isNotFound, useDiscussions } from "./growthApi";
import type { Discussion } from "./types";

// Documented performance discussions on a person's page: for their manager and HR, the list and a
// way to document one; for the employee, the ones shared with them.

export function discussionStatus(
  d: Discussion,
  isEmployee: boolean,
): { label: string; tone: BadgeTone } {
  if (d.status === "draft") return { label: "Draft, not shared", tone: "neutral" };
  if (d.status === "shared")
    return isEmployee
      ? { label: "Please acknowledge receipt", tone: "warning" }
      : { label: "Shared, not yet acknowledged", tone: "accent" };
  return { label: "Acknowledged", tone: "success" };
}

export function DiscussionsCard({ personId, name }: { personId: string; name: string }) {
  const list = useDiscussions(personId);
  const me = useSignedIn();
  const isSelf = me.person.id === personId;
  const first = firstName(name);
  if (list.isPending || (list.isError && isNotFound(list.error))) return null;
  if (list.isError)
    return (
      <Card title="Documented discussions">
        <Alert tone="error" title="The documented discussions could not be loaded.">
          {messageOf(list.error)}
        </Alert>
      </Card>
    );
  const { items, abilities } = list.data;
  if (items.length === 0 && !abilities.create) return null;
  return (
    <Card
      title="Documented discussions"
      description={
        isSelf
          ? "Discussions your manager wrote down and shared with you. Acknowledging confirms you received one, not that you agree; you can always answer in your own words."
          : `The step before any plan, and the right tool for behaviour: what happened, its impact, what is expected. ${first} sees one once it is shared, and answers in their own words.`
      }
      actions={
        abilities.create ? (
          <LinkButton to={`/people/${personId}/discussions/new`} size="sm">
            Document a discussion
          </LinkButton>
        ) : undefined
      }
    >
      {items.length === 0 ? (
        <p className="text-sm text-stone-600">
          None documented. Raise an issue in a 1:1 or with written feedback first; document the
          discussion when you have talked it through with {first}.
        </p>
      ) : (
        <ul className="divide-y divide-stone-100" aria-label="Documented discussions">
          {items.map((d) => {
            const status = discussionStatus(d, isSelf);
            return (
              <li key={d.id} className="py-3 first:pt-0 last:pb-0">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                  <Link
                    to={`/discussions/${d.id}`}
                    className="font-medium text-teal-800 underline-offset-2 hover:underline"
                  >
                    Discussion on {formatDate(d.occurredOn)}
                  </Link>
                  <Badge tone={status.tone}>{status.label}</Badge>
                </div>
                <p className="mt-1 line-clamp-2 text-sm text-stone-700">{d.whatHappened}</p>
                {d.followUpOn ? (
                  <p className="mt-1 text-xs text-stone-500">
                    Follow-up {formatDate(d.followUpOn)}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
