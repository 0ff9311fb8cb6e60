import { eq } from "drizzle-orm";
import { write } from "../src/db/transaction.js";
import { notifications } from "../src/modules/notify/notify.table.js";
import { scheduleCheckins } from "../src/modules/plans/plans.participation.service.js";
import {
  planCauses,
  planCheckins,
  planEvidence,
  planGoals,
  planResources,
} from "../src/modules/plans/plans.table.js";
import type { PlanStatus } from "../src/modules/plans/plans.types.js";
import { makePlan, makeUser, signInCookie } from "./factories.js";
import { send, type TestApp, type TestDeps } from "./helpers.js";

export type Role = "employee" | "manager" | "hr" | "peer" | "skip";

/**
 * A plan in `status` with everyone around it signed in: the employee, their manager, the
 * manager's own manager (skip-level, read-only), an HR partner in scope and a peer (another
 * report of the same manager, who must see nothing).
 */
export async function planWithPeople(deps: TestDeps, app: TestApp, status: PlanStatus = "active") {
  const skip = await makeUser(deps, { name: "Sam Skiplevel", title: "Director" });
  const manager = await makeUser(deps, { name: "Maya Manager", managerId: skip.id });
  const peer = await makeUser(deps, { name: "Pat Peer", managerId: manager.id });
  // A closed plan here is one that ran: it was issued, so its employee still sees it.
  const fx = await makePlan(deps, {
    manager,
    plan: { status, ...(status === "closed" ? { issuedVersion: 1 } : {}) },
  });
  const people = { employee: fx.employee, manager, hr: fx.hr, peer, skip };
  // Sessions expire as the test clock moves on: sign in again when it has moved.
  const cookies = new Map<Role, { cookie: string; at: number }>();
  const cookieFor = async (role: Role) => {
    const now = deps.clock().getTime();
    const cached = cookies.get(role);
    if (cached && Math.abs(now - cached.at) < 3_600_000) return cached.cookie;
    const cookie = await signInCookie(app, people[role].email, people[role].password);
    cookies.set(role, { cookie, at: now });
    return cookie;
  };
  for (const role of Object.keys(people) as Role[]) await cookieFor(role);
  const db = deps.database.db;
  const [goal] = await db.select().from(planGoals).where(eq(planGoals.planId, fx.plan.id));
  const evidence = await db.select().from(planEvidence).where(eq(planEvidence.planId, fx.plan.id));
  const [cause] = await db.select().from(planCauses).where(eq(planCauses.planId, fx.plan.id));
  const [resource] = await db
    .select()
    .from(planResources)
    .where(eq(planResources.goalId, goal!.id));
  const base = `/api/v1/plans/${fx.plan.id}`;
  return {
    ...fx,
    people,
    goal: goal!,
    evidence,
    cause: cause!,
    resource: resource!,
    base,
    /** A request as one of the people around the plan. */
    async as(role: Role, path: string, init: { method?: string; body?: unknown } = {}) {
      return send(app, path.startsWith("/") ? path : `${base}/${path}`, {
        ...init,
        cookie: await cookieFor(role),
      });
    },
  };
}

/** Schedules the plan's check-ins as starting it would, and returns them oldest first. */
export async function scheduleFor(
  deps: TestDeps,
  plan: { id: string; startDate: string | null; endDate: string | null; cadenceDays: number },
) {
  await write(deps, async (w) => {
    await scheduleCheckins(deps, w, {
      id: plan.id,
      startDate: plan.startDate!,
      endDate: plan.endDate!,
      cadenceDays: plan.cadenceDays,
    });
    // The plan's own transition records its event; this stands in for it.
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "plan.started",
      subjectType: "plan",
      subjectId: plan.id,
    });
  });
  return deps.database.db
    .select()
    .from(planCheckins)
    .where(eq(planCheckins.planId, plan.id))
    .orderBy(planCheckins.scheduledOn);
}

export async function notificationsOf(deps: TestDeps, personId: string) {
  return deps.database.db
    .select()
    .from(notifications)
    .where(eq(notifications.personId, personId))
    .orderBy(notifications.createdAt);
}
