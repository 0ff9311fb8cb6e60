import { eq } from "drizzle-orm";
import { write } from "../src/db/transaction.js";
import type { Deps } from "../src/deps.js";
import { feedback } from "../src/modules/feedback/feedback.table.js";
import { documentedDiscussions } from "../src/modules/growth/growth.table.js";
import {
  commitments,
  oneOnOneMeetings,
  oneOnOneSeries,
} from "../src/modules/oneonones/oneonones.table.js";
import { transitionPlan } from "../src/modules/plans/plans.service.js";
import { planCheckins, plans, planThreads } from "../src/modules/plans/plans.table.js";
import type { CheckinStatus, PlanAction, PlanStatus } from "../src/modules/plans/plans.types.js";
import { actorFor } from "./factories.js";

// Factories for coaching health and risk: the 1:1s, feedback, commitments and plan items a report
// counts, written straight into the tables with the dates a test needs. Each write is audited as
// a system action, as the other factories do.

const system = { kind: "system", label: "test" } as const;

type Id = { id: string };

/** A 1:1 series and its meetings, each on the instant given with its status. */
export async function makeOneOnOnes(
  deps: Deps,
  {
    manager,
    report,
    timeZone = "UTC",
    meetings,
  }: {
    manager: Id;
    report: Id;
    timeZone?: string;
    meetings: { at: string; status: "scheduled" | "held" | "cancelled" | "rescheduled" }[];
  },
) {
  return write(deps, async (w) => {
    const [series] = await w.tx
      .insert(oneOnOneSeries)
      .values({
        managerId: manager.id,
        reportId: report.id,
        cadence: "weekly",
        weekday: 1,
        startTime: "09:00",
        timeZone,
        startsOn: "2025-12-01",
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    if (meetings.length)
      await w.tx.insert(oneOnOneMeetings).values(
        meetings.map((m) => ({
          seriesId: series!.id,
          scheduledAt: new Date(m.at),
          status: m.status,
          heldAt: m.status === "held" ? new Date(m.at) : null,
          cancelledById: m.status === "cancelled" ? manager.id : null,
          cancelledAt: m.status === "cancelled" ? new Date(m.at) : null,
          createdAt: w.now,
          updatedAt: w.now,
        })),
      );
    await w.audit({
      actor: system,
      action: "oneonone.series_created",
      subjectType: "oneonone_series",
      subjectId: series!.id,
    });
    return series!;
  });
}

/** Commitments of a series: each due on a day, open, done or dropped (closed at an instant). */
export async function makeCommitments(
  deps: Deps,
  {
    seriesId,
    owner,
    items,
  }: {
    seriesId: string;
    owner: Id;
    items: { dueOn: string; status: "open" | "done" | "dropped"; closedAt?: string }[];
  },
) {
  await write(deps, async (w) => {
    await w.tx.insert(commitments).values(
      items.map((c, i) => ({
        seriesId,
        ownerId: owner.id,
        createdById: owner.id,
        body: `Commitment ${i + 1}`,
        dueOn: c.dueOn,
        status: c.status,
        closedAt: c.closedAt ? new Date(c.closedAt) : null,
        createdAt: w.now,
        updatedAt: w.now,
      })),
    );
    await w.audit({
      actor: system,
      action: "oneonone.commitment_added",
      subjectType: "oneonone_series",
      subjectId: seriesId,
    });
  });
}

/** Feedback from one person to another, shared at an instant unless it is a draft. */
export async function makeFeedbackAt(
  deps: Deps,
  {
    giver,
    recipient,
    sharedAt,
    visibility = "shared",
    kind = "constructive",
  }: {
    giver: Id;
    recipient: Id;
    sharedAt: string | null;
    visibility?: "shared" | "draft" | "hr";
    kind?: "constructive" | "recognition";
  },
) {
  await write(deps, async (w) => {
    const [row] = await w.tx
      .insert(feedback)
      .values({
        giverId: giver.id,
        recipientId: recipient.id,
        kind,
        situation: "In the weekly planning",
        behaviour: "the estimates came in after the meeting",
        impact: "the plan was fixed without them",
        visibility,
        sharedAt: sharedAt ? new Date(sharedAt) : null,
        createdAt: sharedAt ? new Date(sharedAt) : w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor: system,
      action: "feedback.given",
      subjectType: "feedback",
      subjectId: row!.id,
    });
  });
}

/** A documented discussion with an employee on a day, shared with them or still a draft. */
export async function makeDiscussion(
  deps: Deps,
  {
    manager,
    employee,
    occurredOn,
    status,
  }: { manager: Id; employee: Id; occurredOn: string; status: "draft" | "shared" | "acknowledged" },
) {
  await write(deps, async (w) => {
    const [row] = await w.tx
      .insert(documentedDiscussions)
      .values({
        managerId: manager.id,
        employeeId: employee.id,
        occurredOn,
        whatHappened: "The release notes were late twice.",
        status,
        sharedAt: status === "draft" ? null : new Date(`${occurredOn}T12:00:00Z`),
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor: system,
      action: "growth.discussion_recorded",
      subjectType: "documented_discussion",
      subjectId: row!.id,
    });
  });
}

/**
 * A plan issued at an instant, in a running or closed state, with nothing else on it: enough for
 * the coaching counts, which read only who, when and by whom.
 */
export async function makeIssuedPlan(
  deps: Deps,
  {
    employee,
    manager,
    issuedAt,
    status = "active",
  }: { employee: Id; manager: Id; issuedAt: string | null; status?: PlanStatus },
) {
  return write(deps, async (w) => {
    const issued = issuedAt ? new Date(issuedAt) : null;
    const [plan] = await w.tx
      .insert(plans)
      .values({
        employeeId: employee.id,
        managerId: manager.id,
        status,
        standard: "Release notes are ready the day before each release.",
        startDate: "2025-11-03",
        endDate: "2025-12-29",
        goodFaith: "yes",
        issuedVersion: issued ? 1 : 0,
        createdAt: w.now,
        updatedAt: w.now,
        submittedAt: issued,
        issuedAt: issued,
        closedAt: status === "closed" ? w.now : null,
      })
      .returning();
    await w.audit({
      actor: system,
      action: "plan.created",
      subjectType: "plan",
      subjectId: plan!.id,
    });
    return plan!;
  });
}

/** Moves a plan through these lifecycle steps, each made by the person who makes it in real life. */
export async function movePlan(
  deps: Deps,
  planId: string,
  steps: [PlanAction, "manager" | "hr" | "employee"][],
) {
  for (const [action, who] of steps) {
    const [plan] = await deps.database.db.select().from(plans).where(eq(plans.id, planId));
    const personId =
      who === "manager"
        ? plan!.managerId
        : who === "employee"
          ? plan!.employeeId
          : plan!.hrPartnerId;
    await transitionPlan(deps, {
      actor: await actorFor(deps, personId!),
      id: planId,
      input: { action, version: plan!.version },
    });
  }
}

/** A check-in of a plan on a day, in the state given. */
export async function makeCheckin(
  deps: Deps,
  { planId, on, status }: { planId: string; on: string; status: CheckinStatus },
) {
  await write(deps, async (w) => {
    await w.tx.insert(planCheckins).values({
      planId,
      scheduledOn: on,
      status,
      heldOn: status === "held" ? on : null,
    });
    await w.audit({
      actor: system,
      action: "plan.checkin_scheduled",
      subjectType: "plan",
      subjectId: planId,
    });
  });
}

/** A thread on a plan: a clarification or support request, open or answered. */
export async function makeThread(
  deps: Deps,
  {
    planId,
    createdBy,
    kind,
    status,
  }: {
    planId: string;
    createdBy: Id;
    kind: "clarification" | "support";
    status: "open" | "answered" | "closed";
  },
) {
  await write(deps, async (w) => {
    await w.tx.insert(planThreads).values({
      planId,
      kind,
      subject: kind === "clarification" ? "What counts as ready?" : "Could I get a mentor?",
      status,
      createdById: createdBy.id,
      createdAt: w.now,
    });
    await w.audit({
      actor: system,
      action: "plan.thread_opened",
      subjectType: "plan",
      subjectId: planId,
    });
  });
}
