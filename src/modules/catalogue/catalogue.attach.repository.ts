import { desc } from "drizzle-orm";
import { anyOfIds, type DbOrTx, reusable } from "../../db/client.js";
import { mentorships } from "../mentoring/mentoring.table.js";
import type { MentorshipStatus } from "../mentoring/mentoring.types.js";
import { catalogueSessions } from "./catalogue.table.js";

// What a goal's resource links to beyond itself: the workshop date it takes a seat on, and the
// mentorship it asked for. Read by plan and growth-goal pages; plain rows, no rules.

export type ResourceLinks = {
  /** The workshop date, when the resource names one. */
  sessionStartsAt: string | null;
  /** The latest mentorship asked from this resource, when there is one. */
  mentorshipStatus: MentorshipStatus | null;
};

const none: ResourceLinks = { sessionStartsAt: null, mentorshipStatus: null };

const sessionsByIds = reusable("catalogue_sessions_by_ids", (db) =>
  db
    .select({ id: catalogueSessions.id, startsAt: catalogueSessions.startsAt })
    .from(catalogueSessions)
    .where(anyOfIds(catalogueSessions.id)),
);

const mentorshipsAsked =
  (column: typeof mentorships.planResourceId | typeof mentorships.growthResourceId) =>
  (db: DbOrTx) =>
    db
      .select({ resourceId: column, status: mentorships.status })
      .from(mentorships)
      .where(anyOfIds(column))
      .orderBy(desc(mentorships.createdAt));
const askedByPlanResources = reusable(
  "mentorships_of_plan_resources",
  mentorshipsAsked(mentorships.planResourceId),
);
const askedByGrowthResources = reusable(
  "mentorships_of_growth_resources",
  mentorshipsAsked(mentorships.growthResourceId),
);

/**
 * Links of plan resources (`on: "plan"`) or growth-goal resources (`on: "growth"`), by resource
 * id. A resource with neither gets nulls.
 */
export async function findResourceLinks(
  db: DbOrTx,
  {
    on,
    resources,
  }: { on: "plan" | "growth"; resources: { id: string; catalogueSessionId: string | null }[] },
): Promise<(id: string) => ResourceLinks> {
  const ids = resources.map((r) => r.id);
  const sessionIds = [...new Set(resources.flatMap((r) => r.catalogueSessionId ?? []))];
  const sessions = sessionIds.length ? await sessionsByIds(db, { ids: sessionIds }) : [];
  const askedBy = on === "plan" ? askedByPlanResources : askedByGrowthResources;
  const asked = ids.length ? await askedBy(db, { ids }) : [];
  const startsAt = new Map(sessions.map((s) => [s.id, s.startsAt.toISOString()]));
  const status = new Map<string, MentorshipStatus>();
  for (const m of asked)
    if (m.resourceId && !status.has(m.resourceId)) status.set(m.resourceId, m.status);
  const byId = new Map(resources.map((r) => [r.id, r]));
  return (id) => {
    const r = byId.get(id);
    if (!r) return none;
    return {
      sessionStartsAt: r.catalogueSessionId ? (startsAt.get(r.catalogueSessionId) ?? null) : null,
      mentorshipStatus: status.get(id) ?? null,
    };
  };
}
