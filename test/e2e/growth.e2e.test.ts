import { writeFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { seriousViolations } from "./harness.js";
import {
  isoDay,
  journeySteps,
  type PlansWorld,
  screenshot,
  setUpPlansWorld,
  who,
} from "./plans-seed.js";

// Coaching records in the browser, end to end: the employee tells their story in their coaching
// profile, places themselves on a working-style scale, writes a growth goal (with the language
// checker's hints while typing) and records progress. The manager documents a discussion (with
// "impact, not emotion" hints), shares it after a confirmation, and the employee acknowledges
// receipt (not agreement) and answers in their own words. The manager starts a new hire's
// onboarding plan and checks in at its first stage; the employee makes a calendar feed. Axe checks
// the pages on the way.

const STORY =
  "I came to engineering from physics; I joined for the payments work and want to lead a team one day.";
const VAGUE_GOAL = "Be a better communicator";
const GOAL = "Give three internal tech talks by 30 September";
const WHY = "I want to lead a team: explaining designs is half of it.";
const PROGRESS_NOTE = "First talk given: the payments retry design, to the platform team.";
const WHAT_HAPPENED =
  "In the client call on Tuesday Sofia was rude and interrupted the client twice while they described the outage.";
const IMPACT = "The client asked for a different contact for the incident review.";
const EXPECTATION = "Let clients finish describing a problem before answering.";
const RESPONSE =
  "I see the interruptions the same way. The outage was mine and I was trying to help quickly; I will let clients finish.";

let world: PlansWorld;
let employee: Page;
let manager: Page;
let sofiaId = "";
let kwameId = "";
let goalUrl = "";
let discussionUrl = "";

/** A person's id from the directory, through the API in the page's own session. */
async function personId(page: Page, email: string): Promise<string> {
  const res = await page.request.get(
    `${world.server.baseUrl}/api/v1/people?q=${encodeURIComponent(email)}`,
  );
  expect(res.status()).toBe(200);
  const found = ((await res.json()) as { items: { id: string; email: string }[] }).items.find(
    (p) => p.email === email,
  );
  if (!found) throw new Error(`${email} is not in the directory.`);
  return found.id;
}

async function openPerson(page: Page, id: string, name: string) {
  await page.goto(`${world.server.baseUrl}/people/${id}`);
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** Waits until nothing matches. */
async function gone(locator: Locator) {
  await expect.poll(() => locator.count(), { timeout: 10_000 }).toBe(0);
}

/** The card on a page whose heading is `title`. */
const card = (page: Page, title: string) =>
  page
    .getByRole("main")
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) })
    .first();

setUpPlansWorld((w) => {
  world = w;
});

const steps = journeySteps();
/** A step of the journey; when it fails, the pages as they were are saved for a look. */
function journey(name: string, fn: () => Promise<void>) {
  steps(name, async () => {
    try {
      await fn();
    } catch (err) {
      if (process.env.E2E_SCREENSHOTS)
        writeFileSync(
          `${process.env.E2E_SCREENSHOTS}/growth-failed-server.log`,
          world.server.output(),
        );
      for (const [who, page] of Object.entries({ employee, manager }))
        if (page) await screenshot(page, `growth-failed-${who}`).catch(() => {});
      throw err;
    }
  });
}

describe("Coaching records: profile, growth goals, documented discussions, onboarding", () => {
  journey("the employee tells their story in their coaching profile", async () => {
    employee = await world.signedIn(who.employee);
    sofiaId = await personId(employee, who.employee);
    await openPerson(employee, sofiaId, "Sofia Rossi");
    const profile = card(employee, "Coaching profile");
    await profile.getByText("Tell your story").waitFor();
    await screenshot(employee, "growth-01-person-page-empty");

    await profile.getByRole("button", { name: "Write your story" }).click();
    await employee.getByLabel("Your words: Your story").fill(STORY);
    await employee
      .getByRole("form", { name: /^Your entry for/ })
      .getByRole("button", { name: "Save" })
      .click();
    await profile.getByText(STORY).waitFor();
    await profile.getByText("In your own words").first().waitFor();
    await gone(profile.getByText("Tell your story"));

    // A working-style dimension, on its scale between the two poles.
    await profile.getByRole("button", { name: /^Place yourself for “People or things”/ }).click();
    const scale = employee.getByRole("form", { name: "Your view of “People or things”" });
    // The segmented control: each segment is the label of a visually hidden radio button.
    await scale.locator("label").filter({ hasText: "Leans people" }).click();
    expect(await scale.getByRole("radio", { name: "Leans people" }).isChecked()).toBe(true);
    await scale.getByRole("button", { name: "Save" }).click();
    await profile.getByRole("img", { name: /^Leans people/ }).waitFor();
  });

  journey("the employee writes a growth goal, with hints while typing", async () => {
    await card(employee, "Growth goals").getByText("You have no growth goals yet.").waitFor();
    await card(employee, "Growth goals")
      .getByRole("link", { name: "Write your first growth goal" })
      .click();
    await employee.getByRole("heading", { level: 1, name: "A new growth goal" }).waitFor();
    const title = employee.getByLabel("The goal", { exact: true });
    await title.fill(VAGUE_GOAL);
    const hintsId = ((await title.getAttribute("aria-describedby")) ?? "").split(" ").at(-1);
    const hints = employee.locator(`[id="${hintsId}"]`);
    await hints.getByText(/"better" can mean many things/).waitFor();
    await screenshot(employee, "growth-02-goal-form-hints");

    await title.fill(GOAL);
    await gone(hints.getByText(/"better" can mean many things/));
    await employee.getByLabel("How it is measured").fill("Talks given at the Friday tech forum");
    await employee.getByLabel("Where it stands now").fill("0");
    await employee.getByLabel("Target").fill("3");
    await employee.getByLabel("By when").fill(isoDay(120));
    await employee.getByRole("button", { name: "Save the goal" }).click();
    await employee.getByRole("heading", { level: 1, name: GOAL }).waitFor();
    goalUrl = employee.url();
    expect(goalUrl).toMatch(/\/growth-goals\/[0-9a-f-]{36}$/);
  });

  journey("the employee records progress on the goal", async () => {
    const form = employee.getByRole("form", { name: "Record progress" });
    await form.getByLabel("How far along it is now").fill("35");
    await form.getByLabel("Measured value").fill("1");
    await form.getByLabel("What moved").fill(PROGRESS_NOTE);
    await form.getByRole("button", { name: "Record progress" }).click();
    const updates = employee.getByRole("list", { name: "Progress updates, newest first" });
    await updates.getByText(PROGRESS_NOTE).waitFor();
    await updates.getByText("35%").waitFor();
    await updates.getByText("Measured 1 of 3").waitFor();
    expect(
      await employee
        .getByRole("progressbar", { name: `Progress on “${GOAL}”` })
        .getAttribute("aria-valuenow"),
    ).toBe("35");
    expect(await seriousViolations(employee)).toEqual([]);
    await screenshot(employee, "growth-03-goal-page");

    // The goal's SMART fields change in place.
    await card(employee, "The goal").getByRole("button", { name: "Edit the goal" }).click();
    const edit = card(employee, "Edit the goal");
    await edit.getByLabel("Why it matters").fill(WHY);
    await screenshot(employee, "growth-03b-goal-edit");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await card(employee, "The goal").getByText(WHY).waitFor();

    await openPerson(employee, sofiaId, "Sofia Rossi");
    await card(employee, "Growth goals").getByRole("link", { name: GOAL }).waitFor();
    expect(await seriousViolations(employee)).toEqual([]);
    await screenshot(employee, "growth-04-person-page-employee");
  });

  journey("the manager sees the profile and adds an observation", async () => {
    manager = await world.signedIn(who.manager);
    await openPerson(manager, sofiaId, "Sofia Rossi");
    const profile = card(manager, "Coaching profile");
    await profile.getByText(STORY).waitFor();
    await profile.getByText("Sofia's own words").first().waitFor();
    await profile
      .getByRole("button", { name: /^Add an observation to “Strengths observed”/ })
      .click();
    await manager
      .getByLabel("Your words: Strengths observed")
      .fill("Explains payments edge cases clearly in design reviews.");
    await manager
      .getByRole("form", { name: /^Your entry for/ })
      .getByRole("button", { name: "Save" })
      .click();
    await profile.getByText("Your observation", { exact: true }).waitFor();
    await card(manager, "Growth goals").getByRole("link", { name: GOAL }).waitFor();
    expect(await seriousViolations(manager)).toEqual([]);
    await screenshot(manager, "growth-05-person-page-manager");
  });

  journey("the manager documents a discussion, with wording hints, and shares it", async () => {
    await card(manager, "Documented discussions")
      .getByRole("link", { name: "Document a discussion" })
      .click();
    await manager.getByRole("heading", { level: 1, name: /^Document a discussion/ }).waitFor();
    await manager.getByLabel("What happened").fill(WHAT_HAPPENED);
    await manager.getByLabel("Its impact").fill(IMPACT);
    await manager.getByLabel("What is expected from now on").fill(EXPECTATION);
    await manager.getByLabel("Follow-up date").fill(isoDay(30));
    await manager
      .getByText(/"rude" judge|"rude".*judge/)
      .first()
      .waitFor();
    await screenshot(manager, "growth-06-discussion-form-hints");
    await manager.getByRole("button", { name: "Save as a draft" }).click();
    await manager.getByRole("heading", { level: 1, name: /^Documented discussion with/ }).waitFor();
    discussionUrl = manager.url();
    await manager.getByText("Draft: Sofia does not see this yet").waitFor();
    await screenshot(manager, "growth-06b-discussion-draft");
    await manager
      .getByText(/judges? the person/)
      .first()
      .waitFor();
    expect(await seriousViolations(manager)).toEqual([]);

    // The employee does not see a draft.
    const draft = await employee.request.get(
      `${world.server.baseUrl}/api/v1/discussions/${discussionUrl.split("/").at(-1)}`,
    );
    expect(draft.status()).toBe(404);

    await manager.getByRole("button", { name: "Share with Sofia" }).click();
    const dialog = manager.getByRole("dialog", { name: "Share this record with Sofia?" });
    await dialog.getByText(/The employee will see this/).waitFor();
    await screenshot(manager, "growth-07-share-dialog", { fullPage: false });
    await dialog.getByRole("button", { name: "Share with Sofia" }).click();
    await manager.getByText(/^Shared with Sofia Rossi, who has been told/).waitFor();
    await manager.getByText("Shared, not yet acknowledged").first().waitFor();
    await expect(manager.getByRole("button", { name: "Edit the draft" }));
  });

  journey("the employee acknowledges receipt and responds in their own words", async () => {
    await employee.goto(discussionUrl);
    await employee.getByRole("heading", { level: 1, name: "A documented discussion" }).waitFor();
    await employee.getByText(WHAT_HAPPENED).waitFor();
    // The wording hints are for the writers, never the employee.
    await gone(employee.getByText(/judges? the person/));
    await employee
      .getByText(/confirms that you received this record, not that you agree/)
      .waitFor();
    await screenshot(employee, "growth-08-discussion-employee");
    await employee.getByRole("button", { name: "Acknowledge receipt" }).click();
    await employee.getByText("Acknowledged", { exact: true }).first().waitFor();
    await gone(employee.getByRole("button", { name: "Acknowledge receipt" }));

    await employee.getByLabel("Your response, in your own words").fill(RESPONSE);
    await employee.getByRole("button", { name: "Save your response" }).click();
    await card(employee, "Your response").getByText(RESPONSE).waitFor();
    expect(await seriousViolations(employee)).toEqual([]);

    await manager.goto(discussionUrl);
    await card(manager, "Sofia's response").getByText(RESPONSE).waitFor();
    await manager.getByText("Acknowledged", { exact: true }).first().waitFor();
    await screenshot(manager, "growth-09-discussion-manager-after");
  });

  journey("the manager starts a new hire's onboarding plan and checks in", async () => {
    // Kwame joined ten days ago.
    kwameId = await personId(manager, who.peer);
    const record = (await (
      await world.api(`/api/v1/people/${kwameId}`, { cookie: world.adminCookie })
    ).json()) as { record: { version: number } };
    await world.api(`/api/v1/people/${kwameId}`, {
      method: "PATCH",
      cookie: world.adminCookie,
      body: { version: record.record.version, hireDate: isoDay(-10) },
    });

    await openPerson(manager, kwameId, "Kwame Mensah");
    const onboarding = card(manager, "Onboarding");
    await onboarding.getByLabel("Template").waitFor();
    await screenshot(manager, "growth-10a-onboarding-card-start");
    expect(await onboarding.getByLabel("Start date").inputValue()).toBe(isoDay(-10));
    await onboarding.getByRole("button", { name: "Start the onboarding plan" }).click();
    await manager
      .getByRole("heading", { level: 1, name: "Onboarding plan for Kwame Mensah" })
      .waitFor();
    await manager.getByRole("heading", { level: 2, name: "Learn and connect" }).waitFor();
    await manager
      .getByRole("button", { name: /^Record the check-in for “Learn and connect”/ })
      .click();
    const checkin = manager.getByRole("form", { name: "Manager's check-in: Learn and connect" });
    await checkin.locator("label").filter({ hasText: "4 – Going well" }).click();
    expect(await checkin.getByRole("radio", { name: "4 – Going well" }).isChecked()).toBe(true);
    await checkin.getByLabel(/^Your notes/).fill("Settled in fast; shipped the first small fix.");
    await checkin.getByRole("button", { name: "Save the check-in" }).click();
    await manager.getByText("4 of 5 – Going well").waitFor();
    expect(await seriousViolations(manager)).toEqual([]);
    await screenshot(manager, "growth-10-onboarding-manager");
    await openPerson(manager, kwameId, "Kwame Mensah");
    await card(manager, "Onboarding").getByText("Checked in", { exact: false }).first().waitFor();
    await screenshot(manager, "growth-10b-onboarding-card");
    await manager.goBack();

    const kwame = await world.signedIn(who.peer);
    await kwame.goto(manager.url());
    await kwame.getByRole("heading", { level: 1, name: "Your onboarding plan" }).waitFor();
    await kwame.getByText("Settled in fast; shipped the first small fix.").waitFor();
    await kwame.getByRole("button", { name: /^Write your notes for “Learn and connect”/ }).click();
    const notes = kwame.getByRole("form", { name: "Your notes: Learn and connect" });
    await notes.getByLabel("Your notes", { exact: true }).fill("The buddy system helped a lot.");
    await notes.getByRole("button", { name: "Save your notes" }).click();
    await kwame.getByText("The buddy system helped a lot.").waitFor();
    expect(await seriousViolations(kwame)).toEqual([]);
    await screenshot(kwame, "growth-11-onboarding-employee");
  });

  journey("HR edits the onboarding templates", async () => {
    const hr = await world.signedIn(who.hr);
    // HR reads the coaching records of people in scope; the profile is the employee's and manager's to write.
    await openPerson(hr, sofiaId, "Sofia Rossi");
    await card(hr, "Coaching profile").getByText(STORY).waitFor();
    await card(hr, "Documented discussions").getByText("Acknowledged").waitFor();
    expect(await seriousViolations(hr)).toEqual([]);
    await screenshot(hr, "growth-14-person-page-hr");

    await hr.goto(`${world.server.baseUrl}/onboarding/templates`);
    await hr.getByRole("heading", { level: 1, name: "Onboarding templates" }).waitFor();
    await hr.getByRole("button", { name: "New template" }).click();
    await hr.getByLabel("Name").fill("Engineering onboarding");
    const stages = hr.getByRole("group", { name: /^Stage / });
    await stages.nth(0).getByLabel("Title").fill("Set up and first fix");
    await stages.nth(1).getByLabel("Title").fill("On call with a buddy");
    await stages.nth(2).getByLabel("Title").fill("Own a feature");
    await stages
      .nth(0)
      .getByLabel("What success looks like")
      .fill("Laptop ready\nFirst fix merged");
    await hr.getByRole("button", { name: "Create the template" }).click();
    await hr.getByRole("button", { name: /Engineering onboarding/ }).waitFor();
    await hr.getByRole("heading", { name: "Edit “Engineering onboarding”" }).waitFor();
    expect(await seriousViolations(hr)).toEqual([]);
    await screenshot(hr, "growth-12-onboarding-templates");
  });

  journey("the person page reads well on a phone", async () => {
    await employee.setViewportSize({ width: 390, height: 844 });
    await openPerson(employee, sofiaId, "Sofia Rossi");
    await card(employee, "Coaching profile").getByText(STORY).waitFor();
    await screenshot(employee, "growth-15-person-page-phone");
    await employee.goto(goalUrl);
    await employee.getByRole("heading", { level: 1, name: GOAL }).waitFor();
    await screenshot(employee, "growth-16-goal-page-phone");
    await employee.setViewportSize({ width: 1280, height: 900 });
  });

  journey("the employee makes a private calendar feed", async () => {
    await employee.goto(`${world.server.baseUrl}/account`);
    const feed = card(employee, "Calendar feed");
    await feed.getByRole("button", { name: "Make my calendar address" }).click();
    const url = await employee.getByLabel("Your calendar address").inputValue();
    expect(url).toMatch(/\/calendar\/.+\.ics$/);
    const ics = await fetch(url);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain("BEGIN:VCALENDAR");
    expect(await seriousViolations(employee)).toEqual([]);
    await screenshot(employee, "growth-13-calendar-feed");

    await feed.getByRole("button", { name: "Turn off the feed" }).click();
    await employee
      .getByRole("dialog", { name: "Turn off your calendar feed?" })
      .getByRole("button", { name: "Turn off the feed" })
      .click();
    await feed.getByText(/The calendar feed is off/).waitFor();
    expect((await fetch(url)).status).toBe(404);
  });
});
