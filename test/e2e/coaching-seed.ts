import type { Page } from "playwright-core";
import { it } from "vitest";
import { type PlansWorld, password } from "./plans-seed.js";

// What the coaching journey adds to the success-plan world: sessions in a chosen time zone, and
// a meeting time a moment from now, so the first 1:1 of a new series can be held in the journey
// whatever the hour it runs at.

/** A Chromium session of its own in `timezoneId`, signed in through the sign-in page. */
export async function signedInAt(world: PlansWorld, email: string, timezoneId?: string) {
  const context = await world.browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...(timezoneId ? { timezoneId } : {}),
  });
  world.contexts.push(context);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${world.server.baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /^Welcome, / }).waitFor();
  return page;
}

export type SoonSlot = {
  /** The instant the meeting starts (ms since the epoch). */
  at: number;
  /** Its local date (YYYY-MM-DD), ISO weekday (1 = Monday) and time (HH:MM) in the page's zone. */
  date: string;
  weekday: number;
  time: string;
  timeZone: string;
};

/**
 * The first whole minute at least `seconds` from now, in the page's own time zone — the
 * zone the schedule form defaults to. A series scheduled on that weekday and time from that date
 * has it as its first meeting: the server schedules meetings strictly after now, and a meeting
 * may be marked held from 30 minutes before it starts. Across midnight the date and weekday are
 * those of the meeting, not of today.
 */
export function soonSlot(page: Page, seconds = 30): Promise<SoonSlot> {
  return page.evaluate((ahead) => {
    const at = Math.ceil((Date.now() + ahead * 1_000) / 60_000) * 60_000;
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const parts: Record<string, string> = {};
    for (const p of new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    }).formatToParts(at))
      parts[p.type] = p.value;
    const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    return {
      at,
      date: `${parts.year}-${parts.month}-${parts.day}`,
      weekday: weekdays.indexOf(parts.weekday!) + 1,
      time: `${parts.hour}:${parts.minute}`,
      timeZone,
    };
  }, seconds);
}

/**
 * Steps of one journey, as in plans-seed's journeySteps, with a time limit per step: once a step
 * fails the rest are skipped and the report names the first step that broke.
 */
export function timedJourney() {
  let brokenAt: string | null = null;
  return function journey(name: string, fn: () => Promise<void>, timeoutMs?: number) {
    it(
      name,
      async (ctx) => {
        if (brokenAt) ctx.skip(`an earlier step failed: ${brokenAt}`);
        try {
          await fn();
        } catch (err) {
          brokenAt = name;
          throw err;
        }
      },
      timeoutMs,
    );
  };
}
