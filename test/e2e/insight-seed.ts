import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, expect } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import { settleBackgroundTasks } from "../../src/db/transaction.js";
import type { Deps } from "../../src/deps.js";
import { setPasswords } from "../../src/modules/auth/auth.service.js";
import { prepareKeys } from "../../src/modules/keys/keys.sweep.js";
import { createMailer } from "../../src/modules/mail/mail.service.js";
import { people as peopleTable } from "../../src/modules/org/org.table.js";
import {
  findCheckins,
  recordCheckin,
  recordEmployeeCheckin,
} from "../../src/modules/plans/plans.checkins.service.js";
import { setResourceStatus } from "../../src/modules/plans/plans.participation.service.js";
import {
  createPlan,
  type PlanDocumentInput,
  savePlan,
  transitionPlan,
} from "../../src/modules/plans/plans.service.js";
import { planGoals, planResources, plans } from "../../src/modules/plans/plans.table.js";
import type { CauseKind, Outcome, ResourceKind } from "../../src/modules/plans/plans.types.js";
import { addPriorNotice } from "../../src/modules/review/review.service.js";
import { actorFor } from "../factories.js";
import { makeCommitment, makeMeeting, makeSeries } from "../factories-calendar.js";
import { makeFeedback } from "../factories-feedback.js";
import { buildWeb, launchChromium, startServer } from "./harness.js";
import { PlansWorld, password } from "./plans-seed.js";

// The organisation of the insight journey, seeded through the server's own services on its own
// database: plans are drafted, reviewed, issued, run and closed at dates spread over the last
// year (each step at its own moment of a clock the seed moves), so the dashboards have real
// history to show. Every figure the journey checks is counted here, by hand, from the seed.

const DAY = 86_400_000;

type Gender = "Woman" | "Man" | "Non-binary" | "Self-described";
type Person = {
  id: string;
  name: string;
  email: string;
  title: string;
  department: string;
  manager: string | null;
  roles?: string;
  hrScope?: string;
  gender?: Gender;
  ageBand?: string;
};

const mail = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@example.com`;

/** Five line managers under the chief operating officer, each with six reports. */
const managers = [
  { name: "Marcus Lee", department: "Engineering", title: "Engineering Manager" },
  { name: "Ines Duarte", department: "Engineering", title: "Engineering Manager" },
  { name: "Priya Nair", department: "Customer Support", title: "Support Manager" },
  { name: "Tomas Becker", department: "Sales", title: "Sales Manager" },
  { name: "Amara Obi", department: "Customer Support", title: "Support Manager" },
] as const;

/** Thirty employees: 14 women, 11 men, 3 non-binary, 2 who describe themselves. */
const reports: [string, Gender, string][][] = [
  [
    ["Sofia Rossi", "Woman", "Under 30"],
    ["Kwame Mensah", "Man", "30-44"],
    ["Lena Fischer", "Woman", "30-44"],
    ["Jonas Berg", "Man", "Under 30"],
    ["Mei Tanaka", "Woman", "45 and over"],
    ["Alex Moreno", "Non-binary", "Under 30"],
  ],
  [
    ["Aisha Khan", "Woman", "30-44"],
    ["Oliver Grant", "Man", "45 and over"],
    ["Chloe Martin", "Woman", "Under 30"],
    ["Ravi Patel", "Man", "30-44"],
    ["Nadia Petrova", "Woman", "30-44"],
    ["Sam Carter", "Self-described", "30-44"],
  ],
  [
    ["Grace Mbeki", "Woman", "45 and over"],
    ["Lucas Silva", "Man", "Under 30"],
    ["Emma Novak", "Woman", "30-44"],
    ["Daniel Kim", "Man", "30-44"],
    ["Hana Sato", "Woman", "Under 30"],
    ["Robin Ahl", "Non-binary", "45 and over"],
  ],
  [
    ["Zara Ahmed", "Woman", "30-44"],
    ["Ethan Brooks", "Man", "45 and over"],
    ["Laura Costa", "Woman", "30-44"],
    ["Noah Weber", "Man", "Under 30"],
    ["Ivy Chen", "Woman", "Under 30"],
    ["Kai Lindqvist", "Self-described", "Under 30"],
  ],
  [
    ["Maya Singh", "Woman", "30-44"],
    ["Leo Dubois", "Man", "30-44"],
    ["Ruth Adeyemi", "Woman", "45 and over"],
    ["Omar Haddad", "Man", "Under 30"],
    ["Tess Walker", "Non-binary", "30-44"],
    ["Felix Wagner", "Man", "45 and over"],
  ],
];

export const who = {
  coo: { name: "Dana Whitfield", email: mail("Dana Whitfield") },
  hr: { name: "Hannah Cole", email: mail("Hannah Cole") },
  ld: { name: "Grace Okoro", email: mail("Grace Okoro") },
};

function organisation(): Person[] {
  const list: Person[] = [
    {
      id: "P01",
      ...who.coo,
      title: "Chief Operating Officer",
      department: "Operations",
      manager: null,
    },
    {
      id: "P02",
      ...who.hr,
      title: "HR Partner",
      department: "People",
      manager: who.coo.email,
      roles: "hr",
      hrScope: "all",
    },
    {
      id: "P03",
      ...who.ld,
      title: "Learning & Development Lead",
      department: "People",
      manager: who.coo.email,
      roles: "ld",
    },
  ];
  managers.forEach((m, i) => {
    list.push({
      id: `M${i + 1}`,
      name: m.name,
      email: mail(m.name),
      title: m.title,
      department: m.department,
      manager: who.coo.email,
    });
    reports[i]!.forEach(([name, gender, ageBand], j) => {
      list.push({
        id: `E${i + 1}${j + 1}`,
        name,
        email: mail(name),
        title: m.department === "Sales" ? "Account Executive" : `${m.department} Specialist`,
        department: m.department,
        manager: mail(m.name),
        gender,
        ageBand,
      });
    });
  });
  return list;
}

export const everyone = organisation();
/** Everyone a page could name: all but the admin. */
export const allNames = everyone.map((p) => p.name);

function orgCsv(): string {
  const rows = [
    "employee_id,email,name,title,department,location,hire_date,manager_email,roles,hr_scope,demographic_gender,demographic_age_band",
    ...everyone.map((p) =>
      [
        p.id,
        p.email,
        p.name,
        p.title,
        p.department,
        "London",
        "2019-01-07",
        p.manager ?? "",
        p.roles ?? "",
        p.hrScope ?? "",
        p.gender ?? "",
        p.ageBand ?? "",
      ].join(","),
    ),
  ];
  return rows.join("\n");
}

// ---------- the plans ----------

type PlanSpec = {
  employee: string;
  /** Days before today the plan closes; null: still running. */
  closedDaysAgo: number | null;
  /** Days before today the plan is issued (for a closed plan: 50 days before it closes). */
  issuedDaysAgo?: number;
  outcome?: Outcome;
  causes: CauseKind[];
  resources: { kind: ResourceKind; delivered: boolean }[];
  /** The employee's confidence at each held check-in. */
  confidence: number[];
};

/** Eight closed plans with every outcome, and two still running (their check-ins overdue). */
export const planSpecs: PlanSpec[] = [
  {
    employee: "Sofia Rossi",
    closedDaysAgo: 280,
    outcome: "goals_met",
    causes: ["skill"],
    resources: [
      { kind: "training", delivered: true },
      { kind: "mentor", delivered: true },
    ],
    confidence: [3, 4, 5],
  },
  {
    employee: "Aisha Khan",
    closedDaysAgo: 240,
    outcome: "separation",
    causes: ["overload"],
    resources: [{ kind: "time", delivered: false }],
    confidence: [3, 2, 2],
  },
  {
    employee: "Lucas Silva",
    closedDaysAgo: 200,
    outcome: "goals_met",
    causes: ["unclear_expectations"],
    resources: [{ kind: "coaching", delivered: true }],
    confidence: [2, 3, 4],
  },
  {
    employee: "Zara Ahmed",
    closedDaysAgo: 150,
    outcome: "moved",
    causes: ["relationship_with_manager"],
    resources: [{ kind: "mentor", delivered: false }],
    confidence: [3, 3, 2],
  },
  {
    employee: "Maya Singh",
    closedDaysAgo: 110,
    outcome: "goals_met",
    causes: ["skill", "tools_or_resources"],
    resources: [
      { kind: "training", delivered: true },
      { kind: "tool", delivered: true },
    ],
    confidence: [4, 4, 5],
  },
  {
    employee: "Lena Fischer",
    closedDaysAgo: 80,
    outcome: "extended",
    causes: ["overload"],
    resources: [{ kind: "reduced_demand", delivered: true }],
    confidence: [3, 3, 3],
  },
  {
    employee: "Emma Novak",
    closedDaysAgo: 50,
    outcome: "separation",
    causes: ["motivation"],
    resources: [{ kind: "coaching", delivered: false }],
    confidence: [2, 2, 1],
  },
  {
    employee: "Laura Costa",
    closedDaysAgo: 15,
    outcome: "withdrawn",
    causes: ["process"],
    resources: [{ kind: "tool", delivered: false }],
    confidence: [3],
  },
  {
    employee: "Chloe Martin",
    closedDaysAgo: null,
    issuedDaysAgo: 30,
    causes: ["skill"],
    resources: [{ kind: "training", delivered: false }],
    confidence: [],
  },
  {
    employee: "Omar Haddad",
    closedDaysAgo: null,
    issuedDaysAgo: 24,
    causes: ["unclear_expectations"],
    resources: [{ kind: "coaching", delivered: false }],
    confidence: [],
  },
];

/** What the journey expects to read, counted from the seed. */
export const expected = {
  byOutcome: { goals_met: 3, extended: 1, moved: 1, separation: 2, withdrawn: 1 } as Record<
    Outcome,
    number
  >,
  closed: 8,
  running: 2,
  /** Gender groups large enough to show, with people and plans issued to them in the period. */
  gender: {
    Woman: { people: 14, placed: 8 },
    Man: { people: 11, placed: 2 },
  } as Record<string, { people: number; placed: number }>,
  hiddenGenders: ["Non-binary", "Self-described"],
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Deps for the server's own services, on the server's database. */
async function openSeedDeps(env: NodeJS.ProcessEnv) {
  const config = loadConfig({ env });
  const logger = pino({ level: "silent" });
  const database = await openDatabase({ config, logger, role: "cli" });
  const mailer = createMailer({ config });
  const deps: Deps = { config, database, logger, clock: () => new Date(), mailer };
  await prepareKeys(deps);
  return {
    deps,
    /**
     * The same deps with a clock of their own, which `setNow` moves: each plan's story runs on
     * its own timeline, so several can be told at once.
     */
    timeline() {
      let now = Date.now();
      return {
        deps: { ...deps, clock: () => new Date(now) } as Deps,
        setNow(ms: number) {
          now = ms;
        },
      };
    },
    async close() {
      await settleBackgroundTasks();
      mailer.close();
      await database.close();
    },
  };
}

type SeedDeps = Awaited<ReturnType<typeof openSeedDeps>>;

function planDocument(
  version: number,
  { issueDay, spec, hrId }: { issueDay: number; spec: PlanSpec; hrId: string },
): PlanDocumentInput {
  const day = (offset: number) => isoDay(issueDay + offset * DAY);
  return {
    version,
    standard: "Customer tickets you own are answered within one working day.",
    startDate: day(0),
    endDate: day(42),
    cadenceDays: 7,
    goodFaith: "yes",
    goodFaithNote: "",
    hrPartnerId: hrId,
    evidence: [
      {
        kind: "incident",
        title: "Escalated ticket answered after three days",
        description: "A customer's billing ticket waited three working days for a first answer.",
        impact: "The customer escalated to their account manager.",
        occurredOn: day(-30),
        unit: "",
        source: "",
        series: [],
      },
    ],
    causes: spec.causes.map((cause) => ({ cause, notes: "Talked through in a 1:1." })),
    goals: [
      {
        description: "Answer tickets you own within one working day",
        metric: "Share of tickets answered within one working day",
        unit: "%",
        direction: "up",
        baseline: 60,
        target: 90,
        measurement: "Help desk report, weekly",
        dueDate: day(40),
        resources: spec.resources.map((r) => ({
          kind: r.kind,
          description: `Support: ${r.kind.replace("_", " ")}`,
          link: "",
          mentorId: null,
          hoursPerWeek: null,
          status: "offered" as const,
        })),
        milestones: [
          { title: "A week at 75% or more", dueDate: day(10), target: 75, earlyWin: true },
        ],
      },
    ],
  };
}

async function actorOf(deps: Deps, id: string) {
  return actorFor(deps, id);
}

async function versionOf(deps: Deps, planId: string): Promise<number> {
  const [row] = await deps.database.db
    .select({ version: plans.version })
    .from(plans)
    .where(eq(plans.id, planId));
  return row!.version;
}

/** One plan from draft to its close (or to running), each step at its own moment. */
async function runPlan(
  seed: SeedDeps,
  {
    spec,
    ids,
    hrId,
    today,
  }: { spec: PlanSpec; ids: Map<string, string>; hrId: string; today: number },
) {
  const { deps, setNow } = seed.timeline();
  const employeeId = ids.get(spec.employee)!;
  const person = everyone.find((p) => p.name === spec.employee)!;
  const managerId = everyone.find((p) => p.email === person.manager)!;
  const manager = await actorOf(deps, ids.get(managerId.name)!);
  const hr = await actorOf(deps, hrId);
  const employee = await actorOf(deps, employeeId);
  const issueDay =
    today - (spec.closedDaysAgo === null ? spec.issuedDaysAgo! : spec.closedDaysAgo + 50) * DAY;
  const move = async (
    actor: typeof manager,
    action: "submit" | "approve" | "issue" | "acknowledge" | "start" | "close",
    extra: object = {},
  ) =>
    transitionPlan(deps, {
      actor,
      id: planId,
      input: { action, version: await versionOf(deps, planId), ...extra },
    });

  setNow(issueDay - 3 * DAY);
  const created = await createPlan(deps, { actor: manager, employeeId });
  const planId = created.plan.id;
  await savePlan(deps, {
    actor: manager,
    id: planId,
    input: planDocument(created.plan.version, { issueDay, spec, hrId }),
  });
  await addPriorNotice(deps, {
    actor: manager,
    id: planId,
    input: {
      heldOn: isoDay(issueDay - 20 * DAY),
      kind: "written_feedback",
      summary: "Shared the ticket response times and what good looks like.",
    },
  });
  await move(manager, "submit");
  setNow(issueDay - 2 * DAY);
  await move(hr, "approve");
  setNow(issueDay);
  await move(manager, "issue");
  setNow(issueDay + DAY / 4);
  await move(employee, "acknowledge");
  await move(manager, "start");

  const goals = await deps.database.db
    .select({ id: planGoals.id })
    .from(planGoals)
    .where(eq(planGoals.planId, planId));
  const resources = await deps.database.db
    .select({ id: planResources.id, kind: planResources.kind })
    .from(planResources)
    .where(eq(planResources.goalId, goals[0]!.id));
  const checkins = await findCheckins(deps.database.db, planId);
  for (const [i, confidence] of spec.confidence.entries()) {
    const checkin = checkins[i]!;
    setNow(Date.parse(`${checkin.scheduledOn}T12:00:00Z`));
    await recordCheckin(deps, {
      actor: manager,
      planId,
      checkinId: checkin.id,
      input: {
        heldOn: checkin.scheduledOn,
        goals: [{ goalId: goals[0]!.id, value: 60 + i * 10, status: "on_track", note: "" }],
        resources: resources.map((r) => ({
          resourceId: r.id,
          delivered: spec.resources.find((s) => s.kind === r.kind)!.delivered,
        })),
        managerNotes: "Went through the week's tickets together.",
        nextSteps: "Keep the daily queue review.",
      },
    });
    await recordEmployeeCheckin(deps, {
      actor: employee,
      planId,
      checkinId: checkin.id,
      confidence,
      employeeNotes: "",
    });
  }
  if (spec.closedDaysAgo === null) return planId;

  const closeDay = today - spec.closedDaysAgo * DAY;
  setNow(closeDay - DAY);
  for (const r of resources) {
    const delivered = spec.resources.find((s) => s.kind === r.kind)!.delivered;
    await setResourceStatus(deps, {
      actor: manager,
      planId,
      resourceId: r.id,
      status: delivered ? "delivered" : "not_delivered",
    });
  }
  setNow(closeDay);
  await move(manager, "close", {
    outcome: spec.outcome,
    managerReflection: "The plan is closed with the record as it stands.",
  });
  return planId;
}

/** 1:1s over the last four months: each manager holds a share of them and cancels the rest. */
async function seedCoaching(
  seed: SeedDeps,
  { ids, today }: { ids: Map<string, string>; today: number },
) {
  // Shares of 1:1s held, per manager in order: most held, then fewer and fewer.
  const cancelEvery = [0, 4, 3, 2, 0];
  const seedManager = async (i: number, m: (typeof managers)[number]) => {
    const { deps, setNow } = seed.timeline();
    const managerId = ids.get(m.name)!;
    for (const [j, [name]] of reports[i]!.slice(0, 3).entries()) {
      const reportId = ids.get(name)!;
      setNow(today - 130 * DAY);
      const series = await makeSeries(deps, {
        managerId,
        reportId,
        startsOn: isoDay(today - 120 * DAY),
      });
      for (let k = 0; k < 8; k++) {
        const at = today - (120 - k * 14) * DAY;
        setNow(at);
        const cancelled = cancelEvery[i]! > 0 && (k + j) % cancelEvery[i]! === 0;
        await makeMeeting(deps, {
          seriesId: series.id,
          scheduledAt: new Date(at),
          status: cancelled ? "cancelled" : "held",
          ...(cancelled
            ? { cancelledById: managerId, cancelledAt: new Date(at - DAY), cancelReason: "Busy" }
            : { heldAt: new Date(at) }),
        });
      }
      // Two commitments each: the managers who hold their 1:1s keep both, the others one.
      for (let k = 0; k < 2; k++) {
        const due = today - (90 - k * 40) * DAY;
        setNow(due - 7 * DAY);
        const kept = k === 0 || cancelEvery[i] === 0;
        await makeCommitment(deps, {
          seriesId: series.id,
          ownerId: managerId,
          createdById: managerId,
          dueOn: isoDay(due),
          status: kept ? "done" : "open",
          ...(kept ? { closedAt: new Date(due - DAY) } : {}),
        });
      }
      // Feedback shared along the way: more from the managers who hold their 1:1s.
      for (let k = 0; k < (cancelEvery[i] === 0 ? 3 : 1); k++) {
        setNow(today - (100 - k * 30) * DAY);
        await makeFeedback(deps, { giver: { id: managerId }, recipient: { id: reportId } });
      }
    }
  };
  await Promise.all(managers.map((m, i) => seedManager(i, m)));
}

export class InsightWorld extends PlansWorld {
  /** Person ids by name. */
  readonly ids = new Map<string, string>();

  /** The organisation through the API (admin, import), the rest through the services. */
  override async seed() {
    const token = new URL(this.server.setupLink).searchParams.get("token");
    const setup = await this.api("/api/v1/setup", {
      body: { token, name: "Alex Admin", email: "alex.admin@example.com", password },
    });
    const cookie = setup.headers.get("set-cookie")!.split(";")[0]!;
    this.adminCookie = cookie;
    const imported = await (
      await this.api("/api/v1/imports/people/commit", { body: { csv: orgCsv() }, cookie })
    ).json();
    expect(imported).toMatchObject({ create: everyone.length, problems: 0 });

    const seed = await openSeedDeps(this.server.env);
    try {
      const rows = await seed.deps.database.db
        .select({ id: peopleTable.id, name: peopleTable.name })
        .from(peopleTable);
      for (const r of rows) this.ids.set(r.name, r.id);
      await setPasswords(seed.deps, {
        personIds: [this.idOf(who.hr.name), this.idOf(who.ld.name)],
        password,
      });
      // Noon today: every step of the seed is at noon of its day, and in the past.
      const now = new Date();
      const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12) - DAY;
      // Each plan on its own timeline, a few at a time.
      const hrId = this.idOf(who.hr.name);
      for (let i = 0; i < planSpecs.length; i += 4)
        await Promise.all(
          planSpecs
            .slice(i, i + 4)
            .map((spec) => runPlan(seed, { spec, ids: this.ids, hrId, today })),
        );
      await seedCoaching(seed, { ids: this.ids, today });
    } finally {
      await seed.close();
    }
  }

  idOf(name: string): string {
    const id = this.ids.get(name);
    if (!id) throw new Error(`${name} is not in the organisation.`);
    return id;
  }
}

/** Builds the web app, starts the server and Chromium, seeds the organisation; stops it all after. */
export function setUpInsightWorld(ready: (world: InsightWorld) => void) {
  let world: InsightWorld | undefined;
  beforeAll(async () => {
    buildWeb();
    const server = await startServer();
    try {
      world = new InsightWorld(server, await launchChromium());
      await world.seed();
      ready(world);
    } catch (err) {
      await world?.browser.close();
      await server.stop();
      throw err;
    }
  });
  afterAll(async () => {
    await world?.close();
    await world?.browser.close();
    await world?.server.stop();
  });
}
