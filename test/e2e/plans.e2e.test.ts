import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { extractPdfText, flatText } from "../pdf.js";
import { seriousViolations } from "./harness.js";
import {
  editorStep,
  hasStatus,
  isoDay,
  journeySteps,
  type PlansWorld,
  recordPriorNotice,
  screenshot,
  setUpPlansWorld,
  who,
} from "./plans-seed.js";

// A success plan from first draft to "goals met", end to end: a real server, a real database,
// and each person in their own Chromium session: the manager records when they raised the issue
// before, drafts the plan in the guided editor,
// HR sends it back once and then approves it, the employee acknowledges receipt, answers the
// evidence and asks about a goal, two check-ins are recorded, the plan closes and its PDF is
// downloaded and read back.

const GOAL = "Answer code reviews within two working days";
const STANDARD = "Code reviews assigned to you are answered within two working days.";
const INCIDENT = "Release review answered after the release date";
const RESOURCE = "Payments codebase walkthrough with the platform team";
const HR_COMMENT = "Add how the review turnaround is measured, and where.";
const MEASUREMENT = "Review dashboard, weekly median of days to first answer";
const SIDE = "The review request reached me while I was on leave; nobody reassigned it.";
const QUESTION = "Does a review that I hand over to a colleague count as answered?";
const ANSWER = "Yes: a handover with a note to the author counts as answered.";
const PRIOR_NOTICE =
  "We went through the late release reviews in our 1:1 and agreed on a two-day turnaround.";

// The plan started three weeks ago, so its first two check-ins have already been held.
const startDate = isoDay(-20);
const endDate = isoDay(25);

let world: PlansWorld;
let planUrl = "";
let manager: Page;
let hr: Page;
let employee: Page;

/** Waits until the editor says the last change reached the server. */
async function saved(page: Page) {
  await expect
    .poll(
      () =>
        page
          .getByRole("status")
          .filter({ hasText: /^Saved$/ })
          .count(),
      {
        timeout: 15_000,
      },
    )
    .toBeGreaterThan(0);
}

const step = editorStep;

async function openPlan(page: Page) {
  await page.goto(planUrl);
  await page
    .getByRole("heading", {
      level: 1,
      name: /^(Success plan for Sofia Rossi|Your success plan)$/,
    })
    .waitFor();
}

setUpPlansWorld((w) => {
  world = w;
});

const signedIn = (email: string) => world.signedIn(email);

const journey = journeySteps();

describe("A success plan from first draft to goals met", () => {
  journey("lets the manager start a draft for a report", async () => {
    manager = await signedIn(who.manager);
    await manager
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Success plans" })
      .click();
    await manager.getByRole("button", { name: "Start a success plan" }).click();
    await manager
      .getByRole("dialog")
      .getByRole("radio", { name: /Sofia Rossi/ })
      .check();
    await manager.getByRole("button", { name: "Start the draft" }).click();
    await manager.waitForURL(/\/plans\/[0-9a-f-]{36}\/edit$/);
    planUrl = manager.url().replace(/\/edit$/, "");
  });

  journey("lets the manager record in the editor when they raised the issue before", async () => {
    // The editor opens on "Before this plan": a plan is never the first time someone hears of it.
    await manager.getByRole("heading", { level: 2, name: /Before this plan/ }).waitFor();
    await recordPriorNotice(manager, { heldOn: isoDay(-30), summary: PRIOR_NOTICE });
    await manager
      .getByRole("status", { name: "Review of prior notice" })
      .getByText("No prior notice")
      .waitFor({ state: "detached" });
    await screenshot(manager, "editor-prior-notice-recorded");
  });

  journey(
    "walks the guided editor: evidence, diagnosis, goals with a resource, milestones, schedule, good faith",
    async () => {
      const page = manager;
      await step(page, "Evidence");
      await page.getByLabel("What is expected, in plain words").fill(STANDARD);
      await page.getByRole("button", { name: "Add an incident" }).click();
      await page.getByLabel("What happened, in a line").fill(INCIDENT);
      await page.getByLabel("Date", { exact: true }).fill(isoDay(-40));
      await page
        .getByLabel("What happened", { exact: true })
        .fill("The February release review was answered two days after the release date.");
      // Exact: the "Impact, not emotion" guidance beside the evidence is labelled too.
      await page
        .getByLabel("Impact", { exact: true })
        .fill("The release went out with one reviewer instead of two.");
      await saved(page);

      await step(page, "Diagnosis");
      await page.getByRole("checkbox", { name: /Missing skill/ }).check();
      await page.getByLabel(/^Notes on missing skill/).fill("New to the payments codebase.");
      await saved(page);

      await step(page, "Goals & resources");
      await page.getByRole("button", { name: "Add a goal" }).click();
      await page.getByLabel("Goal", { exact: true }).fill(GOAL);
      await page.getByLabel("Metric", { exact: true }).fill("Median review turnaround");
      await page.getByLabel(/^Unit/).fill("days");
      await page.getByLabel("Direction").selectOption("down");
      await page.getByLabel("Baseline (today)").fill("5");
      await page.getByLabel("Target", { exact: true }).fill("2");
      await page.getByLabel("Due date").fill(isoDay(24));
      // "How it is measured" is left out on purpose: HR asks for it.
      await page.getByRole("button", { name: "Add a resource to goal 1" }).click();
      await page.getByLabel("Kind of resource 1").selectOption("training");
      await page.getByLabel("What you commit to (resource 1)").fill(RESOURCE);
      await saved(page);

      await step(page, "Milestones");
      await page.getByRole("button", { name: "Add a milestone to goal 1" }).click();
      await page
        .getByRole("textbox", { name: "Milestone 1", exact: true })
        .fill("First week with a median under four days");
      await page.getByLabel("Due", { exact: true }).fill(isoDay(-8));
      await page.getByLabel(/^Target/).fill("4");
      await expect.poll(() => page.getByLabel("This is the early win").isChecked()).toBe(true);
      await saved(page);

      await step(page, "Schedule");
      await page.getByLabel("Start date").fill(startDate);
      await page.getByLabel("End date").fill(endDate);
      await page.getByRole("radio", { name: /^Weekly/ }).check();
      await saved(page);

      await step(page, "Good faith");
      await page.getByRole("radio", { name: "Yes", exact: true }).check();
      await saved(page);
    },
  );

  journey("submits the draft to HR", async () => {
    await step(manager, "Review and submit");
    await manager.getByRole("button", { name: "Submit to HR", exact: true }).click();
    await manager.waitForURL(planUrl);
    await manager.getByText("In HR review").first().waitFor();
  });

  journey("lets HR request a change with a comment", async () => {
    hr = await signedIn(who.hr);
    await hr.getByRole("link", { name: "Success plans", exact: true }).first().click();
    await hr.getByRole("heading", { name: "Review queue" }).waitFor();
    await hr
      .getByRole("link", { name: /Sofia Rossi/ })
      .first()
      .click();
    await hr.getByRole("heading", { level: 1, name: "Success plan for Sofia Rossi" }).waitFor();
    await hr.getByRole("button", { name: "Request changes" }).click();
    const dialog = hr.getByRole("dialog", { name: "Request changes" });
    await dialog.getByLabel("Comment").fill(HR_COMMENT);
    await dialog.getByRole("button", { name: "Send request for changes" }).click();
    await dialog.waitFor({ state: "detached" });
    await hasStatus(hr, "Changes requested");
  });

  journey("lets the manager read the comment, fix the goal and resubmit", async () => {
    await manager.goto(`${planUrl}/edit`);
    await manager.getByText(HR_COMMENT).waitFor();
    await step(manager, "Goals & resources");
    await manager.getByLabel("How and where it is measured").fill(MEASUREMENT);
    await saved(manager);
    await step(manager, "Review and submit");
    await manager.getByRole("button", { name: "Submit to HR", exact: true }).click();
    await manager.waitForURL(planUrl);
    await hasStatus(manager, "In HR review");
  });

  journey("lets HR approve it, and the manager issue it", async () => {
    await openPlan(hr);
    await hr.getByText(MEASUREMENT).first().waitFor();
    await hr.getByRole("button", { name: "Approve", exact: true }).click();
    const dialog = hr.getByRole("dialog", { name: "Approve this plan" });
    await dialog.getByRole("button", { name: "Confirm approval" }).click();
    await dialog.waitFor({ state: "detached" });
    await hasStatus(hr, "Approved");

    await openPlan(manager);
    await manager.getByRole("button", { name: "Issue plan" }).click();
    await hasStatus(manager, "Issued");
  });

  journey(
    "lets the employee acknowledge receipt, answer the evidence differently and ask about a goal",
    async () => {
      employee = await signedIn(who.employee);
      await openPlan(employee);
      await employee.getByText("not that you agree with it").first().waitFor();
      // The employee sees what was said before the plan, but not the review of it.
      await employee.getByRole("heading", { name: "Before this plan" }).waitFor();
      await employee.getByText(PRIOR_NOTICE).waitFor();
      expect(await employee.getByRole("heading", { name: "Review", exact: true }).count()).toBe(0);
      await employee.getByRole("button", { name: "Acknowledge receipt" }).click();
      await hasStatus(employee, "Acknowledged");

      await employee.getByRole("button", { name: "I see it differently" }).first().click();
      await employee.getByLabel("Your side").fill(SIDE);
      await employee.getByRole("button", { name: "Save my answer" }).click();
      await employee.getByText(SIDE).waitFor();

      await employee.getByRole("button", { name: "Ask for clarification" }).first().click();
      const dialog = employee.getByRole("dialog", { name: "Ask for clarification" });
      await dialog.getByLabel("Subject").fill("Handing a review over");
      await dialog.getByLabel("Your question").fill(QUESTION);
      await dialog.getByRole("button", { name: "Send question" }).click();
      await dialog.waitFor({ state: "detached" });
      await employee.getByText(QUESTION).first().waitFor();
    },
  );

  journey("lets the manager answer the clarification and start the plan", async () => {
    await openPlan(manager);
    await manager.getByText(QUESTION).first().waitFor();
    await manager.getByLabel("Your reply to “Handing a review over”").fill(ANSWER);
    await manager.getByRole("button", { name: "Send reply" }).click();
    await manager.getByText(ANSWER).first().waitFor();

    await manager.getByRole("button", { name: "Start plan" }).click();
    await hasStatus(manager, "Active");
  });

  journey(
    "records two check-ins with values, and the employee adds confidence to each",
    async () => {
      const values = [4, 3];
      const confidence = ["3 – Medium", "4 – High"];
      for (let i = 0; i < 2; i++) {
        await openPlan(manager);
        await manager.getByRole("button", { name: "Record check-in" }).first().click();
        const form = manager.getByRole("form", { name: /^Record the .* check-in$/ });
        await form.getByLabel("Value (days) for goal 1").fill(String(values[i]));
        await form.getByLabel("Status of goal 1").selectOption({ label: "On track" });
        await form.getByLabel(/^Your notes/).fill(`Check-in ${i + 1}: steady progress.`);
        await form.getByRole("button", { name: "Save check-in" }).click();
        await form.waitFor({ state: "detached" });

        await openPlan(employee);
        await employee.getByRole("button", { name: "Rate your confidence" }).click();
        const mine = employee.getByRole("form", { name: /^Your part of the .* check-in$/ });
        await mine.getByRole("radio", { name: confidence[i] }).check();
        await mine.getByRole("button", { name: "Save my check-in" }).click();
        await mine.waitFor({ state: "detached" });
      }
      await employee
        .getByText(/^Confidence 3\/5/)
        .first()
        .waitFor();
      await employee
        .getByText(/^Confidence 4\/5/)
        .first()
        .waitFor();
    },
  );

  journey("shows both values on the goal's chart", async () => {
    await openPlan(employee);
    const chart = employee.getByRole("img", { name: /2 recorded values, latest 3 days/ });
    await chart.waitFor();
    await expect
      .poll(() => employee.locator(".recharts-line-dots circle, .recharts-line-dot").count())
      .toBeGreaterThanOrEqual(2);
    await employee.getByText("Show the numbers").first().click();
    const table = employee.getByRole("table", { name: /recorded values/ }).first();
    await table.getByRole("cell", { name: "4 days" }).waitFor();
    await table.getByRole("cell", { name: "3 days" }).waitFor();
  });

  journey(
    "has no serious or critical accessibility problems on the employee's plan page",
    async () => {
      await openPlan(employee);
      expect(await seriousViolations(employee)).toEqual([]);
    },
  );

  journey("lets the manager close the plan as goals met", async () => {
    await openPlan(manager);
    await manager.getByRole("button", { name: "Close plan" }).click();
    const dialog = manager.getByRole("dialog", { name: "Close the plan" });
    await dialog.getByRole("radio", { name: "Goals met" }).check();
    await dialog.getByLabel(/^Your closing reflection/).fill("Reviews are answered on time now.");
    await dialog.getByRole("button", { name: "Close the plan" }).click();
    await dialog.waitFor({ state: "detached" });
    await hasStatus(manager, "Closed");
    await hasStatus(manager, "Goals met");
  });

  journey(
    "downloads the PDF, which holds the goal, the employee's side and the outcome",
    async () => {
      await openPlan(employee);
      const [download] = await Promise.all([
        employee.waitForEvent("download"),
        employee.getByRole("link", { name: "Download PDF" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("success-plan-sofia-rossi-v1.pdf");
      const file = await download.path();
      const text = flatText(await extractPdfText(readFileSync(file)));
      expect(text).toContain(GOAL);
      expect(text).toContain(SIDE);
      expect(text).toContain("I see it differently");
      expect(text).toContain("Goals met");
      expect(text).toContain("Before this plan");
      expect(text).toContain("Acknowledging confirms receipt of the plan, not agreement with it.");
    },
  );

  it("hides the plan from a peer", async (ctx) => {
    if (!planUrl) ctx.skip("no plan was started");
    const peer = await signedIn(who.peer);
    await peer.goto(planUrl);
    await peer.getByText("This success plan does not exist, or is not yours to see.").waitFor();
    const res = await peer.request.get(`${planUrl.replace("/plans/", "/api/v1/plans/")}/pdf`);
    expect(res.status()).toBe(404);
  });
});
