import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie } from "../../../test/factories.js";
import { auditOf, growthTeam, setSkipLevelVisible } from "../../../test/factories-growth.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { write } from "../../db/transaction.js";
import { catalogueItems } from "../catalogue/catalogue.table.js";
import { mentorProfiles } from "../mentoring/mentoring.table.js";
import { notifications } from "../notify/notify.table.js";
import { planCauses, plans } from "../plans/plans.table.js";
import { VIEW_WINDOW_MS } from "../record/record.views.js";
import type { DiagnosisDetail, DiagnosisList, DiagnosisSuggestions } from "./diagnosis.service.js";
import { diagnoses } from "./diagnosis.table.js";

// The diagnostic conversation through the API, as everyone around one employee: only the direct
// manager or HR in scope runs one; the employee reads it once it is completed; nobody else in the
// chain, no peer, no L&D ever sees it. What was said is encrypted at rest and never in the audit.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const t = await growthTeam(deps, app);
await setSkipLevelVisible(deps, true);
const ld = await makeUser(deps, { name: "Lee Learning", department: "L&D", roles: ["ld"] });
const ldCookie = await signInCookie(app, ld.email, ld.password);
const fx = await makePlan(deps, { employee: t.employee, manager: t.manager, hr: t.hrIn });

const NOTE = "zebra-note: new to the payments codebase, stuck on SQL joins";
const ANSWER = "zebra-answer: I would like to pair with someone on the reports";
const SECRETS = ["zebra"];

type Role = Parameters<typeof t.as>[0] | "ld";
const as = (role: Role, path: string, init: { method?: string; body?: unknown } = {}) =>
  role === "ld" ? send(app, path, { ...init, cookie: ldCookie }) : t.as(role, path, init);

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function rawRow(id: string) {
  const result = await db.execute<{
    notes: string;
    employee_answers: string;
    version: number;
    employee_consent: boolean;
    consent_at: string | null;
    causes: string[];
  }>(
    sql`SELECT notes, employee_answers, version, employee_consent, consent_at, causes FROM diagnoses WHERE id = ${id}`,
  );
  return result.rows[0]!;
}

async function auditCount() {
  const r = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`);
  return r.rows[0]!.n;
}

const people = `/api/v1/people/${t.employee.id}/diagnoses`;
let d: DiagnosisDetail;

describe("the guide", () => {
  it("is there for anyone signed in, with every cause", async () => {
    const guide = await json<{ causes: { cause: string }[] }>(
      await as("peer", "/api/v1/diagnostic-guide"),
      200,
    );
    expect(guide.causes).toHaveLength(8);
    expect((await send(app, "/api/v1/diagnostic-guide")).status).toBe(401);
  });
});

describe("starting a conversation", () => {
  it("only the direct manager or HR in scope may start one; the others change nothing", async () => {
    const before = await auditCount();
    for (const role of ["peer", "ld", "skip", "hrOut", "admin"] as const)
      expect((await as(role, people, { body: {} })).status, role).toBe(404);
    const self = await as("employee", people, { body: {} });
    expect(self.status).toBe(403);
    expect((await json<{ error: { code: string } }>(self, 403)).error.code).toBe(
      "diagnosis.forbidden",
    );
    expect(await db.select().from(diagnoses)).toHaveLength(0);
    expect(await auditCount()).toBe(before);
  });

  it("a plan to inform must be a draft about this person that the manager edits", async () => {
    const other = await makePlan(deps, { manager: t.manager, hr: t.hrIn });
    const issued = await makePlan(deps, {
      employee: t.employee,
      manager: t.manager,
      hr: t.hrIn,
      plan: { status: "issued", issuedVersion: 1 },
    });
    for (const planId of [other.plan.id, issued.plan.id, crypto.randomUUID()])
      expect((await as("manager", people, { body: { planId } })).status).toBe(404);
    // HR does not edit the manager's plan: it cannot be linked by them.
    expect((await as("hrIn", people, { body: { planId: fx.plan.id } })).status).toBe(404);
    expect(await db.select().from(diagnoses)).toHaveLength(0);
  });

  it("the manager starts one for the draft plan; HR in scope may start one too", async () => {
    d = await json<DiagnosisDetail>(
      await as("manager", people, { body: { planId: fx.plan.id } }),
      201,
    );
    expect(d).toMatchObject({
      status: "in_progress",
      viewer: "runner",
      employee: { id: t.employee.id },
      manager: { id: t.manager.id },
      plan: { id: fx.plan.id, status: "draft", causes: ["skill"] },
      causes: [],
      version: 1,
      abilities: { edit: true, applyToPlan: false, addToGoal: true },
    });
    expect(d.plan!.goals).toHaveLength(1);
    const hr = await json<DiagnosisDetail>(await as("hrIn", people, { body: {} }), 201);
    expect(hr).toMatchObject({ viewer: "runner", manager: { id: t.hrIn.id }, plan: null });
    const [event] = await auditOf(deps, "diagnosis.started");
    expect(event!.data).toEqual({
      diagnosisId: d.id,
      employeeId: t.employee.id,
      planId: fx.plan.id,
    });
  });
});

describe("who reads it", () => {
  it("a peer, L&D, the skip-level manager, HR out of scope and an admin get 404", async () => {
    for (const role of ["peer", "ld", "skip", "hrOut", "admin"] as const) {
      expect((await as(role, `/api/v1/diagnoses/${d.id}`)).status, role).toBe(404);
      expect((await as(role, people)).status, role).toBe(404);
    }
  });

  it("the employee does not see it while it is in progress", async () => {
    expect((await as("employee", `/api/v1/diagnoses/${d.id}`)).status).toBe(404);
    const list = await json<DiagnosisList>(await as("employee", people), 200);
    expect(list.items).toEqual([]);
    expect(list.abilities.create).toBe(false);
    expect(list.draftPlans).toEqual([]);
  });

  it("the manager lists theirs with the draft plans a conversation may inform; HR in scope reads it", async () => {
    const list = await json<DiagnosisList>(await as("manager", people), 200);
    expect(list.items.map((i) => i.id)).toContain(d.id);
    expect(list.abilities.create).toBe(true);
    expect(list.draftPlans.map((p) => p.id)).toEqual([fx.plan.id]);
    const hr = await json<DiagnosisDetail>(await as("hrIn", `/api/v1/diagnoses/${d.id}`), 200);
    expect(hr.viewer).toBe("hr");
    expect(hr.abilities.edit).toBe(false);
  });
});

describe("recording the conversation", () => {
  it("saves causes, notes and skills; the version moves", async () => {
    d = await json<DiagnosisDetail>(
      await as("manager", `/api/v1/diagnoses/${d.id}`, {
        method: "PUT",
        body: {
          version: 1,
          causes: ["overload", "skill"],
          notes: {
            skill: { "skill.q2": NOTE, "skill.q1": "  " },
            motivation: { "motivation.q1": "Enjoys the client work" },
          },
          skills: [" SQL ", "reporting", "sql"],
        },
      }),
      200,
    );
    expect(d.version).toBe(2);
    expect(d.causes).toEqual(["skill", "overload"]);
    expect(d.notes).toEqual({
      skill: { "skill.q2": NOTE },
      motivation: { "motivation.q1": "Enjoys the client work" },
    });
    expect(d.skills).toEqual(["sql", "reporting"]);
  });

  it("a stale version is a 409 with the current conversation; nothing changes", async () => {
    const before = await rawRow(d.id);
    const res = await as("manager", `/api/v1/diagnoses/${d.id}`, {
      method: "PUT",
      body: { version: 1, causes: ["process"] },
    });
    const body = await json<{ error: { code: string; details: { diagnosis: DiagnosisDetail } } }>(
      res,
      409,
    );
    expect(body.error.code).toBe("diagnosis.conflict");
    expect(body.error.details.diagnosis.version).toBe(2);
    expect(await rawRow(d.id)).toEqual(before);
  });

  it("HR reads but does not write in the manager's conversation", async () => {
    const res = await as("hrIn", `/api/v1/diagnoses/${d.id}`, {
      method: "PUT",
      body: { version: 2, causes: ["process"] },
    });
    expect(res.status).toBe(403);
  });

  it("a note under another cause's question is refused", async () => {
    const res = await as("manager", `/api/v1/diagnoses/${d.id}`, {
      method: "PUT",
      body: { version: 2, notes: { skill: { "overload.q1": "x" } } },
    });
    expect(res.status).toBe(400);
  });

  it("the employee's answers without their consent are refused, with nothing changed", async () => {
    const before = await rawRow(d.id);
    const events = await auditCount();
    const res = await as("manager", `/api/v1/diagnoses/${d.id}`, {
      method: "PUT",
      body: { version: 2, employeeAnswers: { "skill.q5": ANSWER } },
    });
    const body = await json<{ error: { message: string } }>(res, 400);
    expect(body.error.message).toMatch(/only with their consent/);
    expect(await rawRow(d.id)).toEqual(before);
    expect(await auditCount()).toBe(events);
  });

  it("with consent they are kept, and notes and answers are encrypted in the table", async () => {
    d = await json<DiagnosisDetail>(
      await as("manager", `/api/v1/diagnoses/${d.id}`, {
        method: "PUT",
        body: {
          version: 2,
          employeeConsent: true,
          employeeAnswers: { "skill.q5": ANSWER, "closing.q2": "Time to learn" },
        },
      }),
      200,
    );
    expect(d.employeeConsent).toBe(true);
    expect(d.consentAt).not.toBeNull();
    expect(d.employeeAnswers).toEqual({ "skill.q5": ANSWER, "closing.q2": "Time to learn" });
    const raw = await rawRow(d.id);
    expect(raw.notes).toMatch(/^hw1:\d+:/);
    expect(raw.employee_answers).toMatch(/^hw1:\d+:/);
    for (const secret of SECRETS) {
      expect(raw.notes).not.toContain(secret);
      expect(raw.employee_answers).not.toContain(secret);
    }
  });

  it("withdrawing consent erases the employee's answers", async () => {
    const withdrawn = await json<DiagnosisDetail>(
      await as("manager", `/api/v1/diagnoses/${d.id}`, {
        method: "PUT",
        body: { version: d.version, employeeConsent: false },
      }),
      200,
    );
    expect(withdrawn.employeeAnswers).toEqual({});
    expect(withdrawn.consentAt).toBeNull();
    expect((await rawRow(d.id)).employee_answers).toBe("");
    const events = await auditOf(deps, "diagnosis.saved");
    expect(events.at(-1)!.data).toMatchObject({ consent: "withdrawn", answersErased: true });
    // Consent again, for the rest of the story.
    d = await json<DiagnosisDetail>(
      await as("manager", `/api/v1/diagnoses/${d.id}`, {
        method: "PUT",
        body: {
          version: withdrawn.version,
          employeeConsent: true,
          employeeAnswers: { "skill.q5": ANSWER, "overload.q3": "The weekly report" },
        },
      }),
      200,
    );
  });
});

describe("suggestions", () => {
  let mentor: { id: string };
  beforeAll(async () => {
    mentor = await makeUser(deps, { name: "Mo Mentor", department: "Data" });
    await write(deps, async (w) => {
      const item = (title: string, skills: string[], causes: string[], active = true) => ({
        kind: "course" as const,
        title,
        skills,
        causes,
        active,
        createdAt: w.now,
        updatedAt: w.now,
      });
      await w.tx
        .insert(catalogueItems)
        .values([
          item("SQL for reporting", ["sql"], ["skill"]),
          item("Learning on the job", [], ["skill"]),
          item("Saying no", [], ["overload"]),
          item("Conflict at work", [], ["relationship_with_manager"]),
          item("Old SQL course", ["sql"], ["skill"], false),
        ]);
      // The skip-level manager volunteers with the very skill: never suggested to their report.
      for (const personId of [mentor.id, t.skip.id, t.manager.id])
        await w.tx.insert(mentorProfiles).values({
          personId,
          skills: ["sql"],
          capacity: 2,
          createdAt: w.now,
          updatedAt: w.now,
        });
      await w.audit({
        actor: { kind: "system", label: "test" },
        action: "test.seeded",
        subjectType: "org",
      });
    });
  });

  it("offers catalogue items for the causes and skills, mentors outside the chain, demand changes", async () => {
    const s = await json<DiagnosisSuggestions>(
      await as("manager", `/api/v1/diagnoses/${d.id}/suggestions`),
      200,
    );
    const titles = s.resources.map((r) => r.title);
    expect(titles[0]).toBe("SQL for reporting");
    expect(titles.sort()).toEqual(["Learning on the job", "SQL for reporting", "Saying no"]);
    expect(s.mentors.map((m) => m.mentor.id)).toEqual([mentor.id]);
    expect(s.mentors[0]!.matchingSkills).toEqual(["sql"]);
    expect(s.demandChanges.length).toBeGreaterThan(4);
  });

  it("a peer gets 404", async () => {
    expect((await as("peer", `/api/v1/diagnoses/${d.id}/suggestions`)).status).toBe(404);
  });
});

describe("applying the causes to the plan", () => {
  it("a stale plan version is a 409, nothing changed", async () => {
    const res = await as("manager", `/api/v1/diagnoses/${d.id}/apply-to-plan`, {
      body: { planVersion: fx.plan.version + 5 },
    });
    expect((await json<{ error: { code: string } }>(res, 409)).error.code).toBe("plan.conflict");
    expect(
      await db.select().from(planCauses).where(eq(planCauses.planId, fx.plan.id)),
    ).toHaveLength(1);
  });

  it("HR reading the conversation may not apply it to the manager's plan", async () => {
    const res = await as("hrIn", `/api/v1/diagnoses/${d.id}/apply-to-plan`, {
      body: { planVersion: fx.plan.version },
    });
    expect(res.status).toBe(404);
  });

  it("adds the missing causes, keeps the notes of those it has, and moves the plan's version", async () => {
    const applied = await json<DiagnosisDetail>(
      await as("manager", `/api/v1/diagnoses/${d.id}/apply-to-plan`, {
        body: { planVersion: fx.plan.version },
      }),
      200,
    );
    expect(applied.plan!.causes.sort()).toEqual(["overload", "skill"]);
    expect(applied.plan!.version).toBe(fx.plan.version + 1);
    const rows = await db.select().from(planCauses).where(eq(planCauses.planId, fx.plan.id));
    const notes = Object.fromEntries(rows.map((r) => [r.cause, r.notes]));
    expect(notes.skill).toBe("New to the payments codebase.");
    expect(notes.overload).toMatch(/diagnostic conversation/);
    const [plan] = await db.select().from(plans).where(eq(plans.id, fx.plan.id));
    expect(plan!.version).toBe(fx.plan.version + 1);
    const [event] = await auditOf(deps, "plan.causes_from_diagnosis");
    expect(event).toMatchObject({
      subject_id: fx.plan.id,
      data: { diagnosisId: d.id, added: ["overload"], kept: ["skill"] },
    });
  });
});

describe("completing it", () => {
  it("needs at least one cause", async () => {
    const list = await json<DiagnosisList>(await as("hrIn", people), 200);
    const hrs = list.items.find((i) => i.manager.id === t.hrIn.id)!;
    const res = await as("hrIn", `/api/v1/diagnoses/${hrs.id}/complete`, { body: {} });
    expect(res.status).toBe(400);
  });

  it("the employee is told and reads it; notes on causes set aside are dropped; it no longer changes", async () => {
    const done = await json<DiagnosisDetail>(
      await as("manager", `/api/v1/diagnoses/${d.id}/complete`, { body: {} }),
      200,
    );
    expect(done.status).toBe("completed");
    expect(done.planId).toBe(fx.plan.id);
    expect(done.notes).toEqual({ skill: { "skill.q2": NOTE } });
    const told = await db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, t.employee.id));
    expect(told.map((n) => n.link)).toContain(`/diagnoses/${d.id}`);
    for (const n of told) for (const s of SECRETS) expect(`${n.title} ${n.body}`).not.toContain(s);

    const mine = await json<DiagnosisDetail>(
      await as("employee", `/api/v1/diagnoses/${d.id}`),
      200,
    );
    // The conversation informs a draft the employee has not been shown: not even its id.
    expect(mine).toMatchObject({
      viewer: "employee",
      planId: null,
      plan: null,
      employeeAnswers: { "skill.q5": ANSWER, "overload.q3": "The weekly report" },
      abilities: { edit: false, applyToPlan: false, addToGoal: false },
    });
    const listed = await json<DiagnosisList>(
      await as("employee", `/api/v1/people/${t.employee.id}/diagnoses`),
      200,
    );
    expect(listed.items.map((i) => [i.id, i.planId])).toEqual([[d.id, null]]);
    const res = await as("manager", `/api/v1/diagnoses/${d.id}`, {
      method: "PUT",
      body: { version: done.version, causes: ["process"] },
    });
    expect(res.status).toBe(409);
    expect((await as("skip", `/api/v1/diagnoses/${d.id}`)).status).toBe(404);
  });

  it("the employee may withdraw their consent afterwards: their answers are erased, the manager told", async () => {
    expect(
      (await as("hrIn", `/api/v1/diagnoses/${d.id}/withdraw-consent`, { body: {} })).status,
    ).toBe(403);
    const after = await json<DiagnosisDetail>(
      await as("employee", `/api/v1/diagnoses/${d.id}/withdraw-consent`, { body: {} }),
      200,
    );
    expect(after).toMatchObject({
      employeeConsent: false,
      employeeAnswers: {},
      status: "completed",
    });
    expect(after.notes).toEqual({ skill: { "skill.q2": NOTE } });
    expect((await rawRow(d.id)).employee_answers).toBe("");
    const [event] = await auditOf(deps, "diagnosis.consent_withdrawn");
    expect(event!.data).toMatchObject({ by: "employee", answersErased: true });
    const told = await db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, t.manager.id));
    expect(told.map((n) => n.kind)).toContain("diagnosis.consent_withdrawn");
  });

  it("the audit trail holds ids and cause keys, never what was said", async () => {
    const events = await db.execute<{ data: unknown }>(
      sql`SELECT data FROM audit_events WHERE action LIKE 'diagnosis.%' OR action = 'plan.causes_from_diagnosis'`,
    );
    expect(events.rows.length).toBeGreaterThan(5);
    const text = JSON.stringify(events.rows);
    for (const secret of [...SECRETS, "Enjoys the client", "weekly report", "Time to learn"])
      expect(text).not.toContain(secret);
  });
});

describe("who read it", () => {
  const views = async () =>
    (await auditOf(deps, "diagnosis.viewed")).filter((e) => e.subject_id === d.id);

  it("each reading is recorded as diagnosis.viewed, once an hour per reader, never for a refused read or a write's answer", async () => {
    const before = await views();
    // HR read it in the test above, and the employee once it was completed; nobody refused.
    expect(new Set(before.map((e) => e.actor_id))).toEqual(new Set([t.hrIn.id, t.employee.id]));
    expect(before.every((e) => JSON.stringify(e.data) === "{}")).toBe(true);
    expect((await as("peer", `/api/v1/diagnoses/${d.id}`)).status).toBe(404);
    // A third of the window at a time, reading each time (a session ends when idle too long).
    const hrViews = async () => (await views()).filter((e) => e.actor_id === t.hrIn.id).length;
    const first = await hrViews();
    for (const expected of [first, first, first + 1]) {
      deps.advance(VIEW_WINDOW_MS / 3 + 1000);
      expect((await as("hrIn", `/api/v1/diagnoses/${d.id}`)).status).toBe(200);
      expect(await hrViews()).toBe(expected);
    }
    expect((await views()).length).toBe(before.length + 1);
  });
});
