import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type EnablementWorld, people, setUpEnablementWorld } from "./enablement-seed.js";
import { seriousViolations } from "./harness.js";
import { journeySteps, screenshot } from "./plans-seed.js";

// The diagnostic guide in Chromium, beyond the enablement journey's suggestions: a manager runs
// the conversation without a plan, explores a personal matter, records the employee's words with
// their consent and completes it; the employee is told, reads it and deletes their answers; HR
// reads it; a colleague cannot. Every page passes axe.

const NOTE = "Caring for a parent since February; has asked HR about flexible hours.";
const ANSWER = "Mornings are hard at the moment; I can do my best work after eleven.";

let world: EnablementWorld;
let manager: Page;
let employee: Page;
let diagnosisUrl = "";

setUpEnablementWorld((w) => {
  world = w;
});

const journey = journeySteps();
const main = (page: Page) => page.getByRole("main");

async function accessible(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
}

describe("the diagnostic guide, from start to the employee's reading", () => {
  journey("the manager starts a conversation on its own from the report's page", async () => {
    manager = await world.signedIn(people.manager.email);
    await manager.goto(`${world.server.baseUrl}/people/${world.idOf(people.employee.email)}`);
    await main(manager).getByRole("link", { name: "Run the diagnostic guide" }).click();
    const start = manager.getByRole("form", { name: "Start the conversation" });
    // No draft plan: the one choice is a conversation on its own.
    await start.getByRole("radio", { name: /^No plan/ }).waitFor();
    expect(await start.getByRole("radio").count()).toBe(1);
    await accessible(manager, "diagnosis-01-start");
    await start.getByRole("button", { name: "Start the conversation" }).click();
    await manager
      .getByRole("heading", { level: 2, name: /Before you start: a conversation, not a verdict/ })
      .waitFor();
    diagnosisUrl = manager.url();
    await main(manager)
      .getByRole("heading", { name: /the reformer's trap/ })
      .waitFor();
    await main(manager)
      .getByRole("heading", { name: /the nice trap/ })
      .waitFor();
    await accessible(manager, "diagnosis-02-opening");
  });

  journey("they explore a personal matter and note what they heard", async () => {
    await main(manager).getByRole("button", { name: "Next: Causes to explore" }).click();
    // The step's heading takes focus: keyboard users start at the top of the step.
    await expect
      .poll(() => manager.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain("Causes to explore");
    await main(manager)
      .getByRole("checkbox", { name: /^A personal or health matter/ })
      .check();
    await main(manager)
      .getByRole("textbox", { name: /Is anything outside work making things harder/ })
      .fill(NOTE);
    await main(manager)
      .getByText(/Never record a diagnosis or medical details/)
      .waitFor();
    await manager
      .getByRole("status")
      .filter({ hasText: /^Saved/ })
      .waitFor();
    await accessible(manager, "diagnosis-03-causes");
  });

  journey("with the employee's consent, their own words are recorded", async () => {
    await main(manager).getByRole("button", { name: "Next: In their words" }).click();
    // Without consent there is nowhere to write their words.
    expect(await main(manager).getByRole("textbox").count()).toBe(0);
    await main(manager)
      .getByRole("checkbox", { name: /agreed that I record their answers/ })
      .check();
    await main(manager)
      .getByRole("textbox", {
        name: /Is there anything about how, when or where you work that would make things easier/,
      })
      .fill(ANSWER);
    await manager
      .getByRole("status")
      .filter({ hasText: /^Saved/ })
      .waitFor();
    await accessible(manager, "diagnosis-04-consent");
  });

  journey("the manager completes it and reads the record", async () => {
    await main(manager).getByRole("button", { name: "Next: Summary and next steps" }).click();
    await main(manager).getByRole("button", { name: "Complete", exact: true }).click();
    const dialog = manager.getByRole("dialog", { name: "Complete the conversation?" });
    await dialog.getByRole("button", { name: "Complete", exact: true }).click();
    await main(manager)
      .getByText(/^Completed/)
      .first()
      .waitFor();
    await main(manager).getByText(NOTE).waitFor();
    await accessible(manager, "diagnosis-05-completed");
  });

  journey("the employee is told, reads it, and deletes their answers", async () => {
    employee = await world.signedIn(people.employee.email);
    const told = await world.as<{ items: { link: string }[] }>(employee, "GET", "/notifications");
    const link = told.items.find((n) => n.link.startsWith("/diagnoses/"))!.link;
    expect(diagnosisUrl.endsWith(link)).toBe(true);
    await employee.goto(`${world.server.baseUrl}${link}`);
    await employee
      .getByRole("heading", { level: 1, name: `Your conversation with ${people.manager.name}` })
      .waitFor();
    await main(employee).getByText(NOTE).waitFor();
    await main(employee).getByText(ANSWER).waitFor();
    await accessible(employee, "diagnosis-06-employee");
    await main(employee).getByRole("button", { name: "Delete my answers" }).click();
    const dialog = employee.getByRole("dialog", { name: "Delete your answers?" });
    await dialog.getByRole("button", { name: "Delete the answers" }).click();
    await main(employee).getByText("Your own answers were not recorded.").waitFor();
    expect(await main(employee).getByText(ANSWER).count()).toBe(0);
    await main(employee).getByText(NOTE).waitFor();
  });

  journey("HR in scope reads it; a colleague gets no such conversation", async () => {
    const hr = await world.signedIn(people.hr.email);
    await hr.goto(diagnosisUrl);
    await main(hr).getByText(NOTE).waitFor();
    const colleague = await world.signedIn(people.mentor.email);
    await colleague.goto(diagnosisUrl);
    await main(colleague)
      .getByText("No such conversation, or you do not have access to it.")
      .waitFor();
    expect(await main(colleague).getByText(NOTE).count()).toBe(0);
  });
});
