import { write } from "../src/db/transaction.js";
import type { Deps } from "../src/deps.js";
import { people } from "../src/modules/org/org.table.js";
import { addDaysIso } from "../src/modules/plans/plans.rules.js";
import {
  planCauses,
  planCheckins,
  planGoals,
  planResources,
  plans,
} from "../src/modules/plans/plans.table.js";
import type {
  CauseKind,
  CheckinStatus,
  Outcome,
  PlanStatus,
  ResourceKind,
  ResourceStatus,
} from "../src/modules/plans/plans.types.js";
import { recordEvent } from "../src/modules/record/record.service.js";
import type { PlanRow } from "./factories.js";

// Factories for insight: plans written straight into the tables in the state a report reads
// (issued, closed with an outcome, extended on a given day, with causes, resources and
// check-ins), and many people at once. Nothing here goes through the plan service, so a test
// can build a whole organisation's history in a few statements.

type NewPerson = Partial<typeof people.$inferInsert>;
export type PersonRow = typeof people.$inferSelect;

let counter = 0;

/**
 * Many people in one statement (and one audit event): for reports that count groups. Names and
 * emails are filled in; give department, managerId, demographics, active, hireDate as needed.
 */
export async function makePeopleInBulk(deps: Deps, rows: NewPerson[]): Promise<PersonRow[]> {
  if (rows.length === 0) return [];
  return write(deps, async (w) => {
    const inserted = await w.tx
      .insert(people)
      .values(
        rows.map((r) => {
          counter += 1;
          const name = r.name ?? `Bulk Person ${counter}`;
          return {
            email: `bulk.${counter}.${Math.random().toString(36).slice(2, 8)}@example.com`,
            title: "Engineer",
            department: "Engineering",
            ...r,
            name,
          };
        }),
      )
      .returning();
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "person.created",
      subjectType: "person",
      data: { count: inserted.length },
    });
    return inserted;
  });
}

/** An ISO day (at 10:00 UTC) or a full ISO timestamp, as a Date. */
export function at(dayOrIso: string): Date {
  return new Date(dayOrIso.length === 10 ? `${dayOrIso}T10:00:00.000Z` : dayOrIso);
}

export type InsightPlanSpec = {
  employee: { id: string };
  manager: { id: string };
  /** Default: "closed" with an outcome, "active" when issued, "draft" otherwise. */
  status?: PlanStatus;
  outcome?: Outcome;
  /** The day it was issued; left out (or null), it never was. */
  issuedOn?: string | null;
  /** The day it closed (needed with an outcome). */
  closedOn?: string;
  startDate?: string;
  endDate?: string;
  causes?: CauseKind[];
  /** Each resource with its status as the plan stands (at close, for a closed plan). */
  resources?: { kind: ResourceKind; status: ResourceStatus }[];
  /** Check-ins on these days: held with a confidence unless said otherwise. */
  checkins?: { on: string; confidence?: number | null; status?: CheckinStatus }[];
  /** Days on which the plan was extended (a `plan.extend` event is recorded on each). */
  extendedOn?: string[];
};

/**
 * A plan in exactly the state a report reads, written in one transaction: its causes, one goal
 * carrying its resources, its check-ins, and the audit events of its extensions on their days.
 */
export async function makeInsightPlan(deps: Deps, spec: InsightPlanSpec): Promise<PlanRow> {
  const issuedAt = spec.issuedOn ? at(spec.issuedOn) : null;
  const closedAt = spec.closedOn ? at(spec.closedOn) : null;
  const status: PlanStatus =
    spec.status ?? (spec.outcome ? "closed" : issuedAt ? "active" : "draft");
  const startDate = spec.startDate ?? spec.issuedOn ?? "2025-01-06";
  const endDate = spec.endDate ?? addDaysIso(startDate, 42);
  const createdAt = issuedAt ? new Date(issuedAt.getTime() - 7 * 86_400_000) : deps.clock();
  return write(deps, async (w) => {
    const [plan] = await w.tx
      .insert(plans)
      .values({
        employeeId: spec.employee.id,
        managerId: spec.manager.id,
        status,
        standard: "Answer code reviews within two working days.",
        startDate,
        endDate,
        goodFaith: "yes",
        outcome: spec.outcome ?? null,
        issuedVersion: issuedAt ? 1 : 0,
        createdAt,
        updatedAt: closedAt ?? issuedAt ?? createdAt,
        submittedAt: issuedAt ? createdAt : null,
        issuedAt,
        closedAt,
      })
      .returning();
    const planId = plan!.id;
    if (spec.causes?.length)
      await w.tx.insert(planCauses).values(spec.causes.map((cause) => ({ planId, cause })));
    if (spec.resources?.length) {
      const [goal] = await w.tx
        .insert(planGoals)
        .values({ planId, description: "Answer code reviews within two working days" })
        .returning({ id: planGoals.id });
      await w.tx.insert(planResources).values(
        spec.resources.map((r, i) => ({
          goalId: goal!.id,
          kind: r.kind,
          status: r.status,
          description: `${r.kind} ${i + 1}`,
        })),
      );
    }
    if (spec.checkins?.length)
      await w.tx.insert(planCheckins).values(
        spec.checkins.map((k) => {
          const held = (k.status ?? "held") === "held";
          return {
            planId,
            scheduledOn: k.on,
            status: k.status ?? "held",
            heldOn: held ? k.on : null,
            confidence: held ? (k.confidence ?? null) : null,
            recordedAt: held ? at(k.on) : null,
          };
        }),
      );
    for (const day of spec.extendedOn ?? [])
      await recordEvent(w.tx, {
        secret: deps.config.secret,
        now: at(day),
        input: {
          actor: { kind: "system", label: "test" },
          action: "plan.extend",
          subjectType: "plan",
          subjectId: planId,
          data: { to: "extended" },
        },
      });
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "plan.created",
      subjectType: "plan",
      subjectId: planId,
    });
    return plan!;
  });
}
