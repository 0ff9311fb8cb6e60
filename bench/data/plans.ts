import { type CatalogueKind, resourceKindOf } from "../../src/modules/catalogue/catalogue.types.js";
import type { Keyring } from "../../src/modules/keys/keys.service.js";
import { demoCatalogue } from "../../src/modules/org/org.demo.js";
import { describeChanges, type PlanSnapshot } from "../../src/modules/plans/plans.diff.js";
import { checkinDates } from "../../src/modules/plans/plans.rules.js";
import { carryOnGoals } from "../../src/modules/plans/plans.sealing.rules.js";
import {
  type CauseKind,
  type Outcome,
  type PlanStatus,
  type ResourceKind,
  resourceKinds,
} from "../../src/modules/plans/plans.types.js";
import type { ProtectedActivityKind } from "../../src/modules/review/review.types.js";
import { protectedActivityKinds } from "../../src/modules/review/review.types.js";
import { bufferTable, pgArray, pgJson } from "./copy.js";
import type { Ids } from "./ids.js";
import type { Org, Person } from "./org.js";
import type { Random, Streams } from "./random.js";
import { addDays, at, type Clock, daysBetween, onWeekday } from "./time.js";
import {
  causeNotes,
  checkinNotes,
  type GoalTemplate,
  goalTemplates,
  milestoneTitles,
  priorNoticeSummaries,
  privateNoteBodies,
  protectedNotes,
  reflections,
  resourceDescriptions,
  standards,
  threadAnswers,
  threadSubjects,
} from "./words.js";

// Success plans: about one person in twenty over two years. Most closed, with outcomes better
// than the industry's (about 30% goals met against 5–10%), the rest running. Success follows the
// root cause, whether the support was delivered and the manager's habits, so the insight pages
// have real associations to find. Each plan is written as the app writes it: versions frozen at
// issue, check-ins on the cadence, resources, threads, and the seal on plans that met their goals.

const PLAN_SHARE = 0.05;

export type PlanSkeleton = {
  id: string;
  employee: number;
  manager: number;
  hr: number;
  createdOn: string;
  submittedOn: string | null;
  changesOn: string | null;
  approvedOn: string | null;
  issuedOn: string | null;
  acknowledgedOn: string | null;
  startDate: string;
  endDate: string;
  extendedOn: string | null;
  newEndDate: string | null;
  closedOn: string | null;
  status: PlanStatus;
  pausedFrom: PlanStatus | null;
  /** Closed plans only. */
  outcome: Outcome | null;
  /** How it goes (or will go): goals met or not. Drives confidence and progress. */
  success: boolean;
  deliveredAll: boolean;
  causes: CauseKind[];
  cadence: 7 | 14;
  /** A protected activity shortly before: a retaliation-risk blocker HR overrode (or will review). */
  retaliation: boolean;
  /** No written prior notice: a blocker HR overrode with a reason. */
  surprise: boolean;
  /** No written feedback from the manager before the plan (a 1:1 was the prior notice). */
  noPriorFeedback: boolean;
  /** Days on which the manager gave written constructive feedback before the plan. */
  priorFeedback: string[];
  bench: boolean;
};

const causeWeights: [CauseKind, number][] = [
  ["skill", 25],
  ["unclear_expectations", 18],
  ["overload", 14],
  ["tools_or_resources", 8],
  ["motivation", 12],
  ["personal_or_health", 6],
  ["relationship_with_manager", 9],
  ["process", 8],
];
const causeEffect: Record<CauseKind, number> = {
  skill: 0.08,
  unclear_expectations: 0.1,
  overload: 0.04,
  tools_or_resources: 0.06,
  motivation: -0.14,
  personal_or_health: -0.02,
  relationship_with_manager: -0.12,
  process: 0.03,
};

const runningStatuses: readonly PlanStatus[] = ["active", "paused", "extended"];
const issuedStatuses: readonly PlanStatus[] = ["issued", "acknowledged", ...runningStatuses];

/** The bench's manager: a team lead with about eight reports; one of them is on a running plan. */
export function chooseBenchPeople(org: Org): { manager: number; employee: number } {
  const leads = org.people.filter(
    (p) =>
      p.reports.length > 0 &&
      p.depth >= 3 &&
      !org.staff.has(p.index) &&
      p.reports.every((i) => org.people[i]!.reports.length === 0 && !org.staff.has(i)),
  );
  const byFit = [...leads].sort(
    (a, b) =>
      Math.abs(a.reports.length - 8) - Math.abs(b.reports.length - 8) ||
      Number(b.department === "Engineering") - Number(a.department === "Engineering") ||
      a.index - b.index,
  );
  const manager = byFit[0];
  if (!manager) throw new Error("The organisation has no team lead to benchmark.");
  return { manager: manager.index, employee: manager.reports[0]! };
}

export function schedulePlans({
  org,
  streams,
  ids,
  clock,
  bench,
}: {
  org: Org;
  streams: Streams;
  ids: Ids;
  clock: Clock;
  bench: { manager: number; employee: number };
}): PlanSkeleton[] {
  const r = streams("plans");
  const { people } = org;
  const today = clock.today;
  const benchTeam = new Set(people[bench.manager]!.reports);
  const eligible = people.filter(
    (p) =>
      p.manager > 0 &&
      p.reports.length === 0 &&
      !org.staff.has(p.index) &&
      !benchTeam.has(p.index) &&
      daysBetween(p.hireDate, today) >= 120,
  );
  // Who is placed on a plan: more often under a manager with poor coaching habits, and somewhat
  // more often in the oldest age bands (so the fairness page has a disparity to find).
  const weightOf = (p: Person) => {
    const age = p.demographics.age_band;
    const ageFactor = age === "55-64" || age === "65+" ? 1.6 : age === "18-24" ? 1.2 : 1;
    return ageFactor * (1 + 1.5 * (1 - people[p.manager]!.quality));
  };
  const count = Math.max(1, Math.round(people.length * PLAN_SHARE) - 1);
  const chosen = eligible
    .map((p) => ({ p, key: r.next() ** (1 / weightOf(p)) }))
    .sort((a, b) => b.key - a.key || a.p.index - b.p.index)
    .slice(0, count)
    .map((x) => x.p)
    .sort((a, b) => a.index - b.index);

  const plans: PlanSkeleton[] = [];
  for (const employee of [...chosen, people[bench.employee]!]) {
    const isBench = employee.index === bench.employee;
    const manager = people[employee.manager]!;
    const hrList = org.hrFor.get(employee.department) ?? [org.hrLead];
    const causes = r.chance(0.7)
      ? [r.weighted(causeWeights)]
      : [...new Set([r.weighted(causeWeights), r.weighted(causeWeights)])];
    const deliveredAll = r.chance(0.5 + 0.3 * manager.quality);
    const p =
      0.3 +
      causes.reduce((a, c) => a + causeEffect[c], 0) / causes.length +
      (deliveredAll ? 0.1 : -0.14) +
      0.16 * (manager.quality - 0.5);
    const success = isBench || r.chance(Math.min(0.8, Math.max(0.03, p)));
    const earliest =
      addDays(employee.hireDate, 90) > clock.windowStart
        ? addDays(employee.hireDate, 90)
        : addDays(clock.windowStart, 20);
    const span = Math.max(0, daysBetween(earliest, addDays(today, -3)));
    const createdOn = isBench ? addDays(today, -40) : onWeekday(addDays(earliest, r.int(0, span)));

    const changes = !isBench && r.chance(0.15);
    const submittedOn = addDays(createdOn, isBench ? 2 : r.int(1, 4));
    const changesOn = changes ? addDays(submittedOn, r.int(1, 3)) : null;
    const approvedOn = addDays(
      changesOn ?? submittedOn,
      isBench ? 2 : r.int(1, 3) + (changes ? 2 : 0),
    );
    const issuedOn = addDays(approvedOn, isBench ? 1 : r.int(0, 2));
    const startDate = onWeekday(addDays(issuedOn, isBench ? 2 : r.int(1, 6)));
    const acknowledgedOn = isBench || r.chance(0.94) ? addDays(issuedOn, r.int(0, 1)) : null;
    const duration = isBench ? 63 : r.pick([42, 56, 56, 63, 84, 91]);
    const endDate = addDays(startDate, duration);
    const outcome: Outcome = success
      ? "goals_met"
      : r.weighted([
          ["separation", 50],
          ["moved", 20],
          ["withdrawn", 15],
          ["extended", 15],
        ] as const);
    let extendedOn: string | null = null;
    let newEndDate: string | null = null;
    if (!isBench && outcome !== "withdrawn" && r.chance(0.2)) {
      extendedOn = addDays(endDate, -r.int(3, 10));
      newEndDate = addDays(endDate, r.pick([14, 21, 28]));
    }
    const finalEnd = newEndDate ?? endDate;
    let closedOn: string;
    let withdrawnEarly = false;
    if (outcome === "withdrawn" && r.chance(0.25)) {
      closedOn = addDays(createdOn, r.int(3, 8));
      withdrawnEarly = true;
    } else if (outcome === "withdrawn")
      closedOn = addDays(startDate, r.int(7, Math.floor(duration * 0.6)));
    else if (outcome === "separation" && r.chance(0.3))
      closedOn = addDays(startDate, Math.floor(duration * (0.4 + 0.4 * r.next())));
    else closedOn = addDays(finalEnd, r.int(0, 5));
    if (extendedOn && closedOn <= extendedOn) {
      extendedOn = null;
      newEndDate = null;
    }

    // Where the plan stands today.
    let status: PlanStatus;
    let pausedFrom: PlanStatus | null = null;
    const reached = (day: string | null) => day !== null && day <= today;
    if (!isBench && closedOn < today) status = "closed";
    else if (!reached(submittedOn)) status = "draft";
    else if (changesOn && reached(changesOn) && !reached(addDays(changesOn, 1)))
      status = "changes_requested";
    else if (!reached(approvedOn)) status = "in_review";
    else if (!reached(issuedOn)) status = "approved";
    else if (!reached(startDate)) status = reached(acknowledgedOn) ? "acknowledged" : "issued";
    else if (extendedOn && reached(extendedOn)) status = "extended";
    else status = "active";
    if (!isBench && runningStatuses.includes(status) && r.chance(0.05)) {
      pausedFrom = status;
      status = "paused";
    }
    const closed = status === "closed";
    const issued = closed ? !withdrawnEarly : issuedStatuses.includes(status);
    // A step happened if its day has come, and (for a plan withdrawn early) before the close.
    const upTo = closed ? closedOn : today;
    const happened = (day: string | null) => (day !== null && day <= upTo ? day : null);
    const retaliation =
      !isBench && (issued ? r.chance(0.04) : !closed && status !== "draft" && r.chance(0.2));
    const surprise = !isBench && issued && !retaliation && r.chance(0.02);
    const noPriorFeedback = surprise || (!isBench && r.chance(0.15));
    const priorFeedback = noPriorFeedback
      ? []
      : Array.from({ length: r.int(1, 2) }, () => addDays(createdOn, -r.int(10, 80)));
    plans.push({
      id: ids.next("plans"),
      employee: employee.index,
      manager: manager.index,
      hr: hrList[0]!,
      createdOn,
      submittedOn: happened(submittedOn),
      changesOn: happened(changesOn),
      approvedOn: happened(approvedOn),
      issuedOn: issued ? issuedOn : null,
      acknowledgedOn: issued ? happened(acknowledgedOn) : null,
      startDate,
      endDate,
      extendedOn: extendedOn && reached(extendedOn) && issued ? extendedOn : null,
      newEndDate: extendedOn && reached(extendedOn) && issued ? newEndDate : null,
      closedOn: closed ? closedOn : null,
      status,
      pausedFrom,
      outcome: closed ? outcome : null,
      success,
      deliveredAll,
      causes,
      cadence: isBench || r.chance(0.85) ? 7 : 14,
      retaliation,
      surprise,
      noPriorFeedback,
      priorFeedback,
      bench: isBench,
    });
    // A plan that ended in separation: the person leaves within two weeks of the close.
    if (closed && outcome === "separation") {
      const leftOn = addDays(closedOn, r.int(0, 14));
      if (leftOn < today) {
        employee.active = false;
        employee.leftOn = leftOn;
      }
    }
  }
  // However small the organisation, each risk the review guards against appears at least once:
  // a plan issued soon after a protected activity (one closed, one running) and one issued
  // without written prior notice, each with HR's override.
  const issuedPlans = plans.filter((p) => p.issuedOn !== null && !p.bench);
  const flag = (candidates: PlanSkeleton[], set: (p: PlanSkeleton) => void) => {
    const plan = candidates.find((p) => !p.retaliation && !p.surprise);
    if (plan) set(plan);
  };
  if (!issuedPlans.some((p) => p.retaliation && p.status === "closed"))
    flag(
      issuedPlans.filter((p) => p.status === "closed"),
      (p) => {
        p.retaliation = true;
      },
    );
  if (!issuedPlans.some((p) => p.retaliation && runningStatuses.includes(p.status)))
    flag(
      issuedPlans.filter((p) => runningStatuses.includes(p.status)),
      (p) => {
        p.retaliation = true;
      },
    );
  if (!issuedPlans.some((p) => p.surprise))
    flag(issuedPlans, (p) => {
      Object.assign(p, { surprise: true, noPriorFeedback: true, priorFeedback: [] });
    });
  return plans;
}

// ---------- the catalogue ----------

export type CatalogueEntry = {
  id: string;
  kind: CatalogueKind;
  title: string;
  link: string;
  skills: string[];
  sessions: { id: string; startsAt: Date }[];
};

export function buildCatalogue({
  ids,
  clock,
  createdBy,
}: {
  ids: Ids;
  clock: Clock;
  createdBy: string;
}) {
  const items = bufferTable("catalogue_items", [
    "id",
    "kind",
    "title",
    "provider",
    "link",
    "description",
    "duration_hours",
    "format",
    "skills",
    "causes",
    "active",
    "version",
    "created_by_id",
    "created_at",
    "updated_at",
  ]);
  const sessions = bufferTable("catalogue_sessions", [
    "id",
    "item_id",
    "starts_at",
    "ends_at",
    "location",
    "seats",
    "cancelled_at",
    "created_at",
  ]);
  const created = at(clock.windowStart, "09:00").toISOString();
  const entries: CatalogueEntry[] = [];
  for (const item of demoCatalogue) {
    const id = ids.next("catalogue_items");
    items.row(
      id,
      item.kind,
      item.title,
      item.provider,
      item.link,
      item.description,
      item.durationHours,
      item.format,
      pgArray(item.skills),
      pgArray(item.causes),
      true,
      1,
      createdBy,
      created,
      created,
    );
    const entry: CatalogueEntry = {
      id,
      kind: item.kind,
      title: item.title,
      link: item.link,
      skills: item.skills,
      sessions: [],
    };
    // Workshops run every two months across the history, and twice more ahead.
    if (item.kind === "workshop") {
      const first = item.dates?.[0];
      for (let day = 10; day < clock.windowDays + 120; day += 61) {
        const date = onWeekday(addDays(clock.windowStart, day));
        const startsAt = at(date, first?.startsAt ?? "10:00");
        const sessionId = ids.next("catalogue_sessions");
        sessions.row(
          sessionId,
          id,
          startsAt.toISOString(),
          new Date(startsAt.getTime() + (first?.hours ?? 3) * 3_600_000).toISOString(),
          first?.location ?? "Online",
          first?.seats ?? 16,
          null,
          created,
        );
        entry.sessions.push({ id: sessionId, startsAt });
      }
    }
    entries.push(entry);
  }
  return { items, sessions, entries };
}

// ---------- every row of every plan ----------

const iso = (d: Date) => d.toISOString();
const round = (value: number, whole: boolean) =>
  whole ? Math.round(value) : Math.round(value * 10) / 10;

const genericGoals: readonly GoalTemplate[] = [
  {
    description: "Agree the week's priorities on Monday and report on them on Friday",
    metric: "Weekly priorities reported on time",
    unit: "%",
    direction: "up",
    baseline: [30, 55],
    improve: 0.6,
    measurement: "Friday update in the team channel",
    whole: true,
  },
  {
    description: "Flag blockers the day they appear",
    metric: "Blockers flagged the same day",
    unit: "%",
    direction: "up",
    baseline: [20, 50],
    improve: 0.6,
    measurement: "Stand-up notes, weekly review",
    whole: true,
  },
];

export function planTables() {
  return {
    plans: bufferTable("plans", [
      "id",
      "employee_id",
      "manager_id",
      "hr_partner_id",
      "status",
      "standard",
      "start_date",
      "end_date",
      "cadence_days",
      "good_faith",
      "good_faith_note",
      "outcome",
      "manager_reflection",
      "employee_reflection",
      "paused_from",
      "issued_version",
      "version",
      "created_at",
      "updated_at",
      "submitted_at",
      "issued_at",
      "closed_at",
      "sealed_at",
      "sealed_manager_until",
    ]),
    evidence: bufferTable("plan_evidence", [
      "id",
      "plan_id",
      "position",
      "kind",
      "title",
      "description",
      "impact",
      "occurred_on",
      "unit",
      "source",
      "series",
      "answer",
      "employee_side",
      "answered_at",
    ]),
    causes: bufferTable("plan_causes", ["id", "plan_id", "cause", "notes", "employee_view"]),
    goals: bufferTable("plan_goals", [
      "id",
      "plan_id",
      "position",
      "description",
      "metric",
      "unit",
      "direction",
      "baseline",
      "target",
      "measurement",
      "due_date",
    ]),
    resources: bufferTable("plan_resources", [
      "id",
      "goal_id",
      "kind",
      "description",
      "link",
      "mentor_id",
      "hours_per_week",
      "status",
      "requested_by_employee",
      "catalogue_item_id",
      "catalogue_session_id",
    ]),
    milestones: bufferTable("plan_milestones", [
      "id",
      "goal_id",
      "title",
      "due_date",
      "target",
      "early_win",
      "done_at",
    ]),
    reviews: bufferTable("plan_reviews", [
      "id",
      "plan_id",
      "author_id",
      "decision",
      "comment",
      "created_at",
    ]),
    versions: bufferTable("plan_versions", [
      "plan_id",
      "number",
      "snapshot",
      "change_summary",
      "created_by_id",
      "created_at",
      "acknowledged_at",
    ]),
    threads: bufferTable("plan_threads", [
      "id",
      "plan_id",
      "goal_id",
      "kind",
      "subject",
      "resource_kind",
      "status",
      "created_by_id",
      "created_at",
    ]),
    messages: bufferTable("plan_thread_messages", [
      "id",
      "thread_id",
      "author_id",
      "body",
      "created_at",
    ]),
    actionItems: bufferTable("plan_action_items", [
      "id",
      "plan_id",
      "goal_id",
      "title",
      "due_date",
      "done_at",
      "created_at",
    ]),
    achievements: bufferTable("plan_achievements", [
      "id",
      "plan_id",
      "goal_id",
      "body",
      "occurred_on",
      "created_at",
    ]),
    responses: bufferTable("plan_responses", [
      "id",
      "plan_id",
      "section",
      "author_id",
      "body",
      "created_at",
    ]),
    checkins: bufferTable("plan_checkins", [
      "id",
      "plan_id",
      "scheduled_on",
      "status",
      "held_on",
      "confidence",
      "manager_notes",
      "employee_notes",
      "next_steps",
      "recorded_by_id",
      "recorded_at",
      "due_reminder_sent_at",
    ]),
    checkinGoals: bufferTable("plan_checkin_goals", [
      "checkin_id",
      "goal_id",
      "value",
      "status",
      "note",
    ]),
    checkinResources: bufferTable("plan_checkin_resources", [
      "checkin_id",
      "resource_id",
      "delivered",
    ]),
    privateNotes: bufferTable("plan_private_notes", [
      "id",
      "plan_id",
      "author_id",
      "body",
      "created_at",
    ]),
    priorNotice: bufferTable("plan_prior_notice", [
      "id",
      "plan_id",
      "held_on",
      "kind",
      "summary",
      "author_id",
      "created_at",
    ]),
    protectedActivities: bufferTable("protected_activities", [
      "id",
      "person_id",
      "kind",
      "occurred_on",
      "note",
      "concern_id",
      "recorded_by_id",
      "recorded_at",
    ]),
  };
}
export type PlanTables = ReturnType<typeof planTables>;

type GoalRow = {
  id: string;
  template: GoalTemplate;
  baseline: number;
  target: number;
  dueDate: string;
  resources: {
    id: string;
    kind: ResourceKind;
    description: string;
    link: string;
    mentorId: string | null;
    mentorName: string | null;
    hoursPerWeek: number | null;
    status: "offered" | "in_use" | "delivered" | "not_delivered";
    catalogueItemId: string | null;
    catalogueSessionId: string | null;
    skills: string[];
  }[];
  milestones: {
    id: string;
    title: string;
    dueDate: string;
    target: number | null;
    earlyWin: boolean;
  }[];
};

/** Writes every plan's rows into the buffers; returns the growth goals that carry on from plans. */
export function writePlans({
  plans,
  org,
  clock,
  streams,
  ids,
  keys,
  catalogue,
  tables: t,
  sealedManagerDays,
}: {
  plans: PlanSkeleton[];
  org: Org;
  clock: Clock;
  streams: Streams;
  ids: Ids;
  keys: Keyring;
  catalogue: CatalogueEntry[];
  tables: PlanTables;
  sealedManagerDays: number;
}): { carryOn: { plan: PlanSkeleton; goals: ReturnType<typeof carryOnGoals> }[] } {
  const r = streams("plan-rows");
  const { people } = org;
  const now = clock.now;
  const today = clock.today;
  const carryOn: { plan: PlanSkeleton; goals: ReturnType<typeof carryOnGoals> }[] = [];
  const byKind = (kinds: CatalogueKind[]) => catalogue.filter((c) => kinds.includes(c.kind));
  const trainingItems = byKind(["course", "workshop", "guide"]);
  const toolItems = byKind(["tool"]);
  // Mentors: experienced individual contributors in the same department.
  const mentorsIn = new Map<string, number[]>();
  for (const p of people)
    if (p.reports.length === 0 && p.active && daysBetween(p.hireDate, today) > 3 * 365)
      (mentorsIn.get(p.department) ?? mentorsIn.set(p.department, []).get(p.department)!).push(
        p.index,
      );

  for (const plan of plans) {
    const employee = people[plan.employee]!;
    const manager = people[plan.manager]!;
    const hr = people[plan.hr]!;
    const closed = plan.status === "closed";
    const issued = plan.issuedOn !== null;
    const running = runningStatuses.includes(plan.status);
    const started = issued && plan.startDate <= today && (running || closed);
    const finalEnd = plan.newEndDate ?? plan.endDate;
    const lastDay = closed ? plan.closedOn! : today;
    const createdAt = at(plan.createdOn, "10:00", r.int(0, 90));
    const templates = r.sample(goalTemplates[employee.department] ?? genericGoals, 5);
    const goalCount = Math.min(
      r.weighted([
        [1, 10],
        [2, 35],
        [3, 35],
        [4, 15],
        [5, 5],
      ] as const),
      templates.length + genericGoals.length,
    );

    // ----- goals, resources, milestones -----
    const goals: GoalRow[] = [];
    for (let position = 0; position < goalCount; position++) {
      const template = templates[position] ?? genericGoals[position - templates.length]!;
      const [lo, hi] = template.baseline;
      const baseline = round(lo + r.next() * (hi - lo), template.whole);
      const change = Math.max(
        template.whole ? 1 : 0.1,
        Math.abs(baseline) * template.improve * 0.5,
      );
      let target = round(
        template.direction === "up" ? baseline + change : baseline - change,
        template.whole,
      );
      if (template.unit === "%") target = Math.min(100, target);
      if (target === baseline) target = template.direction === "up" ? baseline + 1 : baseline - 1;
      const goalId = ids.next("plan_goals");
      const goal: GoalRow = {
        id: goalId,
        template,
        baseline,
        target,
        dueDate: plan.endDate,
        resources: [],
        milestones: [],
      };
      const resourceCount = r.chance(0.6) ? 1 : 2;
      for (let k = 0; k < resourceCount; k++) {
        const kind = r.weighted([
          ["training", 35],
          ["mentor", 15],
          ["time", 15],
          ["tool", 10],
          ["coaching", 15],
          ["reduced_demand", 10],
        ] as const);
        const fromCatalogue =
          (kind === "training" && r.chance(0.5) && trainingItems.length > 0) ||
          (kind === "tool" && r.chance(0.3) && toolItems.length > 0);
        const item = fromCatalogue ? r.pick(kind === "tool" ? toolItems : trainingItems) : null;
        const session =
          item?.kind === "workshop"
            ? (item.sessions.find(
                (s) => s.startsAt.getTime() > at(plan.startDate, "00:00").getTime(),
              ) ?? null)
            : null;
        const mentorPool = kind === "mentor" ? (mentorsIn.get(employee.department) ?? []) : [];
        let mentorIndex = mentorPool.length ? r.pick(mentorPool) : undefined;
        if (mentorIndex === plan.employee || mentorIndex === plan.manager) mentorIndex = undefined;
        const mentor = mentorIndex === undefined ? null : people[mentorIndex]!;
        const status = !started
          ? "offered"
          : closed
            ? plan.deliveredAll || r.chance(0.55)
              ? "delivered"
              : "not_delivered"
            : r.weighted([
                ["in_use", 60],
                ["delivered", 20],
                ["offered", 20],
              ] as const);
        goal.resources.push({
          id: ids.next("plan_resources"),
          kind: item ? resourceKindOf[item.kind] : kind,
          description: item?.title ?? r.pick(resourceDescriptions[kind]),
          link: item?.link ?? "",
          mentorId: mentor?.id ?? null,
          mentorName: mentor?.name ?? null,
          hoursPerWeek: ["time", "mentor", "coaching", "training"].includes(kind)
            ? r.int(1, 4)
            : null,
          status,
          catalogueItemId: item?.id ?? null,
          catalogueSessionId: session?.id ?? null,
          skills: item?.skills ?? [],
        });
      }
      // Support that was not all delivered: at least one resource says so.
      const days = daysBetween(plan.startDate, plan.endDate);
      if (position === 0)
        goal.milestones.push({
          id: ids.next("plan_milestones"),
          title: milestoneTitles[0]!,
          dueDate: addDays(plan.startDate, r.int(7, 13)),
          target: round(baseline + (target - baseline) * 0.25, template.whole),
          earlyWin: true,
        });
      goal.milestones.push({
        id: ids.next("plan_milestones"),
        title: milestoneTitles[1]!,
        dueDate: addDays(plan.startDate, Math.floor(days / 2)),
        target: round(baseline + (target - baseline) * 0.5, template.whole),
        earlyWin: false,
      });
      if (r.chance(0.5))
        goal.milestones.push({
          id: ids.next("plan_milestones"),
          title: milestoneTitles[3]!,
          dueDate: plan.endDate,
          target,
          earlyWin: false,
        });
      goals.push(goal);
    }
    if (closed && !plan.deliveredAll && started) {
      const all = goals.flatMap((g) => g.resources);
      if (!all.some((x) => x.status === "not_delivered")) r.pick(all).status = "not_delivered";
    }
    if (closed && plan.deliveredAll)
      for (const g of goals) for (const x of g.resources) x.status = "delivered";

    for (const [position, goal] of goals.entries()) {
      const tpl = goal.template;
      t.goals.row(
        goal.id,
        plan.id,
        position,
        tpl.description,
        tpl.metric,
        tpl.unit,
        tpl.direction,
        goal.baseline,
        goal.target,
        tpl.measurement,
        goal.dueDate,
      );
      for (const x of goal.resources)
        t.resources.row(
          x.id,
          goal.id,
          x.kind,
          x.description,
          x.link,
          x.mentorId,
          x.hoursPerWeek,
          x.status,
          !issued ? false : r.chance(0.05),
          x.catalogueItemId,
          x.catalogueSessionId,
        );
      for (const m of goal.milestones) {
        const due = m.dueDate <= lastDay && started;
        const done = due && r.chance(plan.success ? 0.9 : m.earlyWin ? 0.6 : 0.2);
        t.milestones.row(
          m.id,
          goal.id,
          m.title,
          m.dueDate,
          m.target,
          m.earlyWin,
          done ? iso(at(m.dueDate, "15:00", r.int(-600, 0))) : null,
        );
      }
    }

    // ----- the plan's document: standard, evidence, causes -----
    const standard = r.pick(standards[employee.department] ?? standards.Engineering!);
    const evidenceCount = r.int(1, 3);
    const evidence: PlanSnapshot["evidence"] = [];
    for (let position = 0; position < evidenceCount; position++) {
      const metric = position === 0;
      const goal = goals[0]!;
      const weeks = metric ? r.int(4, 6) : 0;
      const series = Array.from({ length: weeks }, (_, i) => ({
        date: addDays(plan.createdOn, -7 * (weeks - i)),
        value: round(goal.baseline * (0.9 + r.next() * 0.2), goal.template.whole),
      }));
      evidence.push({
        id: ids.next("plan_evidence"),
        kind: metric ? "metric" : "incident",
        title: metric
          ? goal.template.metric
          : r.pick(["Missed handover", "Late delivery", "Customer complaint"]),
        description: metric
          ? `${goal.template.metric}, week by week, before the plan.`
          : "The work was due on the agreed day and arrived three days later without a message.",
        impact: metric
          ? "The team's own target was missed in those weeks."
          : "The customer escalated, and a colleague had to step in.",
        occurredOn: metric ? null : addDays(plan.createdOn, -r.int(5, 40)),
        unit: metric ? goal.template.unit : "",
        source: metric ? goal.template.measurement : "",
        series,
      });
    }
    const answeredAt = plan.acknowledgedOn
      ? iso(at(plan.acknowledgedOn, "13:00", r.int(0, 200)))
      : null;
    for (const [position, e] of evidence.entries()) {
      const answer = answeredAt
        ? r.weighted([
            ["same", 60],
            ["different", 25],
            [null, 15],
          ] as const)
        : null;
      t.evidence.row(
        e.id,
        plan.id,
        position,
        e.kind,
        e.title,
        e.description,
        e.impact,
        e.occurredOn,
        e.unit,
        e.source,
        pgJson(e.series),
        answer,
        answer === "different"
          ? "The numbers include the weeks I was covering the support queue."
          : "",
        answer ? answeredAt : null,
      );
      if (answer === "different" && r.chance(0.5))
        t.responses.row(
          ids.next("plan_responses"),
          plan.id,
          `evidence:${e.id}`,
          employee.id,
          "Those weeks I was also covering for a colleague on leave; the queue was twice its usual size.",
          answeredAt,
        );
    }
    const causes = plan.causes.map((cause) => ({ cause, notes: r.pick(causeNotes[cause]) }));
    for (const c of causes)
      t.causes.row(
        ids.next("plan_causes"),
        plan.id,
        c.cause,
        c.notes,
        answeredAt && r.chance(0.3)
          ? "I agree, and I would add that the priorities changed often."
          : "",
      );

    // ----- review, versions -----
    const submittedAt = plan.submittedOn ? at(plan.submittedOn, "11:00", r.int(0, 120)) : null;
    if (plan.changesOn && plan.changesOn <= today)
      t.reviews.row(
        ids.next("plan_reviews"),
        plan.id,
        hr.id,
        "changes_requested",
        "Please make the first milestone smaller and name the training explicitly.",
        iso(at(plan.changesOn, "14:00", r.int(0, 120))),
      );
    const approvedAt = plan.approvedOn ? at(plan.approvedOn, "14:00", r.int(0, 120)) : null;
    if (approvedAt)
      t.reviews.row(ids.next("plan_reviews"), plan.id, hr.id, "approved", "", iso(approvedAt));
    const issuedAt = plan.issuedOn ? at(plan.issuedOn, "09:00", r.int(0, 60)) : null;
    const snapshotAt = (
      resourceStatus: (s: GoalRow["resources"][number]) => string,
      endDate: string,
    ): PlanSnapshot => ({
      employee: { id: employee.id, name: employee.name },
      manager: { id: manager.id, name: manager.name },
      standard,
      startDate: plan.startDate,
      endDate,
      cadenceDays: plan.cadence,
      evidence,
      causes,
      goals: goals.map((g) => ({
        id: g.id,
        description: g.template.description,
        metric: g.template.metric,
        unit: g.template.unit,
        direction: g.template.direction,
        baseline: g.baseline,
        target: g.target,
        measurement: g.template.measurement,
        dueDate: g.dueDate,
        resources: g.resources.map((x) => ({
          id: x.id,
          kind: x.kind,
          description: x.description,
          link: x.link,
          mentorId: x.mentorId,
          mentorName: x.mentorName,
          hoursPerWeek: x.hoursPerWeek,
          status: resourceStatus(x),
          ...(x.catalogueItemId
            ? { catalogueItemId: x.catalogueItemId, catalogueSessionId: x.catalogueSessionId }
            : {}),
        })),
        milestones: g.milestones,
      })),
    });
    let versions = 0;
    if (issuedAt) {
      const first = snapshotAt(() => "offered", plan.endDate);
      versions = 1;
      t.versions.row(
        plan.id,
        1,
        pgJson(first),
        "First version issued",
        manager.id,
        iso(issuedAt),
        plan.acknowledgedOn ? iso(at(plan.acknowledgedOn, "12:00", r.int(0, 200))) : null,
      );
      if (plan.extendedOn && plan.newEndDate) {
        const second = snapshotAt(
          (x) =>
            x.status === "offered" ? "in_use" : x.status === "not_delivered" ? "in_use" : x.status,
          plan.newEndDate,
        );
        const summary = [
          ...describeChanges(first, second),
          "Reason for the extension: More time for the last goal, which depends on the training.",
        ].join("\n");
        versions = 2;
        const extendedAt = at(plan.extendedOn, "10:00", r.int(0, 120));
        t.versions.row(
          plan.id,
          2,
          pgJson(second),
          summary,
          manager.id,
          iso(extendedAt),
          r.chance(0.9) ? iso(new Date(extendedAt.getTime() + r.int(1, 48) * 3_600_000)) : null,
        );
      }
    }

    // ----- check-ins -----
    let lastActivity = issuedAt ?? submittedAt ?? createdAt;
    if (started) {
      const dates = checkinDates({
        startDate: plan.startDate,
        endDate: finalEnd,
        cadenceDays: plan.cadence,
      });
      const held = dates.filter((d) => d < today && (!closed || d <= plan.closedOn!));
      const n = Math.max(1, held.length);
      held.forEach((day, k) => {
        const progress = (k + 1) / n;
        const trend = plan.success ? 2.4 + 2.4 * progress : 3.2 - 1.8 * progress;
        const missed = r.chance(plan.success ? 0.05 : plan.outcome === "separation" ? 0.2 : 0.1);
        const checkinId = ids.next("plan_checkins");
        const heldOn = day;
        const recordedAt = at(heldOn, "16:00", r.int(0, 90));
        const reminder = iso(at(addDays(day, -1), "07:00", r.int(0, 30)));
        if (missed) {
          t.checkins.row(
            checkinId,
            plan.id,
            day,
            "missed",
            null,
            null,
            "",
            "",
            "",
            null,
            null,
            reminder,
          );
          return;
        }
        const confidence = Math.min(5, Math.max(1, Math.round(trend + r.normal(0, 0.6))));
        t.checkins.row(
          checkinId,
          plan.id,
          day,
          "held",
          heldOn,
          r.chance(0.95) ? confidence : null,
          r.pick(checkinNotes.manager),
          r.pick(checkinNotes.employee),
          r.pick(checkinNotes.nextSteps),
          manager.id,
          iso(recordedAt),
          reminder,
        );
        lastActivity = recordedAt;
        for (const goal of goals) {
          const reach = plan.success
            ? Math.min(1.05, progress * 1.1)
            : progress * (0.25 + r.next() * 0.3);
          const value = round(
            goal.baseline +
              (goal.target - goal.baseline) * reach +
              r.normal(0, 0.03) * Math.abs(goal.target - goal.baseline),
            goal.template.whole,
          );
          const status =
            reach >= 1
              ? "met"
              : reach >= progress - 0.1
                ? "on_track"
                : reach >= progress - 0.35
                  ? "at_risk"
                  : "off_track";
          t.checkinGoals.row(checkinId, goal.id, value, status, "");
          for (const x of goal.resources)
            t.checkinResources.row(
              checkinId,
              x.id,
              x.status === "delivered" || x.status === "in_use" ? r.chance(0.9) : r.chance(0.15),
            );
        }
      });
      if (!closed)
        for (const day of dates.filter((d) => d >= today)) {
          // A reminder goes out the day before; a check-in due today or tomorrow has had it.
          const reminded = addDays(day, -1) <= today;
          t.checkins.row(
            ids.next("plan_checkins"),
            plan.id,
            day,
            "scheduled",
            null,
            null,
            "",
            "",
            "",
            null,
            null,
            reminded
              ? iso(
                  new Date(
                    Math.min(now.getTime() - 60_000, at(addDays(day, -1), "07:00").getTime()),
                  ),
                )
              : null,
          );
        }
    }

    // ----- threads, the employee's own items, notes -----
    if (issued && r.chance(plan.bench ? 1 : 0.35)) {
      const goal = r.pick(goals);
      const threadId = ids.next("plan_threads");
      const askedOn = addDays(plan.acknowledgedOn ?? plan.issuedOn!, r.int(1, 10));
      const askedAt = at(askedOn <= lastDay ? askedOn : plan.issuedOn!, "11:00", r.int(0, 200));
      const open = !closed && (plan.bench || r.chance(0.4));
      t.threads.row(
        threadId,
        plan.id,
        goal.id,
        "clarification",
        r.pick(threadSubjects),
        null,
        open ? "open" : closed ? "closed" : "answered",
        employee.id,
        iso(askedAt),
      );
      t.messages.row(
        ids.next("plan_thread_messages"),
        threadId,
        employee.id,
        "Could you say exactly how this will be measured, and from which week?",
        iso(askedAt),
      );
      if (!open)
        t.messages.row(
          ids.next("plan_thread_messages"),
          threadId,
          manager.id,
          r.pick(threadAnswers),
          iso(new Date(askedAt.getTime() + r.int(2, 40) * 3_600_000)),
        );
    }
    if (issued && r.chance(0.12)) {
      const threadId = ids.next("plan_threads");
      const askedAt = at(addDays(plan.issuedOn!, r.int(1, 5)), "10:00", r.int(0, 200));
      const kind = r.pick(resourceKinds);
      t.threads.row(
        threadId,
        plan.id,
        null,
        "support",
        "Could I have more time with a mentor?",
        kind,
        closed ? "closed" : "answered",
        employee.id,
        iso(askedAt),
      );
      t.messages.row(
        ids.next("plan_thread_messages"),
        threadId,
        employee.id,
        "An hour a week with someone who knows the system would help me most.",
        iso(askedAt),
      );
      t.messages.row(
        ids.next("plan_thread_messages"),
        threadId,
        manager.id,
        "Agreed: I have asked two senior colleagues and will confirm this week.",
        iso(new Date(askedAt.getTime() + 20 * 3_600_000)),
      );
    }
    if (started && r.chance(0.5))
      for (const goal of goals.slice(0, r.int(1, 3))) {
        const due = addDays(plan.startDate, r.int(5, 30));
        t.actionItems.row(
          ids.next("plan_action_items"),
          plan.id,
          goal.id,
          r.pick([
            "Set up the weekly tracking sheet",
            "Book the first mentoring session",
            "Finish the first course module",
            "List the blockers from last month",
          ]),
          due,
          due < lastDay && r.chance(plan.success ? 0.9 : 0.4) ? iso(at(due, "15:00")) : null,
          iso(at(plan.startDate, "12:00", r.int(0, 120))),
        );
      }
    if (started && plan.success && r.chance(0.6)) {
      const day = addDays(plan.startDate, r.int(10, 30));
      if (day < lastDay)
        t.achievements.row(
          ids.next("plan_achievements"),
          plan.id,
          goals[0]!.id,
          "Two weeks in a row at the target, and the team noticed.",
          day,
          iso(at(day, "17:00")),
        );
    }
    if (issued && r.chance(0.1))
      t.responses.row(
        ids.next("plan_responses"),
        plan.id,
        "standard",
        employee.id,
        "I understand the standard; I would like the support to start before the first check-in.",
        iso(at(plan.acknowledgedOn ?? plan.issuedOn!, "13:30")),
      );
    if (r.chance(plan.bench ? 1 : 0.2))
      t.privateNotes.row(
        ids.next("plan_private_notes"),
        plan.id,
        manager.id,
        keys.seal("plan_private_notes.body", r.pick(privateNoteBodies)),
        iso(new Date(Math.min(now.getTime() - 3_600_000, createdAt.getTime() + 86_400_000))),
      );

    // ----- prior notice and protected activities (the review's history) -----
    if (!plan.surprise)
      for (let k = 0; k < r.int(1, 2); k++) {
        const heldOn = addDays(plan.createdOn, -r.int(5, 40));
        t.priorNotice.row(
          ids.next("plan_prior_notice"),
          plan.id,
          heldOn,
          plan.noPriorFeedback
            ? "one_on_one"
            : r.pick(["written_feedback", "one_on_one", "documented_discussion", "email"]),
          r.pick(priorNoticeSummaries),
          manager.id,
          iso(at(plan.createdOn, "10:30", r.int(0, 60))),
        );
      }
    if (plan.retaliation) {
      const reference = plan.issuedOn ?? today;
      const occurredOn = addDays(reference, -r.int(20, 170));
      writeProtectedActivity({
        t,
        ids,
        keys,
        r,
        person: employee,
        recordedBy: hr,
        occurredOn,
        now,
      });
    }

    // ----- the plan row -----
    const closedAt = closed ? at(plan.closedOn!, "16:00", r.int(0, 90)) : null;
    const sealedUntil =
      closedAt && plan.outcome === "goals_met"
        ? new Date(closedAt.getTime() + sealedManagerDays * 86_400_000)
        : null;
    const updatedAt = closedAt ?? lastActivity;
    t.plans.row(
      plan.id,
      employee.id,
      manager.id,
      hr.id,
      plan.status,
      standard,
      plan.startDate,
      finalEnd,
      plan.cadence,
      "yes",
      "",
      plan.outcome,
      plan.outcome ? reflections[plan.outcome] : "",
      closed && plan.outcome === "goals_met" && r.chance(0.5)
        ? "The mentoring and the early wins made the difference."
        : "",
      plan.pausedFrom,
      versions,
      2 +
        (plan.submittedOn ? 1 : 0) +
        (approvedAt ? 1 : 0) +
        versions * 2 +
        (started ? 1 : 0) +
        (closed ? 1 : 0) +
        (plan.pausedFrom ? 1 : 0),
      iso(createdAt),
      iso(new Date(Math.min(updatedAt.getTime(), now.getTime()))),
      submittedAt ? iso(submittedAt) : null,
      issuedAt ? iso(issuedAt) : null,
      closedAt ? iso(closedAt) : null,
      sealedUntil ? iso(closedAt!) : null,
      sealedUntil ? iso(sealedUntil) : null,
    );
    // Goals met: a growth plan carries on from it, as the close dialog offers.
    if (closed && plan.outcome === "goals_met")
      carryOn.push({
        plan,
        goals: carryOnGoals({
          goals: goals.map((g) => ({
            description: g.template.description,
            metric: g.template.metric,
            unit: g.template.unit,
            direction: g.template.direction,
            target: g.target,
            measurement: g.template.measurement,
          })),
          skills: goals.flatMap((g) => g.resources.flatMap((x) => x.skills)),
          today: plan.closedOn!,
        }),
      });
  }
  return { carryOn };
}

export function writeProtectedActivity({
  t,
  ids,
  keys,
  r,
  person,
  recordedBy,
  occurredOn,
  now,
}: {
  t: PlanTables;
  ids: Ids;
  keys: Keyring;
  r: Random;
  person: Person;
  recordedBy: Person;
  occurredOn: string;
  now: Date;
}) {
  const kind: ProtectedActivityKind = r.pick(protectedActivityKinds);
  const note = r.pick(protectedNotes);
  const recordedAt = Math.min(
    now.getTime() - 3_600_000,
    at(occurredOn, "15:00").getTime() + r.int(1, 4) * 86_400_000,
  );
  t.protectedActivities.row(
    ids.next("protected_activities"),
    person.id,
    keys.seal("protected_activities.kind", kind),
    keys.seal("protected_activities.occurred_on", occurredOn),
    note ? keys.seal("protected_activities.note", note) : "",
    null,
    recordedBy.id,
    iso(new Date(recordedAt)),
  );
}
