import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  actorFor,
  makePerson,
  makePlan,
  makeUser,
  signInCookie,
  type TestUser,
} from "../../../test/factories.js";
import {
  makeCheckin,
  makeCommitments,
  makeDiscussion,
  makeFeedbackAt,
  makeIssuedPlan,
  makeOneOnOnes,
  makeThread,
  movePlan,
} from "../../../test/factories-insight-coaching.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import type { PlanAction } from "../plans/plans.types.js";
import { overrideFinding, recordProtectedActivity } from "../review/review.service.js";
import { planPriorNotice } from "../review/review.table.js";
import type { CoachingReport, RiskReport } from "./insight.types.js";

// Coaching health by manager and risk, through the API, against a small organisation whose every
// 1:1, feedback item, commitment and plan is counted by hand below. The test clock stands at
// 2026-03-02 09:00 UTC; the coaching period is 2026-01-01 to 2026-03-02 (61 days).

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const PERIOD = "from=2026-01-01&to=2026-03-02";
const MONTHS = 61 / (365.25 / 12);

// ---------- the organisation ----------

const hrAll = await makeUser(deps, {
  name: "Hal Everywhere",
  department: "People",
  roles: ["hr"],
  hrScopeAll: true,
});
const hrEng = await makeUser(deps, {
  name: "Hana Engineering",
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const ld = await makeUser(deps, { name: "Lee Learning", department: "People", roles: ["ld"] });

// Engineering: Maya (three active reports and one who left), Noor (one report, no 1:1s).
const maya = await makeUser(deps, { name: "Maya Manager", department: "Engineering" });
const r1 = await makeUser(deps, { name: "Rita Report", managerId: maya.id });
const r2 = await makePerson(deps, { name: "Raj Report", managerId: maya.id });
const r3 = await makePerson(deps, { name: "Rosa Report", managerId: maya.id });
const r4 = await makePerson(deps, { name: "Ray Gone", managerId: maya.id, active: false });
const noor = await makePerson(deps, { name: "Noor Manager", department: "Engineering" });
const s1 = await makePerson(deps, { name: "Sami Report", managerId: noor.id });
// Sales: Sol (two reports, every 1:1 cancelled), and a colleague who gives feedback.
const sol = await makePerson(deps, { name: "Sol Seller", department: "Sales" });
const t1 = await makePerson(deps, { name: "Tess Sales", department: "Sales", managerId: sol.id });
const t2 = await makePerson(deps, { name: "Tom Sales", department: "Sales", managerId: sol.id });
const pia = await makePerson(deps, { name: "Pia Peer", department: "Sales" });
// Support: two managers with one report each and nothing recorded.
const sue = await makePerson(deps, { name: "Sue Support", department: "Support" });
await makePerson(deps, { name: "Uma Support", department: "Support", managerId: sue.id });
const sid = await makePerson(deps, { name: "Sid Support", department: "Support" });
await makePerson(deps, { name: "Uli Support", department: "Support", managerId: sid.id });

/** Every name in the organisation: none may reach the aggregate view. */
const names = () => [maya, r1, r2, r3, r4, noor, s1, sol, t1, t2, pia, sue, sid].map((p) => p.name);

// Maya's 1:1s: with Rita (Berlin) 4 held and 1 cancelled in the period; with Raj 1 held and 1
// cancelled; with Ray (who left) 1 held. Rescheduled and never-recorded meetings count for
// nothing, nor do meetings outside the period. Maya: 6 held, 2 cancelled.
const mayaRita = await makeOneOnOnes(deps, {
  manager: maya,
  report: r1,
  timeZone: "Europe/Berlin",
  meetings: [
    { at: "2025-12-31T23:59:00Z", status: "held" },
    { at: "2026-01-01T00:00:00Z", status: "held" },
    { at: "2026-01-12T09:00:00Z", status: "held" },
    { at: "2026-01-19T09:00:00Z", status: "cancelled" },
    { at: "2026-01-26T09:00:00Z", status: "held" },
    { at: "2026-02-02T09:00:00Z", status: "rescheduled" },
    { at: "2026-02-09T09:00:00Z", status: "scheduled" },
    { at: "2026-03-02T08:00:00Z", status: "held" },
    { at: "2026-03-03T00:00:00Z", status: "held" },
  ],
});
const mayaRaj = await makeOneOnOnes(deps, {
  manager: maya,
  report: r2,
  meetings: [
    { at: "2026-01-07T10:00:00Z", status: "held" },
    { at: "2026-01-14T10:00:00Z", status: "cancelled" },
  ],
});
await makeOneOnOnes(deps, {
  manager: maya,
  report: r4,
  meetings: [{ at: "2026-01-08T10:00:00Z", status: "held" }],
});
// Sol: both 1:1s with Tess cancelled.
await makeOneOnOnes(deps, {
  manager: sol,
  report: t1,
  meetings: [
    { at: "2026-01-05T10:00:00Z", status: "cancelled" },
    { at: "2026-01-12T10:00:00Z", status: "cancelled" },
  ],
});

// Maya's feedback to her reports in the period, by the day it was shared: 3 (Rita on 10 Jan,
// Raj on 3 Jan and 20 Feb). A draft, an HR-only note, feedback before the period and feedback to
// someone else's report do not count.
await makeFeedbackAt(deps, { giver: maya, recipient: r1, sharedAt: "2026-01-10T12:00:00Z" });
await makeFeedbackAt(deps, { giver: maya, recipient: r2, sharedAt: "2026-01-03T12:00:00Z" });
await makeFeedbackAt(deps, { giver: maya, recipient: r2, sharedAt: "2026-02-20T12:00:00Z" });
await makeFeedbackAt(deps, { giver: maya, recipient: r3, sharedAt: null, visibility: "draft" });
await makeFeedbackAt(deps, {
  giver: maya,
  recipient: r3,
  sharedAt: "2026-01-20T12:00:00Z",
  visibility: "hr",
});
await makeFeedbackAt(deps, { giver: maya, recipient: r1, sharedAt: "2025-12-15T12:00:00Z" });
await makeFeedbackAt(deps, { giver: maya, recipient: t2, sharedAt: "2026-01-15T12:00:00Z" });
// Tess hears from a colleague; Sami heard from Noor long before the period.
await makeFeedbackAt(deps, {
  giver: pia,
  recipient: t1,
  sharedAt: "2026-01-05T12:00:00Z",
  kind: "recognition",
});
await makeFeedbackAt(deps, { giver: noor, recipient: s1, sharedAt: "2025-10-15T12:00:00Z" });

// Maya's commitments due in the period and no longer pending: 5, of which 2 kept.
await makeCommitments(deps, {
  seriesId: mayaRita.id,
  owner: r1,
  items: [
    // Done at 00:30 in Berlin the day after it was due: late.
    { dueOn: "2026-01-10", status: "done", closedAt: "2026-01-10T23:30:00Z" },
    { dueOn: "2026-01-20", status: "done", closedAt: "2026-01-19T10:00:00Z" },
    { dueOn: "2026-01-25", status: "dropped", closedAt: "2026-01-24T10:00:00Z" },
    { dueOn: "2026-02-05", status: "open" },
    // Due today and still open: not late yet, not counted.
    { dueOn: "2026-03-02", status: "open" },
    { dueOn: "2025-12-20", status: "done", closedAt: "2025-12-19T10:00:00Z" },
  ],
});
await makeCommitments(deps, {
  seriesId: mayaRaj.id,
  owner: maya,
  items: [{ dueOn: "2026-02-10", status: "done", closedAt: "2026-02-10T22:00:00Z" }],
});

// Documented discussions: one shared with Raj, a draft for Rosa (never seen, so not notice).
await makeDiscussion(deps, {
  manager: maya,
  employee: r2,
  occurredOn: "2026-02-01",
  status: "shared",
});
await makeDiscussion(deps, {
  manager: maya,
  employee: r3,
  occurredOn: "2026-02-01",
  status: "draft",
});

// Plans issued in the period: Maya 3 (Rosa's without prior feedback), Noor 1 (without: Sami's
// feedback is more than 90 days before), Sol 1 (with: Tess heard from Pia). Maya's plan for Raj
// issued before the period does not count.
await makeIssuedPlan(deps, { employee: r1, manager: maya, issuedAt: "2026-01-20T10:00:00Z" });
await makeIssuedPlan(deps, { employee: r3, manager: maya, issuedAt: "2026-02-10T10:00:00Z" });
await makeIssuedPlan(deps, { employee: r2, manager: maya, issuedAt: "2026-02-15T10:00:00Z" });
await makeIssuedPlan(deps, {
  employee: r2,
  manager: maya,
  issuedAt: "2025-12-01T10:00:00Z",
  status: "closed",
});
await makeIssuedPlan(deps, { employee: s1, manager: noor, issuedAt: "2026-02-01T10:00:00Z" });
await makeIssuedPlan(deps, { employee: t1, manager: sol, issuedAt: "2026-01-20T10:00:00Z" });

const cookies = {
  hrAll: await signInCookie(app, hrAll.email, hrAll.password),
  hrEng: await signInCookie(app, hrEng.email, hrEng.password),
  ld: await signInCookie(app, ld.email, ld.password),
  maya: await signInCookie(app, maya.email, maya.password),
  rita: await signInCookie(app, r1.email, r1.password),
};

async function coaching(cookie: string, query = PERIOD) {
  const res = await send(app, `/api/v1/insight/coaching?${query}`, { cookie });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as CoachingReport };
}

const mayaFigures = {
  managerId: maya.id,
  name: "Maya Manager",
  department: "Engineering",
  reports: 3,
  oneOnOnesHeld: 6,
  oneOnOnesCancelled: 2,
  heldRate: 0.75,
  feedbackGiven: 3,
  feedbackPerReportPerMonth: 3 / 3 / MONTHS,
  commitmentsDue: 5,
  commitmentsKept: 2,
  keptRate: 0.4,
  plansOpened: 3,
  plansPer100Reports: 100,
  plansWithoutPriorFeedback: 1,
  shareWithoutPriorFeedback: 1 / 3,
};

function expectFigures(actual: Record<string, unknown>, expected: Record<string, unknown>) {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === "number" && !Number.isInteger(value))
      expect(actual[key], key).toBeCloseTo(value, 10);
    else expect(actual[key], key).toEqual(value);
  }
}

describe("coaching health by manager, for HR over the whole organisation", () => {
  it("counts each manager's 1:1s, feedback, commitments and plans as counted by hand", async () => {
    const { status, body } = await coaching(cookies.hrAll, `${PERIOD}&sort=name`);
    expect(status).toBe(200);
    expect(body.meta.view).toBe("named");
    expect(body.managers.map((m) => m.name)).toEqual([
      "Maya Manager",
      "Noor Manager",
      "Sid Support",
      "Sol Seller",
      "Sue Support",
    ]);
    expectFigures(body.managers[0]!, mayaFigures);
    expectFigures(body.managers.find((m) => m.name === "Noor Manager")!, {
      reports: 1,
      oneOnOnesHeld: 0,
      oneOnOnesCancelled: 0,
      heldRate: null,
      feedbackGiven: 0,
      feedbackPerReportPerMonth: 0,
      commitmentsDue: 0,
      keptRate: null,
      plansOpened: 1,
      plansPer100Reports: 100,
      plansWithoutPriorFeedback: 1,
      shareWithoutPriorFeedback: 1,
    });
    expectFigures(body.managers.find((m) => m.name === "Sol Seller")!, {
      department: "Sales",
      reports: 2,
      oneOnOnesHeld: 0,
      oneOnOnesCancelled: 2,
      heldRate: 0,
      plansOpened: 1,
      plansPer100Reports: 50,
      plansWithoutPriorFeedback: 0,
      shareWithoutPriorFeedback: 0,
    });
  });

  it("adds every manager up for the organisation and counts them in bands", async () => {
    const { body } = await coaching(cookies.hrAll);
    expect(body.suppressed).toBe(false);
    expectFigures(body.organisation, {
      managers: 5,
      reports: 8,
      oneOnOnesHeld: 6,
      oneOnOnesCancelled: 4,
      heldRate: 0.6,
      feedbackGiven: 3,
      feedbackPerReportPerMonth: 3 / 8 / MONTHS,
      commitmentsDue: 5,
      commitmentsKept: 2,
      keptRate: 0.4,
      plansOpened: 5,
      plansPer100Reports: 62.5,
      plansWithoutPriorFeedback: 2,
      shareWithoutPriorFeedback: 0.4,
    });
    expect(body.heldRateBands).toEqual([
      { band: "Under 50%", managers: 1 },
      { band: "50–69%", managers: 0 },
      { band: "70–89%", managers: 1 },
      { band: "90% or more", managers: 0 },
      { band: "No 1:1s", managers: 3 },
    ]);
  });

  it("puts the worst held rate first by default and pages through the rest", async () => {
    const first = await coaching(cookies.hrAll, `${PERIOD}&limit=2`);
    expect(first.body.managers.map((m) => m.name)).toEqual(["Noor Manager", "Sid Support"]);
    expect(first.body.page).toEqual({ offset: 0, limit: 2, total: 5 });
    const rest = await coaching(cookies.hrAll, `${PERIOD}&limit=2&offset=2`);
    expect(rest.body.managers.map((m) => m.name)).toEqual(["Sue Support", "Sol Seller"]);
    const last = await coaching(cookies.hrAll, `${PERIOD}&limit=2&offset=4`);
    expect(last.body.managers.map((m) => m.name)).toEqual(["Maya Manager"]);
  });

  it("sorts by plans per 100 reports, most first", async () => {
    const { body } = await coaching(cookies.hrAll, `${PERIOD}&sort=plans`);
    expect(body.managers.slice(0, 3).map((m) => m.name)).toEqual([
      "Maya Manager",
      "Noor Manager",
      "Sol Seller",
    ]);
  });

  it("turns an order round with direction, in the report and in its CSV", async () => {
    const fewest = await coaching(cookies.hrAll, `${PERIOD}&sort=plans&direction=asc`);
    expect(fewest.status).toBe(200);
    // Ties keep the name order whichever way the figure runs.
    const expected = ["Sid Support", "Sue Support", "Sol Seller", "Maya Manager", "Noor Manager"];
    expect(fewest.body.managers.map((m) => m.name)).toEqual(expected);
    const res = await send(app, `/api/v1/insight/coaching/csv?${PERIOD}&sort=plans&direction=asc`, {
      cookie: cookies.hrAll,
    });
    const managers = (await res.text())
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("manager,"))
      .map((line) => line.split(",")[1]);
    expect(managers).toEqual(expected);
  });

  it("with a manager filter shows that manager and the managers below them", async () => {
    const { body } = await coaching(cookies.hrAll, `${PERIOD}&managerId=${maya.id}`);
    expect(body.managers.map((m) => m.name)).toEqual(["Maya Manager"]);
    expect(body.organisation.managers).toBe(1);
  });
});

describe("coaching health for HR covering one department", () => {
  it("leaves out managers of other departments, from the rows and the totals", async () => {
    const { status, body, text } = await coaching(cookies.hrEng);
    expect(status).toBe(200);
    expect(body.managers.map((m) => m.name).sort()).toEqual(["Maya Manager", "Noor Manager"]);
    expectFigures(body.organisation, {
      managers: 2,
      reports: 4,
      oneOnOnesHeld: 6,
      oneOnOnesCancelled: 2,
      plansOpened: 4,
      plansWithoutPriorFeedback: 2,
    });
    expect(text).not.toContain("Sol Seller");
    expect(text).not.toContain("Sue Support");
  });

  it("refuses a department outside the reader's scope", async () => {
    const { status, body } = await coaching(cookies.hrEng, `${PERIOD}&department=Sales`);
    expect(status).toBe(400);
    expect((body as unknown as { error: { code: string } }).error.code).toBe("validation.failed");
  });
});

describe("coaching health for L&D", () => {
  it("gives the organisation's figures and the bands, and never a name", async () => {
    const { status, body, text } = await coaching(cookies.ld);
    expect(status).toBe(200);
    expect(body.meta.view).toBe("aggregate");
    expect(body.managers).toEqual([]);
    expect(body.page.total).toBe(0);
    expect(body.suppressed).toBe(false);
    expect(body.organisation.managers).toBe(5);
    expect(body.organisation.oneOnOnesHeld).toBe(6);
    expect(body.heldRateBands.map((b) => b.managers)).toEqual([1, 0, 1, 0, 3]);
    for (const name of names()) expect(text).not.toContain(name);
    for (const id of [maya.id, noor.id, sol.id]) expect(text).not.toContain(id);
  });

  it("hides the figures and the bands when fewer managers than the minimum group are left", async () => {
    const { body } = await coaching(cookies.ld, `${PERIOD}&department=Engineering`);
    expect(body.suppressed).toBe(true);
    expect(body.organisation.managers).toBe(2);
    expect(body.organisation.oneOnOnesHeld).toBe(0);
    expect(body.organisation.heldRate).toBeNull();
    expect(body.heldRateBands.every((b) => b.managers === 0)).toBe(true);
  });

  it("may not narrow the report to one manager", async () => {
    const res = await send(app, `/api/v1/insight/coaching?managerId=${maya.id}`, {
      cookie: cookies.ld,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("validation.failed");
  });
});

describe("who may read coaching health", () => {
  it.each([
    ["an employee", "rita"],
    ["a manager without an HR or L&D role", "maya"],
  ] as const)("refuses %s", async (_, who) => {
    for (const path of ["/api/v1/insight/coaching", "/api/v1/insight/coaching/csv"]) {
      const res = await send(app, path, { cookie: cookies[who] });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("insight.forbidden");
    }
  });

  it("asks anyone not signed in to sign in", async () => {
    expect((await send(app, "/api/v1/insight/coaching")).status).toBe(401);
  });
});

describe("paging and sorting are checked", () => {
  it.each([
    "limit=0",
    "limit=201",
    "limit=ten",
    "limit=2.5",
    "offset=-1",
    "sort=worst",
    "direction=up",
    "from=2026-13-01",
    "from=2026-03-01&to=2026-01-01",
  ])("refuses %s", async (query) => {
    const res = await send(app, `/api/v1/insight/coaching?${query}`, { cookie: cookies.hrAll });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("validation.failed");
  });

  it("takes the largest page", async () => {
    const { status, body } = await coaching(cookies.hrAll, `${PERIOD}&limit=200`);
    expect(status).toBe(200);
    expect(body.page.limit).toBe(200);
  });
});

describe("coaching health as CSV", () => {
  it("lists every manager for HR, not one page, with the organisation first", async () => {
    const res = await send(app, `/api/v1/insight/coaching/csv?${PERIOD}&limit=1&sort=name`, {
      cookie: cookies.hrAll,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="headway-coaching-2026-01-01-2026-03-02.csv"',
    );
    const lines = (await res.text()).trim().split("\n");
    expect(lines[0]).toBe(
      "row,manager,department,band,managers,reports,one_on_ones_held,one_on_ones_cancelled,held_rate,feedback_given,feedback_per_report_per_month,commitments_due,commitments_kept,kept_rate,plans_opened,plans_per_100_reports,plans_without_prior_feedback,share_without_prior_feedback",
    );
    expect(lines[1]).toBe("organisation,,,,5,8,6,4,0.6000,3,0.19,5,2,0.4000,5,62.5,2,0.4000");
    expect(lines[2]).toBe(
      "manager,Maya Manager,Engineering,,,3,6,2,0.7500,3,0.5,5,2,0.4000,3,100,1,0.3333",
    );
    expect(lines).toHaveLength(7);
  });

  it("gives L&D the organisation and the bands, and no name", async () => {
    const res = await send(app, `/api/v1/insight/coaching/csv?${PERIOD}`, { cookie: cookies.ld });
    expect(res.status).toBe(200);
    const text = await res.text();
    const lines = text.trim().split("\n");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 5).join(","))).toEqual([
      "organisation,,,,5",
      "band,,,Under 50%,1",
      "band,,,50–69%,0",
      "band,,,70–89%,1",
      "band,,,90% or more,0",
      "band,,,No 1:1s,3",
    ]);
    for (const name of names()) expect(text).not.toContain(name);
  });

  it("leaves the figures empty, not zero, when they are hidden", async () => {
    const res = await send(app, `/api/v1/insight/coaching/csv?${PERIOD}&department=Engineering`, {
      cookie: cookies.ld,
    });
    const lines = (await res.text()).trim().split("\n");
    expect(lines.slice(1)).toEqual(["organisation,,,,2,,,,,,,,,,,,,"]);
  });
});

// ---------- risk ----------

describe("plans at risk", () => {
  const OPS = "department=Operations";
  let hope: TestUser;
  let olive: TestUser;
  let omar: TestUser;
  const planOf: Record<string, string> = {};
  const risk = async (cookie: string, query = OPS) => {
    const res = await send(app, `/api/v1/insight/risk?${query}`, { cookie });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as RiskReport };
  };

  beforeAll(async () => {
    // Operations: Olive (HR, and Omar's manager) above Omar, who runs six plans; Hope is the HR
    // partner who reviews them.
    olive = await makeUser(deps, {
      name: "Olive Director",
      department: "Operations",
      roles: ["hr"],
      hrScopeDepartments: ["Operations"],
    });
    omar = {
      ...(await makePerson(deps, {
        name: "Omar Operations",
        department: "Operations",
        managerId: olive.id,
      })),
      password: "",
    };
    hope = {
      ...(await makePerson(deps, {
        name: "Hope Partner",
        department: "People",
        roles: ["hr"],
        hrScopeDepartments: ["Operations"],
      })),
      password: "",
    };
    const start = async (key: string) => {
      const employee = await makePerson(deps, {
        name: `Emma ${key}`,
        department: "Operations",
        managerId: omar.id,
      });
      // Made without a password (hashing one is slow): nobody here signs in but Olive.
      const { plan } = await makePlan(deps, {
        employee: { ...employee, password: "" },
        manager: omar,
        hr: hope,
      });
      planOf[key] = plan.id;
      return { plan, employee };
    };
    const hopeActor = await actorFor(deps, hope.id);
    const issue: [PlanAction, "manager" | "hr" | "employee"][] = [
      ["approve", "hr"],
      ["issue", "manager"],
    ];

    // Clean: nothing wrong.
    await start("Clean");
    await movePlan(deps, planOf.Clean!, [
      ["submit", "manager"],
      ...issue,
      ["acknowledge", "employee"],
      ["start", "manager"],
    ]);

    // Open blocker: the prior notice the plan was issued on is gone from the record.
    await start("Blocker");
    await movePlan(deps, planOf.Blocker!, [["submit", "manager"], ...issue]);
    await db.delete(planPriorNotice).where(eq(planPriorNotice.planId, planOf.Blocker!));

    // Overridden: no prior notice, and HR let it go ahead with a reason.
    await start("Override");
    await db.delete(planPriorNotice).where(eq(planPriorNotice.planId, planOf.Override!));
    await movePlan(deps, planOf.Override!, [["submit", "manager"]]);
    await overrideFinding(deps, {
      actor: hopeActor,
      id: planOf.Override!,
      code: "plan.surprise",
      path: "plan",
      reason: "The issue was raised in two calls the manager wrote up by email.",
    });
    await movePlan(deps, planOf.Override!, issue);

    // Retaliation window: a complaint a month before the plan; HR reviewed it and let it go on.
    const { employee: emma } = await start("Retaliation");
    await recordProtectedActivity(deps, {
      actor: hopeActor,
      personId: emma.id,
      input: { kind: "complaint", occurredOn: "2026-02-01", note: "About workload." },
    });
    await movePlan(deps, planOf.Retaliation!, [["submit", "manager"]]);
    await overrideFinding(deps, {
      actor: hopeActor,
      id: planOf.Retaliation!,
      code: "plan.retaliation_risk",
      path: "plan",
      reason: "The evidence predates the complaint by three months.",
    });
    await movePlan(deps, planOf.Retaliation!, issue);

    // Overdue check-in: one still scheduled for last Friday (held and missed ones are done with).
    await start("Overdue");
    await movePlan(deps, planOf.Overdue!, [["submit", "manager"], ...issue]);
    await makeCheckin(deps, { planId: planOf.Overdue!, on: "2026-02-27", status: "scheduled" });
    await makeCheckin(deps, { planId: planOf.Overdue!, on: "2026-02-26", status: "held" });
    await makeCheckin(deps, { planId: planOf.Overdue!, on: "2026-02-25", status: "missed" });

    // Unanswered clarification: one open; an answered one and an open support request don't count.
    const { employee: asker } = await start("Question");
    await movePlan(deps, planOf.Question!, [["submit", "manager"], ...issue]);
    for (const [kind, status] of [
      ["clarification", "open"],
      ["clarification", "answered"],
      ["support", "open"],
    ] as const)
      await makeThread(deps, { planId: planOf.Question!, createdBy: asker, kind, status });

    // A draft is not running.
    await start("Draft");
  });

  it("flags each plan for what is wrong with it, and a clean plan for nothing", async () => {
    const { status, body } = await risk(cookies.hrAll);
    expect(status).toBe(200);
    expect(body.running).toBe(6);
    const flags = Object.fromEntries(body.plans.map((p) => [p.employeeName, p.flags]));
    expect(flags).toEqual({
      "Emma Clean": [],
      "Emma Blocker": ["open_blockers"],
      "Emma Override": ["overridden_findings"],
      "Emma Retaliation": ["overridden_findings", "retaliation_window"],
      "Emma Overdue": ["overdue_checkins"],
      "Emma Question": ["unanswered_clarifications"],
    });
    expect(body.counts).toEqual([
      { flag: "open_blockers", plans: 1 },
      { flag: "overridden_findings", plans: 2 },
      { flag: "retaliation_window", plans: 1 },
      { flag: "overdue_checkins", plans: 1 },
      { flag: "unanswered_clarifications", plans: 1 },
    ]);
  });

  it("lists the plans with names, most flags first, with their open items", async () => {
    const { body } = await risk(cookies.hrAll);
    expect(body.plans[0]).toMatchObject({
      planId: planOf.Retaliation,
      employeeName: "Emma Retaliation",
      managerName: "Omar Operations",
      department: "Operations",
      status: "issued",
    });
    expect(body.plans.at(-1)).toMatchObject({ employeeName: "Emma Clean", status: "active" });
    expect(body.plans.find((p) => p.planId === planOf.Overdue)).toMatchObject({
      overdueCheckins: 1,
      unansweredClarifications: 0,
    });
    expect(body.plans.find((p) => p.planId === planOf.Question)).toMatchObject({
      overdueCheckins: 0,
      unansweredClarifications: 1,
    });
  });

  it("counts the retaliation window only for plans issued in the period", async () => {
    const { body } = await risk(cookies.hrAll, `${OPS}&from=2026-03-03&to=2026-03-31`);
    expect(body.running).toBe(6);
    expect(body.counts.find((c) => c.flag === "retaliation_window")!.plans).toBe(0);
    expect(body.counts.find((c) => c.flag === "overdue_checkins")!.plans).toBe(1);
  });

  it("leaves out plans of people the reader manages, even for HR in scope", async () => {
    const olivesCookie = await signInCookie(app, olive.email, olive.password);
    const { body } = await risk(olivesCookie);
    expect(body.running).toBe(0);
    expect(body.plans).toEqual([]);
  });

  it("leaves out departments HR does not cover", async () => {
    const { body } = await risk(cookies.hrEng, "");
    expect(body.plans.some((p) => p.department === "Operations")).toBe(false);
  });

  it("gives L&D the counts without a name", async () => {
    const { status, body, text } = await risk(cookies.ld);
    expect(status).toBe(200);
    expect(body.meta.view).toBe("aggregate");
    expect(body.suppressed).toBe(false);
    expect(body.plans).toEqual([]);
    expect(body.running).toBe(6);
    expect(body.counts.map((c) => c.plans)).toEqual([1, 2, 1, 1, 1]);
    for (const name of ["Emma", "Omar", "Hope", "Olive"]) expect(text).not.toContain(name);
    for (const id of Object.values(planOf)) expect(text).not.toContain(id);
  });

  it("hides L&D's counts when fewer plans run than the minimum group", async () => {
    const { body } = await risk(cookies.ld, "department=Engineering");
    expect(body.running).toBe(4);
    expect(body.suppressed).toBe(true);
    expect(body.counts.every((c) => c.plans === 0)).toBe(true);
  });

  it("refuses employees, plain managers, and L&D naming a manager", async () => {
    for (const who of ["rita", "maya"] as const) {
      const res = await send(app, "/api/v1/insight/risk", { cookie: cookies[who] });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("insight.forbidden");
    }
    const res = await send(app, `/api/v1/insight/risk?managerId=${omar.id}`, {
      cookie: cookies.ld,
    });
    expect(res.status).toBe(400);
  });

  it("exports one row a plan for HR, and the counts without a name for L&D", async () => {
    const named = await send(app, `/api/v1/insight/risk/csv?${OPS}`, { cookie: cookies.hrAll });
    expect(named.status).toBe(200);
    expect(named.headers.get("content-disposition")).toMatch(
      /^attachment; filename="headway-risk-\d{4}-\d{2}-\d{2}-2026-03-02\.csv"$/,
    );
    const rows = (await named.text()).trim().split("\n");
    expect(rows[0]).toBe(
      "row,plan_id,employee,manager,department,status,flag,flags,plans,overdue_checkins,unanswered_clarifications",
    );
    expect(rows).toHaveLength(7);
    expect(rows[1]).toBe(
      `plan,${planOf.Retaliation},Emma Retaliation,Omar Operations,Operations,issued,,overridden_findings retaliation_window,,0,0`,
    );

    const aggregate = await send(app, `/api/v1/insight/risk/csv?${OPS}`, { cookie: cookies.ld });
    const text = await aggregate.text();
    expect(text.trim().split("\n").slice(1)).toEqual([
      "running,,,,,,,,6,,",
      "flag,,,,,,open_blockers,,1,,",
      "flag,,,,,,overridden_findings,,2,,",
      "flag,,,,,,retaliation_window,,1,,",
      "flag,,,,,,overdue_checkins,,1,,",
      "flag,,,,,,unanswered_clarifications,,1,,",
    ]);
    for (const name of ["Emma", "Omar", "Hope", "Olive"]) expect(text).not.toContain(name);
  });
});
