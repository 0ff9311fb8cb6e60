import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { can } from "../../access/access.policy.js";
import type { Action } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { findConcernIdsAbout } from "../concerns/concerns.repository.js";
import { keyringFor } from "../keys/keys.service.js";
import { notify } from "../notify/notify.service.js";
import { findPersonById } from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import { planResourceOf } from "../plans/plans.participation.service.js";
import { findPlanForUpdate } from "../plans/plans.repository.js";
import { loadPlanForReading } from "../plans/plans.sealing.service.js";
import { plans } from "../plans/plans.table.js";
import {
  type Evaluation,
  evaluatePlan,
  fingerprintOf,
  isOpenBlocker,
  type ReviewedFinding,
  seesHrFindings,
  visibleTo,
} from "./review.evaluate.js";
import { checkGoal, checkWording } from "./review.language.js";
import { findPolicy, findPriorNotice, findProtectedActivities } from "./review.repository.js";
import { reviewPlan } from "./review.rules.js";
import type { PlanCheck } from "./review.schemas.js";
import {
  planFindingOverrides,
  planPriorNotice,
  protectedActivities,
  reviewPolicies,
} from "./review.table.js";
import {
  defaultPolicy,
  type PlanForReview,
  type PriorNoticeKind,
  type ProtectedActivityKind,
  priorNoticeLabels,
  type ReviewPolicy,
} from "./review.types.js";

// The plan review: findings for a plan or a draft, HR's overrides, the manager's record of prior
// notice, HR's record of protected activities, and the organisation's thresholds.

/** Reading a plan's review or prior notice: a sealed plan's reads (and refusals) are recorded. */
async function loadPlan(
  deps: Deps,
  actor: PersonActor,
  id: string,
  action: Action,
  what: "review" | "prior_notice",
) {
  const { plan, resource } = await loadPlanForReading(deps, { actor, id, what });
  if (!can(actor, action, resource))
    throw new AppError("review.forbidden", forbiddenMessage[action] ?? "You may not do this.");
  return { plan, resource };
}

const forbiddenMessage: Partial<Record<Action, string>> = {
  "plan.view_review": "The review of a plan is for its manager and HR.",
  "plan.override_finding":
    "Only HR in scope, who do not manage this plan, can override a blocker, and only before the plan is issued.",
  "plan.edit": "Only the plan's manager can record when the issue was raised before.",
};

function present(ev: Evaluation, seesHr: boolean, canOverride: boolean) {
  const findings = visibleTo(ev.findings, seesHr).map(({ audience: _, ...f }) => f);
  const open = findings.filter((f) => isOpenBlocker(f as ReviewedFinding)).length;
  return {
    findings,
    summary: {
      openBlockers: open,
      overridden: findings.filter((f) => f.override).length,
      warnings: findings.filter((f) => f.severity === "warning").length,
      info: findings.filter((f) => f.severity === "info").length,
    },
    clear: open === 0,
    canOverride,
    reviewedAt: ev.reviewedAt.toISOString(),
  };
}
export type PlanReview = ReturnType<typeof present>;

export async function getPlanReview(
  deps: Deps,
  { actor, id, draft }: { actor: PersonActor; id: string; draft?: Omit<PlanForReview, "issued"> },
): Promise<PlanReview> {
  const db = deps.database.db;
  const { plan, resource } = await loadPlan(deps, actor, id, "plan.view_review", "review");
  const ev = await evaluatePlan(db, plan, {
    now: deps.clock(),
    draft,
    keys: await keyringFor(deps),
  });
  return present(
    ev,
    seesHrFindings(actor, plan, resource),
    can(actor, "plan.override_finding", resource),
  );
}

export async function overrideFinding(
  deps: Deps,
  {
    actor,
    id,
    code,
    path,
    reason,
  }: { actor: PersonActor; id: string; code: string; path: string; reason: string },
): Promise<PlanReview> {
  const review = await write(deps, async (w) => {
    const plan = await findPlanForUpdate(w.tx, id);
    if (!plan) throw notFound("plan");
    const resource = await planResourceOf(w.tx, plan);
    if (!can(actor, "plan.view", resource)) throw notFound("plan");
    if (!can(actor, "plan.override_finding", resource))
      throw new AppError("review.forbidden", forbiddenMessage["plan.override_finding"]!);
    const seesHr = seesHrFindings(actor, plan, resource);
    const ev = await evaluatePlan(w.tx, plan, { now: w.now, keys: await keyringFor(deps, w.tx) });
    const finding = visibleTo(ev.findings, seesHr).find((f) => f.code === code && f.path === path);
    if (!finding)
      throw new AppError(
        "review.finding_not_found",
        "The review does not report this finding on the plan as it stands now. Reload the review.",
      );
    if (!finding.overridable)
      throw new AppError(
        "review.not_overridable",
        finding.severity === "blocker"
          ? "This blocker cannot be overridden: change the plan instead."
          : "Only blockers are overridden; warnings and notes do not stop a plan.",
      );
    if (finding.override)
      throw new AppError(
        "review.override_exists",
        `${finding.override.author.name} already overrode this blocker.`,
      );
    const [row] = await w.tx
      .insert(planFindingOverrides)
      .values({
        planId: plan.id,
        code,
        path,
        audience: finding.audience === "hr" ? "hr" : "all",
        reason,
        fingerprint: fingerprintOf(finding),
        authorId: actor.personId,
        createdAt: w.now,
      })
      .returning({ id: planFindingOverrides.id });
    // The reason may rest on something only HR may know: the log keeps its digest, not its text.
    // An override of a finding only HR may see is logged as a neutral HR record, so the trail
    // (which admins read) does not say a protected activity exists.
    await w.audit(
      finding.audience === "hr"
        ? {
            actor,
            action: "hr.confidential_recorded",
            subjectType: "hr_record",
            subjectId: row!.id,
            change: { planId: plan.id, code, path, reason },
          }
        : {
            actor,
            action: "plan.finding_overridden",
            subjectType: "plan",
            subjectId: plan.id,
            data: { overrideId: row!.id, code, path },
            change: { code, path, reason },
          },
    );
    if (finding.audience !== "hr")
      await notify(deps, w, {
        personIds: [plan.managerId].filter((p) => p !== actor.personId),
        kind: "plan.finding_overridden",
        title: `HR overrode a blocker on a success plan: ${finding.title}`,
        body: reason,
        link: `/plans/${plan.id}`,
        subjectType: "plan",
        subjectId: plan.id,
      });
    return { plan, resource, seesHr };
  });
  const ev = await evaluatePlan(deps.database.db, review.plan, {
    now: deps.clock(),
    keys: await keyringFor(deps),
  });
  return present(ev, review.seesHr, can(actor, "plan.override_finding", review.resource));
}

// ---------- prior notice ----------

function presentNotice(n: Awaited<ReturnType<typeof findPriorNotice>>[number]) {
  return {
    id: n.id,
    heldOn: n.heldOn,
    kind: n.kind,
    kindLabel: priorNoticeLabels[n.kind],
    summary: n.summary,
    createdAt: n.createdAt.toISOString(),
  };
}
export type PriorNotice = ReturnType<typeof presentNotice>;

export async function listPriorNotice(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
) {
  const db = deps.database.db;
  const { plan } = await loadPlan(deps, actor, id, "plan.view", "prior_notice");
  return { items: (await findPriorNotice(db, plan.id)).map(presentNotice) };
}

/** Prior notice is part of what HR reviews: it is written before the plan is issued, not after. */
async function lockForNotice(w: Write, actor: PersonActor, id: string) {
  const tx = w.tx;
  const plan = await findPlanForUpdate(tx, id);
  if (!plan) throw notFound("plan");
  const resource = await planResourceOf(tx, plan);
  if (!can(actor, "plan.view", resource)) throw notFound("plan");
  if (!can(actor, "plan.edit", resource) || actor.personId !== plan.managerId)
    throw new AppError("review.forbidden", forbiddenMessage["plan.edit"]!);
  if (plan.issuedVersion > 0 || plan.status === "closed")
    throw new AppError(
      "plan.not_editable.conflict",
      "The plan has reached the employee: what was said before it is now part of the record and cannot change.",
    );
  // HR reviewed the plan with the prior notice it had: a change sends it back, as any edit does.
  if (plan.status === "in_review" || plan.status === "approved") {
    await tx
      .update(plans)
      .set({ status: "draft", version: plan.version + 1, updatedAt: w.now })
      .where(eq(plans.id, plan.id));
    return { ...plan, returnedToDraft: true as const };
  }
  return { ...plan, returnedToDraft: false as const };
}

export async function addPriorNotice(
  deps: Deps,
  {
    actor,
    id,
    input,
  }: {
    actor: PersonActor;
    id: string;
    input: { heldOn: string; kind: PriorNoticeKind; summary: string };
  },
) {
  if (input.heldOn > deps.clock().toISOString().slice(0, 10))
    throw new AppError(
      "validation.failed",
      "Prior notice has already happened: choose a past date.",
      [{ path: "heldOn", message: "Choose a date that is not in the future." }],
    );
  return write(deps, async (w) => {
    const plan = await lockForNotice(w, actor, id);
    const [row] = await w.tx
      .insert(planPriorNotice)
      .values({ planId: plan.id, ...input, authorId: actor.personId, createdAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: "plan.prior_notice_added",
      subjectType: "plan",
      subjectId: plan.id,
      data: {
        priorNoticeId: row!.id,
        heldOn: input.heldOn,
        kind: input.kind,
        ...(plan.returnedToDraft ? { returnedToDraft: true } : {}),
      },
      change: input,
    });
    return presentNotice(row!);
  });
}

export async function removePriorNotice(
  deps: Deps,
  { actor, id, noticeId }: { actor: PersonActor; id: string; noticeId: string },
) {
  return write(deps, async (w) => {
    const plan = await lockForNotice(w, actor, id);
    const removed = await w.tx
      .delete(planPriorNotice)
      .where(and(eq(planPriorNotice.planId, plan.id), eq(planPriorNotice.id, noticeId)))
      .returning();
    if (!removed.length) throw notFound("prior notice", "prior_notice.not_found");
    await w.audit({
      actor,
      action: "plan.prior_notice_removed",
      subjectType: "plan",
      subjectId: plan.id,
      data: { priorNoticeId: noticeId, ...(plan.returnedToDraft ? { returnedToDraft: true } : {}) },
      change: removed[0],
    });
    return { removed: noticeId };
  });
}

// ---------- protected activities (HR only) ----------

const activityLabels: Record<ProtectedActivityKind, string> = {
  complaint: "Complaint",
  grievance: "Grievance",
  promotion_request: "Promotion request",
  transfer_request: "Transfer request",
  leave: "Leave",
  accommodation_request: "Accommodation request",
};

async function loadPerson(db: DbOrTx, actor: PersonActor, id: string, action: Action) {
  const person = await findPersonById(db, id);
  if (!person) throw notFound("person");
  const resource = await personResource(db, person);
  if (!can(actor, "person.view_record", resource) || !can(actor, action, resource))
    throw notFound("person");
  return person;
}

function presentActivity(a: Awaited<ReturnType<typeof findProtectedActivities>>[number]) {
  return {
    id: a.id,
    kind: a.kind,
    kindLabel: activityLabels[a.kind],
    occurredOn: a.occurredOn,
    note: a.note,
    recordedAt: a.recordedAt.toISOString(),
  };
}
export type ProtectedActivity = ReturnType<typeof presentActivity>;

export async function listProtectedActivities(
  deps: Deps,
  { actor, personId }: { actor: PersonActor; personId: string },
) {
  const db = deps.database.db;
  const person = await loadPerson(db, actor, personId, "person.view_protected_activities");
  const keys = await keyringFor(deps);
  // What HR recorded from a confidential concern never reaches the person the concern is about.
  const hidden = new Set(await findConcernIdsAbout(db, actor.personId));
  return {
    items: (await findProtectedActivities(db, person.id, keys))
      .filter((a) => !a.concernId || !hidden.has(a.concernId))
      .map(presentActivity),
  };
}

export async function recordProtectedActivity(
  deps: Deps,
  {
    actor,
    personId,
    input,
    concernId,
  }: {
    actor: PersonActor;
    personId: string;
    input: { kind: ProtectedActivityKind; occurredOn: string; note: string };
    /** The confidential concern it is recorded from (the caller checked HR may read it). */
    concernId?: string;
  },
) {
  if (input.occurredOn > deps.clock().toISOString().slice(0, 10))
    throw new AppError("validation.failed", "Record what has happened: choose a past date.", [
      { path: "occurredOn", message: "Choose a date that is not in the future." },
    ]);
  return write(deps, async (w) => {
    const person = await loadPerson(w.tx, actor, personId, "person.record_protected_activity");
    const keys = await keyringFor(deps, w.tx);
    const [row] = await w.tx
      .insert(protectedActivities)
      .values({
        personId: person.id,
        kind: keys.seal("protected_activities.kind", input.kind),
        occurredOn: keys.seal("protected_activities.occurred_on", input.occurredOn),
        note: keys.seal("protected_activities.note", input.note),
        concernId: concernId ?? null,
        recordedById: actor.personId,
        recordedAt: w.now,
      })
      .returning();
    // Neither the kind nor the person goes into the log: that someone complained is itself
    // confidential, and admins read the trail. The digest still proves the record.
    await w.audit({
      actor,
      action: "hr.confidential_recorded",
      subjectType: "hr_record",
      subjectId: row!.id,
      change: { personId: person.id, ...input, ...(concernId ? { concernId } : {}) },
    });
    // A plan on its way to this person goes back to HR's review, which now shows the risk.
    for (const plan of await w.tx
      .select()
      .from(plans)
      .where(and(eq(plans.employeeId, person.id), eq(plans.status, "approved")))) {
      await w.tx
        .update(plans)
        .set({ status: "in_review", version: plan.version + 1, updatedAt: w.now })
        .where(eq(plans.id, plan.id));
      await w.audit({
        actor,
        action: "plan.review_reopened",
        subjectType: "plan",
        subjectId: plan.id,
        data: { from: "approved", to: "in_review" },
      });
      if (plan.hrPartnerId && plan.hrPartnerId !== actor.personId)
        await notify(deps, w, {
          personIds: [plan.hrPartnerId],
          kind: "plan.review_reopened",
          title: "A success plan needs your review again",
          body: "Something HR recorded changes this plan's review. Open it before it is issued.",
          link: `/plans/${plan.id}`,
          subjectType: "plan",
          subjectId: plan.id,
        });
    }
    return presentActivity({ ...row!, ...input });
  });
}

// ---------- policy and text checks ----------

export async function getPolicy(deps: Deps) {
  return findPolicy(deps.database.db);
}

export async function updatePolicy(
  deps: Deps,
  { actor, patch }: { actor: PersonActor; patch: Partial<ReviewPolicy> },
): Promise<ReviewPolicy> {
  if (!can(actor, "org.update_review_policy", { type: "org" }))
    throw new AppError(
      "review.forbidden",
      "The review's thresholds are set by admins and by HR for the whole organisation.",
    );
  return write(deps, async (w) => {
    const current = await findPolicy(w.tx);
    const next = { ...current, ...patch };
    await w.tx
      .insert(reviewPolicies)
      .values({ id: 1, policy: next, updatedAt: w.now })
      .onConflictDoUpdate({ target: reviewPolicies.id, set: { policy: next, updatedAt: w.now } });
    await w.audit({
      actor,
      action: "review.policy_updated",
      subjectType: "org",
      data: { changed: patch },
    });
    return next;
  });
}

export function checkGoals(texts: string[]) {
  return texts.map((t) => checkGoal(t));
}

/** Reviews a standalone draft with the history and policy it brings. Pure. */
export function checkPlanFile(input: z.infer<typeof PlanCheck>, { now }: { now: Date }) {
  const findings = reviewPlan({
    plan: input.plan,
    history: input.history,
    policy: { ...defaultPolicy, ...input.policy },
    now: input.now ? new Date(`${input.now}T12:00:00Z`) : now,
  });
  return {
    blockers: findings.filter((f) => f.severity === "blocker").length,
    findings: findings.map(({ audience: _, ...f }) => f),
  };
}

export function checkText(text: string) {
  return checkWording(text);
}
