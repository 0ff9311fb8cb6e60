import pg from "pg";
import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { seriousViolations } from "./harness.js";
import {
  draftThroughApi,
  isoDay,
  journeySteps,
  type PlansWorld,
  screenshot,
  setUpPlansWorld,
  who,
} from "./plans-seed.js";

// When someone won't engage, end to end: a plan issued more than a working week ago and not
// acknowledged. The manager is prompted to talk first and records the conversation; HR sees the
// plan on their home page; the employee reads the same record; the manager closes the plan with
// the record in view, and the closed plan shows it as frozen at close.
//
// The server runs on the real clock, so the plan's issue is moved back in its database: the
// journey needs an external PostgreSQL (TEST_DATABASE_URL), as in CI.

const SUMMARY = "We talked it through: Sofia wanted time to read the plan with her mentor.";

let world: PlansWorld;
let planUrl = "";
let planId = "";
let manager: Page;
let hr: Page;
let employee: Page;

setUpPlansWorld((w) => {
  world = w;
});

const journey = journeySteps();

function planDocument(version: number) {
  return {
    version,
    standard: "Code reviews assigned to you are answered within two working days.",
    startDate: isoDay(-10),
    endDate: isoDay(30),
    cadenceDays: 7,
    goodFaith: "yes",
    goodFaithNote: "",
    evidence: [
      {
        kind: "incident",
        title: "Release review answered after the release date",
        description: "The February release review was answered two days after the release date.",
        impact: "The release went out with one reviewer instead of two.",
        occurredOn: isoDay(-40),
      },
    ],
    causes: [{ cause: "skill", notes: "New to the payments codebase." }],
    goals: [
      {
        description: "Answer code reviews within two working days",
        metric: "Median review turnaround",
        unit: "days",
        direction: "down",
        baseline: 5,
        target: 2,
        measurement: "Review dashboard, weekly median of days to first answer",
        dueDate: isoDay(28),
        resources: [{ kind: "training", description: "Payments codebase walkthrough" }],
        milestones: [
          { title: "First week with a median under four days", dueDate: isoDay(7), target: 4 },
        ],
      },
    ],
  };
}

/** A lifecycle move through the API in `page`'s session. */
async function move(page: Page, action: string, extra: object = {}) {
  const base = world.server.baseUrl;
  const current = await (await page.request.get(`${base}/api/v1/plans/${planId}`)).json();
  const res = await page.request.post(`${base}/api/v1/plans/${planId}/transitions`, {
    data: { action, version: current.plan.version, ...extra },
  });
  expect(res.status(), await res.text()).toBe(200);
}

function card(page: Page, title: string) {
  return page
    .getByRole("main")
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: title, exact: true }) })
    .last();
}

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  "A plan nobody acknowledged: talk first, HR sees it, the plan closes with the record",
  () => {
    journey("issues a plan that then waits more than a working week", async () => {
      manager = await world.signedIn(who.manager);
      hr = await world.signedIn(who.hr);
      const drafted = await draftThroughApi(world, manager, who.employee, planDocument);
      planUrl = drafted.url;
      planId = drafted.detail.plan.id;
      const base = world.server.baseUrl;
      const notice = await manager.request.post(`${base}/api/v1/plans/${planId}/prior-notice`, {
        data: {
          heldOn: isoDay(-21),
          kind: "written_feedback",
          summary: "Written feedback on the late release reviews.",
        },
      });
      expect(notice.status(), await notice.text()).toBe(201);
      await move(manager, "submit");
      await move(hr, "approve");
      await move(manager, "issue");
      // Issued ten days ago (at least six working days), never acknowledged.
      const client = new pg.Client({ connectionString: world.server.env.DATABASE_URL });
      await client.connect();
      try {
        await client.query(
          "UPDATE plan_versions SET created_at = created_at - interval '10 days' WHERE plan_id = $1",
          [planId],
        );
      } finally {
        await client.end();
      }
    });

    journey("prompts the manager to talk first, and records the conversation", async () => {
      await manager.goto(planUrl);
      const talkFirst = manager.getByRole("region", { name: "Talk first" });
      await talkFirst.waitFor();
      await talkFirst.getByText(/has not been acknowledged after \d+ working days/).waitFor();
      expect(
        await talkFirst
          .getByRole("link", { name: /when someone won't engage/i })
          .getAttribute("href"),
      ).toBe("/handbook/when-someone-wont-engage");
      expect(await seriousViolations(manager)).toEqual([]);
      await screenshot(manager, "engagement-talk-first");

      await talkFirst.getByLabel("What you talked about and what you agreed").fill(SUMMARY);
      expect(await talkFirst.getByLabel("The plan has not been acknowledged").isChecked()).toBe(
        true,
      );
      await talkFirst.getByRole("button", { name: "Record the conversation" }).click();
      await talkFirst.getByText("The conversation is on the plan's record.").waitFor();
      await talkFirst.getByText(/Talked about on/).waitFor();
      await card(manager, "Support and engagement").getByText(SUMMARY).waitFor();
    });

    journey("shows HR the plan among the plans with engagement signals", async () => {
      await hr.goto(`${world.server.baseUrl}/`);
      const signals = card(hr, "Plans with engagement signals");
      await signals.getByRole("link", { name: "Sofia Rossi" }).waitFor();
      await signals.getByText(/The plan has not been acknowledged · talked/).waitFor();
    });

    journey("lets the employee read the same record, with no prompt of their own", async () => {
      employee = await world.signedIn(who.employee);
      await employee.goto(planUrl);
      const record = card(employee, "Support and engagement");
      await record.getByText(SUMMARY).waitFor();
      await record.getByText("Payments codebase walkthrough", { exact: false }).waitFor();
      expect(await employee.getByRole("region", { name: "Talk first" }).count()).toBe(0);
      expect(await seriousViolations(employee)).toEqual([]);
      await screenshot(employee, "engagement-record-employee");
    });

    journey("shows the record in the close dialog, and freezes it on the closed plan", async () => {
      await move(employee, "acknowledge");
      await move(manager, "start");
      await manager.goto(planUrl);
      await manager.getByRole("button", { name: "Close plan", exact: true }).click();
      const dialog = manager.getByRole("dialog", { name: "Close the plan" });
      await dialog.getByText("The record before you choose").waitFor();
      await dialog.getByText("Support offered and delivered").waitFor();
      await screenshot(manager, "engagement-close-dialog");
      await dialog.getByLabel("Separation").check();
      await dialog.getByRole("button", { name: "Close the plan", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      const record = card(manager, "Support and engagement");
      await record.getByText(/As recorded when the plan closed/).waitFor();
      await record.getByText(SUMMARY).waitFor();
      expect(await manager.getByRole("region", { name: "Talk first" }).count()).toBe(0);
    });
  },
);
