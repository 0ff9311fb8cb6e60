import { Link } from "react-router";
import { messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { Alert, Badge, Card, LinkButton } from "../../ui";
import { useSignedIn } from "../layout/session";
import { firstName, goalStatusLabel, goalStatusTone, ProgressBar } from "./bits";
import { isNotFound, useGrowthGoals } from "./growthApi";
import type { GrowthGoal } from "./types";

// A person's growth goals on their page: active ones with their progress, ended ones folded away.

export function GrowthGoalsCard({ personId, name }: { personId: string; name: string }) {
  const goals = useGrowthGoals(personId);
  const me = useSignedIn();
  const isSelf = me.person.id === personId;
  const first = firstName(name);
  // Nothing while loading: the card is left out altogether for those who may not see it.
  if (goals.isPending || (goals.isError && isNotFound(goals.error))) return null;
  const canCreate = Boolean(goals.data?.abilities.create);
  const newGoal = `/people/${personId}/growth-goals/new`;
  return (
    <Card
      title="Growth goals"
      description={
        isSelf
          ? "What you are working to get better at."
          : `What ${first} is working to get better at.`
      }
      actions={
        canCreate && goals.data?.items.length ? (
          <LinkButton to={newGoal} size="sm">
            Add a growth goal
          </LinkButton>
        ) : undefined
      }
    >
      {goals.isError ? (
        <Alert tone="error" title="The growth goals could not be loaded.">
          {messageOf(goals.error)}
        </Alert>
      ) : goals.data.items.length === 0 ? (
        <div className="rounded-md border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-stone-600">
          <p className="font-medium text-stone-900">
            {isSelf ? "You have no growth goals yet." : `${first} has no growth goals yet.`}
          </p>
          <p className="mx-auto mt-1 max-w-prose">
            {isSelf
              ? "Everyone has growth goals, not only people on a plan. What would you like to get better at this year? Write one goal you can measure, then record your progress as you go, in your 1:1s or whenever something moves."
              : canCreate
                ? `Agree one together in your next 1:1: something ${first} wants to get better at. Either of you can write it down.`
                : `${first} and their manager write growth goals together.`}
          </p>
          {canCreate ? (
            <LinkButton to={newGoal} variant="primary" size="sm" className="mt-4">
              {isSelf ? "Write your first growth goal" : "Add a growth goal"}
            </LinkButton>
          ) : null}
        </div>
      ) : (
        <GoalList items={goals.data.items} summary={goals.data.summary} />
      )}
    </Card>
  );
}

function GoalList({
  items,
  summary,
}: {
  items: GrowthGoal[];
  summary: { active: number; achieved: number; averageProgress: number | null };
}) {
  const active = items.filter((g) => g.status === "active");
  const ended = items.filter((g) => g.status !== "active");
  return (
    <>
      <p className="mb-3 text-sm text-stone-600">
        {summary.active} active
        {summary.achieved ? ` · ${summary.achieved} achieved` : ""}
        {summary.averageProgress !== null
          ? ` · ${Math.round(summary.averageProgress)}% on average`
          : ""}
      </p>
      {active.length ? (
        <ul className="divide-y divide-stone-100" aria-label="Active growth goals">
          {active.map((g) => (
            <GoalRow key={g.id} goal={g} />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-600">No active goals right now.</p>
      )}
      {ended.length ? (
        <details className="mt-3 rounded-md border border-stone-200 px-3 py-2">
          <summary className="cursor-pointer text-sm font-medium text-stone-800">
            Ended goals ({ended.length})
          </summary>
          <ul className="mt-2 divide-y divide-stone-100" aria-label="Ended growth goals">
            {ended.map((g) => (
              <GoalRow key={g.id} goal={g} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

function GoalRow({ goal }: { goal: GrowthGoal }) {
  const overdue =
    goal.status === "active" && goal.dueOn && goal.dueOn < new Date().toISOString().slice(0, 10);
  return (
    <li className="py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <Link
          to={`/growth-goals/${goal.id}`}
          className="font-medium text-teal-800 underline-offset-2 hover:underline"
        >
          {goal.title}
        </Link>
        <span className="flex flex-wrap items-center gap-2 text-xs text-stone-600">
          {goal.status !== "active" ? (
            <Badge tone={goalStatusTone[goal.status]}>{goalStatusLabel[goal.status]}</Badge>
          ) : null}
          {goal.dueOn ? (
            overdue ? (
              <Badge tone="warning">Was due {formatDate(goal.dueOn)}</Badge>
            ) : (
              <span>Due {formatDate(goal.dueOn)}</span>
            )
          ) : null}
        </span>
      </div>
      {goal.sourcePlan ? (
        <p className="mt-1 text-xs text-stone-600">
          <Link
            to={`/plans/${goal.sourcePlan.id}`}
            className="text-teal-800 underline-offset-2 hover:underline"
          >
            Carries on from a success plan
          </Link>
        </p>
      ) : null}
      <ProgressBar value={goal.progress} label={`Progress on “${goal.title}”`} className="mt-2" />
    </li>
  );
}
