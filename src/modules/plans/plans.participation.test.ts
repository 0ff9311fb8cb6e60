import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDeps, testApp } from "../../../test/helpers.js";
import { notificationsOf, planWithPeople, type Role } from "../../../test/participation.js";
import { planEvidence, planResources, planResponses, plans } from "./plans.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const count = async (table: string, planId: string) =>
  (
    await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE plan_id = ${planId}`,
    )
  ).rows[0]!.n;

describe("the employee answers the evidence", () => {
  it("answers an item differently, with their side and links, and the manager is told", async () => {
    const p = await planWithPeople(deps, app);
    const item = p.evidence[0]!;
    const res = await p.as("employee", `evidence/${item.id}/answer`, {
      body: {
        answer: "different",
        side: "Two of those weeks I was covering on-call.",
        links: ["https://wiki.example.com/oncall-rota"],
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      answer: "different",
      links: ["https://wiki.example.com/oncall-rota"],
    });
    const [row] = await db.select().from(planEvidence).where(eq(planEvidence.id, item.id));
    expect(row).toMatchObject({
      answer: "different",
      employeeSide: "Two of those weeks I was covering on-call.",
    });
    const told = await notificationsOf(deps, p.manager.id);
    expect(told.map((n) => n.title)).toContain(
      `${p.employee.name} sees "${item.title}" differently`,
    );
    const audit = await db.execute<{ data: unknown }>(
      sql`SELECT data FROM audit_events WHERE action = 'plan.evidence_answered'`,
    );
    expect(JSON.stringify(audit.rows)).not.toContain("on-call");
  });

  it("refuses a 'different' answer without a side, a link that is not a web link, or more than ten links, naming the field, and changes nothing", async () => {
    const p = await planWithPeople(deps, app);
    const path = `evidence/${p.evidence[0]!.id}/answer`;
    const cases: [unknown, string][] = [
      [{ answer: "different", side: "  ", links: [] }, "side"],
      [{ answer: "same", links: ["javascript:alert(1)"] }, "links.0"],
      [
        { answer: "same", links: Array.from({ length: 11 }, (_, i) => `https://e.com/${i}`) },
        "links",
      ],
      [{ answer: "maybe" }, "answer"],
    ];
    for (const [body, field] of cases) {
      const res = await p.as("employee", path, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe("validation.failed");
      expect(error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const [row] = await db
      .select()
      .from(planEvidence)
      .where(eq(planEvidence.id, p.evidence[0]!.id));
    expect(row!.answer).toBeNull();
  });

  it("lets only the employee answer: manager, HR, skip-level and peer get 404", async () => {
    const p = await planWithPeople(deps, app);
    for (const role of ["manager", "hr", "skip", "peer"] as Role[]) {
      const res = await p.as(role, `evidence/${p.evidence[0]!.id}/answer`, {
        body: { answer: "same" },
      });
      expect(res.status, role).toBe(404);
      expect((await res.json()).error.code).toBe("plan.not_found");
    }
  });

  it("records the employee's own view of a root cause", async () => {
    const p = await planWithPeople(deps, app);
    const res = await p.as("employee", `causes/${p.cause.id}/view`, {
      body: { text: "The payments codebase had no onboarding." },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      employeeView: "The payments codebase had no onboarding.",
    });
    expect(
      (await p.as("manager", `causes/${p.cause.id}/view`, { body: { text: "x" } })).status,
    ).toBe(404);
  });
});

describe("point-by-point responses", () => {
  it("attaches a response to each kind of section of this plan, with its author", async () => {
    const p = await planWithPeople(deps, app);
    for (const section of [
      "standard",
      "diagnosis",
      "schedule",
      `evidence:${p.evidence[1]!.id}`,
      `goal:${p.goal.id}`,
    ]) {
      const res = await p.as("employee", "responses", {
        body: { section, body: `About ${section}` },
      });
      expect(res.status, section).toBe(201);
      expect(await res.json()).toMatchObject({ section, author: { id: p.employee.id } });
    }
    const participation = await (await p.as("manager", "participation")).json();
    expect(participation.responses).toHaveLength(5);
    expect(participation.responses[0].author.name).toBe(p.employee.name);
  });

  it("refuses a section that is not one of this plan's, and writes nothing", async () => {
    const p = await planWithPeople(deps, app);
    const other = await planWithPeople(deps, app);
    for (const section of [
      "goal:not-an-id",
      `goal:${other.goal.id}`,
      `evidence:${p.goal.id}`,
      "salary",
    ]) {
      const res = await p.as("employee", "responses", { body: { section, body: "x" } });
      expect(res.status, section).toBe(400);
      expect((await res.json()).error.details[0].path).toBe("section");
    }
    expect(await count("plan_responses", p.plan.id)).toBe(0);
  });

  it("is append-only: a response can be neither edited nor deleted", async () => {
    const p = await planWithPeople(deps, app);
    const created = await (
      await p.as("employee", "responses", {
        body: { section: "standard", body: "I was never told." },
      })
    ).json();
    expect(
      (
        await p.as("employee", `responses/${created.id}`, {
          method: "PATCH",
          body: { body: "edited" },
        })
      ).status,
    ).toBe(404);
    expect((await p.as("employee", `responses/${created.id}`, { method: "DELETE" })).status).toBe(
      404,
    );
    const [row] = await db.select().from(planResponses).where(eq(planResponses.id, created.id));
    expect(row!.body).toBe("I was never told.");
  });
});

describe("clarification and support threads", () => {
  it("runs a clarification: asked (manager told), answered (employee told), reopened by a reply, closed", async () => {
    const p = await planWithPeople(deps, app);
    const asked = await p.as("employee", "threads", {
      body: {
        kind: "clarification",
        goalId: p.goal.id,
        subject: "What counts as answered?",
        body: "Does a comment count?",
      },
    });
    expect(asked.status).toBe(201);
    const thread = await asked.json();
    expect(thread).toMatchObject({
      status: "open",
      goalId: p.goal.id,
      messages: [{ author: { name: p.employee.name } }],
    });
    expect((await notificationsOf(deps, p.manager.id)).map((n) => n.kind)).toContain(
      "plan.clarification_asked",
    );
    expect((await notificationsOf(deps, p.hr.id)).map((n) => n.kind)).not.toContain(
      "plan.clarification_asked",
    );

    const answered = await p.as("manager", `threads/${thread.id}/messages`, {
      body: { body: "Yes, a substantive comment." },
    });
    expect(answered.status).toBe(201);
    expect((await answered.json()).status).toBe("answered");
    expect((await notificationsOf(deps, p.employee.id)).map((n) => n.kind)).toContain(
      "plan.thread_answered",
    );

    const reply = await p.as("employee", `threads/${thread.id}/messages`, {
      body: { body: "And an approval?" },
    });
    expect((await reply.json()).status).toBe("open");
    const hrAnswer = await p.as("hr", `threads/${thread.id}/messages`, {
      body: { body: "Also counts." },
    });
    expect((await hrAnswer.json()).messages).toHaveLength(4);

    expect(
      (await p.as("skip", `threads/${thread.id}/messages`, { body: { body: "x" } })).status,
    ).toBe(404);
    expect((await p.as("peer", `threads/${thread.id}/close`, { method: "POST" })).status).toBe(404);
    const closed = await p.as("employee", `threads/${thread.id}/close`, { method: "POST" });
    expect((await closed.json()).status).toBe("closed");
  });

  it("tells the manager and HR of a support request; the manager accepts it as a resource the employee asked for", async () => {
    const p = await planWithPeople(deps, app);
    const thread = await (
      await p.as("employee", "threads", {
        body: {
          kind: "support",
          goalId: p.goal.id,
          subject: "A mentor for payments",
          body: "Someone who knows the ledger.",
          resourceKind: "mentor",
        },
      })
    ).json();
    expect(thread.resourceKind).toBe("mentor");
    for (const id of [p.manager.id, p.hr.id])
      expect((await notificationsOf(deps, id)).map((n) => n.kind)).toContain(
        "plan.support_requested",
      );

    expect(
      (
        await p.as("employee", `threads/${thread.id}/accept`, {
          body: { kind: "mentor", description: "x", mentorId: p.people.skip.id },
        })
      ).status,
    ).toBe(404);
    const missingMentor = await p.as("manager", `threads/${thread.id}/accept`, {
      body: { kind: "mentor", description: "Pairing weekly" },
    });
    expect(missingMentor.status).toBe(400);
    expect((await missingMentor.json()).error.details[0].path).toBe("mentorId");

    const before = (await db.select().from(plans).where(eq(plans.id, p.plan.id)))[0]!.version;
    const accepted = await p.as("manager", `threads/${thread.id}/accept`, {
      body: { kind: "mentor", description: "Pairing weekly with Pat", mentorId: p.people.peer.id },
    });
    expect(accepted.status).toBe(201);
    const { resource, thread: after } = await accepted.json();
    expect(resource).toMatchObject({
      goalId: p.goal.id,
      kind: "mentor",
      requestedByEmployee: true,
      status: "offered",
    });
    expect(after.status).toBe("answered");
    const [row] = await db.select().from(planResources).where(eq(planResources.id, resource.id));
    expect(row!.mentorId).toBe(p.people.peer.id);
    // The document changed under its editor: a stale edit is refused rather than dropping it.
    expect((await db.select().from(plans).where(eq(plans.id, p.plan.id)))[0]!.version).toBe(
      before + 1,
    );
    expect((await notificationsOf(deps, p.employee.id)).map((n) => n.kind)).toContain(
      "plan.support_accepted",
    );
  });

  it("refuses to accept a clarification as a resource (409), and a thread of another plan (404)", async () => {
    const p = await planWithPeople(deps, app);
    const other = await planWithPeople(deps, app);
    const thread = await (
      await p.as("employee", "threads", {
        body: { kind: "clarification", subject: "Dates?", body: "When is the first milestone?" },
      })
    ).json();
    const res = await p.as("manager", `threads/${thread.id}/accept`, {
      body: { kind: "training", description: "x", goalId: p.goal.id },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("thread.not_support");
    expect(
      (await other.as("manager", `threads/${thread.id}/messages`, { body: { body: "x" } })).status,
    ).toBe(404);
  });

  it("refuses a goal of another plan and an empty subject, naming the fields", async () => {
    const p = await planWithPeople(deps, app);
    const other = await planWithPeople(deps, app);
    const res = await p.as("employee", "threads", {
      body: { kind: "clarification", goalId: other.goal.id, subject: "", body: "x" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.map((d: { path: string }) => d.path)).toContain(
      "subject",
    );
    const res2 = await p.as("employee", "threads", {
      body: { kind: "clarification", goalId: other.goal.id, subject: "s", body: "x" },
    });
    expect((await res2.json()).error.details[0].path).toBe("goalId");
    expect(await count("plan_threads", p.plan.id)).toBe(0);
  });
});

describe("resources, the action plan and achievements", () => {
  it("lets the manager and HR set a resource's status, not the employee, the skip-level or a peer", async () => {
    const p = await planWithPeople(deps, app);
    for (const [role, status, expected] of [
      ["manager", "in_use", 200],
      ["hr", "delivered", 200],
      ["employee", "not_delivered", 404],
      ["skip", "not_delivered", 404],
      ["peer", "not_delivered", 404],
    ] as [Role, string, number][]) {
      const res = await p.as(role, `resources/${p.resource.id}`, {
        method: "PATCH",
        body: { status },
      });
      expect(res.status, role).toBe(expected);
    }
    const [row] = await db.select().from(planResources).where(eq(planResources.id, p.resource.id));
    expect(row!.status).toBe("delivered");
    expect(
      (
        await p.as("manager", `resources/${p.resource.id}`, {
          method: "PATCH",
          body: { status: "lost" },
        })
      ).status,
    ).toBe(400);
  });

  it("gives the employee an action plan of their own: add, tick off, rename, remove", async () => {
    const p = await planWithPeople(deps, app);
    const created = await p.as("employee", "action-items", {
      body: { goalId: p.goal.id, title: "Block review time daily", dueDate: "2026-03-20" },
    });
    expect(created.status).toBe(201);
    const item = await created.json();
    expect(item).toMatchObject({ done: false, goalId: p.goal.id });
    const done = await p.as("employee", `action-items/${item.id}`, {
      method: "PATCH",
      body: { done: true, title: "Block 30 minutes daily" },
    });
    expect(await done.json()).toMatchObject({ done: true, title: "Block 30 minutes daily" });
    expect(
      (await p.as("manager", `action-items/${item.id}`, { method: "PATCH", body: { done: false } }))
        .status,
    ).toBe(404);
    expect(
      (await p.as("manager", "action-items", { body: { goalId: p.goal.id, title: "x" } })).status,
    ).toBe(404);
    const bad = await p.as("employee", "action-items", {
      body: { goalId: p.goal.id, title: "x", dueDate: "soon" },
    });
    expect((await bad.json()).error.details[0].path).toBe("dueDate");
    expect((await p.as("employee", `action-items/${item.id}`, { method: "DELETE" })).status).toBe(
      204,
    );
    expect(await count("plan_action_items", p.plan.id)).toBe(0);
  });

  it("logs the employee's achievements, refusing one dated in the future", async () => {
    const p = await planWithPeople(deps, app);
    const res = await p.as("employee", "achievements", {
      body: { goalId: p.goal.id, body: "Cleared the review backlog", occurredOn: "2026-03-01" },
    });
    expect(res.status).toBe(201);
    const future = await p.as("employee", "achievements", {
      body: { body: "x", occurredOn: "2030-01-01" },
    });
    expect(future.status).toBe(400);
    expect((await future.json()).error.details[0].path).toBe("occurredOn");
    expect(
      (await p.as("hr", "achievements", { body: { body: "x", occurredOn: "2026-03-01" } })).status,
    ).toBe(404);
    const seen = await (await p.as("skip", "participation")).json();
    expect(seen.achievements).toEqual([
      expect.objectContaining({ body: "Cleared the review backlog" }),
    ]);
  });
});

describe("who sees and who may act", () => {
  it("shows participation to the employee, manager, HR and skip-level; a peer gets 404", async () => {
    const p = await planWithPeople(deps, app);
    for (const role of ["employee", "manager", "hr", "skip"] as Role[])
      expect((await p.as(role, "participation")).status, role).toBe(200);
    expect((await p.as("peer", "participation")).status).toBe(404);
    expect(
      (await p.as("employee", "/api/v1/plans/00000000-0000-0000-0000-000000000000/participation"))
        .status,
    ).toBe(404);
    expect((await p.as("employee", "/api/v1/plans/nope/participation")).status).toBe(404);
  });

  it("hides a draft from the employee (404) and answers 409 on a closed plan", async () => {
    const draft = await planWithPeople(deps, app, "draft");
    expect(
      (await draft.as("employee", "responses", { body: { section: "standard", body: "x" } }))
        .status,
    ).toBe(404);
    const closed = await planWithPeople(deps, app, "closed");
    const res = await closed.as("employee", "responses", {
      body: { section: "standard", body: "x" },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("plan.not_running");
    expect((await closed.as("employee", "participation")).status).toBe(200);
  });

  it("refuses a 30 MB body with 413 and writes nothing", async () => {
    const p = await planWithPeople(deps, app);
    const res = await p.as("employee", "responses", {
      body: JSON.stringify({ section: "standard", body: "x".repeat(30 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("request.too_large");
    expect(await count("plan_responses", p.plan.id)).toBe(0);
    expect(await count("plan_threads", p.plan.id)).toBe(0);
  });
});
