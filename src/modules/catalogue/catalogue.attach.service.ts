// Resourcing a goal from L&D's catalogue or with a mentor: the pick becomes a resource commitment
// on a plan goal (this file) or a growth goal (growth.goals.service, through pickCatalogueItem).
// Every use case: load and lock → authorize (a plan the actor may not change is a 404) → check
// the pick → write + audit, one transaction.
import { and, count, eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import { AppError, notFound } from "../../api/errors.js";
import type { Tx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { requestMentorshipIn } from "../mentoring/mentoring.service.js";
import { notify } from "../notify/notify.service.js";
import { findPersonById, isUuid } from "../org/org.repository.js";
import { planResourceOf } from "../plans/plans.participation.service.js";
import { draftStatuses, versionedStatuses } from "../plans/plans.rules.js";
import { type PlanDetail, readPlanDetail } from "../plans/plans.service.js";
import { planGoals, planResources, plans } from "../plans/plans.table.js";
import type { ResourceKind } from "../plans/plans.types.js";
import {
  type CatalogueItemRow,
  type CatalogueSessionRow,
  countSeatsTaken,
  findCatalogueItemById,
  findSessionForUpdate,
} from "./catalogue.repository.js";
import { resourceKindOf } from "./catalogue.types.js";

/** As many resources as the plan document takes on one goal. */
export const MAX_RESOURCES_PER_GOAL = 20;

const invalid = (path: string, message: string) =>
  new AppError("validation.failed", message, [{ path, message }]);

export type CataloguePick = {
  item: CatalogueItemRow;
  session: CatalogueSessionRow | null;
  kind: ResourceKind;
  description: string;
  link: string;
};

/**
 * Checks a catalogue pick for a goal, inside the caller's write: the item is offered (not
 * archived); a workshop names one of its own dates that is upcoming, not cancelled and has a free
 * seat. The date's row stays locked until the write ends, so two managers cannot both take the
 * last seat.
 */
export async function pickCatalogueItem(
  tx: Tx,
  { itemId, sessionId, now }: { itemId: string; sessionId?: string | null; now: Date },
): Promise<CataloguePick> {
  const item = await findCatalogueItemById(tx, itemId);
  if (!item) throw invalid("catalogueItemId", "Choose an item from the catalogue.");
  if (!item.active)
    throw new AppError(
      "catalogue.item_archived",
      `“${item.title}” has been archived by L&D and is no longer offered. Choose another item.`,
      [{ path: "catalogueItemId", message: "This item is archived." }],
    );
  let session: CatalogueSessionRow | null = null;
  if (item.kind === "workshop") {
    if (!sessionId)
      throw new AppError("catalogue.session_required", "Choose a date for this workshop.", [
        { path: "sessionId", message: "Choose one of the workshop's upcoming dates." },
      ]);
    session = await findSessionForUpdate(tx, sessionId);
    if (!session || session.itemId !== item.id)
      throw invalid("sessionId", "Choose one of this workshop's upcoming dates.");
    if (session.cancelledAt || session.startsAt <= now)
      throw new AppError(
        "catalogue.session_required",
        session.cancelledAt
          ? "That date of the workshop was cancelled. Choose another date."
          : "That date of the workshop has already started or passed. Choose an upcoming date.",
        [{ path: "sessionId", message: "Choose one of the workshop's upcoming dates." }],
      );
    const taken = (await countSeatsTaken(tx, [session.id])).get(session.id) ?? 0;
    if (taken >= session.seats)
      throw new AppError(
        "catalogue.session_full",
        "Every seat on that date of the workshop is taken. Choose another date, or ask L&D for more seats.",
        { sessionId: session.id, seats: session.seats, seatsTaken: taken },
      );
  } else if (sessionId) {
    throw invalid("sessionId", "Only a workshop has dates: leave the date out for this item.");
  }
  return {
    item,
    session,
    kind: resourceKindOf[item.kind],
    description: item.provider ? `${item.title} (${item.provider})` : item.title,
    link: item.link,
  };
}

// ---------- plan goals ----------

type PlanRow = typeof plans.$inferSelect;
type GoalRow = typeof planGoals.$inferSelect;

/**
 * The plan (locked) and its goal, if the actor may add support to it now: its manager while it is
 * drafted (plan.edit), its manager or HR while it runs (plan.manage). Anyone else, and a plan they
 * cannot see, gets the same 404; a closed plan its people can read is a 409 that says so.
 */
async function lockPlanGoal(
  w: Write,
  { actor, planId, goalId }: { actor: PersonActor; planId: string; goalId: string },
): Promise<{ plan: PlanRow; goal: GoalRow; running: boolean }> {
  if (!isUuid(planId)) throw notFound("plan");
  const [plan] = await w.tx.select().from(plans).where(eq(plans.id, planId)).for("update");
  if (!plan) throw notFound("plan");
  const resource = await planResourceOf(w.tx, plan, w.now);
  const running = versionedStatuses.includes(plan.status);
  if (!can(actor, "plan.view", resource)) throw notFound("plan");
  if (plan.status === "closed" && can(actor, "plan.manage", { ...resource, status: "active" }))
    throw new AppError(
      "plan.not_running",
      "This plan is closed: its record can be read but no longer changed.",
      { status: plan.status },
    );
  if (!can(actor, running ? "plan.manage" : "plan.edit", resource)) throw notFound("plan");
  const [goal] = isUuid(goalId)
    ? await w.tx
        .select()
        .from(planGoals)
        .where(and(eq(planGoals.id, goalId), eq(planGoals.planId, plan.id)))
    : [];
  if (!goal) throw notFound("goal");
  const [{ n } = { n: 0 }] = await w.tx
    .select({ n: count() })
    .from(planResources)
    .where(eq(planResources.goalId, goal.id));
  if (n >= MAX_RESOURCES_PER_GOAL)
    throw new AppError(
      "validation.failed",
      `This goal already has ${MAX_RESOURCES_PER_GOAL} resources, the most a goal can hold. Remove one first.`,
    );
  return { plan, goal, running };
}

/**
 * Writes the resource and what a change to the plan brings. A draft is changed in place; a plan
 * under review or approved goes back to draft (HR reviews it again, as a document save does). A
 * running plan changes as when a manager accepts a support request: the plan's version moves on
 * (an open editor sees it is stale) and the employee is told about the new support.
 */
async function addPlanResource(
  deps: Deps,
  w: Write,
  {
    actor,
    plan,
    goal,
    running,
    values,
    data,
  }: {
    actor: PersonActor;
    plan: PlanRow;
    goal: GoalRow;
    running: boolean;
    values: Omit<typeof planResources.$inferInsert, "goalId" | "status">;
    data: Record<string, unknown>;
  },
  afterInsert?: (resourceId: string) => Promise<Record<string, unknown>>,
): Promise<string> {
  const [row] = await w.tx
    .insert(planResources)
    .values({ ...values, goalId: goal.id, status: "offered" })
    .returning({ id: planResources.id });
  const resourceId = row!.id;
  const more = afterInsert ? await afterInsert(resourceId) : {};
  const to = running || draftStatuses.includes(plan.status) ? plan.status : "draft";
  await w.tx
    .update(plans)
    .set({ status: to, version: plan.version + 1, updatedAt: w.now })
    .where(eq(plans.id, plan.id));
  await w.audit({
    actor,
    action: "plan.resource_added",
    subjectType: "plan",
    subjectId: plan.id,
    data: {
      goalId: goal.id,
      resourceId,
      kind: values.kind,
      ...data,
      ...more,
      version: plan.version + 1,
      ...(to !== plan.status
        ? {
            from: plan.status,
            to,
            returnedToDraft: true,
            note: "Changed after HR review: HR must review it again.",
          }
        : {}),
    },
    change: { description: values.description, link: values.link ?? "" },
  });
  if (running)
    await notify(deps, w, {
      personIds: [plan.employeeId].filter((p) => p !== actor.personId),
      kind: "plan.resource_added",
      title: "New support was added to your success plan",
      body: `It is now a resource on your goal: ${values.description}`,
      link: `/plans/${plan.id}`,
      subjectType: "plan",
      subjectId: plan.id,
    });
  return resourceId;
}

/** Adds a catalogue item (and, for a workshop, a seat on one date) to a plan goal. */
export async function addCatalogueResourceToPlanGoal(
  deps: Deps,
  {
    actor,
    planId,
    goalId,
    catalogueItemId,
    sessionId,
  }: {
    actor: PersonActor;
    planId: string;
    goalId: string;
    catalogueItemId: string;
    sessionId?: string | null;
  },
): Promise<PlanDetail> {
  await write(deps, async (w) => {
    const { plan, goal, running } = await lockPlanGoal(w, { actor, planId, goalId });
    const pick = await pickCatalogueItem(w.tx, {
      itemId: catalogueItemId,
      sessionId,
      now: w.now,
    });
    const [already] = await w.tx
      .select({ id: planResources.id })
      .from(planResources)
      .where(
        and(eq(planResources.goalId, goal.id), eq(planResources.catalogueItemId, pick.item.id)),
      );
    if (already)
      throw new AppError(
        "catalogue.resource_exists",
        `“${pick.item.title}” is already a resource on this goal.`,
      );
    await addPlanResource(deps, w, {
      actor,
      plan,
      goal,
      running,
      values: {
        kind: pick.kind,
        description: pick.description,
        link: pick.link,
        catalogueItemId: pick.item.id,
        catalogueSessionId: pick.session?.id ?? null,
      },
      data: {
        catalogueItemId: pick.item.id,
        ...(pick.session ? { catalogueSessionId: pick.session.id } : {}),
      },
    });
  });
  return readPlanDetail(deps, { actor, id: planId });
}

/**
 * Adds a mentor to a plan goal and asks them, in one transaction: when the mentor cannot take the
 * request (no free place, not a mentor, in the employee's management chain) nothing is saved.
 * The mentor is asked about a topic; they never learn of the plan.
 */
export async function addMentorResourceToPlanGoal(
  deps: Deps,
  {
    actor,
    planId,
    goalId,
    mentorId,
    topic,
    skills,
  }: {
    actor: PersonActor;
    planId: string;
    goalId: string;
    mentorId: string;
    topic: string;
    skills: string[];
  },
): Promise<PlanDetail> {
  await write(deps, async (w) => {
    const { plan, goal, running } = await lockPlanGoal(w, { actor, planId, goalId });
    const mentor = await findPersonById(w.tx, mentorId);
    const what = topic.trim() || skills.join(", ");
    await addPlanResource(
      deps,
      w,
      {
        actor,
        plan,
        goal,
        running,
        values: {
          kind: "mentor",
          description: `Mentoring with ${mentor?.name ?? "a mentor"}${what ? `: ${what}` : ""}`,
          link: "",
          mentorId: mentor?.id ?? null,
        },
        data: { mentorId },
      },
      async (resourceId) => {
        const mentorship = await requestMentorshipIn(deps, w, {
          actor,
          mentorId,
          menteeId: plan.employeeId,
          topic,
          skills,
          planResourceId: resourceId,
        });
        return { mentorshipId: mentorship.id };
      },
    );
  });
  return readPlanDetail(deps, { actor, id: planId });
}
