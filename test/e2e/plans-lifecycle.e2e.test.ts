import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  draftThroughApi,
  isoDay,
  journeySteps,
  type PlansWorld,
  recordPriorNotice,
  setUpPlansWorld,
  who,
} from "./plans-seed.js";

// The rest of a success plan's lifecycle, end to end, each person in their own Chromium session:
// the manager takes a plan back from HR review and resubmits it, HR approves, the plan is issued,
// acknowledged and started, paused and resumed, then extended into a second version that the
// employee reads and acknowledges again. The employee asks for support, which the manager turns
// into a resource, and responds, logs an achievement and adds a task. The manager's manager sees
// the plan read-only. Last, HR withdraws a second plan that was never issued, and its employee
// never sees it.
//
// The drafts are written through the API (the guided editor has its own journey), except that the
// manager records in the editor when they raised the issue before; every move and every answer
// after that is made on the page, and each step checks what the person then sees.

const GOAL = "Answer code reviews within two working days";
const STANDARD = "Code reviews assigned to you are answered within two working days.";
const SECOND_GOAL = "Ship the design-system migration of the settings pages";
const SUPPORT_SUBJECT = "Pairing on the payments service";
const SUPPORT_BODY = "Two hours a week pairing with someone who knows the payments service.";
const RESOURCE = "Weekly pairing session with the payments team";
const RESPONSE = "Half of the late reviews were for a team whose repository I cannot build yet.";
const ACHIEVEMENT = "Answered every review within a day this week.";
const TASK = "Block review time every morning";
const PRIOR_NOTICE = "Written feedback on the three late release reviews, shared after our 1:1.";

const startDate = isoDay(-10);
const endDate = isoDay(30);
const newEndDate = isoDay(44);

let world: PlansWorld;
let planUrl = "";
let secondPlanUrl = "";
let manager: Page;
let hr: Page;
let employee: Page;

/** A complete plan document, as the editor would save it. */
function planDocument(version: number, goal: string) {
  return {
    version,
    standard: STANDARD,
    startDate,
    endDate,
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
        description: goal,
        metric: "Median review turnaround",
        unit: "days",
        direction: "down",
        baseline: 5,
        target: 2,
        measurement: "Review dashboard, weekly median of days to first answer",
        dueDate: isoDay(28),
        resources: [
          { kind: "training", description: "Payments codebase walkthrough with the platform team" },
        ],
        milestones: [
          { title: "First week with a median under four days", dueDate: isoDay(7), target: 4 },
        ],
      },
    ],
  };
}

/** A complete draft for `employeeEmail`, written through the API in the manager's session. */
const draft = (page: Page, employeeEmail: string, goal: string) =>
  draftThroughApi(world, page, employeeEmail, (version) => planDocument(version, goal));

async function openPlan(page: Page, url = planUrl) {
  await page.goto(url);
  await page
    .getByRole("heading", {
      level: 1,
      name: /^(Success plan for .+|Your success plan)$/,
    })
    .waitFor();
}

/** The line under the plan's title: status badge, outcome, dates and version. */
async function headerLine(page: Page) {
  return page.getByRole("main").locator("h1 + p").innerText();
}

/** Waits until the line under the title says `text`. */
async function headerSays(page: Page, text: string | RegExp) {
  await expect.poll(() => headerLine(page), { timeout: 15_000 }).toMatch(text);
}

/** One of the plan page's cards, by its title. */
function card(page: Page, title: string) {
  return page
    .getByRole("main")
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: title, exact: true }) })
    .last();
}

/** Clicks a lifecycle button and confirms its dialog. */
async function confirmIn(page: Page, button: string, dialogName: string, confirm: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: dialogName });
  await dialog.waitFor();
  return {
    dialog,
    async confirm() {
      await dialog.getByRole("button", { name: confirm, exact: true }).click();
      await dialog.waitFor({ state: "detached" });
    },
  };
}

const lifecycleButtons = [
  "Submit to HR",
  "Request changes",
  "Approve",
  "Reopen as draft",
  "Issue plan",
  "Start plan",
  "Pause plan",
  "Resume plan",
  "Extend plan",
  "Close plan",
  "Acknowledge receipt",
];

setUpPlansWorld((w) => {
  world = w;
});

const journey = journeySteps();

describe("A success plan taken back from review, paused, extended and seen by everyone around it", () => {
  journey("lets the manager submit a complete draft to HR from the plan page", async () => {
    manager = await world.signedIn(who.manager);
    ({ url: planUrl } = await draft(manager, who.employee, GOAL));
    await manager.goto(`${planUrl}/edit`);
    await recordPriorNotice(manager, {
      heldOn: isoDay(-21),
      how: "Written feedback",
      summary: PRIOR_NOTICE,
    });
    await openPlan(manager);
    await card(manager, "Before this plan").getByText(PRIOR_NOTICE).waitFor();
    await headerSays(manager, /^Draft/);
    await manager.getByText(STANDARD).first().waitFor();
    await manager.getByRole("button", { name: "Submit to HR", exact: true }).click();
    await headerSays(manager, /^In HR review/);
    expect(await manager.getByRole("button", { name: "Submit to HR" }).count()).toBe(0);
  });

  journey(
    "lets the manager take the plan back into draft while HR reviews it, and resubmit it",
    async () => {
      const reopen = await confirmIn(
        manager,
        "Reopen as draft",
        "Reopen as a draft",
        "Reopen the draft",
      );
      await reopen.dialog
        .getByLabel(/^Comment/)
        .fill("I want to add the measurement source first.");
      await reopen.confirm();
      await headerSays(manager, /^Draft/);
      await manager.getByRole("link", { name: "Edit plan" }).waitFor();

      await manager.getByRole("button", { name: "Submit to HR", exact: true }).click();
      await headerSays(manager, /^In HR review/);
    },
  );

  journey("lets HR find the resubmitted plan in the queue and approve it", async () => {
    hr = await world.signedIn(who.hr);
    await hr.getByRole("link", { name: "Success plans", exact: true }).first().click();
    await hr.getByRole("heading", { name: "Review queue" }).waitFor();
    await hr
      .getByRole("link", { name: /Sofia Rossi/ })
      .first()
      .click();
    await hr.getByRole("heading", { level: 1, name: "Success plan for Sofia Rossi" }).waitFor();
    await headerSays(hr, /^In HR review/);
    const approve = await confirmIn(hr, "Approve", "Approve this plan", "Confirm approval");
    await approve.confirm();
    await headerSays(hr, /^Approved/);
  });

  journey("lets the manager issue it as version 1", async () => {
    await openPlan(manager);
    await headerSays(manager, /^Approved/);
    await manager.getByRole("button", { name: "Issue plan" }).click();
    await headerSays(manager, /^Issued.*Version 1/s);
  });

  journey("lets the employee acknowledge receipt of version 1", async () => {
    employee = await world.signedIn(who.employee);
    await openPlan(employee);
    await employee.getByText("Your manager has issued this plan to you").waitFor();
    await employee.getByRole("button", { name: "Acknowledge receipt" }).click();
    await headerSays(employee, /^Acknowledged.*Version 1/s);
    await employee.getByText("Your manager has issued this plan to you").waitFor({
      state: "detached",
    });
    const versions = card(employee, "Versions");
    await versions.getByText(/^Acknowledged /).waitFor();
  });

  journey("lets the manager start the plan, pause it and resume it", async () => {
    await openPlan(manager);
    await manager.getByRole("button", { name: "Start plan" }).click();
    await headerSays(manager, /^Active/);

    const pause = await confirmIn(manager, "Pause plan", "Pause the plan", "Pause the plan");
    await pause.dialog.getByLabel(/^Comment/).fill("Two weeks of planned leave.");
    await pause.confirm();
    await headerSays(manager, /^Paused/);
    await manager.getByRole("button", { name: "Resume plan" }).waitFor();
    expect(await manager.getByRole("button", { name: "Pause plan" }).count()).toBe(0);

    await manager.getByRole("button", { name: "Resume plan" }).click();
    await headerSays(manager, /^Active/);
    await manager.getByRole("button", { name: "Pause plan" }).waitFor();
  });

  journey("lets the manager extend the plan to a new end date, which makes version 2", async () => {
    const extend = await confirmIn(manager, "Extend plan", "Extend the plan", "Extend the plan");
    await extend.dialog.getByLabel("New end date").fill(newEndDate);
    await extend.dialog
      .getByLabel(/^Reason for the extension/)
      .fill("The leave took two weeks out of the plan.");
    await extend.confirm();
    await headerSays(manager, /^Extended.*Version 2/s);
    const versions = card(manager, "Versions");
    await versions.getByText("Version 2", { exact: true }).waitFor();
    await versions.getByText("Not acknowledged").waitFor();
  });

  journey(
    "shows the employee what changed in version 2 and asks for a new acknowledgement",
    async () => {
      await openPlan(employee);
      await employee.getByText("Version 2 of your plan is waiting for you").waitFor();
      await employee.getByRole("button", { name: "What changed in version 2" }).click();
      await employee
        .getByRole("listitem")
        .filter({ hasText: new RegExp(`^End date moved from ${endDate} to ${newEndDate}$`) })
        .waitFor();
      await employee
        .getByText("Reason for the extension: The leave took two weeks out of the plan.")
        .first()
        .waitFor();

      await employee.getByRole("button", { name: "Acknowledge receipt" }).click();
      await employee
        .getByText("Version 2 of your plan is waiting for you")
        .waitFor({ state: "detached" });
      await headerSays(employee, /^Extended.*Version 2/s);
      const versions = card(employee, "Versions");
      await expect.poll(() => versions.getByText(/^Acknowledged /).count()).toBe(2);
      expect(await versions.getByText("Not acknowledged").count()).toBe(0);
    },
  );

  journey("lets the employee request support for a goal", async () => {
    await employee.getByRole("button", { name: "Request support" }).click();
    const dialog = employee.getByRole("dialog", { name: "Request support" });
    await dialog.getByLabel("Subject").fill(SUPPORT_SUBJECT);
    await dialog.getByLabel("What kind of support").selectOption({ label: "Mentor" });
    await dialog.getByLabel("What would help").fill(SUPPORT_BODY);
    await dialog.getByRole("button", { name: "Send request" }).click();
    await dialog.waitFor({ state: "detached" });
    const thread = employee.getByRole("article", { name: SUPPORT_SUBJECT });
    await thread.getByText("Support request").waitFor();
    await thread.getByText("Waiting for an answer").waitFor();
    await thread.getByText(SUPPORT_BODY).waitFor();
  });

  journey("lets the manager turn the support request into a resource on the goal", async () => {
    await openPlan(manager);
    const thread = manager.getByRole("article", { name: SUPPORT_SUBJECT });
    await thread.getByText(SUPPORT_BODY).waitFor();
    await thread.getByRole("button", { name: "Add it as a resource" }).click();
    await thread.getByLabel("Kind of resource").selectOption({ label: "Coaching" });
    await thread.getByLabel("What you commit to").fill(RESOURCE);
    await thread.getByRole("button", { name: "Add as a resource" }).click();
    const support = manager.getByRole("region", { name: "Support for goal 1" });
    const added = support.getByRole("listitem").filter({ hasText: RESOURCE });
    await added.waitFor();
    await added.getByText("Requested by the employee").waitFor();
    await added.getByText("Coaching", { exact: true }).waitFor();

    // The employee sees the new commitment under the goal, as offered.
    await openPlan(employee);
    const mine = employee
      .getByRole("region", { name: "Support for goal 1" })
      .getByRole("listitem")
      .filter({ hasText: RESOURCE });
    await mine.getByText("Offered", { exact: true }).waitFor();
    await mine.getByText("Requested by the employee").waitFor();
  });

  journey(
    "lets the employee respond to the standard, log an achievement and add a task",
    async () => {
      await employee.getByRole("button", { name: "Respond to this section: the standard" }).click();
      await employee.getByLabel("Your response to the standard").fill(RESPONSE);
      await employee.getByRole("button", { name: "Add response" }).click();
      const standard = card(employee, "The standard");
      await standard.getByText(RESPONSE).waitFor();
      await standard.getByText(/^Your response · /).waitFor();

      const achievements = card(employee, "Achievements");
      await achievements.getByLabel("What you achieved").fill(ACHIEVEMENT);
      await achievements.getByLabel(/^Goal/).selectOption({ label: GOAL });
      await achievements.getByRole("button", { name: "Log achievement" }).click();
      await achievements.getByRole("listitem").filter({ hasText: ACHIEVEMENT }).waitFor();
      await expect.poll(() => achievements.getByLabel("What you achieved").inputValue()).toBe("");

      const tasks = employee.getByRole("region", { name: "Action plan for goal 1" });
      await tasks.getByLabel("New task for goal 1").fill(TASK);
      await tasks.getByLabel("By").fill(isoDay(3));
      await tasks.getByRole("button", { name: "Add task" }).click();
      const task = tasks.getByRole("checkbox", { name: TASK });
      await task.waitFor();
      expect(await task.isChecked()).toBe(false);
    },
  );

  journey("shows the manager the employee's response, achievement and task", async () => {
    await openPlan(manager);
    await card(manager, "The standard")
      .getByText(/^Response from Sofia Rossi · /)
      .waitFor();
    await manager.getByText(RESPONSE).waitFor();
    await card(manager, "Achievements").getByText(ACHIEVEMENT, { exact: false }).waitFor();
    await manager.getByRole("region", { name: "Action plan for goal 1" }).getByText(TASK).waitFor();
  });

  journey(
    "lets the manager's manager read the plan without any way to move or edit it",
    async () => {
      const skip = await world.signedIn(who.skipLevel);
      await openPlan(skip);
      await skip.getByRole("heading", { level: 1, name: "Success plan for Sofia Rossi" }).waitFor();
      await headerSays(skip, /^Extended.*Version 2/s);
      await skip.getByText(STANDARD).first().waitFor();
      await skip.getByText(RESOURCE).first().waitFor();
      await skip.getByText(RESPONSE).waitFor();
      expect(await skip.getByRole("region", { name: "Next steps for this plan" }).count()).toBe(0);
      for (const name of lifecycleButtons)
        expect(await skip.getByRole("button", { name, exact: true }).count(), name).toBe(0);
      expect(await skip.getByRole("link", { name: "Edit plan" }).count()).toBe(0);
      expect(await skip.getByRole("button", { name: "Add it as a resource" }).count()).toBe(0);
      expect(await skip.getByRole("button", { name: "Record check-in" }).count()).toBe(0);
      expect(await skip.getByRole("button", { name: /^Respond to this section/ }).count()).toBe(0);

      // The editor refuses her too: the plan is read-only for the skip-level.
      const res = await skip.request.post(
        `${planUrl.replace("/plans/", "/api/v1/plans/")}/transitions`,
        { data: { action: "pause", version: 1 } },
      );
      expect([403, 409]).toContain(res.status());
    },
  );

  journey("shows the employee an unread count on the notification bell", async () => {
    await openPlan(employee);
    const bell = employee.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await bell.waitFor();
    const unread = Number((await bell.getAttribute("aria-label"))?.match(/(\d+) unread/)?.[1]);
    expect(unread).toBeGreaterThan(0);
    await bell.click();
    await employee
      .getByRole("link", { name: /extended/i })
      .first()
      .waitFor();
  });

  journey(
    "lets HR withdraw a second plan that was never issued, which its employee never sees",
    async () => {
      const second = await draft(manager, who.peer, SECOND_GOAL);
      secondPlanUrl = second.url;
      const submitted = await manager.request.post(
        `${world.server.baseUrl}/api/v1/plans/${second.detail.plan.id}/transitions`,
        { data: { action: "submit", version: second.detail.plan.version } },
      );
      expect(submitted.status(), await submitted.text()).toBe(200);

      await openPlan(hr, secondPlanUrl);
      await hr.getByRole("heading", { level: 1, name: "Success plan for Kwame Mensah" }).waitFor();
      await headerSays(hr, /^In HR review/);
      const close = await confirmIn(hr, "Close plan", "Close the plan", "Close the plan");
      // A plan that never ran can only be withdrawn.
      const outcomes = close.dialog.getByRole("radio");
      expect(await outcomes.count()).toBe(1);
      await close.dialog.getByRole("radio", { name: "Withdrawn" }).check();
      await close.confirm();
      await headerSays(hr, /^Closed\s*Withdrawn/);
      await card(hr, "How the plan ended").getByText("Withdrawn").waitFor();

      const kwame = await world.signedIn(who.peer);
      await kwame.goto(secondPlanUrl);
      await kwame.getByText("This success plan does not exist, or is not yours to see.").waitFor();
      const pdf = await kwame.request.get(
        `${secondPlanUrl.replace("/plans/", "/api/v1/plans/")}/pdf`,
      );
      expect(pdf.status()).toBe(404);
      const mine = await kwame.request.get(`${world.server.baseUrl}/api/v1/plans?scope=mine`);
      expect(((await mine.json()) as { items: unknown[] }).items).toEqual([]);
    },
  );
});
