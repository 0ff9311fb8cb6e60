import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Action, PlanResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import { allOf, anyOfIds, type DbOrTx, reusable } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
import { findPeopleByIds, findPlacement, isUuid } from "../org/org.repository.js";
import { findGoals, findMilestonesOfGoals } from "./plans.repository.js";
import { checkinDates, sealStateOf } from "./plans.rules.js";
import {
  planAchievements,
  planActionItems,
  planCauses,
  planCheckinGoals,
  planCheckinResources,
  planCheckins,
  planEvidence,
  planGoals,
  type planMilestones,
  planResources,
  planResponses,
  plans,
  planThreadMessages,
  planThreads,
} from "./plans.table.js";
import type {
  CheckinStatus,
  EvidenceAnswer,
  GoalStatus,
  ResourceKind,
  ResourceStatus,
  ThreadKind,
} from "./plans.types.js";

// The employee's side of a plan (answers, responses, threads, action plan, achievements) and the
// read model of its check-ins. Every service loads the plan, asks can(), then writes in one
// transaction with its audit event. Audit `data` holds ids and field names, never the text.

export type PlanRow = typeof plans.$inferSelect;

/** Today's date (UTC) as YYYY-MM-DD. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** What can() needs about a plan: its people and where it stands. */
export async function planResourceOf(
  db: DbOrTx,
  plan: PlanRow,
  now: Date = new Date(),
): Promise<PlanResource> {
  const placement = await findPlacement(db, plan.employeeId);
  return {
    type: "plan",
    employeeId: plan.employeeId,
    managerId: plan.managerId,
    hrPartnerId: plan.hrPartnerId,
    employeeDepartment: placement?.department ?? "",
    employeeManagerChain: placement?.managerChain ?? [],
    status: plan.status,
    everIssued: plan.issuedVersion > 0,
    ...sealStateOf(plan, now),
  };
}

/**
 * Loads a plan the actor may act on. A plan they may not see is the same 404 as a missing one;
 * a plan they could act on were it running (it is closed, or not yet issued) is a 409 that says so.
 * Inside a write the row is locked, so two participants' writes on one plan queue up.
 */
export async function loadPlanFor(
  db: DbOrTx,
  {
    planId,
    actor,
    action,
    lock,
    now,
  }: {
    planId: string;
    actor: PersonActor;
    action: Action;
    lock?: boolean;
    /** A sealed plan's manager access depends on the time (the caller's clock). */
    now?: Date;
  },
): Promise<{ plan: PlanRow; resource: PlanResource }> {
  if (!isUuid(planId)) throw notFound("plan");
  const query = db.select().from(plans).where(eq(plans.id, planId));
  const [plan] = lock ? await query.for("update") : await query;
  if (!plan) throw notFound("plan");
  const resource = await planResourceOf(db, plan, now);
  authorizePlan(actor, action, plan, resource);
  return { plan, resource };
}

/** can() for a loaded plan: 404 when it may not be seen, 409 when it is not running (any more). */
export function authorizePlan(
  actor: PersonActor,
  action: Action,
  plan: PlanRow,
  resource: PlanResource,
): void {
  if (!can(actor, "plan.view", resource)) throw notFound("plan");
  if (can(actor, action, resource)) return;
  if (can(actor, action, { ...resource, status: "active" })) {
    throw new AppError(
      "plan.not_running",
      plan.status === "closed"
        ? "This plan is closed: its record can be read but no longer changed."
        : "This plan is not running yet: this becomes possible once it has been issued.",
      { status: plan.status },
    );
  }
  throw notFound("plan");
}

/** The people who should hear about something done on a plan, minus whoever did it. */
export function otherSide(
  plan: PlanRow,
  actor: PersonActor,
  who: ("employee" | "manager" | "hr")[],
): string[] {
  const ids = who.map((w) =>
    w === "employee" ? plan.employeeId : w === "manager" ? plan.managerId : plan.hrPartnerId,
  );
  return [...new Set(ids.filter((id): id is string => !!id && id !== actor.personId))];
}

export const planLink = (planId: string) => `/plans/${planId}`;

/** Records that the plan changed under its editors, so a stale edit of the document is refused. */
async function touchPlan(w: Write, planId: string) {
  await w.tx
    .update(plans)
    .set({ version: sql`${plans.version} + 1`, updatedAt: w.now })
    .where(eq(plans.id, planId));
}

function invalid(path: string, message: string): AppError {
  return new AppError("validation.failed", message, [{ path, message }]);
}

async function goalOfPlan(db: DbOrTx, planId: string, goalId: string, path: string) {
  const [goal] = isUuid(goalId)
    ? await db
        .select()
        .from(planGoals)
        .where(and(eq(planGoals.id, goalId), eq(planGoals.planId, planId)))
    : [];
  if (!goal) throw invalid(path, "Choose one of this plan's goals.");
  return goal;
}

// ---------- read model ----------

type Who = { id: string; name: string };

export type ParticipationThread = {
  id: string;
  kind: ThreadKind;
  goalId: string | null;
  subject: string;
  /** The kind of resource a support request asked for, if any. */
  resourceKind: ResourceKind | null;
  status: "open" | "answered" | "closed";
  createdBy: Who;
  createdAt: string;
  messages: { id: string; author: Who; body: string; createdAt: string }[];
};

export type ParticipationCheckin = {
  id: string;
  scheduledOn: string;
  status: CheckinStatus;
  heldOn: string | null;
  confidence: number | null;
  managerNotes: string;
  employeeNotes: string;
  nextSteps: string;
  recordedBy: Who | null;
  recordedAt: string | null;
  goals: { goalId: string; value: number | null; status: GoalStatus; note: string }[];
  resources: { resourceId: string; delivered: boolean }[];
};

export type GoalProgress = {
  goalId: string;
  description: string;
  metric: string;
  baseline: number | null;
  target: number | null;
  direction: "up" | "down";
  unit: string;
  dueDate: string | null;
  /** Values recorded at held check-ins, oldest first. */
  points: { date: string; value: number; status: GoalStatus }[];
  milestones: { date: string; title: string; target: number | null; earlyWin: boolean }[];
};

export type Participation = {
  threads: ParticipationThread[];
  actionItems: {
    id: string;
    goalId: string | null;
    title: string;
    dueDate: string | null;
    done: boolean;
    doneAt: string | null;
    createdAt: string;
  }[];
  achievements: {
    id: string;
    goalId: string | null;
    body: string;
    occurredOn: string;
    createdAt: string;
  }[];
  responses: { id: string; section: string; body: string; author: Who; createdAt: string }[];
  checkins: ParticipationCheckin[];
  goalProgress: GoalProgress[];
  confidenceTrend: { date: string; confidence: number }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Everything about taking part in a plan, as the given actor may see it. Nothing here is private:
 * both sides see both sides' notes of every check-in (private notes live elsewhere).
 */
export async function loadParticipation(
  db: DbOrTx,
  { planId, actor, now }: { planId: string; actor: PersonActor; now?: Date },
): Promise<Participation> {
  await loadPlanFor(db, { planId, actor, action: "plan.view", now });
  return readParticipation(db, { planId });
}

// The participation's queries, prepared once (see reusable in db/client.ts).
const byPlanId = sql.placeholder("planId");
const threadsOf = reusable("plans_threads_of", (db) =>
  db
    .select()
    .from(planThreads)
    .where(eq(planThreads.planId, byPlanId))
    .orderBy(asc(planThreads.createdAt), asc(planThreads.id)),
);
const messagesOf = reusable("plans_thread_messages_of", (db) =>
  db
    .select({ m: planThreadMessages })
    .from(planThreadMessages)
    .innerJoin(planThreads, eq(planThreads.id, planThreadMessages.threadId))
    .where(eq(planThreads.planId, byPlanId))
    .orderBy(asc(planThreadMessages.createdAt), asc(planThreadMessages.id)),
);
const actionItemsOf = reusable("plans_action_items_of", (db) =>
  db
    .select()
    .from(planActionItems)
    .where(eq(planActionItems.planId, byPlanId))
    .orderBy(asc(planActionItems.createdAt), asc(planActionItems.id)),
);
const achievementsOf = reusable("plans_achievements_of", (db) =>
  db
    .select()
    .from(planAchievements)
    .where(eq(planAchievements.planId, byPlanId))
    .orderBy(asc(planAchievements.occurredOn), asc(planAchievements.createdAt)),
);
const responsesOf = reusable("plans_responses_of", (db) =>
  db
    .select()
    .from(planResponses)
    .where(eq(planResponses.planId, byPlanId))
    .orderBy(asc(planResponses.createdAt), asc(planResponses.id)),
);
const checkinsOf = reusable("plans_checkins_of", (db) =>
  db
    .select()
    .from(planCheckins)
    .where(eq(planCheckins.planId, byPlanId))
    .orderBy(asc(planCheckins.scheduledOn)),
);
const checkinGoalsOf = reusable("plans_checkin_goals_of", (db) =>
  db.select().from(planCheckinGoals).where(anyOfIds(planCheckinGoals.checkinId)),
);
const checkinResourcesOf = reusable("plans_checkin_resources_of", (db) =>
  db.select().from(planCheckinResources).where(anyOfIds(planCheckinResources.checkinId)),
);

/** A plan's goals as the plan document has them (with milestones), to save reading them twice. */
type GoalsWithMilestones = (typeof planGoals.$inferSelect & {
  milestones: (typeof planMilestones.$inferSelect)[];
})[];

/**
 * The participation of a plan already loaded and authorized by the caller. Given the plan
 * document's goals, it does not read the goals and milestones again.
 */
export async function readParticipation(
  db: DbOrTx,
  { planId, goals: knownGoals }: { planId: string; goals?: GoalsWithMilestones },
): Promise<Participation> {
  const values = { planId };
  const [threadRows, messageRows, items, achievements, responses, checkins, goals] = await allOf(
    db,
    [
      () => threadsOf(db, values),
      () => messagesOf(db, values),
      () => actionItemsOf(db, values),
      () => achievementsOf(db, values),
      () => responsesOf(db, values),
      () => checkinsOf(db, values),
      () => knownGoals ?? findGoals(db, planId),
    ],
  );
  const checkinIds = checkins.map((c) => c.id);
  const goalIds = goals.map((g) => g.id);
  const [goalValues, delivered, milestones] = await allOf(db, [
    () => (checkinIds.length ? checkinGoalsOf(db, { ids: checkinIds }) : []),
    () => (checkinIds.length ? checkinResourcesOf(db, { ids: checkinIds }) : []),
    () =>
      knownGoals
        ? knownGoals.flatMap((g) => g.milestones)
        : goalIds.length
          ? findMilestonesOfGoals(db, goalIds)
          : [],
  ]);

  const authorIds = [
    ...threadRows.map((t) => t.createdById),
    ...messageRows.map((r) => r.m.authorId),
    ...responses.map((r) => r.authorId),
    ...checkins.flatMap((c) => (c.recordedById ? [c.recordedById] : [])),
  ];
  const names = new Map(
    (await findPeopleByIds(db, [...new Set(authorIds)])).map((p) => [p.id, p.name]),
  );
  const who = (id: string): Who => ({ id, name: names.get(id) ?? "Someone" });

  const held = checkins.filter((c) => c.status === "held");
  const dateOf = (c: (typeof checkins)[number]) => c.heldOn ?? c.scheduledOn;
  const heldInOrder = [...held].sort((a, b) => dateOf(a).localeCompare(dateOf(b)));
  const heldIds = new Map(heldInOrder.map((c, i) => [c.id, i]));

  return {
    threads: threadRows.map((t) =>
      presentThread(
        t,
        messageRows.filter((r) => r.m.threadId === t.id).map((r) => r.m),
        who,
      ),
    ),
    actionItems: items.map((i) => ({
      id: i.id,
      goalId: i.goalId,
      title: i.title,
      dueDate: i.dueDate,
      done: i.doneAt !== null,
      doneAt: iso(i.doneAt),
      createdAt: i.createdAt.toISOString(),
    })),
    achievements: achievements.map((a) => ({
      id: a.id,
      goalId: a.goalId,
      body: a.body,
      occurredOn: a.occurredOn,
      createdAt: a.createdAt.toISOString(),
    })),
    responses: responses.map((r) => ({
      id: r.id,
      section: r.section,
      body: r.body,
      author: who(r.authorId),
      createdAt: r.createdAt.toISOString(),
    })),
    checkins: checkins.map((c) => ({
      id: c.id,
      scheduledOn: c.scheduledOn,
      status: c.status,
      heldOn: c.heldOn,
      confidence: c.confidence,
      managerNotes: c.managerNotes,
      employeeNotes: c.employeeNotes,
      nextSteps: c.nextSteps,
      recordedBy: c.recordedById ? who(c.recordedById) : null,
      recordedAt: iso(c.recordedAt),
      goals: goalValues
        .filter((v) => v.checkinId === c.id)
        .sort((a, b) => goalIds.indexOf(a.goalId) - goalIds.indexOf(b.goalId))
        .map((v) => ({ goalId: v.goalId, value: v.value, status: v.status, note: v.note })),
      resources: delivered
        .filter((d) => d.checkinId === c.id)
        .map((d) => ({ resourceId: d.resourceId, delivered: d.delivered })),
    })),
    goalProgress: goals.map((g) => ({
      goalId: g.id,
      description: g.description,
      metric: g.metric,
      baseline: g.baseline,
      target: g.target,
      direction: g.direction,
      unit: g.unit,
      dueDate: g.dueDate,
      points: goalValues
        .filter((v) => v.goalId === g.id && v.value !== null && heldIds.has(v.checkinId))
        .sort((a, b) => heldIds.get(a.checkinId)! - heldIds.get(b.checkinId)!)
        .map((v) => ({
          date: dateOf(heldInOrder[heldIds.get(v.checkinId)!]!),
          value: v.value!,
          status: v.status,
        })),
      milestones: milestones
        .filter((m) => m.goalId === g.id)
        .map((m) => ({ date: m.dueDate, title: m.title, target: m.target, earlyWin: m.earlyWin })),
    })),
    confidenceTrend: heldInOrder
      .filter((c) => c.confidence !== null)
      .map((c) => ({ date: dateOf(c), confidence: c.confidence! })),
  };
}

// ---------- schedule ----------

/**
 * Creates the scheduled check-ins when a plan starts, or reschedules them after an extension or a
 * change of cadence. Idempotent: held and missed check-ins stay as they are, future dates of the
 * schedule that are missing are added, and future scheduled check-ins no longer on it are removed
 * (unless the employee already wrote their part in one). Past dates are never added: a plan that
 * starts late is not born with missed check-ins.
 */
export async function scheduleCheckins(
  _deps: Deps,
  w: Write,
  plan: { id: string; startDate: string; endDate: string; cadenceDays: number },
): Promise<{ added: string[]; removed: string[] }> {
  const today = isoDay(w.now);
  const wanted = new Set(checkinDates(plan).filter((d) => d >= today));
  const existing = await w.tx
    .select()
    .from(planCheckins)
    .where(eq(planCheckins.planId, plan.id))
    .for("update");
  const have = new Set(existing.map((c) => c.scheduledOn));
  const stale = existing.filter(
    (c) =>
      c.status === "scheduled" &&
      c.scheduledOn >= today &&
      !wanted.has(c.scheduledOn) &&
      c.confidence === null &&
      c.employeeNotes === "" &&
      c.recordedAt === null,
  );
  const added = [...wanted].filter((d) => !have.has(d)).sort();
  if (stale.length)
    await w.tx.delete(planCheckins).where(
      inArray(
        planCheckins.id,
        stale.map((c) => c.id),
      ),
    );
  if (added.length)
    await w.tx
      .insert(planCheckins)
      .values(added.map((scheduledOn) => ({ planId: plan.id, scheduledOn })))
      .onConflictDoNothing();
  const removed = stale.map((c) => c.scheduledOn).sort();
  if (added.length || removed.length) {
    await w.audit({
      actor: { kind: "system", label: "scheduler" },
      action: "plan.checkins_scheduled",
      subjectType: "plan",
      subjectId: plan.id,
      data: { added: added.length, removed: removed.length, cadenceDays: plan.cadenceDays },
      change: { added, removed, startDate: plan.startDate, endDate: plan.endDate },
    });
  }
  return { added, removed };
}

// ---------- the employee answers ----------

/** "Do you see what I see?": the employee's answer to one evidence item. */
export async function answerEvidence(
  deps: Deps,
  {
    actor,
    planId,
    evidenceId,
    answer,
    side,
    links,
  }: {
    actor: PersonActor;
    planId: string;
    evidenceId: string;
    answer: EvidenceAnswer;
    side: string;
    links: string[];
  },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.respond" });
    const [item] = isUuid(evidenceId)
      ? await w.tx
          .select()
          .from(planEvidence)
          .where(and(eq(planEvidence.id, evidenceId), eq(planEvidence.planId, plan.id)))
      : [];
    if (!item) throw notFound("evidence");
    if (answer === "different" && !side.trim())
      throw invalid("side", "Say how you see it: your side is what makes the answer useful.");
    const [row] = await w.tx
      .update(planEvidence)
      .set({ answer, employeeSide: side, employeeLinks: links, answeredAt: w.now })
      .where(eq(planEvidence.id, item.id))
      .returning();
    await w.audit({
      actor,
      action: "plan.evidence_answered",
      subjectType: "plan",
      subjectId: plan.id,
      data: { evidenceId: item.id, answer, links: links.length },
      change: { evidenceId: item.id, answer, side, links },
    });
    await notify(deps, w, {
      personIds: otherSide(plan, actor, ["manager"]),
      kind: "plan.evidence_answered",
      title:
        answer === "same"
          ? `${actor.name} sees "${item.title}" the same way`
          : `${actor.name} sees "${item.title}" differently`,
      body:
        answer === "different"
          ? "Read their side on the plan before the next check-in."
          : "They agree with this evidence item.",
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
    });
    return {
      id: row!.id,
      answer: row!.answer!,
      side: row!.employeeSide,
      links: row!.employeeLinks,
      answeredAt: row!.answeredAt!.toISOString(),
    };
  });
}

/** The employee's own view of a root cause. */
export async function setCauseView(
  deps: Deps,
  {
    actor,
    planId,
    causeId,
    text,
  }: { actor: PersonActor; planId: string; causeId: string; text: string },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.respond" });
    const [cause] = isUuid(causeId)
      ? await w.tx
          .select()
          .from(planCauses)
          .where(and(eq(planCauses.id, causeId), eq(planCauses.planId, plan.id)))
      : [];
    if (!cause) throw notFound("cause");
    await w.tx.update(planCauses).set({ employeeView: text }).where(eq(planCauses.id, cause.id));
    await w.audit({
      actor,
      action: "plan.cause_view_set",
      subjectType: "plan",
      subjectId: plan.id,
      data: { causeId: cause.id, cause: cause.cause, fields: ["employeeView"] },
      change: { causeId: cause.id, employeeView: text },
    });
    await notify(deps, w, {
      personIds: otherSide(plan, actor, ["manager"]),
      kind: "plan.cause_view_set",
      title: `${actor.name} added their view on a root cause`,
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
    });
    return { id: cause.id, cause: cause.cause, employeeView: text };
  });
}

const fixedSections = ["standard", "diagnosis", "schedule"] as const;

/**
 * A response to one section of the plan, point by point. Append-only: a response is never edited
 * or deleted; a second thought is a second response.
 */
export async function addResponse(
  deps: Deps,
  {
    actor,
    planId,
    section,
    body,
  }: { actor: PersonActor; planId: string; section: string; body: string },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.respond" });
    await checkSection(w.tx, plan.id, section);
    const [row] = await w.tx
      .insert(planResponses)
      .values({ planId: plan.id, section, authorId: actor.personId, body, createdAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: "plan.response_added",
      subjectType: "plan",
      subjectId: plan.id,
      data: { responseId: row!.id, section },
      change: { section, body },
    });
    await notify(deps, w, {
      personIds: otherSide(plan, actor, ["manager", "hr"]),
      kind: "plan.response_added",
      title: `${actor.name} responded to the plan`,
      body: "Their response stays attached to the plan's record.",
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
    });
    return {
      id: row!.id,
      section: row!.section,
      body: row!.body,
      author: { id: actor.personId, name: actor.name },
      createdAt: row!.createdAt.toISOString(),
    };
  });
}

async function checkSection(db: DbOrTx, planId: string, section: string) {
  if ((fixedSections as readonly string[]).includes(section)) return;
  const message =
    'Respond to "standard", "diagnosis", "schedule", or one of this plan\'s items as "evidence:<id>" or "goal:<id>".';
  const [kind, id = ""] = section.split(/:(.*)/s);
  if ((kind !== "evidence" && kind !== "goal") || !isUuid(id)) throw invalid("section", message);
  const table = kind === "evidence" ? planEvidence : planGoals;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, id), eq(table.planId, planId)));
  if (!row) throw invalid("section", message);
}

// ---------- threads: clarification and support ----------

export async function openThread(
  deps: Deps,
  {
    actor,
    planId,
    kind,
    goalId,
    subject,
    body,
    resourceKind,
  }: {
    actor: PersonActor;
    planId: string;
    kind: ThreadKind;
    goalId?: string | null;
    subject: string;
    body: string;
    resourceKind?: ResourceKind | null;
  },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.respond" });
    if (goalId) await goalOfPlan(w.tx, plan.id, goalId, "goalId");
    const [thread] = await w.tx
      .insert(planThreads)
      .values({
        planId: plan.id,
        goalId: goalId ?? null,
        kind,
        subject,
        resourceKind: kind === "support" ? (resourceKind ?? null) : null,
        createdById: actor.personId,
        createdAt: w.now,
      })
      .returning();
    const [message] = await w.tx
      .insert(planThreadMessages)
      .values({ threadId: thread!.id, authorId: actor.personId, body, createdAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: kind === "clarification" ? "plan.clarification_asked" : "plan.support_requested",
      subjectType: "plan",
      subjectId: plan.id,
      data: { threadId: thread!.id, goalId: goalId ?? null, resourceKind: resourceKind ?? null },
      change: { subject, body, resourceKind },
    });
    if (kind === "clarification") {
      await notify(deps, w, {
        personIds: otherSide(plan, actor, ["manager"]),
        kind: "plan.clarification_asked",
        title: `${actor.name} asked for clarification`,
        body: `"${subject}" is waiting for your answer.`,
        link: planLink(plan.id),
        subjectType: "plan",
        subjectId: plan.id,
      });
    } else {
      await notify(deps, w, {
        personIds: otherSide(plan, actor, ["manager", "hr"]),
        kind: "plan.support_requested",
        title: `${actor.name} asked for support`,
        body: `"${subject}": they asked for ${resourceKind ? `a resource (${resourceKind.replace("_", " ")})` : "support"} to reach their goals.`,
        link: planLink(plan.id),
        subjectType: "plan",
        subjectId: plan.id,
      });
    }
    return threadView(w.tx, thread!.id, [message!]);
  });
}

async function threadView(
  db: DbOrTx,
  threadId: string,
  messages?: (typeof planThreadMessages.$inferSelect)[],
): Promise<ParticipationThread> {
  const [t] = await db.select().from(planThreads).where(eq(planThreads.id, threadId));
  const rows =
    messages ??
    (await db
      .select()
      .from(planThreadMessages)
      .where(eq(planThreadMessages.threadId, threadId))
      .orderBy(asc(planThreadMessages.createdAt), asc(planThreadMessages.id)));
  const names = new Map(
    (await findPeopleByIds(db, [t!.createdById, ...rows.map((m) => m.authorId)])).map((p) => [
      p.id,
      p.name,
    ]),
  );
  const who = (id: string) => ({ id, name: names.get(id) ?? "Someone" });
  return presentThread(t!, rows, who);
}

/** One thread with its messages, as both the plan page and the thread endpoints show it. */
function presentThread(
  t: typeof planThreads.$inferSelect,
  messages: (typeof planThreadMessages.$inferSelect)[],
  who: (id: string) => Who,
): ParticipationThread {
  return {
    id: t.id,
    kind: t.kind,
    goalId: t.goalId,
    subject: t.subject,
    resourceKind: t.resourceKind,
    status: t.status,
    createdBy: who(t.createdById),
    createdAt: t.createdAt.toISOString(),
    messages: messages.map((m) => ({
      id: m.id,
      author: who(m.authorId),
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

/** Loads a thread of a plan the actor takes part in, as employee or as manager/HR. */
async function loadThread(
  w: Write,
  { actor, planId, threadId }: { actor: PersonActor; planId: string; threadId: string },
) {
  const { plan, resource } = await loadPlanFor(w.tx, {
    planId,
    actor,
    action: "plan.view",
    lock: true,
  });
  const byEmployee = plan.employeeId === actor.personId;
  authorizePlan(actor, byEmployee ? "plan.respond" : "plan.answer_thread", plan, resource);
  const [thread] = isUuid(threadId)
    ? await w.tx
        .select()
        .from(planThreads)
        .where(and(eq(planThreads.id, threadId), eq(planThreads.planId, plan.id)))
    : [];
  if (!thread) throw notFound("thread");
  return { plan, thread, byEmployee };
}

/**
 * A message in a thread. The manager or HR answering marks it answered; the employee replying
 * (re)opens it, so a thread waits on whoever must answer next.
 */
export async function postThreadMessage(
  deps: Deps,
  {
    actor,
    planId,
    threadId,
    body,
  }: { actor: PersonActor; planId: string; threadId: string; body: string },
) {
  return write(deps, async (w) => {
    const { plan, thread, byEmployee } = await loadThread(w, { actor, planId, threadId });
    await w.tx
      .insert(planThreadMessages)
      .values({ threadId: thread.id, authorId: actor.personId, body, createdAt: w.now });
    const status = byEmployee ? "open" : "answered";
    await w.tx.update(planThreads).set({ status }).where(eq(planThreads.id, thread.id));
    await w.audit({
      actor,
      action: byEmployee ? "plan.thread_replied" : "plan.thread_answered",
      subjectType: "plan",
      subjectId: plan.id,
      data: { threadId: thread.id, kind: thread.kind, status },
      change: { threadId: thread.id, body },
    });
    await notify(deps, w, {
      personIds: byEmployee
        ? otherSide(plan, actor, thread.kind === "support" ? ["manager", "hr"] : ["manager"])
        : otherSide(plan, actor, ["employee"]),
      kind: byEmployee ? "plan.thread_replied" : "plan.thread_answered",
      title: byEmployee
        ? `${actor.name} replied: "${thread.subject}"`
        : `${actor.name} answered: "${thread.subject}"`,
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
    });
    return threadView(w.tx, thread.id);
  });
}

export async function closeThread(
  deps: Deps,
  { actor, planId, threadId }: { actor: PersonActor; planId: string; threadId: string },
) {
  return write(deps, async (w) => {
    const { plan, thread, byEmployee } = await loadThread(w, { actor, planId, threadId });
    if (thread.status !== "closed") {
      await w.tx.update(planThreads).set({ status: "closed" }).where(eq(planThreads.id, thread.id));
    }
    await w.audit({
      actor,
      action: "plan.thread_closed",
      subjectType: "plan",
      subjectId: plan.id,
      data: { threadId: thread.id, kind: thread.kind, was: thread.status },
    });
    await notify(deps, w, {
      personIds: byEmployee
        ? otherSide(plan, actor, ["manager"])
        : otherSide(plan, actor, ["employee"]),
      kind: "plan.thread_closed",
      title: `${actor.name} closed "${thread.subject}"`,
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
      email: false,
    });
    return threadView(w.tx, thread.id);
  });
}

/** The manager (or HR) accepts a support request: it becomes a resource on the goal. */
export async function acceptSupport(
  deps: Deps,
  {
    actor,
    planId,
    threadId,
    kind,
    description,
    link,
    mentorId,
    goalId,
  }: {
    actor: PersonActor;
    planId: string;
    threadId: string;
    kind: ResourceKind;
    description: string;
    link?: string;
    mentorId?: string | null;
    goalId?: string | null;
  },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, {
      planId,
      actor,
      action: "plan.answer_thread",
      lock: true,
    });
    const [thread] = isUuid(threadId)
      ? await w.tx
          .select()
          .from(planThreads)
          .where(and(eq(planThreads.id, threadId), eq(planThreads.planId, plan.id)))
      : [];
    if (!thread) throw notFound("thread");
    if (thread.kind !== "support")
      throw new AppError(
        "thread.not_support",
        "Only a support request can be accepted as a resource; answer a clarification instead.",
      );
    const onGoal = goalId ?? thread.goalId;
    if (!onGoal) throw invalid("goalId", "Choose the goal this resource supports.");
    const goal = await goalOfPlan(w.tx, plan.id, onGoal, "goalId");
    if (kind === "mentor" && !mentorId)
      throw invalid("mentorId", "Choose the mentor from the directory.");
    if (mentorId) {
      const [mentor] = await findPeopleByIds(w.tx, [mentorId]);
      if (!mentor?.active || mentor.id === plan.employeeId)
        throw invalid("mentorId", "Choose an active person, other than the employee, as mentor.");
    }
    const [resource] = await w.tx
      .insert(planResources)
      .values({
        goalId: goal.id,
        kind,
        description,
        link: link ?? "",
        mentorId: mentorId ?? null,
        status: "offered",
        requestedByEmployee: true,
      })
      .returning();
    await w.tx.insert(planThreadMessages).values({
      threadId: thread.id,
      authorId: actor.personId,
      body: `Accepted: ${description}`,
      createdAt: w.now,
    });
    await w.tx.update(planThreads).set({ status: "answered" }).where(eq(planThreads.id, thread.id));
    await touchPlan(w, plan.id);
    await w.audit({
      actor,
      action: "plan.support_accepted",
      subjectType: "plan",
      subjectId: plan.id,
      data: { threadId: thread.id, resourceId: resource!.id, goalId: goal.id, kind },
      change: { description, link, mentorId },
    });
    await notify(deps, w, {
      personIds: otherSide(plan, actor, ["employee"]),
      kind: "plan.support_accepted",
      title: `Your request "${thread.subject}" was accepted`,
      body: `It is now a resource on your goal: ${description}`,
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
    });
    return {
      resource: {
        id: resource!.id,
        goalId: resource!.goalId,
        kind: resource!.kind,
        description: resource!.description,
        link: resource!.link,
        mentorId: resource!.mentorId,
        status: resource!.status,
        requestedByEmployee: resource!.requestedByEmployee,
      },
      thread: await threadView(w.tx, thread.id),
    };
  });
}

// ---------- resources ----------

/** Whether a committed resource was actually delivered: the record of support given. */
export async function setResourceStatus(
  deps: Deps,
  {
    actor,
    planId,
    resourceId,
    status,
  }: { actor: PersonActor; planId: string; resourceId: string; status: ResourceStatus },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.manage", lock: true });
    const [found] = isUuid(resourceId)
      ? await w.tx
          .select({ r: planResources })
          .from(planResources)
          .innerJoin(planGoals, eq(planGoals.id, planResources.goalId))
          .where(and(eq(planResources.id, resourceId), eq(planGoals.planId, plan.id)))
      : [];
    if (!found) throw notFound("resource");
    const [row] = await w.tx
      .update(planResources)
      .set({ status })
      .where(eq(planResources.id, found.r.id))
      .returning();
    await touchPlan(w, plan.id);
    await w.audit({
      actor,
      action: "plan.resource_status_set",
      subjectType: "plan",
      subjectId: plan.id,
      data: { resourceId: found.r.id, from: found.r.status, to: status },
    });
    return {
      id: row!.id,
      goalId: row!.goalId,
      kind: row!.kind,
      description: row!.description,
      link: row!.link,
      mentorId: row!.mentorId,
      status: row!.status,
      requestedByEmployee: row!.requestedByEmployee,
    };
  });
}

// ---------- the employee's action plan and achievements ----------

function actionItemView(i: typeof planActionItems.$inferSelect) {
  return {
    id: i.id,
    goalId: i.goalId,
    title: i.title,
    dueDate: i.dueDate,
    done: i.doneAt !== null,
    doneAt: iso(i.doneAt),
    createdAt: i.createdAt.toISOString(),
  };
}

export async function addActionItem(
  deps: Deps,
  {
    actor,
    planId,
    goalId,
    title,
    dueDate,
  }: { actor: PersonActor; planId: string; goalId: string; title: string; dueDate?: string | null },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.respond" });
    await goalOfPlan(w.tx, plan.id, goalId, "goalId");
    const [row] = await w.tx
      .insert(planActionItems)
      .values({ planId: plan.id, goalId, title, dueDate: dueDate ?? null, createdAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: "plan.action_item_added",
      subjectType: "plan",
      subjectId: plan.id,
      data: { actionItemId: row!.id, goalId },
      change: { title, dueDate },
    });
    return actionItemView(row!);
  });
}

async function loadActionItem(w: Write, planId: string, itemId: string) {
  const [item] = isUuid(itemId)
    ? await w.tx
        .select()
        .from(planActionItems)
        .where(and(eq(planActionItems.id, itemId), eq(planActionItems.planId, planId)))
    : [];
  if (!item) throw notFound("action_item");
  return item;
}

export async function updateActionItem(
  deps: Deps,
  {
    actor,
    planId,
    itemId,
    patch,
  }: {
    actor: PersonActor;
    planId: string;
    itemId: string;
    patch: { title?: string; dueDate?: string | null; done?: boolean };
  },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.respond" });
    const item = await loadActionItem(w, plan.id, itemId);
    const set: Partial<typeof planActionItems.$inferInsert> = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.dueDate !== undefined) set.dueDate = patch.dueDate;
    if (patch.done !== undefined && patch.done !== (item.doneAt !== null))
      set.doneAt = patch.done ? w.now : null;
    const [row] = Object.keys(set).length
      ? await w.tx
          .update(planActionItems)
          .set(set)
          .where(eq(planActionItems.id, item.id))
          .returning()
      : [item];
    await w.audit({
      actor,
      action: "plan.action_item_updated",
      subjectType: "plan",
      subjectId: plan.id,
      data: { actionItemId: item.id, fields: Object.keys(patch), done: patch.done },
      change: patch,
    });
    return actionItemView(row!);
  });
}

export async function deleteActionItem(
  deps: Deps,
  { actor, planId, itemId }: { actor: PersonActor; planId: string; itemId: string },
) {
  await write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.respond" });
    const item = await loadActionItem(w, plan.id, itemId);
    await w.tx.delete(planActionItems).where(eq(planActionItems.id, item.id));
    await w.audit({
      actor,
      action: "plan.action_item_deleted",
      subjectType: "plan",
      subjectId: plan.id,
      data: { actionItemId: item.id, goalId: item.goalId },
      change: { title: item.title },
    });
  });
}

export async function addAchievement(
  deps: Deps,
  {
    actor,
    planId,
    goalId,
    body,
    occurredOn,
  }: {
    actor: PersonActor;
    planId: string;
    goalId?: string | null;
    body: string;
    occurredOn: string;
  },
) {
  return write(deps, async (w) => {
    const { plan } = await loadPlanFor(w.tx, { planId, actor, action: "plan.respond" });
    if (goalId) await goalOfPlan(w.tx, plan.id, goalId, "goalId");
    if (occurredOn > isoDay(w.now))
      throw invalid("occurredOn", "Log an achievement once it has happened: today or earlier.");
    const [row] = await w.tx
      .insert(planAchievements)
      .values({ planId: plan.id, goalId: goalId ?? null, body, occurredOn, createdAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: "plan.achievement_logged",
      subjectType: "plan",
      subjectId: plan.id,
      data: { achievementId: row!.id, goalId: goalId ?? null, occurredOn },
      change: { body },
    });
    await notify(deps, w, {
      personIds: otherSide(plan, actor, ["manager"]),
      kind: "plan.achievement_logged",
      title: `${actor.name} logged an achievement`,
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
      email: false,
    });
    return {
      id: row!.id,
      goalId: row!.goalId,
      body: row!.body,
      occurredOn: row!.occurredOn,
      createdAt: row!.createdAt.toISOString(),
    };
  });
}
