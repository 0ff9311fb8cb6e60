import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { abilitiesFor, can, hrCovers } from "../../access/access.policy.js";
import type { PlanResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx, Tx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { findResourceLinks } from "../catalogue/catalogue.attach.repository.js";
import { type Keyring, keyringFor } from "../keys/keys.service.js";
import { notify } from "../notify/notify.service.js";
import {
  findHrCovering,
  findManagerChain,
  findPeopleByIds,
  findPersonById,
} from "../org/org.repository.js";
import { recordView } from "../record/record.views.js";
import {
  assertChangeAddsNoBlocker,
  assertReviewClear,
  evaluatePlan,
  seesHrFindings,
} from "../review/review.evaluate.js";
import { findOverrides, findPriorNotice } from "../review/review.repository.js";
import { reviewCodes } from "../review/review.rules.js";
import { describeChanges, type PlanSnapshot } from "./plans.diff.js";
import { engagementSummaryOf } from "./plans.engagement.service.js";
import {
  planResourceOf,
  readParticipation,
  scheduleCheckins,
} from "./plans.participation.service.js";
import {
  findLatestVersionNumber,
  findOpenPlanForEmployee,
  findOwnPrivateNotes,
  findPlanById,
  findPlanDocument,
  findPlanForUpdate,
  findPlanSummaries,
  findReportingLines,
  findReviews,
  findUnacknowledgedVersions,
  findVersion,
  findVersions,
  type PlanDocumentRows,
  type PlanRow,
} from "./plans.repository.js";
import {
  allowedActions,
  completenessProblems,
  type DraftForCheck,
  draftStatuses,
  employeeVisibleStatuses,
  goalProblems,
  nextStatus,
  type PlanProblem,
  scheduleProblems,
  sealStateOf,
  versionedStatuses,
} from "./plans.rules.js";
import type { CarryOnGoal } from "./plans.sealing.rules.js";
import {
  assertCarryOnInput,
  hiddenPlan,
  loadPlanForReading,
  type SealedRead,
  sealOnClose,
  withSealedRefusals,
} from "./plans.sealing.service.js";
import {
  planCauses,
  planEvidence,
  planGoals,
  planMilestones,
  planPrivateNotes,
  planResources,
  planReviews,
  plans,
  planVersions,
} from "./plans.table.js";
import {
  type CauseKind,
  labels,
  type Outcome,
  type PlanAction,
  type PlanStatus,
  type ResourceKind,
  type ResourceStatus,
} from "./plans.types.js";

// Success plans: drafting, HR review, issue, versions after issue, the lifecycle, private notes.
// Every use case: load → authorize (a plan the actor may not see is a 404) → rules → write + audit.

/** Every plan action can() answers, sent to the UI as `abilities`. */
export const planAbilities = [
  "plan.view",
  "plan.edit",
  "plan.submit",
  "plan.review",
  "plan.issue",
  "plan.acknowledge",
  "plan.respond",
  "plan.answer_thread",
  "plan.record_checkin",
  "plan.manage",
  "plan.private_note",
  "plan.view_review",
  "plan.override_finding",
] as const;

/** Statuses in which a plan is running and a new version can wait for acknowledgement. */
const runningStatuses: readonly PlanStatus[] = ["active", "paused", "extended"];

// ---------- loading and authorizing ----------

/**
 * The plan if the actor may see it at `now` (a sealed plan's manager access runs out); a missing
 * and a hidden plan get the same 404. Reads that are recorded go through loadPlanForReading.
 */
async function loadVisiblePlan(db: DbOrTx, actor: PersonActor, id: string, now: Date) {
  const plan = await findPlanById(db, id);
  if (!plan) throw notFound("plan");
  const resource = await planResourceOf(db, plan, now);
  if (!can(actor, "plan.view", resource)) throw notFound("plan");
  return { plan, resource };
}

/**
 * The same, locked for writing until the transaction ends. A sealed plan refused to someone who
 * would have seen it unsealed is recorded by withSealedRefusals, after the rollback.
 */
async function lockVisiblePlan(tx: Tx, actor: PersonActor, id: string, now: Date) {
  const plan = await findPlanForUpdate(tx, id);
  if (!plan) throw notFound("plan");
  const resource = await planResourceOf(tx, plan, now);
  if (!can(actor, "plan.view", resource)) throw hiddenPlan(actor, plan, resource);
  return { plan, resource };
}

function checkVersion(plan: PlanRow, version: number) {
  if (plan.version !== version)
    throw new AppError(
      "plan.conflict",
      "Someone changed this plan since you opened it. Nothing was saved: the current plan is attached — review their change and make yours again.",
      { currentVersion: plan.version },
    );
}

/** A stale write answers 409 with the plan as it now stands, as the actor may see it. */
async function withCurrentPlan<T>(
  deps: Deps,
  actor: PersonActor,
  id: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await withSealedRefusals(deps, actor, fn);
  } catch (err) {
    if (err instanceof AppError && err.code === "plan.conflict") {
      const current = await readPlanDetail(deps, { actor, id }).catch(() => null);
      throw new AppError(err.code, err.message, {
        ...(err.details as Record<string, unknown>),
        plan: current,
      });
    }
    throw err;
  }
}

const invalid = (problems: PlanProblem[], message = "Some fields are invalid; see details.") =>
  new AppError("validation.failed", message, problems);

/** Who may take a lifecycle action (the lifecycle itself decides when). */
function mayTake(actor: PersonActor, resource: PlanResource, action: PlanAction): boolean {
  switch (action) {
    case "submit":
    case "reopen":
      return can(actor, "plan.submit", resource);
    case "approve":
    case "request_changes":
      return can(actor, "plan.review", resource);
    case "issue":
      return can(actor, "plan.issue", resource);
    case "acknowledge":
      return can(actor, "plan.acknowledge", resource);
    default:
      return can(actor, "plan.manage", resource);
  }
}

const whoMay: Record<PlanAction, string> = {
  submit: "Only the plan's manager can submit it for HR review.",
  reopen: "Only the plan's manager can take it back into draft.",
  approve: "Only an HR partner covering the employee's department can approve the plan.",
  request_changes:
    "Only an HR partner covering the employee's department can send the plan back for changes.",
  issue: "Only the plan's manager or HR can issue the plan.",
  acknowledge: "Only the employee the plan is about can acknowledge it.",
  start: "Only the plan's manager or HR can start the plan.",
  pause: "Only the plan's manager or HR can pause the plan.",
  resume: "Only the plan's manager or HR can resume the plan.",
  extend: "Only the plan's manager or HR can extend the plan.",
  close: "Only the plan's manager or HR can close the plan.",
};

/** Lifecycle moves open now; a running plan with an unacknowledged version also allows acknowledge. */
function lifecycleActions(plan: PlanRow, pending: boolean): PlanAction[] {
  const list = allowedActions(plan.status);
  if (pending && runningStatuses.includes(plan.status) && !list.includes("acknowledge"))
    list.push("acknowledge");
  return list;
}

async function isPending(db: DbOrTx, plan: PlanRow): Promise<boolean> {
  if (plan.issuedVersion === 0 || plan.status === "closed") return false;
  const version = await findVersion(db, plan.id, plan.issuedVersion);
  return !!version && version.acknowledgedAt === null;
}

// ---------- presenting ----------

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function forCheck(plan: PlanRow, doc: PlanDocumentRows): DraftForCheck {
  return {
    standard: plan.standard,
    startDate: plan.startDate,
    endDate: plan.endDate,
    cadenceDays: plan.cadenceDays,
    goodFaith: plan.goodFaith,
    evidence: doc.evidence.map((e) => ({ id: e.id, title: e.title })),
    causes: doc.causes.map((c) => ({ cause: c.cause })),
    goals: doc.goals.map((g) => ({
      id: g.id,
      description: g.description,
      metric: g.metric,
      direction: g.direction,
      baseline: g.baseline,
      target: g.target,
      dueDate: g.dueDate,
      milestones: g.milestones.map((m) => ({ id: m.id, dueDate: m.dueDate, title: m.title })),
    })),
  };
}

/** The document as the employee is shown it; frozen into plan_versions at each version. */
async function snapshotOf(db: DbOrTx, plan: PlanRow): Promise<PlanSnapshot> {
  const doc = await findPlanDocument(db, plan.id);
  const mentorIds = doc.goals.flatMap((g) => g.resources.map((r) => r.mentorId ?? [])).flat();
  const names = new Map(
    (await findPeopleByIds(db, [...new Set([plan.employeeId, plan.managerId, ...mentorIds])])).map(
      (p) => [p.id, p.name],
    ),
  );
  return {
    employee: { id: plan.employeeId, name: names.get(plan.employeeId) ?? "" },
    manager: { id: plan.managerId, name: names.get(plan.managerId) ?? "" },
    standard: plan.standard,
    startDate: plan.startDate,
    endDate: plan.endDate,
    cadenceDays: plan.cadenceDays,
    evidence: doc.evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      description: e.description,
      impact: e.impact,
      occurredOn: e.occurredOn,
      unit: e.unit,
      source: e.source,
      series: e.series,
    })),
    causes: doc.causes.map((c) => ({ cause: c.cause, notes: c.notes })),
    goals: doc.goals.map((g) => ({
      id: g.id,
      description: g.description,
      metric: g.metric,
      unit: g.unit,
      direction: g.direction,
      baseline: g.baseline,
      target: g.target,
      measurement: g.measurement,
      dueDate: g.dueDate,
      resources: g.resources.map((r) => ({
        id: r.id,
        kind: r.kind,
        description: r.description,
        link: r.link,
        mentorId: r.mentorId,
        mentorName: r.mentorId ? (names.get(r.mentorId) ?? null) : null,
        hoursPerWeek: r.hoursPerWeek,
        status: r.status,
        // Only when picked from the catalogue, so versions frozen before it compare unchanged.
        ...(r.catalogueItemId
          ? { catalogueItemId: r.catalogueItemId, catalogueSessionId: r.catalogueSessionId }
          : {}),
      })),
      milestones: g.milestones.map((m) => ({
        id: m.id,
        title: m.title,
        dueDate: m.dueDate,
        target: m.target,
        earlyWin: m.earlyWin,
      })),
    })),
  };
}

async function presentDetail(
  db: DbOrTx,
  actor: PersonActor,
  plan: PlanRow,
  resource: PlanResource,
  /** The actor's own private notes are encrypted. */
  keys: Keyring,
) {
  const isEmployee = actor.personId === plan.employeeId;
  const doc = await findPlanDocument(db, plan.id);
  const resourceLinks = await findResourceLinks(db, {
    on: "plan",
    resources: doc.goals.flatMap((g) => g.resources),
  });
  const mentorIds = doc.goals.flatMap((g) => g.resources.flatMap((r) => r.mentorId ?? []));
  const ids = [plan.employeeId, plan.managerId, ...(plan.hrPartnerId ? [plan.hrPartnerId] : [])];
  const peopleById = new Map(
    (await findPeopleByIds(db, [...new Set([...ids, ...mentorIds])])).map((p) => [p.id, p]),
  );
  const employee = peopleById.get(plan.employeeId)!;
  const manager = peopleById.get(plan.managerId)!;
  const hr = plan.hrPartnerId ? peopleById.get(plan.hrPartnerId) : undefined;
  const versions = await findVersions(db, plan.id);
  const latest = versions.find((v) => v.number === plan.issuedVersion);
  const pendingAcknowledgement =
    plan.status !== "closed" && !!latest && latest.acknowledgedAt === null;
  const abilities = abilitiesFor(actor, resource, planAbilities);
  // The plan is loaded and authorized already: its participation is read without doing it again.
  const participation = await readParticipation(db, { planId: plan.id, goals: doc.goals });
  return {
    plan: {
      id: plan.id,
      status: plan.status,
      statusLabel: labels.status[plan.status],
      employee: {
        id: employee.id,
        name: employee.name,
        title: employee.title,
        department: employee.department,
      },
      manager: { id: manager.id, name: manager.name },
      hrPartner: hr ? { id: hr.id, name: hr.name } : null,
      standard: plan.standard,
      startDate: plan.startDate,
      endDate: plan.endDate,
      cadenceDays: plan.cadenceDays,
      // The good-faith answer is the manager's question to themselves and HR, not the employee's.
      goodFaith: isEmployee ? null : plan.goodFaith,
      goodFaithNote: isEmployee ? "" : plan.goodFaithNote,
      outcome: plan.outcome,
      outcomeLabel: plan.outcome ? labels.outcome[plan.outcome] : null,
      managerReflection: plan.managerReflection,
      employeeReflection: plan.employeeReflection,
      pausedFrom: plan.pausedFrom,
      issuedVersion: plan.issuedVersion,
      pendingAcknowledgement,
      version: plan.version,
      createdAt: iso(plan.createdAt)!,
      updatedAt: iso(plan.updatedAt)!,
      submittedAt: iso(plan.submittedAt),
      issuedAt: iso(plan.issuedAt),
      closedAt: iso(plan.closedAt),
      // Sealed after closing with its goals met: who may still open it, and until when.
      sealed: resource.sealed === true,
      sealedAt: iso(plan.sealedAt),
      sealedManagerUntil: iso(plan.sealedManagerUntil),
    },
    evidence: doc.evidence.map((e) => ({
      id: e.id,
      kind: e.kind,
      title: e.title,
      description: e.description,
      impact: e.impact,
      occurredOn: e.occurredOn,
      unit: e.unit,
      source: e.source,
      series: e.series,
      answer: e.answer,
      employeeSide: e.employeeSide,
      employeeLinks: e.employeeLinks,
      answeredAt: iso(e.answeredAt),
    })),
    causes: doc.causes.map((c) => ({
      id: c.id,
      cause: c.cause,
      label: labels.cause[c.cause],
      notes: c.notes,
      employeeView: c.employeeView,
    })),
    goals: doc.goals.map((g) => ({
      id: g.id,
      description: g.description,
      metric: g.metric,
      unit: g.unit,
      direction: g.direction,
      baseline: g.baseline,
      target: g.target,
      measurement: g.measurement,
      dueDate: g.dueDate,
      resources: g.resources.map((r) => {
        const mentor = r.mentorId ? peopleById.get(r.mentorId) : undefined;
        return {
          id: r.id,
          kind: r.kind,
          description: r.description,
          link: r.link,
          mentorId: r.mentorId,
          mentor: mentor ? { id: mentor.id, name: mentor.name } : null,
          hoursPerWeek: r.hoursPerWeek,
          status: r.status,
          requestedByEmployee: r.requestedByEmployee,
          catalogueItemId: r.catalogueItemId,
          catalogueSessionId: r.catalogueSessionId,
          /** The workshop date and the mentor's answer, when the resource has them. */
          ...resourceLinks(r.id),
        };
      }),
      milestones: g.milestones.map((m) => ({
        id: m.id,
        title: m.title,
        dueDate: m.dueDate,
        target: m.target,
        earlyWin: m.earlyWin,
        doneAt: iso(m.doneAt),
      })),
    })),
    // HR's review of the draft stays on the record; it is for the people who run the plan.
    reviews: isEmployee
      ? []
      : (await findReviews(db, plan.id)).map((r) => ({
          id: r.id,
          decision: r.decision,
          comment: r.comment,
          author: { id: r.authorId, name: r.authorName },
          createdAt: iso(r.createdAt)!,
        })),
    versions: versions.map((v) => ({
      number: v.number,
      createdAt: iso(v.createdAt)!,
      changeSummary: v.changeSummary,
      acknowledgedAt: iso(v.acknowledgedAt),
    })),
    ...participation,
    // HR's overrides of review blockers go with HR's review: for the people who run the plan.
    overrides: abilities["plan.view_review"]
      ? (await findOverrides(db, plan.id))
          .filter((o) => o.audience === "all" || seesHrFindings(actor, plan, resource))
          .map((o) => ({
            id: o.id,
            code: o.code,
            title: reviewCodes[o.code as keyof typeof reviewCodes]?.title ?? o.code,
            path: o.path,
            reason: o.reason,
            author: { id: o.authorId, name: o.authorName },
            createdAt: iso(o.createdAt)!,
          }))
      : [],
    // When the issue was raised before the plan: the manager's record, shown to the employee too.
    priorNotice: (await findPriorNotice(db, plan.id)).map((n) => ({
      id: n.id,
      heldOn: n.heldOn,
      kind: n.kind,
      summary: n.summary,
    })),
    // Private notes: the actor's own, never anyone else's, never for the employee.
    privateNotes:
      isEmployee || !abilities["plan.private_note"]
        ? []
        : (await findOwnPrivateNotes(db, plan.id, actor.personId, keys)).map((n) => ({
            id: n.id,
            body: n.body,
            createdAt: iso(n.createdAt)!,
          })),
    abilities,
    allowedActions: lifecycleActions(plan, pendingAcknowledgement).filter((a) =>
      mayTake(actor, resource, a),
    ),
    problems: abilities["plan.edit"] ? completenessProblems(forCheck(plan, doc)) : [],
  };
}

export type PlanDetail = Awaited<ReturnType<typeof presentDetail>>;

/** The plan as the actor may see it, without recording a view: after a write, in an export. */
export async function readPlanDetail(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<PlanDetail> {
  const db = deps.database.db;
  const now = deps.clock();
  const { plan, resource } = await loadVisiblePlan(db, actor, id, now);
  return presentDetail(db, actor, plan, resource, await keyringFor(deps));
}

/**
 * Reading a plan (the page, the PDF) is a sensitive read: it is recorded as `plan.viewed`, at
 * most once per reader and plan in an hour (see record.views). A sealed plan's every read is
 * recorded as well (`plan.sealed_accessed`), and so is a refused attempt (plans.sealing.service).
 */
export async function getPlanDetail(
  deps: Deps,
  { actor, id, via = "plan" }: { actor: PersonActor; id: string; via?: "plan" | "pdf" },
): Promise<PlanDetail> {
  const db = deps.database.db;
  const { plan, resource } = await loadPlanForReading(deps, { actor, id, what: via });
  const detail = await presentDetail(db, actor, plan, resource, await keyringFor(deps));
  await recordView(deps, {
    actor,
    action: "plan.viewed",
    subjectType: "plan",
    subjectId: detail.plan.id,
  });
  return detail;
}

// ---------- listing ----------

export type PlanScope = "mine" | "team" | "review" | "all";

/** Words that name the thing itself: "PIP" and "success plan" find every plan. */
const planWords = /\b(performance improvement plans?|success plans?|pips?)\b/gi;

export async function listPlans(
  deps: Deps,
  {
    actor,
    scope,
    status,
    q,
  }: { actor: PersonActor; scope: PlanScope; status?: PlanStatus[]; q?: string },
) {
  const db = deps.database.db;
  const rows = await findPlanSummaries(db, { status });
  const lines = new Map((await findReportingLines(db)).map((p) => [p.id, p.managerId]));
  const chainOf = (id: string) => {
    const chain: string[] = [];
    let next = lines.get(id) ?? null;
    while (next && !chain.includes(next)) {
      chain.push(next);
      next = lines.get(next) ?? null;
    }
    return chain;
  };
  const name = (q ?? "").replace(planWords, " ").trim().toLowerCase();
  const now = deps.clock();
  const visible = rows.filter((row) => {
    const resource: PlanResource = {
      type: "plan",
      employeeId: row.employee_id,
      managerId: row.manager_id,
      hrPartnerId: row.hr_partner_id,
      employeeDepartment: row.employee_department,
      employeeManagerChain: chainOf(row.employee_id),
      status: row.status,
      everIssued: row.issued_version > 0,
      ...sealStateOf(
        {
          sealedAt: row.sealed_at ? new Date(row.sealed_at) : null,
          sealedManagerUntil: row.sealed_manager_until ? new Date(row.sealed_manager_until) : null,
        },
        now,
      ),
    };
    if (!can(actor, "plan.view", resource)) return false;
    if (name && !row.employee_name.toLowerCase().includes(name)) return false;
    switch (scope) {
      case "mine":
        return row.employee_id === actor.personId;
      case "team":
        return (
          row.employee_id !== actor.personId &&
          (row.manager_id === actor.personId ||
            resource.employeeManagerChain.includes(actor.personId))
        );
      case "review":
        return (
          row.status === "in_review" &&
          can(actor, "plan.view_queue", { type: "org" }) &&
          hrCovers(actor, row.employee_department) &&
          row.employee_id !== actor.personId
        );
      case "all":
        return true;
      default:
        return false;
    }
  });
  const unacknowledged = await findUnacknowledgedVersions(
    db,
    visible.map((r) => r.id),
  );
  const pending = new Set(unacknowledged.map((v) => `${v.planId}:${v.number}`));
  return {
    items: visible.map((row) => ({
      id: row.id,
      employee: {
        id: row.employee_id,
        name: row.employee_name,
        title: row.employee_title,
        department: row.employee_department,
      },
      manager: { id: row.manager_id, name: row.manager_name },
      hrPartner: row.hr_partner_id ? { id: row.hr_partner_id, name: row.hr_partner_name! } : null,
      status: row.status as PlanStatus,
      startDate: row.start_date,
      endDate: row.end_date,
      outcome: row.outcome as Outcome | null,
      issuedVersion: row.issued_version,
      pendingAcknowledgement:
        row.status !== "closed" && pending.has(`${row.id}:${row.issued_version}`),
      updatedAt: new Date(row.updated_at).toISOString(),
    })),
  };
}

// ---------- creating ----------

export async function createPlan(
  deps: Deps,
  { actor, employeeId }: { actor: PersonActor; employeeId: string },
) {
  const id = await write(deps, async (w) => {
    const person = await findPersonById(w.tx, employeeId);
    if (!person?.active) throw notFound("person");
    const subject = {
      type: "plan_subject" as const,
      person: {
        type: "person" as const,
        id: person.id,
        department: person.department,
        managerChain: await findManagerChain(w.tx, person.id),
        grantedRoles: person.roles,
      },
    };
    if (!can(actor, "plan.create", subject)) throw notFound("person");
    // One open plan per person: serialise creation for this employee.
    await w.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`plan:${person.id}`}))`);
    const open = await findOpenPlanForEmployee(w.tx, person.id);
    if (open) {
      const visible = can(actor, "plan.view", await planResourceOf(w.tx, open));
      throw new AppError(
        "plan.exists",
        `${person.name} already has an open success plan. Close it before starting another.`,
        visible ? { planId: open.id } : undefined,
      );
    }
    if (!person.managerId)
      throw new AppError(
        "plan.no_manager",
        `${person.name} has no manager in the directory. Set their manager first: a plan is run by the person's manager.`,
      );
    const hrPartnerId = await obviousHrPartner(w.tx, {
      department: person.department,
      exclude: [person.id, person.managerId],
    });
    const [plan] = await w.tx
      .insert(plans)
      .values({
        employeeId: person.id,
        managerId: person.managerId,
        hrPartnerId,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "plan.created",
      subjectType: "plan",
      subjectId: plan!.id,
      data: { employeeId: person.id, managerId: person.managerId, hrPartnerId },
    });
    return plan!.id;
  });
  return readPlanDetail(deps, { actor, id });
}

/** The HR partner for a department when there is exactly one obvious choice, else null. */
async function obviousHrPartner(
  db: DbOrTx,
  { department, exclude }: { department: string; exclude: string[] },
): Promise<string | null> {
  const covering = (await findHrCovering(db, department)).filter((p) => !exclude.includes(p.id));
  const named = covering.filter((p) => p.hrScopeDepartments.includes(department));
  if (named.length === 1) return named[0]!.id;
  if (named.length === 0 && covering.length === 1) return covering[0]!.id;
  return null;
}

// ---------- saving the document ----------

export type PlanDocumentInput = {
  version: number;
  standard: string;
  startDate: string | null;
  endDate: string | null;
  cadenceDays: number;
  goodFaith: "yes" | "no" | "unsure" | null;
  goodFaithNote: string;
  hrPartnerId: string | null;
  evidence: {
    id?: string;
    kind: "metric" | "incident";
    title: string;
    description: string;
    impact: string;
    occurredOn: string | null;
    unit: string;
    source: string;
    series: { date: string; value: number }[];
  }[];
  causes: { cause: CauseKind; notes: string }[];
  goals: {
    id?: string;
    description: string;
    metric: string;
    unit: string;
    direction: "up" | "down";
    baseline: number | null;
    target: number | null;
    measurement: string;
    dueDate: string | null;
    resources: {
      id?: string;
      kind: ResourceKind;
      description: string;
      link: string;
      mentorId: string | null;
      hoursPerWeek: number | null;
      status: ResourceStatus;
    }[];
    milestones: {
      id?: string;
      title: string;
      dueDate: string;
      target: number | null;
      earlyWin: boolean;
    }[];
  }[];
};

/** Problems that stop a save at once (the rest are completeness problems, checked at submit). */
async function saveProblems(
  db: DbOrTx,
  plan: PlanRow,
  resource: PlanResource,
  input: PlanDocumentInput,
  existing: PlanDocumentRows,
): Promise<PlanProblem[]> {
  const problems: PlanProblem[] = [];
  problems.push(
    ...scheduleProblems(input).filter((p) =>
      p.path !== "startDate" && p.path !== "endDate" ? true : !!(input.startDate && input.endDate),
    ),
  );
  const seenCauses = new Set<string>();
  input.causes.forEach((c, i) => {
    if (seenCauses.has(c.cause))
      problems.push({ path: `causes.${i}.cause`, message: "This cause is already listed." });
    seenCauses.add(c.cause);
  });
  const evidenceIds = new Set(existing.evidence.map((e) => e.id));
  input.evidence.forEach((e, i) => {
    if (e.id && !evidenceIds.has(e.id))
      problems.push({
        path: `evidence.${i}.id`,
        message: "This evidence item is not on this plan.",
      });
  });
  const goalsById = new Map(existing.goals.map((g) => [g.id, g]));
  const mentorIds = [
    ...new Set(input.goals.flatMap((g) => g.resources.flatMap((r) => r.mentorId ?? []))),
  ];
  const mentors = new Map((await findPeopleByIds(db, mentorIds)).map((p) => [p.id, p]));
  input.goals.forEach((g, i) => {
    const at = `goals.${i}`;
    // A goal's numbers must make sense as typed; missing ones are reported before submitting.
    problems.push(
      ...goalProblems(g, at).filter(
        (p) => p.path === `${at}.target` && g.baseline !== null && g.target !== null,
      ),
    );
    const known = g.id ? goalsById.get(g.id) : undefined;
    if (g.id && !known)
      problems.push({ path: `${at}.id`, message: "This goal is not on this plan." });
    g.resources.forEach((r, j) => {
      if (r.id && !known?.resources.some((x) => x.id === r.id))
        problems.push({
          path: `${at}.resources.${j}.id`,
          message: "This resource is not on this goal.",
        });
      if (r.mentorId) {
        const mentor = mentors.get(r.mentorId);
        if (!mentor?.active)
          problems.push({
            path: `${at}.resources.${j}.mentorId`,
            message: "Choose an active person from the directory as mentor.",
          });
        else if (mentor.id === plan.employeeId)
          problems.push({
            path: `${at}.resources.${j}.mentorId`,
            message: "The employee cannot be their own mentor.",
          });
      }
    });
    g.milestones.forEach((m, j) => {
      if (m.id && !known?.milestones.some((x) => x.id === m.id))
        problems.push({
          path: `${at}.milestones.${j}.id`,
          message: "This milestone is not on this goal.",
        });
    });
  });
  if (input.hrPartnerId && input.hrPartnerId !== plan.hrPartnerId) {
    const hr = await findPersonById(db, input.hrPartnerId);
    const covers =
      hr?.active &&
      hr.roles.includes("hr") &&
      (hr.hrScopeAll || hr.hrScopeDepartments.includes(resource.employeeDepartment)) &&
      hr.id !== plan.employeeId &&
      hr.id !== plan.managerId;
    if (!covers)
      problems.push({
        path: "hrPartnerId",
        message: "Choose an HR partner whose scope covers the employee's department.",
      });
  }
  return problems;
}

/** Writes the document: items that stay keep their ids (answers and check-ins hang on them). */
async function writeDocument(
  tx: Tx,
  planId: string,
  input: PlanDocumentInput,
  existing: PlanDocumentRows,
) {
  const keepEvidence = input.evidence.flatMap((e) => e.id ?? []);
  const goneEvidence = existing.evidence.filter((e) => !keepEvidence.includes(e.id));
  if (goneEvidence.length)
    await tx.delete(planEvidence).where(
      inArray(
        planEvidence.id,
        goneEvidence.map((e) => e.id),
      ),
    );
  for (const [position, { id, ...e }] of input.evidence.entries()) {
    const values = { ...e, position, occurredOn: e.occurredOn ?? null };
    if (id) await tx.update(planEvidence).set(values).where(eq(planEvidence.id, id));
    else await tx.insert(planEvidence).values({ ...values, planId });
  }

  const causes = input.causes.map((c) => c.cause);
  await tx
    .delete(planCauses)
    .where(
      causes.length
        ? and(eq(planCauses.planId, planId), notInArray(planCauses.cause, causes))
        : eq(planCauses.planId, planId),
    );
  for (const c of input.causes)
    await tx
      .insert(planCauses)
      .values({ planId, cause: c.cause, notes: c.notes })
      .onConflictDoUpdate({
        target: [planCauses.planId, planCauses.cause],
        set: { notes: c.notes },
      });

  const keepGoals = input.goals.flatMap((g) => g.id ?? []);
  const goneGoals = existing.goals.filter((g) => !keepGoals.includes(g.id));
  if (goneGoals.length)
    await tx.delete(planGoals).where(
      inArray(
        planGoals.id,
        goneGoals.map((g) => g.id),
      ),
    );
  for (const [position, { id, resources, milestones, ...g }] of input.goals.entries()) {
    let goalId = id;
    if (goalId)
      await tx
        .update(planGoals)
        .set({ ...g, position })
        .where(eq(planGoals.id, goalId));
    else {
      const [row] = await tx
        .insert(planGoals)
        .values({ ...g, position, planId })
        .returning({ id: planGoals.id });
      goalId = row!.id;
    }
    const before = existing.goals.find((x) => x.id === goalId);
    const keepResources = resources.flatMap((r) => r.id ?? []);
    const goneResources = (before?.resources ?? []).filter((r) => !keepResources.includes(r.id));
    if (goneResources.length)
      await tx.delete(planResources).where(
        inArray(
          planResources.id,
          goneResources.map((r) => r.id),
        ),
      );
    for (const { id: resourceId, ...r } of resources) {
      if (resourceId) await tx.update(planResources).set(r).where(eq(planResources.id, resourceId));
      else await tx.insert(planResources).values({ ...r, goalId });
    }
    const keepMilestones = milestones.flatMap((m) => m.id ?? []);
    const goneMilestones = (before?.milestones ?? []).filter((m) => !keepMilestones.includes(m.id));
    if (goneMilestones.length)
      await tx.delete(planMilestones).where(
        inArray(
          planMilestones.id,
          goneMilestones.map((m) => m.id),
        ),
      );
    for (const { id: milestoneId, ...m } of milestones) {
      if (milestoneId)
        await tx.update(planMilestones).set(m).where(eq(planMilestones.id, milestoneId));
      else await tx.insert(planMilestones).values({ ...m, goalId });
    }
  }
}

/** Thrown inside a transaction to roll it back when a save changed nothing. */
class NothingChanged extends Error {}

/**
 * Saves the whole plan document (the editor autosaves). A draft is edited in place; a plan under
 * review or approved goes back to draft (HR reviews it again); after issue a change makes a new
 * version that the employee must acknowledge again.
 */
export async function savePlan(
  deps: Deps,
  { actor, id, input }: { actor: PersonActor; id: string; input: PlanDocumentInput },
) {
  return withCurrentPlan(deps, actor, id, async () => {
    try {
      await write(deps, async (w) => {
        const { plan, resource } = await lockVisiblePlan(w.tx, actor, id, w.now);
        if (!can(actor, "plan.edit", resource))
          throw new AppError(
            "plan.forbidden",
            plan.status === "closed"
              ? "This plan is closed; it can no longer be changed."
              : "Only the plan's manager can change the plan. Nothing was changed.",
          );
        checkVersion(plan, input.version);
        const existing = await findPlanDocument(w.tx, plan.id);
        const problems = await saveProblems(w.tx, plan, resource, input, existing);
        if (problems.length) throw invalid(problems, "The plan was not saved; see details.");

        const from = plan.status;
        const versioned = versionedStatuses.includes(from);
        // What the review said before this change: a change after issue may not add a blocker.
        const reviewBefore = versioned
          ? await evaluatePlan(w.tx, plan, {
              now: w.now,
              reference: w.now,
              keys: await keyringFor(deps, w.tx),
            })
          : null;
        const before = JSON.stringify([
          await snapshotOf(w.tx, plan),
          plan.goodFaith,
          plan.goodFaithNote,
          plan.hrPartnerId,
        ]);
        await writeDocument(w.tx, plan.id, input, existing);
        const to: PlanStatus = draftStatuses.includes(from)
          ? from
          : versioned
            ? from === "acknowledged"
              ? "issued"
              : from
            : "draft";
        const [updated] = await w.tx
          .update(plans)
          .set({
            standard: input.standard,
            startDate: input.startDate,
            endDate: input.endDate,
            cadenceDays: input.cadenceDays,
            goodFaith: input.goodFaith,
            goodFaithNote: input.goodFaithNote,
            hrPartnerId: input.hrPartnerId,
            status: to,
            version: plan.version + 1,
            updatedAt: w.now,
          })
          .where(eq(plans.id, plan.id))
          .returning();
        const snapshot = await snapshotOf(w.tx, updated!);
        const after = JSON.stringify([
          snapshot,
          input.goodFaith,
          input.goodFaithNote,
          input.hrPartnerId,
        ]);
        if (before === after) throw new NothingChanged();

        let newVersion: number | null = null;
        let changes: string[] = [];
        if (versioned) {
          // A running plan must stay complete: a change after issue is a real commitment.
          const incomplete = completenessProblems(
            forCheck(updated!, await findPlanDocument(w.tx, plan.id)),
          );
          if (incomplete.length)
            throw new AppError(
              "plan.incomplete",
              "An issued plan must stay complete; fix these before saving.",
              incomplete,
            );
          await assertChangeAddsNoBlocker(
            w.tx,
            { before: reviewBefore!, after: updated! },
            {
              now: w.now,
              seesHrFindings: seesHrFindings(actor, plan, resource),
              keys: await keyringFor(deps, w.tx),
            },
          );
          const previous = await findVersion(w.tx, plan.id, plan.issuedVersion);
          changes = previous ? describeChanges(previous.snapshot as PlanSnapshot, snapshot) : [];
          if (changes.length === 0) changes = ["Details of the plan were updated"];
          newVersion = await addVersion(w, {
            actor,
            plan: updated!,
            snapshot,
            summary: changes.join("\n"),
          });
          await notify(deps, w, {
            personIds: [plan.employeeId].filter((p) => p !== actor.personId),
            kind: "plan.changed",
            title: `Your success plan changed (version ${newVersion})`,
            body: `What changed:\n${changes.map((c) => `- ${c}`).join("\n")}\n\nPlease read it and acknowledge that you received it. Acknowledging confirms receipt, not agreement.`,
            link: `/plans/${plan.id}`,
            subjectType: "plan",
            subjectId: plan.id,
          });
        }
        await w.audit({
          actor,
          action: "plan.saved",
          subjectType: "plan",
          subjectId: plan.id,
          data: {
            from,
            to,
            version: plan.version + 1,
            ...(from !== to && !versioned
              ? { returnedToDraft: true, note: "Changed after HR review: HR must review it again." }
              : {}),
            ...(newVersion ? { newVersion, changes: changes.length } : {}),
            evidence: input.evidence.length,
            causes: input.causes.length,
            goals: input.goals.length,
          },
          change: { before: JSON.parse(before), after: JSON.parse(after) },
        });
      });
    } catch (err) {
      if (!(err instanceof NothingChanged)) throw err;
    }
    return readPlanDetail(deps, { actor, id });
  });
}

/** Freezes what the employee is shown as the next version; they must acknowledge it. */
async function addVersion(
  w: Write,
  {
    actor,
    plan,
    snapshot,
    summary,
  }: { actor: PersonActor; plan: PlanRow; snapshot: PlanSnapshot; summary: string },
): Promise<number> {
  const number = (await findLatestVersionNumber(w.tx, plan.id)) + 1;
  await w.tx.insert(planVersions).values({
    planId: plan.id,
    number,
    snapshot: snapshot as unknown as Record<string, unknown>,
    changeSummary: summary,
    createdById: actor.personId,
    createdAt: w.now,
  });
  await w.tx.update(plans).set({ issuedVersion: number }).where(eq(plans.id, plan.id));
  return number;
}

// ---------- the lifecycle ----------

export type TransitionInput = {
  action: PlanAction;
  version: number;
  comment?: string;
  outcome?: Outcome;
  managerReflection?: string;
  newEndDate?: string;
  reason?: string;
  /** With close (goals met): the growth plan that carries on; left out, it is drafted. */
  growthGoals?: CarryOnGoal[];
};

const ACKNOWLEDGE_MEANING =
  "Acknowledging confirms that you received the plan, not that you agree with it. You can still respond to any part of it.";

/** HR people to tell about a submitted plan: its HR partner, or everyone whose scope covers it. */
async function reviewersOf(db: DbOrTx, plan: PlanRow, resource: PlanResource) {
  if (plan.hrPartnerId) return [plan.hrPartnerId];
  return (await findHrCovering(db, resource.employeeDepartment))
    .map((p) => p.id)
    .filter((id) => id !== plan.employeeId && id !== plan.managerId);
}

export async function transitionPlan(
  deps: Deps,
  { actor, id, input }: { actor: PersonActor; id: string; input: TransitionInput },
): Promise<{ message: string; plan: PlanDetail | null }> {
  return withCurrentPlan(deps, actor, id, async () => {
    const message = await write(deps, async (w) => {
      const { plan, resource } = await lockVisiblePlan(w.tx, actor, id, w.now);
      checkVersion(plan, input.version);
      const { action } = input;
      const from = plan.status;
      const pending = await isPending(w.tx, plan);
      const allowed = lifecycleActions(plan, pending);
      const reacknowledge = action === "acknowledge" && pending && runningStatuses.includes(from);
      const result = reacknowledge
        ? ({ ok: true, next: from } as const)
        : nextStatus({
            status: from,
            action,
            pausedFrom: plan.pausedFrom,
            outcome: input.outcome ?? null,
          });
      if (!result.ok)
        throw new AppError("plan.invalid_transition", result.message, { status: from, allowed });
      if (action === "acknowledge" && !pending && !reacknowledge && from !== "issued")
        throw new AppError("plan.invalid_transition", "There is nothing new to acknowledge.", {
          status: from,
          allowed,
        });
      if (!mayTake(actor, resource, action))
        throw new AppError("plan.forbidden", `${whoMay[action]} Nothing was changed.`);

      const to = result.next;
      const set: Partial<typeof plans.$inferInsert> = {};
      const data: Record<string, unknown> = { from, to };
      let text = `The plan is now ${labels.status[to].toLowerCase()}.`;
      const link = `/plans/${plan.id}`;
      const tell = (personIds: (string | null)[], title: string, body?: string) =>
        notify(deps, w, {
          personIds: personIds.filter((p): p is string => !!p && p !== actor.personId),
          kind: `plan.${action}`,
          title,
          body,
          link,
          subjectType: "plan",
          subjectId: plan.id,
        });
      const names = new Map(
        (await findPeopleByIds(w.tx, [plan.employeeId, plan.managerId])).map((p) => [p.id, p.name]),
      );
      const employeeName = names.get(plan.employeeId) ?? "the employee";

      switch (action) {
        case "submit": {
          const problems = completenessProblems(
            forCheck(plan, await findPlanDocument(w.tx, plan.id)),
          );
          if (problems.length)
            throw new AppError(
              "plan.incomplete",
              "The plan is not complete yet; fix these before submitting it to HR.",
              problems,
            );
          set.submittedAt = w.now;
          const reviewers = await reviewersOf(w.tx, plan, resource);
          data.notified = reviewers.length;
          await tell(
            reviewers,
            `A success plan for ${employeeName} is ready for your review`,
            `${actor.name} submitted it for HR review.`,
          );
          text = "Submitted for HR review.";
          break;
        }
        case "request_changes":
        case "approve": {
          const comment = (input.comment ?? "").trim();
          if (action === "approve")
            await assertReviewClear(w.tx, plan, {
              now: w.now,
              action,
              seesHrFindings: seesHrFindings(actor, plan, resource),
              keys: await keyringFor(deps, w.tx),
            });
          if (action === "request_changes" && !comment)
            throw invalid(
              [{ path: "comment", message: "Say what needs to change." }],
              "Add a comment saying what needs to change.",
            );
          const [review] = await w.tx
            .insert(planReviews)
            .values({
              planId: plan.id,
              authorId: actor.personId,
              decision: action === "approve" ? "approved" : "changes_requested",
              comment,
              createdAt: w.now,
            })
            .returning({ id: planReviews.id });
          data.reviewId = review!.id;
          await tell(
            [plan.managerId],
            action === "approve"
              ? `HR approved the success plan for ${employeeName}`
              : `HR asked for changes to the success plan for ${employeeName}`,
            comment || undefined,
          );
          text =
            action === "approve"
              ? "Approved. The plan can now be issued."
              : "Sent back for changes.";
          break;
        }
        case "issue": {
          await assertReviewClear(w.tx, plan, {
            now: w.now,
            action,
            seesHrFindings: seesHrFindings(actor, plan, resource),
            keys: await keyringFor(deps, w.tx),
          });
          const snapshot = await snapshotOf(w.tx, plan);
          const previous = await findVersion(w.tx, plan.id, plan.issuedVersion);
          const summary = previous
            ? describeChanges(previous.snapshot as PlanSnapshot, snapshot).join("\n")
            : "First version issued";
          const number = await addVersion(w, { actor, plan, snapshot, summary });
          set.issuedAt = w.now;
          data.issuedVersion = number;
          await tell(
            [plan.employeeId],
            "Your success plan has been issued",
            `Your manager issued your success plan. Read it, answer the evidence, and acknowledge that you received it. ${ACKNOWLEDGE_MEANING}`,
          );
          text = `Issued as version ${number}. The employee has been told.`;
          break;
        }
        case "acknowledge": {
          await w.tx
            .update(planVersions)
            .set({ acknowledgedAt: w.now })
            .where(
              and(eq(planVersions.planId, plan.id), eq(planVersions.number, plan.issuedVersion)),
            );
          data.version = plan.issuedVersion;
          data.meaning = "receipt, not agreement";
          await tell(
            [plan.managerId],
            `${employeeName} acknowledged receiving version ${plan.issuedVersion} of their success plan`,
            "This confirms receipt, not agreement.",
          );
          text = `You confirmed that you received version ${plan.issuedVersion} of this plan. ${ACKNOWLEDGE_MEANING}`;
          break;
        }
        case "start": {
          await scheduleCheckins(deps, w, {
            id: plan.id,
            startDate: plan.startDate!,
            endDate: plan.endDate!,
            cadenceDays: plan.cadenceDays,
          });
          if (!pending && from === "issued") data.acknowledged = false;
          text = "The plan is active; check-ins are scheduled.";
          break;
        }
        case "pause":
          set.pausedFrom = from;
          text = "The plan is paused.";
          break;
        case "resume":
          set.pausedFrom = null;
          text = `The plan is ${labels.status[to].toLowerCase()} again.`;
          break;
        case "extend": {
          const newEnd = input.newEndDate;
          if (!newEnd || !plan.endDate || newEnd <= plan.endDate)
            throw invalid(
              [
                {
                  path: "newEndDate",
                  message: `Choose a new end date after the current one (${plan.endDate}).`,
                },
              ],
              "An extension needs a new end date after the current one.",
            );
          const previous = await findVersion(w.tx, plan.id, plan.issuedVersion);
          const extended = { ...plan, endDate: newEnd };
          await w.tx.update(plans).set({ endDate: newEnd }).where(eq(plans.id, plan.id));
          const snapshot = await snapshotOf(w.tx, extended);
          const reason = (input.reason ?? "").trim();
          const changes = [
            ...(previous ? describeChanges(previous.snapshot as PlanSnapshot, snapshot) : []),
            ...(reason ? [`Reason for the extension: ${reason}`] : []),
          ];
          const number = await addVersion(w, {
            actor,
            plan: extended,
            snapshot,
            summary: changes.join("\n"),
          });
          set.endDate = newEnd;
          set.pausedFrom = null;
          data.newEndDate = newEnd;
          data.previousEndDate = plan.endDate;
          data.newVersion = number;
          await scheduleCheckins(deps, w, {
            id: plan.id,
            startDate: plan.startDate!,
            endDate: newEnd,
            cadenceDays: plan.cadenceDays,
          });
          await tell(
            [plan.employeeId],
            "Your success plan was extended",
            `${changes.map((c) => `- ${c}`).join("\n")}\n\nPlease acknowledge that you received the new version. ${ACKNOWLEDGE_MEANING}`,
          );
          text = `Extended to ${newEnd} (version ${number}). The employee has been asked to acknowledge it.`;
          break;
        }
        case "close": {
          if (!input.outcome)
            throw invalid(
              [{ path: "outcome", message: "Choose how the plan ended." }],
              "Closing a plan needs an outcome.",
            );
          set.outcome = input.outcome;
          set.managerReflection = (input.managerReflection ?? "").trim();
          set.closedAt = w.now;
          set.pausedFrom = null;
          data.outcome = input.outcome;
          // The support offered beside the engagement, frozen as it stood (plans.engagement).
          set.engagementSummary = await engagementSummaryOf(w.tx, plan, w.now);
          assertCarryOnInput(input, w.now);
          // Goals met: the plan is sealed and a growth plan carries on (plans.sealing.service).
          if (input.outcome === "goals_met") {
            const sealed = await sealOnClose(deps, w, {
              actor,
              plan,
              growthGoals: input.growthGoals,
            });
            Object.assign(set, sealed.set);
            data.sealed = true;
            data.growthGoals = sealed.goalIds.length;
          }
          // A plan the employee was never shown stays unseen: they are told only if it was issued.
          const issued = employeeVisibleStatuses.includes(from);
          await tell(
            [issued ? plan.employeeId : null, plan.managerId],
            `The success plan for ${employeeName} is closed: ${labels.outcome[input.outcome].toLowerCase()}`,
            issued ? "You can add your own closing reflection to the plan." : undefined,
          );
          text = `Closed: ${labels.outcome[input.outcome].toLowerCase()}.`;
          if (data.sealed)
            text += ` The plan is sealed${
              data.growthGoals
                ? `, and a growth plan with ${data.growthGoals === 1 ? "one goal" : `${data.growthGoals} goals`} carries on from it.`
                : "."
            }`;
          break;
        }
        case "reopen":
          text = "Back in draft.";
          break;
      }
      await w.tx
        .update(plans)
        .set({ ...set, status: to, version: plan.version + 1, updatedAt: w.now })
        .where(eq(plans.id, plan.id));
      await w.audit({
        actor,
        action: `plan.${action}`,
        subjectType: "plan",
        subjectId: plan.id,
        data,
        change: {
          ...data,
          comment: input.comment,
          reflection: input.managerReflection,
          reason: input.reason,
        },
      });
      return text;
    });
    // Sealed with a period of 0 days, the plan is closed to its manager from the moment it
    // closes: the close still succeeded, and the answer says so without the plan.
    const plan = await readPlanDetail(deps, { actor, id }).catch((err) => {
      if (input.action === "close" && err instanceof AppError && err.code === "plan.not_found")
        return null;
      throw err;
    });
    return { message, plan };
  });
}

/** The employee's own closing reflection, after the plan closes. */
export async function saveEmployeeReflection(
  deps: Deps,
  { actor, id, employeeReflection }: { actor: PersonActor; id: string; employeeReflection: string },
) {
  await withSealedRefusals(deps, actor, () => reflect(deps, { actor, id, employeeReflection }));
  return readPlanDetail(deps, { actor, id });
}

async function reflect(
  deps: Deps,
  { actor, id, employeeReflection }: { actor: PersonActor; id: string; employeeReflection: string },
) {
  await write(deps, async (w) => {
    const { plan } = await lockVisiblePlan(w.tx, actor, id, w.now);
    if (plan.employeeId !== actor.personId)
      throw new AppError(
        "plan.forbidden",
        "Only the employee the plan is about writes the employee's reflection.",
      );
    if (plan.status !== "closed")
      throw new AppError(
        "plan.invalid_transition",
        "The closing reflection is written once the plan is closed.",
        { status: plan.status, allowed: lifecycleActions(plan, await isPending(w.tx, plan)) },
      );
    await w.tx
      .update(plans)
      .set({ employeeReflection, version: plan.version + 1, updatedAt: w.now })
      .where(eq(plans.id, plan.id));
    await w.audit({
      actor,
      action: "plan.employee_reflection",
      subjectType: "plan",
      subjectId: plan.id,
      data: { length: employeeReflection.length },
      change: { employeeReflection },
    });
    await notify(deps, w, {
      personIds: [plan.managerId],
      kind: "plan.employee_reflection",
      title: "A closing reflection was added to a success plan",
      link: `/plans/${plan.id}`,
      subjectType: "plan",
      subjectId: plan.id,
    });
  });
}

// ---------- versions ----------

async function loadVersion(
  deps: Deps,
  actor: PersonActor,
  id: string,
  number: number,
  what: SealedRead,
) {
  const db = deps.database.db;
  const { plan } = await loadPlanForReading(deps, { actor, id, what });
  const version = await findVersion(db, plan.id, number);
  if (!version) throw notFound("version", "plan.version_not_found");
  return version;
}

export async function getPlanVersion(
  deps: Deps,
  { actor, id, number }: { actor: PersonActor; id: string; number: number },
) {
  const v = await loadVersion(deps, actor, id, number, "version");
  return {
    number: v.number,
    createdAt: v.createdAt.toISOString(),
    changeSummary: v.changeSummary,
    acknowledgedAt: iso(v.acknowledgedAt),
    snapshot: v.snapshot as PlanSnapshot,
  };
}

/** What changed in version n compared with version n − 1, as sentences. */
export async function getVersionChanges(
  deps: Deps,
  { actor, id, number }: { actor: PersonActor; id: string; number: number },
) {
  const v = await loadVersion(deps, actor, id, number, "version_changes");
  const previous = number > 1 ? await findVersion(deps.database.db, id, number - 1) : null;
  const changes = previous
    ? describeChanges(previous.snapshot as PlanSnapshot, v.snapshot as PlanSnapshot)
    : [];
  const reasons = v.changeSummary
    .split("\n")
    .filter((line) => line.startsWith("Reason for the extension:"));
  return {
    number: v.number,
    previous: previous ? previous.number : null,
    changes: [...changes, ...reasons],
  };
}

// ---------- private notes ----------

export async function addPrivateNote(
  deps: Deps,
  { actor, id, body }: { actor: PersonActor; id: string; body: string },
) {
  return withSealedRefusals(deps, actor, () => writePrivateNote(deps, { actor, id, body }));
}

async function writePrivateNote(
  deps: Deps,
  { actor, id, body }: { actor: PersonActor; id: string; body: string },
) {
  return write(deps, async (w) => {
    const { plan, resource } = await lockVisiblePlan(w.tx, actor, id, w.now);
    if (!can(actor, "plan.private_note", resource)) throw notFound("plan");
    const keys = await keyringFor(deps, w.tx);
    const [note] = await w.tx
      .insert(planPrivateNotes)
      .values({
        planId: plan.id,
        authorId: actor.personId,
        body: keys.seal("plan_private_notes.body", body),
        createdAt: w.now,
      })
      .returning();
    // The note's text never enters the log: only its id (and, through the digest, proof of it).
    await w.audit({
      actor,
      action: "plan.private_note_added",
      subjectType: "plan",
      subjectId: plan.id,
      data: { noteId: note!.id },
      change: { noteId: note!.id, body },
    });
    return { id: note!.id, body, createdAt: note!.createdAt.toISOString() };
  });
}
