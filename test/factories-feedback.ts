import { write } from "../src/db/transaction.js";
import type { Deps } from "../src/deps.js";
import { feedback, feedbackRequests } from "../src/modules/feedback/feedback.table.js";
import { makeUser, signInCookie, type TestUser } from "./factories.js";

type App = Parameters<typeof signInCookie>[0];

let counter = 0;

/**
 * Everyone around one employee, each signed in: their manager and skip-level manager, a peer
 * under the same manager, an HR partner covering the department and one covering another, an
 * admin, an L&D partner, and someone from another department.
 */
export async function makeCoachingTeam(deps: Deps, app: App, department = "Engineering") {
  counter += 1;
  const n = counter;
  const skip = await makeUser(deps, { name: `Sam Skip ${n}`, department });
  const manager = await makeUser(deps, {
    name: `Mia Manager ${n}`,
    department,
    managerId: skip.id,
  });
  const employee = await makeUser(deps, {
    name: `Eve Employee ${n}`,
    department,
    managerId: manager.id,
  });
  const peer = await makeUser(deps, { name: `Pat Peer ${n}`, department, managerId: manager.id });
  const hrIn = await makeUser(deps, {
    name: `Hana HR ${n}`,
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: [department],
  });
  const hrOut = await makeUser(deps, {
    name: `Otto HR ${n}`,
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: [`Not ${department}`],
  });
  const admin = await makeUser(deps, {
    name: `Ada Admin ${n}`,
    department: "IT",
    roles: ["admin"],
  });
  const ld = await makeUser(deps, {
    name: `Lee Learning ${n}`,
    department: "People",
    roles: ["ld"],
  });
  const outsider = await makeUser(deps, { name: `Olga Outsider ${n}`, department: "Sales" });
  const people = { skip, manager, employee, peer, hrIn, hrOut, admin, ld, outsider };
  const cookies = Object.fromEntries(
    await Promise.all(
      Object.entries(people).map(async ([role, u]) => [
        role,
        await signInCookie(app, u.email, u.password),
      ]),
    ),
  ) as Record<keyof typeof people, string>;
  return { ...people, cookies };
}

export type CoachingTeam = Awaited<ReturnType<typeof makeCoachingTeam>>;

/** Feedback written straight into the database (no notifications), with readable defaults. */
export async function makeFeedback(
  deps: Deps,
  {
    giver,
    recipient,
    ...overrides
  }: { giver: Pick<TestUser, "id">; recipient: Pick<TestUser, "id"> } & Partial<
    typeof feedback.$inferInsert
  >,
) {
  return write(deps, async (w) => {
    const visibility = overrides.visibility ?? "shared";
    const [row] = await w.tx
      .insert(feedback)
      .values({
        giverId: giver.id,
        recipientId: recipient.id,
        kind: "constructive",
        situation: "In the Monday release review",
        behaviour: "you presented the rollback plan before anyone asked",
        impact: "the team agreed the release in ten minutes",
        visibility,
        sharedAt: visibility === "draft" ? null : w.now,
        createdAt: w.now,
        updatedAt: w.now,
        ...overrides,
      })
      .returning();
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "feedback.given",
      subjectType: "feedback",
      subjectId: row!.id,
    });
    return row!;
  });
}

/** An open request for feedback, written straight into the database. */
export async function makeFeedbackRequest(
  deps: Deps,
  {
    requester,
    asked,
    about,
    prompt = "How did my demo land?",
  }: {
    requester: Pick<TestUser, "id">;
    asked: Pick<TestUser, "id">;
    about?: Pick<TestUser, "id">;
    prompt?: string;
  },
) {
  return write(deps, async (w) => {
    const [row] = await w.tx
      .insert(feedbackRequests)
      .values({
        requesterId: requester.id,
        askedId: asked.id,
        aboutId: (about ?? requester).id,
        prompt,
        createdAt: w.now,
      })
      .returning();
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "feedback.requested",
      subjectType: "feedback_request",
      subjectId: row!.id,
    });
    return row!;
  });
}
