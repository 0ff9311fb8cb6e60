import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { makePerson, makePlan, makeUser, type TestUser } from "../../../test/factories.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { oneTimeTokens, sessions } from "../auth/auth.table.js";
import { concernMessages, concerns } from "../concerns/concerns.table.js";
import { diagnoses } from "../diagnosis/diagnosis.table.js";
import { feedback, feedbackReplies, feedbackRequests } from "../feedback/feedback.table.js";
import {
  documentedDiscussions,
  growthGoals,
  onboardingPlans,
  onboardingStages,
} from "../growth/growth.table.js";
import { guidanceSeen } from "../guidance/guidance.table.js";
import { keyringFor } from "../keys/keys.service.js";
import { mailMessages } from "../mail/mail.table.js";
import { mentoringSessions, mentorships } from "../mentoring/mentoring.table.js";
import { notifications } from "../notify/notify.table.js";
import {
  commitments,
  oneOnOneMeetings,
  oneOnOneNotes,
  oneOnOneSeries,
  oneOnOneTalkingPoints,
} from "../oneonones/oneonones.table.js";
import { planEngagementTalks, plans } from "../plans/plans.table.js";
import { protectedActivities } from "../review/review.table.js";
import type { RecordType } from "./retention.types.js";

// Test fixtures for retention: one record of every type about a pair (an employee and their
// manager), dated as the test says, written straight to the tables with an audit event each.

const TEST = { kind: "system", label: "test" } as const;

/** The table each record type is counted in, for before-and-after comparisons. */
export const tableOf: Record<RecordType, string> = {
  engagement_talks: "plan_engagement_talks",
  closed_plans: "plans",
  documented_discussions: "documented_discussions",
  diagnoses: "diagnoses",
  feedback: "feedback",
  feedback_requests: "feedback_requests",
  oneonone_notes: "one_on_one_notes",
  oneonone_private_notes: "one_on_one_notes",
  oneonone_agendas: "one_on_one_talking_points",
  commitments: "commitments",
  closed_concerns: "concerns",
  protected_activities: "protected_activities",
  closed_growth_goals: "growth_goals",
  onboarding_plans: "onboarding_plans",
  mentoring_sessions: "mentoring_sessions",
  ended_mentorships: "mentorships",
  notifications: "notifications",
  guidance_seen: "guidance_seen",
  expired_sessions: "sessions",
  expired_links: "one_time_tokens",
  sent_mail: "mail_messages",
  deactivated_people: "people",
};

export type Pair = { employee: TestUser; manager: TestUser; hr: TestUser };

/**
 * An employee, their manager and an HR partner for their department. Without `signIn` they have
 * no password (hashing one is slow, and most retention tests never sign in).
 */
export async function makePair(
  deps: Deps,
  label: string,
  { department = "Engineering", signIn = false }: { department?: string; signIn?: boolean } = {},
): Promise<Pair> {
  const make = async (values: Parameters<typeof makePerson>[1]): Promise<TestUser> =>
    signIn ? makeUser(deps, values) : { ...(await makePerson(deps, values)), password: "" };
  const manager = await make({ name: `${label} Manager`, department });
  const employee = await make({ name: `${label} Employee`, department, managerId: manager.id });
  const hr = await make({
    name: `${label} HR`,
    department: "People",
    roles: ["hr"],
    hrScopeDepartments: [department],
  });
  return { employee, manager, hr };
}

/**
 * One record of every type (but people) about the pair, whose retention period starts at `at`.
 * Returns the id of each, by type.
 */
export async function seedRecords(
  deps: Deps,
  { employee, manager, hr }: Pair,
  at: Date,
): Promise<Record<Exclude<RecordType, "deactivated_people">, string>> {
  const { plan } = await makePlan(deps, {
    employee,
    manager,
    hr,
    plan: { status: "closed", outcome: "goals_met", closedAt: at, createdAt: at, updatedAt: at },
  });
  return write(deps, async (w) => {
    // Confidential fields sealed as the app seals them.
    const keys = await keyringFor(deps, w.tx);
    const one = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows)[0]!.id;
    const ids = {
      closed_plans: plan.id,
      documented_discussions: await one(
        w.tx
          .insert(documentedDiscussions)
          .values({
            employeeId: employee.id,
            managerId: manager.id,
            occurredOn: "2019-01-01",
            whatHappened: "Missed the handover twice.",
            status: "shared",
            createdAt: at,
            updatedAt: at,
          })
          .returning(),
      ),
      feedback: await one(
        w.tx
          .insert(feedback)
          .values({
            giverId: manager.id,
            recipientId: employee.id,
            kind: "constructive",
            behaviour: "you skipped the review",
            visibility: "shared",
            createdAt: at,
            updatedAt: at,
          })
          .returning(),
      ),
      feedback_requests: await one(
        w.tx
          .insert(feedbackRequests)
          .values({
            requesterId: employee.id,
            askedId: manager.id,
            aboutId: employee.id,
            createdAt: at,
          })
          .returning(),
      ),
      closed_concerns: await one(
        w.tx
          .insert(concerns)
          .values({
            employeeId: employee.id,
            aboutPersonId: manager.id,
            subject: keys.seal("concerns.subject", "About my manager"),
            status: "closed",
            createdAt: at,
            lastMessageAt: at,
            closedAt: at,
          })
          .returning(),
      ),
      protected_activities: await one(
        w.tx
          .insert(protectedActivities)
          .values({
            personId: employee.id,
            kind: keys.seal("protected_activities.kind", "complaint"),
            occurredOn: keys.seal("protected_activities.occurred_on", "2018-05-30"),
            note: keys.seal("protected_activities.note", ""),
            recordedById: hr.id,
            recordedAt: at,
          })
          .returning(),
      ),
      closed_growth_goals: await one(
        w.tx
          .insert(growthGoals)
          .values({
            personId: employee.id,
            createdById: manager.id,
            title: "Give a conference talk",
            status: "achieved",
            createdAt: at,
            updatedAt: at,
          })
          .returning(),
      ),
      onboarding_plans: await one(
        w.tx
          .insert(onboardingPlans)
          .values({
            personId: employee.id,
            managerId: manager.id,
            startDate: "2019-01-01",
            status: "completed",
            createdAt: at,
            updatedAt: at,
          })
          .returning(),
      ),
      notifications: await one(
        w.tx
          .insert(notifications)
          .values({ personId: employee.id, kind: "test", title: "Hello", createdAt: at })
          .returning(),
      ),
      expired_sessions: await one(
        w.tx
          .insert(sessions)
          .values({
            personId: employee.id,
            tokenHash: randomBytes(16).toString("hex"),
            createdAt: at,
            expiresAt: at,
          })
          .returning(),
      ),
      expired_links: await one(
        w.tx
          .insert(oneTimeTokens)
          .values({
            purpose: "password_reset",
            personId: employee.id,
            tokenHash: randomBytes(16).toString("hex"),
            createdAt: at,
            expiresAt: at,
          })
          .returning(),
      ),
      sent_mail: await one(
        w.tx
          .insert(mailMessages)
          .values({
            to: employee.email.toUpperCase(),
            subject: "Your password",
            text: "A link",
            transport: "outbox",
            createdAt: at,
          })
          .returning(),
      ),
    };
    // Dependent rows that go with their record.
    await w.tx
      .insert(feedbackReplies)
      .values({ feedbackId: ids.feedback, authorId: employee.id, body: "Thanks", createdAt: at });
    await w.tx.insert(concernMessages).values({
      concernId: ids.closed_concerns,
      authorId: employee.id,
      body: keys.seal("concern_messages.body", "It keeps happening."),
      createdAt: at,
    });
    await w.tx.insert(onboardingStages).values({
      planId: ids.onboarding_plans,
      day: 30,
      dueOn: "2019-01-31",
      title: "First 30 days",
    });
    // A 1:1 series per pair: made once, reused by a later call for the same pair.
    const [existing] = await w.tx
      .select()
      .from(oneOnOneSeries)
      .where(
        sql`${oneOnOneSeries.managerId} = ${manager.id} AND ${oneOnOneSeries.reportId} = ${employee.id}`,
      );
    const series =
      existing ??
      (
        await w.tx
          .insert(oneOnOneSeries)
          .values({
            managerId: manager.id,
            reportId: employee.id,
            cadence: "weekly",
            weekday: 2,
            startTime: "10:00",
            startsOn: "2019-01-01",
            createdAt: at,
            updatedAt: at,
          })
          .returning()
      )[0]!;
    const meeting = await one(
      w.tx
        .insert(oneOnOneMeetings)
        .values({
          seriesId: series.id,
          scheduledAt: at,
          status: "held",
          createdAt: at,
          updatedAt: at,
        })
        .returning(),
    );
    const more = {
      oneonone_notes: await one(
        w.tx
          .insert(oneOnOneNotes)
          .values({
            meetingId: meeting,
            authorId: manager.id,
            visibility: "shared",
            body: "We talked about the roadmap.",
            createdAt: at,
            updatedAt: at,
          })
          .returning(),
      ),
      oneonone_private_notes: await one(
        w.tx
          .insert(oneOnOneNotes)
          .values({
            meetingId: meeting,
            authorId: manager.id,
            visibility: "private",
            body: keys.seal("one_on_one_notes.body", "Seems tired lately."),
            createdAt: at,
            updatedAt: at,
          })
          .returning(),
      ),
      oneonone_agendas: await one(
        w.tx
          .insert(oneOnOneTalkingPoints)
          .values({
            seriesId: series.id,
            authorId: employee.id,
            body: "Career plans",
            discussedInMeetingId: meeting,
            discussedAt: at,
            createdAt: at,
          })
          .returning(),
      ),
      commitments: await one(
        w.tx
          .insert(commitments)
          .values({
            seriesId: series.id,
            meetingId: meeting,
            ownerId: employee.id,
            createdById: manager.id,
            body: "Write the runbook",
            dueOn: "2019-01-08",
            status: "done",
            closedAt: at,
            createdAt: at,
            updatedAt: at,
          })
          .returning(),
      ),
    };
    // Enablement: a conversation about engagement on the closed plan (also in its summary frozen
    // at close), a completed diagnosis, a mentorship that ended with a session logged, and a
    // guidance card the employee saw (a card of its own per date: one row per person and card).
    const day = at.toISOString().slice(0, 10);
    const talk = await one(
      w.tx
        .insert(planEngagementTalks)
        .values({
          planId: plan.id,
          authorId: manager.id,
          heldOn: day,
          summary: "Talked about the missed check-ins.",
          createdAt: at,
        })
        .returning(),
    );
    await w.tx
      .update(plans)
      .set({
        engagementSummary: {
          frozenAt: at.toISOString(),
          signals: [],
          talks: [{ id: talk, heldOn: day, summary: "Talked about the missed check-ins." }],
        },
      })
      .where(eq(plans.id, plan.id));
    const mentorship = await one(
      w.tx
        .insert(mentorships)
        .values({
          mentorId: hr.id,
          menteeId: employee.id,
          requestedById: manager.id,
          status: "ended",
          topic: "Building sql skills",
          createdAt: at,
          respondedAt: at,
          endedAt: at,
        })
        .returning(),
    );
    const enablement = {
      engagement_talks: talk,
      diagnoses: await one(
        w.tx
          .insert(diagnoses)
          .values({
            employeeId: employee.id,
            managerId: manager.id,
            status: "completed",
            causes: ["skill"],
            notes: keys.seal("diagnoses.notes", JSON.stringify({ notes: {}, skills: ["sql"] })),
            createdAt: at,
            updatedAt: at,
            completedAt: at,
          })
          .returning(),
      ),
      mentoring_sessions: await one(
        w.tx
          .insert(mentoringSessions)
          .values({
            mentorshipId: mentorship,
            heldOn: day,
            topic: keys.seal("mentoring_sessions.topic", "Window functions"),
            authorId: employee.id,
            createdAt: at,
          })
          .returning(),
      ),
      ended_mentorships: mentorship,
      guidance_seen: (
        await w.tx
          .insert(guidanceSeen)
          .values({
            personId: employee.id,
            cardId: `test.card-${day}`,
            firstShownAt: at,
            lastShownAt: at,
            dismissedAt: at,
          })
          .returning()
      ).map((r) => `${r.personId}:${r.cardId}`)[0]!,
    };
    await w.audit({ actor: TEST, action: "test.seeded", subjectType: "test" });
    return { ...ids, ...more, ...enablement };
  });
}

/** Rows in a table. */
export async function countRows(deps: Deps, table: string) {
  const result = await deps.database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}"`,
  );
  return result.rows[0]!.n;
}

/** Whether a row with this id is in the table (guidance_seen: "<person>:<card>"). */
export async function exists(deps: Deps, table: string, id: string) {
  const key = table === "guidance_seen" ? "person_id::text || ':' || card_id" : "id";
  const result = await deps.database.pool.query(`SELECT 1 FROM "${table}" WHERE ${key} = $1`, [id]);
  return (result.rowCount ?? 0) > 0;
}
