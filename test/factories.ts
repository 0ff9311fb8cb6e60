import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { write } from "../src/db/transaction.js";
import type { Deps } from "../src/deps.js";
import { loadActor, setPasswords } from "../src/modules/auth/auth.service.js";
import { people } from "../src/modules/org/org.table.js";
import { addDaysIso } from "../src/modules/plans/plans.rules.js";
import { transitionPlan } from "../src/modules/plans/plans.service.js";
import {
  planCauses,
  planEvidence,
  planGoals,
  planMilestones,
  planResources,
  plans,
} from "../src/modules/plans/plans.table.js";
import type { PlanAction, PlanStatus } from "../src/modules/plans/plans.types.js";
import { planPriorNotice } from "../src/modules/review/review.table.js";

type NewPerson = Partial<typeof people.$inferInsert>;

let counter = 0;

/** A person with readable defaults; override what the test is about. */
export async function makePerson(deps: Deps, overrides: NewPerson = {}) {
  counter += 1;
  const name = overrides.name ?? `Person ${counter}`;
  return write(deps, async (w) => {
    const [row] = await w.tx
      .insert(people)
      .values({
        name,
        email:
          overrides.email ??
          `${name.toLowerCase().replace(/\W+/g, ".")}.${randomBytes(3).toString("hex")}@example.com`,
        title: "Engineer",
        department: "Engineering",
        ...overrides,
      })
      .returning();
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "person.created",
      subjectType: "person",
      subjectId: row!.id,
    });
    return row!;
  });
}

/** A person who can sign in with `password`. */
export async function makeUser(
  deps: Deps,
  overrides: NewPerson = {},
  password = "a long test password",
) {
  const person = await makePerson(deps, overrides);
  await setPasswords(deps, { personIds: [person.id], password });
  return { ...person, password };
}

export async function actorFor(deps: Deps, personId: string) {
  const [row] = await deps.database.db.select().from(people).where(eq(people.id, personId));
  return loadActor(deps.database.db, row!);
}

/** Signs in through the API and returns the cookie header to send on later requests. */
export async function signInCookie(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  email: string,
  password: string,
) {
  const res = await app.request("/api/v1/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!;
  return cookie.split(";")[0]!;
}

// ---------- success plans ----------

export type TestUser = Awaited<ReturnType<typeof makeUser>>;
export type PlanRow = typeof plans.$inferSelect;

/** A plan and the people around it (each can sign in with `password`). */
export type PlanFixture = {
  plan: PlanRow;
  employee: TestUser;
  manager: TestUser;
  hr: TestUser;
};

/**
 * A complete, valid draft success plan: a standard, two evidence items (a metric series and an
 * incident), a diagnosed cause, one goal with a resource and an early-win milestone, a six-week
 * schedule starting a week after the test clock, weekly check-ins and a "yes" to the good-faith
 * question. The manager, employee (their report) and an HR partner covering the department are
 * created unless given. Nothing here calls the plan service, so it is safe to use from any test.
 */
export async function makePlan(
  deps: Deps,
  overrides: {
    employee?: TestUser;
    manager?: TestUser;
    hr?: TestUser;
    department?: string;
    plan?: Partial<typeof plans.$inferInsert>;
  } = {},
): Promise<PlanFixture> {
  const department = overrides.department ?? overrides.employee?.department ?? "Engineering";
  const manager =
    overrides.manager ??
    (await makeUser(deps, {
      name: `Manager ${counter + 1}`,
      title: "Engineering Manager",
      department,
    }));
  const employee =
    overrides.employee ??
    (await makeUser(deps, { name: `Employee ${counter + 1}`, managerId: manager.id, department }));
  const hr =
    overrides.hr ??
    (await makeUser(deps, {
      name: `HR Partner ${counter + 1}`,
      title: "HR Partner",
      department: "People",
      roles: ["hr"],
      hrScopeDepartments: [department],
    }));
  const plan = await write(deps, async (w) => {
    const [plan] = await w.tx
      .insert(plans)
      .values({
        employeeId: employee.id,
        managerId: manager.id,
        hrPartnerId: hr.id,
        status: "draft",
        standard: "Code reviews assigned to you are answered within two working days.",
        startDate: "2026-03-09",
        endDate: "2026-04-20",
        cadenceDays: 7,
        goodFaith: "yes",
        goodFaithNote: "",
        createdAt: w.now,
        updatedAt: w.now,
        ...overrides.plan,
      })
      .returning();
    await w.tx.insert(planEvidence).values([
      {
        planId: plan!.id,
        position: 0,
        kind: "metric",
        title: "Review turnaround",
        description: "Median days from review request to first answer, per week.",
        impact: "Three releases waited on reviews.",
        unit: "days",
        source: "Review dashboard",
        series: [
          { date: "2026-02-02", value: 4 },
          { date: "2026-02-09", value: 5 },
          { date: "2026-02-16", value: 6 },
        ],
      },
      {
        planId: plan!.id,
        position: 1,
        kind: "incident",
        title: "Late reports",
        description: "The February release review was answered after the release date.",
        impact: "The release slipped by two days.",
        occurredOn: "2026-02-20",
      },
    ]);
    await w.tx.insert(planCauses).values({
      planId: plan!.id,
      cause: "skill",
      notes: "New to the payments codebase.",
    });
    const [goal] = await w.tx
      .insert(planGoals)
      .values({
        planId: plan!.id,
        position: 0,
        description: "Answer code reviews within two working days",
        metric: "Median review turnaround",
        unit: "days",
        direction: "down",
        baseline: 5,
        target: 2,
        measurement: "Review dashboard, weekly median",
        dueDate: "2026-04-17",
      })
      .returning();
    await w.tx.insert(planResources).values({
      goalId: goal!.id,
      kind: "training",
      description: "Payments codebase walkthrough",
      link: "https://learning.example.com/payments",
      hoursPerWeek: 2,
    });
    await w.tx.insert(planMilestones).values({
      goalId: goal!.id,
      title: "First week under four days",
      dueDate: "2026-03-16",
      target: 4,
      earlyWin: true,
    });
    // The issue was raised in writing before the plan: without it the review blocks issuing.
    await w.tx.insert(planPriorNotice).values({
      planId: plan!.id,
      heldOn: "2026-02-20",
      kind: "written_feedback",
      summary: "Shared the review turnaround figures and asked for answers within two days.",
      authorId: manager.id,
      createdAt: w.now,
    });
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "plan.created",
      subjectType: "plan",
      subjectId: plan!.id,
    });
    return plan!;
  });
  return { plan, employee, manager, hr };
}

/** The lifecycle moves (and who makes them) that bring a fresh draft to each status. */
const pathTo: Record<PlanStatus, [PlanAction, "manager" | "hr" | "employee"][]> = {
  draft: [],
  in_review: [["submit", "manager"]],
  changes_requested: [
    ["submit", "manager"],
    ["request_changes", "hr"],
  ],
  approved: [
    ["submit", "manager"],
    ["approve", "hr"],
  ],
  issued: [
    ["submit", "manager"],
    ["approve", "hr"],
    ["issue", "manager"],
  ],
  acknowledged: [
    ["submit", "manager"],
    ["approve", "hr"],
    ["issue", "manager"],
    ["acknowledge", "employee"],
  ],
  active: [
    ["submit", "manager"],
    ["approve", "hr"],
    ["issue", "manager"],
    ["acknowledge", "employee"],
    ["start", "manager"],
  ],
  paused: [
    ["submit", "manager"],
    ["approve", "hr"],
    ["issue", "manager"],
    ["acknowledge", "employee"],
    ["start", "manager"],
    ["pause", "manager"],
  ],
  extended: [
    ["submit", "manager"],
    ["approve", "hr"],
    ["issue", "manager"],
    ["acknowledge", "employee"],
    ["start", "manager"],
    ["extend", "manager"],
    ["acknowledge", "employee"],
  ],
  closed: [
    ["submit", "manager"],
    ["approve", "hr"],
    ["issue", "manager"],
    ["acknowledge", "employee"],
    ["start", "manager"],
    ["close", "manager"],
  ],
};

/**
 * Walks a draft plan (from makePlan) to `to` through the plan service, each move made by the
 * person who makes it in real life. Extending adds two weeks (and the employee acknowledges the
 * new version, so nothing is pending); closing records "goals met".
 * Returns the plan row as it then stands.
 */
export async function walkPlanTo(deps: Deps, planId: string, to: PlanStatus): Promise<PlanRow> {
  for (const [action, who] of pathTo[to]) {
    const [plan] = await deps.database.db.select().from(plans).where(eq(plans.id, planId));
    const personId =
      who === "manager"
        ? plan!.managerId
        : who === "employee"
          ? plan!.employeeId
          : plan!.hrPartnerId;
    if (!personId) throw new Error("walkPlanTo needs a plan with an HR partner to review it.");
    const actor = await actorFor(deps, personId);
    await transitionPlan(deps, {
      actor,
      id: planId,
      input: {
        action,
        version: plan!.version,
        ...(action === "request_changes"
          ? { comment: "Please make the first milestone smaller." }
          : {}),
        ...(action === "extend"
          ? { newEndDate: addDaysIso(plan!.endDate!, 14), reason: "More time for the second goal." }
          : {}),
        ...(action === "close"
          ? { outcome: "goals_met" as const, managerReflection: "Every goal was met." }
          : {}),
      },
    });
  }
  const [plan] = await deps.database.db.select().from(plans).where(eq(plans.id, planId));
  return plan!;
}
