import { eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Actor, PlanResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { isoDay } from "../growth/growth.rules.js";
import { growthGoals } from "../growth/growth.table.js";
import { notify } from "../notify/notify.service.js";
import { planResourceOf } from "./plans.participation.service.js";
import { findPlanById, type PlanRow } from "./plans.repository.js";
import {
  countUnsealedSuccesses,
  findCarryOnSources,
  findSealedManagerDays,
  findUnsealedSuccesses,
  saveSealedManagerDays,
} from "./plans.sealing.repository.js";
import {
  type CarryOnGoal,
  carryOnGoals,
  carryOnProblems,
  managerDaysProblems,
  sealedManagerUntil,
} from "./plans.sealing.rules.js";
import { plans } from "./plans.table.js";

// Life after a plan. A plan that closes with its goals met is sealed: the employee, HR in scope
// and (for a configurable period) the manager who ran it may still open it; a later manager, the
// chain above and everyone else get the same 404 as for a plan that does not exist. Sealing, each
// later read and each refused attempt by someone who would have seen it unsealed are audit events.
// The person leaves with a growth plan that carries on from the success plan.

/** Which read of a sealed plan was made (kept in the audit event, so HR sees what was opened). */
export type SealedRead =
  | "plan"
  | "pdf"
  | "version"
  | "version_changes"
  | "review"
  | "prior_notice"
  | "participation"
  | "engagement"
  | "write";

/** Whoever would see the plan were it not sealed: its manager, the chain above, a later manager. */
function wouldSeeUnsealed(actor: PersonActor, resource: PlanResource): boolean {
  return (
    can(actor, "plan.view", { ...resource, sealed: false, sealedManagerAccess: true }) ||
    (actor.personId !== resource.employeeId &&
      resource.employeeManagerChain.includes(actor.personId))
  );
}

/** Why the reader may open a sealed plan, for the audit event (never who they are: that is the actor). */
function readerRole(actor: PersonActor, resource: PlanResource) {
  if (actor.personId === resource.employeeId) return "employee";
  if (actor.personId === resource.managerId) return "manager";
  return "hr";
}

async function recordRefusal(
  deps: Deps,
  { actor, planId, what }: { actor: PersonActor; planId: string; what: SealedRead },
) {
  await write(deps, (w) =>
    w.audit({
      actor,
      action: "plan.sealed_access_refused",
      subjectType: "plan",
      subjectId: planId,
      data: { what },
    }),
  );
}

/**
 * can() for reading a loaded plan, with the seal's record: a sealed plan's every read is an audit
 * event; a refused reader who would have seen it unsealed is recorded too (HR sees the attempts);
 * anyone else's 404 writes nothing. Missing and hidden plans answer the same.
 */
export async function authorizePlanRead(
  deps: Deps,
  {
    actor,
    plan,
    resource,
    what,
  }: { actor: PersonActor; plan: PlanRow; resource: PlanResource; what: SealedRead },
): Promise<void> {
  if (can(actor, "plan.view", resource)) {
    if (resource.sealed)
      await write(deps, (w) =>
        w.audit({
          actor,
          action: "plan.sealed_accessed",
          subjectType: "plan",
          subjectId: plan.id,
          data: { what, as: readerRole(actor, resource) },
        }),
      );
    return;
  }
  if (resource.sealed && wouldSeeUnsealed(actor, resource))
    await recordRefusal(deps, { actor, planId: plan.id, what });
  throw notFound("plan");
}

/** Loads a plan to read it, as authorizePlanRead decides (with the clock of `deps`). */
export async function loadPlanForReading(
  deps: Deps,
  { actor, id, what }: { actor: PersonActor; id: string; what: SealedRead },
): Promise<{ plan: PlanRow; resource: PlanResource }> {
  const db = deps.database.db;
  const plan = await findPlanById(db, id);
  if (!plan) throw notFound("plan");
  const resource = await planResourceOf(db, plan, deps.clock());
  await authorizePlanRead(deps, { actor, plan, resource, what });
  return { plan, resource };
}

/**
 * Thrown inside a write transaction when a sealed plan is refused to someone who would have seen
 * it: the same 404 as any other, and `withSealedRefusals` records the attempt once the transaction
 * has rolled back.
 */
export class SealedPlanRefused extends AppError {
  constructor(readonly planId: string) {
    const nf = notFound("plan");
    super(nf.code, nf.message);
  }
}

/** The 404 for a hidden plan inside a write: a SealedPlanRefused when the seal is why. */
export function hiddenPlan(actor: PersonActor, plan: PlanRow, resource: PlanResource): AppError {
  return resource.sealed && wouldSeeUnsealed(actor, resource)
    ? new SealedPlanRefused(plan.id)
    : notFound("plan");
}

export async function withSealedRefusals<T>(
  deps: Deps,
  actor: PersonActor,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SealedPlanRefused) {
      await recordRefusal(deps, { actor, planId: err.planId, what: "write" });
      throw notFound("plan");
    }
    throw err;
  }
}

// ---------- sealing on close ----------

/** The growth plan drafted for a plan closing with its goals met; the manager edits it first. */
async function draftCarryOn(db: DbOrTx, planId: string, now: Date): Promise<CarryOnGoal[]> {
  const { goals, skills } = await findCarryOnSources(db, planId);
  return carryOnGoals({ goals, skills, today: isoDay(now) });
}

/** GET the draft for the close dialog: for whoever may close the plan. */
export async function getCarryOnDraft(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<{ goals: CarryOnGoal[] }> {
  const db = deps.database.db;
  const plan = await findPlanById(db, id);
  if (!plan) throw notFound("plan");
  const resource = await planResourceOf(db, plan, deps.clock());
  if (!can(actor, "plan.view", resource)) throw notFound("plan");
  if (!can(actor, "plan.manage", resource))
    throw new AppError(
      "plan.forbidden",
      "Only the plan's manager or HR can close the plan and write the growth plan that carries on.",
    );
  return { goals: await draftCarryOn(db, plan.id, deps.clock()) };
}

/**
 * Checks the growth goals sent with a close before anything is written (so a bad date stops the
 * close with nothing changed). Goals are only for a plan whose goals were met.
 */
export function assertCarryOnInput(
  input: { outcome?: string; growthGoals?: CarryOnGoal[] },
  now: Date,
) {
  if (!input.growthGoals) return;
  if (input.outcome !== "goals_met" && input.growthGoals.length > 0)
    throw new AppError(
      "validation.failed",
      "A growth plan carries on only from a plan whose goals were met. Nothing was changed.",
      [{ path: "growthGoals", message: "Leave these out unless the outcome is goals met." }],
    );
  const problems = carryOnProblems(input.growthGoals, isoDay(now));
  if (problems.length)
    throw new AppError(
      "validation.failed",
      "Some growth goals cannot be saved; see details. The plan was not closed.",
      problems,
    );
}

/**
 * In the close transaction of a plan whose goals were met: seals it (the manager's access runs
 * for the organisation's number of days), and creates the growth plan that carries on (the
 * manager's goals, or the drafted ones when none were sent). Returns the plan columns to set.
 */
export async function sealOnClose(
  deps: Deps,
  w: Write,
  {
    actor,
    plan,
    growthGoals: sent,
  }: { actor: PersonActor; plan: PlanRow; growthGoals?: CarryOnGoal[] },
): Promise<{ set: { sealedAt: Date; sealedManagerUntil: Date }; goalIds: string[] }> {
  const { days } = await findSealedManagerDays(w.tx);
  const until = sealedManagerUntil(w.now, days);
  await w.audit({
    actor,
    action: "plan.sealed",
    subjectType: "plan",
    subjectId: plan.id,
    data: { managerUntil: until.toISOString(), managerDays: days },
  });
  const goals = sent ?? (await draftCarryOn(w.tx, plan.id, w.now));
  const goalIds: string[] = [];
  for (const g of goals) {
    const input = {
      title: g.title,
      specific: g.specific,
      measure: g.measure,
      baseline: null,
      target: null,
      relevance: "",
      dueOn: g.dueOn,
    };
    const [row] = await w.tx
      .insert(growthGoals)
      .values({
        personId: plan.employeeId,
        createdById: actor.personId,
        ...input,
        sourcePlanId: plan.id,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning({ id: growthGoals.id });
    goalIds.push(row!.id);
    // The same event as a goal written by hand (growth.goals.service), with where it came from.
    await w.audit({
      actor,
      action: "growth_goal.created",
      subjectType: "growth_goal",
      subjectId: row!.id,
      data: { personId: plan.employeeId, sourcePlanId: plan.id },
      change: input,
    });
  }
  if (goalIds.length)
    await notify(deps, w, {
      personIds: [plan.employeeId].filter((p) => p !== actor.personId),
      kind: "growth_goal.carried_on",
      title: "Your growth plan carries on from your success plan",
      body: `Your success plan closed with its goals met. ${goalIds.length === 1 ? "One growth goal carries" : `${goalIds.length} growth goals carry`} on from it: keep what you reached, and grow from there. The plan itself is sealed: you and HR can still open it, a future manager cannot.`,
      link: `/growth-goals/${goalIds[0]}`,
      subjectType: "growth_goal",
      subjectId: goalIds[0]!,
    });
  return { set: { sealedAt: w.now, sealedManagerUntil: until }, goalIds };
}

// ---------- a growth goal's source ----------

/**
 * The plan a growth goal carries on from, when the viewer may still see that plan; otherwise
 * null (a later manager is never told there was one). Looking at the link is not reading the
 * plan: nothing is recorded.
 */
export async function visibleSourcePlan(
  db: DbOrTx,
  { actor, planId, now }: { actor: PersonActor; planId: string | null; now: Date },
): Promise<{ id: string } | null> {
  if (!planId) return null;
  const plan = await findPlanById(db, planId);
  if (!plan) return null;
  const resource = await planResourceOf(db, plan, now);
  return can(actor, "plan.view", resource) ? { id: plan.id } : null;
}

/** The same for many goals at once: plan id → the link, or null. */
export async function visibleSourcePlans(
  db: DbOrTx,
  { actor, planIds, now }: { actor: PersonActor; planIds: (string | null)[]; now: Date },
): Promise<Map<string, { id: string } | null>> {
  const seen = new Map<string, { id: string } | null>();
  for (const planId of new Set(planIds))
    if (planId) seen.set(planId, await visibleSourcePlan(db, { actor, planId, now }));
  return seen;
}

// ---------- the organisation's setting ----------

function assertManagesSealing(actor: Actor) {
  if (!can(actor, "org.manage_sealing", { type: "org" })) throw notFound("sealing");
}

async function readSealingSettings(db: DbOrTx) {
  const { days } = await findSealedManagerDays(db);
  return { managerDays: days };
}
export type SealingSettings = Awaited<ReturnType<typeof readSealingSettings>>;

export async function getSealingSettings(deps: Deps, { actor }: { actor: Actor }) {
  assertManagesSealing(actor);
  return readSealingSettings(deps.database.db);
}

/** Changes the manager's period for plans sealed from now on; sealed plans keep their date. */
export async function updateSealingSettings(
  deps: Deps,
  { actor, managerDays }: { actor: Actor; managerDays: number },
) {
  assertManagesSealing(actor);
  const problems = managerDaysProblems(managerDays);
  if (problems.length)
    throw new AppError("validation.failed", "The period cannot be used; see details.", problems);
  const current = await findSealedManagerDays(deps.database.db);
  // Saving what is already there changes nothing and records nothing.
  if (current.days === managerDays) return readSealingSettings(deps.database.db);
  await write(deps, async (w) => {
    const before = await findSealedManagerDays(w.tx);
    await saveSealedManagerDays(w.tx, managerDays, w.now);
    await w.audit({
      actor,
      action: "org.sealing_updated",
      subjectType: "org",
      data: { managerDays, previous: before.days },
    });
  });
  return readSealingSettings(deps.database.db);
}

// ---------- the start-up sweep ----------

const SWEEP: Actor = { kind: "system", label: "sealing" };

/**
 * Seals plans that closed with their goals met before sealing existed: the manager's period runs
 * from when the plan closed. Idempotent (only unsealed plans) and safe with several instances
 * starting at once (the rows are locked). Returns how many plans were sealed.
 */
export async function sealPastPlans(deps: Deps): Promise<number> {
  if ((await countUnsealedSuccesses(deps.database.db)) === 0) return 0;
  try {
    return await sweep(deps);
  } catch (err) {
    if (err instanceof NothingLeft) return 0;
    throw err;
  }
}

/** Another instance sealed them first: the transaction is rolled back, nothing is written. */
class NothingLeft extends Error {}

async function sweep(deps: Deps): Promise<number> {
  return write(deps, async (w) => {
    const { days } = await findSealedManagerDays(w.tx);
    const rows = await findUnsealedSuccesses(w.tx);
    if (rows.length === 0) throw new NothingLeft();
    for (const row of rows) {
      const until = sealedManagerUntil(row.closedAt ?? row.updatedAt, days);
      await w.tx
        .update(plans)
        .set({ sealedAt: w.now, sealedManagerUntil: until })
        .where(eq(plans.id, row.id));
      await w.audit({
        actor: SWEEP,
        action: "plan.sealed",
        subjectType: "plan",
        subjectId: row.id,
        data: { managerUntil: until.toISOString(), managerDays: days, sweep: true },
      });
    }
    return rows.length;
  });
}
