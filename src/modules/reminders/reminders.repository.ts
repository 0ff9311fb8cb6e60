import { and, asc, eq, gt, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "../../db/client.js";
import { feedbackRequests } from "../feedback/feedback.table.js";
import { onboardingPlans, onboardingStages } from "../growth/growth.table.js";
import { notifications } from "../notify/notify.table.js";
import {
  commitments,
  oneOnOneMeetings,
  oneOnOneSeries,
  oneOnOneTalkingPoints,
} from "../oneonones/oneonones.table.js";
import { people } from "../org/org.table.js";
import {
  type Claim,
  type CommitmentCandidate,
  type FeedbackRequestCandidate,
  feedbackFollowUpKey,
  feedbackRequestedKey,
  type MeetingCandidate,
  type OnboardingStageCandidate,
} from "./reminders.rules.js";

// Candidates for the reminder rules, and the claims that make each reminder go out once.
// Candidates are read without locks; a claim is the one write that decides who sends.

/** Enough for one pass; what is left is found by the next. */
export const BATCH = 500;

const manager = alias(people, "manager");
const report = alias(people, "report");

export async function findMeetingCandidates(
  db: DbOrTx,
  { after, until }: { after: Date; until: Date },
): Promise<MeetingCandidate[]> {
  const rows = await db
    .select({
      meeting: oneOnOneMeetings,
      timeZone: oneOnOneSeries.timeZone,
      manager: { id: manager.id, name: manager.name },
      report: { id: report.id, name: report.name },
      openTalkingPoints: sql<number>`(
        SELECT count(*)::int FROM ${oneOnOneTalkingPoints}
        WHERE ${oneOnOneTalkingPoints.seriesId} = ${oneOnOneSeries.id}
          AND ${oneOnOneTalkingPoints.discussedAt} IS NULL)`,
    })
    .from(oneOnOneMeetings)
    .innerJoin(oneOnOneSeries, eq(oneOnOneSeries.id, oneOnOneMeetings.seriesId))
    .innerJoin(manager, eq(manager.id, oneOnOneSeries.managerId))
    .innerJoin(report, eq(report.id, oneOnOneSeries.reportId))
    .where(
      and(
        eq(oneOnOneMeetings.status, "scheduled"),
        isNull(oneOnOneMeetings.reminderSentAt),
        eq(oneOnOneSeries.status, "active"),
        gt(oneOnOneMeetings.scheduledAt, after),
        lte(oneOnOneMeetings.scheduledAt, until),
      ),
    )
    .orderBy(asc(oneOnOneMeetings.scheduledAt), asc(oneOnOneMeetings.id))
    .limit(BATCH);
  return rows.map((r) => ({
    meetingId: r.meeting.id,
    seriesId: r.meeting.seriesId,
    scheduledAt: r.meeting.scheduledAt,
    durationMinutes: r.meeting.durationMinutes,
    timeZone: r.timeZone,
    manager: r.manager,
    report: r.report,
    reminderSentAt: r.meeting.reminderSentAt,
    openTalkingPoints: r.openTalkingPoints,
  }));
}

/**
 * Open commitments due by `dueBy` that have not had their overdue reminder yet (after it,
 * `reminder_sent_on` is past the due date and the row drops out for good).
 */
export async function findCommitmentCandidates(
  db: DbOrTx,
  { dueBy }: { dueBy: string },
): Promise<CommitmentCandidate[]> {
  const rows = await db
    .select({ commitment: commitments, timeZone: oneOnOneSeries.timeZone })
    .from(commitments)
    .innerJoin(oneOnOneSeries, eq(oneOnOneSeries.id, commitments.seriesId))
    .innerJoin(people, eq(people.id, commitments.ownerId))
    .where(
      and(
        eq(commitments.status, "open"),
        lte(commitments.dueOn, dueBy),
        or(isNull(commitments.reminderSentOn), lte(commitments.reminderSentOn, commitments.dueOn)),
        eq(people.active, true),
      ),
    )
    .orderBy(asc(commitments.dueOn), asc(commitments.id))
    .limit(BATCH);
  return rows.map((r) => ({
    commitmentId: r.commitment.id,
    seriesId: r.commitment.seriesId,
    ownerId: r.commitment.ownerId,
    body: r.commitment.body,
    dueOn: r.commitment.dueOn,
    reminderSentOn: r.commitment.reminderSentOn,
    timeZone: r.timeZone,
  }));
}

/**
 * Open requests whose asked person (active) has not been told yet, or has not had the
 * follow-up yet. The notifications, found by their dedupe keys, are the record of both.
 */
export async function findFeedbackRequestCandidates(
  db: DbOrTx,
  { remindBefore }: { remindBefore: Date },
): Promise<FeedbackRequestCandidate[]> {
  const asked = alias(people, "asked");
  const requester = alias(people, "requester");
  const about = alias(people, "about");
  const told = alias(notifications, "told");
  const reminded = alias(notifications, "reminded");
  const rows = await db
    .select({
      request: feedbackRequests,
      requester: { id: requester.id, name: requester.name },
      about: { id: about.id, name: about.name },
      toldAt: told.createdAt,
      remindedId: reminded.id,
    })
    .from(feedbackRequests)
    .innerJoin(asked, eq(asked.id, feedbackRequests.askedId))
    .innerJoin(requester, eq(requester.id, feedbackRequests.requesterId))
    .innerJoin(about, eq(about.id, feedbackRequests.aboutId))
    .leftJoin(
      told,
      and(
        eq(told.personId, feedbackRequests.askedId),
        eq(told.dedupeKey, sql`${feedbackRequestedKey("")} || ${feedbackRequests.id}::text`),
      ),
    )
    .leftJoin(
      reminded,
      and(
        eq(reminded.personId, feedbackRequests.askedId),
        eq(reminded.dedupeKey, sql`${feedbackFollowUpKey("")} || ${feedbackRequests.id}::text`),
      ),
    )
    .where(
      and(
        eq(feedbackRequests.status, "open"),
        eq(asked.active, true),
        or(isNull(told.id), and(isNull(reminded.id), lte(told.createdAt, remindBefore))),
      ),
    )
    .orderBy(asc(feedbackRequests.createdAt), asc(feedbackRequests.id))
    .limit(BATCH);
  return rows.map((r) => ({
    requestId: r.request.id,
    askedId: r.request.askedId,
    requester: r.requester,
    about: r.about,
    requestedNoticeAt: r.toldAt,
    reminderSent: r.remindedId !== null,
  }));
}

/** Upcoming stages of active onboarding plans due from `from` to `until`, not yet reminded. */
export async function findOnboardingStageCandidates(
  db: DbOrTx,
  { from, until }: { from: string; until: string },
): Promise<OnboardingStageCandidate[]> {
  const rows = await db
    .select({
      stage: onboardingStages,
      plan: onboardingPlans,
      employee: { id: people.id, name: people.name },
    })
    .from(onboardingStages)
    .innerJoin(onboardingPlans, eq(onboardingPlans.id, onboardingStages.planId))
    .innerJoin(people, eq(people.id, onboardingPlans.personId))
    .where(
      and(
        eq(onboardingStages.status, "upcoming"),
        isNull(onboardingStages.reminderSentAt),
        eq(onboardingPlans.status, "active"),
        gte(onboardingStages.dueOn, from),
        lte(onboardingStages.dueOn, until),
      ),
    )
    .orderBy(asc(onboardingStages.dueOn), asc(onboardingStages.id))
    .limit(BATCH);
  return rows.map((r) => ({
    stageId: r.stage.id,
    planId: r.plan.id,
    day: r.stage.day,
    title: r.stage.title,
    dueOn: r.stage.dueOn,
    employee: r.employee,
    managerId: r.plan.managerId,
    reminderSentAt: r.stage.reminderSentAt,
  }));
}

/**
 * Records that a reminder is being sent, if nobody has: an UPDATE … RETURNING that only one
 * transaction can win (a second waits on the row, then finds the condition no longer holds).
 * True when this transaction won. A feedback request has no such column: it must still be open,
 * and the notices' dedupe keys decide (a second insert of the same key waits, then does nothing).
 */
export async function claimReminder(tx: Tx, claim: Claim, now: Date): Promise<boolean> {
  switch (claim.kind) {
    case "meeting": {
      const rows = await tx
        .update(oneOnOneMeetings)
        .set({ reminderSentAt: now })
        .where(
          and(
            eq(oneOnOneMeetings.id, claim.id),
            isNull(oneOnOneMeetings.reminderSentAt),
            eq(oneOnOneMeetings.status, "scheduled"),
          ),
        )
        .returning({ id: oneOnOneMeetings.id });
      return rows.length === 1;
    }
    case "commitment": {
      const rows = await tx
        .update(commitments)
        .set({ reminderSentOn: claim.sentOn })
        .where(
          and(
            eq(commitments.id, claim.id),
            eq(commitments.status, "open"),
            eq(commitments.dueOn, claim.dueOn),
            claim.previous === null
              ? isNull(commitments.reminderSentOn)
              : eq(commitments.reminderSentOn, claim.previous),
          ),
        )
        .returning({ id: commitments.id });
      return rows.length === 1;
    }
    case "onboarding_stage": {
      const rows = await tx
        .update(onboardingStages)
        .set({ reminderSentAt: now })
        .where(
          and(
            eq(onboardingStages.id, claim.id),
            isNull(onboardingStages.reminderSentAt),
            eq(onboardingStages.status, "upcoming"),
            inArray(
              onboardingStages.planId,
              tx
                .select({ id: onboardingPlans.id })
                .from(onboardingPlans)
                .where(eq(onboardingPlans.status, "active")),
            ),
          ),
        )
        .returning({ id: onboardingStages.id });
      return rows.length === 1;
    }
    case "feedback_request": {
      const [row] = await tx
        .select({ status: feedbackRequests.status })
        .from(feedbackRequests)
        .where(eq(feedbackRequests.id, claim.id))
        .for("share");
      return row?.status === "open";
    }
  }
}
