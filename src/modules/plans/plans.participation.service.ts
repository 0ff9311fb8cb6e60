import type { DbOrTx } from "../../db/client.js";
import type { Write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";

// The employee's side of a plan and its check-ins. (Being built: the signatures below are the
// contract the plan service relies on.)

/** Everything about taking part in a plan, as the given actor may see it. */
export async function loadParticipation(
  _db: DbOrTx,
  _input: { planId: string; actor: PersonActor },
): Promise<{
  threads: unknown[];
  actionItems: unknown[];
  achievements: unknown[];
  responses: unknown[];
  checkins: unknown[];
  goalProgress: unknown[];
  confidenceTrend: unknown[];
}> {
  return {
    threads: [],
    actionItems: [],
    achievements: [],
    responses: [],
    checkins: [],
    goalProgress: [],
    confidenceTrend: [],
  };
}

/** Creates the scheduled check-ins when a plan starts, or reschedules them after an extension. */
export async function scheduleCheckins(
  _deps: Deps,
  _w: Write,
  _plan: { id: string; startDate: string; endDate: string; cadenceDays: number },
): Promise<void> {}
