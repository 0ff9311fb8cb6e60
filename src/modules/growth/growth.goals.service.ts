import { eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { PersonResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx, Tx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
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
import { growthGoals, growthGoalUpdates } from "./growth.table.js";

// Growth goals: every employee has them, not only people on a plan. The person and their direct
// manager write them; skip-level managers (where allowed) and HR in scope read them.

export { growthSummary };

const FORBIDDEN = "Only the person and their direct manager can change their growth goals.";

function presentGoal(
  g: GoalRow,
  names: Map<string, string>,
  resource: PersonResource,
  actor: PersonActor,
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

async function goalDetail(db: DbOrTx, goal: GoalRow, resource: PersonResource, actor: PersonActor) {
  const names = await findNames(db, [goal.createdById]);
  const updates = (await findGoalUpdates(db, goal.id)).map(presentUpdate);
  return { ...presentGoal(goal, names, resource, actor), updates };
}
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
  return {
    items: rows.map((g) => presentGoal(g, names, resource, actor)),
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
  return goalDetail(db, goal, resource, actor);
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
  return goalDetail(deps.database.db, goal, resource, actor);
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
      return goalDetail(db, current.goal, current.resource, actor);
    const { goal, resource } = await saveGoal(deps, actor, id, input);
    return goalDetail(db, goal, resource, actor);
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
  return goalDetail(deps.database.db, goal, resource, actor);
}

/** The goal language checker on an unsaved goal: hints as the person types; nothing is saved. */
export function checkGoalText(input: { title: string; specific: string }) {
  return checkGoal(goalCheckText(input));
}
