import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { can, hrCovers } from "../../access/access.policy.js";
import type { PlanResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
import { notifications } from "../notify/notify.table.js";
import { findPeopleByIds } from "../org/org.repository.js";
import { people } from "../org/org.table.js";
import { auditEvents } from "../record/record.table.js";
import {
  dayOf,
  type EngagementCode,
  type EngagementFacts,
  type EngagementLedger,
  type EngagementSignal,
  engagementCodes,
  engagementLedger,
  engagementSignals,
  longDate,
  type SupportLedger,
  signalStatuses,
  supportLedger,
  talkSignals,
} from "./plans.engagement.rules.js";
import { isoDay, loadPlanFor, planLink } from "./plans.participation.service.js";
import { findReportingLines } from "./plans.repository.js";
import { sealStateOf } from "./plans.rules.js";
import { loadPlanForReading } from "./plans.sealing.service.js";
import {
  planAchievements,
  planActionItems,
  planCheckinResources,
  planCheckins,
  planEngagementTalks,
  planEvidence,
  planGoals,
  planResources,
  planResponses,
  plans,
  planThreadMessages,
  planThreads,
  planVersions,
} from "./plans.table.js";

// When someone won't engage: the signals on a running plan, the record side by side (support
// offered and delivered | engagement), the conversations the manager records, HR's list of plans
// with signals, the daily check that prompts the manager to talk first, and the summary frozen at
// close. Audit data holds ids and codes, never what was said.

type PlanRow = typeof plans.$inferSelect;
type Who = { id: string; name: string };

export type EngagementTalk = {
  id: string;
  heldOn: string;
  summary: string;
  signals: { code: EngagementCode; title: string }[];
  author: Who;
  createdAt: string;
};

/** The record at close: what was offered and delivered beside the engagement, frozen. */
export type EngagementSummary = {
  frozenAt: string;
  signals: EngagementSignal[];
  support: SupportLedger;
  engagement: EngagementLedger;
  talks: EngagementTalk[];
};

// ---------- the facts, for one plan or many ----------

/**
 * Everything the engagement rules read, for many plans in a fixed number of queries (the HR list
 * and the daily check read every running plan at once).
 */
export async function loadEngagementFacts(
  db: DbOrTx,
  rows: Pick<PlanRow, "id" | "status" | "employeeId" | "startDate" | "issuedVersion">[],
): Promise<Map<string, EngagementFacts>> {
  const ids = rows.map((r) => r.id);
  const out = new Map<string, EngagementFacts>();
  if (ids.length === 0) return out;

  // One after the other: inside the close transaction they share one connection.
  const versions = await db
    .select({
      planId: planVersions.planId,
      number: planVersions.number,
      createdAt: planVersions.createdAt,
      acknowledgedAt: planVersions.acknowledgedAt,
      // Only the resource ids the version showed: when each was first offered.
      resourceIds: sql<
        string[] | null
      >`jsonb_path_query_array(${planVersions.snapshot}, '$.goals[*].resources[*].id')`,
    })
    .from(planVersions)
    .where(inArray(planVersions.planId, ids))
    .orderBy(asc(planVersions.number));
  const checkins = await db
    .select({
      id: planCheckins.id,
      planId: planCheckins.planId,
      scheduledOn: planCheckins.scheduledOn,
      status: planCheckins.status,
      heldOn: planCheckins.heldOn,
      confidence: planCheckins.confidence,
      employeeNotes: planCheckins.employeeNotes,
    })
    .from(planCheckins)
    .where(inArray(planCheckins.planId, ids))
    .orderBy(asc(planCheckins.scheduledOn));
  const delivered = await db
    .select({
      planId: planCheckins.planId,
      checkinId: planCheckinResources.checkinId,
      resourceId: planCheckinResources.resourceId,
      delivered: planCheckinResources.delivered,
    })
    .from(planCheckinResources)
    .innerJoin(planCheckins, eq(planCheckins.id, planCheckinResources.checkinId))
    .where(inArray(planCheckins.planId, ids));
  const items = await db
    .select({
      planId: planActionItems.planId,
      createdAt: planActionItems.createdAt,
      doneAt: planActionItems.doneAt,
    })
    .from(planActionItems)
    .where(inArray(planActionItems.planId, ids));
  const evidence = await db
    .select({ planId: planEvidence.planId, answer: planEvidence.answer })
    .from(planEvidence)
    .where(inArray(planEvidence.planId, ids));
  const responses = await db
    .select({
      planId: planResponses.planId,
      authorId: planResponses.authorId,
      createdAt: planResponses.createdAt,
    })
    .from(planResponses)
    .where(inArray(planResponses.planId, ids));
  const achievements = await db
    .select({ planId: planAchievements.planId, n: sql<number>`count(*)::int` })
    .from(planAchievements)
    .where(inArray(planAchievements.planId, ids))
    .groupBy(planAchievements.planId);
  const threads = await db
    .select()
    .from(planThreads)
    .where(inArray(planThreads.planId, ids))
    .orderBy(asc(planThreads.createdAt), asc(planThreads.id));
  const messages = await db
    .select({
      threadId: planThreadMessages.threadId,
      authorId: planThreadMessages.authorId,
      createdAt: planThreadMessages.createdAt,
    })
    .from(planThreadMessages)
    .innerJoin(planThreads, eq(planThreads.id, planThreadMessages.threadId))
    .where(inArray(planThreads.planId, ids))
    .orderBy(asc(planThreadMessages.createdAt), asc(planThreadMessages.id));
  const resources = await db
    .select({ r: planResources, planId: planGoals.planId })
    .from(planResources)
    .innerJoin(planGoals, eq(planGoals.id, planResources.goalId))
    .where(inArray(planGoals.planId, ids))
    .orderBy(asc(planResources.description), asc(planResources.id));
  const goals = await db
    .select({ id: planGoals.id, planId: planGoals.planId })
    .from(planGoals)
    .where(inArray(planGoals.planId, ids))
    .orderBy(asc(planGoals.position), asc(planGoals.id));
  // Resources added after issue (an accepted request, a catalogue pick) are in no version: the
  // first audit event naming one says when it was offered; an accepted request names its thread.
  const mentions = await db
    .select({
      planId: auditEvents.subjectId,
      action: auditEvents.action,
      resourceId: sql<string>`${auditEvents.data}->>'resourceId'`,
      threadId: sql<string | null>`${auditEvents.data}->>'threadId'`,
      at: auditEvents.at,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "plan"),
        inArray(auditEvents.subjectId, ids),
        isNotNull(sql`${auditEvents.data}->>'resourceId'`),
      ),
    )
    .orderBy(asc(auditEvents.seq));
  const talks = await db
    .select({
      planId: planEngagementTalks.planId,
      heldOn: planEngagementTalks.heldOn,
      signals: planEngagementTalks.signals,
    })
    .from(planEngagementTalks)
    .where(inArray(planEngagementTalks.planId, ids));

  const mentorIds = [...new Set(resources.flatMap((r) => (r.r.mentorId ? [r.r.mentorId] : [])))];
  const mentorNames = new Map(
    (await findPeopleByIds(db, mentorIds)).map((p) => [p.id, p.name] as const),
  );
  const goalNumber = new Map<string, number>();
  const perPlan = new Map<string, number>();
  for (const g of goals) {
    const n = (perPlan.get(g.planId) ?? 0) + 1;
    perPlan.set(g.planId, n);
    goalNumber.set(g.id, n);
  }
  const firstShown = new Map<string, Date>();
  for (const v of versions)
    for (const id of v.resourceIds ?? []) if (!firstShown.has(id)) firstShown.set(id, v.createdAt);
  const firstMentioned = new Map<string, Date>();
  const acceptedThreads = new Set<string>();
  for (const m of mentions) {
    if (!firstMentioned.has(m.resourceId)) firstMentioned.set(m.resourceId, m.at);
    if (m.action === "plan.support_accepted" && m.threadId) acceptedThreads.add(m.threadId);
  }
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  /** Rows by plan (or thread), so many plans cost one pass over each list. */
  const byKey = <T>(list: T[], key: (x: T) => string | null) => {
    const map = new Map<string, T[]>();
    for (const x of list) {
      const k = key(x);
      if (k === null) continue;
      const group = map.get(k);
      if (group) group.push(x);
      else map.set(k, [x]);
    }
    return (id: string) => map.get(id) ?? [];
  };
  const versionsOf = byKey(versions, (x) => x.planId);
  const checkinsOf = byKey(checkins, (x) => x.planId);
  const deliveredOf = byKey(delivered, (x) => x.planId);
  const itemsOf = byKey(items, (x) => x.planId);
  const evidenceOf = byKey(evidence, (x) => x.planId);
  const responsesOf = byKey(responses, (x) => x.planId);
  const threadsOf = byKey(threads, (x) => x.planId);
  const messagesOf = byKey(messages, (x) => x.threadId);
  const resourcesOf = byKey(resources, (x) => x.planId);
  const talksOf = byKey(talks, (x) => x.planId);
  const achievementsOf = new Map(achievements.map((a) => [a.planId, a.n]));

  for (const row of rows) {
    out.set(row.id, {
      status: row.status,
      employeeId: row.employeeId,
      startDate: row.startDate,
      issuedVersion: row.issuedVersion,
      versions: versionsOf(row.id).map((v) => ({
        number: v.number,
        createdAt: v.createdAt.toISOString(),
        acknowledgedAt: iso(v.acknowledgedAt),
      })),
      checkins: checkinsOf(row.id).map((c) => ({
        id: c.id,
        scheduledOn: c.scheduledOn,
        status: c.status,
        heldOn: c.heldOn,
        employeePart: c.confidence !== null || c.employeeNotes.trim() !== "",
      })),
      checkinResources: deliveredOf(row.id).map((d) => ({
        checkinId: d.checkinId,
        resourceId: d.resourceId,
        delivered: d.delivered,
      })),
      actionItems: itemsOf(row.id).map((i) => ({
        createdAt: i.createdAt.toISOString(),
        done: i.doneAt !== null,
      })),
      evidence: evidenceOf(row.id).map((e) => ({ answered: e.answer !== null })),
      responses: responsesOf(row.id).map((r) => ({
        authorId: r.authorId,
        createdAt: r.createdAt.toISOString(),
      })),
      achievements: achievementsOf.get(row.id) ?? 0,
      threads: threadsOf(row.id).map((t) => ({
        id: t.id,
        kind: t.kind,
        status: t.status,
        createdById: t.createdById,
        createdAt: t.createdAt.toISOString(),
        accepted: acceptedThreads.has(t.id),
        messages: messagesOf(t.id).map((m) => ({
          authorId: m.authorId,
          createdAt: m.createdAt.toISOString(),
        })),
      })),
      resources: resourcesOf(row.id).map(({ r }) => ({
        id: r.id,
        goalId: r.goalId,
        goalNumber: goalNumber.get(r.goalId) ?? 0,
        kind: r.kind,
        description: r.description,
        mentorName: r.mentorId ? (mentorNames.get(r.mentorId) ?? null) : null,
        status: r.status,
        requestedByEmployee: r.requestedByEmployee,
        offeredAt: iso(firstShown.get(r.id) ?? firstMentioned.get(r.id) ?? null),
      })),
      talks: talksOf(row.id).map((t) => ({ heldOn: t.heldOn, signals: t.signals })),
    });
  }
  return out;
}

async function findTalks(db: DbOrTx, planId: string): Promise<EngagementTalk[]> {
  const rows = await db
    .select({ t: planEngagementTalks, authorName: people.name })
    .from(planEngagementTalks)
    .innerJoin(people, eq(people.id, planEngagementTalks.authorId))
    .where(eq(planEngagementTalks.planId, planId))
    .orderBy(asc(planEngagementTalks.heldOn), asc(planEngagementTalks.createdAt));
  return rows.map(({ t, authorName }) => talkView(t, authorName));
}

function talkView(t: typeof planEngagementTalks.$inferSelect, authorName: string): EngagementTalk {
  return {
    id: t.id,
    heldOn: t.heldOn,
    summary: t.summary,
    signals: talkSignals(t.signals).map((code) => ({ code, title: engagementCodes[code].title })),
    author: { id: t.authorId, name: authorName },
    createdAt: t.createdAt.toISOString(),
  };
}

// ---------- the plan's record ----------

/**
 * The signals, the two ledgers and the conversations, for anyone who sees the plan (the employee
 * included: it is the record both sides trust). A closed plan also has its summary frozen at close.
 */
export async function getPlanEngagement(
  deps: Deps,
  { actor, planId }: { actor: PersonActor; planId: string },
) {
  const db = deps.database.db;
  const now = deps.clock();
  // A sealed plan's every read is on its record (plans.sealing); this one is part of taking part.
  const { plan, resource } = await loadPlanForReading(deps, {
    actor,
    id: planId,
    what: "participation",
  });
  if (!can(actor, "plan.view_engagement", resource)) throw notFound("plan");
  const facts = (await loadEngagementFacts(db, [plan])).get(plan.id)!;
  // After close the ledger stands as it was then: an unanswered version stops counting days.
  const asOf = plan.closedAt ?? now;
  return {
    signals: engagementSignals(facts, now),
    support: supportLedger(facts),
    engagement: engagementLedger(facts, asOf),
    talks: await findTalks(db, plan.id),
    abilities: { recordTalk: can(actor, "plan.record_engagement_talk", resource) },
    summary: (plan.engagementSummary as EngagementSummary | null) ?? null,
  };
}

export type PlanEngagement = Awaited<ReturnType<typeof getPlanEngagement>>;

/**
 * The summary stored when the plan closes (called inside the close transition, before the status
 * changes): the signals as they stood, both ledgers and every conversation recorded.
 */
export async function engagementSummaryOf(
  db: DbOrTx,
  plan: PlanRow,
  now: Date,
): Promise<EngagementSummary> {
  const facts = (await loadEngagementFacts(db, [plan])).get(plan.id)!;
  return {
    frozenAt: now.toISOString(),
    signals: engagementSignals(facts, now),
    support: supportLedger(facts),
    engagement: engagementLedger(facts, now),
    talks: await findTalks(db, plan.id),
  };
}

/** The frozen summary of a plan the caller has already authorized (the PDF). */
export async function findEngagementSummary(
  db: DbOrTx,
  planId: string,
): Promise<EngagementSummary | null> {
  const [row] = await db
    .select({ summary: plans.engagementSummary })
    .from(plans)
    .where(eq(plans.id, planId));
  return (row?.summary as EngagementSummary | null) ?? null;
}

// ---------- recording a conversation ----------

export async function recordEngagementTalk(
  deps: Deps,
  {
    actor,
    planId,
    heldOn,
    summary,
    signals,
  }: {
    actor: PersonActor;
    planId: string;
    heldOn: string;
    summary: string;
    signals: readonly string[];
  },
): Promise<EngagementTalk> {
  return write(deps, async (w) => {
    const { plan, resource } = await loadPlanFor(w.tx, {
      planId,
      actor,
      action: "plan.view",
      lock: true,
      now: w.now,
    });
    if (!can(actor, "plan.record_engagement_talk", resource)) {
      if (can(actor, "plan.record_engagement_talk", { ...resource, status: "active" }))
        throw new AppError(
          "plan.not_running",
          plan.status === "closed"
            ? "This plan is closed: its record can be read but no longer changed."
            : "This plan is not running yet: a conversation can be recorded once it has been issued.",
          { status: plan.status },
        );
      throw new AppError(
        "plan.forbidden",
        "Only the plan's manager or HR can record a conversation about engagement. Nothing was saved.",
      );
    }
    const today = isoDay(w.now);
    if (heldOn > today) throw invalid("heldOn", "The conversation's date cannot be in the future.");
    const [first] = await w.tx
      .select({ createdAt: planVersions.createdAt })
      .from(planVersions)
      .where(and(eq(planVersions.planId, plan.id), eq(planVersions.number, 1)));
    const issuedOn = first ? dayOf(first.createdAt) : null;
    if (issuedOn && heldOn < issuedOn)
      throw invalid(
        "heldOn",
        `Choose a date on or after the plan was issued (${longDate(issuedOn)}).`,
      );
    const codes = talkSignals(signals);
    const [row] = await w.tx
      .insert(planEngagementTalks)
      .values({
        planId: plan.id,
        authorId: actor.personId,
        heldOn,
        summary,
        signals: codes,
        createdAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "plan.engagement_talk_recorded",
      subjectType: "plan",
      subjectId: plan.id,
      data: { talkId: row!.id, signals: codes },
      change: { heldOn, summary, signals: codes },
    });
    await notify(deps, w, {
      personIds: plan.employeeId === actor.personId ? [] : [plan.employeeId],
      kind: "plan.engagement_talk_recorded",
      title: "A conversation about your success plan was recorded",
      body: `${actor.name} recorded your conversation of ${longDate(heldOn)} on your plan. You can read it there, and respond if you see it differently.`,
      link: planLink(plan.id),
      subjectType: "plan",
      subjectId: plan.id,
    });
    if (plan.managerId !== actor.personId)
      await notify(deps, w, {
        personIds: [plan.managerId],
        kind: "plan.engagement_talk_recorded",
        title: "A conversation about a success plan was recorded",
        body: `${actor.name} recorded a conversation of ${longDate(heldOn)} on the plan.`,
        link: planLink(plan.id),
        subjectType: "plan",
        subjectId: plan.id,
      });
    return talkView(row!, actor.name);
  });
}

function invalid(path: string, message: string): AppError {
  return new AppError("validation.failed", message, [{ path, message }]);
}

// ---------- HR: plans with signals ----------

const manager = alias(people, "engagement_manager");

/** Running plans with their people, for the HR list and the daily check. */
async function findRunningPlans(db: DbOrTx) {
  return db
    .select({
      plan: plans,
      employee: { id: people.id, name: people.name, department: people.department },
      manager: { id: manager.id, name: manager.name, active: manager.active },
    })
    .from(plans)
    .innerJoin(people, eq(people.id, plans.employeeId))
    .innerJoin(manager, eq(manager.id, plans.managerId))
    .where(inArray(plans.status, [...signalStatuses]))
    .orderBy(asc(people.name), asc(plans.id));
}

/** HR's list: running plans in their scope that have engagement signals now, oldest first. */
export async function listEngagementSignals(deps: Deps, { actor }: { actor: PersonActor }) {
  if (!can(actor, "plan.view_queue", { type: "org" }))
    throw new AppError(
      "engagement.forbidden",
      "Only HR partners see engagement signals across plans.",
    );
  const db = deps.database.db;
  const now = deps.clock();
  const rows = (await findRunningPlans(db)).filter(
    (r) => r.plan.employeeId !== actor.personId && hrCovers(actor, r.employee.department),
  );
  const lines = new Map((await findReportingLines(db)).map((p) => [p.id, p.managerId]));
  const chainOf = (id: string) => {
    const chain: string[] = [];
    for (
      let next = lines.get(id) ?? null;
      next && !chain.includes(next);
      next = lines.get(next) ?? null
    )
      chain.push(next);
    return chain;
  };
  const visible = rows.filter((r) => {
    const resource: PlanResource = {
      type: "plan",
      employeeId: r.plan.employeeId,
      managerId: r.plan.managerId,
      hrPartnerId: r.plan.hrPartnerId,
      employeeDepartment: r.employee.department,
      employeeManagerChain: chainOf(r.plan.employeeId),
      status: r.plan.status,
      everIssued: r.plan.issuedVersion > 0,
      ...sealStateOf(r.plan, now),
    };
    return can(actor, "plan.view_engagement", resource);
  });
  const facts = await loadEngagementFacts(
    db,
    visible.map((r) => r.plan),
  );
  const items = visible.flatMap((r) => {
    const signals = engagementSignals(facts.get(r.plan.id)!, now);
    if (signals.length === 0) return [];
    return [
      {
        plan: { id: r.plan.id, status: r.plan.status },
        employee: r.employee,
        manager: { id: r.manager.id, name: r.manager.name },
        signals: signals.map((s) => ({
          code: s.code,
          title: s.title,
          detail: s.detail,
          since: s.since,
          talkedOn: s.talkedOn,
        })),
        since: signals.map((s) => s.since).sort()[0]!,
      },
    ];
  });
  items.sort(
    (a, b) => a.since.localeCompare(b.since) || a.employee.name.localeCompare(b.employee.name),
  );
  return { items };
}

// ---------- the daily check ----------

const SYSTEM = { kind: "system", label: "reminders" } as const;

/** One notification per signal, plan and person, ever. */
export const engagementDedupeKey = (planId: string, code: string) => `engagement:${planId}:${code}`;

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Part of the reminders pass: each new signal on a running plan prompts its manager to talk first
 * and tells the plan's HR partner (or, without one, HR in scope), once per signal and plan. Safe
 * to run often and on several instances: notifications are deduplicated per person by their key.
 */
export async function runEngagementCheck(deps: Deps): Promise<{ raised: number }> {
  const db = deps.database.db;
  const now = deps.clock();
  const rows = await findRunningPlans(db);
  if (rows.length === 0) return { raised: 0 };
  const facts = await loadEngagementFacts(
    db,
    rows.map((r) => r.plan),
  );
  const hrPeople = await db
    .select()
    .from(people)
    .where(and(eq(people.active, true), sql`'hr' = ANY(${people.roles})`));

  type Notice = {
    row: (typeof rows)[number];
    signal: EngagementSignal;
    key: string;
    hr: string[];
  };
  const notices: Notice[] = [];
  for (const row of rows) {
    const { plan } = row;
    const signals = engagementSignals(facts.get(plan.id)!, now);
    if (signals.length === 0) continue;
    // The plan's HR partner; without one (or no longer active in HR), HR in scope.
    const inScope = hrPeople.filter(
      (p) =>
        (p.hrScopeAll || p.hrScopeDepartments.includes(row.employee.department)) &&
        p.id !== plan.employeeId &&
        p.id !== plan.managerId,
    );
    const partner = hrPeople.find(
      (p) => p.id === plan.hrPartnerId && p.id !== plan.employeeId && p.id !== plan.managerId,
    );
    const hr = (partner ? [partner] : inScope).map((p) => p.id);
    for (const signal of signals)
      notices.push({ row, signal, key: engagementDedupeKey(plan.id, signal.code), hr });
  }
  if (notices.length === 0) return { raised: 0 };

  // Skip what went out before without writing anything: most passes find nothing new.
  const sent = await db
    .select({ personId: notifications.personId, key: notifications.dedupeKey })
    .from(notifications)
    .where(
      inArray(
        notifications.dedupeKey,
        notices.map((n) => n.key),
      ),
    );
  const told = new Set(sent.map((s) => `${s.personId}|${s.key}`));
  let raised = 0;
  for (const n of notices) {
    const managerDue = n.row.manager.active && !told.has(`${n.row.plan.managerId}|${n.key}`);
    const hrDue = n.hr.filter((id) => !told.has(`${id}|${n.key}`));
    if (!managerDue && hrDue.length === 0) continue;
    // Another instance may have told them a moment ago: then nothing was written, and the
    // transaction is rolled back rather than recorded.
    const notified = await write(deps, async (w) => {
      const count = await raiseSignal(deps, w, n.row, n.signal, n.key, hrDue);
      if (count === 0) throw alreadyTold;
      return count;
    }).catch((err) => {
      if (err === alreadyTold) return 0;
      throw err;
    });
    if (notified > 0) raised++;
  }
  return { raised };
}

const alreadyTold = new Error("already told");

async function raiseSignal(
  deps: Deps,
  w: Write,
  row: Awaited<ReturnType<typeof findRunningPlans>>[number],
  signal: EngagementSignal,
  key: string,
  hr: string[],
): Promise<number> {
  const { plan, employee } = row;
  const common = {
    kind: "plan.engagement_signal",
    link: planLink(plan.id),
    subjectType: "plan",
    subjectId: plan.id,
    dedupeKey: key,
  };
  const toManager = await notify(deps, w, {
    ...common,
    personIds: row.manager.active ? [plan.managerId] : [],
    title: `Talk with ${employee.name} first: ${lowerFirst(signal.title)}`,
    body: `${signal.detail}\n\nBefore anything else, talk with ${firstName(employee.name)}: ask what is getting in the way, and listen. The plan page suggests how to open the conversation, and lets you record it.`,
  });
  const toHr = await notify(deps, w, {
    ...common,
    personIds: hr,
    title: `Engagement signal on ${employee.name}'s success plan: ${lowerFirst(signal.title)}`,
    body: `${signal.detail}\n\n${row.manager.name} has been asked to talk with ${firstName(employee.name)} first. A conversation they record appears on the plan.`,
  });
  const notified = toManager.length + toHr.length;
  if (notified > 0)
    await w.audit({
      actor: SYSTEM,
      action: "plan.engagement_signal_raised",
      subjectType: "plan",
      subjectId: plan.id,
      data: { code: signal.code, since: signal.since, notified },
    });
  return notified;
}
