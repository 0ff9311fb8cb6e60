import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDeps, testApp } from "../../../test/helpers.js";
import { notificationsOf, planWithPeople, scheduleFor } from "../../../test/participation.js";
import { runPlanReminders } from "./plans.reminders.js";
import { planCheckins } from "./plans.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const at = (iso: string) => deps.setNow(new Date(`${iso}T08:00:00.000Z`));
const kinds = async (personId: string, kind: string) =>
  (await notificationsOf(deps, personId)).filter((n) => n.kind === kind);

describe("check-in reminders", () => {
  it("tells the employee and the manager the day before, once, even when run twice", async () => {
    at("2026-03-02");
    const p = await planWithPeople(deps, app);
    const [c1] = await scheduleFor(deps, p.plan);
    at("2026-03-15");
    expect(await runPlanReminders(deps)).toMatchObject({ dueReminders: 1 });
    expect(await runPlanReminders(deps)).toMatchObject({ dueReminders: 0 });
    for (const id of [p.employee.id, p.manager.id]) {
      const due = await kinds(id, "plan.checkin_due");
      expect(due).toHaveLength(1);
      expect(due[0]).toMatchObject({
        title: "Check-in due tomorrow",
        dedupeKey: `checkin-due:${c1!.id}`,
      });
    }
    expect(await kinds(p.hr.id, "plan.checkin_due")).toHaveLength(0);
  });

  it("sends each reminder once when several instances run at the same moment", async () => {
    at("2026-03-02");
    const plans = [await planWithPeople(deps, app), await planWithPeople(deps, app)];
    for (const p of plans) await scheduleFor(deps, p.plan);
    at("2026-03-22");
    const results = await Promise.all([
      runPlanReminders(deps),
      runPlanReminders(deps),
      runPlanReminders(deps),
    ]);
    // Every check-in due tomorrow (earlier tests' plans too) was reminded by exactly one run.
    const due = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM plan_checkins WHERE scheduled_on = '2026-03-23' AND due_reminder_sent_at IS NOT NULL`,
    );
    expect(results.reduce((n, r) => n + r.dueReminders, 0)).toBe(due.rows[0]!.n);
    expect(due.rows[0]!.n).toBeGreaterThanOrEqual(2);
    for (const p of plans) expect(await kinds(p.employee.id, "plan.checkin_due")).toHaveLength(1);
    const mails = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM mail_messages WHERE subject = 'Check-in due tomorrow' AND "to" = ${plans[0]!.employee.email}`,
    );
    expect(mails.rows[0]!.n).toBe(1);
  });

  it("marks a check-in whose day passed as missed, with its audit event, and tells both sides once", async () => {
    at("2026-03-02");
    const p = await planWithPeople(deps, app);
    const [c1, c2] = await scheduleFor(deps, p.plan);
    at("2026-03-17");
    const [a, b] = await Promise.all([runPlanReminders(deps), runPlanReminders(deps)]);
    expect(a!.missed + b!.missed).toBe(1);
    await runPlanReminders(deps);
    const [row] = await db.select().from(planCheckins).where(eq(planCheckins.id, c1!.id));
    expect(row!.status).toBe("missed");
    const [next] = await db.select().from(planCheckins).where(eq(planCheckins.id, c2!.id));
    expect(next!.status).toBe("scheduled");
    for (const id of [p.employee.id, p.manager.id])
      expect(await kinds(id, "plan.checkin_missed")).toHaveLength(1);
    const events = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'plan.checkin_missed' AND data->>'checkinId' = ${c1!.id}`,
    );
    expect(events.rows[0]!.n).toBe(1);
  });

  it("leaves held check-ins and paused plans alone", async () => {
    at("2026-03-02");
    const held = await planWithPeople(deps, app);
    const [h1] = await scheduleFor(deps, held.plan);
    await db
      .update(planCheckins)
      .set({ status: "held", heldOn: "2026-03-16" })
      .where(eq(planCheckins.id, h1!.id));
    const paused = await planWithPeople(deps, app, "paused");
    const [p1] = await scheduleFor(deps, paused.plan);
    at("2026-03-18");
    await runPlanReminders(deps);
    expect(
      (await db.select().from(planCheckins).where(eq(planCheckins.id, h1!.id)))[0]!.status,
    ).toBe("held");
    expect(
      (await db.select().from(planCheckins).where(eq(planCheckins.id, p1!.id)))[0]!.status,
    ).toBe("scheduled");
    expect(await kinds(paused.employee.id, "plan.checkin_missed")).toHaveLength(0);
  });
});
