import type { BrowserContext, Page } from "playwright-core";
import { describe, expect } from "vitest";
import {
  draftThroughApi,
  editorStep,
  isoDay,
  journeySteps,
  type PlansWorld,
  password,
  setUpPlansWorld,
  who,
} from "./plans-seed.js";

// Text is stored as typed and shown as text (OWASP ASVS 5.3.3): React renders every value as a
// text node, the web app has no HTML sink (no dangerouslySetInnerHTML, no innerHTML), and the
// Content-Security-Policy would stop an injected script even if one got into the page. This
// journey stores script payloads in a feedback, a 1:1 note and talking point, a plan (standard,
// evidence, goal, resource and its link) and a person's title, then opens the pages that show
// them as the manager and the employee: the payloads read literally, no script runs, no dialog
// opens, and the browser reports no Content-Security-Policy violation on any page. Last, the API
// documentation page refuses a bundle that does not match its integrity hash.

const IMG = `<img src=x onerror="window.__xss=1;alert(1)">`;
const SCRIPT = "<script>window.__xss=1;alert(1)</script>";
const SVG = `<svg onload="window.__xss=1"><a href="javascript:window.__xss=1">x</a></svg>`;

let world: PlansWorld;
let manager: Page;
let employee: Page;
let managerCookie = "";
let planUrl = "";
let feedbackUrl = "";
let meetingUrl = "";
let peerUrl = "";

setUpPlansWorld((w) => {
  world = w;
});
const journey = journeySteps();

type Watched = { violations: string[]; dialogs: string[]; errors: string[] };
const watched = new Map<Page, Watched>();

/**
 * A signed-in page that records every Content-Security-Policy violation (the DOM event and the
 * console report), every dialog (an alert from an injected script) and every page error.
 */
async function watchedSession(email: string): Promise<Page> {
  const context: BrowserContext = await world.browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  world.contexts.push(context);
  context.setDefaultTimeout(15_000);
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sample})`);
    });
  });
  const page = await context.newPage();
  const record: Watched = { violations: [], dialogs: [], errors: [] };
  watched.set(page, record);
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text()))
      record.violations.push(message.text());
  });
  page.on("dialog", (dialog) => {
    record.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => record.errors.push(error.message));
  await page.goto(`${world.server.baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /^Welcome, / }).waitFor();
  return page;
}

/** Nothing ran, nothing was blocked, nothing popped up on this page so far. */
async function stayedInert(page: Page) {
  const record = watched.get(page)!;
  const inPage = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    violations: (window as unknown as { __violations: string[] }).__violations,
  }));
  expect(inPage.xss).toBeUndefined();
  expect(record.dialogs).toEqual([]);
  expect([...inPage.violations, ...record.violations]).toEqual([]);
  expect(record.errors).toEqual([]);
  // The payloads never became elements.
  expect(await page.locator("main img[src='x'], main script, main svg[onload]").count()).toBe(0);
}

/** Opens `url` and waits until `text` shows, as text. */
async function showsLiterally(page: Page, url: string, texts: string[]) {
  await page.goto(url);
  for (const text of texts) await page.getByText(text, { exact: false }).first().waitFor();
  await stayedInert(page);
}

describe("script in stored text renders inert", () => {
  journey("the manager stores payloads in a feedback, a 1:1 and a person's title", async () => {
    const signIn = await world.api("/api/v1/auth/sign-in", {
      body: { email: who.manager, password },
    });
    managerCookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const me = (await (await world.api("/api/v1/me", { cookie: managerCookie })).json()) as {
      person: { id: string };
    };
    const people = (await (
      await world.api("/api/v1/people?limit=50", { cookie: managerCookie })
    ).json()) as { items: { id: string; email: string; version?: number }[] };
    const sofia = people.items.find((p) => p.email === who.employee)!;
    const kwame = people.items.find((p) => p.email === who.peer)!;
    expect(me.person.id).toBeTruthy();

    const given = (await (
      await world.api("/api/v1/feedback", {
        cookie: managerCookie,
        body: {
          recipientId: sofia.id,
          kind: "recognition",
          visibility: "shared",
          situation: `In the release review ${IMG}`,
          behaviour: `You explained the rollback plan ${SCRIPT}`,
          impact: `The team shipped on time ${SVG}`,
        },
      })
    ).json()) as { id?: string; feedback?: { id: string } };
    feedbackUrl = `${world.server.baseUrl}/feedback/${given.feedback?.id ?? given.id}`;

    const series = (await (
      await world.api("/api/v1/one-on-ones", {
        cookie: managerCookie,
        body: {
          reportId: sofia.id,
          cadence: "weekly",
          weekday: 1,
          startTime: "09:00",
          durationMinutes: 30,
          timeZone: "Europe/Berlin",
          startsOn: isoDay(1),
        },
      })
    ).json()) as { series: { id: string }; upcoming: { id: string }[] };
    const meetingApi = `/api/v1/one-on-ones/${series.series.id}/meetings/${series.upcoming[0]!.id}`;
    await world.api(`${meetingApi}/agenda`, {
      cookie: managerCookie,
      body: { body: `Talking point ${SCRIPT}` },
    });
    await world.api(`${meetingApi}/notes`, {
      cookie: managerCookie,
      body: { visibility: "shared", body: `Shared note ${IMG}\n${SVG}` },
    });
    meetingUrl = `${world.server.baseUrl}/one-on-ones/${series.series.id}/meetings/${series.upcoming[0]!.id}`;

    // An admin gives a colleague a hostile job title: the directory and the person page show it.
    const person = (await (
      await world.api(`/api/v1/people/${kwame.id}`, { cookie: world.adminCookie })
    ).json()) as { record: { version: number } };
    await world.api(`/api/v1/people/${kwame.id}`, {
      method: "PATCH",
      cookie: world.adminCookie,
      body: { version: person.record.version, title: `Engineer ${IMG}` },
    });
    peerUrl = `${world.server.baseUrl}/people/${kwame.id}`;
  });

  journey("the manager's pages show the payloads as text, and nothing runs", async () => {
    manager = await watchedSession(who.manager);
    const { url } = await draftThroughApi(world, manager, who.employee, (version) => ({
      version,
      standard: `Reviews are answered within two working days. ${SCRIPT}`,
      startDate: isoDay(7),
      endDate: isoDay(49),
      cadenceDays: 7,
      goodFaith: "yes",
      goodFaithNote: "",
      evidence: [
        {
          kind: "incident",
          title: `Late review ${IMG}`,
          description: "The release review was answered after the release date.",
          impact: "The release slipped by two days.",
          occurredOn: isoDay(-20),
        },
      ],
      causes: [{ cause: "skill", notes: `New to the codebase ${SVG}` }],
      goals: [
        {
          description: `Answer code reviews within two working days ${IMG}`,
          metric: "Median review turnaround",
          unit: "days",
          direction: "down",
          baseline: 5,
          target: 2,
          measurement: "Review dashboard, weekly median",
          dueDate: isoDay(45),
          resources: [
            // A javascript: link is refused by the API (plans.editing.test.ts): a web link here.
            {
              kind: "training",
              description: `Payments walkthrough ${SCRIPT}`,
              link: "https://learning.example.com/payments",
            },
          ],
          milestones: [{ title: "First week under four days", dueDate: isoDay(14), target: 4 }],
        },
      ],
    }));
    planUrl = url;
    await showsLiterally(manager, planUrl, [
      SCRIPT,
      `Late review ${IMG}`,
      `Answer code reviews within two working days ${IMG}`,
      `Payments walkthrough ${SCRIPT}`,
    ]);
    await stayedInert(manager);
    // The editor holds the same text in its fields.
    await manager.goto(`${planUrl}/edit`);
    await editorStep(manager, "Evidence");
    await expect
      .poll(() =>
        manager
          .locator("input, textarea")
          .evaluateAll((fields) => fields.map((f) => (f as HTMLInputElement).value)),
      )
      .toContain(`Reviews are answered within two working days. ${SCRIPT}`);
    await stayedInert(manager);
    await showsLiterally(manager, feedbackUrl, [IMG, SCRIPT, SVG]);
    await showsLiterally(manager, meetingUrl, [`Talking point ${SCRIPT}`, `Shared note ${IMG}`]);
    await showsLiterally(manager, `${world.server.baseUrl}/people`, [`Engineer ${IMG}`]);
    await showsLiterally(manager, peerUrl, [`Engineer ${IMG}`]);
  });

  journey("the employee sees the same text, inert, on their pages", async () => {
    employee = await watchedSession(who.employee);
    await showsLiterally(employee, feedbackUrl, [IMG, SCRIPT]);
    await showsLiterally(employee, meetingUrl, [`Shared note ${IMG}`]);
    await showsLiterally(employee, `${world.server.baseUrl}/feedback`, [
      "You explained the rollback plan <script>",
    ]);
  });

  journey("other pages load with no Content-Security-Policy violation", async () => {
    for (const path of ["/", "/team", "/plans", "/one-on-ones", "/notifications", "/account"]) {
      await manager.goto(`${world.server.baseUrl}${path}`);
      await manager.getByRole("main").waitFor();
      await manager.waitForLoadState("networkidle");
      await stayedInert(manager);
    }
    const admin = await watchedSession("alex.admin@example.com");
    for (const path of ["/settings", "/audit", "/outbox", "/people"]) {
      await admin.goto(`${world.server.baseUrl}${path}`);
      await admin.getByRole("main").waitFor();
      await admin.waitForLoadState("networkidle");
      await stayedInert(admin);
    }
    // The sign-in page, before anyone signs in.
    const context = await world.browser.newContext();
    world.contexts.push(context);
    const anonymous = await context.newPage();
    const violations: string[] = [];
    anonymous.on("console", (m) => {
      if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
    });
    await anonymous.goto(`${world.server.baseUrl}/sign-in`);
    await anonymous.getByRole("button", { name: "Sign in" }).waitFor();
    expect(violations).toEqual([]);
  });

  journey(
    "the API documentation runs only its pinned bundle: a changed file is refused",
    async () => {
      const context = await world.browser.newContext();
      world.contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      const consoleLines: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => consoleLines.push(m.text()));
      // Stands in for a CDN that serves something else than the pinned file.
      await page.route("https://cdn.jsdelivr.net/**", (route) =>
        route.fulfill({
          contentType: "application/javascript",
          headers: { "access-control-allow-origin": "*" },
          body: "window.__tampered = true; window.Scalar = { createApiReference() {} };",
        }),
      );
      const res = await page.goto(`${world.server.baseUrl}/api/docs`);
      expect(res?.headers()["content-security-policy"]).toContain("https://cdn.jsdelivr.net");
      await expect.poll(() => consoleLines.some((l) => /integrity/i.test(l))).toBe(true);
      expect(
        await page.evaluate(() => (window as { __tampered?: boolean }).__tampered),
      ).toBeUndefined();
      // The inline start-up script is allowed by its hash: it ran, and found no Scalar to start.
      await expect.poll(() => errors.some((e) => /Scalar is not defined/.test(e))).toBe(true);
      expect(consoleLines.filter((l) => /Content[- ]Security[- ]Policy/i.test(l))).toEqual([]);
    },
  );
});
