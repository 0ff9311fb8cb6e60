import { and, asc, desc, eq, inArray, isNotNull, lt } from "drizzle-orm";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
import { isUuid } from "../org/org.repository.js";
import {
  isoDay,
  loadParticipation,
  loadPlanFor,
  otherSide,
  type ParticipationCheckin,
  planLink,
} from "./plans.participation.service.js";
import {
  planCheckinGoals,
  planCheckinResources,
  planCheckins,
  planGoals,
  planResources,
} from "./plans.table.js";
import type { GoalStatus } from "./plans.types.js";

// Check-ins: held by the manager (metrics, status per goal, support delivered, notes, next steps)
// and answered by the employee (confidence 1–5, their notes). Either side may record first.

/** Plans whose check-ins are live: issued and not closed. */
export const runningStatuses = ["issued", "acknowledged", "active", "paused", "extended"] as const;

function invalid(details: { path: string; message: string }[]): AppError {
  return new AppError(
    "validation.failed",
    details.length === 1 ? details[0]!.message : "Some fields are invalid; see details.",
    details,
  );
}

async function loadCheckin(w: Write, planId: string, checkinId: string) {
  const [row] = isUuid(checkinId)
    ? await w.tx
        .select()
        .from(planCheckins)
        .where(and(eq(planCheckins.id, checkinId), eq(planCheckins.planId, planId)))
        .for("update")
    : [];
  if (!row) throw notFound("checkin");
  return row;
}

async function checkinView(
  db: DbOrTx,
  actor: PersonActor,
  planId: string,
  checkinId: string,
): Promise<ParticipationCheckin> {
  const { checkins } = await loadParticipation(db, { planId, actor });
  return checkins.find((c) => c.id === checkinId)!;
}

export type ManagerCheckin = {
  heldOn: string;
  goals: { goalId: string; value: number | null; status: GoalStatus; note: string }[];
  resources: { resourceId: string; delivered: boolean }[];
  managerNotes: string;
  nextSteps: string;
};

/** The manager's record of a check-in; it is then held. Recording again corrects it. */
export async function recordCheckin(
  deps: Deps,
  {
    actor,
    planId,
    checkinId,
    input,
  }: { actor: PersonActor; planId: string; checkinId: string; input: ManagerCheckin },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, {
      planId,
      actor,
      action: "plan.record_checkin",
      lock: true,
    });
    // The employee has their own part; the manager's part is the manager's.
    if (actor.personId === plan.employeeId) throw notFound("plan");
    const checkin = await loadCheckin(w, plan.id, checkinId);

    const problems: { path: string; message: string }[] = [];
    if (input.heldOn > isoDay(w.now))
      problems.push({ path: "heldOn", message: "Record a check-in once it has been held." });
    const goals = await w.tx
      .select({ id: planGoals.id })
      .from(planGoals)
      .where(eq(planGoals.planId, plan.id));
    const goalIds = new Set(goals.map((g) => g.id));
    const seenGoals = new Set<string>();
    input.goals.forEach((g, i) => {
      if (!goalIds.has(g.goalId))
        problems.push({ path: `goals.${i}.goalId`, message: "Choose one of this plan's goals." });
      else if (seenGoals.has(g.goalId))
        problems.push({ path: `goals.${i}.goalId`, message: "Each goal appears once." });
      seenGoals.add(g.goalId);
    });
    const resources = goals.length
      ? await w.tx
          .select({ id: planResources.id })
          .from(planResources)
          .where(
            inArray(
              planResources.goalId,
              goals.map((g) => g.id),
            ),
          )
      : [];
    const resourceIds = new Set(resources.map((r) => r.id));
    const seenResources = new Set<string>();
    input.resources.forEach((r, i) => {
      if (!resourceIds.has(r.resourceId))
        problems.push({
          path: `resources.${i}.resourceId`,
          message: "Choose one of this plan's resources.",
        });
      else if (seenResources.has(r.resourceId))
        problems.push({
          path: `resources.${i}.resourceId`,
          message: "Each resource appears once.",
        });
      seenResources.add(r.resourceId);
    });
    if (problems.length) throw invalid(problems);

    await w.tx
      .update(planCheckins)
      .set({
        status: "held",
        heldOn: input.heldOn,
        managerNotes: input.managerNotes,
        nextSteps: input.nextSteps,
        recordedById: actor.personId,
        recordedAt: w.now,
      })
      .where(eq(planCheckins.id, checkin.id));
    await w.tx.delete(planCheckinGoals).where(eq(planCheckinGoals.checkinId, checkin.id));
    await w.tx.delete(planCheckinResources).where(eq(planCheckinResources.checkinId, checkin.id));
    if (input.goals.length)
      await w.tx
        .insert(planCheckinGoals)
        .values(input.goals.map((g) => ({ checkinId: checkin.id, ...g })));
    if (input.resources.length)
      await w.tx
        .insert(planCheckinResources)
        .values(input.resources.map((r) => ({ checkinId: checkin.id, ...r })));
    await w.audit({
      actor,
      action: checkin.status === "held" ? "plan.checkin_corrected" : "plan.checkin_recorded",
      subjectType: "plan",
      subjectId: plan.id,
      data: {
        checkinId: checkin.id,
        scheduledOn: checkin.scheduledOn,
        heldOn: input.heldOn,
        goals: input.goals.length,
        resources: input.resources.length,
        notDelivered: input.resources.filter((r) => !r.delivered).length,
      },
      change: input,
    });
    await notify(deps, w, {
      personIds: otherSide(plan, actor, ["employee"]),
      kind: "plan.checkin_recorded",
      title: `Check-in of ${input.heldOn} recorded`,
      body: checkin.confidence
        ? "Read your manager's notes and next steps."
        : "Add how confident you feel about reaching your goals, and your own notes.",
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
      email: false,
    });
    return checkinView(w.tx, actor, plan.id, checkin.id);
  });
}

/**
 * The employee's part of a check-in: confidence (1–5) and their notes. Falling or low confidence
 * is a prompt to add support, so the manager is told.
 */
export async function recordEmployeeCheckin(
  deps: Deps,
  {
    actor,
    planId,
    checkinId,
    confidence,
    employeeNotes,
  }: {
    actor: PersonActor;
    planId: string;
    checkinId: string;
    confidence: number;
    employeeNotes: string;
  },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, {
      planId,
      actor,
      action: "plan.record_checkin",
      lock: true,
    });
    if (actor.personId !== plan.employeeId) throw notFound("plan");
    const checkin = await loadCheckin(w, plan.id, checkinId);
    const [previous] = await w.tx
      .select({ confidence: planCheckins.confidence })
      .from(planCheckins)
      .where(
        and(
          eq(planCheckins.planId, plan.id),
          isNotNull(planCheckins.confidence),
          lt(planCheckins.scheduledOn, checkin.scheduledOn),
        ),
      )
      .orderBy(desc(planCheckins.scheduledOn))
      .limit(1);
    await w.tx
      .update(planCheckins)
      .set({ confidence, employeeNotes })
      .where(eq(planCheckins.id, checkin.id));
    await w.audit({
      actor,
      action: "plan.checkin_employee_recorded",
      subjectType: "plan",
      subjectId: plan.id,
      data: {
        checkinId: checkin.id,
        scheduledOn: checkin.scheduledOn,
        fields: ["confidence", "employeeNotes"],
      },
      change: { confidence, employeeNotes },
    });
    const falling = previous?.confidence != null && confidence < previous.confidence;
    await notify(deps, w, {
      personIds: otherSide(plan, actor, ["manager"]),
      kind: falling || confidence <= 2 ? "plan.confidence_low" : "plan.checkin_employee_recorded",
      title:
        falling || confidence <= 2
          ? `${actor.name}'s confidence is ${falling ? "falling" : "low"}: consider more support`
          : `${actor.name} added their part of the check-in`,
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
      email: falling || confidence <= 2,
    });
    return checkinView(w.tx, actor, plan.id, checkin.id);
  });
}

/** An extra check-in, besides those of the cadence. */
export async function addCheckin(
  deps: Deps,
  { actor, planId, scheduledOn }: { actor: PersonActor; planId: string; scheduledOn: string },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.manage", lock: true });
    if (!(runningStatuses as readonly string[]).includes(plan.status))
      throw new AppError(
        "plan.not_running",
        "Check-ins are added once the plan has been issued, and until it is closed.",
        { status: plan.status },
      );
    if (
      (plan.startDate && scheduledOn < plan.startDate) ||
      (plan.endDate && scheduledOn > plan.endDate)
    )
      throw invalid([
        {
          path: "scheduledOn",
          message: `Choose a date within the plan (${plan.startDate} to ${plan.endDate}).`,
        },
      ]);
    const [row] = await w.tx
      .insert(planCheckins)
      .values({ planId: plan.id, scheduledOn })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError("checkin.exists", `There is already a check-in on ${scheduledOn}.`, {
        scheduledOn,
      });
    await w.audit({
      actor,
      action: "plan.checkin_added",
      subjectType: "plan",
      subjectId: plan.id,
      data: { checkinId: row.id, scheduledOn },
    });
    await notify(deps, w, {
      personIds: otherSide(plan, actor, ["employee", "manager"]),
      kind: "plan.checkin_added",
      title: `A check-in was added on ${scheduledOn}`,
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
    });
    return checkinView(w.tx, actor, plan.id, row.id);
  });
}

/** Check-ins of a plan, oldest first (for the reminders and the CLI). */
export async function findCheckins(db: DbOrTx, planId: string) {
  return db
    .select()
    .from(planCheckins)
    .where(eq(planCheckins.planId, planId))
    .orderBy(asc(planCheckins.scheduledOn));
}
