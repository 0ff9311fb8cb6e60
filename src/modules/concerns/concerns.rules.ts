import { can } from "../../access/access.policy.js";
import type { Actor, ConcernResource, HrScope } from "../../access/access.types.js";
import type { ConcernStatus } from "./concerns.types.js";

// Pure decisions of the confidential channel: who reads a concern, when a read is logged, the
// order of HR's inbox.

/** A "who viewed" event is kept at most once per reader per thread per hour. */
export const VIEW_LOG_INTERVAL_MS = 60 * 60 * 1000;

/** An HR person as the database gives them: enough to ask can() on their behalf. */
export type HrCandidate = {
  id: string;
  name: string;
  roles: readonly string[];
  hrScopeAll: boolean;
  hrScopeDepartments: readonly string[];
};

/** The actor an HR candidate would be, for the policy's concern rule. */
export function hrActorOf(p: HrCandidate): Extract<Actor, { kind: "person" }> {
  const hrScope: HrScope = { all: p.hrScopeAll, departments: [...p.hrScopeDepartments] };
  return {
    kind: "person",
    personId: p.id,
    name: p.name,
    roles: ["employee", ...(p.roles.includes("hr") ? (["hr"] as const) : [])],
    hrScope,
    policy: { skipLevelVisible: false },
  };
}

/**
 * Who in HR reads a concern: those the policy lets read it, which leaves out the person it is
 * about and everyone in the employee's management chain. The employee is told these names
 * before sending, and nothing is stored when the list is empty.
 */
export function readersOf<P extends HrCandidate>(candidates: P[], concern: ConcernResource): P[] {
  return candidates.filter(
    (p) => p.id !== concern.employeeId && can(hrActorOf(p), "concern.view", concern),
  );
}

/** Whether a read should be logged as a "who viewed" event, given the reader's last logged one. */
export function shouldLogView({ lastLogged, now }: { lastLogged: Date | null; now: Date }) {
  return !lastLogged || now.getTime() - lastLogged.getTime() >= VIEW_LOG_INTERVAL_MS;
}

/** HR's inbox: open concerns first, then the most recent conversation first. */
export function inboxOrder(
  a: { status: ConcernStatus; lastMessageAt: Date; id: string },
  b: { status: ConcernStatus; lastMessageAt: Date; id: string },
): number {
  if (a.status !== b.status) return a.status === "open" ? -1 : 1;
  return b.lastMessageAt.getTime() - a.lastMessageAt.getTime() || a.id.localeCompare(b.id);
}

/** Words for the employee when nobody in HR could read what they would send. */
export function noReaderMessage({ namedSomeone }: { namedSomeone: boolean }): string {
  const why = namedSomeone
    ? "the HR partners for your department are the person it is about, or above you in your reporting line"
    : "your department has no HR partner outside your reporting line";
  return `Nobody in HR can read a concern from you yet: ${why}. Nothing was sent. Ask an admin to name an HR partner for your department, or speak to someone you trust outside your reporting line.`;
}
