import {
  type CheckinStatus,
  labels,
  type PlanStatus,
  type ResourceKind,
  type ResourceStatus,
  type ThreadKind,
} from "./plans.types.js";

// When someone won't engage: the signals that prompt the manager to talk first, and the record
// that shows side by side the support offered and delivered and the engagement on the plan.
// Pure: facts and `now` in, findings out. Everything here states facts in plain words, on both
// sides; it never judges the employee's engagement, it counts it.

// ---------- working days ----------

const DAY = 86_400_000;
const toDate = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);
/** The UTC calendar day of a moment or a date, as YYYY-MM-DD. */
export const dayOf = (value: string | Date) =>
  typeof value === "string" ? value.slice(0, 10) : toIso(value);

const isWeekday = (d: Date) => d.getUTCDay() !== 0 && d.getUTCDay() !== 6;

/**
 * Working days (Monday to Friday) after `from` up to and including `to`: from a Monday to the
 * next Monday is 5. Zero when `to` is not after `from`. Public holidays are not known here.
 */
export function workingDaysBetween(from: string, to: string): number {
  const start = toDate(from);
  const end = toDate(to);
  const days = Math.round((end.getTime() - start.getTime()) / DAY);
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let i = weeks * 7 + 1; i <= days; i++) {
    if (isWeekday(new Date(start.getTime() + i * DAY))) count++;
  }
  return count;
}

/** The date `n` working days after `from` (n ≥ 1): 5 working days after a Monday is the next Monday. */
export function addWorkingDays(from: string, n: number): string {
  let d = toDate(from);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + DAY);
    if (isWeekday(d)) left--;
  }
  return toIso(d);
}

const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** "2026-03-02" → "2 March 2026". */
export function longDate(iso: string): string {
  const d = toDate(iso);
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// ---------- thresholds ----------

/** An issued plan is acknowledged within a working week (acknowledging is receipt, not agreement). */
export const ACKNOWLEDGE_WITHIN_WORKING_DAYS = 5;
/**
 * Two working weeks after the plan starts: the span of the early-win milestone. Sooner would nudge
 * someone still reading their plan; later would leave the first milestone without a plan of steps.
 */
export const ACTION_ITEMS_WITHIN_WORKING_DAYS = 10;
/**
 * Support offered (or a support request answered) two working weeks ago and still not in use:
 * long enough to enrol, book or meet once, short enough to fix it while the plan runs.
 */
export const SUPPORT_WITHIN_WORKING_DAYS = 10;

/** Statuses in which a plan asks anything of the employee; a paused plan (leave) asks nothing. */
export const signalStatuses: readonly PlanStatus[] = [
  "issued",
  "acknowledged",
  "active",
  "extended",
];

// ---------- the facts ----------

export const engagementCodes = {
  "engagement.not_acknowledged": {
    title: "The plan has not been acknowledged",
  },
  "engagement.missed_checkins": {
    title: "Check-ins were missed",
  },
  "engagement.no_action_items": {
    title: "No action items yet",
  },
  "engagement.support_not_taken_up": {
    title: "Support offered is not in use yet",
  },
} as const;

export type EngagementCode = keyof typeof engagementCodes;
export const engagementCodeList = Object.keys(engagementCodes) as EngagementCode[];

/** Everything the signals and ledgers are computed from; moments are ISO timestamps. */
export type EngagementFacts = {
  status: PlanStatus;
  employeeId: string;
  startDate: string | null;
  issuedVersion: number;
  versions: { number: number; createdAt: string; acknowledgedAt: string | null }[];
  checkins: {
    id: string;
    scheduledOn: string;
    status: CheckinStatus;
    heldOn: string | null;
    /** The employee wrote their part (notes or a confidence rating). */
    employeePart: boolean;
  }[];
  /** Check-in records of whether a resource was delivered. */
  checkinResources: { checkinId: string; resourceId: string; delivered: boolean }[];
  actionItems: { createdAt: string; done: boolean }[];
  evidence: { answered: boolean }[];
  responses: { authorId: string; createdAt: string }[];
  achievements: number;
  threads: {
    id: string;
    kind: ThreadKind;
    status: "open" | "answered" | "closed";
    createdById: string;
    createdAt: string;
    /** Accepted as a resource on a goal (then the resource's status tells the rest). */
    accepted: boolean;
    messages: { authorId: string; createdAt: string }[];
  }[];
  resources: {
    id: string;
    goalId: string;
    /** 1-based position of its goal. */
    goalNumber: number;
    kind: ResourceKind;
    description: string;
    mentorName: string | null;
    status: ResourceStatus;
    requestedByEmployee: boolean;
    /** When the employee was first shown it (its first issued version, or when it was added). */
    offeredAt: string | null;
  }[];
  talks: { heldOn: string; signals: string[] }[];
};

export type EngagementSignal = {
  code: EngagementCode;
  title: string;
  /** Plain words: what the record shows, with its numbers. */
  detail: string;
  /** The day the signal began. */
  since: string;
  /** The latest recorded conversation that addressed it on or after `since`, if any. */
  talkedOn: string | null;
};

const heldOrMissed = (s: CheckinStatus) => s === "held" || s === "missed";

/** Support that asks something of the employee: a lowered demand needs nothing from them. */
const takeUpKinds: readonly ResourceKind[] = ["training", "mentor", "time", "tool", "coaching"];

/** Resources still only offered after the threshold, with no check-in recording them delivered. */
function staleResources(facts: EngagementFacts, today: string) {
  const deliveredIds = new Set(
    facts.checkinResources.filter((r) => r.delivered).map((r) => r.resourceId),
  );
  return facts.resources.flatMap((r) => {
    if (r.status !== "offered" || !r.offeredAt || deliveredIds.has(r.id)) return [];
    if (!takeUpKinds.includes(r.kind)) return [];
    const offered = dayOf(r.offeredAt);
    if (workingDaysBetween(offered, today) < SUPPORT_WITHIN_WORKING_DAYS) return [];
    return [{ id: r.id, since: addWorkingDays(offered, SUPPORT_WITHIN_WORKING_DAYS) }];
  });
}

/**
 * Support requests the manager or HR answered (without turning them into a resource) that have
 * had no word from the employee since, after the threshold. Clarifications are not counted: an
 * answered question needs nothing more, and a quiet "thanks" is not disengagement.
 */
function unfollowedSupport(facts: EngagementFacts, today: string) {
  return facts.threads.flatMap((t) => {
    if (t.kind !== "support" || t.status !== "answered" || t.accepted) return [];
    const last = t.messages.at(-1);
    if (!last || last.authorId === facts.employeeId) return [];
    const answered = dayOf(last.createdAt);
    if (workingDaysBetween(answered, today) < SUPPORT_WITHIN_WORKING_DAYS) return [];
    return [{ id: t.id, since: addWorkingDays(answered, SUPPORT_WITHIN_WORKING_DAYS) }];
  });
}

/** The day the plan asked the employee to start: the later of its start date and its first issue. */
function startedOn(facts: EngagementFacts): string | null {
  const first = facts.versions.find((v) => v.number === 1) ?? facts.versions[0];
  const issued = first ? dayOf(first.createdAt) : null;
  if (!issued) return null;
  return facts.startDate && facts.startDate > issued ? facts.startDate : issued;
}

/**
 * The engagement signals on a running plan at `now`, each with a stable code. A signal is a
 * prompt for the manager to talk with the employee first, never a verdict.
 */
export function engagementSignals(facts: EngagementFacts, now: Date): EngagementSignal[] {
  if (!signalStatuses.includes(facts.status)) return [];
  const today = dayOf(now);
  const out: Omit<EngagementSignal, "talkedOn">[] = [];

  // Not acknowledged within a working week of being issued (the latest version counts).
  const latest = facts.versions.find((v) => v.number === facts.issuedVersion);
  if (latest && !latest.acknowledgedAt) {
    const issued = dayOf(latest.createdAt);
    const waited = workingDaysBetween(issued, today);
    if (waited >= ACKNOWLEDGE_WITHIN_WORKING_DAYS)
      out.push({
        code: "engagement.not_acknowledged",
        title: engagementCodes["engagement.not_acknowledged"].title,
        detail: `Version ${latest.number} was issued on ${longDate(issued)} and has not been acknowledged after ${count(waited, "working day")}. Acknowledging confirms receipt, not agreement.`,
        since: addWorkingDays(issued, ACKNOWLEDGE_WITHIN_WORKING_DAYS),
      });
  }

  // Missed check-ins: of those whose day has come, how many were missed.
  const due = facts.checkins.filter((c) => heldOrMissed(c.status));
  const missed = due.filter((c) => c.status === "missed");
  if (missed.length > 0) {
    const held = due.length - missed.length;
    out.push({
      code: "engagement.missed_checkins",
      title: engagementCodes["engagement.missed_checkins"].title,
      detail: `${missed.length} of the ${count(due.length, "check-in")} due so far ${missed.length === 1 ? "was" : "were"} missed (${held} held). The record does not say who missed ${missed.length === 1 ? "it" : "them"}.`,
      since: missed.map((c) => c.scheduledOn).sort()[0]!,
    });
  }

  // No action item two working weeks after the plan started.
  const started = startedOn(facts);
  if (started && facts.actionItems.length === 0) {
    const ran = workingDaysBetween(started, today);
    if (ran >= ACTION_ITEMS_WITHIN_WORKING_DAYS)
      out.push({
        code: "engagement.no_action_items",
        title: engagementCodes["engagement.no_action_items"].title,
        detail: `The plan started on ${longDate(started)}; ${count(ran, "working day")} later the action plan has no action item.`,
        since: addWorkingDays(started, ACTION_ITEMS_WITHIN_WORKING_DAYS),
      });
  }

  // Support offered but not in use, or answered support requests with no word since.
  const resources = staleResources(facts, today);
  const requests = unfollowedSupport(facts, today);
  if (resources.length || requests.length) {
    const parts: string[] = [];
    if (resources.length)
      parts.push(
        `${count(resources.length, "resource")} offered ${SUPPORT_WITHIN_WORKING_DAYS} or more working days ago ${resources.length === 1 ? "is" : "are"} still marked offered, with no check-in recording ${resources.length === 1 ? "it" : "them"} as delivered.`,
      );
    if (requests.length)
      parts.push(
        `${count(requests.length, "support request")} answered ${SUPPORT_WITHIN_WORKING_DAYS} or more working days ago ${requests.length === 1 ? "has" : "have"} had no reply since.`,
      );
    out.push({
      code: "engagement.support_not_taken_up",
      title: engagementCodes["engagement.support_not_taken_up"].title,
      detail: parts.join(" "),
      since: [...resources, ...requests].map((x) => x.since).sort()[0]!,
    });
  }

  return out.map((s) => ({ ...s, talkedOn: talkedOn(facts.talks, s.code, s.since) }));
}

/** The latest talk on or after `since` that named this signal. */
function talkedOn(talks: EngagementFacts["talks"], code: string, since: string): string | null {
  const dates = talks
    .filter((t) => t.signals.includes(code) && t.heldOn >= since)
    .map((t) => t.heldOn);
  return dates.sort().at(-1) ?? null;
}

// ---------- the record, side by side ----------

export type SupportLedger = {
  resources: {
    id: string;
    goalNumber: number;
    kind: ResourceKind;
    kindLabel: string;
    description: string;
    mentorName: string | null;
    status: ResourceStatus;
    statusLabel: string;
    requestedByEmployee: boolean;
    offeredOn: string | null;
    /** What the check-ins recorded about it, oldest first. */
    checkins: { on: string; delivered: boolean }[];
  }[];
  totals: Record<ResourceStatus, number> & { total: number; deliveredAtCheckins: number };
  /** The employee's questions and requests, and how many had an answer from the manager or HR. */
  requests: {
    clarifications: { asked: number; answered: number };
    support: { asked: number; answered: number; accepted: number };
  };
  /** Conversations recorded when signals appeared. */
  talks: number;
};

/** The support offered and its status, with the check-in records of what was delivered. */
export function supportLedger(facts: EngagementFacts): SupportLedger {
  const checkinDay = new Map(facts.checkins.map((c) => [c.id, c.heldOn ?? c.scheduledOn]));
  const resources = [...facts.resources]
    .sort((a, b) => a.goalNumber - b.goalNumber)
    .map((r) => ({
      id: r.id,
      goalNumber: r.goalNumber,
      kind: r.kind,
      kindLabel: labels.resource[r.kind],
      description: r.description,
      mentorName: r.mentorName,
      status: r.status,
      statusLabel: labels.resourceStatus[r.status],
      requestedByEmployee: r.requestedByEmployee,
      offeredOn: r.offeredAt ? dayOf(r.offeredAt) : null,
      checkins: facts.checkinResources
        .filter((c) => c.resourceId === r.id && checkinDay.has(c.checkinId))
        .map((c) => ({ on: checkinDay.get(c.checkinId)!, delivered: c.delivered }))
        .sort((a, b) => a.on.localeCompare(b.on)),
    }));
  const by = (s: ResourceStatus) => facts.resources.filter((r) => r.status === s).length;
  const answered = (t: EngagementFacts["threads"][number]) =>
    t.messages.some((m) => m.authorId !== facts.employeeId);
  const clarifications = facts.threads.filter((t) => t.kind === "clarification");
  const support = facts.threads.filter((t) => t.kind === "support");
  return {
    resources,
    totals: {
      total: facts.resources.length,
      offered: by("offered"),
      in_use: by("in_use"),
      delivered: by("delivered"),
      not_delivered: by("not_delivered"),
      deliveredAtCheckins: facts.checkinResources.filter((c) => c.delivered).length,
    },
    requests: {
      clarifications: {
        asked: clarifications.length,
        answered: clarifications.filter(answered).length,
      },
      support: {
        asked: support.length,
        answered: support.filter(answered).length,
        accepted: support.filter((t) => t.accepted).length,
      },
    },
    talks: facts.talks.length,
  };
}

export type EngagementLedger = {
  acknowledgements: {
    version: number;
    issuedOn: string;
    acknowledgedOn: string | null;
    /** Working days from issue to acknowledgement (or to `now`, while it is not acknowledged). */
    workingDays: number;
  }[];
  checkins: { due: number; held: number; missed: number; upcoming: number; employeePart: number };
  actionItems: { total: number; done: number };
  evidence: { total: number; answered: number };
  responses: number;
  threadsStarted: { clarification: number; support: number };
  achievements: number;
};

/** What the employee did on the plan, in counts: acknowledgements, check-ins, their own items. */
export function engagementLedger(facts: EngagementFacts, now: Date): EngagementLedger {
  const today = dayOf(now);
  const due = facts.checkins.filter((c) => heldOrMissed(c.status));
  const held = due.filter((c) => c.status === "held");
  const byEmployee = facts.threads.filter((t) => t.createdById === facts.employeeId);
  return {
    acknowledgements: [...facts.versions]
      .sort((a, b) => a.number - b.number)
      .map((v) => {
        const issuedOn = dayOf(v.createdAt);
        const acknowledgedOn = v.acknowledgedAt ? dayOf(v.acknowledgedAt) : null;
        return {
          version: v.number,
          issuedOn,
          acknowledgedOn,
          workingDays: workingDaysBetween(issuedOn, acknowledgedOn ?? today),
        };
      }),
    checkins: {
      due: due.length,
      held: held.length,
      missed: due.length - held.length,
      upcoming: facts.checkins.filter((c) => c.status === "scheduled").length,
      employeePart: held.filter((c) => c.employeePart).length,
    },
    actionItems: {
      total: facts.actionItems.length,
      done: facts.actionItems.filter((i) => i.done).length,
    },
    evidence: {
      total: facts.evidence.length,
      answered: facts.evidence.filter((e) => e.answered).length,
    },
    responses: facts.responses.filter((r) => r.authorId === facts.employeeId).length,
    threadsStarted: {
      clarification: byEmployee.filter((t) => t.kind === "clarification").length,
      support: byEmployee.filter((t) => t.kind === "support").length,
    },
    achievements: facts.achievements,
  };
}

/** A talk's signals, checked: known codes only, each once, in the codes' order. */
export function talkSignals(codes: readonly string[]): EngagementCode[] {
  return engagementCodeList.filter((c) => codes.includes(c));
}
