import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import { oneOnOneMeetings, oneOnOneSeries } from "../oneonones/oneonones.table.js";
import { people } from "../org/org.table.js";
import { planCheckins, plans } from "../plans/plans.table.js";
import type { FeedCheckin, FeedMeeting } from "./calendar.ics.js";
import { calendarFeeds } from "./calendar.table.js";

/** More than any person has in the window; a feed is never unbounded. */
const FEED_LIMIT = 2000;

/** Plans whose check-ins show: ones the employee was given (a draft stays off the calendar). */
const shownPlanStatuses = [
  "issued",
  "acknowledged",
  "active",
  "paused",
  "extended",
  "closed",
] as const;

export async function findActiveFeed(db: DbOrTx, personId: string) {
  const [row] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.personId, personId), isNull(calendarFeeds.revokedAt)))
    .orderBy(sql`${calendarFeeds.createdAt} DESC`)
    .limit(1);
  return row ?? null;
}

/** The active person whose live feed this token hash belongs to, if any. */
export async function findFeedOwner(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ personId: people.id })
    .from(calendarFeeds)
    .innerJoin(people, eq(people.id, calendarFeeds.personId))
    .where(
      and(
        eq(calendarFeeds.tokenHash, tokenHash),
        isNull(calendarFeeds.revokedAt),
        eq(people.active, true),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The person's 1:1 meetings (either side) scheduled between `from` and `to`. */
export async function findFeedMeetings(
  db: DbOrTx,
  { personId, from, to }: { personId: string; from: Date; to: Date },
): Promise<FeedMeeting[]> {
  const manager = alias(people, "manager");
  const report = alias(people, "report");
  const rows = await db
    .select({
      meeting: {
        id: oneOnOneMeetings.id,
        seriesId: oneOnOneMeetings.seriesId,
        scheduledAt: oneOnOneMeetings.scheduledAt,
        durationMinutes: oneOnOneMeetings.durationMinutes,
        status: oneOnOneMeetings.status,
        updatedAt: oneOnOneMeetings.updatedAt,
      },
      series: {
        managerId: oneOnOneSeries.managerId,
        timeZone: oneOnOneSeries.timeZone,
        cadence: oneOnOneSeries.cadence,
      },
      managerName: manager.name,
      reportName: report.name,
    })
    .from(oneOnOneMeetings)
    .innerJoin(oneOnOneSeries, eq(oneOnOneSeries.id, oneOnOneMeetings.seriesId))
    .innerJoin(manager, eq(manager.id, oneOnOneSeries.managerId))
    .innerJoin(report, eq(report.id, oneOnOneSeries.reportId))
    .where(
      and(
        or(eq(oneOnOneSeries.managerId, personId), eq(oneOnOneSeries.reportId, personId)),
        gte(oneOnOneMeetings.scheduledAt, from),
        lte(oneOnOneMeetings.scheduledAt, to),
      ),
    )
    .orderBy(asc(oneOnOneMeetings.scheduledAt), asc(oneOnOneMeetings.id))
    .limit(FEED_LIMIT);
  return rows.map((r) => ({
    ...r.meeting,
    timeZone: r.series.timeZone,
    cadence: r.series.cadence,
    otherName: r.series.managerId === personId ? r.reportName : r.managerName,
  }));
}

/** Check-ins of plans the person is the employee or the manager of, between two days. */
export async function findFeedCheckins(
  db: DbOrTx,
  { personId, from, to }: { personId: string; from: string; to: string },
): Promise<FeedCheckin[]> {
  const employee = alias(people, "employee");
  const manager = alias(people, "manager");
  const rows = await db
    .select({
      id: planCheckins.id,
      planId: planCheckins.planId,
      scheduledOn: planCheckins.scheduledOn,
      status: planCheckins.status,
      employeeId: plans.employeeId,
      employeeName: employee.name,
      managerName: manager.name,
    })
    .from(planCheckins)
    .innerJoin(plans, eq(plans.id, planCheckins.planId))
    .innerJoin(employee, eq(employee.id, plans.employeeId))
    .innerJoin(manager, eq(manager.id, plans.managerId))
    .where(
      and(
        or(eq(plans.employeeId, personId), eq(plans.managerId, personId)),
        inArray(plans.status, [...shownPlanStatuses]),
        sql`${plans.issuedVersion} > 0`,
        gte(planCheckins.scheduledOn, from),
        lte(planCheckins.scheduledOn, to),
      ),
    )
    .orderBy(asc(planCheckins.scheduledOn), asc(planCheckins.id))
    .limit(FEED_LIMIT);
  return rows.map((r) => ({
    id: r.id,
    planId: r.planId,
    scheduledOn: r.scheduledOn,
    status: r.status,
    otherName: r.employeeId === personId ? r.managerName : r.employeeName,
  }));
}
