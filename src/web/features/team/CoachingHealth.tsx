import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { QueryError } from "../../lib/QueryError";
import { Alert, Badge, Card, EmptyState, LinkButton, Loading } from "../../ui";
import { Avatar } from "../people/PersonBits";
import type { CoachingHealth, TeamCoachingHealth } from "./types";

export const teamCoachingKey = ["team", "coaching"] as const;

const DAY = 86_400_000;

function daysAgo(iso: string, now: number): string {
  const days = Math.floor((now - new Date(iso).getTime()) / DAY);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);

/** Held and cancelled 1:1s of the last 90 days, as two bars and their numbers. */
function HeldCancelled({ held, cancelled }: { held: number; cancelled: number }) {
  const total = held + cancelled;
  return (
    <div>
      <p className="text-sm text-stone-800">
        <span className="font-semibold">{held}</span> held ·{" "}
        <span className={cancelled ? "font-semibold text-amber-800" : "font-semibold"}>
          {cancelled}
        </span>{" "}
        cancelled
      </p>
      <div
        className="mt-1 flex h-2 w-full max-w-40 overflow-hidden rounded-full bg-stone-100"
        aria-hidden="true"
      >
        {total ? (
          <>
            <span className="bg-teal-600" style={{ width: `${(held / total) * 100}%` }} />
            <span className="bg-amber-500" style={{ width: `${(cancelled / total) * 100}%` }} />
          </>
        ) : null}
      </div>
    </div>
  );
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-stone-800">{children}</dd>
    </div>
  );
}

function HealthRow({ item: h, now }: { item: CoachingHealth; now: number }) {
  // An ended series (the report reports to this manager again) is set up anew: it reopens.
  const noSeries = !h.series || h.series.status === "ended";
  const lastHeldOld = h.lastHeld ? now - new Date(h.lastHeld).getTime() > 30 * DAY : false;
  return (
    <li className="px-4 py-4 sm:px-5" aria-label={h.person.name}>
      <div className="flex flex-wrap items-center gap-3">
        <Avatar name={h.person.name} size="sm" />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              to={`/people/${h.person.id}`}
              className="font-medium text-teal-800 underline-offset-2 hover:underline"
            >
              {h.person.name}
            </Link>
            {noSeries ? <Badge tone="danger">No 1:1s</Badge> : null}
            {h.series?.status === "paused" ? <Badge tone="warning">1:1s paused</Badge> : null}
            {h.cancelledByManagerLast90 > 0 ? (
              <Badge tone="warning">{h.cancelledByManagerLast90} cancelled by you</Badge>
            ) : null}
          </p>
          <p className="truncate text-sm text-stone-600">{h.person.title || "No title yet"}</p>
        </div>
        {noSeries ? (
          <LinkButton size="sm" variant="primary" to={`/one-on-ones?with=${h.person.id}`}>
            Schedule 1:1s
          </LinkButton>
        ) : (
          <LinkButton size="sm" to={`/one-on-ones/${h.series!.id}`}>
            Open 1:1s
          </LinkButton>
        )}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 sm:pl-11 md:grid-cols-4 xl:grid-cols-7">
        {noSeries ? (
          <div className="col-span-2 md:col-span-4 xl:col-span-5">
            <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">1:1s</dt>
            <dd className="mt-0.5 text-sm text-stone-800">
              None yet. Schedule a regular 1:1 to coach {h.person.name.split(" ")[0]} week by week.
            </dd>
          </div>
        ) : (
          <>
            <Stat label="Last 1:1">
              {h.lastHeld ? (
                <span className={lastHeldOld ? "font-medium text-amber-800" : undefined}>
                  {formatDate(h.lastHeld)} ({daysAgo(h.lastHeld, now)})
                </span>
              ) : (
                "None held"
              )}
            </Stat>
            <Stat label="Next 1:1">
              {h.next && h.series ? (
                <Link
                  to={`/one-on-ones/${h.series.id}`}
                  className="text-teal-800 underline-offset-2 hover:underline"
                >
                  {formatDateTime(h.next)}
                </Link>
              ) : (
                "None scheduled"
              )}
            </Stat>
            <Stat label="1:1s, last 90 days">
              <HeldCancelled held={h.heldLast90} cancelled={h.cancelledLast90} />
            </Stat>
            <Stat label="Commitments">
              {h.openCommitments} open
              {h.overdueCommitments ? (
                <span className="font-medium text-red-700"> · {h.overdueCommitments} overdue</span>
              ) : null}
            </Stat>
            <Stat label="Follow-through">
              <span title="Commitments done on time, last 90 days">
                {percent(h.followThrough.report)}
              </span>
              <span className="block text-xs text-stone-600">
                yours: {percent(h.followThrough.manager)}
              </span>
            </Stat>
          </>
        )}
        <Stat label="Feedback, 90 days">
          {h.feedbackLast90.given} given · {h.feedbackLast90.received} received
        </Stat>
        <Stat label="Growth goals">
          {h.growth.active ? (
            <>
              {h.growth.active} active
              {h.growth.averageProgress !== null ? `, ${h.growth.averageProgress}% on average` : ""}
            </>
          ) : (
            "None active"
          )}
          {h.growth.achieved ? (
            <span className="block text-xs text-stone-600">{h.growth.achieved} achieved</span>
          ) : null}
        </Stat>
      </dl>
      {h.plan ? (
        <p className="mt-3 text-sm sm:pl-11">
          <Link
            to={`/plans/${h.plan.id}`}
            className="font-medium text-teal-800 underline-offset-2 hover:underline"
          >
            Success plan: {h.plan.statusLabel}
          </Link>
        </p>
      ) : null}
    </li>
  );
}

/**
 * The coaching health of each direct report, in the server's order: the relationships that need
 * attention come first. Counts and dates only, never a note.
 */
export function CoachingHealthCard() {
  const health = useQuery({
    queryKey: teamCoachingKey,
    queryFn: () => api.get<TeamCoachingHealth>("/team/coaching"),
  });
  if (health.isPending) return <Loading label="Loading coaching health…" />;
  if (health.isError)
    return (
      <QueryError
        title="Coaching health could not be loaded."
        error={health.error}
        onRetry={() => void health.refetch()}
      />
    );
  const { items, generatedAt } = health.data;
  if (!items.length) return null;
  const now = new Date(generatedAt).getTime();
  const withSeries = items.filter((i) => i.series && i.series.status !== "ended").length;
  return (
    <Card
      title="Coaching health"
      description="Each direct report at a glance: 1:1s, commitments, feedback both ways, growth goals. Those who need your attention most come first."
      padded={false}
    >
      {withSeries === 0 ? (
        <div className="p-4 sm:p-5">
          <EmptyState
            title="You have no 1:1s with your team yet."
            action={
              <LinkButton variant="primary" to="/one-on-ones?schedule">
                Schedule 1:1s
              </LinkButton>
            }
          >
            Regular 1:1s are where coaching happens: an agenda you both add to, notes, and
            commitments followed up. Set up a weekly or biweekly 1:1 with each person.
          </EmptyState>
        </div>
      ) : withSeries < items.length ? (
        <div className="px-4 pt-4 sm:px-5">
          <Alert tone="warning">
            {items.length - withSeries} of your direct reports{" "}
            {items.length - withSeries === 1 ? "has" : "have"} no 1:1s with you yet.
          </Alert>
        </div>
      ) : null}
      <ul className="divide-y divide-stone-100" aria-label="Coaching health by person">
        {items.map((h) => (
          <HealthRow key={h.person.id} item={h} now={now} />
        ))}
      </ul>
    </Card>
  );
}
