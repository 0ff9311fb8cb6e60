import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { notify } from "../notify/notify.service.js";
import {
  claimReminder,
  findCommitmentCandidates,
  findFeedbackRequestCandidates,
  findMeetingCandidates,
  findOnboardingStageCandidates,
} from "./reminders.repository.js";
import {
  commitmentReminders,
  FEEDBACK_REMINDER_AFTER_DAYS,
  feedbackRequestReminders,
  meetingReminders,
  ONBOARDING_DUE_WITHIN_DAYS,
  onboardingStageReminders,
  type Reminder,
  type ReminderKind,
} from "./reminders.rules.js";

const SYSTEM = { kind: "system", label: "reminders" } as const;
const DAY = 86_400_000;

/** Ends a reminder's transaction without writing: another pass sent it, or it is no longer due. */
const alreadyHandled = new Error("already handled");

export type CoachingReminderCounts = Record<ReminderKind | "agendaEmpty", number> & {
  total: number;
  /** Reminders that failed to send (logged); the next pass tries them again. */
  failed: number;
};

/**
 * Sends one reminder: claim it, tell the people, record the event — one transaction. False when
 * another pass had claimed it (then nothing is written).
 */
async function sendReminder(deps: Deps, reminder: Reminder): Promise<boolean> {
  try {
    return await write(deps, async (w) => {
      if (!(await claimReminder(w.tx, reminder.claim, w.now))) throw alreadyHandled;
      let told = 0;
      for (const n of reminder.notices) {
        const people = await notify(deps, w, {
          personIds: [n.personId],
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          subjectType: reminder.subjectType,
          subjectId: reminder.subjectId,
          dedupeKey: n.dedupeKey,
        });
        told += people.length;
      }
      // Without a claimed row, the notices are the claim: if nobody was told, it had been sent.
      if (reminder.claim.kind === "feedback_request" && told === 0) throw alreadyHandled;
      await w.audit({
        actor: SYSTEM,
        action: `reminder.${reminder.kind}`,
        subjectType: reminder.subjectType,
        subjectId: reminder.subjectId,
        data: { ...reminder.data, told },
      });
      return true;
    });
  } catch (err) {
    if (err === alreadyHandled) return false;
    throw err;
  }
}

/** Everything due now, by the rules, from the current rows. */
export async function findDueReminders(deps: Deps, now: Date): Promise<Reminder[]> {
  const db = deps.database.db;
  const today = now.toISOString().slice(0, 10);
  const [meetings, commitments, requests, stages] = await Promise.all([
    findMeetingCandidates(db, { after: now, until: new Date(now.getTime() + DAY) }),
    // Two days ahead in UTC covers "tomorrow" in every zone; the rules decide per series.
    findCommitmentCandidates(db, {
      dueBy: new Date(now.getTime() + 2 * DAY).toISOString().slice(0, 10),
    }),
    findFeedbackRequestCandidates(db, {
      remindBefore: new Date(now.getTime() - FEEDBACK_REMINDER_AFTER_DAYS * DAY),
    }),
    findOnboardingStageCandidates(db, {
      from: today,
      until: new Date(now.getTime() + ONBOARDING_DUE_WITHIN_DAYS * DAY).toISOString().slice(0, 10),
    }),
  ]);
  return [
    ...meetingReminders({ meetings, now }),
    ...commitmentReminders({ commitments, now }),
    ...feedbackRequestReminders({ requests, now }),
    ...onboardingStageReminders({ stages, now }),
  ];
}

/**
 * One pass of the coaching reminders: 1:1 tomorrow (and an empty agenda), commitments due and
 * overdue, feedback requested, onboarding stages due. Safe on several instances at once and
 * next to the CLI: each reminder is claimed in the database before it is sent. Returns how
 * many of each were sent by this pass.
 */
export async function runCoachingReminders(deps: Deps): Promise<CoachingReminderCounts> {
  const counts: CoachingReminderCounts = {
    "oneonone.upcoming": 0,
    agendaEmpty: 0,
    "commitment.due": 0,
    "commitment.overdue": 0,
    "feedback.requested": 0,
    "feedback.request_reminder": 0,
    "onboarding.stage_due": 0,
    total: 0,
    failed: 0,
  };
  for (const reminder of await findDueReminders(deps, deps.clock())) {
    let sent: boolean;
    try {
      sent = await sendReminder(deps, reminder);
    } catch (err) {
      // One bad row must not hold back everyone else's reminders.
      deps.logger.error({ err, kind: reminder.kind, ...reminder.data }, "reminder failed");
      counts.failed += 1;
      continue;
    }
    if (!sent) continue;
    counts[reminder.kind] += 1;
    if (reminder.data.agendaEmpty === true) counts.agendaEmpty += 1;
    counts.total += 1;
  }
  return counts;
}
