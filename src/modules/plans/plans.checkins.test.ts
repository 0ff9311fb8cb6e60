import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTestDeps, testApp } from "../../../test/helpers.js";
import {
  notificationsOf,
  planWithPeople,
  type Role,
  scheduleFor,
} from "../../../test/participation.js";
import { addDaysIso, checkinDates, daysBetween } from "./plans.rules.js";
import { planCheckins } from "./plans.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
const at = (iso: string) => deps.setNow(new Date(`${iso}T12:00:00.000Z`));

describe("scheduling check-ins", () => {
  it("schedules weekly check-ins from the start and one on the last day", async () => {
    at("2026-03-02");
    const p = await planWithPeople(deps, app);
    const rows = await scheduleFor(deps, p.plan);
    expect(rows.map((c) => c.scheduledOn)).toEqual([
      "2026-03-16",
      "2026-03-23",
      "2026-03-30",
      "2026-04-06",
      "2026-04-13",
      "2026-04-20",
    ]);
    expect(rows.every((c) => c.status === "scheduled")).toBe(true);
  });

  it("is idempotent, and after an extension keeps held and missed ones, adds new dates and drops the old last day", async () => {
    at("2026-03-02");
    const p = await planWithPeople(deps, app);
    const plan = { ...p.plan, endDate: "2026-04-17" };
    const first = await scheduleFor(deps, plan);
    expect(first.at(-1)!.scheduledOn).toBe("2026-04-17");
    expect((await scheduleFor(deps, plan)).map((c) => c.id)).toEqual(first.map((c) => c.id));

    await db
      .update(planCheckins)
      .set({ status: "held", heldOn: "2026-03-16" })
      .where(eq(planCheckins.id, first[0]!.id));
    await db
      .update(planCheckins)
      .set({ status: "missed" })
      .where(eq(planCheckins.id, first[1]!.id));
    at("2026-03-25");
    const after = await scheduleFor(deps, { ...plan, endDate: "2026-05-04" });
    expect(after.map((c) => [c.scheduledOn, c.status])).toEqual([
      ["2026-03-16", "held"],
      ["2026-03-23", "missed"],
      ["2026-03-30", "scheduled"],
      ["2026-04-06", "scheduled"],
      ["2026-04-13", "scheduled"],
      ["2026-04-20", "scheduled"],
      ["2026-04-27", "scheduled"],
      ["2026-05-04", "scheduled"],
    ]);
    expect(after[2]!.id).toBe(first[2]!.id);

    // A change of cadence drops the future weekly ones that are no longer on the schedule.
    const biweekly = await scheduleFor(deps, { ...plan, endDate: "2026-05-04", cadenceDays: 14 });
    expect(biweekly.map((c) => c.scheduledOn)).toEqual([
      "2026-03-16",
      "2026-03-23",
      "2026-04-06",
      "2026-04-20",
      "2026-05-04",
    ]);
  });

  it("never leaves more than 14 days between check-ins, whatever the dates and cadence", () => {
    // The pure schedule behind scheduleCheckins, over many plans.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom(7, 14),
        (offset, length, cadenceDays) => {
          const startDate = addDaysIso("2024-01-01", offset);
          const endDate = addDaysIso(startDate, length);
          const dates = [startDate, ...checkinDatesFor(startDate, endDate, cadenceDays)];
          for (let i = 1; i < dates.length; i++)
            expect(daysBetween(dates[i - 1]!, dates[i]!)).toBeLessThanOrEqual(14);
          expect(dates.at(-1)).toBe(endDate);
        },
      ),
    );
  });
});

const checkinDatesFor = (startDate: string, endDate: string, cadenceDays: number) =>
  checkinDates({ startDate, endDate, cadenceDays });

const record = (goalId: string, resourceId: string, value: unknown = 4) => ({
  heldOn: "2026-03-16",
  goals: [{ goalId, value, status: "on_track", note: "Better than the baseline already." }],
  resources: [{ resourceId, delivered: true }],
  managerNotes: "Good first week.",
  nextSteps: "Keep the daily review slot.",
});

describe("recording a check-in", () => {
  it("records the manager's part and the employee's, in either order, and feeds the charts", async () => {
    at("2026-03-02");
    const p = await planWithPeople(deps, app);
    const [c1, c2] = await scheduleFor(deps, p.plan);
    at("2026-03-23");

    // The employee may record first.
    const mine = await p.as("employee", `checkins/${c2!.id}/employee`, {
      method: "PUT",
      body: { confidence: 4, employeeNotes: "Feeling better." },
    });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ status: "scheduled", confidence: 4 });

    const held1 = await p.as("manager", `checkins/${c1!.id}`, {
      method: "PUT",
      body: record(p.goal.id, p.resource.id, 4.5),
    });
    expect(held1.status).toBe(200);
    expect(await held1.json()).toMatchObject({
      status: "held",
      heldOn: "2026-03-16",
      recordedBy: { id: p.manager.id },
      goals: [{ goalId: p.goal.id, value: 4.5, status: "on_track" }],
      resources: [{ resourceId: p.resource.id, delivered: true }],
    });
    await p.as("employee", `checkins/${c1!.id}/employee`, {
      method: "PUT",
      body: { confidence: 2, employeeNotes: "Unsure." },
    });
    await p.as("manager", `checkins/${c2!.id}`, {
      method: "PUT",
      body: { ...record(p.goal.id, p.resource.id, 3), heldOn: "2026-03-23" },
    });

    const seen = await (await p.as("employee", "participation")).json();
    const held = seen.checkins.filter((c: { status: string }) => c.status === "held");
    expect(
      held.map((c: { managerNotes: string; employeeNotes: string }) => [
        c.managerNotes,
        c.employeeNotes,
      ]),
    ).toEqual([
      ["Good first week.", "Unsure."],
      ["Good first week.", "Feeling better."],
    ]);
    expect(seen.goalProgress).toEqual([
      {
        goalId: p.goal.id,
        description: p.goal.description,
        metric: "Median review turnaround",
        baseline: 5,
        target: 2,
        direction: "down",
        unit: "days",
        dueDate: "2026-04-17",
        points: [
          { date: "2026-03-16", value: 4.5, status: "on_track" },
          { date: "2026-03-23", value: 3, status: "on_track" },
        ],
        milestones: [
          { date: "2026-03-16", title: "First week under four days", target: 4, earlyWin: true },
        ],
      },
    ]);
    expect(seen.confidenceTrend).toEqual([
      { date: "2026-03-16", confidence: 2 },
      { date: "2026-03-23", confidence: 4 },
    ]);
    // Low confidence is a prompt to add support: the manager hears of it.
    expect((await notificationsOf(deps, p.manager.id)).map((n) => n.kind)).toContain(
      "plan.confidence_low",
    );
  });

  it("refuses a value of the wrong type, a goal or resource of another plan, naming the field, and changes nothing", async () => {
    at("2026-03-02");
    const p = await planWithPeople(deps, app);
    const other = await planWithPeople(deps, app);
    const [c1] = await scheduleFor(deps, p.plan);
    at("2026-03-17");
    const cases: [unknown, string][] = [
      [record(p.goal.id, p.resource.id, "4 days"), "goals.0.value"],
      [{ ...record(p.goal.id, p.resource.id), heldOn: "yesterday" }, "heldOn"],
      [{ ...record(p.goal.id, p.resource.id), heldOn: "2026-03-20" }, "heldOn"],
      [record(other.goal.id, p.resource.id), "goals.0.goalId"],
      [record(p.goal.id, other.resource.id), "resources.0.resourceId"],
      [
        {
          ...record(p.goal.id, p.resource.id),
          resources: [{ resourceId: p.resource.id, delivered: "yes" }],
        },
        "resources.0.delivered",
      ],
    ];
    for (const [body, field] of cases) {
      const res = await p.as("manager", `checkins/${c1!.id}`, { method: "PUT", body });
      expect(res.status, field).toBe(400);
      expect(
        (await res.json()).error.details.map((d: { path: string }) => d.path),
        field,
      ).toContain(field);
    }
    const bad = await p.as("employee", `checkins/${c1!.id}/employee`, {
      method: "PUT",
      body: { confidence: 6 },
    });
    expect((await bad.json()).error.details[0].path).toBe("confidence");
    const [row] = await db.select().from(planCheckins).where(eq(planCheckins.id, c1!.id));
    expect(row).toMatchObject({ status: "scheduled", confidence: null, managerNotes: "" });
    const values = await db.execute(
      sql`SELECT count(*)::int AS n FROM plan_checkin_goals WHERE checkin_id = ${c1!.id}`,
    );
    expect(values.rows[0]).toEqual({ n: 0 });
  });

  it("keeps each side to their part: HR, skip-level and peer cannot record; the manager cannot rate the employee's confidence", async () => {
    at("2026-03-02");
    const p = await planWithPeople(deps, app);
    const [c1] = await scheduleFor(deps, p.plan);
    at("2026-03-17");
    for (const role of ["employee", "hr", "skip", "peer"] as Role[])
      expect(
        (
          await p.as(role, `checkins/${c1!.id}`, {
            method: "PUT",
            body: record(p.goal.id, p.resource.id),
          })
        ).status,
        role,
      ).toBe(404);
    for (const role of ["manager", "hr", "skip", "peer"] as Role[])
      expect(
        (
          await p.as(role, `checkins/${c1!.id}/employee`, {
            method: "PUT",
            body: { confidence: 5 },
          })
        ).status,
        role,
      ).toBe(404);
  });

  it("adds an extra check-in (manager or HR), refusing a duplicate date and a date outside the plan", async () => {
    at("2026-03-02");
    const p = await planWithPeople(deps, app);
    await scheduleFor(deps, p.plan);
    const added = await p.as("hr", "checkins", { body: { scheduledOn: "2026-03-19" } });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ scheduledOn: "2026-03-19", status: "scheduled" });
    expect((await notificationsOf(deps, p.employee.id)).map((n) => n.kind)).toContain(
      "plan.checkin_added",
    );
    const dup = await p.as("manager", "checkins", { body: { scheduledOn: "2026-03-16" } });
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.code).toBe("checkin.exists");
    const outside = await p.as("manager", "checkins", { body: { scheduledOn: "2027-01-01" } });
    expect((await outside.json()).error.details[0].path).toBe("scheduledOn");
    expect(
      (await p.as("employee", "checkins", { body: { scheduledOn: "2026-03-20" } })).status,
    ).toBe(404);
  });

  it("answers 409 for a check-in on a plan that is not running", async () => {
    at("2026-03-02");
    const approved = await planWithPeople(deps, app, "approved");
    const res = await approved.as("manager", "checkins", { body: { scheduledOn: "2026-03-19" } });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("plan.not_running");

    const closed = await planWithPeople(deps, app, "closed");
    const [c1] = await scheduleFor(deps, closed.plan);
    at("2026-03-17");
    const put = await closed.as("manager", `checkins/${c1!.id}`, {
      method: "PUT",
      body: record(closed.goal.id, closed.resource.id),
    });
    expect(put.status).toBe(409);
    const mine = await closed.as("employee", `checkins/${c1!.id}/employee`, {
      method: "PUT",
      body: { confidence: 3 },
    });
    expect(mine.status).toBe(409);
  });
});
