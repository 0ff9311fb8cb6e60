import type pg from "pg";
import { describe, expect, it } from "vitest";
import { readDefinitions } from "../bench/data/indexes.js";
import { loadedTables, loadOrganisation, NotEmptyError } from "../bench/data/load.js";
import { isSealed } from "../src/modules/keys/keys.crypto.js";
import { keyringFor, type SealedField } from "../src/modules/keys/keys.service.js";
import { sealPlaintext } from "../src/modules/keys/keys.sweep.js";
import { runPlanReminders } from "../src/modules/plans/plans.reminders.js";
import { plans as plansTable } from "../src/modules/plans/plans.table.js";
import { verifyAuditTrail } from "../src/modules/record/record.service.js";
import { runCoachingReminders } from "../src/modules/reminders/reminders.service.js";
import { evaluatePlan } from "../src/modules/review/review.evaluate.js";
import { createTestDeps, send, testApp } from "./helpers.js";

// The benchmark's data generator at a small scale: the organisation it makes is valid, the app
// reads it as it reads its own data, and nothing in it trips the app's own checks.

const deps = await createTestDeps();
const before = await withClient(deps.database.pool, (c) => readDefinitions(c, loadedTables));
const options = {
  employees: 300,
  seed: 7,
  years: 2,
  password: "bench-password-1",
  rebuildIndexes: true,
};
const result = await loadOrganisation(deps, options);
const app = testApp(deps);
const today = deps.clock().toISOString().slice(0, 10);
const bearer = (who: keyof typeof result.tokens) => result.tokens[who];

async function withClient<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

async function rows<T = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return (await deps.database.pool.query(sql, params)).rows as T[];
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await rows<{ n: number }>(sql, params);
  return Number(row!.n);
}

describe("the generated organisation", () => {
  it("has exactly the people asked for, in one tree under one chief executive, without cycles", async () => {
    expect(await count("SELECT count(*) AS n FROM people")).toBe(300);
    expect(await count("SELECT count(*) AS n FROM people WHERE manager_id IS NULL")).toBe(1);
    // Walking down from the root reaches everyone exactly once: a tree, no cycles, no orphans.
    const [walk] = await rows<{ reached: number; distinct: number; depth: number }>(
      `WITH RECURSIVE tree AS (
         SELECT id, 0 AS depth, ARRAY[id] AS path FROM people WHERE manager_id IS NULL
         UNION ALL
         SELECT p.id, t.depth + 1, t.path || p.id FROM people p JOIN tree t ON p.manager_id = t.id
          WHERE NOT p.id = ANY(t.path))
       SELECT count(*)::int AS reached, count(DISTINCT id)::int AS distinct, max(depth)::int AS depth FROM tree`,
    );
    expect(walk).toMatchObject({ reached: 300, distinct: 300 });
    expect(walk!.depth).toBeGreaterThanOrEqual(4);
    expect(result.depth).toBe(walk!.depth);
  });

  it("gives every manager a team of a sensible size", async () => {
    const spans = await rows<{ reports: number }>(
      "SELECT count(*)::int AS reports FROM people WHERE manager_id IS NOT NULL GROUP BY manager_id",
    );
    const sizes = spans.map((s) => s.reports).sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThanOrEqual(1);
    expect(sizes.at(-1)).toBeLessThanOrEqual(14);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeGreaterThanOrEqual(5);
    // The benchmark's manager leads a team of about eight, one of whom is on the running plan.
    const team = await count("SELECT count(*) AS n FROM people WHERE manager_id = $1", [
      result.ids.managerId,
    ]);
    expect(team).toBeGreaterThanOrEqual(6);
    expect(team).toBeLessThanOrEqual(10);
  });

  it("hands out the roles: admins, an HR lead for everyone, HR partners for departments, L&D", async () => {
    const [hr] = await rows<{ roles: string[]; hr_scope_all: boolean }>(
      "SELECT roles, hr_scope_all FROM people WHERE id = $1",
      [result.ids.hrId],
    );
    expect(hr).toEqual({ roles: ["hr"], hr_scope_all: true });
    expect(
      await count("SELECT count(*) AS n FROM people WHERE 'admin' = ANY(roles)"),
    ).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM people WHERE 'ld' = ANY(roles)")).toBeGreaterThan(
      0,
    );
    // Every department is covered by an HR partner with that department in scope.
    const uncovered = await rows(
      `SELECT DISTINCT department FROM people d WHERE NOT EXISTS (
         SELECT 1 FROM people h WHERE 'hr' = ANY(h.roles) AND d.department = ANY(h.hr_scope_departments))`,
    );
    expect(uncovered).toEqual([]);
    const recorded = await count("SELECT count(*) AS n FROM people WHERE demographics ? 'gender'");
    expect(recorded / 300).toBeGreaterThan(0.5);
    expect(recorded / 300).toBeLessThan(0.85);
  });

  it("keeps one 1:1 series per manager and report, meeting on weekdays, nothing held in the future", async () => {
    expect(
      await count(
        `SELECT count(*) AS n FROM one_on_one_series s JOIN people r ON r.id = s.report_id
          WHERE r.manager_id = s.manager_id`,
      ),
    ).toBe(299);
    expect(
      await count("SELECT count(*) AS n FROM one_on_one_series WHERE weekday NOT BETWEEN 1 AND 5"),
    ).toBe(0);
    expect(
      await count(
        "SELECT count(*) AS n FROM one_on_one_meetings WHERE status <> 'scheduled' AND scheduled_at > $1",
        [deps.clock()],
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT series_id FROM one_on_one_meetings WHERE status = 'scheduled'
          GROUP BY series_id HAVING count(*) > 4) x`,
      ),
    ).toBe(0);
    // A rescheduled meeting points at its replacement, in the same series.
    expect(
      await count(
        `SELECT count(*) AS n FROM one_on_one_meetings m LEFT JOIN one_on_one_meetings n ON n.id = m.rescheduled_to_id
          WHERE m.status = 'rescheduled' AND (n.id IS NULL OR n.series_id <> m.series_id)`,
      ),
    ).toBe(0);
    const meetings = await count("SELECT count(*) AS n FROM one_on_one_meetings");
    expect(meetings / 300).toBeGreaterThan(14);
    expect(meetings / 300).toBeLessThan(26);
  });

  it("cancels about one 1:1 in eight, more under some managers than others", async () => {
    const byManager = await rows<{ rate: number }>(
      `SELECT avg((m.status = 'cancelled')::int)::float AS rate
         FROM one_on_one_meetings m JOIN one_on_one_series s ON s.id = m.series_id
        WHERE m.status IN ('held', 'cancelled') GROUP BY s.manager_id HAVING count(*) >= 20`,
    );
    const [all] = await rows<{ rate: number }>(
      "SELECT avg((status = 'cancelled')::int)::float AS rate FROM one_on_one_meetings WHERE status IN ('held', 'cancelled')",
    );
    expect(all!.rate).toBeGreaterThan(0.06);
    expect(all!.rate).toBeLessThan(0.2);
    const rates = byManager.map((r) => r.rate);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.1);
  });

  it("has feedback mostly from managers, and commitments from held 1:1s", async () => {
    const total = await count("SELECT count(*) AS n FROM feedback");
    const fromManagers = await count(
      "SELECT count(*) AS n FROM feedback f JOIN people r ON r.id = f.recipient_id WHERE r.manager_id = f.giver_id",
    );
    expect(total / 300).toBeGreaterThan(3);
    expect(fromManagers / total).toBeGreaterThan(0.6);
    expect(
      await count(
        `SELECT count(*) AS n FROM commitments c JOIN one_on_one_meetings m ON m.id = c.meeting_id
          WHERE m.status <> 'held' OR c.series_id <> m.series_id`,
      ),
    ).toBe(0);
  });
});

describe("the generated plans", () => {
  it("have dates in order and an outcome exactly when closed", async () => {
    const plans = await rows<{
      status: string;
      outcome: string | null;
      start_date: string;
      end_date: string;
      created_at: Date;
      submitted_at: Date | null;
      issued_at: Date | null;
      closed_at: Date | null;
      sealed_at: Date | null;
      issued_version: number;
      versions: number;
    }>(
      `SELECT p.status, p.outcome, p.start_date::text, p.end_date::text, p.created_at, p.submitted_at,
              p.issued_at, p.closed_at, p.sealed_at, p.issued_version,
              (SELECT count(*)::int FROM plan_versions v WHERE v.plan_id = p.id) AS versions
         FROM plans p`,
    );
    expect(plans.length).toBe(15);
    for (const p of plans) {
      expect(p.status === "closed").toBe(p.outcome !== null);
      expect(p.status === "closed").toBe(p.closed_at !== null);
      expect(p.outcome === "goals_met").toBe(p.sealed_at !== null);
      expect(p.issued_version).toBe(p.versions);
      expect(p.end_date > p.start_date).toBe(true);
      if (p.issued_at) {
        expect(p.submitted_at!.getTime()).toBeLessThan(p.issued_at.getTime());
        expect(p.versions).toBeGreaterThanOrEqual(1);
      }
      if (p.closed_at) expect(p.closed_at.getTime()).toBeGreaterThan(p.created_at.getTime());
      expect(p.created_at.getTime()).toBeLessThan(deps.clock().getTime());
    }
    const statuses = new Set(plans.map((p) => p.status));
    expect(statuses.has("closed")).toBe(true);
    expect(statuses.has("active")).toBe(true);
  });

  it("have one to five goals, each with a milestone and a resource, and a root cause", async () => {
    expect(
      await count(
        `SELECT count(*) AS n FROM plans p WHERE (SELECT count(*) FROM plan_goals g WHERE g.plan_id = p.id) NOT BETWEEN 1 AND 5
            OR NOT EXISTS (SELECT 1 FROM plan_causes c WHERE c.plan_id = p.id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM plan_goals g WHERE NOT EXISTS (SELECT 1 FROM plan_milestones m WHERE m.goal_id = g.id)
            OR NOT EXISTS (SELECT 1 FROM plan_resources r WHERE r.goal_id = g.id)`,
      ),
    ).toBe(0);
  });

  it("check in on the plan's days: held in the past with a confidence of 1 to 5, scheduled ahead only on running plans", async () => {
    expect(
      await count(
        `SELECT count(*) AS n FROM plan_checkins c JOIN plans p ON p.id = c.plan_id
          WHERE c.scheduled_on <= p.start_date OR c.scheduled_on > p.end_date
             OR (c.status = 'held' AND (c.held_on > $1 OR c.confidence NOT BETWEEN 1 AND 5))
             OR (c.status = 'scheduled' AND (c.scheduled_on < $1 OR p.status = 'closed'))
             OR (c.status <> 'scheduled' AND c.scheduled_on >= $1)`,
        [today],
      ),
    ).toBe(0);
  });

  it("carry HR's override for every blocker of a plan that was issued", async () => {
    const keys = await keyringFor(deps);
    const issued = (await deps.database.db.select().from(plansTable)).filter(
      (p) => p.issuedVersion > 0,
    );
    expect(issued.length).toBeGreaterThan(5);
    // A retaliation-risk blocker on a closed and on a running plan, and a plan with no prior notice.
    expect(result.counts.plan_finding_overrides).toBeGreaterThanOrEqual(3);
    for (const plan of issued) {
      const { findings } = await evaluatePlan(deps.database.db, plan, { now: deps.clock(), keys });
      const open = findings.filter((f) => f.severity === "blocker" && !f.override);
      expect(open, `plan ${plan.id}`).toEqual([]);
    }
  });
});

describe("the app on the generated data", () => {
  it("shows the manager their team and its coaching health", async () => {
    const team = await send(app, "/api/v1/team", { bearer: bearer("manager") });
    expect(team.status).toBe(200);
    const body = (await team.json()) as { direct: { id: string }[] };
    expect(body.direct.map((d) => d.id)).toContain(result.ids.employeeId);
    const health = await send(app, "/api/v1/team/coaching", { bearer: bearer("manager") });
    expect(health.status).toBe(200);
    const series = await send(app, "/api/v1/one-on-ones", { bearer: bearer("manager") });
    expect(series.status).toBe(200);
  });

  it("renders the running plan for its employee, its manager and HR", async () => {
    for (const who of ["employee", "manager", "hr"] as const) {
      const res = await send(app, `/api/v1/plans/${result.ids.planId}`, { bearer: bearer(who) });
      expect(res.status, who).toBe(200);
      const detail = (await res.json()) as {
        plan: { status: string; employee: { id: string } };
        checkins: { status: string }[];
        goals: unknown[];
        privateNotes: { body: string }[];
      };
      expect(detail.plan.status).toBe("active");
      expect(detail.plan.employee.id).toBe(result.ids.employeeId);
      expect(detail.checkins.some((c) => c.status === "held")).toBe(true);
      expect(detail.goals.length).toBeGreaterThan(0);
      // The manager's private note is decrypted for them, and for no one else.
      if (who === "manager") expect(detail.privateNotes.length).toBeGreaterThan(0);
      else expect(detail.privateNotes).toEqual([]);
    }
  });

  it("renders every plan, and its versions and their changes, for the HR lead", async () => {
    const plans = await rows<{ id: string; issued_version: number }>(
      "SELECT id, issued_version FROM plans",
    );
    for (const plan of plans) {
      const res = await send(app, `/api/v1/plans/${plan.id}`, { bearer: bearer("hr") });
      expect(res.status, plan.id).toBe(200);
      for (let n = 1; n <= plan.issued_version; n++) {
        const version = await send(app, `/api/v1/plans/${plan.id}/versions/${n}`, {
          bearer: bearer("hr"),
        });
        expect(version.status).toBe(200);
        const changes = await send(app, `/api/v1/plans/${plan.id}/versions/${n}/changes`, {
          bearer: bearer("hr"),
        });
        expect(changes.status).toBe(200);
      }
    }
  });

  it("opens the running plan's review, engagement, PDF and the employee's record for HR", async () => {
    for (const path of [
      `/api/v1/plans/${result.ids.planId}/review`,
      `/api/v1/plans/${result.ids.planId}/engagement`,
      `/api/v1/plans/${result.ids.planId}/pdf`,
      `/api/v1/people/${result.ids.employeeId}/record`,
      `/api/v1/people/${result.ids.employeeId}/protected-activities`,
    ]) {
      const res = await send(app, path, { bearer: bearer("hr") });
      expect(res.status, path).toBe(200);
    }
  });

  it("signs the benchmark's people in with the password", async () => {
    const res = await send(app, "/api/v1/auth/sign-in", {
      body: { email: result.emails.manager, password: options.password },
    });
    expect(res.status).toBe(200);
  });
});

describe("the record of the generated data", () => {
  it("encrypts every sealed field with the installation's key, and each opens", async () => {
    const keys = await keyringFor(deps);
    const fields: [SealedField, string][] = [
      ["protected_activities.kind", "SELECT kind AS v FROM protected_activities"],
      ["protected_activities.occurred_on", "SELECT occurred_on AS v FROM protected_activities"],
      ["protected_activities.note", "SELECT note AS v FROM protected_activities WHERE note <> ''"],
      ["plan_private_notes.body", "SELECT body AS v FROM plan_private_notes"],
      [
        "one_on_one_notes.body",
        "SELECT body AS v FROM one_on_one_notes WHERE visibility = 'private'",
      ],
    ];
    for (const [field, sql] of fields) {
      const values = await rows<{ v: string }>(sql);
      expect(values.length, field).toBeGreaterThan(0);
      for (const { v } of values) {
        expect(isSealed(v), field).toBe(true);
        expect(() => keys.open(field, v)).not.toThrow();
      }
    }
    // The start-up sweep finds nothing left in clear.
    expect(await sealPlaintext(deps)).toEqual([]);
  });

  it("passes the audit trail's verification, and says the history was loaded in bulk", async () => {
    const verified = await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret });
    expect(verified.ok).toBe(true);
    expect(
      await count("SELECT count(*) AS n FROM audit_events WHERE action = 'bench.data_loaded'"),
    ).toBe(1);
    const res = await send(app, "/api/v1/audit/verify", { bearer: bearer("admin") });
    expect(res.status).toBe(200);
  });

  it("has sent the reminders that were due already, so a pass right after sends next to nothing", async () => {
    const coaching = await runCoachingReminders(deps);
    const plans = await runPlanReminders(deps);
    expect(coaching.total).toBeLessThanOrEqual(3);
    expect(plans.dueReminders + plans.missed).toBe(0);
  });

  it("rebuilds exactly the indexes and foreign keys the migrations define", async () => {
    const after = await withClient(deps.database.pool, (c) => readDefinitions(c, loadedTables));
    expect(after).toEqual(before);
    expect(before.indexes.length).toBeGreaterThan(20);
    expect(before.foreignKeys.length).toBeGreaterThan(20);
  });
});

describe("loading again", () => {
  it("refuses a database that already holds people", async () => {
    await expect(loadOrganisation(deps, options)).rejects.toBeInstanceOf(NotEmptyError);
  });

  it("makes the same organisation from the same seed", async () => {
    const other = await createTestDeps();
    const again = await loadOrganisation(other, options);
    expect(again.counts).toEqual(result.counts);
    expect(again.ids).toEqual(result.ids);
    const fingerprint = async (pool: pg.Pool) =>
      (
        await pool.query(
          `SELECT md5(string_agg(p.id || p.email || coalesce(p.manager_id::text, '') || p.title, ',' ORDER BY p.id)) AS people,
                  (SELECT md5(string_agg(id || status || scheduled_at::text, ',' ORDER BY id)) FROM one_on_one_meetings) AS meetings
             FROM people p`,
        )
      ).rows[0];
    expect(await fingerprint(other.database.pool)).toEqual(await fingerprint(deps.database.pool));
  });
});
