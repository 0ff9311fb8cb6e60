import { and, asc, eq, gte, inArray, isNull, lt, lte } from "drizzle-orm";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { notify } from "../notify/notify.service.js";
import { runEngagementCheck } from "./plans.engagement.service.js";
import { isoDay, planLink } from "./plans.participation.service.js";
import { addDaysIso } from "./plans.rules.js";
import { planCheckins, plans } from "./plans.table.js";

// Check-in reminders: "due tomorrow" to both sides, and check-ins whose day passed unheld marked
// missed. A record of missed check-ins matters: a manager who skips them is a signal.

/** Plans whose check-ins are reminded and can be missed; a paused plan has none due. */
const remindedStatuses = ["issued", "acknowledged", "active", "extended"] as const;
const SYSTEM = { kind: "system", label: "reminders" } as const;
const BATCH = 100;

/** Ends a pass that found nothing (or only rows another instance holds) without writing. */
const nothingToDo = new Error("nothing to do");

/** A write that may find nothing to do: then it rolls back instead of leaving an empty event. */
async function claim(deps: Deps, fn: Parameters<typeof write<number>>[1]): Promise<number> {
  try {
    return await write(deps, fn);
  } catch (err) {
    if (err === nothingToDo) return 0;
    throw err;
  }
}

/**
 * One pass of the reminders. Safe to run on several instances at once: rows are claimed with
 * FOR UPDATE SKIP LOCKED, and each reminder is recorded on its row (and deduplicated per person),
 * so it goes out once. Returns what was done.
 */
export async function runPlanReminders(
  deps: Deps,
): Promise<{ dueReminders: number; missed: number; engagementSignals: number }> {
  const today = isoDay(deps.clock());
  const tomorrow = addDaysIso(today, 1);
  let dueReminders = 0;
  let missed = 0;

  // Due: tomorrow (or today, when the reminder of yesterday's pass did not run).
  for (;;) {
    const done = await claim(deps, async (w) => {
      const rows = await w.tx
        .select({ checkin: planCheckins, plan: plans })
        .from(planCheckins)
        .innerJoin(plans, eq(plans.id, planCheckins.planId))
        .where(
          and(
            eq(planCheckins.status, "scheduled"),
            isNull(planCheckins.dueReminderSentAt),
            gte(planCheckins.scheduledOn, today),
            lte(planCheckins.scheduledOn, tomorrow),
            inArray(plans.status, [...remindedStatuses]),
          ),
        )
        .orderBy(asc(planCheckins.scheduledOn), asc(planCheckins.id))
        .limit(BATCH)
        .for("update", { of: planCheckins, skipLocked: true });
      if (rows.length === 0) throw nothingToDo;
      for (const { checkin, plan } of rows) {
        const when = checkin.scheduledOn === today ? "today" : "tomorrow";
        await notify(deps, w, {
          personIds: [plan.employeeId, plan.managerId],
          kind: "plan.checkin_due",
          title: `Check-in due ${when}`,
          body: `The success plan's check-in is scheduled for ${checkin.scheduledOn}. Bring the numbers for each goal; the employee adds how confident they feel.`,
          link: planLink(plan.id),
          subjectType: "plan",
          subjectId: plan.id,
          dedupeKey: `checkin-due:${checkin.id}`,
        });
        await w.tx
          .update(planCheckins)
          .set({ dueReminderSentAt: w.now })
          .where(eq(planCheckins.id, checkin.id));
        await w.audit({
          actor: SYSTEM,
          action: "plan.checkin_reminder_sent",
          subjectType: "plan",
          subjectId: plan.id,
          data: { checkinId: checkin.id, scheduledOn: checkin.scheduledOn },
        });
      }
      return rows.length;
    });
    dueReminders += done;
    if (done < BATCH) break;
  }

  // Missed: the day passed and nobody recorded the check-in as held.
  for (;;) {
    const done = await claim(deps, async (w) => {
      const rows = await w.tx
        .select({ checkin: planCheckins, plan: plans })
        .from(planCheckins)
        .innerJoin(plans, eq(plans.id, planCheckins.planId))
        .where(
          and(
            eq(planCheckins.status, "scheduled"),
            lt(planCheckins.scheduledOn, today),
            inArray(plans.status, [...remindedStatuses]),
          ),
        )
        .orderBy(asc(planCheckins.scheduledOn), asc(planCheckins.id))
        .limit(BATCH)
        .for("update", { of: planCheckins, skipLocked: true });
      if (rows.length === 0) throw nothingToDo;
      for (const { checkin, plan } of rows) {
        await w.tx
          .update(planCheckins)
          .set({ status: "missed" })
          .where(eq(planCheckins.id, checkin.id));
        await w.audit({
          actor: SYSTEM,
          action: "plan.checkin_missed",
          subjectType: "plan",
          subjectId: plan.id,
          data: { checkinId: checkin.id, scheduledOn: checkin.scheduledOn },
        });
        await notify(deps, w, {
          personIds: [plan.employeeId, plan.managerId],
          kind: "plan.checkin_missed",
          title: "Check-in missed",
          body: `The check-in scheduled for ${checkin.scheduledOn} was not recorded as held, and is now marked missed. If it did take place, the manager can still record it.`,
          link: planLink(plan.id),
          subjectType: "plan",
          subjectId: plan.id,
          dedupeKey: `checkin-missed:${checkin.id}`,
        });
      }
      return rows.length;
    });
    missed += done;
    if (done < BATCH) break;
  }
  // Then engagement signals (after missed check-ins are marked): the manager is asked to talk
  // first and HR is told, once per signal and plan.
  const engagement = await runEngagementCheck(deps);
  return { dueReminders, missed, engagementSignals: engagement.raised };
}
