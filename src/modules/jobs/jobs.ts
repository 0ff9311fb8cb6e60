import type pg from "pg";
import PgBoss from "pg-boss";
import type { Deps } from "../../deps.js";
import { scheduleUpcomingMeetings } from "../oneonones/oneonones.service.js";
import { runPlanReminders } from "../plans/plans.reminders.js";
import { runCoachingReminders } from "../reminders/reminders.service.js";

// Background work runs on pg-boss, a job queue kept in the app's own PostgreSQL (schema
// `pgboss`, created and migrated by pg-boss itself at start). With several app instances,
// pg-boss fires each scheduled slot once and hands each job to one worker; the passes behind
// the jobs also claim every reminder in the database, so a pass run twice (the CLI while the
// server runs, a retry) still sends it once.

export type RecurringJob = {
  /** Queue name; letters, digits, dashes. */
  name: string;
  /** Five-field cron, in UTC. */
  cron: string;
  run(deps: Deps): Promise<unknown>;
};

export const recurringJobs: RecurringJob[] = [
  { name: "plan-reminders", cron: "*/5 * * * *", run: runPlanReminders },
  { name: "coaching-reminders", cron: "*/5 * * * *", run: runCoachingReminders },
  // Keeps each active 1:1 series' next meetings as rows, for reminders and calendar feeds.
  { name: "oneonone-meetings", cron: "3 * * * *", run: scheduleUpcomingMeetings },
];

export type JobQueue = {
  boss: PgBoss;
  /** Queues one run of a job now (on whichever instance fetches it first); null if one is already waiting. */
  runSoon(name: string): Promise<string | null>;
  /** Stops fetching, lets a running job finish (up to `timeoutMs`), and leaves the pool open. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
};

/**
 * pg-boss on the app's pool. Its schema set-up is a multi-statement transaction; should it fail
 * (two instances installing at once, which pg-boss expects and tolerates), the connection would
 * go back to the pool inside an aborted transaction, so it is rolled back here first.
 */
export function poolAdapter(pool: pg.Pool): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const client = await pool.connect();
      try {
        return await client.query(text, values);
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

/**
 * Runs `fn` while holding a session-level advisory lock, so instances starting together set up
 * one after the other: pg-boss's queue creation deadlocks when two run it at the same moment.
 */
async function oneAtATime<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const key = "hashtext('headway'), hashtext('jobs.setup')";
  try {
    await client.query(`SELECT pg_advisory_lock(${key})`);
    return await fn();
  } finally {
    try {
      await client.query(`SELECT pg_advisory_unlock(${key})`);
      client.release();
    } catch (err) {
      // Never hand back a connection that may still hold the lock.
      client.release(err as Error);
    }
  }
}

/**
 * Starts the queue: creates each job's queue (at most one run waiting and one running: a slow
 * pass is never joined by a second), schedules it, and works it on this instance.
 */
export async function startJobs({
  deps,
  jobs = recurringJobs,
  pollingIntervalSeconds = 10,
  schedule = true,
}: {
  deps: Deps;
  jobs?: RecurringJob[];
  /** How often an idle worker asks for work. */
  pollingIntervalSeconds?: number;
  /** Whether this instance fires scheduled slots (every instance may; each slot fires once). */
  schedule?: boolean;
}): Promise<JobQueue> {
  const boss = new PgBoss({ db: poolAdapter(deps.database.pool), schedule });
  boss.on("error", (err) => deps.logger.error({ err }, "job queue error"));
  await oneAtATime(deps.database.pool, async () => {
    await boss.start();
    for (const job of jobs) {
      await boss.createQueue(job.name, {
        name: job.name,
        policy: "stately",
        retryLimit: 1,
        retryDelay: 60,
        expireInSeconds: 15 * 60,
      });
      if (schedule) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    }
  });
  for (const job of jobs) {
    await boss.work(job.name, { pollingIntervalSeconds }, async () => {
      const started = Date.now();
      try {
        const result = await job.run(deps);
        deps.logger.debug({ job: job.name, result, ms: Date.now() - started }, "job done");
        return result;
      } catch (err) {
        // pg-boss records the failure and retries once; the log says why.
        deps.logger.error({ err, job: job.name }, "job failed");
        throw err;
      }
    });
  }
  return {
    boss,
    runSoon: (name) => boss.send(name, {}),
    async stop({ timeoutMs = 30_000 } = {}) {
      await boss.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true });
    },
  };
}
