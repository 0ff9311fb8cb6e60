// When a 1:1 series stops: paused by the manager, or ended because the report now reports to
// someone else. Kept apart from the 1:1 service so the org module can end a series on a reporting
// change without importing the service that imports it.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../access/access.types.js";
import type { Write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { notify } from "../notify/notify.service.js";
import { findPeopleByIds } from "../org/org.repository.js";
import {
  findFutureMeetings,
  findSeriesByPair,
  meetingsWithContent,
  type SeriesRow,
} from "./oneonones.repository.js";
import { oneOnOneMeetings, oneOnOneSeries, oneOnOneTalkingPoints } from "./oneonones.table.js";

/**
 * Pausing or ending: the future meetings of the cadence go. Ones agreed by moving a meeting, and
 * ones with notes or commitments already on them, stay.
 */
export async function clearFutureMeetings(w: Write, series: SeriesRow): Promise<number> {
  const future = (await findFutureMeetings(w.tx, { seriesIds: [series.id], after: w.now })).filter(
    (m) => m.status === "scheduled" && !m.replacement,
  );
  const withContent = await meetingsWithContent(
    w.tx,
    future.map((m) => m.id),
  );
  const gone = future.filter((m) => !withContent.has(m.id)).map((m) => m.id);
  if (!gone.length) return 0;
  // Their talking points stay on the series' agenda, for the next meeting there will be.
  await w.tx
    .update(oneOnOneTalkingPoints)
    .set({ addedForMeetingId: null })
    .where(inArray(oneOnOneTalkingPoints.addedForMeetingId, gone));
  await w.tx.delete(oneOnOneMeetings).where(inArray(oneOnOneMeetings.id, gone));
  return gone.length;
}

export const REPORTING_CHANGE_REASON = "The reporting line changed.";

/**
 * The report now reports to someone else (or to no one): their 1:1 series with the former
 * manager ends. Its record stays for both to read; nothing more is added to it. Future meetings
 * go, and the ones that already carry notes are cancelled with the reason, so no reminder is sent
 * for them. Both are told, and the new manager is asked to set up their own 1:1s.
 * A reporting line that comes back later reopens the series when the manager sets it up again.
 */
export async function endSeriesOnReportingChange(
  deps: Deps,
  w: Write,
  {
    actor,
    reportId,
    formerManagerId,
    newManagerId,
  }: { actor: Actor; reportId: string; formerManagerId: string; newManagerId: string | null },
): Promise<void> {
  const series = await findSeriesByPair(w.tx, { managerId: formerManagerId, reportId });
  if (!series || series.status === "ended") return;
  await w.tx
    .update(oneOnOneSeries)
    .set({ status: "ended", version: sql`${oneOnOneSeries.version} + 1`, updatedAt: w.now })
    .where(eq(oneOnOneSeries.id, series.id));
  const removed = await clearFutureMeetings(w, series);
  const cancelled = await w.tx
    .update(oneOnOneMeetings)
    .set({
      status: "cancelled",
      cancelReason: REPORTING_CHANGE_REASON,
      cancelledAt: w.now,
      updatedAt: w.now,
    })
    .where(
      and(
        eq(oneOnOneMeetings.seriesId, series.id),
        eq(oneOnOneMeetings.status, "scheduled"),
        gt(oneOnOneMeetings.scheduledAt, w.now),
      ),
    )
    .returning({ id: oneOnOneMeetings.id });
  await w.audit({
    actor,
    action: "oneonone.series_ended",
    subjectType: "one_on_one_series",
    subjectId: series.id,
    data: {
      managerId: formerManagerId,
      reportId,
      newManagerId,
      reason: "reporting_line_changed",
      meetingsRemoved: removed,
      meetingsCancelled: cancelled.length,
    },
  });
  const people = new Map(
    (
      await findPeopleByIds(
        w.tx,
        [reportId, formerManagerId, newManagerId].filter((id): id is string => id !== null),
      )
    ).map((p) => [p.id, p]),
  );
  const report = people.get(reportId);
  const former = people.get(formerManagerId);
  const next = newManagerId ? people.get(newManagerId) : undefined;
  if (!report || !former) return;
  const link = `/one-on-ones/${series.id}`;
  const body = `${report.name} now reports to ${next?.name ?? "no one in Headway"}. What you wrote together stays here to read.`;
  await notify(deps, w, {
    personIds: [formerManagerId],
    kind: "oneonone.series_ended",
    title: `Your 1:1s with ${report.name} have ended`,
    body,
    link,
    subjectType: "one_on_one_series",
    subjectId: series.id,
  });
  await notify(deps, w, {
    personIds: [reportId],
    kind: "oneonone.series_ended",
    title: `Your 1:1s with ${former.name} have ended`,
    body: `You now report to ${next?.name ?? "no one in Headway"}. What you wrote together stays here to read.`,
    link,
    subjectType: "one_on_one_series",
    subjectId: series.id,
  });
  if (!next?.active) return;
  const theirs = await findSeriesByPair(w.tx, { managerId: next.id, reportId });
  if (theirs && theirs.status !== "ended") return;
  await notify(deps, w, {
    personIds: [next.id],
    kind: "oneonone.set_up",
    title: `Set up 1:1s with ${report.name}`,
    body: `${report.name} now reports to you; their 1:1s with ${former.name} have ended.`,
    link: "/one-on-ones",
    subjectType: "person",
    subjectId: report.id,
  });
}
