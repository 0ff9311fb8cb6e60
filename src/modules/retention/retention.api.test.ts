import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { auditEvents, auditHead } from "../record/record.table.js";
import type { LegalHold, RetentionReport, RetentionSettings } from "./retention.service.js";
import { legalHolds, retentionPolicies } from "./retention.table.js";
import { countRows, exists, seedRecords } from "./retention.testing.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function errorOf(res: Response, status: number) {
  return (await json<{ error: { code: string; message: string; details?: unknown } }>(res, status))
    .error;
}

// Everyone around one employee in Engineering, each signed in.
const department = "Engineering";
const make = (name: string, values: Parameters<typeof makeUser>[1] = {}) =>
  makeUser(deps, { name, department, ...values });
const skip = await make("Sam Skip");
const manager = await make("Mia Manager", { managerId: skip.id });
const employee = await make("Eve Employee", { managerId: manager.id });
const hrIn = await make("Hana HR", {
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: [department],
});
const hrOut = await make("Otto HR", {
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Sales"],
});
const hrAll = await make("Harriet HR", { department: "People", roles: ["hr"], hrScopeAll: true });
const admin = await make("Ada Admin", { department: "IT", roles: ["admin"] });
const everyone = { skip, manager, employee, hrIn, hrOut, hrAll, admin };
type Role = keyof typeof everyone;
const cookie = Object.fromEntries(
  await Promise.all(
    Object.entries(everyone).map(async ([role, u]) => [
      role,
      await signInCookie(app, u.email, u.password),
    ]),
  ),
) as Record<Role, string>;

/** What a refused request must leave alone. */
async function state() {
  const [head] = await db.select().from(auditHead);
  const [policy] = await db.select().from(retentionPolicies);
  return {
    head,
    policy: policy ?? null,
    holds: JSON.stringify(await db.select().from(legalHolds).orderBy(legalHolds.id)),
    feedback: await countRows(deps, "feedback"),
    plans: await countRows(deps, "plans"),
  };
}

describe("who may see and set the retention policy", () => {
  const cases: [Role, number][] = [
    ["admin", 200],
    ["hrAll", 200],
    ["hrIn", 404],
    ["hrOut", 404],
    ["manager", 404],
    ["skip", 404],
    ["employee", 404],
  ];
  for (const [role, status] of cases)
    it(`${role}: ${status} for the policy, the preview and a run`, async () => {
      const before = await state();
      await json(await send(app, "/api/v1/settings/retention", { cookie: cookie[role] }), status);
      await json(
        await send(app, "/api/v1/settings/retention/preview", { cookie: cookie[role] }),
        status,
      );
      await json(await send(app, "/api/v1/legal-holds", { cookie: cookie[role] }), status);
      if (status === 404) {
        const put = await send(app, "/api/v1/settings/retention", {
          method: "PUT",
          cookie: cookie[role],
          body: { periods: { feedback: 24 } },
        });
        expect((await errorOf(put, 404)).code).toBe("retention.not_found");
        await errorOf(
          await send(app, "/api/v1/settings/retention/run", {
            method: "POST",
            cookie: cookie[role],
          }),
          404,
        );
        expect(await state()).toEqual(before);
      }
    });

  it("asks to sign in first", async () => {
    const res = await send(app, "/api/v1/settings/retention");
    expect((await errorOf(res, 401)).code).toBe("auth.unauthenticated");
  });
});

describe("the retention policy", () => {
  it("lists every record type with its period, default and floor", async () => {
    const settings = await json<RetentionSettings>(
      await send(app, "/api/v1/settings/retention", { cookie: cookie.admin }),
      200,
    );
    expect(settings.updatedAt).toBeNull();
    const plans = settings.types.find((t) => t.type === "closed_plans");
    expect(plans).toMatchObject({
      label: "Closed success plans",
      months: 72,
      defaultMonths: 72,
      floorMonths: 12,
      erasure: "deleted",
    });
    expect(plans?.floorReason).toMatch(/at least a year/);
    expect(settings.types.find((t) => t.type === "deactivated_people")?.erasure).toBe("anonymised");
  });

  const bad: [string, unknown, RegExp][] = [
    ["negative months", { periods: { notifications: -1 } }, /whole number of months/],
    ["a fraction", { periods: { notifications: 2.5 } }, /whole number of months/],
    ["below the floor", { periods: { closed_plans: 6 } }, /at least 12 months/],
    ["an unknown type", { periods: { plans: 12 } }, /no record type \\"plans/],
    ["more than a hundred years", { periods: { feedback: 5000 } }, /at most 1200 months/],
    ["a string", { periods: { feedback: "12" } }, /number/],
    ["no periods", {}, /./],
  ];
  for (const [name, body, message] of bad)
    it(`refuses ${name} with 400, says why, and changes nothing`, async () => {
      const before = await state();
      const res = await send(app, "/api/v1/settings/retention", {
        method: "PUT",
        cookie: cookie.hrAll,
        body,
      });
      const error = await errorOf(res, 400);
      expect(error.code).toBe("validation.failed");
      expect(JSON.stringify(error.details)).toMatch(message);
      expect(await state()).toEqual(before);
    });

  it("saves a change, records it in the audit trail, and a save that changes nothing writes nothing", async () => {
    const saved = await json<RetentionSettings>(
      await send(app, "/api/v1/settings/retention", {
        method: "PUT",
        cookie: cookie.hrAll,
        body: { periods: { feedback: 48, notifications: null } },
      }),
      200,
    );
    expect(saved.types.find((t) => t.type === "feedback")?.months).toBe(48);
    expect(saved.types.find((t) => t.type === "notifications")?.months).toBeNull();
    expect(saved.updatedAt).toBe("2026-03-02T09:00:00.000Z");
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "retention.policy_updated"));
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({
      changed: { feedback: 48, notifications: null },
      before: { feedback: 36, notifications: 12 },
    });

    const before = await state();
    await json(
      await send(app, "/api/v1/settings/retention", {
        method: "PUT",
        cookie: cookie.admin,
        body: { periods: { feedback: 48 } },
      }),
      200,
    );
    expect(await state()).toEqual(before);
  });
});

describe("preview and run from the settings", () => {
  it("the preview changes nothing; a run erases what it showed and reports it", async () => {
    await seedRecords(deps, { employee, manager, hr: hrIn }, new Date("2015-01-01T00:00:00Z"));
    const before = await state();
    const preview = await json<RetentionReport>(
      await send(app, "/api/v1/settings/retention/preview", { cookie: cookie.admin }),
      200,
    );
    expect(await state()).toEqual(before);
    expect(preview.dryRun).toBe(true);
    const feedbackItem = preview.items.find((i) => i.type === "feedback");
    expect(feedbackItem).toMatchObject({ months: 48, erased: 1, held: 0 });
    expect(preview.items.find((i) => i.type === "notifications")).toMatchObject({
      months: null,
      cutoff: null,
      erased: 0,
    });

    const run = await json<RetentionReport>(
      await send(app, "/api/v1/settings/retention/run", { method: "POST", cookie: cookie.admin }),
      200,
    );
    expect(run.dryRun).toBe(false);
    expect(run.items).toEqual(preview.items);
    expect(await countRows(deps, "feedback")).toBe(0);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "retention.erased"))
      .limit(1);
    expect(event?.actorId).toBe(admin.id);
  });
});

describe("legal holds", () => {
  const place = (role: Role, personId: string, reason: unknown = "Tribunal claim 2026/17") =>
    send(app, `/api/v1/people/${personId}/legal-holds`, {
      cookie: cookie[role],
      body: { reason },
    });

  const cases: [Role, number][] = [
    ["hrIn", 201],
    ["admin", 201],
    ["hrAll", 201],
    ["hrOut", 404],
    ["manager", 404],
    ["skip", 404],
    ["employee", 404],
  ];
  for (const [role, status] of cases)
    it(`on the employee, ${role} gets ${status} placing one and ${status === 201 ? 200 : 404} reading them`, async () => {
      const before = await state();
      const res = await place(role, employee.id);
      if (status === 404) {
        expect((await errorOf(res, 404)).code).toBe("person.not_found");
        expect(await state()).toEqual(before);
        await errorOf(
          await send(app, `/api/v1/people/${employee.id}/legal-holds`, { cookie: cookie[role] }),
          404,
        );
        return;
      }
      const hold = await json<LegalHold>(res, 201);
      expect(hold).toMatchObject({
        person: { id: employee.id, name: "Eve Employee" },
        active: true,
        reason: "Tribunal claim 2026/17",
        placedBy: { id: everyone[role].id },
        releasedAt: null,
      });
      const list = await json<{ held: boolean; items: LegalHold[] }>(
        await send(app, `/api/v1/people/${employee.id}/legal-holds`, { cookie: cookie[role] }),
        200,
      );
      expect(list.held).toBe(true);
      expect(list.items.map((h) => h.id)).toContain(hold.id);
    });

  it("cannot be placed on oneself, nor read by the person held", async () => {
    const before = await state();
    await errorOf(await place("hrIn", hrIn.id), 404);
    await errorOf(await place("admin", admin.id), 404);
    await errorOf(
      await send(app, `/api/v1/people/${employee.id}/legal-holds`, { cookie: cookie.employee }),
      404,
    );
    expect(await state()).toEqual(before);
  });

  it("needs a reason, and keeps it out of the audit trail's summary", async () => {
    const before = await state();
    for (const reason of ["", "   ", null, "x".repeat(2001)])
      expect((await errorOf(await place("hrIn", manager.id, reason), 400)).code).toBe(
        "validation.failed",
      );
    expect(await state()).toEqual(before);

    const hold = await json<LegalHold>(await place("hrIn", manager.id, "Smith v. Acme"), 201);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        sql`${auditEvents.action} = 'legal_hold.placed' AND ${auditEvents.data} ->> 'holdId' = ${hold.id}`,
      );
    expect(event).toMatchObject({ subjectType: "person", subjectId: manager.id });
    expect(JSON.stringify(event!.data)).not.toContain("Smith");
  });

  it("for a missing person or hold is a 404", async () => {
    await errorOf(await place("admin", "00000000-0000-4000-8000-000000000000"), 404);
    await errorOf(await place("admin", "not-an-id"), 404);
    await errorOf(
      await send(app, "/api/v1/legal-holds/not-an-id/release", {
        cookie: cookie.admin,
        body: { reason: "Done" },
      }),
      404,
    );
  });

  it("is released with a reason, once, by HR in scope or an admin, and stays as history", async () => {
    const hold = await json<LegalHold>(await place("hrIn", skip.id, "Audit of the team"), 201);
    const release = (role: Role, reason: unknown = "The audit closed.") =>
      send(app, `/api/v1/legal-holds/${hold.id}/release`, {
        cookie: cookie[role],
        body: { reason },
      });

    const before = await state();
    for (const role of ["manager", "hrOut", "employee", "skip"] as const)
      expect((await errorOf(await release(role), 404)).code).toBe("legal_hold.not_found");
    expect((await errorOf(await release("hrIn", ""), 400)).code).toBe("validation.failed");
    expect(await state()).toEqual(before);

    const released = await json<LegalHold>(await release("admin"), 200);
    expect(released).toMatchObject({
      active: false,
      releasedAt: "2026-03-02T09:00:00.000Z",
      releasedBy: { id: admin.id, name: "Ada Admin" },
      releaseReason: "The audit closed.",
    });
    expect((await errorOf(await release("hrIn"), 409)).code).toBe("legal_hold.invalid_transition");

    const mine = await json<{ held: boolean; items: LegalHold[] }>(
      await send(app, `/api/v1/people/${skip.id}/legal-holds`, { cookie: cookie.hrIn }),
      200,
    );
    expect(mine).toMatchObject({ held: false, items: [{ id: hold.id, active: false }] });

    const all = await json<{ items: LegalHold[] }>(
      await send(app, "/api/v1/legal-holds", { cookie: cookie.admin }),
      200,
    );
    expect(all.items.at(-1)?.id).toBe(hold.id);
    expect(all.items.filter((h) => h.active).length).toBeGreaterThan(0);
    expect(all.items.findIndex((h) => !h.active)).toBe(all.items.filter((h) => h.active).length);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "legal_hold.released"));
    expect(event?.data).toEqual({ holdId: hold.id });
  });

  it("shows on the person page as an ability for HR in scope and admins only", async () => {
    const page = async (role: Role) =>
      (
        await json<{ abilities: Record<string, boolean> }>(
          await send(app, `/api/v1/people/${employee.id}`, { cookie: cookie[role] }),
          200,
        )
      ).abilities["person.place_legal_hold"];
    expect(await page("hrIn")).toBe(true);
    expect(await page("admin")).toBe(true);
    expect(await page("manager")).toBe(false);
    expect(await page("employee")).toBe(false);
  });

  it("keeps the held employee's records from a run started from the settings", async () => {
    const ids = await seedRecords(
      deps,
      { employee, manager, hr: hrIn },
      new Date("2015-01-01T00:00:00Z"),
    );
    const run = await json<RetentionReport>(
      await send(app, "/api/v1/settings/retention/run", { method: "POST", cookie: cookie.hrAll }),
      200,
    );
    expect(run.items.find((i) => i.type === "closed_plans")).toMatchObject({ erased: 0, held: 1 });
    expect(await exists(deps, "plans", ids.closed_plans)).toBe(true);
  });
});
