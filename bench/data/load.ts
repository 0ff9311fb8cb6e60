import { performance } from "node:perf_hooks";
import { asc, eq, inArray } from "drizzle-orm";
import { write } from "../../src/db/transaction.js";
import type { Deps } from "../../src/deps.js";
import { createApiToken, setPasswords } from "../../src/modules/auth/auth.service.js";
import { keyringFor } from "../../src/modules/keys/keys.service.js";
import { orgSettings } from "../../src/modules/org/org.table.js";
import { plans as plansTable } from "../../src/modules/plans/plans.table.js";
import { evaluatePlan, fingerprintOf } from "../../src/modules/review/review.evaluate.js";
import { planFindingOverrides } from "../../src/modules/review/review.table.js";
import {
  growthTable,
  type Progress,
  writeFeedback,
  writeGrowthGoals,
  writeOneOnOnes,
} from "./coaching.js";
import { copyInto, pgArray, pgJson } from "./copy.js";
import { createIds } from "./ids.js";
import { dropDefinitions, readDefinitions, restoreDefinitions } from "./indexes.js";
import { buildOrg, depthOf } from "./org.js";
import {
  buildCatalogue,
  chooseBenchPeople,
  planTables,
  schedulePlans,
  writePlans,
  writeProtectedActivity,
} from "./plans.js";
import { createStreams } from "./random.js";
import { addDays, at, createClock, daysBetween } from "./time.js";
import { ORG_NAME, overrideReasons } from "./words.js";

// The whole load: build the organisation in memory (people, who is on a plan and when), stream
// two years of history into PostgreSQL with COPY inside one transaction, then do through the
// app's own services what must be done as the app does it: HR's overrides (the review's own
// findings), passwords, API tokens and one audit event that says the history was loaded.

/** Every table the load writes, in the order it writes them. */
export const loadedTables = [
  "people",
  "catalogue_items",
  "catalogue_sessions",
  "one_on_one_series",
  "one_on_one_meetings",
  "commitments",
  "one_on_one_talking_points",
  "one_on_one_notes",
  "feedback",
  "plans",
  "plan_goals",
  "plan_resources",
  "plan_milestones",
  "plan_evidence",
  "plan_causes",
  "plan_reviews",
  "plan_versions",
  "plan_threads",
  "plan_thread_messages",
  "plan_action_items",
  "plan_achievements",
  "plan_responses",
  "plan_checkins",
  "plan_checkin_goals",
  "plan_checkin_resources",
  "plan_private_notes",
  "plan_prior_notice",
  "protected_activities",
  "growth_goals",
] as const;

export class NotEmptyError extends Error {}

export type LoadOptions = {
  employees: number;
  seed: number;
  years: number;
  password: string;
  /** Drop secondary indexes and foreign keys during the load and rebuild them after (faster). */
  rebuildIndexes: boolean;
  log?: (line: string) => void;
};

export type LoadResult = {
  counts: Record<string, number>;
  seconds: number;
  depth: number;
  ids: { adminId: string; hrId: string; managerId: string; employeeId: string; planId: string };
  emails: { admin: string; hr: string; manager: string; employee: string };
  tokens: { admin: string; hr: string; manager: string; employee: string };
};

const BENCH_ACTOR = { kind: "system", label: "bench" } as const;

export async function loadOrganisation(deps: Deps, options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  let last = started;
  const counts: Record<string, number> = {};
  const progress: Progress = (table, rows) => {
    const t = performance.now();
    counts[table] = (counts[table] ?? 0) + rows;
    log(
      `  ${table.padEnd(28)} ${rows.toLocaleString("en-GB").padStart(11)} rows ${((t - last) / 1000).toFixed(1).padStart(7)} s`,
    );
    last = t;
  };
  const step = (what: string) => {
    const t = performance.now();
    log(`  ${what.padEnd(52)} ${((t - last) / 1000).toFixed(1).padStart(7)} s`);
    last = t;
  };

  const pool = deps.database.pool;
  const existing = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM people");
  if (existing.rows[0]!.n > 0)
    throw new NotEmptyError(
      `The database already holds ${existing.rows[0]!.n} people. Generate into an empty database, or pass --reset to drop and recreate its schema first.`,
    );
  const keys = await keyringFor(deps);
  const clock = createClock({ now: deps.clock(), years: options.years });
  const streams = createStreams(options.seed);
  const ids = createIds(options.seed);

  const org = buildOrg({ employees: options.employees, streams, ids, clock });
  const bench = chooseBenchPeople(org);
  const plans = schedulePlans({ org, streams, ids, clock, bench });
  const [settings] = await deps.database.db.select().from(orgSettings).where(eq(orgSettings.id, 1));
  const sealedManagerDays = settings?.sealedPlanManagerDays ?? 90;
  step(`organisation planned (${org.people.length} people, ${plans.length} plans)`);

  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    const defs = options.rebuildIndexes ? await readDefinitions(client, loadedTables) : null;
    if (defs) await dropDefinitions(client, defs);

    // ----- people -----
    const people = copyInto(client, "people", [
      "id",
      "employee_id",
      "email",
      "name",
      "title",
      "department",
      "location",
      "hire_date",
      "manager_id",
      "roles",
      "hr_scope_all",
      "hr_scope_departments",
      "demographics",
      "active",
      "created_at",
      "updated_at",
      "version",
    ]);
    for (const p of org.people) {
      const created = at(
        p.hireDate > addDays(clock.windowStart, -30) ? p.hireDate : addDays(clock.windowStart, -30),
        "08:00",
      ).toISOString();
      const updated = p.leftOn ? at(p.leftOn, "18:00").toISOString() : created;
      people.row(
        p.id,
        p.employeeId,
        p.email,
        p.name,
        p.title,
        p.department,
        p.city,
        p.hireDate,
        p.manager >= 0 ? org.people[p.manager]!.id : null,
        pgArray(p.roles),
        p.hrScopeAll,
        pgArray(p.hrScopeDepartments),
        pgJson(p.demographics),
        p.active,
        created,
        updated,
        p.leftOn ? 2 : 1,
      );
      await people.drain();
    }
    progress("people", await people.end());

    const catalogue = buildCatalogue({
      ids,
      clock,
      createdBy: org.people[org.ld[0] ?? org.hrLead]!.id,
    });
    progress("catalogue_items", await catalogue.items.copy(client));
    progress("catalogue_sessions", await catalogue.sessions.copy(client));

    await writeOneOnOnes({ client, org, clock, streams, ids, keys, bench, progress });
    await writeFeedback({ client, org, plans, clock, streams, ids, progress });

    const t = planTables();
    const { carryOn } = writePlans({
      plans,
      org,
      clock,
      streams,
      ids,
      keys,
      catalogue: catalogue.entries,
      tables: t,
      sealedManagerDays,
    });
    // Protected activities of people who are not on a plan: about one in a hundred.
    const onPlan = new Set(plans.map((p) => p.employee));
    const r = streams("protected");
    for (const p of org.people) {
      if (onPlan.has(p.index) || p.manager < 0 || !r.chance(0.01)) continue;
      const hr = org.people[(org.hrFor.get(p.department) ?? [org.hrLead])[0]!]!;
      const occurredOn = addDays(clock.windowStart, r.int(0, clock.windowDays - 2));
      writeProtectedActivity({
        t,
        ids,
        keys,
        r,
        person: p,
        recordedBy: hr,
        occurredOn,
        now: clock.now,
      });
    }
    step("plans generated");
    for (const table of Object.values(t)) progress(table.table, await table.copy(client));

    const growth = growthTable();
    writeGrowthGoals({ t: growth, org, clock, streams, ids });
    for (const { plan, goals } of carryOn) {
      const createdAt = at(plan.closedOn!, "16:30").toISOString();
      const employee = org.people[plan.employee]!;
      for (const g of goals) {
        const achieved = g.dueOn !== null && g.dueOn < clock.today;
        growth.row(
          ids.next("growth_goals"),
          employee.id,
          org.people[plan.manager]!.id,
          g.title,
          g.specific,
          g.measure,
          null,
          null,
          "",
          g.dueOn,
          achieved ? "achieved" : "active",
          achieved ? 100 : Math.min(90, daysBetween(plan.closedOn!, clock.today)),
          plan.id,
          1,
          createdAt,
          createdAt,
        );
      }
    }
    progress("growth_goals", await growth.copy(client));
    await client.query("UPDATE org_settings SET name = $1, updated_at = $2 WHERE id = 1", [
      ORG_NAME,
      clock.now,
    ]);

    if (defs) {
      await restoreDefinitions(client, defs, loadedTables);
      step("indexes and foreign keys rebuilt and checked");
    }
    await client.query("COMMIT");
    step("committed");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }

  // ----- through the app (with the planner's statistics in place first) -----
  await pool.query("ANALYZE");
  step("ANALYZE");
  const overrides = await recordOverrides(deps, { org, plans });
  counts.plan_finding_overrides = overrides;
  step(`HR's overrides of review blockers (${overrides})`);

  const admin = org.people[org.admins[0]!]!;
  const hr = org.people[org.hrLead]!;
  const manager = org.people[bench.manager]!;
  const employee = org.people[bench.employee]!;
  const benchPlan = plans.find((p) => p.bench)!;
  await setPasswords(deps, {
    personIds: [admin.id, hr.id, manager.id, employee.id],
    password: options.password,
  });
  const token = async (personId: string) =>
    (await createApiToken(deps, { actor: BENCH_ACTOR, personId, name: "benchmark" })).token;
  const tokens = {
    admin: await token(admin.id),
    hr: await token(hr.id),
    manager: await token(manager.id),
    employee: await token(employee.id),
  };
  await write(deps, (w) =>
    w.audit({
      actor: BENCH_ACTOR,
      action: "bench.data_loaded",
      subjectType: "org",
      data: {
        employees: options.employees,
        seed: options.seed,
        years: options.years,
        counts,
        note: "Generated history loaded in bulk; it has no audit events of its own.",
      },
    }),
  );
  step("passwords, API tokens and the audit event");
  return {
    counts,
    seconds: (performance.now() - started) / 1000,
    depth: depthOf(org),
    ids: {
      adminId: admin.id,
      hrId: hr.id,
      managerId: manager.id,
      employeeId: employee.id,
      planId: benchPlan.id,
    },
    emails: { admin: admin.email, hr: hr.email, manager: manager.email, employee: employee.email },
    tokens,
  };
}

/**
 * Plans issued past a blocker (a protected activity shortly before, or no written prior notice)
 * carry HR's override of it, as HR records one: bound to the finding exactly as the review reports
 * it. The review itself is asked (the app's evaluatePlan), so every override matches a real
 * finding; plans still in review keep their blocker open.
 */
async function recordOverrides(
  deps: Deps,
  { org, plans }: { org: ReturnType<typeof buildOrg>; plans: ReturnType<typeof schedulePlans> },
): Promise<number> {
  const wanted = plans.filter((p) => (p.retaliation || p.surprise) && p.issuedOn !== null);
  if (wanted.length === 0) return 0;
  const db = deps.database.db;
  const keys = await keyringFor(deps);
  const rows = await db
    .select()
    .from(plansTable)
    .where(
      inArray(
        plansTable.id,
        wanted.map((p) => p.id),
      ),
    )
    .orderBy(asc(plansTable.id));
  const byId = new Map(wanted.map((p) => [p.id, p]));
  const values: (typeof planFindingOverrides.$inferInsert)[] = [];
  // A few plans at a time (the pool has ten connections); results kept in plan order.
  const evaluated: Awaited<ReturnType<typeof evaluatePlan>>[] = [];
  for (let i = 0; i < rows.length; i += 4)
    evaluated.push(
      ...(await Promise.all(
        rows.slice(i, i + 4).map((row) => evaluatePlan(db, row, { now: deps.clock(), keys })),
      )),
    );
  for (const [i, row] of rows.entries()) {
    const plan = byId.get(row.id)!;
    for (const f of evaluated[i]!.findings) {
      if (f.severity !== "blocker" || !f.overridable || f.override) continue;
      values.push({
        planId: row.id,
        code: f.code,
        path: f.path,
        audience: f.audience === "hr" ? "hr" : "all",
        reason:
          overrideReasons[f.code as keyof typeof overrideReasons] ??
          "Reviewed with the manager and Legal; the plan may go ahead.",
        fingerprint: fingerprintOf(f),
        authorId: org.people[plan.hr]!.id,
        createdAt: at(plan.approvedOn ?? plan.issuedOn!, "13:00"),
      });
    }
  }
  if (values.length)
    await db.transaction(async (tx) => {
      for (let i = 0; i < values.length; i += 500)
        await tx.insert(planFindingOverrides).values(values.slice(i, i + 500));
    });
  return values.length;
}
