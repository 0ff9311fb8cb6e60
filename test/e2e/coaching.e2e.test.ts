import type { Page } from "playwright-core";
import { describe, expect } from "vitest";
import { type SoonSlot, signedInAt, soonSlot, timedJourney } from "./coaching-seed.js";
import { seriousViolations } from "./harness.js";
import { type PlansWorld, screenshot, setUpPlansWorld, who } from "./plans-seed.js";

// Continuous coaching, end to end, each person in their own Chromium session: the manager
// schedules weekly 1:1s, the employee adds a talking point, the manager pulls a deck question,
// writes a shared and a private note and a commitment for the employee; the employee sees the
// shared note (never the private one) and marks the commitment done; the meeting is marked held;
// the manager gives situation–behaviour–impact feedback and the employee replies; the team page
// shows the 1:1 held and the employee's follow-through.
//
// The server runs on the real clock. The series starts with a meeting a minute or so from now, on
// that minute's weekday and date in the manager's time zone (which has no daylight saving, and
// is half an hour off UTC so midnights differ), so the first meeting can be held during the
// journey whatever hour it runs at.

const MANAGER_ZONE = "Asia/Kolkata";
const TALKING_POINT = "I would like to talk about the on-call rota after the release.";
const SHARED_NOTE = "Agreed: Sofia pairs with Kwame on the next two on-call weeks.";
const PRIVATE_NOTE = "Private: check with Dana whether the on-call budget covers a third person.";
const COMMITMENT = "Write up the on-call handover checklist";
const SITUATION = "In Tuesday's release review with the payments team";
const BEHAVIOUR = "You walked everyone through the rollback plan step by step before we shipped.";
const IMPACT = "The team shipped on time and support had no questions that evening.";
const REPLY = "Thank you! I reused the checklist from the last incident review.";

let world: PlansWorld;
let manager: Page;
let employee: Page;
let slot: SoonSlot;
let seriesUrl = "";
let meetingUrl = "";
let deckQuestion = "";

setUpPlansWorld((w) => {
  world = w;
});

const journey = timedJourney();
/** How long a poll waits for the page to catch up (hints wait for typing to stop). */
const soon = { timeout: 10_000, interval: 100 };

async function openMeeting(page: Page) {
  await page.goto(meetingUrl);
  await page.getByRole("heading", { level: 1, name: /^1:1 with / }).waitFor();
  await page.getByRole("heading", { name: "Agenda" }).waitFor();
}

describe("Continuous coaching: 1:1s, notes, commitments and feedback", () => {
  journey("the manager schedules weekly 1:1s with a direct report", async () => {
    manager = await signedInAt(world, who.manager, MANAGER_ZONE);
    await manager
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "1:1s" })
      .click();
    await manager.getByRole("heading", { level: 1, name: "1:1s" }).waitFor();
    await manager.getByText("You have no 1:1s yet.").waitFor();
    await manager.getByRole("button", { name: "Schedule 1:1s" }).first().click();
    const form = manager.getByRole("form", { name: "Schedule 1:1s" });
    await form.getByLabel("With").selectOption({ label: "Sofia Rossi — Backend Engineer" });
    // Only direct reports without a series are offered.
    expect(await form.getByLabel("With").locator("option").allTextContents()).toEqual([
      "Choose a person…",
      "Kwame Mensah — Frontend Engineer",
      "Sofia Rossi — Backend Engineer",
    ]);
    // The form defaults to the browser's zone (Chromium may name Kolkata by its old name).
    // Far enough ahead to fill in and send the form; near enough not to wait long at the end.
    slot = await soonSlot(manager, 30);
    expect(["Asia/Kolkata", "Asia/Calcutta"]).toContain(slot.timeZone);
    expect(await form.getByLabel("Time zone").inputValue()).toBe(slot.timeZone);
    await form.getByLabel("How often").selectOption("weekly");
    await form.getByLabel("Day of the week").selectOption(String(slot.weekday));
    await form.getByLabel("Start time").fill(slot.time);
    await form.getByLabel("Length").selectOption("30");
    await form.getByLabel("Start date").fill(slot.date);
    await screenshot(manager, "01-schedule-form");
    await form.getByRole("button", { name: "Schedule 1:1s" }).click();

    await manager.getByRole("heading", { level: 1, name: "1:1 with Sofia Rossi" }).waitFor();
    seriesUrl = manager.url();
    await manager
      .getByText(/^Weekly on \w+ at \d\d:\d\d \(Asia\/(Kolkata|Calcutta)\), 30 minutes$/)
      .waitFor();
    const upcoming = manager.getByRole("list", { name: "Upcoming meetings" });
    await expect.poll(() => upcoming.getByRole("listitem").count(), soon).toBeGreaterThan(1);
    // The first meeting is the one a moment from now.
    await manager.getByRole("link", { name: "Open the next meeting" }).click();
    await manager.getByRole("heading", { name: "Agenda" }).waitFor();
    meetingUrl = manager.url();
    expect(meetingUrl).toMatch(/\/one-on-ones\/[\w-]+\/meetings\/[\w-]+$/);
    await manager.getByRole("main").getByText(slot.time, { exact: false }).first().waitFor();
    await manager.getByRole("button", { name: "Mark as held" }).waitFor();
  });

  journey("the employee finds the 1:1 and adds a talking point", async () => {
    employee = await signedInAt(world, who.employee);
    await employee
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "1:1s" })
      .click();
    const mine = employee.getByRole("list", { name: "Your 1:1s with your manager" });
    await mine.getByRole("link", { name: "1:1 with Marcus Lee" }).waitFor();
    await employee.goto(meetingUrl);
    await employee.getByRole("heading", { level: 1, name: "1:1 with Marcus Lee" }).waitFor();
    const form = employee.getByRole("form", { name: "Add a talking point" });
    await form.getByLabel("Add a talking point").fill(TALKING_POINT);
    await form.getByRole("button", { name: "Add to agenda" }).click();
    await employee.getByRole("list", { name: "Agenda" }).getByText(TALKING_POINT).waitFor();
  });

  journey(
    "the manager pulls a deck question, writes shared and private notes and a commitment",
    async () => {
      await openMeeting(manager);
      const agenda = manager.getByRole("list", { name: "Agenda" });
      await agenda.getByText(TALKING_POINT).waitFor();
      await agenda.getByText("Added by Sofia Rossi").waitFor();

      // Three questions fitting a new relationship; one goes onto the agenda.
      const suggested = manager.getByRole("list", { name: "Suggested questions" });
      await expect.poll(() => suggested.getByRole("listitem").count(), soon).toBe(3);
      await manager.getByText(/Establish trust \(0 meetings held before this one\)/).waitFor();
      const pull = suggested.getByRole("button", { name: /^Add to agenda: / }).first();
      deckQuestion = ((await pull.getAttribute("aria-label")) ?? "").replace(
        /^Add to agenda: /,
        "",
      );
      expect(deckQuestion.length).toBeGreaterThan(10);
      await pull.click();
      await agenda.getByText(deckQuestion).waitFor();
      // A question on the agenda is no longer suggested: another one takes its place.
      await expect.poll(() => suggested.getByText(deckQuestion).count(), soon).toBe(0);
      await expect.poll(() => suggested.getByRole("listitem").count(), soon).toBe(3);

      // The whole deck, filtered by stage and theme.
      await manager.getByRole("button", { name: "Browse the deck" }).click();
      const deck = manager.getByRole("dialog", { name: "The question deck" });
      const all = Number(
        (await deck.getByText(/^\d+ questions$/).textContent())?.match(/\d+/)?.[0] ?? 0,
      );
      expect(all).toBeGreaterThanOrEqual(80);
      await deck.getByLabel("Stage").selectOption({ label: "Commit to growth" });
      await deck.getByLabel("Theme").selectOption({ label: "Career" });
      const filtered = deck.getByRole("list", { name: "Deck questions" }).getByRole("listitem");
      await expect.poll(() => filtered.count(), soon).toBeGreaterThan(0);
      expect(await filtered.count()).toBeLessThan(all);
      for (const badge of await filtered.getByText("Commit to growth").all())
        expect(await badge.isVisible()).toBe(true);
      await deck.getByRole("button", { name: "Close" }).click();
      await deck.waitFor({ state: "hidden" });

      const shared = manager.getByRole("form", { name: "Add a shared note" });
      await shared.getByLabel("Add a shared note").fill(SHARED_NOTE);
      await shared.getByRole("button", { name: "Save shared note" }).click();
      await manager.getByRole("list", { name: "Shared notes" }).getByText(SHARED_NOTE).waitFor();

      const privately = manager.getByRole("form", { name: "Add a private note" });
      await privately.getByLabel("Add a private note").fill(PRIVATE_NOTE);
      await privately.getByRole("button", { name: "Save private note" }).click();
      const privateList = manager.getByRole("list", { name: "Your private notes" });
      await privateList.getByText(PRIVATE_NOTE).waitFor();
      await privateList.getByText("Only you can see this").waitFor();

      const commitment = manager.getByRole("form", { name: "Add a commitment" });
      await commitment.getByLabel("Commitment").fill(COMMITMENT);
      await expect(commitment.getByLabel("Sofia Rossi").isChecked()).resolves.toBe(true);
      await commitment.getByRole("button", { name: "Add commitment" }).click();
      await manager.getByRole("list", { name: "Commitments" }).getByText(COMMITMENT).waitFor();

      await screenshot(manager, "02-meeting-manager");
      expect(await seriousViolations(manager)).toEqual([]);
    },
  );

  journey(
    "the employee sees the shared note, never the private one, and marks the commitment done",
    async () => {
      await openMeeting(employee);
      await employee.getByRole("list", { name: "Shared notes" }).getByText(SHARED_NOTE).waitFor();
      await employee.getByRole("list", { name: "Agenda" }).getByText(deckQuestion).waitFor();
      await employee.getByText("You have no private notes on this meeting.").waitFor();
      expect(await employee.content()).not.toContain(PRIVATE_NOTE);
      expect(await employee.getByText(PRIVATE_NOTE).count()).toBe(0);

      const commitments = employee.getByRole("list", { name: "Commitments" });
      const item = commitments.getByRole("listitem").filter({ hasText: COMMITMENT });
      await item.getByText(/^You · due /).waitFor();
      await item.getByRole("button", { name: `Mark done: ${COMMITMENT}` }).click();
      await item.getByText("Done", { exact: true }).waitFor();
      await screenshot(employee, "03-meeting-employee");
      // Neither the series page nor any other view of the 1:1 carries the private note.
      await employee.goto(seriesUrl);
      await employee.getByRole("heading", { level: 1, name: "1:1 with Marcus Lee" }).waitFor();
      expect(await employee.content()).not.toContain(PRIVATE_NOTE);
    },
  );

  journey("the manager marks the meeting held", async () => {
    await openMeeting(manager);
    await manager.getByRole("button", { name: "Mark as held" }).click();
    const confirm = manager.getByRole("dialog", { name: "Mark this 1:1 as held?" });
    await confirm.getByRole("button", { name: "Mark as held" }).click();
    await confirm.waitFor({ state: "hidden" });
    await manager.getByRole("main").getByText("Held", { exact: true }).first().waitFor();
    // Notes and commitments stay on a held meeting; the employee's commitment is done.
    const item = manager
      .getByRole("list", { name: "Commitments" })
      .getByRole("listitem")
      .filter({ hasText: COMMITMENT });
    await item.getByText(/marked done .* by Sofia Rossi/).waitFor();
  });

  journey("the manager gives situation–behaviour–impact feedback", async () => {
    await manager
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Feedback" })
      .click();
    await manager.getByRole("heading", { level: 1, name: "Feedback" }).waitFor();
    await manager.getByRole("link", { name: "Give feedback" }).first().click();
    const form = manager.getByRole("form", { name: "Give feedback" });
    await form.getByRole("button", { name: "Choose: Who is it for?" }).click();
    await form.getByLabel("Find the person").fill("Sofia");
    await form.getByRole("button", { name: "Choose Sofia Rossi" }).click();
    await form.getByText("Sofia Rossi").first().waitFor();
    await form.getByLabel("Recognition").check();
    await form.getByLabel("Situation").fill(SITUATION);
    // "Impact, not emotion": a judging word brings a hint while typing; it never blocks.
    await form.getByLabel("Behaviour").fill("You were not lazy about the rollback plan.");
    await form.getByText(/"lazy" judges the person/).waitFor();
    await screenshot(manager, "04-feedback-form-hint");
    expect(await seriousViolations(manager)).toEqual([]);
    await form.getByLabel("Behaviour").fill(BEHAVIOUR);
    await expect.poll(() => form.getByText(/"lazy" judges the person/).count(), soon).toBe(0);
    await form.getByLabel("Impact").fill(IMPACT);
    await form.getByLabel("Share with Sofia Rossi").check();
    await form.getByRole("button", { name: "Share feedback" }).click();
    await manager.getByRole("heading", { level: 1, name: "Feedback for Sofia Rossi" }).waitFor();
    await manager.getByText(BEHAVIOUR).waitFor();
    await manager.getByText("Sofia Rossi can reply; you can answer once they do.").waitFor();
  });

  journey("the employee reads the feedback and replies", async () => {
    await employee
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Feedback" })
      .click();
    const received = employee.getByRole("list", { name: "Feedback you received" });
    await received.getByRole("link", { name: "From Marcus Lee" }).click();
    await employee.getByRole("heading", { level: 1, name: "Feedback from Marcus Lee" }).waitFor();
    await employee.getByText(SITUATION).waitFor();
    await employee.getByText(IMPACT).waitFor();
    const reply = employee.getByRole("form", { name: "Reply" });
    await reply.getByLabel("Your reply").fill(REPLY);
    await reply.getByRole("button", { name: "Send reply" }).click();
    await employee.getByRole("list", { name: "Replies" }).getByText(REPLY).waitFor();
    await screenshot(employee, "05-feedback-thread");
    // The manager sees the reply, and may now answer it.
    await manager.reload();
    await manager.getByRole("list", { name: "Replies" }).getByText(REPLY).waitFor();
    await manager.getByRole("form", { name: "Reply" }).waitFor();
  });

  journey(
    "the team page shows the 1:1 held and the employee's follow-through",
    async () => {
      // A meeting counts among the 1:1s held once its start has passed.
      const wait = slot.at + 1_000 - Date.now();
      if (wait > 0) await manager.waitForTimeout(wait);
      await manager
        .getByRole("navigation", { name: "Main" })
        .getByRole("link", { name: "My team" })
        .click();
      await manager.getByRole("heading", { name: "Coaching health" }).waitFor();
      const health = manager.getByRole("list", { name: "Coaching health by person" });
      // Kwame has no 1:1s yet: he needs attention first.
      await expect
        .poll(() => health.getByRole("listitem").first().getAttribute("aria-label"), soon)
        .toBe("Kwame Mensah");
      const kwame = health.getByRole("listitem", { name: "Kwame Mensah" });
      await kwame.getByRole("link", { name: "Schedule 1:1s" }).waitFor();
      const sofia = health.getByRole("listitem", { name: "Sofia Rossi" });
      await sofia.getByText(/1\s*held · 0\s*cancelled/).waitFor();
      await sofia.getByText(/\(today\)$/).waitFor();
      const followThrough = sofia.getByRole("definition").filter({ hasText: "yours:" });
      await expect(followThrough.textContent()).resolves.toMatch(/^100%yours: —$/);
      await sofia.getByText("1 given · 0 received").waitFor();
      await sofia.getByText("0 open").waitFor();
      await screenshot(manager, "06-team-coaching-health");
    },
    // Up to two minutes of waiting for the meeting to start, then the page.
    200_000,
  );

  journey(
    "when the employee moves to another manager, the 1:1s end and stay readable",
    async () => {
      const cookie = world.adminCookie;
      const found = (await (
        await world.api(`/api/v1/people?q=${encodeURIComponent(who.employee)}`, { cookie })
      ).json()) as { items: { id: string }[] };
      const sofiaId = found.items[0]!.id;
      const page = (await (await world.api(`/api/v1/people/${sofiaId}`, { cookie })).json()) as {
        record: { version: number };
      };
      const dana = (await (
        await world.api(`/api/v1/people?q=${encodeURIComponent(who.skipLevel)}`, { cookie })
      ).json()) as { items: { id: string }[] };
      await world.api(`/api/v1/people/${sofiaId}`, {
        method: "PATCH",
        cookie,
        body: { version: page.record.version, managerId: dana.items[0]!.id },
      });
      await manager.goto(seriesUrl);
      await manager.getByRole("heading", { level: 1, name: "1:1 with Sofia Rossi" }).waitFor();
      await manager.getByText("These 1:1s have ended.").waitFor();
      await manager.getByText("Ended", { exact: true }).waitFor();
      await manager.getByText("Not discussed before these 1:1s ended.").waitFor();
      // Nothing new can be scheduled or changed on it.
      expect(await manager.getByRole("link", { name: "Open the next meeting" }).count()).toBe(0);
      expect(await seriousViolations(manager)).toEqual([]);
      await screenshot(manager, "07-series-ended");
    },
  );
});
