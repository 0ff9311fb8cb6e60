import type { Locator, Page } from "playwright-core";
import { afterEach, describe, expect } from "vitest";
import type { FairnessReport } from "../../src/modules/insight/insight.types.js";
import { outcomes } from "../../src/modules/plans/plans.types.js";
import { seriousViolations } from "./harness.js";
import { allNames, expected, type InsightWorld, setUpInsightWorld, who } from "./insight-seed.js";
import { journeySteps, screenshot } from "./plans-seed.js";

// Issue #7's "done when", in Chromium against the real server: the dashboards render real data.
// A year of plans, check-ins and 1:1s is seeded through the server's own services; HR reads the
// outcomes chart's value labels off the SVG and the accessible table beside it, and both equal
// the seeded counts; fairness shows the groups with the four-fifths rule; L&D sees no fairness
// and no one's name; every section passes axe and is photographed for a look at its layout.

let world: InsightWorld;
let hr: Page;
let ld: Page;

setUpInsightWorld((w) => {
  world = w;
});

const journey = journeySteps();

// A failed step says what the page showed and what the server said, to tell a slow page from an
// error.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== "fail") return;
  for (const page of [hr, ld].filter(Boolean))
    console.error(
      `${page.url()}:\n${(
        await main(page)
          .innerText()
          .catch(() => "")
      ).slice(0, 2000)}`,
    );
  console.error(world.server.output().slice(-3000));
});
const main = (page: Page) => page.getByRole("main");
const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const sections = (page: Page) => page.getByRole("navigation", { name: "Insight sections" });

const outcomeLabels: Record<string, string> = {
  goals_met: "Goals met",
  extended: "Extended",
  moved: "Moved to another role or team",
  separation: "Separation",
  withdrawn: "Withdrawn",
};

/** The main navigation on one row at 1280 px. */
async function navOnOneRow(page: Page) {
  const rows = await nav(page)
    .getByRole("list")
    .evaluate((ul) => new Set([...ul.children].map((li) => (li as HTMLElement).offsetTop)).size);
  expect(rows).toBe(1);
}

async function accessible(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
}

/** The cells of a table (by its region's name), row by row, as text. */
async function tableCells(page: Page, name: string): Promise<string[][]> {
  const region = main(page).getByRole("region", { name, exact: true });
  await region.locator("tbody tr").first().waitFor();
  return region
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())),
    );
}

/** A chart's value labels and its category axis, read off the SVG, in drawing order. */
async function chartLabels(chart: Locator) {
  await chart.locator(".recharts-label-list text").first().waitFor();
  const values = await chart.locator(".recharts-label-list text").allTextContents();
  // The category axis's ticks: those that are not numbers (the value axis's are).
  const ticks = await chart.locator(".recharts-cartesian-axis-tick-value").allTextContents();
  const categories = ticks.filter((t) => !/^[\d.,%\s]+$/.test(t));
  return { values: values.map((v) => v.trim()), categories };
}

const squash = (s: string) => s.replace(/\s+/g, "");
/** Polls for what the page shows once its figures have loaded (10 s, not the default 1 s). */
const eventually = { timeout: 10_000 };

describe("Insight: the dashboards show the organisation's real figures", () => {
  journey("HR finds Insight in the navigation and the success rate on her home page", async () => {
    hr = await world.signedIn(who.hr.email);
    await navOnOneRow(hr);
    const card = main(hr)
      .locator("section")
      .filter({ has: hr.getByRole("heading", { name: "Plans that end in improvement" }) });
    // 3 of the 8 plans closed in the last 12 months ended with the goals met.
    await card.getByText("38%", { exact: true }).waitFor();
    await card.getByText(/3 of 8 plans closed ended with the goals met/).waitFor();
    await card.getByText(/Above the industry's 5–10%/).waitFor();
    await nav(hr).getByRole("link", { name: "Insight" }).click();
    await hr.waitForURL(/\/insight\/outcomes$/);
    await hr.getByRole("heading", { level: 1, name: "Insight" }).waitFor();
  });

  journey(
    "the chart of plans by outcome and the table beside it show the same counts, those seeded",
    async () => {
      const chart = main(hr).getByRole("img", { name: /^Plans closed, by outcome/ });
      const { values, categories } = await chartLabels(chart);
      const seeded = outcomes.map((o) => String(expected.byOutcome[o]));
      expect(values).toEqual(seeded);
      expect(categories.map(squash)).toEqual(outcomes.map((o) => squash(outcomeLabels[o]!)));

      const cells = await tableCells(hr, "Plans closed by outcome");
      expect(cells.slice(0, outcomes.length)).toEqual(
        outcomes.map((o) => [outcomeLabels[o], String(expected.byOutcome[o])]),
      );
      expect(cells.at(-1)).toEqual(["All closed plans", String(expected.closed)]);
      await main(hr).getByText("38%", { exact: true }).first().waitFor();
      await accessible(hr, "insight-01-outcomes");
    },
  );

  journey("a department filter goes into the address, the figures and the CSV link", async () => {
    await main(hr)
      .getByRole("search", { name: "Filters" })
      .getByLabel("Department")
      .selectOption("Engineering");
    await hr.waitForURL(/department=Engineering/);
    // Engineering closed three plans: goals met, extended, separation.
    await expect
      .poll(
        async () => (await tableCells(hr, "Plans closed by outcome")).map((r) => r[1]),
        eventually,
      )
      .toEqual(["1", "1", "0", "1", "0", "3"]);
    const csv = main(hr).getByRole("link", { name: /Download CSV/ });
    const href = await csv.getAttribute("href");
    expect(href).toMatch(/^\/api\/v1\/insight\/outcomes\/csv\?.*department=Engineering/);
    const res = await hr.request.get(`${world.server.baseUrl}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/text\/csv/);
    // A shared link opens the same view; clearing the filters goes back to everyone.
    await main(hr).getByRole("button", { name: "Clear filters" }).click();
    await hr.waitForURL(/\/insight\/outcomes$/);
    // The links to the other sections carry the filters: now none.
    await expect
      .poll(
        () => sections(hr).getByRole("link", { name: "Causes and support" }).getAttribute("href"),
        eventually,
      )
      .toBe("/insight/causes");
  });

  journey(
    "causes and support, coaching health and risk pass axe and name what they show",
    async () => {
      await sections(hr).getByRole("link", { name: "Causes and support" }).click();
      await main(hr).getByRole("heading", { name: "Why plans started" }).waitFor();
      await main(hr)
        .getByRole("img", { name: /^Root causes named on plans/ })
        .waitFor();
      await main(hr)
        .getByText(/could easily be chance|rarely happen by chance/)
        .waitFor();
      await accessible(hr, "insight-02-causes");

      await sections(hr).getByRole("link", { name: "Coaching health" }).click();
      const managers = main(hr).getByRole("region", { name: /^Coaching health by manager/ });
      await managers.waitFor();
      await managers.getByRole("link", { name: "Tomas Becker" }).waitFor();
      // Worst first: a manager with no 1:1s at all, then the one who cancels the most.
      const rows = await tableCells(hr, (await managers.getAttribute("aria-label"))!);
      expect(rows.slice(0, 2).map((r) => r[0])).toEqual([
        `${who.coo.name}Operations`,
        "Tomas BeckerSales",
      ]);
      await accessible(hr, "insight-03-coaching");

      // Choosing the sorted column again turns its order round, in the table and in the CSV link:
      // highest share held first, and the manager with no 1:1s at all last.
      const held = managers.getByRole("columnheader", { name: /1:1s held/ });
      expect(await held.getAttribute("aria-sort")).toBe("ascending");
      await held.getByRole("button").click();
      await hr.waitForURL(/direction=desc/);
      await expect.poll(() => held.getAttribute("aria-sort"), eventually).toBe("descending");
      const managerCells = managers.locator("tbody tr td:first-child");
      await expect
        .poll(async () => (await managerCells.allInnerTexts()).at(-1), eventually)
        .toBe(`${who.coo.name}\nOperations`);
      const csv = main(hr).getByRole("link", { name: /Download CSV/ });
      expect(await csv.getAttribute("href")).toContain("direction=desc");
      await screenshot(hr, "insight-03b-coaching-reversed");
      await held.getByRole("button").click();
      await expect.poll(() => new URL(hr.url()).search, eventually).not.toContain("direction");
      await expect
        .poll(async () => (await managerCells.allInnerTexts())[0], eventually)
        .toBe(`${who.coo.name}\nOperations`);

      await sections(hr).getByRole("link", { name: "Risk" }).click();
      await main(hr)
        .getByRole("img", { name: /^Running plans with each risk flag/ })
        .waitFor();
      await main(hr).getByText(`${expected.running} plans running now.`).waitFor();
      const plans = main(hr).getByRole("region", { name: "Running plans with risk flags" });
      await plans.getByRole("link", { name: "Chloe Martin" }).waitFor();
      await plans.getByText("Check-ins overdue").first().waitFor();
      await accessible(hr, "insight-04-risk");
    },
  );

  journey(
    "fairness shows placement by gender with the four-fifths rule, small groups hidden",
    async () => {
      await sections(hr).getByRole("link", { name: "Fairness" }).click();
      await main(hr).getByLabel("Compare groups by").selectOption({ label: "Gender" });
      await hr.waitForURL(/attribute=gender/);
      await main(hr).getByRole("heading", { name: "Plan placement by gender" }).waitFor();
      const report = (await (
        await hr.request.get(`${world.server.baseUrl}/api/v1/insight/fairness?attribute=gender`)
      ).json()) as FairnessReport;
      const cells = await tableCells(
        hr,
        "Placement rate by gender, with the four-fifths rule and significance",
      );
      for (const [group, counts] of Object.entries(expected.gender)) {
        const row = cells.find((r) => r[0]!.startsWith(group))!;
        const fromApi = report.groups.find((g) => g.group === group)!;
        expect(row.slice(1, 3)).toEqual([String(counts.people), String(counts.placed)]);
        expect(row[3]).toBe(`${Math.round((counts.placed / counts.people) * 100)}%`);
        expect(row[4]).toBe(fromApi.impactRatio!.toFixed(2));
        expect(row[7]).toContain(fromApi.fourFifthsFails ? "Fails the four-fifths rule" : "");
      }
      // Women were placed on plans 8 of 14 against men 2 of 11: far beyond four fifths.
      expect(cells.find((r) => r[0]!.startsWith("Woman"))![7]).toContain(
        "Fails the four-fifths rule",
      );
      expect(cells.find((r) => r[0]!.startsWith("Man"))![0]).toContain("Reference group");
      for (const group of expected.hiddenGenders)
        expect(cells.find((r) => r[0] === group)![1]).toMatch(/^Hidden \(fewer than 5 people/);
      const chart = main(hr).getByRole("img", { name: /^Placement rate by gender/ });
      expect((await chart.locator(".recharts-label-list text").allTextContents()).sort()).toEqual(
        ["18.2%", "57.1%"].sort(),
      );
      await accessible(hr, "insight-05-fairness");
    },
  );

  journey("L&D sees no fairness and no one's name on coaching and risk", async () => {
    ld = await world.signedIn(who.ld.email);
    await nav(ld).getByRole("link", { name: "Insight" }).click();
    await ld.waitForURL(/\/insight\/outcomes$/);
    await sections(ld).getByRole("link", { name: "Outcomes" }).waitFor();
    const tabs = await sections(ld).getByRole("link").allTextContents();
    expect(tabs).toEqual(["Outcomes", "Causes and support", "Coaching health", "Risk"]);
    expect(await main(ld).getByRole("group", { name: "Manager" }).count()).toBe(0);
    const { values } = await chartLabels(
      main(ld).getByRole("img", { name: /^Plans closed, by outcome/ }),
    );
    expect(values).toEqual(outcomes.map((o) => String(expected.byOutcome[o])));

    // Coaching: the organisation's figures and bands, no manager. Risk: two plans running, fewer
    // than five, so even the counts are hidden from the aggregate view.
    for (const [tab, shows, shot] of [
      ["Coaching health", "The organisation", "insight-06-ld-coaching"],
      ["Risk", "Figures hidden", "insight-07-ld-risk"],
    ] as const) {
      await sections(ld).getByRole("link", { name: tab }).click();
      await main(ld).getByText(shows, { exact: true }).waitFor();
      const text = await main(ld).innerText();
      const named = allNames.filter((n) => n !== who.ld.name && text.includes(n));
      expect(named, tab).toEqual([]);
      // The aggregate view has its own layout (bands, hidden figures): axe checks it too.
      await accessible(ld, shot);
    }
    await ld.goto(`${world.server.baseUrl}/insight/fairness`);
    await main(ld).getByText("This page is not available to you.").waitFor();
  });

  journey("HR sets the minimum group size in Settings, within 5 to 1000", async () => {
    await hr.goto(`${world.server.baseUrl}/settings#insight`);
    const panel = main(hr).getByRole("region", { name: "Insight" });
    const field = panel.getByRole("textbox", { name: "Minimum group size" });
    await expect.poll(() => field.inputValue(), eventually).toBe("5");
    await field.fill("3");
    await panel.getByRole("button", { name: "Save minimum" }).click();
    await panel.getByText("Enter a whole number of people from 5 to 1000.").waitFor();
    await field.fill("6");
    await panel.getByRole("button", { name: "Save minimum" }).click();
    await panel.getByText("Saved: groups under 6 people are hidden.").waitFor();
    expect(await seriousViolations(hr), "settings").toEqual([]);
    if (process.env.E2E_SCREENSHOTS)
      await panel.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/insight-08-settings.png` });
  });
});
