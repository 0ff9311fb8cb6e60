import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type EnablementWorld, people, setUpEnablementWorld } from "./enablement-seed.js";
import { seriousViolations } from "./harness.js";
import { journeySteps, screenshot } from "./plans-seed.js";

// Mentoring in the browser, outside any plan: Tariq volunteers as a mentor; Marcus finds him for
// his report Sofia from her page (suggestions never come from her management chain) and asks;
// Tariq accepts and logs a session; Sofia reads the session log. Marcus sees that the mentoring
// runs and how many sessions were held, never what was said.

const TOPIC = "Query plans for the revenue report";
const SESSION = "Walked through EXPLAIN on the refunds join";

let world: EnablementWorld;
let tariq: Page;
let marcus: Page;
let sofia: Page;

setUpEnablementWorld((w) => {
  world = w;
});

const journey = journeySteps();
const main = (page: Page) => page.getByRole("main");
const card = (page: Page, title: string) =>
  main(page)
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: title, exact: true }) })
    .last();

async function accessible(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
}

describe("Mentoring: volunteer, be found, accept, log a session", () => {
  journey("Tariq volunteers as a mentor from the Mentoring page", async () => {
    tariq = await world.signedIn(people.mentor.email);
    await tariq.goto(`${world.server.baseUrl}/mentoring`);
    const become = card(tariq, "Become a mentor");
    await become.getByRole("button", { name: "Volunteer as a mentor" }).click();
    await become.getByLabel(/^Skills/).fill("SQL, data modelling");
    await become.getByLabel(/^Places/).fill("1");
    await become.getByLabel(/^Availability/).fill("Thursday mornings");
    await accessible(tariq, "mentoring-01-volunteer");
    await become.getByRole("button", { name: "Join the directory" }).click();
    await card(tariq, "Your mentor profile").getByText("1 of 1 places free").waitFor();
  });

  journey("Marcus finds Tariq for Sofia from her page and asks him", async () => {
    marcus = await world.signedIn(people.manager.email);
    await marcus.goto(`${world.server.baseUrl}/people/${world.idOf(people.employee.email)}`);
    await marcus.getByRole("heading", { level: 1, name: people.employee.name }).waitFor();
    await card(marcus, "Mentoring").getByRole("button", { name: "Find a mentor" }).click();
    const dialog = marcus.getByRole("dialog", {
      name: `Find a mentor for ${people.employee.name}`,
    });
    await dialog.getByLabel(/^Skills to grow/).fill("sql");
    await dialog.getByRole("button", { name: "Suggest mentors" }).click();
    await dialog.getByRole("button", { name: `Ask ${people.mentor.name}` }).click();
    await dialog.getByLabel(/^Topic/).fill(TOPIC);
    await accessible(marcus, "mentoring-02-ask");
    await dialog.getByRole("button", { name: "Send the request" }).click();
    await dialog.waitFor({ state: "detached" });
    // Mentors now, mentees now, sessions in 90 days, requests waiting: counts only.
    await expect
      .poll(() => card(marcus, "Mentoring").locator("dd").allTextContents())
      .toEqual(["0", "0", "0", "1"]);
  });

  journey("Tariq accepts and logs their first session", async () => {
    await tariq.reload();
    await card(tariq, "Requests for you").getByText(`${people.employee.name}: ${TOPIC}`).waitFor();
    await card(tariq, "Requests for you")
      .getByRole("button", { name: `Accept mentoring ${people.employee.name}` })
      .click();
    const mentees = card(tariq, "Your mentees");
    await mentees.getByRole("button", { name: `Sessions with ${people.employee.name}` }).click();
    await mentees.getByLabel("What you talked about").fill(SESSION);
    await mentees.getByRole("button", { name: "Log the session" }).click();
    await mentees.getByText(SESSION).waitFor();
    await accessible(tariq, "mentoring-03-session-log");
  });

  journey("Sofia reads the session log with her mentor", async () => {
    sofia = await world.signedIn(people.employee.email);
    await sofia.goto(`${world.server.baseUrl}/mentoring`);
    const mentors = card(sofia, "Your mentors");
    await mentors.getByText(TOPIC).waitFor();
    await mentors.getByRole("button", { name: `Sessions with ${people.mentor.name}` }).click();
    await mentors.getByText(SESSION).waitFor();
  });

  journey("Marcus sees that it runs and one session was held, never what was said", async () => {
    await marcus.goto(`${world.server.baseUrl}/mentoring`);
    const asked = card(marcus, "Asked by you");
    await asked.getByText("Running").waitFor();
    await asked.getByText(/1 session/).waitFor();
    expect(await main(marcus).getByText(SESSION).count()).toBe(0);
    await marcus.goto(`${world.server.baseUrl}/people/${world.idOf(people.employee.email)}`);
    const summary = card(marcus, "Mentoring");
    await expect.poll(() => summary.locator("dd").allTextContents()).toEqual(["1", "0", "1", "0"]);
    expect(await summary.textContent()).not.toContain(SESSION);
    expect(await summary.textContent()).not.toContain(people.mentor.name);
    await accessible(marcus, "mentoring-04-manager-counts");
  });
});
