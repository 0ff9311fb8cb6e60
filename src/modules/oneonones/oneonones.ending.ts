// When a 1:1 series stops: paused by the manager, or ended because the report now reports to
// someone else or one of the two was deactivated. Kept apart from the 1:1 service so the org
// module can end a series without importing the service that imports it.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../access/access.types.js";
import type { Write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { notify } from "../notify/notify.service.js";
import { findPeopleByIds } from "../org/org.repository.js";
import {
  findFutureMeetings,
  findSeriesByPair,
  findSeriesOfPerson,
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

/** Why a series ended, with the reason its cancelled meetings carry. */
const endings = {
  reporting_line_changed: "The reporting line changed.",
  person_deactivated: "One of the two is no longer active in Headway.",
} as const;
type Ending = keyof typeof endings;

/**
 * Ends one series: its record stays for both to read and nothing more is added to it. Future
 * meetings with nothing on them go; ones that already carry notes or commitments are cancelled
 * with the reason (by no one, so no count of cancellations includes them), and no reminder is
 * sent for any. Returns false when it had already ended.
 */
async function endOne(
  w: Write,
  actor: Actor,
  series: SeriesRow,
  ending: Ending,
  data: Record<string, unknown>,
): Promise<boolean> {
  if (series.status === "ended") return false;
  await w.tx
    .update(oneOnOneSeries)
    .set({ status: "ended", version: sql`${oneOnOneSeries.version} + 1`, updatedAt: w.now })
    .where(eq(oneOnOneSeries.id, series.id));
  const removed = await clearFutureMeetings(w, series);
  const cancelled = await w.tx
    .update(oneOnOneMeetings)
    .set({
      status: "cancelled",
      cancelReason: endings[ending],
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
      managerId: series.managerId,
      reportId: series.reportId,
      ...data,
      reason: ending,
      meetingsRemoved: removed,
      meetingsCancelled: cancelled.length,
    },
  });
  return true;
}

const seriesLink = (id: string) => `/one-on-ones/${id}`;

async function namesOf(w: Write, ids: (string | null)[]) {
  const wanted = ids.filter((id): id is string => id !== null);
  return new Map((await findPeopleByIds(w.tx, wanted)).map((p) => [p.id, p]));
}

/**
 * The report now reports to someone else (or to no one): their 1:1 series with the former
 * manager ends (see endOne). Both are told, and the new manager is asked to set up their own
 * 1:1s. A reporting line that comes back later reopens the series when the manager sets it up.
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
  if (!series) return;
  if (!(await endOne(w, actor, series, "reporting_line_changed", { newManagerId }))) return;
  const people = await namesOf(w, [reportId, formerManagerId, newManagerId]);
  const report = people.get(reportId);
  const former = people.get(formerManagerId);
  const next = newManagerId ? people.get(newManagerId) : undefined;
  if (!report || !former) return;
  const link = seriesLink(series.id);
  const subject = { subjectType: "one_on_one_series", subjectId: series.id } as const;
  const newLine = next?.name ?? "no one in Headway";
  await notify(deps, w, {
    personIds: [formerManagerId],
    kind: "oneonone.series_ended",
    title: `Your 1:1s with ${report.name} have ended`,
    body: `${report.name} now reports to ${newLine}. What you wrote together stays here to read.`,
    link,
    ...subject,
  });
  await notify(deps, w, {
    personIds: [reportId],
    kind: "oneonone.series_ended",
    title: `Your 1:1s with ${former.name} have ended`,
    body: `You now report to ${newLine}. What you wrote together stays here to read.`,
    link,
    ...subject,
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

/**
 * A person is deactivated: every 1:1 series they are in, as manager or as report, ends (see
 * endOne), so no meeting is scheduled and no reminder sent with someone who has left. The other
 * side is told; reactivated, the manager sets the series up again and it reopens.
 */
export async function endSeriesOfDeactivated(
  deps: Deps,
  w: Write,
  { actor, personId }: { actor: Actor; personId: string },
): Promise<void> {
  const gone = (await namesOf(w, [personId])).get(personId);
  for (const series of await findSeriesOfPerson(w.tx, personId)) {
    if (!(await endOne(w, actor, series, "person_deactivated", {})) || !gone) continue;
    const otherId = series.managerId === personId ? series.reportId : series.managerId;
    await notify(deps, w, {
      personIds: [otherId],
      kind: "oneonone.series_ended",
      title: `Your 1:1s with ${gone.name} have ended`,
      body: `${gone.name} is no longer active in Headway. What you wrote together stays here to read.`,
      link: seriesLink(series.id),
      subjectType: "one_on_one_series",
      subjectId: series.id,
    });
  }
}
