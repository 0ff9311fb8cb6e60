import { createHash } from "node:crypto";
import { hrCovers } from "../../access/access.policy.js";
import type { PlanResource } from "../../access/access.types.js";
import { AppError } from "../../api/errors.js";
import { allOf, type DbOrTx } from "../../db/client.js";
import type { PersonActor } from "../auth/auth.service.js";
import type { Keyring } from "../keys/keys.service.js";
import {
  findPlanDocument,
  type PlanDocumentRows,
  type PlanRow,
} from "../plans/plans.repository.js";
import { findHistory, findOverrides, findPolicy, type OverrideRow } from "./review.repository.js";
import { reviewCodes, reviewPlan } from "./review.rules.js";
import type { Finding, PlanForReview } from "./review.types.js";

// The review of one saved plan (or of a draft of it), with HR's overrides applied. Shared by the
// review's own use cases and by the lifecycle, which refuses to approve or issue a plan with an
// open blocker.

/** A plan is the wrong tool when its outcome is already decided: no override can change that. */
const notOverridable = new Set(["plan.good_faith_failed"]);

export type ReviewedFinding = Finding & {
  title: string;
  overridable: boolean;
  override: { reason: string; author: { id: string; name: string }; createdAt: string } | null;
};

export type Evaluation = {
  findings: ReviewedFinding[];
  reviewedAt: Date;
};

const isoDay = (d: Date | null) => (d ? d.toISOString() : null);

export function planForReview(plan: PlanRow, doc: PlanDocumentRows): PlanForReview {
  return {
    issued: plan.issuedVersion > 0,
    standard: plan.standard,
    startDate: plan.startDate,
    endDate: plan.endDate,
    cadenceDays: plan.cadenceDays,
    goodFaith: plan.goodFaith,
    evidence: doc.evidence.map((e) => ({
      title: e.title,
      description: e.description,
      impact: e.impact,
      answeredAt: isoDay(e.answeredAt),
    })),
    causes: doc.causes.map((c) => ({ cause: c.cause, notes: c.notes })),
    goals: doc.goals.map((g) => ({
      description: g.description,
      metric: g.metric,
      unit: g.unit,
      direction: g.direction,
      baseline: g.baseline,
      target: g.target,
      measurement: g.measurement,
      dueDate: g.dueDate,
      resources: g.resources.map((r) => ({ kind: r.kind, description: r.description })),
      milestones: g.milestones.map((m) => ({
        title: m.title,
        dueDate: m.dueDate,
        target: m.target,
      })),
    })),
  };
}

/** What an override is bound to: the finding exactly as HR read it. */
export function fingerprintOf(f: Pick<Finding, "code" | "path" | "message">): string {
  return createHash("sha256").update(`${f.code}\n${f.path}\n${f.message}`).digest("hex");
}

export async function evaluatePlan(
  db: DbOrTx,
  plan: PlanRow,
  {
    now,
    draft,
    reference,
    keys,
  }: {
    now: Date;
    /** Protected activities are encrypted: the review reads them through the keyring. */
    keys: Keyring;
    draft?: Omit<PlanForReview, "issued">;
    /** The day "before the plan" is counted from; by default its issue, or now. */
    reference?: Date;
  },
): Promise<Evaluation> {
  const subject: PlanForReview = draft
    ? { ...draft, issued: plan.issuedVersion > 0 }
    : planForReview(plan, await findPlanDocument(db, plan.id));
  const [policy, history, overrides] = await allOf(db, [
    () => findPolicy(db),
    () =>
      findHistory(
        db,
        plan,
        subject.goals.map((g) => g.metric),
        keys,
      ),
    () => findOverrides(db, plan.id),
  ]);
  // An issued plan is judged as it stood when the employee received it.
  const findings = reviewPlan({
    plan: subject,
    history,
    policy,
    now: reference ?? plan.issuedAt ?? now,
  });
  return { findings: findings.map((f) => annotate(f, overrides)), reviewedAt: now };
}

/** A finding with HR's override applied, if one still holds (the risk report reviews many plans at once). */
export function annotate(f: Finding, overrides: OverrideRow[]): ReviewedFinding {
  const overridable = f.severity === "blocker" && !notOverridable.has(f.code);
  const fingerprint = fingerprintOf(f);
  const o = overridable
    ? overrides.findLast(
        (x) => x.code === f.code && x.path === f.path && x.fingerprint === fingerprint,
      )
    : undefined;
  return {
    ...f,
    audience: f.audience ?? "all",
    title: reviewCodes[f.code as keyof typeof reviewCodes]?.title ?? f.code,
    overridable,
    override: o
      ? {
          reason: o.reason,
          author: { id: o.authorId, name: o.authorName },
          createdAt: o.createdAt.toISOString(),
        }
      : null,
  };
}

/** HR in scope who are neither the employee nor anyone above them: they may see every finding. */
export function seesHrFindings(
  actor: PersonActor,
  plan: Pick<PlanRow, "managerId" | "employeeId">,
  resource: Pick<PlanResource, "employeeDepartment" | "employeeManagerChain">,
) {
  return (
    actor.personId !== plan.managerId &&
    actor.personId !== plan.employeeId &&
    !resource.employeeManagerChain.includes(actor.personId) &&
    hrCovers(actor, resource.employeeDepartment)
  );
}

export const isOpenBlocker = (f: ReviewedFinding) => f.severity === "blocker" && !f.override;

/** What a viewer may read: findings built on facts only HR may know stay with HR. */
export function visibleTo(findings: ReviewedFinding[], seesHrFindings: boolean) {
  return findings.filter((f) => seesHrFindings || f.audience !== "hr");
}

/**
 * The lifecycle's gate: no approval and no issue while a blocker is open. The message names
 * what the actor may see; a blocker only HR may see is never described to anyone else.
 */
export async function assertReviewClear(
  db: DbOrTx,
  plan: PlanRow,
  {
    now,
    action,
    seesHrFindings,
    keys,
  }: { now: Date; action: "approve" | "issue"; seesHrFindings: boolean; keys: Keyring },
): Promise<void> {
  const { findings } = await evaluatePlan(db, plan, { now, keys });
  refuseBlockers(findings.filter(isOpenBlocker), { action, seesHrFindings });
}

/**
 * A change to an issued plan becomes a new version the employee sees at once: it may not bring a
 * blocker the plan did not already have.
 */
export async function assertChangeAddsNoBlocker(
  db: DbOrTx,
  { before, after }: { before: Evaluation; after: PlanRow },
  { now, seesHrFindings, keys }: { now: Date; seesHrFindings: boolean; keys: Keyring },
): Promise<void> {
  const known = new Set(before.findings.filter(isOpenBlocker).map((f) => `${f.code}@${f.path}`));
  const { findings } = await evaluatePlan(db, after, { now, reference: now, keys });
  refuseBlockers(
    findings.filter((f) => isOpenBlocker(f) && !known.has(`${f.code}@${f.path}`)),
    { action: "change", seesHrFindings },
  );
}

function refuseBlockers(
  open: ReviewedFinding[],
  { action, seesHrFindings }: { action: "approve" | "issue" | "change"; seesHrFindings: boolean },
): void {
  if (!open.length) return;
  const visible = visibleTo(open, seesHrFindings);
  const verb = action === "approve" ? "approved" : action === "issue" ? "issued" : "changed";
  if (!visible.length)
    throw new AppError(
      "plan.review_blocked",
      `Your HR partner must look at this plan again before it can be ${verb}. Nothing was changed.`,
      { blockers: [] },
    );
  throw new AppError(
    "plan.review_blocked",
    `The review found ${visible.length === 1 ? "a blocker" : `${visible.length} blockers`} (${visible
      .map((f) => f.title.toLowerCase())
      .join(
        ", ",
      )}). Fix ${visible.length === 1 ? "it" : "them"}, or HR overrides ${visible.length === 1 ? "it" : "them"} with a written reason, before the plan can be ${verb}. Nothing was changed.`,
    {
      blockers: visible.map((f) => ({
        code: f.code,
        path: f.path,
        message: f.message,
        overridable: f.overridable,
      })),
    },
  );
}
