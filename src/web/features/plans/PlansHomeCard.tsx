import { formatDate } from "../../lib/format";
import type { Me } from "../../types";
import { Badge, Card, LinkButton } from "../../ui";
import { statusLabel, statusTone } from "./labels";
import { usePlanList } from "./planApi";

/** Home: the employee's own plan; for managers the plans they run; for HR the review queue. */
export function PlansHomeCard({ me }: { me: Me }) {
  const isManager = me.roles.includes("manager");
  const isHr = Boolean(me.abilities["plan.view_queue"]);
  const mine = usePlanList({ scope: "mine" });
  const team = usePlanList({ scope: "team" }, isManager);
  const review = usePlanList({ scope: "review" }, isHr);
  const own = (mine.data?.items ?? []).filter((p) => p.status !== "closed");
  const openTeam = (team.data?.items ?? []).filter((p) => p.status !== "closed").length;
  const queue = review.data?.items.length ?? 0;

  return (
    <>
      {own.map((p) => (
        <Card
          key={p.id}
          title="Your success plan"
          actions={
            <LinkButton to={`/plans/${p.id}`} size="sm" variant="primary">
              Open your plan
            </LinkButton>
          }
        >
          <p className="flex flex-wrap items-center gap-2 text-sm text-stone-700">
            <Badge tone={statusTone[p.status]}>{statusLabel[p.status]}</Badge>
            {p.startDate ? `${formatDate(p.startDate)} – ${formatDate(p.endDate)}` : null} · with{" "}
            {p.manager.name}
          </p>
          <p className="mt-2 text-sm text-stone-700">
            {p.pendingAcknowledgement
              ? "A version of your plan is waiting for you to acknowledge receipt. Acknowledging is not agreeing."
              : "See what is expected, how you are doing, and what is next."}
          </p>
        </Card>
      ))}
      {isHr ? (
        <Card
          title="Review queue"
          actions={
            <LinkButton to="/plans" size="sm">
              Open success plans
            </LinkButton>
          }
        >
          <p className="text-sm text-stone-700">
            <strong className="text-2xl font-semibold text-stone-900">{queue}</strong>{" "}
            {queue === 1 ? "plan is" : "plans are"} waiting for your review.
          </p>
        </Card>
      ) : null}
      {isManager ? (
        <Card
          title="Success plans"
          actions={
            <LinkButton to="/plans" size="sm">
              Open success plans
            </LinkButton>
          }
        >
          <p className="text-sm text-stone-700">
            <strong className="text-2xl font-semibold text-stone-900">{openTeam}</strong> open{" "}
            {openTeam === 1 ? "plan" : "plans"} for people you manage.
          </p>
          <p className="mt-1 text-sm text-stone-600">
            Coaching comes first: a plan is for when regular 1:1s and feedback have not been enough.
          </p>
        </Card>
      ) : null}
    </>
  );
}
