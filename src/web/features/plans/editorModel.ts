import type {
  CauseKind,
  PlanDetail,
  PlanEvidence,
  PlanGoal,
  PlanMilestone,
  PlanResource,
} from "../../types";

// The editable document of a plan: what PUT /plans/{id} takes, plus a local key per item so
// React keeps each row's focus while rows are added and removed. Keys never reach the server.

let counter = 0;
export const newKey = () => `new-${++counter}`;

export type DraftEvidence = Pick<
  PlanEvidence,
  "kind" | "title" | "description" | "impact" | "occurredOn" | "unit" | "source" | "series"
> & { id?: string; key: string };

export type DraftResource = Pick<
  PlanResource,
  "kind" | "description" | "link" | "mentorId" | "hoursPerWeek" | "status"
> & {
  id?: string;
  key: string;
  mentorName: string | null;
} & Partial<ResourceOrigin>;

/**
 * Where a resource came from (the catalogue, a mentor asked from the picker): shown in the
 * editor, never sent back. A document save keeps these on the server as they are.
 */
type ResourceOrigin = Pick<
  PlanResource,
  "catalogueItemId" | "catalogueSessionId" | "sessionStartsAt" | "mentorshipStatus"
>;

const originOf = (r: PlanResource): ResourceOrigin => ({
  catalogueItemId: r.catalogueItemId,
  catalogueSessionId: r.catalogueSessionId,
  sessionStartsAt: r.sessionStartsAt,
  mentorshipStatus: r.mentorshipStatus,
});

export type DraftMilestone = Pick<PlanMilestone, "title" | "dueDate" | "target" | "earlyWin"> & {
  id?: string;
  key: string;
};

export type DraftGoal = Pick<
  PlanGoal,
  | "description"
  | "metric"
  | "unit"
  | "direction"
  | "baseline"
  | "target"
  | "measurement"
  | "dueDate"
> & { id?: string; key: string; resources: DraftResource[]; milestones: DraftMilestone[] };

export type DraftPlan = {
  standard: string;
  startDate: string | null;
  endDate: string | null;
  cadenceDays: number;
  goodFaith: "yes" | "no" | "unsure" | null;
  goodFaithNote: string;
  hrPartnerId: string | null;
  hrPartnerName: string | null;
  evidence: DraftEvidence[];
  causes: { cause: CauseKind; notes: string }[];
  goals: DraftGoal[];
};

export function draftFromPlan(plan: PlanDetail): DraftPlan {
  return {
    standard: plan.plan.standard ?? "",
    startDate: plan.plan.startDate,
    endDate: plan.plan.endDate,
    cadenceDays: plan.plan.cadenceDays ?? 7,
    goodFaith: plan.plan.goodFaith,
    goodFaithNote: plan.plan.goodFaithNote ?? "",
    hrPartnerId: plan.plan.hrPartner?.id ?? null,
    hrPartnerName: plan.plan.hrPartner?.name ?? null,
    evidence: plan.evidence.map((e) => ({
      id: e.id,
      key: e.id,
      kind: e.kind,
      title: e.title,
      description: e.description,
      impact: e.impact,
      occurredOn: e.occurredOn,
      unit: e.unit,
      source: e.source,
      series: e.series ?? [],
    })),
    causes: plan.causes.map((c) => ({ cause: c.cause, notes: c.notes })),
    goals: plan.goals.map((g) => ({
      id: g.id,
      key: g.id,
      description: g.description,
      metric: g.metric,
      unit: g.unit,
      direction: g.direction,
      baseline: g.baseline,
      target: g.target,
      measurement: g.measurement,
      dueDate: g.dueDate,
      resources: g.resources.map((r) => ({
        id: r.id,
        key: r.id,
        kind: r.kind,
        description: r.description,
        link: r.link,
        mentorId: r.mentorId,
        mentorName: r.mentor?.name ?? null,
        hoursPerWeek: r.hoursPerWeek,
        status: r.status,
        ...originOf(r),
      })),
      milestones: g.milestones.map((m) => ({
        id: m.id,
        key: m.id,
        title: m.title,
        dueDate: m.dueDate,
        target: m.target,
        earlyWin: m.earlyWin,
      })),
    })),
  };
}

const withId = <T extends object>(id: string | undefined, rest: T): T & { id?: string } =>
  id ? { id, ...rest } : rest;

/** The body of PUT /plans/{id}. */
export function bodyFromDraft(d: DraftPlan, version: number) {
  return {
    version,
    standard: d.standard,
    startDate: d.startDate || null,
    endDate: d.endDate || null,
    cadenceDays: d.cadenceDays,
    goodFaith: d.goodFaith,
    goodFaithNote: d.goodFaithNote,
    hrPartnerId: d.hrPartnerId,
    evidence: d.evidence.map(({ key: _k, id, ...e }) =>
      withId(id, { ...e, occurredOn: e.occurredOn || null }),
    ),
    causes: d.causes.map((c) => ({ cause: c.cause, notes: c.notes })),
    goals: d.goals.map(({ key: _k, id, resources, milestones, ...g }) =>
      withId(id, {
        ...g,
        dueDate: g.dueDate || null,
        resources: resources.map(
          ({
            key: _rk,
            id: rid,
            mentorName: _m,
            catalogueItemId: _c,
            catalogueSessionId: _s,
            sessionStartsAt: _d,
            mentorshipStatus: _ms,
            ...r
          }) => withId(rid, r),
        ),
        milestones: milestones.map(({ key: _mk, id: mid, ...m }) => withId(mid, m)),
      }),
    ),
  };
}

/**
 * After a save, give the items that were new the ids the server chose, matching by position in
 * what was sent, so the next save updates them instead of adding them again.
 */
export function adoptIds(current: DraftPlan, sent: DraftPlan, saved: PlanDetail): DraftPlan {
  const ids = new Map<string, string>();
  sent.evidence.forEach((e, i) => {
    const id = saved.evidence[i]?.id;
    if (!e.id && id) ids.set(e.key, id);
  });
  sent.goals.forEach((g, i) => {
    const sg = saved.goals[i];
    if (!sg) return;
    if (!g.id) ids.set(g.key, sg.id);
    g.resources.forEach((r, j) => {
      const id = sg.resources[j]?.id;
      if (!r.id && id) ids.set(r.key, id);
    });
    g.milestones.forEach((m, j) => {
      const id = sg.milestones[j]?.id;
      if (!m.id && id) ids.set(m.key, id);
    });
  });
  if (ids.size === 0) return current;
  const fill = <T extends { id?: string; key: string }>(x: T): T =>
    x.id || !ids.has(x.key) ? x : { ...x, id: ids.get(x.key) };
  return {
    ...current,
    evidence: current.evidence.map(fill),
    goals: current.goals.map((g) => ({
      ...fill(g),
      resources: g.resources.map(fill),
      milestones: g.milestones.map(fill),
    })),
  };
}

/**
 * After a resource was added on the server (from the catalogue, or a mentor asked), take the
 * rows the draft does not hold yet from the plan the server answered, and refresh where each
 * row came from; whatever was typed meanwhile stays. The caller also takes the plan's new
 * version, so the next save neither conflicts nor deletes the new row.
 */
export function adoptAddedResources(current: DraftPlan, saved: PlanDetail): DraftPlan {
  return {
    ...current,
    goals: current.goals.map((g) => {
      const sg = g.id ? saved.goals.find((x) => x.id === g.id) : undefined;
      if (!sg) return g;
      const byId = new Map(sg.resources.map((r) => [r.id, r]));
      const held = new Set(g.resources.flatMap((r) => r.id ?? []));
      const added = sg.resources
        .filter((r) => !held.has(r.id))
        .map((r) => ({
          id: r.id,
          key: r.id,
          kind: r.kind,
          description: r.description,
          link: r.link,
          mentorId: r.mentorId,
          mentorName: r.mentor?.name ?? null,
          hoursPerWeek: r.hoursPerWeek,
          status: r.status,
          ...originOf(r),
        }));
      return {
        ...g,
        resources: [
          ...g.resources.map((r) => {
            const server = r.id ? byId.get(r.id) : undefined;
            return server ? { ...r, ...originOf(server) } : r;
          }),
          ...added,
        ],
      };
    }),
  };
}

export const steps = [
  { id: "before", label: "Before this plan" },
  { id: "evidence", label: "Evidence" },
  { id: "diagnosis", label: "Diagnosis" },
  { id: "goals", label: "Goals & resources" },
  { id: "milestones", label: "Milestones" },
  { id: "schedule", label: "Schedule" },
  { id: "good-faith", label: "Good faith" },
  { id: "submit", label: "Review and submit" },
] as const;
export type StepId = (typeof steps)[number]["id"];

/** Which step a field path (from the server) belongs to. */
export function stepOfPath(path: string): StepId {
  if (path.startsWith("standard") || path.startsWith("evidence")) return "evidence";
  if (path.startsWith("causes")) return "diagnosis";
  if (/^goals\.\d+\.milestones/.test(path)) return "milestones";
  if (path.startsWith("goals")) return "goals";
  if (/^(startDate|endDate|cadenceDays)/.test(path)) return "schedule";
  if (path.startsWith("goodFaith")) return "good-faith";
  return "submit";
}

const DAY = 86_400_000;
export const addDays = (iso: string, days: number) =>
  new Date(new Date(`${iso}T00:00:00Z`).getTime() + days * DAY).toISOString().slice(0, 10);
export const daysBetween = (a: string, b: string) =>
  Math.round((new Date(`${b}T00:00:00Z`).getTime() - new Date(`${a}T00:00:00Z`).getTime()) / DAY);
