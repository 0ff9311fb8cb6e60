import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import getPort from "get-port";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { write } from "../../src/db/transaction.js";
import { MAX_FAILURES_PER_ACCOUNT } from "../../src/modules/auth/auth.service.js";
import { poolAdapter } from "../../src/modules/jobs/jobs.js";
import { isoDay } from "../../src/modules/plans/plans.participation.service.js";
import { addDaysIso } from "../../src/modules/plans/plans.rules.js";
import { planCheckins } from "../../src/modules/plans/plans.table.js";
import { verifyAuditTrail } from "../../src/modules/record/record.service.js";
import { makePlan, makeUser, type TestUser, walkPlanTo } from "../factories.js";
import { type ServerProcess, startServer } from "../fault/server-process.js";
import { createTestDeps } from "../helpers.js";
import { documentOf } from "../plan-document.js";
import { startSmtpReceiver } from "../smtp.js";

// Two real Headway servers, each its own process with its own data directory and port, on one
// PostgreSQL, and no sticky routing: every request below picks its instance on purpose. What one
// instance knows, the other must know too, because the only shared state is the database.

const deps = await createTestDeps();
const db = deps.database.db;
const smtp = await startSmtpReceiver();
const dir = mkdtempSync(path.join(tmpdir(), "headway-two-instances-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The database URL with the instance's name, so PostgreSQL's own views say who is waiting. */
function urlFor(name: string): string {
  const url = new URL(deps.databaseUrl);
  url.searchParams.set("application_name", `headway-${name}`);
  return url.toString();
}

async function startInstance(name: "a" | "b"): Promise<ServerProcess> {
  return startServer({
    deps,
    port: await getPort(),
    dataDir: path.join(dir, name),
    env: {
      DATABASE_URL: urlFor(name),
      // Behind one load balancer, every instance has the same public address.
      BASE_URL: "http://headway.test",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
    },
  });
}

const [a, b] = await Promise.all([startInstance("a"), startInstance("b")]);
afterAll(() => Promise.all([a!.stop(), b!.stop()]));
const instances = { a: a!, b: b! };
type Name = keyof typeof instances;
const other = (name: Name): Name => (name === "a" ? "b" : "a");

/** One request to one instance, as a client behind a load balancer without stickiness would send it. */
function call(
  name: Name,
  route: string,
  { method, body, cookie }: { method?: string; body?: unknown; cookie?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (cookie) headers.cookie = cookie;
  return fetch(`${instances[name].baseUrl}${route}`, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function signIn(name: Name, user: TestUser): Promise<string> {
  const res = await call(name, "/api/v1/auth/sign-in", {
    body: { email: user.email, password: user.password },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("headway_session="));
  return cookie!.split(";")[0]!;
}

/** Polls `probe` until it returns something other than null. */
async function until<T>(what: string, probe: () => Promise<T | null>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}\n--- a ---\n${a!.output()}\n--- b ---\n${b!.output()}`,
      );
    await sleep(100);
  }
}

const count = async (query: ReturnType<typeof sql>) =>
  (await db.execute<{ n: number }>(query)).rows[0]!.n;

// Each pass waits for its instance's next poll of the queue (every 10 seconds); on a busy
// machine the servers answer slowly too.
describe("two instances on one database, without sticky sessions", { timeout: 90_000 }, () => {
  it("accepts a session signed in on one instance on the other, and signing out on either ends it on both", async () => {
    const person = await makeUser(deps, { name: "Sasha Session" });
    const cookie = await signIn("a", person);
    for (const name of ["a", "b"] as const) {
      const me = await call(name, "/api/v1/me", { cookie });
      expect(me.status, name).toBe(200);
      expect((await me.json()).person.id).toBe(person.id);
    }

    expect((await call("b", "/api/v1/auth/sign-out", { method: "POST", cookie })).status).toBe(204);
    for (const name of ["a", "b"] as const)
      expect((await call(name, "/api/v1/me", { cookie })).status, name).toBe(401);

    // And the other way round: signed in on B, signed out on A.
    const second = await signIn("b", person);
    expect((await call("a", "/api/v1/me", { cookie: second })).status).toBe(200);
    expect(
      (await call("a", "/api/v1/auth/sign-out", { method: "POST", cookie: second })).status,
    ).toBe(204);
    expect((await call("b", "/api/v1/me", { cookie: second })).status).toBe(401);
  });

  it("counts failed sign-ins made through both instances against one limit", async () => {
    const person = await makeUser(deps, { name: "Robin Ratelimit" });
    // As many failures as the limit per account and address allows (ten), half through each
    // instance: neither instance alone saw enough to refuse.
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const res = await call(i % 2 === 0 ? "a" : "b", "/api/v1/auth/sign-in", {
        body: { email: person.email, password: `not the password ${i}` },
      });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    // Now even the right password is refused, on both.
    for (const name of ["a", "b"] as const) {
      const res = await call(name, "/api/v1/auth/sign-in", {
        body: { email: person.email, password: person.password },
      });
      expect(res.status, name).toBe(429);
      expect((await res.json()).error.code).toBe("auth.rate_limited");
    }
  });

  it("runs a reminder pass on both instances at the same moment and sends the reminder once: one notification, one mail and one audit event", async () => {
    const { plan, employee, manager } = await makePlan(deps, {
      plan: { status: "active", issuedVersion: 1 },
    });
    const tomorrow = addDaysIso(isoDay(new Date()), 1);
    const checkin = await write(deps, async (w) => {
      const [row] = await w.tx
        .insert(planCheckins)
        .values({ planId: plan.id, scheduledOn: tomorrow })
        .returning();
      await w.audit({
        actor: { kind: "system", label: "test" },
        action: "plan.checkins_scheduled",
        subjectType: "plan",
        subjectId: plan.id,
      });
      return row!;
    });

    // Hold the check-ins table so that a pass which starts waits at its first query; once one pass
    // from each instance waits, letting go starts both at the same moment.
    const locker = new pg.Client({ connectionString: deps.databaseUrl });
    await locker.connect();
    const boss = new PgBoss({
      db: poolAdapter(deps.database.pool),
      migrate: false,
      supervise: false,
      schedule: false,
    });
    boss.on("error", () => {});
    await boss.start();
    try {
      const startedAt = (await locker.query<{ now: Date }>("SELECT now()")).rows[0]!.now;
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE plan_checkins IN EXCLUSIVE MODE");
      // Two runs of the pass, as the schedule or `runSoon` queues them; each instance works one at
      // a time, so a second waiting pass can only be the other instance's.
      const ids = await Promise.all(
        ["first", "second"].map((key) =>
          boss.send("plan-reminders", {}, { singletonKey: `two-instances-${key}` }),
        ),
      );
      expect(ids.every(Boolean)).toBe(true);
      const waiting = await until(
        "a pass from each instance to wait on the check-ins",
        async () => {
          const { rows } = await locker.query<{ name: string }>(`
            SELECT DISTINCT a.application_name AS name FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.relation = 'plan_checkins'::regclass AND NOT l.granted`);
          return rows.length === 2 ? rows.map((r) => r.name).sort() : null;
        },
        25_000,
      );
      expect(waiting).toEqual(["headway-a", "headway-b"]);
      await locker.query("COMMIT");

      await until(
        "both passes to finish",
        async () => {
          const jobs = await Promise.all(ids.map((id) => boss.getJobById("plan-reminders", id!)));
          return jobs.every((j) => j?.state === "completed") ? jobs : null;
        },
        15_000,
      );
      // Every pass that ran meanwhile (a scheduled slot included) together reminded one check-in.
      const passes = await db.execute<{ due: number }>(sql`
        SELECT (output->>'dueReminders')::int AS due FROM pgboss.job
        WHERE name = 'plan-reminders' AND state = 'completed' AND started_on >= ${startedAt}`);
      expect(passes.rows.length).toBeGreaterThanOrEqual(2);
      expect(passes.rows.reduce((n, r) => n + r.due, 0)).toBe(1);
    } finally {
      await locker.end();
      await boss.stop({ close: false, graceful: false, wait: false });
    }

    for (const person of [employee, manager]) {
      expect(
        await count(sql`SELECT count(*)::int AS n FROM notifications
          WHERE person_id = ${person.id} AND kind = 'plan.checkin_due'`),
        person.name,
      ).toBe(1);
      expect(
        await count(sql`SELECT count(*)::int AS n FROM mail_messages
          WHERE "to" = ${person.email} AND subject = 'Check-in due tomorrow'`),
        person.name,
      ).toBe(1);
    }
    expect(
      await count(sql`SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'plan.checkin_reminder_sent' AND data->>'checkinId' = ${checkin.id}`),
    ).toBe(1);
    const [row] = await db
      .execute<{ sent: Date | null }>(
        sql`SELECT due_reminder_sent_at AS sent FROM plan_checkins WHERE id = ${checkin.id}`,
      )
      .then((r) => r.rows);
    expect(row!.sent).not.toBeNull();

    // Over SMTP, each of the two messages left once, from whichever instance claimed it.
    await until(
      "the reminder mails to be delivered",
      async () =>
        (await count(sql`SELECT count(*)::int AS n FROM mail_messages
          WHERE subject = 'Check-in due tomorrow' AND sent_at IS NULL`)) === 0
          ? true
          : null,
      15_000,
    );
    for (const person of [employee, manager]) {
      const received = smtp.messages.filter(
        (m) => m.includes(`To: ${person.email}`) && m.includes("Subject: Check-in due tomorrow"),
      );
      expect(received, person.email).toHaveLength(1);
    }
  });

  it("never loses a write to a plan edited through both instances at once: one save, one 409, and the reload through the other instance saves both edits", async () => {
    const { plan, manager } = await makePlan(deps);
    await walkPlanTo(deps, plan.id, "active");
    const versionsBefore = await count(
      sql`SELECT count(*)::int AS n FROM plan_versions WHERE plan_id = ${plan.id}`,
    );
    // The manager has the plan open in two browsers, each served by a different instance.
    const cookies = { a: await signIn("a", manager), b: await signIn("b", manager) };
    const load = async (name: Name, through: Name = name) => {
      const res = await call(through, `/api/v1/plans/${plan.id}`, { cookie: cookies[name] });
      expect(res.status).toBe(200);
      return documentOf(await res.json());
    };
    const loaded = { a: await load("a"), b: await load("b") };
    expect(loaded.a.version).toBe(loaded.b.version);
    const marker = {
      a: "Edited in the browser served by A.",
      b: "Edited in the browser served by B.",
    };
    const save = (name: Name, doc: ReturnType<typeof documentOf>) =>
      call(name, `/api/v1/plans/${plan.id}`, {
        method: "PUT",
        cookie: cookies[name],
        body: { ...doc, standard: `${doc.standard} ${marker[name]}` },
      });

    const results = await Promise.all((["a", "b"] as const).map((n) => save(n, loaded[n])));
    const statuses = results.map((r) => r.status);
    expect([...statuses].sort()).toEqual([200, 409]);
    for (const r of results) await r.arrayBuffer();
    const winner: Name = statuses[0] === 200 ? "a" : "b";
    const loser = other(winner);

    // The loser reloads through the winner's instance, sees the saved edit, adds its own, saves.
    const reloaded = await load(loser, winner);
    expect(reloaded.standard).toContain(marker[winner]);
    const retry = await save(loser, reloaded);
    expect(retry.status, await retry.clone().text()).toBe(200);

    const versions = await db.execute<{ number: number; standard: string }>(sql`
      SELECT number, snapshot->>'standard' AS standard FROM plan_versions
      WHERE plan_id = ${plan.id} ORDER BY number`);
    expect(versions.rows).toHaveLength(versionsBefore + 2);
    const [first, second] = versions.rows.slice(-2);
    expect(first!.standard).toContain(marker[winner]);
    expect(first!.standard).not.toContain(marker[loser]);
    expect(second!.standard).toContain(marker[winner]);
    expect(second!.standard).toContain(marker[loser]);
    // Both instances now serve the plan with both edits.
    for (const name of ["a", "b"] as const) {
      const now = await load(name);
      expect(now.standard).toBe(second!.standard);
    }
  });

  it("leaves one audit chain, written by both instances, that verifies", async () => {
    const result = await verifyAuditTrail({ db, secret: deps.config.secret });
    expect(result).toMatchObject({ ok: true });
    // Both instances wrote to it (sign-ins through each, at least).
    expect(
      await count(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.signed_in'`),
    ).toBeGreaterThanOrEqual(4);
  });
});
