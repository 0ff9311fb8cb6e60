import { beforeAll, describe, expect, it } from "vitest";
import {
  actorFor,
  makePlan,
  makeUser,
  type PlanFixture,
  signInCookie,
  walkPlanTo,
} from "../../../test/factories.js";
import {
  createTestDeps,
  send,
  type TestApp,
  type TestDeps,
  testApp,
} from "../../../test/helpers.js";
import { extractPdfText, flatText, hasPdftotext } from "../../../test/pdf.js";
import { answerEvidence } from "./plans.participation.service.js";
import {
  ACKNOWLEDGEMENT_MEANING,
  type PlanDocument,
  planPdfFileName,
  renderPlanPdf,
  toPlanDocument,
} from "./plans.pdf.js";
import { addPrivateNote, getPlanDetail } from "./plans.service.js";

// The PDF is read back with a real text extractor: what is checked is what a reader sees.

const GOAL_ID = "00000000-0000-4000-8000-000000000001";
const GOAL_2_ID = "00000000-0000-4000-8000-000000000002";

const fixtureDocument: PlanDocument = {
  employee: { name: "Sofia Rossi", title: "Backend Engineer", department: "Engineering" },
  manager: { name: "Marcus Lee", title: "Engineering Manager" },
  hrPartner: { name: "Hannah Cole", title: "HR Partner" },
  status: "closed",
  version: 2,
  startDate: "2026-03-09",
  endDate: "2026-04-20",
  cadenceDays: 7,
  issuedAt: "2026-03-05T10:00:00.000Z",
  closedAt: "2026-04-20T16:00:00.000Z",
  generatedAt: "2026-04-21T09:00:00.000Z",
  standard: "Pull requests are reviewed and merged within the sprint they are planned for.",
  evidence: [
    {
      kind: "metric",
      title: "Story points finished per sprint",
      description: "Points finished fell over the last four sprints.",
      impact: "The checkout release slipped by one sprint.",
      occurredOn: null,
      unit: "points",
      source: "Jira sprint report",
      series: [
        { date: "2026-01-05", value: 21 },
        { date: "2026-01-19", value: 14 },
        { date: "2026-02-02", value: 9 },
      ],
      answer: "same",
      employeeSide: "",
      employeeLinks: [],
      answeredAt: "2026-03-06T08:00:00.000Z",
    },
    {
      kind: "incident",
      title: "Payment webhook outage",
      description: "A migration ran without review and stopped webhooks for two hours.",
      impact: "Forty merchants saw delayed payouts.",
      occurredOn: "2026-02-11",
      unit: "",
      source: "",
      series: [],
      answer: "different",
      employeeSide: "The migration had been approved in the design review on 9 February.",
      employeeLinks: ["https://wiki.example.com/design-review-0209"],
      answeredAt: "2026-03-06T08:05:00.000Z",
    },
  ],
  causes: [
    {
      cause: "overload",
      notes: "Sofia carried the on-call rota alone for six weeks.",
      employeeView: "On-call took most of my mornings.",
    },
  ],
  goals: [
    {
      id: GOAL_ID,
      description: "Merge reviewed pull requests within the sprint",
      metric: "Pull requests merged in sprint",
      unit: "%",
      direction: "up",
      baseline: 55,
      target: 85,
      measurement: "GitHub insights, counted at each sprint review",
      dueDate: "2026-04-17",
      resources: [
        {
          kind: "mentor",
          description: "Weekly pairing on review etiquette",
          link: "",
          mentorName: "Kwame Mensah",
          hoursPerWeek: 2,
          status: "delivered",
          requestedByEmployee: false,
        },
        {
          kind: "reduced_demand",
          description: "Off the on-call rota during the plan",
          link: "",
          mentorName: null,
          hoursPerWeek: null,
          status: "in_use",
          requestedByEmployee: true,
        },
      ],
      milestones: [
        {
          title: "Two PRs merged in one sprint",
          dueDate: "2026-03-20",
          target: 65,
          earlyWin: true,
          done: true,
        },
        {
          title: "Steady at the target",
          dueDate: "2026-04-17",
          target: 85,
          earlyWin: false,
          done: true,
        },
      ],
    },
    {
      id: GOAL_2_ID,
      description: "Run every schema migration through review",
      metric: "Unreviewed migrations",
      unit: "",
      direction: "down",
      baseline: 3,
      target: 0,
      measurement: "Deployment log",
      dueDate: "2026-04-17",
      resources: [
        {
          kind: "training",
          description: "Safe database migrations course",
          link: "https://learn.example.com/migrations",
          mentorName: null,
          hoursPerWeek: null,
          status: "offered",
          requestedByEmployee: false,
        },
      ],
      milestones: [],
    },
  ],
  checkins: [
    {
      scheduledOn: "2026-03-16",
      status: "held",
      heldOn: "2026-03-16",
      confidence: 3,
      goals: [
        { goalId: GOAL_ID, value: 62, status: "at_risk", note: "Reviews queued behind on-call" },
        { goalId: GOAL_2_ID, value: 1, status: "on_track", note: "" },
      ],
      resources: [{ description: "Weekly pairing on review etiquette", delivered: true }],
      managerNotes: "Good start; on-call handover done.",
      employeeNotes: "Pairing helps a lot.",
      nextSteps: "Ask reviewers the same day.",
    },
    {
      scheduledOn: "2026-03-23",
      status: "missed",
      heldOn: null,
      confidence: null,
      goals: [],
      resources: [],
      managerNotes: "",
      employeeNotes: "",
      nextSteps: "",
    },
    {
      scheduledOn: "2026-03-30",
      status: "held",
      heldOn: "2026-03-31",
      confidence: 4,
      goals: [{ goalId: GOAL_ID, value: 78, status: "on_track", note: "" }],
      resources: [],
      managerNotes: "",
      employeeNotes: "",
      nextSteps: "",
    },
  ],
  overrides: [
    {
      title: "Plan too short",
      authorName: "Hannah Cole",
      reason: "The contract ends in five weeks; both sides asked for a short plan.",
      createdAt: "2026-03-04T09:00:00.000Z",
    },
  ],
  priorNotice: [
    {
      heldOn: "2026-02-12",
      kind: "one_on_one",
      summary: "Talked through the missed migration dates.",
    },
  ],
  reviews: [
    {
      authorName: "Hannah Cole",
      decision: "changes_requested",
      comment: "Add a resource to the migration goal.",
      createdAt: "2026-03-03T10:00:00.000Z",
    },
    {
      authorName: "Hannah Cole",
      decision: "approved",
      comment: "",
      createdAt: "2026-03-04T10:00:00.000Z",
    },
  ],
  versions: [
    {
      number: 1,
      changeSummary: "",
      createdAt: "2026-03-05T10:00:00.000Z",
      acknowledgedAt: "2026-03-06T08:00:00.000Z",
    },
    {
      number: 2,
      changeSummary: "Due date of the migration goal moved to 17 April.",
      createdAt: "2026-03-25T10:00:00.000Z",
      acknowledgedAt: null,
    },
  ],
  threads: [
    {
      kind: "clarification",
      about: "goal 1",
      subject: "Do reverted PRs count?",
      status: "answered",
      messages: [
        {
          authorName: "Sofia Rossi",
          body: "Do reverted PRs count?",
          createdAt: "2026-03-07T09:00:00.000Z",
        },
        {
          authorName: "Marcus Lee",
          body: "No, only merged and kept.",
          createdAt: "2026-03-07T11:00:00.000Z",
        },
      ],
    },
  ],
  responses: [
    {
      section: "the standard",
      authorName: "Sofia Rossi",
      body: "The sprint scope changed twice in February.",
      createdAt: "2026-03-06T09:00:00.000Z",
    },
  ],
  outcome: "goals_met",
  managerReflection: "The pairing made the difference.",
  employeeReflection: "Getting off on-call gave me the room to focus.",
};

const rendered = new Map<string, Promise<string>>();

/** The document's text, flattened; each document and extractor is rendered and read once. */
function textOf(doc: PlanDocument, using?: "pdftotext" | "pdfjs"): Promise<string> {
  const key = `${using ?? "default"}:${JSON.stringify(doc)}`;
  let text = rendered.get(key);
  if (!text) {
    text = renderPlanPdf(doc).then(async (pdf) => flatText(await extractPdfText(pdf, { using })));
    rendered.set(key, text);
  }
  return text;
}

describe("The success plan PDF", () => {
  it("is a PDF titled with the employee's name, with status, version and people", async () => {
    const pdf = await renderPlanPdf(fixtureDocument);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = flatText(await extractPdfText(pdf));
    expect(text).toContain("Success plan — Sofia Rossi");
    expect(text).toContain("Marcus Lee");
    expect(text).toContain("Hannah Cole");
    expect(text).toContain("Closed");
    expect(text).toContain("Version 2");
    expect(text).toContain("Weekly (every 7 days)");
    expect(text).toContain("9 Mar 2026");
    expect(text).toContain("20 Apr 2026 (42 days)");
  });

  it("holds the standard, the evidence and the employee's answer with their side and links", async () => {
    const text = await textOf(fixtureDocument);
    expect(text).toContain(fixtureDocument.standard);
    expect(text).toContain("Payment webhook outage (11 Feb 2026)");
    expect(text).toContain("Impact: Forty merchants saw delayed payouts.");
    expect(text).toContain("The employee's answer: I see it differently");
    expect(text).toContain(
      "Their side: The migration had been approved in the design review on 9 February.",
    );
    expect(text).toContain("https://wiki.example.com/design-review-0209");
    expect(text).toContain("The employee's answer: I see it the same way");
    expect(text).toContain("Jira sprint report");
  });

  it("holds the diagnosis with the employee's view", async () => {
    const text = await textOf(fixtureDocument);
    expect(text).toContain("Root-cause diagnosis Overload");
    expect(text).toContain("The employee's view: On-call took most of my mornings.");
  });

  it("holds every goal with its metric, baseline and target, resources and milestones", async () => {
    const text = await textOf(fixtureDocument);
    expect(text).toContain("Goal 1: Merge reviewed pull requests within the sprint");
    expect(text).toContain("Goal 2: Run every schema migration through review");
    expect(text).toContain("Baseline and target: from 55 % to 85 %");
    expect(text).toContain("lower is better");
    expect(text).toContain("How it is measured: GitHub insights, counted at each sprint review");
    expect(text).toContain("Weekly pairing on review etiquette");
    expect(text).toContain("Mentor: Kwame Mensah");
    expect(text).toContain("Reduced demand");
    expect(text).toContain("Requested by the employee");
    expect(text).toContain("Two PRs merged in one sprint (target 65 %) — early win");
  });

  it("holds the check-in history with values, confidence and notes from both sides", async () => {
    const text = await textOf(fixtureDocument);
    expect(text).toContain("Check-in held 16 Mar 2026");
    expect(text).toContain("The employee's confidence: 3 of 5");
    expect(text).toMatch(/Goal 1 62 % At risk Reviews queued behind on-call/);
    expect(text).toContain("Check-in of 23 Mar 2026: missed");
    expect(text).toContain("Check-in held 31 Mar 2026");
    expect(text).toContain("The employee's confidence: 4 of 5");
    expect(text).toContain("Manager's notes: Good start; on-call handover done.");
    expect(text).toContain("Employee's notes: Pairing helps a lot.");
  });

  it("says what acknowledging means, per version, and lists the versions with what changed", async () => {
    const text = await textOf(fixtureDocument);
    expect(text).toContain(ACKNOWLEDGEMENT_MEANING);
    expect(text).toContain("Acknowledging confirms receipt of the plan, not agreement with it.");
    expect(text).toContain("Version 1: receipt acknowledged by Sofia Rossi on 6 Mar 2026");
    expect(text).toContain("Version 2: not acknowledged");
    expect(text).toContain("Due date of the migration goal moved to 17 April.");
  });

  it("keeps HR's review comments, the employee's responses and the outcome with both reflections", async () => {
    const text = await textOf(fixtureDocument);
    expect(text).toContain("Changes requested Add a resource to the migration goal.");
    expect(text).toContain("On the standard · Sofia Rossi");
    expect(text).toContain("The sprint scope changed twice in February.");
    expect(text).toContain("Outcome Goals met");
    expect(text).toContain("The manager's reflection: The pairing made the difference.");
    expect(text).toContain(
      "The employee's reflection: Getting off on-call gave me the room to focus.",
    );
  });

  it("keeps clarification threads with every answer", async () => {
    const text = await textOf(fixtureDocument);
    expect(text).toContain("Clarification on goal 1: Do reverted PRs count? (answered)");
    expect(text).toContain("Marcus Lee · 7 Mar 2026 No, only merged and kept.");
  });

  it("prints HR's overrides of review blockers with their reasons, and the prior notice", async () => {
    const text = await textOf(fixtureDocument);
    expect(text).toContain("Hannah Cole · Overrode a blocker: Plan too short");
    expect(text).toContain(
      "Reason: The contract ends in five weeks; both sides asked for a short plan.",
    );
    expect(text).toContain("Before this plan");
    expect(text).toContain("1:1 conversation Talked through the missed migration dates.");
  });

  it("leaves out HR's review when the reader is not shown it", async () => {
    const text = await textOf({ ...fixtureDocument, reviews: [], overrides: [] });
    expect(text).not.toContain("Overrode a blocker");
    expect(text).not.toContain("HR review");
    expect(text).not.toContain("Add a resource to the migration goal.");
  });

  it("reads the same through pdf.js as through pdftotext", async () => {
    const viaPdfjs = await textOf(fixtureDocument, "pdfjs");
    expect(viaPdfjs).toContain("Goal 1: Merge reviewed pull requests within the sprint");
    expect(viaPdfjs).toContain(ACKNOWLEDGEMENT_MEANING);
    expect(viaPdfjs).toContain("Goals met");
    if (hasPdftotext()) {
      const viaPoppler = await textOf(fixtureDocument, "pdftotext");
      expect(viaPoppler).toContain("Their side: The migration had been approved");
    }
  });

  it("renders a plan still in draft without inventing anything", async () => {
    const text = await textOf({
      ...fixtureDocument,
      status: "draft",
      version: 0,
      issuedAt: null,
      closedAt: null,
      evidence: [],
      causes: [],
      goals: [],
      checkins: [],
      reviews: [],
      overrides: [],
      priorNotice: [],
      versions: [],
      responses: [],
      outcome: null,
      managerReflection: "",
      employeeReflection: "",
      hrPartner: null,
    });
    expect(text).toContain("Draft · not issued");
    expect(text).toContain("HR partner Not assigned");
    expect(text).toContain("The plan is not closed yet.");
    expect(text).toContain(ACKNOWLEDGEMENT_MEANING);
  });

  it("takes names with accents and user text that looks like markup as plain text", async () => {
    const text = await textOf({
      ...fixtureDocument,
      employee: { name: "Zoë Ñúñez-Łukasz" },
      standard: '<b>not bold</b> {"text": "no injection"} file:///etc/passwd',
    });
    expect(text).toContain("Success plan — Zoë Ñúñez-Łukasz");
    expect(text).toContain("<b>not bold</b>");
    expect(text).toContain("file:///etc/passwd");
  });

  it("is saved as success-plan-<name>-v<version>.pdf", () => {
    expect(planPdfFileName(fixtureDocument)).toBe("success-plan-sofia-rossi-v2.pdf");
    expect(planPdfFileName({ employee: { name: "Zoë Ñúñez" }, version: 1 })).toBe(
      "success-plan-zoe-nunez-v1.pdf",
    );
    expect(planPdfFileName({ employee: { name: "李雷" }, version: 3 })).toBe(
      "success-plan-employee-v3.pdf",
    );
  });
});

describe("GET /api/v1/plans/{id}/pdf", () => {
  const PRIVATE_NOTE = "Private: considering a move to the platform team instead";
  const SIDE = "The February review was blocked by a broken staging environment.";
  let deps: TestDeps;
  let app: TestApp;
  let fixture: PlanFixture;

  beforeAll(async () => {
    deps = await createTestDeps();
    app = testApp(deps);
    fixture = await makePlan(deps);
    await walkPlanTo(deps, fixture.plan.id, "acknowledged");
    const evidence = await deps.database.pool.query<{ id: string }>(
      "SELECT id FROM plan_evidence WHERE plan_id = $1 AND kind = 'incident'",
      [fixture.plan.id],
    );
    await answerEvidence(deps, {
      actor: await actorFor(deps, fixture.employee.id),
      planId: fixture.plan.id,
      evidenceId: evidence.rows[0]!.id,
      answer: "different",
      side: SIDE,
      links: ["https://wiki.example.com/staging-outage"],
    });
    await addPrivateNote(deps, {
      actor: await actorFor(deps, fixture.manager.id),
      id: fixture.plan.id,
      body: PRIVATE_NOTE,
    });
  });

  async function download(email: string, password: string) {
    const cookie = await signInCookie(app, email, password);
    return send(app, `/api/v1/plans/${fixture.plan.id}/pdf`, { cookie });
  }

  it("gives the employee their plan as a PDF attachment with their goal and their side", async () => {
    const res = await download(fixture.employee.email, fixture.employee.password);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="success-plan-[a-z0-9-]+-v1\.pdf"$/,
    );
    const text = flatText(await extractPdfText(Buffer.from(await res.arrayBuffer())));
    expect(text).toContain(`Success plan — ${fixture.employee.name}`);
    expect(text).toContain("Answer code reviews within two working days");
    expect(text).toContain("The employee's answer: I see it differently");
    expect(text).toContain(`Their side: ${SIDE}`);
    expect(text).toContain(ACKNOWLEDGEMENT_MEANING);
    expect(text).toMatch(/Version 1: receipt acknowledged by/);
    expect(text).not.toContain(PRIVATE_NOTE);
    // HR's review comments are for the people who run the plan, as on the employee's page.
    expect(text).not.toContain("Please make the first milestone smaller.");
  });

  it("never carries a private note, not even in its author's copy", async () => {
    const res = await download(fixture.manager.email, fixture.manager.password);
    expect(res.status).toBe(200);
    const text = flatText(await extractPdfText(Buffer.from(await res.arrayBuffer())));
    expect(text).toContain("Answer code reviews within two working days");
    expect(text).not.toContain(PRIVATE_NOTE);
    expect(text).not.toContain("considering a move");
  });

  it("maps the detail field by field, so the author's private notes have no way in", async () => {
    const actor = await actorFor(deps, fixture.manager.id);
    const detail = await getPlanDetail(deps, { actor, id: fixture.plan.id });
    expect(JSON.stringify(detail)).toContain(PRIVATE_NOTE);
    const doc = toPlanDocument(detail, { now: deps.clock() });
    expect(JSON.stringify(doc)).not.toContain(PRIVATE_NOTE);
    expect(doc).not.toHaveProperty("privateNotes");
    expect(doc.evidence.find((e) => e.answer === "different")?.employeeSide).toBe(SIDE);
    expect(doc.version).toBe(1);
  });

  it("gives HR the copy with the review history", async () => {
    const res = await download(fixture.hr.email, fixture.hr.password);
    expect(res.status).toBe(200);
    const text = flatText(await extractPdfText(Buffer.from(await res.arrayBuffer())));
    expect(text).toContain("HR review");
    expect(text).toContain("Approved");
    expect(text).not.toContain(PRIVATE_NOTE);
  });

  it("answers 404 to a peer, an admin, and for a plan that does not exist", async () => {
    const peer = await makeUser(deps, { name: "Peer Person", managerId: fixture.manager.id });
    expect((await download(peer.email, peer.password)).status).toBe(404);
    const admin = await makeUser(deps, { name: "Ada Admin", roles: ["admin"] });
    expect((await download(admin.email, admin.password)).status).toBe(404);
    const cookie = await signInCookie(app, fixture.employee.email, fixture.employee.password);
    const missing = await send(app, "/api/v1/plans/00000000-0000-4000-8000-00000000dead/pdf", {
      cookie,
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("plan.not_found");
    expect((await send(app, "/api/v1/plans/not-a-uuid/pdf", { cookie })).status).toBe(404);
  });

  it("answers 401 without a session", async () => {
    expect((await send(app, `/api/v1/plans/${fixture.plan.id}/pdf`)).status).toBe(401);
  });

  it("answers 404 to the employee while the plan is still a draft", async () => {
    const draft = await makePlan(deps);
    const cookie = await signInCookie(app, draft.employee.email, draft.employee.password);
    expect((await send(app, `/api/v1/plans/${draft.plan.id}/pdf`, { cookie })).status).toBe(404);
    const manager = await signInCookie(app, draft.manager.email, draft.manager.password);
    expect(
      (await send(app, `/api/v1/plans/${draft.plan.id}/pdf`, { cookie: manager })).status,
    ).toBe(200);
  });
});
