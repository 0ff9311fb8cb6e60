import {
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  lt,
  notLike,
  type SQL,
  type SQLWrapper,
  sql,
} from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "../../db/client.js";
import {
  apiTokens,
  authSettings,
  credentials,
  oneTimeTokens,
  personIdentities,
  sessions,
  totpRecoveryCodes,
} from "../auth/auth.table.js";
import { calendarFeeds } from "../calendar/calendar.table.js";
import { concerns } from "../concerns/concerns.table.js";
import { diagnoses } from "../diagnosis/diagnosis.table.js";
import { feedbackRequests, feedback as feedbackTable } from "../feedback/feedback.table.js";
import {
  documentedDiscussions,
  growthGoals,
  onboardingPlans,
  profileEntries,
} from "../growth/growth.table.js";
import { guidanceSeen } from "../guidance/guidance.table.js";
import { mailMessages } from "../mail/mail.table.js";
import { mentoringSessions, mentorProfiles, mentorships } from "../mentoring/mentoring.table.js";
import { notifications } from "../notify/notify.table.js";
import {
  commitments,
  oneOnOneMeetings,
  oneOnOneNotes,
  oneOnOneSeries,
  oneOnOneTalkingPoints,
} from "../oneonones/oneonones.table.js";
import { isUuid } from "../org/org.repository.js";
import { people } from "../org/org.table.js";
import { planEngagementTalks, plans } from "../plans/plans.table.js";
import { protectedActivities } from "../review/review.table.js";
import { scimGroupMembers, scimRoleGrants, scimUsers } from "../scim/scim.table.js";
import { legalHolds, retentionPolicies } from "./retention.table.js";
import type { RecordType, RetentionCandidate } from "./retention.types.js";

// Queries for retention: the records whose period may be over, and their erasure. No rules here:
// the service asks retention.rules which of the candidates go.

export type LegalHoldRow = typeof legalHolds.$inferSelect;

/** Anonymised people get an address under this reserved domain (RFC 2606): never deliverable. */
export const ERASED_EMAIL_DOMAIN = "erased.invalid";

export async function findStoredPolicy(db: DbOrTx) {
  const [row] = await db.select().from(retentionPolicies).where(eq(retentionPolicies.id, 1));
  return row ?? null;
}

export async function saveStoredPolicy(tx: Tx, policy: Record<string, number | null>, now: Date) {
  await tx
    .insert(retentionPolicies)
    .values({ id: 1, policy, updatedAt: now })
    .onConflictDoUpdate({ target: retentionPolicies.id, set: { policy, updatedAt: now } });
}

// ---------- legal holds ----------

/** Everyone under at least one hold that has not been released. */
export async function findHeldPeople(db: DbOrTx): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ personId: legalHolds.personId })
    .from(legalHolds)
    .where(isNull(legalHolds.releasedAt));
  return new Set(rows.map((r) => r.personId));
}

export async function findHolds(db: DbOrTx, { personId }: { personId?: string } = {}) {
  return db
    .select()
    .from(legalHolds)
    .where(personId ? eq(legalHolds.personId, personId) : undefined)
    .orderBy(sql`${legalHolds.releasedAt} IS NOT NULL`, desc(legalHolds.placedAt));
}

export async function findHoldById(db: DbOrTx, id: string, { lock = false } = {}) {
  if (!isUuid(id)) return null;
  const query = db.select().from(legalHolds).where(eq(legalHolds.id, id));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function insertHold(
  tx: Tx,
  values: { personId: string; reason: string; placedById: string; placedAt: Date },
) {
  const [row] = await tx.insert(legalHolds).values(values).returning();
  return row!;
}

export async function markHoldReleased(
  tx: Tx,
  id: string,
  values: { releasedAt: Date; releasedById: string; releaseReason: string },
) {
  const [row] = await tx.update(legalHolds).set(values).where(eq(legalHolds.id, id)).returning();
  return row!;
}

// ---------- candidates ----------

/** Everyone named on a record, as ids; empty slots dropped. */
const peopleOf = (...columns: PgColumn[]) =>
  sql<string[]>`array_remove(ARRAY[${sql.join(columns, sql`, `)}]::uuid[], NULL)::text[]`;

type Page = {
  cutoff: Date;
  /** Keyset paging: ids after this one. */
  after?: string;
  /** Or exactly these records, re-read inside the erasing transaction. */
  ids?: string[];
  limit: number;
};

function paging(id: SQLWrapper, at: SQLWrapper, page: Page): SQL[] {
  const where: SQL[] = [lt(at, page.cutoff)];
  if (page.after) where.push(gt(id, page.after));
  if (page.ids) where.push(inArray(id, page.ids.length ? page.ids : [NIL]));
  return where;
}

const NIL = "00000000-0000-0000-0000-000000000000";

type Finder = (db: DbOrTx, page: Page) => Promise<RetentionCandidate[]>;

/** A timestamp expression read back as a Date, like the column it is built from. */
const coalesced = (a: PgColumn, b: PgColumn) => sql`coalesce(${a}, ${b})`.mapWith(a) as SQL<Date>;

/** The series a 1:1 row belongs to gives its two people. */
const seriesPeople = [oneOnOneSeries.managerId, oneOnOneSeries.reportId];

/** guidance_seen has no id of its own: a person and a card make one ("<person>:<card>"). */
const guidanceKey = sql<string>`(${guidanceSeen.personId}::text || ':' || ${guidanceSeen.cardId})`;

/** Statuses of a mentorship that is over. */
const mentorshipsOver = ["ended", "declined", "withdrawn"] as const;

const finders: Record<RecordType, Finder> = {
  engagement_talks: (db, page) => {
    const at = coalesced(plans.closedAt, plans.updatedAt);
    return db
      .select({
        id: planEngagementTalks.id,
        at,
        people: peopleOf(
          plans.employeeId,
          plans.managerId,
          plans.hrPartnerId,
          planEngagementTalks.authorId,
        ),
      })
      .from(planEngagementTalks)
      .innerJoin(plans, eq(plans.id, planEngagementTalks.planId))
      .where(and(eq(plans.status, "closed"), ...paging(planEngagementTalks.id, at, page)))
      .orderBy(asc(planEngagementTalks.id))
      .limit(page.limit);
  },
  closed_plans: (db, page) => {
    const at = coalesced(plans.closedAt, plans.updatedAt);
    return db
      .select({
        id: plans.id,
        at,
        people: peopleOf(plans.employeeId, plans.managerId, plans.hrPartnerId),
      })
      .from(plans)
      .where(and(eq(plans.status, "closed"), ...paging(plans.id, at, page)))
      .orderBy(asc(plans.id))
      .limit(page.limit);
  },
  documented_discussions: (db, page) =>
    db
      .select({
        id: documentedDiscussions.id,
        at: documentedDiscussions.updatedAt,
        people: peopleOf(documentedDiscussions.employeeId, documentedDiscussions.managerId),
      })
      .from(documentedDiscussions)
      .where(and(...paging(documentedDiscussions.id, documentedDiscussions.updatedAt, page)))
      .orderBy(asc(documentedDiscussions.id))
      .limit(page.limit),
  diagnoses: (db, page) =>
    db
      .select({
        id: diagnoses.id,
        at: diagnoses.updatedAt,
        people: peopleOf(diagnoses.employeeId, diagnoses.managerId),
      })
      .from(diagnoses)
      .where(and(...paging(diagnoses.id, diagnoses.updatedAt, page)))
      .orderBy(asc(diagnoses.id))
      .limit(page.limit),
  feedback: (db, page) =>
    db
      .select({
        id: feedbackTable.id,
        at: feedbackTable.createdAt,
        people: peopleOf(feedbackTable.giverId, feedbackTable.recipientId),
      })
      .from(feedbackTable)
      .where(and(...paging(feedbackTable.id, feedbackTable.createdAt, page)))
      .orderBy(asc(feedbackTable.id))
      .limit(page.limit),
  feedback_requests: (db, page) =>
    db
      .select({
        id: feedbackRequests.id,
        at: feedbackRequests.createdAt,
        people: peopleOf(
          feedbackRequests.requesterId,
          feedbackRequests.askedId,
          feedbackRequests.aboutId,
        ),
      })
      .from(feedbackRequests)
      .where(and(...paging(feedbackRequests.id, feedbackRequests.createdAt, page)))
      .orderBy(asc(feedbackRequests.id))
      .limit(page.limit),
  oneonone_notes: (db, page) => notes(db, page, "shared"),
  oneonone_private_notes: (db, page) => notes(db, page, "private"),
  oneonone_agendas: (db, page) => {
    const at = coalesced(oneOnOneTalkingPoints.discussedAt, oneOnOneTalkingPoints.createdAt);
    return db
      .select({
        id: oneOnOneTalkingPoints.id,
        at,
        people: peopleOf(...seriesPeople, oneOnOneTalkingPoints.authorId),
      })
      .from(oneOnOneTalkingPoints)
      .innerJoin(oneOnOneSeries, eq(oneOnOneSeries.id, oneOnOneTalkingPoints.seriesId))
      .where(and(...paging(oneOnOneTalkingPoints.id, at, page)))
      .orderBy(asc(oneOnOneTalkingPoints.id))
      .limit(page.limit);
  },
  commitments: (db, page) => {
    const at = coalesced(commitments.closedAt, commitments.updatedAt);
    return db
      .select({
        id: commitments.id,
        at,
        people: peopleOf(...seriesPeople, commitments.ownerId, commitments.createdById),
      })
      .from(commitments)
      .innerJoin(oneOnOneSeries, eq(oneOnOneSeries.id, commitments.seriesId))
      .where(
        and(inArray(commitments.status, ["done", "dropped"]), ...paging(commitments.id, at, page)),
      )
      .orderBy(asc(commitments.id))
      .limit(page.limit);
  },
  closed_concerns: (db, page) => {
    const at = coalesced(concerns.closedAt, concerns.lastMessageAt);
    return db
      .select({
        id: concerns.id,
        at,
        people: peopleOf(concerns.employeeId, concerns.aboutPersonId),
      })
      .from(concerns)
      .where(and(eq(concerns.status, "closed"), ...paging(concerns.id, at, page)))
      .orderBy(asc(concerns.id))
      .limit(page.limit);
  },
  protected_activities: (db, page) =>
    db
      .select({
        id: protectedActivities.id,
        at: protectedActivities.recordedAt,
        people: peopleOf(protectedActivities.personId),
      })
      .from(protectedActivities)
      .where(and(...paging(protectedActivities.id, protectedActivities.recordedAt, page)))
      .orderBy(asc(protectedActivities.id))
      .limit(page.limit),
  closed_growth_goals: (db, page) =>
    db
      .select({
        id: growthGoals.id,
        at: growthGoals.updatedAt,
        people: peopleOf(growthGoals.personId, growthGoals.createdById),
      })
      .from(growthGoals)
      .where(
        and(
          inArray(growthGoals.status, ["achieved", "dropped"]),
          ...paging(growthGoals.id, growthGoals.updatedAt, page),
        ),
      )
      .orderBy(asc(growthGoals.id))
      .limit(page.limit),
  onboarding_plans: (db, page) =>
    db
      .select({
        id: onboardingPlans.id,
        at: onboardingPlans.updatedAt,
        people: peopleOf(onboardingPlans.personId, onboardingPlans.managerId),
      })
      .from(onboardingPlans)
      .where(and(...paging(onboardingPlans.id, onboardingPlans.updatedAt, page)))
      .orderBy(asc(onboardingPlans.id))
      .limit(page.limit),
  mentoring_sessions: (db, page) => {
    // A day, counted from its start in UTC.
    const at = sql`(${mentoringSessions.heldOn}::timestamp AT TIME ZONE 'UTC')`.mapWith(
      mentoringSessions.createdAt,
    ) as SQL<Date>;
    return db
      .select({
        id: mentoringSessions.id,
        at,
        people: peopleOf(mentorships.mentorId, mentorships.menteeId, mentoringSessions.authorId),
      })
      .from(mentoringSessions)
      .innerJoin(mentorships, eq(mentorships.id, mentoringSessions.mentorshipId))
      .where(and(...paging(mentoringSessions.id, at, page)))
      .orderBy(asc(mentoringSessions.id))
      .limit(page.limit);
  },
  ended_mentorships: (db, page) => {
    const at =
      sql`coalesce(${mentorships.endedAt}, ${mentorships.respondedAt}, ${mentorships.createdAt})`.mapWith(
        mentorships.createdAt,
      ) as SQL<Date>;
    return db
      .select({
        id: mentorships.id,
        at,
        people: peopleOf(mentorships.mentorId, mentorships.menteeId, mentorships.requestedById),
      })
      .from(mentorships)
      .where(
        and(inArray(mentorships.status, [...mentorshipsOver]), ...paging(mentorships.id, at, page)),
      )
      .orderBy(asc(mentorships.id))
      .limit(page.limit);
  },
  guidance_seen: (db, page) => {
    // greatest() skips the marks never set.
    const at =
      sql`greatest(${guidanceSeen.lastShownAt}, ${guidanceSeen.dismissedAt}, ${guidanceSeen.handbookOpenedAt})`.mapWith(
        guidanceSeen.lastShownAt,
      ) as SQL<Date>;
    return db
      .select({ id: guidanceKey, at, people: peopleOf(guidanceSeen.personId) })
      .from(guidanceSeen)
      .where(and(...paging(guidanceKey, at, page)))
      .orderBy(asc(guidanceKey))
      .limit(page.limit);
  },
  notifications: (db, page) =>
    db
      .select({
        id: notifications.id,
        at: notifications.createdAt,
        people: peopleOf(notifications.personId),
      })
      .from(notifications)
      .where(and(...paging(notifications.id, notifications.createdAt, page)))
      .orderBy(asc(notifications.id))
      .limit(page.limit),
  expired_sessions: (db, page) =>
    db
      .select({
        id: sessions.id,
        at: sessions.expiresAt,
        people: peopleOf(sessions.personId),
      })
      .from(sessions)
      .where(and(...paging(sessions.id, sessions.expiresAt, page)))
      .orderBy(asc(sessions.id))
      .limit(page.limit),
  expired_links: (db, page) =>
    db
      .select({
        id: oneTimeTokens.id,
        at: oneTimeTokens.expiresAt,
        people: peopleOf(oneTimeTokens.personId),
      })
      .from(oneTimeTokens)
      .where(and(...paging(oneTimeTokens.id, oneTimeTokens.expiresAt, page)))
      .orderBy(asc(oneTimeTokens.id))
      .limit(page.limit),
  sent_mail: (db, page) => {
    const at = coalesced(mailMessages.sentAt, mailMessages.createdAt);
    // Mail names its recipient by address only: whoever has that address now.
    const recipients = sql<
      string[]
    >`coalesce((SELECT array_agg(${people.id})::text[] FROM ${people} WHERE lower(${people.email}) = lower(${mailMessages.to})), '{}'::text[])`;
    return db
      .select({ id: mailMessages.id, at, people: recipients })
      .from(mailMessages)
      .where(and(...paging(mailMessages.id, at, page)))
      .orderBy(asc(mailMessages.id))
      .limit(page.limit);
  },
  deactivated_people: (db, page) =>
    db
      .select({ id: people.id, at: people.updatedAt, people: peopleOf(people.id) })
      .from(people)
      .where(
        and(
          eq(people.active, false),
          notLike(people.email, `%@${ERASED_EMAIL_DOMAIN}`),
          ...paging(people.id, people.updatedAt, page),
        ),
      )
      .orderBy(asc(people.id))
      .limit(page.limit),
};

function notes(db: DbOrTx, page: Page, visibility: "shared" | "private") {
  return db
    .select({
      id: oneOnOneNotes.id,
      at: oneOnOneMeetings.scheduledAt,
      people: peopleOf(...seriesPeople, oneOnOneNotes.authorId),
    })
    .from(oneOnOneNotes)
    .innerJoin(oneOnOneMeetings, eq(oneOnOneMeetings.id, oneOnOneNotes.meetingId))
    .innerJoin(oneOnOneSeries, eq(oneOnOneSeries.id, oneOnOneMeetings.seriesId))
    .where(
      and(
        eq(oneOnOneNotes.visibility, visibility),
        ...paging(oneOnOneNotes.id, oneOnOneMeetings.scheduledAt, page),
      ),
    )
    .orderBy(asc(oneOnOneNotes.id))
    .limit(page.limit);
}

/** Records of one type whose period started before the cut-off, in id order. */
export function findCandidates(
  db: DbOrTx,
  type: RecordType,
  page: Page,
): Promise<RetentionCandidate[]> {
  return finders[type](db, page);
}

// ---------- erasure ----------

/** Deletes rows by id; their dependent rows go by ON DELETE CASCADE. Returns how many went. */
async function deleteIds(tx: Tx, table: PgTable, id: PgColumn, ids: string[]) {
  const rows = await tx.delete(table).where(inArray(id, ids)).returning({ id });
  return rows.length;
}

/**
 * Conversations about engagement, and their copy in the summary frozen when their plan closed:
 * the summary keeps its counts, not what was said.
 */
async function eraseEngagementTalks(tx: Tx, ids: string[]): Promise<number> {
  const rows = await tx
    .delete(planEngagementTalks)
    .where(inArray(planEngagementTalks.id, ids))
    .returning({ planId: planEngagementTalks.planId });
  const planIds = [...new Set(rows.map((r) => r.planId))];
  if (planIds.length)
    await tx
      .update(plans)
      .set({
        engagementSummary: sql`jsonb_set(${plans.engagementSummary}, '{talks}', coalesce(
          (SELECT jsonb_agg(t) FROM jsonb_array_elements(${plans.engagementSummary}->'talks') t
            WHERE NOT ((t->>'id') = ANY(${sql`ARRAY[${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )}]::text[]`}))),
          '[]'::jsonb))`,
      })
      .where(
        and(
          inArray(plans.id, planIds),
          sql`jsonb_typeof(${plans.engagementSummary}->'talks') = 'array'`,
        ),
      );
  return rows.length;
}

async function eraseGuidanceSeen(tx: Tx, ids: string[]): Promise<number> {
  const rows = await tx
    .delete(guidanceSeen)
    .where(inArray(guidanceKey, ids))
    .returning({ personId: guidanceSeen.personId });
  return rows.length;
}

/**
 * A deactivated person kept as a row (plans, feedback and 1:1s point at it) with every personal
 * field blanked, and everything that let them sign in or that was about them alone removed.
 */
async function anonymisePeople(tx: Tx, ids: string[], now: Date): Promise<number> {
  const done: string[] = [];
  for (const id of ids) {
    const [row] = await tx
      .update(people)
      .set({
        name: `Former employee ${id.slice(0, 8)}`,
        email: `${id}@${ERASED_EMAIL_DOMAIN}`,
        employeeId: null,
        externalId: null,
        title: "",
        location: "",
        hireDate: null,
        demographics: {},
        roles: [],
        hrScopeAll: false,
        hrScopeDepartments: [],
        updatedAt: now,
        version: sql`${people.version} + 1`,
      })
      // Re-checked here: someone reactivated meanwhile is not anonymised.
      .where(and(eq(people.id, id), eq(people.active, false)))
      .returning({ id: people.id });
    if (row) done.push(row.id);
  }
  if (!done.length) return 0;
  await tx.delete(credentials).where(inArray(credentials.personId, done));
  await tx.delete(totpRecoveryCodes).where(inArray(totpRecoveryCodes.personId, done));
  await tx.delete(sessions).where(inArray(sessions.personId, done));
  await tx.delete(apiTokens).where(inArray(apiTokens.personId, done));
  await tx.delete(oneTimeTokens).where(inArray(oneTimeTokens.personId, done));
  await tx.delete(personIdentities).where(inArray(personIdentities.personId, done));
  await tx.delete(calendarFeeds).where(inArray(calendarFeeds.personId, done));
  await tx.delete(scimGroupMembers).where(inArray(scimGroupMembers.personId, done));
  // What the identity provider said of them: their user name and name parts.
  await tx.delete(scimUsers).where(inArray(scimUsers.personId, done));
  await tx.delete(scimRoleGrants).where(inArray(scimRoleGrants.personId, done));
  await tx.delete(profileEntries).where(inArray(profileEntries.personId, done));
  await tx.delete(notifications).where(inArray(notifications.personId, done));
  // What they offered as a mentor, and which guidance they were shown.
  await tx.delete(mentorProfiles).where(inArray(mentorProfiles.personId, done));
  await tx.delete(guidanceSeen).where(inArray(guidanceSeen.personId, done));
  await tx
    .update(authSettings)
    .set({ breakGlassPersonId: null })
    .where(inArray(authSettings.breakGlassPersonId, done));
  return done.length;
}

/** Erases records of one type by id. Returns how many were erased. */
export async function eraseRecords(
  tx: Tx,
  type: RecordType,
  ids: string[],
  now: Date,
): Promise<number> {
  if (!ids.length) return 0;
  switch (type) {
    case "engagement_talks":
      return eraseEngagementTalks(tx, ids);
    case "closed_plans":
      return deleteIds(tx, plans, plans.id, ids);
    case "documented_discussions":
      return deleteIds(tx, documentedDiscussions, documentedDiscussions.id, ids);
    case "diagnoses":
      return deleteIds(tx, diagnoses, diagnoses.id, ids);
    case "feedback":
      return deleteIds(tx, feedbackTable, feedbackTable.id, ids);
    case "feedback_requests":
      return deleteIds(tx, feedbackRequests, feedbackRequests.id, ids);
    case "oneonone_notes":
    case "oneonone_private_notes":
      return deleteIds(tx, oneOnOneNotes, oneOnOneNotes.id, ids);
    case "oneonone_agendas":
      return deleteIds(tx, oneOnOneTalkingPoints, oneOnOneTalkingPoints.id, ids);
    case "commitments":
      return deleteIds(tx, commitments, commitments.id, ids);
    case "closed_concerns":
      return deleteIds(tx, concerns, concerns.id, ids);
    case "protected_activities":
      return deleteIds(tx, protectedActivities, protectedActivities.id, ids);
    case "closed_growth_goals":
      return deleteIds(tx, growthGoals, growthGoals.id, ids);
    case "onboarding_plans":
      return deleteIds(tx, onboardingPlans, onboardingPlans.id, ids);
    case "mentoring_sessions":
      return deleteIds(tx, mentoringSessions, mentoringSessions.id, ids);
    case "ended_mentorships":
      return deleteIds(tx, mentorships, mentorships.id, ids);
    case "notifications":
      return deleteIds(tx, notifications, notifications.id, ids);
    case "guidance_seen":
      return eraseGuidanceSeen(tx, ids);
    case "expired_sessions":
      return deleteIds(tx, sessions, sessions.id, ids);
    case "expired_links":
      return deleteIds(tx, oneTimeTokens, oneTimeTokens.id, ids);
    case "sent_mail":
      return deleteIds(tx, mailMessages, mailMessages.id, ids);
    case "deactivated_people":
      return anonymisePeople(tx, ids, now);
  }
}
