import type { Locator, Page } from "playwright-core";
import { describe, expect } from "vitest";
import { seriousViolations } from "./harness.js";
import {
  editorStep,
  journeySteps,
  type PlansWorld,
  screenshot,
  setUpPlansWorld,
  who,
} from "./plans-seed.js";

// Guidance at the right moment, in the browser: Marcus, a manager, meets the cards where he
// decides (starting a plan, the standard, the evidence, goals that say what not to do), dismisses
// one for good, follows another to the handbook, and the figures L&D sees say nothing yet: one
// person is too few.

let world: PlansWorld;
let marcus: Page;

setUpPlansWorld((w) => {
  world = w;
});

const journey = journeySteps();
const main = (page: Page) => page.getByRole("main");
const note = (within: Page | Locator, title: string) => within.getByRole("note", { name: title });

describe("Guidance at the right moment, and the handbook", () => {
  journey(
    "starting a plan asks whether coaching came first; dismissed, it stays away",
    async () => {
      marcus = await world.signedIn(who.manager);
      await marcus
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "Success plans" })
        .click();
      await marcus.getByRole("button", { name: "Start a success plan" }).click();
      const dialog = marcus.getByRole("dialog", { name: "Start a success plan" });
      const card = note(dialog, "Has coaching come first?");
      await card.getByText(/written feedback and 1:1s/).waitFor();
      await card.getByRole("link", { name: /Read more in the handbook/ }).waitFor();
      expect(await seriousViolations(marcus)).toEqual([]);
      await screenshot(marcus, "guidance-01-start-plan");

      await card
        .getByRole("button", { name: "Dismiss the guidance: Has coaching come first?" })
        .click();
      await dialog
        .getByRole("status")
        .getByText(/you will not see/)
        .waitFor();
      expect(await card.count()).toBe(0);

      await dialog.getByRole("button", { name: "Cancel" }).click();
      await marcus.getByRole("button", { name: "Start a success plan" }).click();
      await dialog.getByRole("radio", { name: /Sofia Rossi/ }).waitFor();
      expect(await dialog.getByRole("note").count()).toBe(0);

      await dialog.getByRole("radio", { name: /Sofia Rossi/ }).check();
      await dialog.getByRole("button", { name: "Start the draft" }).click();
      await marcus.waitForURL(/\/plans\/[0-9a-f-]{36}\/edit$/);
    },
  );

  journey("an empty standard and the evidence each have their card", async () => {
    await editorStep(marcus, "Evidence");
    const nice = note(marcus, "Clarity is kindness");
    await nice.waitFor();
    await note(marcus, "Impact, not emotion").waitFor();
    expect(await seriousViolations(marcus)).toEqual([]);
    await screenshot(marcus, "guidance-02-evidence");

    await main(marcus)
      .getByLabel("What is expected, in plain words")
      .fill("Resolve customer tickets within 2 working days.");
    await nice.waitFor({ state: "detached" });
  });

  journey(
    "goals that say what not to do bring the reformer's trap, linked to the handbook",
    async () => {
      await editorStep(marcus, "Goals & resources");
      const trap = note(marcus, "These goals say what not to do");
      expect(await trap.count()).toBe(0);
      await main(marcus).getByRole("button", { name: "Add a goal" }).click();
      await main(marcus).getByLabel("Goal", { exact: true }).fill("Don't miss deadlines");
      await trap.waitFor();
      await screenshot(marcus, "guidance-03-prohibitions");

      await trap.getByRole("link", { name: /Read more in the handbook/ }).click();
      await marcus.getByRole("heading", { level: 1, name: "The reformer's trap" }).waitFor();
      await marcus.getByRole("heading", { level: 2, name: "Turn each one into a goal" }).waitFor();
      expect(await seriousViolations(marcus)).toEqual([]);
      await screenshot(marcus, "guidance-04-article");

      await main(marcus).getByRole("link", { name: "Back to the handbook" }).first().click();
      await marcus.getByRole("heading", { level: 1, name: "Handbook" }).waitFor();
      await main(marcus)
        .getByRole("link", { name: "Running the diagnostic conversation" })
        .waitFor();
      await main(marcus).getByRole("link", { name: "When someone won't engage" }).waitFor();
      expect(await seriousViolations(marcus)).toEqual([]);
      await screenshot(marcus, "guidance-05-handbook");
    },
  );

  journey("the figures name no one, and stay hidden while one person saw a card", async () => {
    const stats = (await (
      await world.api("/api/v1/guidance/stats", { cookie: world.adminCookie })
    ).json()) as { cards: { cardId: string; suppressed: boolean; peopleShown: number | null }[] };
    expect(stats.cards.length).toBeGreaterThanOrEqual(6);
    for (const c of stats.cards) expect(c).toMatchObject({ suppressed: true, peopleShown: null });
    expect(JSON.stringify(stats)).not.toContain("Marcus");
  });
});
