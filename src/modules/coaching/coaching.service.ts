import { and, eq, gte, lt, ne, or } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { DbOrTx } from "../../db/client.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { feedback } from "../feedback/feedback.table.js";
import { growthGoals } from "../growth/growth.table.js";
import { oneOnOneHealth, todayIn } from "../oneonones/oneonones.service.js";
import { commitments, oneOnOneSeries } from "../oneonones/oneonones.table.js";

import { personResource } from "../org/org.service.js";
import { people } from "../org/org.table.js";
import { plans } from "../plans/plans.table.js";
import { labels } from "../plans/plans.types.js";
import { neglectOrder } from "./coaching.rules.js";

// The manager's home: the coaching health of each direct report at a glance, the relationships
// that need attention first. Counts and dates only — never a note.

const DAY = 86_400_000;

export async function getTeamCoachingHealth(deps: Deps, { actor }: { actor: PersonActor }) {
  const db = deps.database.db;
  const now = deps.clock();
  const since = new Date(now.getTime() - 90 * DAY);
  const reports = (
    await db
      .select()
      .from(people)
      .where(and(eq(people.managerId, actor.personId), eq(people.active, true)))
  ).filter((p) => p.id !== actor.personId);
  const items = [];
  for (const report of reports) {
    if (!can(actor, "coaching.view_health", await personResource(db, report))) continue;
    items.push({
      person: { id: report.id, name: report.name, title: report.title },
      ...(await healthOf(db, { managerId: actor.personId, reportId: report.id, now, since })),
    });
  }
  return { items: neglectOrder(items, now), generatedAt: now.toISOString() };
}

async function healthOf(
  db: DbOrTx,
  {
    managerId,
    reportId,
    now,
    since,
  }: { managerId: string; reportId: string; now: Date; since: Date },
) {
  const oneOnOnes = await oneOnOneHealth(db, { managerId, reportId, now });
  const [series] = oneOnOnes.seriesId
    ? await db.select().from(oneOnOneSeries).where(eq(oneOnOneSeries.id, oneOnOnes.seriesId))
    : [];
  const overdue = series
    ? (
        await db
          .select({ id: commitments.id })
          .from(commitments)
          .where(
            and(
              eq(commitments.seriesId, series.id),
              eq(commitments.status, "open"),
              // Due before today where the pair meets, as the 1:1 page counts it.
              lt(commitments.dueOn, todayIn(series, now)),
            ),
          )
      ).length
    : 0;
  const shared = await db
    .select({ giverId: feedback.giverId })
    .from(feedback)
    .where(
      and(
        eq(feedback.visibility, "shared"),
        gte(feedback.sharedAt, since),
        or(
          and(eq(feedback.giverId, managerId), eq(feedback.recipientId, reportId)),
          and(eq(feedback.giverId, reportId), eq(feedback.recipientId, managerId)),
        ),
      ),
    );
  const goals = await db
    .select({ status: growthGoals.status, progress: growthGoals.progress })
    .from(growthGoals)
    .where(eq(growthGoals.personId, reportId));
  const active = goals.filter((g) => g.status === "active");
  const [plan] = await db
    .select({ id: plans.id, status: plans.status })
    .from(plans)
    .where(and(eq(plans.employeeId, reportId), ne(plans.status, "closed")));
  return {
    series: series ? { id: series.id, cadence: series.cadence, status: series.status } : null,
    lastHeld: oneOnOnes.lastHeld,
    next: oneOnOnes.next,
    heldLast90: oneOnOnes.heldLast90,
    cancelledLast90: oneOnOnes.cancelledLast90,
    cancelledByManagerLast90: oneOnOnes.cancelledByManagerLast90,
    openCommitments: oneOnOnes.openCommitments,
    overdueCommitments: overdue,
    followThrough: {
      report: oneOnOnes.followThrough.report.rate,
      manager: oneOnOnes.followThrough.manager.rate,
    },
    feedbackLast90: {
      given: shared.filter((f) => f.giverId === managerId).length,
      received: shared.filter((f) => f.giverId === reportId).length,
    },
    growth: {
      active: active.length,
      achieved: goals.filter((g) => g.status === "achieved").length,
      averageProgress: active.length
        ? Math.round(active.reduce((a, g) => a + g.progress, 0) / active.length)
        : null,
    },
    plan: plan
      ? { id: plan.id, status: plan.status, statusLabel: labels.status[plan.status] }
      : null,
  };
}

export type TeamCoachingHealth = Awaited<ReturnType<typeof getTeamCoachingHealth>>;
