import { sql } from "drizzle-orm";
import { write } from "../src/db/transaction.js";
import { oneOnOneMeetings, oneOnOneSeries } from "../src/modules/oneonones/oneonones.table.js";
import { orgSettings } from "../src/modules/org/org.table.js";
import { makeUser, signInCookie, type TestUser } from "./factories.js";
import { send, type TestApp, type TestDeps } from "./helpers.js";

export type GrowthRole = "employee" | "manager" | "skip" | "peer" | "hrIn" | "hrOut" | "admin";
export const allRoles: GrowthRole[] = [
  "employee",
  "manager",
  "skip",
  "peer",
  "hrIn",
  "hrOut",
  "admin",
];

/**
 * A small team, everyone signed in: an employee in Engineering, their manager, the manager's own
 * manager (skip-level), a peer (another report of the same manager), an HR partner covering
 * Engineering, one covering only Sales, and an admin.
 */
export async function growthTeam(
  deps: TestDeps,
  app: TestApp,
  { hireDate = null }: { hireDate?: string | null } = {},
) {
  const skip = await makeUser(deps, { name: "Sam Skiplevel", title: "Director" });
  const manager = await makeUser(deps, { name: "Maya Manager", managerId: skip.id });
  const employee = await makeUser(deps, { name: "Eli Employee", managerId: manager.id, hireDate });
  const peer = await makeUser(deps, { name: "Pat Peer", managerId: manager.id });
  const hrIn = await makeUser(deps, {
    name: "Hana HR",
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: ["Engineering"],
  });
  const hrOut = await makeUser(deps, {
    name: "Omar HR",
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: ["Sales"],
  });
  const admin = await makeUser(deps, { name: "Ada Admin", department: "IT", roles: ["admin"] });
  const people: Record<GrowthRole, TestUser> = {
    employee,
    manager,
    skip,
    peer,
    hrIn,
    hrOut,
    admin,
  };
  // Sessions expire as the test clock moves on: sign in again when it has moved.
  const cookies = new Map<GrowthRole, { cookie: string; at: number }>();
  const cookieFor = async (role: GrowthRole) => {
    const now = deps.clock().getTime();
    const cached = cookies.get(role);
    if (cached && Math.abs(now - cached.at) < 3_600_000) return cached.cookie;
    const cookie = await signInCookie(app, people[role].email, people[role].password);
    cookies.set(role, { cookie, at: now });
    return cookie;
  };
  for (const role of allRoles) await cookieFor(role);
  return {
    people,
    ...people,
    /** A request as one of the team. */
    async as(role: GrowthRole, path: string, init: { method?: string; body?: unknown } = {}) {
      return send(app, path, { ...init, cookie: await cookieFor(role) });
    },
  };
}
export type GrowthTeam = Awaited<ReturnType<typeof growthTeam>>;

/** A weekly 1:1 series between a manager and a report, with one meeting; returns the meeting. */
export async function makeMeeting(
  deps: TestDeps,
  { managerId, reportId }: { managerId: string; reportId: string },
) {
  return write(deps, async (w) => {
    const [series] = await w.tx
      .insert(oneOnOneSeries)
      .values({
        managerId,
        reportId,
        cadence: "weekly",
        weekday: 1,
        startTime: "10:00",
        startsOn: "2026-03-02",
        createdAt: w.now,
        updatedAt: w.now,
      })
      .onConflictDoNothing()
      .returning();
    const seriesId =
      series?.id ??
      (
        await w.tx.execute<{ id: string }>(
          sql`SELECT id FROM one_on_one_series WHERE manager_id = ${managerId} AND report_id = ${reportId}`,
        )
      ).rows[0]!.id;
    const [meeting] = await w.tx
      .insert(oneOnOneMeetings)
      .values({
        seriesId,
        scheduledAt: new Date("2026-03-02T10:00:00Z"),
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "oneonone.meeting_created",
      subjectType: "oneonone_meeting",
      subjectId: meeting!.id,
    });
    return meeting!;
  });
}

/** Turns the organisation's skip-level visibility on or off. */
export async function setSkipLevelVisible(deps: TestDeps, value: boolean) {
  await write(deps, async (w) => {
    await w.tx
      .insert(orgSettings)
      .values({ id: 1, skipLevelVisible: value })
      .onConflictDoUpdate({ target: orgSettings.id, set: { skipLevelVisible: value } });
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "org.settings_updated",
      subjectType: "org",
    });
  });
}

const tables = [
  "growth_goals",
  "growth_goal_updates",
  "onboarding_templates",
  "onboarding_plans",
  "onboarding_stages",
  "documented_discussions",
  "notifications",
  "mail_messages",
] as const;

/**
 * Everything growth writes, plus the audit log, notifications and mail: compare a snapshot taken
 * before a refused request with one taken after, to show that nothing changed.
 */
export async function growthState(deps: TestDeps) {
  const db = deps.database.db;
  const state: Record<string, unknown> = {};
  for (const t of tables) {
    const result = await db.execute(sql.raw(`SELECT * FROM ${t} ORDER BY id`));
    state[t] = result.rows;
  }
  const audit = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`);
  state.audit = audit.rows[0]!.n;
  return state;
}

/** The audit events of one action, oldest first. */
export async function auditOf(deps: TestDeps, action: string) {
  const result = await deps.database.db.execute<{
    actor_id: string | null;
    subject_id: string | null;
    data: Record<string, unknown>;
  }>(
    sql`SELECT actor_id, subject_id, data FROM audit_events WHERE action = ${action} ORDER BY seq`,
  );
  return result.rows;
}
