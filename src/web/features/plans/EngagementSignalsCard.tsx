import { Link } from "react-router";
import { formatDate } from "../../lib/format";
import { QueryError } from "../../lib/QueryError";
import { Badge, Card, Loading } from "../../ui";
import { useEngagementSignals } from "./engagementApi";

/**
 * HR's home card: running plans in their scope with engagement signals, oldest first, and whether
 * the manager has talked with the person about each. A prompt to check in, never a ranking.
 */
export function EngagementSignalsCard() {
  const list = useEngagementSignals();
  const items = list.data?.items ?? [];
  return (
    <Card
      title="Plans with engagement signals"
      description="Signals prompt the manager to talk with the person first. See that it happened, and offer help."
    >
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-stone-600">
          No running plan in your scope has an engagement signal. Signals appear when a plan is not
          acknowledged within 5 working days, check-ins are missed, no action items are added, or
          support is not taken up.
        </p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {items.map((item) => (
            <li key={item.plan.id} className="py-2 first:pt-0 last:pb-0">
              <p className="text-sm">
                <Link
                  to={`/plans/${item.plan.id}#talk-first`}
                  className="font-medium text-teal-800 underline underline-offset-2"
                >
                  {item.employee.name}
                </Link>{" "}
                <span className="text-stone-600">
                  · {item.employee.department} · managed by {item.manager.name} · since{" "}
                  {formatDate(item.since)}
                </span>
              </p>
              <p className="mt-1 flex flex-wrap gap-1">
                {item.signals.map((s) => (
                  <Badge key={s.code} tone={s.talkedOn ? "neutral" : "warning"}>
                    {s.title}
                    {s.talkedOn ? ` · talked ${formatDate(s.talkedOn)}` : ""}
                  </Badge>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
