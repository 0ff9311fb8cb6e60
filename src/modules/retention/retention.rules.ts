import {
  maxMonths,
  type RecordType,
  type RetentionCandidate,
  type RetentionPolicy,
  recordTypeInfo,
  recordTypes,
} from "./retention.types.js";

// Retention, as pure rules: which period applies, where it cuts, and which records go. Time is
// passed in; nothing here reads a clock or a database.

export type PolicyProblem = { path: string; message: string };

const isRecordType = (key: string): key is RecordType =>
  (recordTypes as readonly string[]).includes(key);

const isPeriod = (value: unknown): value is number | null =>
  value === null || (Number.isInteger(value) && (value as number) >= 1);

/** The policy as stored (one jsonb row) over the defaults; a missing or broken entry is the default. */
export function resolvePolicy(stored: Record<string, unknown> | null | undefined): RetentionPolicy {
  const policy = {} as RetentionPolicy;
  for (const type of recordTypes) {
    const value = stored?.[type];
    policy[type] =
      value !== undefined && isPeriod(value) && (value === null || value <= maxMonths)
        ? value
        : recordTypeInfo[type].defaultMonths;
  }
  return policy;
}

/**
 * The shortest period each type may have. Protected activities must also outlive the plan
 * review's look-back (`protectedActivityDays`), or a plan soon after a complaint would pass the
 * retaliation check only because the complaint was erased.
 */
export function floorsFor({
  protectedActivityDays,
}: {
  protectedActivityDays: number;
}): Record<RecordType, number> {
  const floors = {} as Record<RecordType, number>;
  for (const type of recordTypes) floors[type] = recordTypeInfo[type].floorMonths;
  floors.protected_activities = Math.max(
    floors.protected_activities,
    Math.ceil(protectedActivityDays / 30),
  );
  return floors;
}

/** Why a type may not go below its floor, in a sentence a person can act on. */
function floorMessage(type: RecordType, floor: number, lookbackDays?: number): string {
  const info = recordTypeInfo[type];
  const base = `Keep ${info.label.toLowerCase()} at least ${floor} ${floor === 1 ? "month" : "months"}.`;
  if (type === "protected_activities" && lookbackDays && floor > info.floorMonths)
    return `${base} The plan review looks back ${lookbackDays} days for protected activities; shorten that first to keep them for less.`;
  return info.floorReason ? `${base} ${info.floorReason}` : base;
}

/**
 * Checks a change to the policy: every key a known record type, every value a whole number of
 * months from the type's floor up to 1200, or null (keep for ever). Returns every problem.
 */
export function checkPolicyChange({
  periods,
  floors,
  protectedActivityDays,
}: {
  periods: Record<string, unknown>;
  floors: Record<RecordType, number>;
  protectedActivityDays?: number;
}): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const [key, value] of Object.entries(periods)) {
    const path = `periods.${key}`;
    if (!isRecordType(key)) {
      problems.push({ path, message: `There is no record type "${key}".` });
      continue;
    }
    if (value === null) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      problems.push({ path, message: "Use a whole number of months, or keep for ever." });
    } else if (value < floors[key]) {
      problems.push({ path, message: floorMessage(key, floors[key], protectedActivityDays) });
    } else if (value > maxMonths) {
      problems.push({ path, message: `Use at most ${maxMonths} months, or keep for ever.` });
    }
  }
  return problems;
}

/** `now` less a whole number of calendar months (UTC); the 31st becomes the month's last day. */
export function monthsBefore(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(now.getUTCDate(), lastDay),
      now.getUTCHours(),
      now.getUTCMinutes(),
      now.getUTCSeconds(),
      now.getUTCMilliseconds(),
    ),
  );
}

export type ScheduleEntry = {
  type: RecordType;
  /** The period applied: the policy's, raised to the floor if the floor rose since. */
  months: number | null;
  /** Records whose period started before this go; null when kept for ever. */
  cutoff: Date | null;
};

/** The period and cut-off for every type at `now`. */
export function retentionSchedule({
  policy,
  floors,
  now,
}: {
  policy: RetentionPolicy;
  floors: Record<RecordType, number>;
  now: Date;
}): ScheduleEntry[] {
  return recordTypes.map((type) => {
    const set = policy[type];
    const months = set === null ? null : Math.max(set, floors[type]);
    return { type, months, cutoff: months === null ? null : monthsBefore(now, months) };
  });
}

/**
 * Which of the records go: those whose period started before the cut-off, unless a legal hold
 * is on anyone they concern (the employee, the manager, the author, the person it is about).
 */
export function decideErasure<R extends RetentionCandidate>({
  records,
  cutoff,
  heldPeople,
}: {
  records: R[];
  cutoff: Date | null;
  heldPeople: ReadonlySet<string>;
}): { due: R[]; held: R[] } {
  const due: R[] = [];
  const held: R[] = [];
  if (!cutoff) return { due, held };
  for (const record of records) {
    if (!(record.at.getTime() < cutoff.getTime())) continue;
    if (record.people.some((p) => heldPeople.has(p))) held.push(record);
    else due.push(record);
  }
  return { due, held };
}
