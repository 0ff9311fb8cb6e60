import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { makePerson, makeUser, signInCookie } from "../../../test/factories.js";
import { makeInsightPlan, makePeopleInBulk } from "../../../test/factories-insight.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { auditEvents } from "../record/record.table.js";
import type { CausesReport, FairnessReport, OutcomesReport } from "./insight.types.js";

// Plan outcomes, causes and resources, fairness and the insight settings through the API, on a
// small organisation whose every figure is worked out by hand below.
//
// Period: 2025-07-01 to 2025-12-31 (six months). Engineering (HR "Hana" covers it):
//
//  plan  issued      closed      outcome      causes                 resources (at close)        held check-ins (confidence)
//  P1    2025-06-15  2025-08-10  goals_met    skill                  training ✓                  2, 3, 4
//  P2    2025-08-01  2025-08-25  goals_met    skill, overload        training ✓, mentor ✓        3, 5
//  P3    2025-09-01  2025-12-05  goals_met    unclear_expectations   mentor ✗                    1, (missed), 3
//  P4    2025-07-10  2025-10-10  separation   skill                  training ✗, time (offered)  2, 1
//  P5    2025-08-15  2025-10-20  moved        overload               time ✓                      (no rating), 2
//  P6    2025-10-01  2025-11-03  withdrawn    relationship_with_mgr  —                           —
//  P7    never       2025-11-04  withdrawn    skill                  (a draft: never ran, counted nowhere)
//  P8    2025-05-01  2025-12-20  extended     process                coaching ✓                  —
//  P9    2025-10-15  2026-01-10  separation   skill                  training ✓   (closed after the period)
//  P10   2025-09-10  running: extended on 2025-11-15                 skill
//  P11   2025-03-01  running: extended on 2025-05-01 (before the period)
//  P12   2025-12-01  running: paused
// Sales (outside Hana's scope): S1 issued 2025-07-01, closed 2025-09-30 goals_met, skill, training ✓.
//
// Outcomes for Hana: closed in the period and ran = P1 P2 P3 P4 P5 P6 P8 = 7; goals met 3 → 3/7.
//   By month: 2025-08: P1 P2 (2 closed, 2 met); 2025-10: P4 P5 (2, 0); 2025-11: P6 (1, 0);
//   2025-12: P3 P8 (2, 1); July and September: 0.
//   Time to improvement: P1 56 days (Jun 15 → Aug 10), P2 24, P3 95 → median 56;
//   buckets: up to 30: 1, 31–60: 1, 61–90: 0, over 90: 1.
//   Extended: P8 (closed as extended in the period) and P10 (extended in it) = 2; P11 was
//   extended before the period. Withdrawn: P6 = 1 (P7 never ran). Running: P10 P11 P12 = 3.
//
// Causes for Hana: plans issued in the period = P2 P3 P4 P5 P6 P9 P10 P12.
//   skill: P2 P4 P9 P10 = 4 plans; closed (by now) P2 P4 P9 = 3; goals met P2 = 1 → 1/3.
//   overload: P2 P5 = 2, 2 closed, 1 met. unclear_expectations: P3 = 1, 1, 1.
//   relationship_with_manager: P6 = 1, 1, 0. process: P8 was issued before the period → 0.
// Resources on plans closed in the period:
//   training: delivered on P1 P2 (both met) → 2/2; not delivered on P4 (separation) → 0/1.
//   mentor: delivered P2 (met) → 1/1; not delivered P3 (met) → 1/1.
//   time: delivered P5 (moved) → 0/1; not delivered P4 (offered at close) → 0/1.
//   coaching: delivered P8 → 0/1; nothing not delivered → 0/0.
//   Association (plans with any resource): all delivered P1 P2 P5 P8 → 2 met of 4;
//   some not delivered P3 P4 → 1 of 2. Fisher [[2,2],[1,1]]: N = 6, margins 4 / 3;
//   P(x) = C(3,x)·C(3,4−x)/C(6,4): x = 1, 2, 3 → 3/15, 9/15, 3/15; observed x = 2 → p = 1.
// Confidence at the n-th held check-in:
//   met (P1 P2 P3): #1 = (2 + 3 + 1)/3 = 2; #2 = (3 + 5 + 3)/3 = 11/3; #3 = 4 (P1 alone).
//   others (P4 P5): #1 = 2 (P5's first has no rating); #2 = (1 + 2)/2 = 1.5.

const FROM = "2025-07-01";
const TO = "2025-12-31";
const period = `from=${FROM}&to=${TO}`;

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const hr = await makeUser(deps, {
  name: "Hana HR",
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const hrAll = await makeUser(deps, {
  name: "Dora Director",
  department: "People",
  roles: ["hr"],
  hrScopeAll: true,
});
const ld = await makeUser(deps, { name: "Lee Learning", department: "People", roles: ["ld"] });
const admin = await makeUser(deps, { name: "Ada Admin", department: "IT", roles: ["admin"] });
const manager = await makeUser(deps, { name: "Max Manager" });
const employee = await makeUser(deps, { name: "Erin Employee", managerId: manager.id });
const salesManager = await makePerson(deps, { name: "Sam Sales", department: "Sales" });
const users = { hr, hrAll, ld, admin, manager, employee };
type Who = keyof typeof users;
const cookies = Object.fromEntries(
  await Promise.all(
    Object.entries(users).map(async ([k, u]) => [k, await signInCookie(app, u.email, u.password)]),
  ),
) as Record<Who, string>;

const get = (who: Who, path: string) => send(app, path, { cookie: cookies[who] });
async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

// ---------- the Engineering and Sales plans ----------

const eng = await makePeopleInBulk(
  deps,
  Array.from({ length: 12 }, (_, i) => ({ name: `Eng ${i + 1}`, managerId: manager.id })),
);
const [salesEmployee] = await makePeopleInBulk(deps, [
  { name: "Sales 1", department: "Sales", managerId: salesManager.id },
]);
const e = (i: number) => ({ employee: eng[i]!, manager });

await makeInsightPlan(deps, {
  ...e(0),
  issuedOn: "2025-06-15",
  closedOn: "2025-08-10",
  outcome: "goals_met",
  causes: ["skill"],
  resources: [{ kind: "training", status: "delivered" }],
  checkins: [
    { on: "2025-06-22", confidence: 2 },
    { on: "2025-06-29", confidence: 3 },
    { on: "2025-07-06", confidence: 4 },
  ],
});
await makeInsightPlan(deps, {
  ...e(1),
  issuedOn: "2025-08-01",
  closedOn: "2025-08-25",
  outcome: "goals_met",
  causes: ["skill", "overload"],
  resources: [
    { kind: "training", status: "delivered" },
    { kind: "mentor", status: "delivered" },
  ],
  checkins: [
    { on: "2025-08-08", confidence: 3 },
    { on: "2025-08-15", confidence: 5 },
  ],
});
await makeInsightPlan(deps, {
  ...e(2),
  issuedOn: "2025-09-01",
  closedOn: "2025-12-05",
  outcome: "goals_met",
  causes: ["unclear_expectations"],
  resources: [{ kind: "mentor", status: "not_delivered" }],
  checkins: [
    { on: "2025-09-08", confidence: 1 },
    { on: "2025-09-15", status: "missed" },
    { on: "2025-09-22", confidence: 3 },
  ],
});
await makeInsightPlan(deps, {
  ...e(3),
  issuedOn: "2025-07-10",
  closedOn: "2025-10-10",
  outcome: "separation",
  causes: ["skill"],
  resources: [
    { kind: "training", status: "not_delivered" },
    { kind: "time", status: "offered" },
  ],
  checkins: [
    { on: "2025-07-17", confidence: 2 },
    { on: "2025-07-24", confidence: 1 },
  ],
});
await makeInsightPlan(deps, {
  ...e(4),
  issuedOn: "2025-08-15",
  closedOn: "2025-10-20",
  outcome: "moved",
  causes: ["overload"],
  resources: [{ kind: "time", status: "delivered" }],
  checkins: [
    { on: "2025-08-22", confidence: null },
    { on: "2025-08-29", confidence: 2 },
  ],
});
await makeInsightPlan(deps, {
  ...e(5),
  issuedOn: "2025-10-01",
  closedOn: "2025-11-03",
  outcome: "withdrawn",
  causes: ["relationship_with_manager"],
});
await makeInsightPlan(deps, {
  ...e(6),
  issuedOn: null,
  closedOn: "2025-11-04",
  outcome: "withdrawn",
  causes: ["skill"],
});
await makeInsightPlan(deps, {
  ...e(7),
  issuedOn: "2025-05-01",
  closedOn: "2025-12-20",
  outcome: "extended",
  causes: ["process"],
  resources: [{ kind: "coaching", status: "delivered" }],
});
await makeInsightPlan(deps, {
  ...e(8),
  issuedOn: "2025-10-15",
  closedOn: "2026-01-10",
  outcome: "separation",
  causes: ["skill"],
  resources: [{ kind: "training", status: "delivered" }],
});
await makeInsightPlan(deps, {
  ...e(9),
  issuedOn: "2025-09-10",
  status: "extended",
  causes: ["skill"],
  extendedOn: ["2025-11-15"],
});
await makeInsightPlan(deps, {
  ...e(10),
  issuedOn: "2025-03-01",
  status: "extended",
  extendedOn: ["2025-05-01"],
});
await makeInsightPlan(deps, { ...e(11), issuedOn: "2025-12-01", status: "paused" });
await makeInsightPlan(deps, {
  employee: salesEmployee!,
  manager: salesManager,
  issuedOn: "2025-07-01",
  closedOn: "2025-09-30",
  outcome: "goals_met",
  causes: ["skill"],
  resources: [{ kind: "training", status: "delivered" }],
});

// ---------- Research: the fairness example ----------
//
// The worked example of insight.fairness.rules.test.ts, built as people and plans:
// gender A: 100 people, 5 issued a plan in the period; gender B: 60 people, 9 issued one (one of
// them twice: still one person placed). One A person's only plan was issued before the period.
// Left out of the population: an A person who left (inactive, no plan in the period) and a B
// person hired after the period. Five more people and their manager have no gender recorded.
// Expected (worked by hand there): A rate 0.05, the reference; B rate 0.15, impact ratio 1/3
// (fails the four-fifths rule), z = 2.16718, Fisher p = 0.0421997 (significant).
// age_band over the same 160: "under 30" 4 people (hidden: under 5), "50+" 76 (hidden too: the
// next smallest, or "under 30" = total − the rest), "30–49" 80 shown.
// team: 5 of the A people are in a team recorded as "=SUM(A1)" (a formula, for the CSV).

const researchManager = await makePerson(deps, { name: "Rita Research", department: "Research" });
const ageOf = (i: number) => (i < 4 ? "under 30" : i < 84 ? "30–49" : "50+");
const research = await makePeopleInBulk(deps, [
  ...Array.from({ length: 160 }, (_, i) => ({
    department: "Research",
    managerId: researchManager.id,
    demographics: {
      gender: i < 100 ? "A" : "B",
      age_band: ageOf(i),
      ...(i >= 10 && i < 15 ? { team: "=SUM(A1)" } : {}),
    },
  })),
  {
    department: "Research",
    managerId: researchManager.id,
    active: false,
    demographics: { gender: "A" },
  },
  {
    department: "Research",
    managerId: researchManager.id,
    hireDate: "2026-02-01",
    demographics: { gender: "B" },
  },
  ...Array.from({ length: 5 }, () => ({ department: "Research", managerId: researchManager.id })),
]);
const researchPlan = (i: number, issuedOn: string) =>
  makeInsightPlan(deps, { employee: research[i]!, manager: researchManager, issuedOn });
for (const i of [0, 1, 2, 3, 4]) await researchPlan(i, "2025-09-01");
await researchPlan(5, "2025-03-01");
for (const i of [100, 101, 102, 103, 104, 105, 106, 107, 108]) await researchPlan(i, "2025-10-01");
await researchPlan(100, "2025-11-20");

describe("plan outcomes", () => {
  let report: OutcomesReport;
  beforeAll(async () => {
    report = await json<OutcomesReport>(await get("hr", `/api/v1/insight/outcomes?${period}`));
  });

  it("counts success as goals met over plans closed in the period, HR's departments only", () => {
    expect(report.meta).toMatchObject({
      view: "named",
      filters: { from: FROM, to: TO },
      minGroupSize: 5,
    });
    expect(report.suppressed).toBe(false);
    expect(report.success).toEqual({ count: 3, of: 7, rate: 3 / 7 });
    expect(report.industry).toEqual({ low: 0.05, high: 0.1 });
  });

  it("counts every outcome, zeros included, and leaves out a draft that never ran", () => {
    expect(report.byOutcome).toEqual([
      { outcome: "goals_met", count: 3 },
      { outcome: "extended", count: 1 },
      { outcome: "moved", count: 1 },
      { outcome: "separation", count: 1 },
      { outcome: "withdrawn", count: 1 },
    ]);
    expect(report.withdrawn).toBe(1);
  });

  it("has every month of the period, the empty ones as zeros", () => {
    expect(report.overTime).toEqual([
      { month: "2025-07", closed: 0, goalsMet: 0, rate: null },
      { month: "2025-08", closed: 2, goalsMet: 2, rate: 1 },
      { month: "2025-09", closed: 0, goalsMet: 0, rate: null },
      { month: "2025-10", closed: 2, goalsMet: 0, rate: 0 },
      { month: "2025-11", closed: 1, goalsMet: 0, rate: 0 },
      { month: "2025-12", closed: 2, goalsMet: 1, rate: 0.5 },
    ]);
  });

  it("measures the days from issue to a goals-met close", () => {
    expect(report.timeToImprovement).toEqual({
      plans: 3,
      medianDays: 56,
      buckets: [
        { label: "Up to 30 days", count: 1 },
        { label: "31–60 days", count: 1 },
        { label: "61–90 days", count: 0 },
        { label: "Over 90 days", count: 1 },
      ],
    });
  });

  it("counts plans extended in the period (not before) and plans running now", () => {
    expect(report.extended).toBe(2);
    expect(report.running).toBe(3);
  });

  it("covers the whole organisation for HR with it all, and one manager's organisation on request", async () => {
    const all = await json<OutcomesReport>(
      await get("hrAll", `/api/v1/insight/outcomes?${period}`),
    );
    expect(all.success).toEqual({ count: 4, of: 8, rate: 0.5 });
    const sales = await json<OutcomesReport>(
      await get("hrAll", `/api/v1/insight/outcomes?${period}&managerId=${salesManager.id}`),
    );
    expect(sales.success).toEqual({ count: 1, of: 1, rate: 1 });
    expect(sales.timeToImprovement.buckets[3]).toEqual({ label: "Over 90 days", count: 1 });
  });

  it("shows L&D the organisation in aggregate", async () => {
    const lnd = await json<OutcomesReport>(await get("ld", `/api/v1/insight/outcomes?${period}`));
    expect(lnd.meta.view).toBe("aggregate");
    expect(lnd.suppressed).toBe(false);
    expect(lnd.success).toEqual({ count: 4, of: 8, rate: 0.5 });
    // The running Research plans count too: 3 in Engineering + 16 in Research.
    expect(lnd.running).toBe(19);
  });
});

describe("why plans start and what helps", () => {
  let report: CausesReport;
  beforeAll(async () => {
    report = await json<CausesReport>(await get("hr", `/api/v1/insight/causes?${period}`));
  });

  it("counts the causes named on plans issued in the period, all eight, and how they ended", () => {
    expect(report.suppressed).toBe(false);
    const byCause = Object.fromEntries(report.causes.map((c) => [c.cause, c]));
    expect(report.causes).toHaveLength(8);
    expect(byCause.skill).toEqual({
      cause: "skill",
      plans: 4,
      closed: 3,
      goalsMet: 1,
      rate: 1 / 3,
    });
    expect(byCause.overload).toEqual({
      cause: "overload",
      plans: 2,
      closed: 2,
      goalsMet: 1,
      rate: 0.5,
    });
    expect(byCause.unclear_expectations).toMatchObject({
      plans: 1,
      closed: 1,
      goalsMet: 1,
      rate: 1,
    });
    expect(byCause.relationship_with_manager).toMatchObject({
      plans: 1,
      closed: 1,
      goalsMet: 0,
      rate: 0,
    });
    expect(byCause.process).toEqual({
      cause: "process",
      plans: 0,
      closed: 0,
      goalsMet: 0,
      rate: null,
    });
  });

  it("compares plans whose resources were delivered with those where they were not", () => {
    const byKind = Object.fromEntries(report.resources.map((r) => [r.kind, r]));
    expect(report.resources).toHaveLength(6);
    expect(byKind.training).toEqual({
      kind: "training",
      delivered: { count: 2, of: 2, rate: 1 },
      notDelivered: { count: 0, of: 1, rate: 0 },
    });
    expect(byKind.mentor).toMatchObject({
      delivered: { count: 1, of: 1, rate: 1 },
      notDelivered: { count: 1, of: 1, rate: 1 },
    });
    expect(byKind.time).toMatchObject({
      delivered: { count: 0, of: 1, rate: 0 },
      notDelivered: { count: 0, of: 1, rate: 0 },
    });
    expect(byKind.coaching).toMatchObject({
      delivered: { count: 0, of: 1, rate: 0 },
      notDelivered: { count: 0, of: 0, rate: null },
    });
    expect(byKind.tool).toMatchObject({ delivered: { of: 0 }, notDelivered: { of: 0 } });
  });

  it("tests whether all support delivered goes with success", () => {
    expect(report.association.allDelivered).toEqual({ count: 2, of: 4, rate: 0.5 });
    expect(report.association.someNotDelivered).toEqual({ count: 1, of: 2, rate: 0.5 });
    expect(report.association.pValue).toBeCloseTo(1, 10);
  });

  it("follows confidence over the held check-ins, successful plans against the rest", () => {
    expect(report.confidence).toHaveLength(12);
    expect(report.confidence[0]).toEqual({
      checkin: 1,
      successful: 2,
      successfulPlans: 3,
      unsuccessful: 2,
      unsuccessfulPlans: 1,
    });
    expect(report.confidence[1]!.successful).toBeCloseTo(11 / 3, 10);
    expect(report.confidence[1]).toMatchObject({
      successfulPlans: 3,
      unsuccessful: 1.5,
      unsuccessfulPlans: 2,
    });
    expect(report.confidence[2]).toEqual({
      checkin: 3,
      successful: 4,
      successfulPlans: 1,
      unsuccessful: null,
      unsuccessfulPlans: 0,
    });
    expect(report.confidence[3]).toMatchObject({ successful: null, successfulPlans: 0 });
  });

  it("leaves other departments out of HR's view", async () => {
    const all = await json<CausesReport>(await get("hrAll", `/api/v1/insight/causes?${period}`));
    expect(all.causes.find((c) => c.cause === "skill")).toMatchObject({ plans: 5, closed: 4 });
  });
});

describe("fairness", () => {
  const fairness = (who: Who, query = "") =>
    get(who, `/api/v1/insight/fairness?${period}&department=Research${query}`);

  it("matches the worked example: rates, the four-fifths ratio, z and Fisher's p", async () => {
    const report = await json<FairnessReport>(await fairness("hrAll", "&attribute=gender"));
    expect(report.attributes).toEqual(["age_band", "gender", "team"]);
    expect(report.attribute).toBe("gender");
    expect(report.significanceLevel).toBe(0.05);
    expect(report.groups.map((g) => g.group)).toEqual(["A", "B"]);
    const [a, b] = report.groups;
    expect(a).toMatchObject({ people: 100, placed: 5, reference: true, impactRatio: 1 });
    expect(a!.rate).toBeCloseTo(0.05, 12);
    expect(b).toMatchObject({ people: 60, placed: 9, fourFifthsFails: true, significant: true });
    expect(b!.rate).toBeCloseTo(0.15, 12);
    expect(b!.impactRatio).toBeCloseTo(1 / 3, 10);
    expect(b!.z).toBeCloseTo(2.16718, 4);
    expect(b!.pValue).toBeCloseTo(0.0421997, 6);
    // Five people and their manager have no gender recorded.
    expect(report.notRecorded).toBe(6);
  });

  it("hides a group of four, and the next smallest so it cannot be worked out", async () => {
    const report = await json<FairnessReport>(await fairness("hrAll"));
    expect(report.attribute).toBe("age_band");
    expect(report.groups.map((g) => [g.group, g.suppressed, g.people])).toEqual([
      ["30–49", false, 80],
      ["50+", true, null],
      ["under 30", true, null],
    ]);
    expect(report.groups[2]).toMatchObject({
      placed: null,
      rate: null,
      impactRatio: null,
      pValue: null,
    });
  });

  it("hides the count of people with nothing recorded under the minimum", async () => {
    // Everyone in Research but the five in that team and the two left out of the population.
    const report = await json<FairnessReport>(await fairness("hrAll", "&attribute=team"));
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({ group: "=SUM(A1)", people: 5, reference: true });
    expect(report.notRecorded).toBe(161);
  });

  it("reads only the departments HR covers", async () => {
    const report = await json<FairnessReport>(
      await get("hr", `/api/v1/insight/fairness?${period}`),
    );
    expect(report.attributes).toEqual([]);
    expect(report.attribute).toBeNull();
    expect(report.groups).toEqual([]);
    const unknown = await json<{ error: { code: string } }>(
      await get("hr", `/api/v1/insight/fairness?${period}&attribute=gender`),
      400,
    );
    expect(unknown.error.code).toBe("validation.failed");
    await json(await fairness("hr"), 400);
  });

  it("refuses an attribute nobody has recorded", async () => {
    const res = await json<{ error: { code: string; message: string } }>(
      await fairness("hrAll", "&attribute=religion"),
      400,
    );
    expect(res.error.message).toContain("age_band, gender, team");
  });

  it("is HR's alone: L&D, managers and employees get 403", async () => {
    for (const who of ["ld", "manager", "employee"] as const)
      expect((await fairness(who)).status, who).toBe(403);
  });
});

describe("who may read the reports, and with what filters", () => {
  it("refuses managers and employees", async () => {
    for (const who of ["manager", "employee"] as const)
      for (const section of ["outcomes", "causes", "outcomes/csv"]) {
        const res = await get(who, `/api/v1/insight/${section}?${period}`);
        expect(res.status, `${who} ${section}`).toBe(403);
        expect((await res.json()).error.code).toBe("insight.forbidden");
      }
  });

  it("refuses L&D a filter by manager, which would name them", async () => {
    const res = await get("ld", `/api/v1/insight/causes?${period}&managerId=${manager.id}`);
    expect(res.status).toBe(400);
  });

  it("refuses bad dates", async () => {
    for (const query of ["from=2025-13-01", "from=yesterday", "from=2025-12-01&to=2025-01-01"])
      expect((await get("hr", `/api/v1/insight/outcomes?${query}`)).status, query).toBe(400);
  });
});

describe("CSV", () => {
  it("gives outcomes month by month, with the file named after the period", async () => {
    const res = await get("hr", `/api/v1/insight/outcomes/csv?${period}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="headway-outcomes-${FROM}-${TO}.csv"`,
    );
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe("month,closed,goals_met,success_rate");
    expect(lines).toContain("2025-08,2,2,1");
    expect(lines).toContain("2025-12,2,1,0.5");
    expect(lines).toHaveLength(7);
  });

  it("gives causes and resources in one table", async () => {
    const text = await (await get("hr", `/api/v1/insight/causes/csv?${period}`)).text();
    const lines = text.trim().split("\n");
    expect(lines[0]!.startsWith("table,code,name,plans,closed,goals_met,success_rate,")).toBe(true);
    expect(lines).toContain("cause,skill,Missing skill,4,3,1,0.333333,,,,,,");
    expect(lines).toContain("resource,training,Training,,,,,2,2,1,1,0,0");
    expect(lines).toHaveLength(1 + 8 + 6);
  });

  it("gives fairness by group, a value that looks like a formula made harmless", async () => {
    const text = await (
      await get(
        "hrAll",
        `/api/v1/insight/fairness/csv?${period}&department=Research&attribute=team`,
      )
    ).text();
    expect(text).toContain("team,'=SUM(A1),5,");
    expect(text).not.toMatch(/(^|,)=SUM/m);
    const gender = await (
      await get(
        "hrAll",
        `/api/v1/insight/fairness/csv?${period}&department=Research&attribute=gender`,
      )
    ).text();
    expect(gender).toContain("gender,B,60,9,0.15,0.333333,yes,2.16718,0.0421997,yes,no,no");
  });

  it("refuses L&D the fairness CSV", async () => {
    expect((await get("ld", `/api/v1/insight/fairness/csv?${period}`)).status).toBe(403);
  });
});

describe("the insight settings", () => {
  const put = (who: Who, body: unknown) =>
    send(app, "/api/v1/settings/insight", { method: "PUT", cookie: cookies[who], body });
  const events = () =>
    db.select().from(auditEvents).where(eq(auditEvents.action, "org.insight_settings_updated"));

  it("lets HR and admins read the minimum group size, not others", async () => {
    expect(await json(await get("hr", "/api/v1/settings/insight"))).toEqual({ minGroupSize: 5 });
    expect(await json(await get("admin", "/api/v1/settings/insight"))).toEqual({ minGroupSize: 5 });
    expect((await get("manager", "/api/v1/settings/insight")).status).toBe(403);
    expect((await get("ld", "/api/v1/settings/insight")).status).toBe(403);
  });

  it("refuses a size under 5 or not whole, and HR without the whole organisation", async () => {
    for (const minGroupSize of [4, 0, 5.5, 1001, "10"])
      expect((await put("hrAll", { minGroupSize })).status, String(minGroupSize)).toBe(400);
    expect((await put("hr", { minGroupSize: 9 })).status).toBe(403);
    expect(await events()).toHaveLength(0);
  });

  it("records a change, and hides L&D's figures when too few plans closed", async () => {
    expect(await json(await put("hrAll", { minGroupSize: 9 }))).toEqual({ minGroupSize: 9 });
    const [event] = await events();
    expect(event).toMatchObject({ actorId: hrAll.id, data: { minGroupSize: 9, previous: 5 } });
    // Saving the same value again records nothing.
    await json(await put("hrAll", { minGroupSize: 9 }));
    expect(await events()).toHaveLength(1);

    // L&D: 8 plans closed in the period, under 9: every figure hidden.
    const lnd = await json<OutcomesReport>(await get("ld", `/api/v1/insight/outcomes?${period}`));
    expect(lnd.meta.minGroupSize).toBe(9);
    expect(lnd.suppressed).toBe(true);
    expect(lnd.success).toEqual({ count: 0, of: 0, rate: null });
    expect(lnd.byOutcome.every((o) => o.count === 0)).toBe(true);
    expect(lnd.overTime).toHaveLength(6);
    expect(lnd.overTime.every((m) => m.closed === 0 && m.rate === null)).toBe(true);
    expect(lnd.timeToImprovement.medianDays).toBeNull();
    expect([lnd.extended, lnd.withdrawn, lnd.running]).toEqual([0, 0, 0]);
    const causes = await json<CausesReport>(await get("ld", `/api/v1/insight/causes?${period}`));
    expect(causes.suppressed).toBe(true);
    expect(causes.causes.every((c) => c.plans === 0)).toBe(true);
    expect(causes.association.pValue).toBeNull();
    const csv = await (await get("ld", `/api/v1/insight/outcomes/csv?${period}`)).text();
    expect(csv).toContain("2025-08,,,");

    // HR sees the figures whatever the size.
    const named = await json<OutcomesReport>(await get("hr", `/api/v1/insight/outcomes?${period}`));
    expect(named.suppressed).toBe(false);
    expect(named.success.of).toBe(7);

    // Admins may set it too.
    expect(await json(await put("admin", { minGroupSize: 5 }))).toEqual({ minGroupSize: 5 });
    expect(await events()).toHaveLength(2);
  });
});
