import { and, asc, eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { PersonResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx, Tx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { findResourceLinks, type ResourceLinks } from "../catalogue/catalogue.attach.repository.js";
import { pickCatalogueItem } from "../catalogue/catalogue.attach.service.js";
import { requestMentorshipIn } from "../mentoring/mentoring.service.js";
import { notify } from "../notify/notify.service.js";
import { isUuid } from "../org/org.repository.js";
import { visibleSourcePlan, visibleSourcePlans } from "../plans/plans.sealing.service.js";
import type { ResourceKind, ResourceStatus } from "../plans/plans.types.js";
import { checkGoal } from "../review/review.language.js";
import {
  findGoalById,
  findGoalForUpdate,
  findGoalsOfPerson,
  findGoalUpdates,
  findMeetingOfPerson,
  findNames,
  type GoalRow,
  type GoalUpdateRow,
  growthSummary,
} from "./growth.repository.js";
import {
  dueOnProblems,
  type GoalStatus,
  goalCheckText,
  goalTransitionAllowed,
  isoDay,
} from "./growth.rules.js";
import { findSubject, invalid, loadCoachingSubject, personRef } from "./growth.service.js";
import { growthGoalResources, growthGoals, growthGoalUpdates } from "./growth.table.js";

// Growth goals: every employee has them, not only people on a plan. The person and their direct
// manager write them; skip-level managers (where allowed) and HR in scope read them.

export { growthSummary };

const FORBIDDEN = "Only the person and their direct manager can change their growth goals.";

function presentGoal(
  g: GoalRow,
  names: Map<string, string>,
  resource: PersonResource,
  actor: PersonActor,
  /** The success plan it carries on from, only when the viewer may still see that plan. */
  sourcePlan: { id: string } | null = null,
) {
  return {
    id: g.id,
    personId: g.personId,
    createdBy: personRef(g.createdById, names),
    title: g.title,
    specific: g.specific,
    measure: g.measure,
    baseline: g.baseline,
    target: g.target,
    relevance: g.relevance,
    dueOn: g.dueOn,
    status: g.status,
    progress: g.progress,
    version: g.version,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
    /** The goal language checker's hints on title + specific; they never block. */
    check: checkGoal(goalCheckText(g)),
    abilities: { edit: g.status === "active" && can(actor, "coaching.edit", resource) },
    sourcePlan,
  };
}
export type GrowthGoal = ReturnType<typeof presentGoal>;

function presentUpdate(u: GoalUpdateRow) {
  return {
    id: u.id,
    author: { id: u.authorId, name: u.authorName },
    body: u.body,
    progress: u.progress,
    value: u.value,
    meeting: u.meetingId
      ? { id: u.meetingId, scheduledAt: u.meetingScheduledAt?.toISOString() ?? null }
      : null,
    createdAt: u.createdAt.toISOString(),
  };
}
export type GrowthGoalUpdate = ReturnType<typeof presentUpdate>;

async function goalDetail(
  db: DbOrTx,
  goal: GoalRow,
  resource: PersonResource,
  actor: PersonActor,
  /** Whether a sealed source plan may still be seen depends on the time. */
  now: Date,
) {
  const rows = await db
    .select()
    .from(growthGoalResources)
    .where(eq(growthGoalResources.goalId, goal.id))
    .orderBy(asc(growthGoalResources.createdAt), asc(growthGoalResources.id));
  const names = await findNames(db, [goal.createdById, ...rows.flatMap((r) => r.mentorId ?? [])]);
  const updates = (await findGoalUpdates(db, goal.id)).map(presentUpdate);
  const links = await findResourceLinks(db, { on: "growth", resources: rows });
  const resources = rows.map((r) => presentResource(r, names, links(r.id)));
  const sourcePlan = await visibleSourcePlan(db, { actor, planId: goal.sourcePlanId, now });
  return { ...presentGoal(goal, names, resource, actor, sourcePlan), updates, resources };
}

type GoalResourceRow = typeof growthGoalResources.$inferSelect;

function presentResource(r: GoalResourceRow, names: Map<string, string>, links: ResourceLinks) {
  return {
    id: r.id,
    kind: r.kind,
    description: r.description,
    link: r.link,
    mentor: r.mentorId ? personRef(r.mentorId, names) : null,
    catalogueItemId: r.catalogueItemId,
    sessionId: r.catalogueSessionId,
    /** The workshop date, and the mentor's answer when a mentor was asked. */
    sessionStartsAt: links.sessionStartsAt,
    mentorshipStatus: links.mentorshipStatus,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  };
}
export type GrowthGoalResource = ReturnType<typeof presentResource>;
export type GrowthGoalDetail = Awaited<ReturnType<typeof goalDetail>>;

export async function listGoals(
  deps: Deps,
  { actor, personId }: { actor: PersonActor; personId: string },
) {
  const db = deps.database.db;
  const { person, resource } = await loadCoachingSubject(db, actor, personId);
  const rows = await findGoalsOfPerson(db, person.id);
  const names = await findNames(
    db,
    rows.map((r) => r.createdById),
  );
  const sources = await visibleSourcePlans(db, {
    actor,
    planIds: rows.map((r) => r.sourcePlanId),
    now: deps.clock(),
  });
  return {
    items: rows.map((g) =>
      presentGoal(g, names, resource, actor, sources.get(g.sourcePlanId ?? "") ?? null),
    ),
    summary: await growthSummary(db, person.id),
    abilities: { create: can(actor, "coaching.edit", resource) },
  };
}
export type GrowthGoalList = Awaited<ReturnType<typeof listGoals>>;

/** The goal if the actor may see its person's coaching records; otherwise the same 404. */
async function loadGoal(db: DbOrTx, actor: PersonActor, id: string) {
  const goal = await findGoalById(db, id);
  if (!goal) throw notFound("growth goal", "growth_goal.not_found");
  const subject = await findSubject(db, goal.personId);
  if (!subject || !can(actor, "coaching.view", subject.resource))
    throw notFound("growth goal", "growth_goal.not_found");
  return { goal, resource: subject.resource };
}

/** The same, locked for writing, and only for those who may write it. */
async function lockGoal(tx: Tx, actor: PersonActor, id: string) {
  const goal = await findGoalForUpdate(tx, id);
  if (!goal) throw notFound("growth goal", "growth_goal.not_found");
  const subject = await findSubject(tx, goal.personId);
  if (!subject || !can(actor, "coaching.view", subject.resource))
    throw notFound("growth goal", "growth_goal.not_found");
  if (!can(actor, "coaching.edit", subject.resource))
    throw new AppError("growth_goal.forbidden", FORBIDDEN);
  return { goal, resource: subject.resource };
}

export async function getGoal(deps: Deps, { actor, id }: { actor: PersonActor; id: string }) {
  const db = deps.database.db;
  const { goal, resource } = await loadGoal(db, actor, id);
  return goalDetail(db, goal, resource, actor, deps.clock());
}

export type GoalInput = {
  title: string;
  specific: string;
  measure: string;
  baseline: number | null;
  target: number | null;
  relevance: string;
  dueOn: string | null;
};

export async function createGoal(
  deps: Deps,
  { actor, personId, input }: { actor: PersonActor; personId: string; input: GoalInput },
): Promise<GrowthGoalDetail> {
  const { goal, resource } = await write(deps, async (w) => {
    const { person, resource } = await loadCoachingSubject(w.tx, actor, personId);
    if (!can(actor, "coaching.edit", resource))
      throw new AppError("growth_goal.forbidden", FORBIDDEN);
    const problems = dueOnProblems({ dueOn: input.dueOn, today: isoDay(w.now) });
    if (problems.length) throw invalid(problems);
    const [goal] = await w.tx
      .insert(growthGoals)
      .values({
        personId: person.id,
        createdById: actor.personId,
        ...input,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    // Goals are read by the person, their managers and HR, not by everyone who reads the log.
    await w.audit({
      actor,
      action: "growth_goal.created",
      subjectType: "growth_goal",
      subjectId: goal!.id,
      data: { personId: person.id },
      change: input,
    });
    if (person.id !== actor.personId)
      await notify(deps, w, {
        personIds: [person.id],
        kind: "growth_goal.created",
        title: `${actor.name} added a growth goal for you: ${input.title}`,
        link: `/growth-goals/${goal!.id}`,
        subjectType: "growth_goal",
        subjectId: goal!.id,
      });
    return { goal: goal!, resource };
  });
  return goalDetail(deps.database.db, goal, resource, actor, deps.clock());
}

export type GoalPatch = Partial<GoalInput> & { version: number; status?: GoalStatus };

const editable = [
  "title",
  "specific",
  "measure",
  "baseline",
  "target",
  "relevance",
  "dueOn",
  "status",
] as const;

/** A stale write answers 409 with the goal as it now stands. */
async function withCurrentGoal<T>(
  deps: Deps,
  actor: PersonActor,
  id: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === "growth_goal.conflict") {
      const current = await getGoal(deps, { actor, id }).catch(() => null);
      throw new AppError(err.code, err.message, {
        ...(err.details as Record<string, unknown>),
        goal: current,
      });
    }
    throw err;
  }
}

function checkVersion(goal: GoalRow, version: number) {
  if (goal.version !== version)
    throw new AppError(
      "growth_goal.conflict",
      "Someone changed this goal since you opened it. Nothing was saved: the current goal is attached — review it and make your change again.",
      { currentVersion: goal.version },
    );
}

const changedFields = (goal: GoalRow, input: GoalPatch) =>
  editable.filter((k) => input[k] !== undefined && input[k] !== (goal[k] as unknown));

export async function updateGoal(
  deps: Deps,
  { actor, id, input }: { actor: PersonActor; id: string; input: GoalPatch },
): Promise<GrowthGoalDetail> {
  const db = deps.database.db;
  return withCurrentGoal(deps, actor, id, async () => {
    // Saving what is already there changes nothing and records nothing.
    const current = await loadGoal(db, actor, id);
    if (!can(actor, "coaching.edit", current.resource))
      throw new AppError("growth_goal.forbidden", FORBIDDEN);
    checkVersion(current.goal, input.version);
    if (changedFields(current.goal, input).length === 0)
      return goalDetail(db, current.goal, current.resource, actor, deps.clock());
    const { goal, resource } = await saveGoal(deps, actor, id, input);
    return goalDetail(db, goal, resource, actor, deps.clock());
  });
}

function saveGoal(deps: Deps, actor: PersonActor, id: string, input: GoalPatch) {
  return write(deps, async (w) => {
    const { goal, resource } = await lockGoal(w.tx, actor, id);
    checkVersion(goal, input.version);
    const changed = changedFields(goal, input);
    if (goal.status !== "active")
      throw new AppError(
        "growth_goal.invalid_transition",
        `This goal is ${goal.status}: it no longer changes. Start a new goal instead.`,
      );
    const to = input.status ?? goal.status;
    if (!goalTransitionAllowed(goal.status, to))
      throw new AppError(
        "growth_goal.invalid_transition",
        "A goal is either active, or ends as achieved or dropped.",
      );
    if (changed.includes("dueOn")) {
      const problems = dueOnProblems({ dueOn: input.dueOn ?? null, today: isoDay(w.now) });
      if (problems.length) throw invalid(problems);
    }
    const set = Object.fromEntries(changed.map((k) => [k, input[k]]));
    const [updated] = await w.tx
      .update(growthGoals)
      .set({ ...set, version: goal.version + 1, updatedAt: w.now })
      .where(eq(growthGoals.id, goal.id))
      .returning();
    await w.audit({
      actor,
      action: to !== goal.status ? `growth_goal.${to}` : "growth_goal.edited",
      subjectType: "growth_goal",
      subjectId: goal.id,
      data: { personId: goal.personId, fields: changed, status: to, version: goal.version + 1 },
      change: set,
    });
    return { goal: updated!, resource };
  });
}

export type GoalUpdateInput = {
  body: string;
  progress: number;
  value: number | null;
  meetingId: string | null;
};

/**
 * A progress update; the goal's progress follows the latest one. An update touches progress
 * only, so it leaves the goal's version alone: it never makes an open edit stale.
 */
export async function addGoalUpdate(
  deps: Deps,
  { actor, id, input }: { actor: PersonActor; id: string; input: GoalUpdateInput },
): Promise<GrowthGoalDetail> {
  const { goal, resource } = await write(deps, async (w) => {
    const { goal, resource } = await lockGoal(w.tx, actor, id);
    if (goal.status !== "active")
      throw new AppError(
        "growth_goal.invalid_transition",
        `This goal is ${goal.status}: progress is recorded on active goals only.`,
      );
    if (input.meetingId && !(await findMeetingOfPerson(w.tx, input.meetingId, goal.personId)))
      throw invalid([
        { path: "meetingId", message: "Choose one of this person's 1:1 meetings, or none." },
      ]);
    const [row] = await w.tx
      .insert(growthGoalUpdates)
      .values({
        goalId: goal.id,
        authorId: actor.personId,
        body: input.body,
        progress: input.progress,
        value: input.value,
        meetingId: input.meetingId,
        createdAt: w.now,
      })
      .returning({ id: growthGoalUpdates.id });
    const [updated] = await w.tx
      .update(growthGoals)
      .set({ progress: input.progress, updatedAt: w.now })
      .where(eq(growthGoals.id, goal.id))
      .returning();
    await w.audit({
      actor,
      action: "growth_goal.progress_updated",
      subjectType: "growth_goal",
      subjectId: goal.id,
      data: { personId: goal.personId, updateId: row!.id, meetingId: input.meetingId },
      change: input,
    });
    return { goal: updated!, resource };
  });
  return goalDetail(deps.database.db, goal, resource, actor, deps.clock());
}

/** The goal language checker on an unsaved goal: hints as the person types; nothing is saved. */
export function checkGoalText(input: { title: string; specific: string }) {
  return checkGoal(goalCheckText(input));
}

// ---------- resources ----------
// What makes a growth goal reachable (a course, a workshop date, a mentor, time, a tool), as on
// plan goals. The person and their direct manager add them; a mentor is asked at once, and
// nothing is saved when the mentor cannot take the request.

/** As on plan goals: a link is followed by the person, so web addresses only. */
export const isWebLink = (v: string) => v === "" || (/^https?:\/\//i.test(v) && URL.canParse(v));

const MAX_GOAL_RESOURCES = 20;

/** The goal, locked, if the actor may add to it: an active goal of someone they coach. */
async function lockGoalForResources(tx: Tx, actor: PersonActor, id: string) {
  const locked = await lockGoal(tx, actor, id);
  if (locked.goal.status !== "active")
    throw new AppError(
      "growth_goal.invalid_transition",
      `This goal is ${locked.goal.status}: resources are added to active goals only.`,
    );
  const existing = await tx
    .select({ id: growthGoalResources.id })
    .from(growthGoalResources)
    .where(eq(growthGoalResources.goalId, locked.goal.id));
  if (existing.length >= MAX_GOAL_RESOURCES)
    throw new AppError(
      "validation.failed",
      `This goal already has ${MAX_GOAL_RESOURCES} resources, the most a goal can hold. Remove one first.`,
    );
  return locked;
}

type NewGoalResource = Omit<
  typeof growthGoalResources.$inferInsert,
  "goalId" | "createdById" | "createdAt" | "updatedAt" | "status"
>;

async function addGoalResource(
  deps: Deps,
  {
    actor,
    id,
    prepare,
    tell,
    afterInsert,
  }: {
    actor: PersonActor;
    id: string;
    /** The row to add, checked against the locked goal, and ids for the audit event. */
    prepare: (
      w: Write,
      goal: GoalRow,
    ) => Promise<{ values: NewGoalResource; data?: Record<string, unknown> }>;
    /** Tell the person (when someone else added it); a mentor request tells them itself. */
    tell: boolean;
    afterInsert?: (w: Write, goal: GoalRow, resourceId: string) => Promise<Record<string, unknown>>;
  },
): Promise<GrowthGoalDetail> {
  const { goal, resource } = await write(deps, async (w) => {
    const { goal, resource } = await lockGoalForResources(w.tx, actor, id);
    const { values: v, data } = await prepare(w, goal);
    const [row] = await w.tx
      .insert(growthGoalResources)
      .values({
        ...v,
        goalId: goal.id,
        status: "offered",
        createdById: actor.personId,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning({ id: growthGoalResources.id });
    const more = afterInsert ? await afterInsert(w, goal, row!.id) : {};
    await w.audit({
      actor,
      action: "growth_goal.resource_added",
      subjectType: "growth_goal",
      subjectId: goal.id,
      data: { personId: goal.personId, resourceId: row!.id, kind: v.kind, ...data, ...more },
      change: { description: v.description, link: v.link ?? "" },
    });
    if (tell && goal.personId !== actor.personId)
      await notify(deps, w, {
        personIds: [goal.personId],
        kind: "growth_goal.resource_added",
        title: `${actor.name} added support to your growth goal: ${goal.title}`,
        body: v.description,
        link: `/growth-goals/${goal.id}`,
        subjectType: "growth_goal",
        subjectId: goal.id,
      });
    return { goal, resource };
  });
  return goalDetail(deps.database.db, goal, resource, actor, deps.clock());
}

/** A catalogue item (a workshop with one of its dates) becomes a resource on the goal. */
export async function addCatalogueResourceToGrowthGoal(
  deps: Deps,
  {
    actor,
    id,
    catalogueItemId,
    sessionId,
  }: { actor: PersonActor; id: string; catalogueItemId: string; sessionId?: string | null },
): Promise<GrowthGoalDetail> {
  return addGoalResource(deps, {
    actor,
    id,
    tell: true,
    prepare: async (w, goal) => {
      const pick = await pickCatalogueItem(w.tx, {
        itemId: catalogueItemId,
        sessionId,
        now: w.now,
      });
      const [already] = await w.tx
        .select({ id: growthGoalResources.id })
        .from(growthGoalResources)
        .where(
          and(
            eq(growthGoalResources.goalId, goal.id),
            eq(growthGoalResources.catalogueItemId, pick.item.id),
          ),
        );
      if (already)
        throw new AppError(
          "catalogue.resource_exists",
          `“${pick.item.title}” is already a resource on this goal.`,
        );
      return {
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
      };
    },
  });
}

/** A mentor is asked about a topic; the resource links to the request. */
export async function addMentorResourceToGrowthGoal(
  deps: Deps,
  {
    actor,
    id,
    mentorId,
    topic,
    skills,
  }: { actor: PersonActor; id: string; mentorId: string; topic: string; skills: string[] },
): Promise<GrowthGoalDetail> {
  return addGoalResource(deps, {
    actor,
    id,
    tell: false,
    prepare: async (w) => {
      const mentor = (await findNames(w.tx, [mentorId])).get(mentorId);
      const what = topic.trim() || skills.join(", ");
      return {
        values: {
          kind: "mentor",
          description: `Mentoring with ${mentor ?? "a mentor"}${what ? `: ${what}` : ""}`,
          link: "",
          mentorId: mentor ? mentorId : null,
        },
        data: { mentorId },
      };
    },
    afterInsert: async (w, goal, resourceId) => {
      const mentorship = await requestMentorshipIn(deps, w, {
        actor,
        mentorId,
        menteeId: goal.personId,
        topic,
        skills,
        growthResourceId: resourceId,
      });
      return { mentorshipId: mentorship.id };
    },
  });
}

/** A resource written in one's own words: time, a tool, coaching, a lighter load. */
export async function addGrowthGoalResource(
  deps: Deps,
  {
    actor,
    id,
    input,
  }: {
    actor: PersonActor;
    id: string;
    input: { kind: ResourceKind; description: string; link: string };
  },
): Promise<GrowthGoalDetail> {
  const link = input.link.trim();
  if (!isWebLink(link))
    throw invalid([
      {
        path: "link",
        message: "Use a web link starting with http:// or https://, or leave it empty.",
      },
    ]);
  if (input.kind === "mentor")
    throw invalid([
      {
        path: "kind",
        message: "Ask a mentor from the suggestions, so they can accept or decline.",
      },
    ]);
  return addGoalResource(deps, {
    actor,
    id,
    tell: true,
    prepare: async () => ({
      values: { kind: input.kind, description: input.description.trim(), link },
    }),
  });
}

/** The resource, its goal locked, if the actor may change the goal. */
async function lockGoalResource(tx: Tx, actor: PersonActor, resourceId: string) {
  const missing = () => notFound("resource", "growth_goal_resource.not_found");
  if (!isUuid(resourceId)) throw missing();
  const [found] = await tx
    .select()
    .from(growthGoalResources)
    .where(eq(growthGoalResources.id, resourceId));
  if (!found) throw missing();
  const goal = await findGoalById(tx, found.goalId);
  const subject = goal ? await findSubject(tx, goal.personId) : null;
  if (!subject || !can(actor, "coaching.view", subject.resource)) throw missing();
  const locked = await lockGoal(tx, actor, found.goalId);
  const [row] = await tx
    .select()
    .from(growthGoalResources)
    .where(eq(growthGoalResources.id, resourceId))
    .for("update");
  if (!row) throw missing();
  return { ...locked, row };
}

/** Whether the support was delivered, is in use, or was not delivered: the record of support given. */
export async function setGrowthGoalResourceStatus(
  deps: Deps,
  { actor, resourceId, status }: { actor: PersonActor; resourceId: string; status: ResourceStatus },
): Promise<GrowthGoalDetail> {
  const { goal, resource } = await write(deps, async (w) => {
    const { goal, resource, row } = await lockGoalResource(w.tx, actor, resourceId);
    if (row.status !== status) {
      await w.tx
        .update(growthGoalResources)
        .set({ status, updatedAt: w.now })
        .where(eq(growthGoalResources.id, row.id));
    }
    await w.audit({
      actor,
      action: "growth_goal.resource_updated",
      subjectType: "growth_goal",
      subjectId: goal.id,
      data: { personId: goal.personId, resourceId: row.id, from: row.status, to: status },
    });
    return { goal, resource };
  });
  return goalDetail(deps.database.db, goal, resource, actor, deps.clock());
}

/** Takes a resource off an active goal (a mentorship asked from it carries on, unlinked). */
export async function removeGrowthGoalResource(
  deps: Deps,
  { actor, resourceId }: { actor: PersonActor; resourceId: string },
): Promise<GrowthGoalDetail> {
  const { goal, resource } = await write(deps, async (w) => {
    const { goal, resource, row } = await lockGoalResource(w.tx, actor, resourceId);
    if (goal.status !== "active")
      throw new AppError(
        "growth_goal.invalid_transition",
        `This goal is ${goal.status}: its resources stay on the record as they were.`,
      );
    await w.tx.delete(growthGoalResources).where(eq(growthGoalResources.id, row.id));
    await w.audit({
      actor,
      action: "growth_goal.resource_removed",
      subjectType: "growth_goal",
      subjectId: goal.id,
      data: {
        personId: goal.personId,
        resourceId: row.id,
        kind: row.kind,
        ...(row.catalogueItemId ? { catalogueItemId: row.catalogueItemId } : {}),
      },
      change: { description: row.description, link: row.link },
    });
    return { goal, resource };
  });
  return goalDetail(deps.database.db, goal, resource, actor, deps.clock());
}
