import { hashLabel } from "./random.js";

// Row ids: deterministic (the same seed gives the same ids) and increasing within a table, so a
// primary key is built by appending instead of by random inserts. They are RFC 9562 version 8
// ("custom") UUIDs, which the API's validators accept like any other.

/** Each table's ids live in their own range (the second group of the UUID). */
const tables = [
  "people",
  "catalogue_items",
  "catalogue_sessions",
  "one_on_one_series",
  "one_on_one_meetings",
  "one_on_one_notes",
  "one_on_one_talking_points",
  "commitments",
  "feedback",
  "growth_goals",
  "plans",
  "plan_evidence",
  "plan_causes",
  "plan_goals",
  "plan_resources",
  "plan_milestones",
  "plan_reviews",
  "plan_threads",
  "plan_thread_messages",
  "plan_action_items",
  "plan_achievements",
  "plan_responses",
  "plan_checkins",
  "plan_private_notes",
  "plan_prior_notice",
  "protected_activities",
  "plan_finding_overrides",
] as const;
export type IdTable = (typeof tables)[number];

export function createIds(seed: number) {
  const prefix = hashLabel(`headway-bench-${seed}`).toString(16).padStart(8, "0");
  const counters = new Map<IdTable, number>();
  return {
    /** The next id of a table. */
    next(table: IdTable): string {
      const n = (counters.get(table) ?? 0) + 1;
      counters.set(table, n);
      const tag = (tables.indexOf(table) + 1).toString(16).padStart(4, "0");
      return `${prefix}-${tag}-8000-8000-${n.toString(16).padStart(12, "0")}`;
    },
  };
}
export type Ids = ReturnType<typeof createIds>;
