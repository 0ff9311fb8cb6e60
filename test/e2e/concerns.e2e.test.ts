import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { seriousViolations } from "./harness.js";
import { journeySteps, type PlansWorld, screenshot, setUpPlansWorld, who } from "./plans-seed.js";

// The confidential channel in the browser: Sofia raises a concern about her manager, Marcus; the
// HR partner for Engineering, Hannah, finds it in her inbox, answers and records a complaint;
// Sofia reads the answer. Marcus's app shows nothing of it, and the thread's address is "not
// found" for him.

const SUBJECT = "Remarks in the team meeting";
const MESSAGE =
  "In the last two team meetings Marcus made remarks about my accent. I would like to talk about it.";
const REPLY = "Thank you for telling us, Sofia. Could we talk on Thursday at 10?";

let world: PlansWorld;
let sofia: Page;
let hannah: Page;
let threadUrl = "";

setUpPlansWorld((w) => {
  world = w;
});

const journey = journeySteps();
const main = (page: Page) => page.getByRole("main");

describe("A confidential concern, from the employee to HR and back", () => {
  journey("Sofia sees who will read her concern and sends it about her manager", async () => {
    sofia = await world.signedIn(who.employee);
    await sofia
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Talk to HR" })
      .click();
    await sofia.getByRole("heading", { level: 1, name: "Talk to HR in confidence" }).waitFor();
    await sofia.getByRole("list", { name: "Who can read this" }).getByText("Hannah Cole").waitFor();

    const form = sofia.getByRole("form", { name: "Raise a concern" });
    await form.getByLabel("What is it about?").selectOption({ label: "My manager" });
    await form.getByRole("button", { name: "Choose: Who is it about? (optional)" }).click();
    await form.getByLabel("Find the person it is about").fill("Marcus");
    await form.getByRole("button", { name: "Choose Marcus Lee as the person it is about" }).click();
    await main(sofia).getByText("Marcus Lee, the person it is about").waitFor();
    await form.getByLabel("Subject").fill(SUBJECT);
    await form.getByLabel("Your message").fill(MESSAGE);
    expect(await seriousViolations(sofia)).toEqual([]);
    await screenshot(sofia, "concerns-01-raise");
    await form.getByRole("button", { name: "Send to HR in confidence" }).click();

    await sofia.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    await main(sofia).getByText("You and HR: Hannah Cole.").waitFor();
    await main(sofia).getByText(MESSAGE).waitFor();
    threadUrl = sofia.url();
    expect(threadUrl).toMatch(/\/concerns\/[0-9a-f-]{36}$/);
  });

  journey("Hannah finds it in her inbox, answers, and records a complaint", async () => {
    hannah = await world.signedIn(who.hr);
    await hannah
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Concerns" })
      .click();
    const inbox = hannah.getByRole("list", { name: "Concerns in your inbox" });
    const item = inbox.getByRole("listitem").filter({ hasText: SUBJECT });
    await item.getByText("1 new").waitFor();
    await item.getByText("From Sofia Rossi").waitFor();
    await item.getByRole("link", { name: SUBJECT }).click();

    await hannah.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
    await main(hannah).getByText(MESSAGE).waitFor();
    await hannah.getByRole("form", { name: "Reply" }).getByLabel("Your reply").fill(REPLY);
    await hannah.getByRole("button", { name: "Send reply" }).click();
    await hannah.getByRole("list", { name: "Messages" }).getByText(REPLY).waitFor();

    const record = hannah.getByRole("form", { name: "Record a protected activity" });
    await record.getByLabel("Kind").selectOption({ label: "Complaint" });
    await record
      .getByLabel("Note")
      .fill("Raised in a confidential concern about remarks by her manager.");
    await record.getByRole("button", { name: "Record" }).click();
    await hannah
      .getByRole("list", { name: "Recorded from this concern" })
      .getByText("Complaint")
      .waitFor();
    expect(await seriousViolations(hannah)).toEqual([]);
    await screenshot(hannah, "concerns-02-hr-thread");
  });

  journey("Sofia sees the new reply and reads it", async () => {
    await sofia.goto(`${world.server.baseUrl}/concerns`);
    const mine = sofia.getByRole("list", { name: "Your concerns" });
    await mine.getByRole("listitem").filter({ hasText: SUBJECT }).getByText("1 new").waitFor();
    await mine.getByRole("link", { name: SUBJECT }).click();
    const reply = sofia
      .getByRole("list", { name: "Messages" })
      .getByRole("listitem")
      .filter({ hasText: REPLY });
    await reply.getByText("Hannah Cole").waitFor();
    await reply.getByText("New").waitFor();
  });

  journey("Marcus's app shows nothing of it, and the thread is not found for him", async () => {
    const marcus = await world.signedIn(who.manager);
    const nav = marcus.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Talk to HR" }).waitFor();
    expect(await nav.getByRole("link", { name: "Concerns" }).count()).toBe(0);
    await main(marcus)
      .getByRole("heading", { level: 2, name: "Talk to HR in confidence" })
      .waitFor();
    await main(marcus).getByRole("heading", { level: 2, name: "Your team" }).waitFor();
    expect(await main(marcus).getByText(SUBJECT).count()).toBe(0);

    await marcus.goto(`${world.server.baseUrl}/concerns`);
    await marcus.getByRole("heading", { level: 1, name: "Talk to HR in confidence" }).waitFor();
    expect(await marcus.getByRole("list", { name: "Your concerns" }).count()).toBe(0);

    await marcus.goto(threadUrl);
    await marcus.getByRole("heading", { level: 1, name: "Concern not found" }).waitFor();
    expect(await main(marcus).getByText(MESSAGE).count()).toBe(0);
    await screenshot(marcus, "concerns-03-manager-not-found");
  });
});
