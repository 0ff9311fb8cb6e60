import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { makeUser, type TestUser } from "../../../test/factories.js";
import {
  makeCommitment,
  makeFeedbackRequest,
  makeMeeting,
  makeSeries,
} from "../../../test/factories-calendar.js";
import { createTestDeps } from "../../../test/helpers.js";
import { connect } from "../../db/client.js";
import { settleBackgroundTasks } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { runCoachingReminders } from "../reminders/reminders.service.js";
import { type JobQueue, recurringJobs, startJobs } from "./jobs.js";

// Two app instances, each with its own connection pool and its own pg-boss, on one database.

const deps = await createTestDeps();
const db = deps.database.db;
const second = connect({ url: deps.databaseUrl, kind: "external" });
afterAll(() => second.close());
const instances: Record<"a" | "b", Deps> = {
  a: deps,
  b: { ...deps, database: second },
};

const ran: string[] = [];
const queues: JobQueue[] = [];
afterAll(async () => {
  for (const q of queues) await q.stop({ timeoutMs: 5_000 });
});

async function startInstance(name: "a" | "b") {
  const queue = await startJobs({
    deps: instances[name],
    pollingIntervalSeconds: 0.5,
    jobs: [
      ...recurringJobs.filter((j) => j.name !== "coaching-reminders"),
      {
        name: "coaching-reminders",
        cron: "*/5 * * * *",
        async run(d) {
          ran.push(name);
          const result = await runCoachingReminders(d);
          // Long enough that the other instance's worker is busy at the same time.
          await new Promise((r) => setTimeout(r, 300));
          return result;
        },
      },
    ],
  });
  queues.push(queue);
  return queue;
}

async function drained(queue: JobQueue, name: string) {
  for (let i = 0; i < 100; i++) {
    if ((await queue.boss.getQueueSize(name, { before: "completed" })) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not drain`);
}

const count = async (query: ReturnType<typeof sql>) =>
  (await db.execute<{ n: number }>(query)).rows[0]!.n;

describe("the job queue on two instances", () => {
  it("installs once, and schedules the passes (reminders every five minutes) as one-at-a-time queues", async () => {
    // Both start at once: pg-boss installs its schema under a lock, the loser tolerates it.
    const [a] = await Promise.all([startInstance("a"), startInstance("b")]);
    const schedules = await a!.boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron]).sort()).toEqual([
      ["coaching-reminders", "*/5 * * * *"],
      ["oneonone-meetings", "3 * * * *"],
      ["plan-reminders", "*/5 * * * *"],
    ]);
    for (const name of ["coaching-reminders", "oneonone-meetings", "plan-reminders"])
      expect(await a!.boss.getQueue(name)).toMatchObject({ policy: "stately", retryLimit: 1 });
    // The app's pool is still healthy after the install race.
    expect((await deps.database.pool.query("SELECT 1 AS ok")).rows[0].ok).toBe(1);
    expect((await second.pool.query("SELECT 1 AS ok")).rows[0].ok).toBe(1);
  });

  it("runs the same slot once when both instances send it", async () => {
    const [a, b] = queues;
    const options = { singletonKey: "slot-2026-03-02T12:00", singletonSeconds: 300 };
    const ids = await Promise.all([
      a!.boss.send("coaching-reminders", {}, options),
      b!.boss.send("coaching-reminders", {}, options),
    ]);
    expect(ids.filter(Boolean)).toHaveLength(1);
    await drained(a!, "coaching-reminders");
  });

  it("delivers each reminder exactly once while both workers run passes at the same time", async () => {
    deps.setNow(new Date("2026-03-02T09:00:00.000Z"));
    const people: { manager: TestUser; report: TestUser }[] = [];
    for (let i = 0; i < 4; i++) {
      const manager = await makeUser(deps, { name: `Maya Manager ${i}` });
      const report = await makeUser(deps, { name: `Eli Employee ${i}`, managerId: manager.id });
      const series = await makeSeries(deps, { managerId: manager.id, reportId: report.id });
      await makeMeeting(deps, {
        seriesId: series.id,
        scheduledAt: new Date("2026-03-03T09:00:00Z"),
      });
      await makeCommitment(deps, {
        seriesId: series.id,
        ownerId: report.id,
        createdById: manager.id,
        dueOn: "2026-03-03",
      });
      await makeFeedbackRequest(deps, { requesterId: report.id, askedId: manager.id });
      people.push({ manager, report });
    }
    deps.setNow(new Date("2026-03-02T12:00:00.000Z"));
    ran.length = 0;
    const [a, b] = queues;
    // Distinct keys: the queue lets both run at once, one on each instance.
    await Promise.all([
      a!.boss.send("coaching-reminders", {}, { singletonKey: "a" }),
      b!.boss.send("coaching-reminders", {}, { singletonKey: "b" }),
      a!.boss.send("coaching-reminders", {}, { singletonKey: "c" }),
      b!.boss.send("coaching-reminders", {}, { singletonKey: "d" }),
    ]);
    await drained(a!, "coaching-reminders");
    await settleBackgroundTasks();
    expect(ran).toHaveLength(4);
    expect(new Set(ran)).toEqual(new Set(["a", "b"]));

    const ids = people.flatMap((p) => [p.manager.id, p.report.id]);
    const perPersonAndKey = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM notifications
      WHERE person_id IN ${ids} GROUP BY person_id, kind, dedupe_key`);
    expect(perPersonAndKey.rows.every((r) => r.n === 1)).toBe(true);
    // Per pair: 1:1 tomorrow and agenda empty to both, commitment due and feedback requested to one each.
    expect(perPersonAndKey.rows).toHaveLength(4 * 6);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_events WHERE action LIKE 'reminder.%' AND data->>'meetingId' IS NOT NULL`,
      ),
    ).toBe(4);
    for (const p of people) {
      const mails = await count(
        sql`SELECT count(*)::int AS n FROM mail_messages WHERE "to" = ${p.report.email}`,
      );
      // 1:1 tomorrow, agenda empty, commitment due.
      expect(mails).toBe(3);
    }
  });
});
