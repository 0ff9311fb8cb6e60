import { and, asc, desc, eq, sql } from "drizzle-orm";
import { mailMessages } from "../src/modules/mail/mail.table.js";
import { notifications } from "../src/modules/notify/notify.table.js";
import {
  commitments,
  oneOnOneMeetings,
  oneOnOneNotes,
  oneOnOneSeries,
  oneOnOneTalkingPoints,
} from "../src/modules/oneonones/oneonones.table.js";
import { auditEvents } from "../src/modules/record/record.table.js";
import { makeUser, signInCookie } from "./factories.js";
import { send, type TestApp, type TestDeps } from "./helpers.js";

export const oneOnOneRoles = [
  "manager",
  "report",
  "peer",
  "skip",
  "hrIn",
  "hrOut",
  "admin",
] as const;
export type OneOnOneRole = (typeof oneOnOneRoles)[number];

/**
 * A manager and their report, with everyone around them signed in: the manager's own manager
 * (skip-level), a peer (another report of the same manager), HR covering the report's department
 * and HR covering another, and an admin. Only the first two are in the 1:1.
 */
export async function oneOnOnePeople(deps: TestDeps, app: TestApp) {
  const skip = await makeUser(deps, { name: "Sam Skiplevel", title: "Director" });
  const manager = await makeUser(deps, {
    name: "Maya Manager",
    title: "Engineering Manager",
    managerId: skip.id,
  });
  const report = await makeUser(deps, { name: "Riley Report", managerId: manager.id });
  const peer = await makeUser(deps, { name: "Pat Peer", managerId: manager.id });
  const hrIn = await makeUser(deps, {
    name: "Hana HR",
    title: "HR Partner",
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: ["Engineering"],
  });
  const hrOut = await makeUser(deps, {
    name: "Otto HR",
    title: "HR Partner",
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: ["Sales"],
  });
  const admin = await makeUser(deps, { name: "Ada Admin", title: "IT", roles: ["admin"] });
  const people = { manager, report, peer, skip, hrIn, hrOut, admin };
  // Sessions expire as the test clock moves on: sign in again when it has moved.
  const cookies = new Map<OneOnOneRole, { cookie: string; at: number }>();
  const cookieFor = async (role: OneOnOneRole) => {
    const now = deps.clock().getTime();
    const cached = cookies.get(role);
    if (cached && Math.abs(now - cached.at) < 3_600_000) return cached.cookie;
    const cookie = await signInCookie(app, people[role].email, people[role].password);
    cookies.set(role, { cookie, at: now });
    return cookie;
  };
  for (const role of oneOnOneRoles) await cookieFor(role);
  return {
    people,
    ...people,
    /** A request as one of the people. */
    async as(role: OneOnOneRole, path: string, init: { method?: string; body?: unknown } = {}) {
      return send(app, path, { ...init, cookie: await cookieFor(role) });
    },
  };
}
export type OneOnOnePeople = Awaited<ReturnType<typeof oneOnOnePeople>>;

export const weeklyBerlin = {
  cadence: "weekly",
  weekday: 1,
  startTime: "09:00",
  durationMinutes: 30,
  timeZone: "Europe/Berlin",
  startsOn: "2026-03-02",
} as const;

/** The manager sets up a series with the report through the API (weekly, Mondays 09:00 Berlin). */
export async function makeSeries(
  fx: OneOnOnePeople,
  overrides: Record<string, unknown> = {},
  { manager = "manager" as OneOnOneRole, reportId = fx.report.id } = {},
) {
  const res = await fx.as(manager, "/api/v1/one-on-ones", {
    body: { reportId, ...weeklyBerlin, ...overrides },
  });
  if (res.status !== 201) throw new Error(`series not created: ${res.status} ${await res.text()}`);
  return res.json();
}

const notAuth = sql`${auditEvents.action} NOT LIKE 'auth.%'`;

/** Everything 1:1s store, and what writes leave behind, to show that a refusal changed nothing. */
export async function snapshot(deps: TestDeps) {
  const db = deps.database.db;
  // Signing in (the helpers do it as the clock moves) is not a change to the 1:1s.
  const [lastAudit] = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(notAuth)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return {
    series: await db.select().from(oneOnOneSeries).orderBy(asc(oneOnOneSeries.id)),
    meetings: await db.select().from(oneOnOneMeetings).orderBy(asc(oneOnOneMeetings.id)),
    points: await db.select().from(oneOnOneTalkingPoints).orderBy(asc(oneOnOneTalkingPoints.id)),
    notes: await db.select().from(oneOnOneNotes).orderBy(asc(oneOnOneNotes.id)),
    commitments: await db.select().from(commitments).orderBy(asc(commitments.id)),
    notifications: (await db.select({ n: sql<number>`count(*)::int` }).from(notifications))[0]!.n,
    mail: (await db.select({ n: sql<number>`count(*)::int` }).from(mailMessages))[0]!.n,
    lastAudit: lastAudit?.seq ?? 0,
  };
}

/** Audit events recorded after `seq` (sign-ins aside), oldest first. */
export async function auditSince(deps: TestDeps, seq: number) {
  return deps.database.db
    .select()
    .from(auditEvents)
    .where(and(sql`${auditEvents.seq} > ${seq}`, notAuth))
    .orderBy(asc(auditEvents.seq));
}

export async function meetingsOf(deps: TestDeps, seriesId: string) {
  return deps.database.db
    .select()
    .from(oneOnOneMeetings)
    .where(eq(oneOnOneMeetings.seriesId, seriesId))
    .orderBy(asc(oneOnOneMeetings.scheduledAt));
}

export async function notificationsOf(deps: TestDeps, personId: string) {
  return deps.database.db
    .select()
    .from(notifications)
    .where(eq(notifications.personId, personId))
    .orderBy(asc(notifications.createdAt));
}
