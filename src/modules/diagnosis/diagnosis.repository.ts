import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { isUuid } from "../org/org.repository.js";
import { draftStatuses } from "../plans/plans.rules.js";
import { planCauses, plans } from "../plans/plans.table.js";
import { diagnoses } from "./diagnosis.table.js";

export type DiagnosisRow = typeof diagnoses.$inferSelect;

export async function findDiagnosisById(db: DbOrTx, id: string): Promise<DiagnosisRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(diagnoses).where(eq(diagnoses.id, id));
  return row ?? null;
}

/** The diagnosis, locked until the transaction ends (saves from two tabs queue up). */
export async function findDiagnosisForUpdate(tx: Tx, id: string): Promise<DiagnosisRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(diagnoses).where(eq(diagnoses.id, id)).for("update");
  return row ?? null;
}

/** A person's diagnoses: the one in progress first, then the latest. */
export async function findDiagnosesOfEmployee(
  db: DbOrTx,
  employeeId: string,
): Promise<DiagnosisRow[]> {
  return db
    .select()
    .from(diagnoses)
    .where(eq(diagnoses.employeeId, employeeId))
    .orderBy(desc(diagnoses.status), desc(diagnoses.updatedAt));
}

/** The person's plans still being drafted: the ones a diagnosis may inform. */
export async function findDraftPlansOf(db: DbOrTx, employeeId: string) {
  return db
    .select()
    .from(plans)
    .where(and(eq(plans.employeeId, employeeId), inArray(plans.status, [...draftStatuses])))
    .orderBy(desc(plans.updatedAt));
}

export async function findPlanCauses(db: DbOrTx, planId: string) {
  return db
    .select()
    .from(planCauses)
    .where(eq(planCauses.planId, planId))
    .orderBy(asc(planCauses.cause));
}
