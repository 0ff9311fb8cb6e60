import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildWeb, launchChromium, type RunningServer, startServer } from "./harness.js";

// What the success-plan journeys share: one small organisation, seeded through the API, and a
// Chromium session per person, signed in through the sign-in page.

export const org = [
  "employee_id,email,name,title,department,location,hire_date,manager_email,roles,hr_scope",
  "P1,dana.whitfield@example.com,Dana Whitfield,Chief Operating Officer,Operations,London,2016-02-01,,,",
  "P2,marcus.lee@example.com,Marcus Lee,Engineering Manager,Engineering,London,2019-05-13,dana.whitfield@example.com,,",
  "P3,sofia.rossi@example.com,Sofia Rossi,Backend Engineer,Engineering,Milan,2021-03-01,marcus.lee@example.com,,",
  "P4,kwame.mensah@example.com,Kwame Mensah,Frontend Engineer,Engineering,Accra,2023-09-18,marcus.lee@example.com,,",
  "P5,hannah.cole@example.com,Hannah Cole,HR Partner,People,London,2018-07-09,dana.whitfield@example.com,hr,Engineering",
].join("\n");
export const password = "a long and careful password";
/** Everyone who signs in during a journey. */
export const who = {
  /** The manager's manager: sees the plans below her read-only (skip-level). */
  skipLevel: "dana.whitfield@example.com",
  manager: "marcus.lee@example.com",
  employee: "sofia.rossi@example.com",
  hr: "hannah.cole@example.com",
  peer: "kwame.mensah@example.com",
};

const DAY = 86_400_000;
/** Today plus `offset` days, as YYYY-MM-DD. */
export const isoDay = (offset: number) =>
  new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** The server and browser of one journey file, and the sessions it opened. */
export class PlansWorld {
  readonly contexts: BrowserContext[] = [];
  /** The first admin's session cookie, once seeded. */
  adminCookie = "";

  constructor(
    readonly server: RunningServer,
    readonly browser: Browser,
  ) {}

  /** A JSON call to the API that must succeed. */
  async api(path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) {
    const res = await fetch(`${this.server.baseUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res;
  }

  /** The organisation through the API: the first admin, an import, and everyone's password. */
  async seed() {
    const token = new URL(this.server.setupLink).searchParams.get("token");
    const setup = await this.api("/api/v1/setup", {
      body: { token, name: "Alex Admin", email: "alex.admin@example.com", password },
    });
    const cookie = setup.headers.get("set-cookie")!.split(";")[0]!;
    this.adminCookie = cookie;
    const imported = await (
      await this.api("/api/v1/imports/people/commit", { body: { csv: org }, cookie })
    ).json();
    expect(imported).toMatchObject({ create: 5, problems: 0 });
    await this.api("/api/v1/invitations", { method: "POST", cookie });
    const outbox = (await (await this.api("/api/v1/mail/outbox?limit=50", { cookie })).json()) as {
      items: { to: string; text: string }[];
    };
    for (const email of Object.values(who)) {
      const mail = outbox.items.find((m) => m.to.includes(email));
      const link = mail?.text.match(/\/reset-password\?token=([\w-]+)/)?.[1];
      if (!link) throw new Error(`No invitation for ${email} in the outbox.`);
      await this.api("/api/v1/auth/password-reset/complete", { body: { token: link, password } });
    }
  }

  /** A Chromium session of its own, signed in through the sign-in page. */
  async signedIn(email: string): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    this.contexts.push(context);
    // A step that cannot find what it looks for fails in seconds, naming what was missing.
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${this.server.baseUrl}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /^Welcome, / }).waitFor();
    return page;
  }

  async close() {
    for (const context of this.contexts) await context.close().catch(() => {});
  }
}

type Detail = { plan: { id: string; version: number; status: string } };

/**
 * A complete draft for `employeeEmail`, started and filled through the API in `page`'s session
 * (the same cookie the page uses). `document` gives the body of the save for a plan version.
 * Returns the plan's page address and its detail.
 */
export async function draftThroughApi(
  world: PlansWorld,
  page: Page,
  employeeEmail: string,
  document: (version: number) => object,
) {
  const base = world.server.baseUrl;
  const found = await page.request.get(
    `${base}/api/v1/people?q=${encodeURIComponent(employeeEmail)}`,
  );
  expect(found.status()).toBe(200);
  const person = ((await found.json()) as { items: { id: string; email: string }[] }).items.find(
    (p) => p.email === employeeEmail,
  );
  if (!person) throw new Error(`${employeeEmail} is not in the directory.`);
  const created = await page.request.post(`${base}/api/v1/plans`, {
    data: { employeeId: person.id },
  });
  expect(created.status(), await created.text()).toBe(201);
  const draft = (await created.json()) as Detail;
  const saved = await page.request.put(`${base}/api/v1/plans/${draft.plan.id}`, {
    data: document(draft.plan.version),
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const detail = (await saved.json()) as Detail & { problems: unknown[] };
  expect(detail.problems).toEqual([]);
  return { url: `${base}/plans/${detail.plan.id}`, detail };
}

/** Goes to one step of the plan editor by its name in the step list. */
export async function editorStep(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Plan steps" }).getByRole("button", { name }).click();
  await page
    .getByRole("heading", { level: 2, name: new RegExp(name.replace("&", "\\&")) })
    .waitFor();
}

/**
 * In the plan editor, under "Before this plan": records when the manager raised the issue with
 * the employee before the plan, as a manager would, and waits until it is listed.
 */
export async function recordPriorNotice(
  page: Page,
  { heldOn, how = "1:1 conversation", summary }: { heldOn: string; how?: string; summary: string },
) {
  await editorStep(page, "Before this plan");
  const form = page.getByRole("form", { name: "Add prior notice" });
  await form.getByLabel("When").fill(heldOn);
  await form.getByLabel("How").selectOption({ label: how });
  await form.getByLabel("What was said or shared").fill(summary);
  await form.getByRole("button", { name: "Add to the record" }).click();
  await page.getByRole("list", { name: "Prior notice" }).getByText(summary).waitFor();
}

/** Saves a screenshot of the page when E2E_SCREENSHOTS names a folder (for looking at layout). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage });
}

/** The plan's status badge under its title. */
export async function hasStatus(page: Page, status: string) {
  await page.getByRole("main").getByText(status, { exact: true }).first().waitFor();
}

/**
 * Steps of one journey. Each step builds on the one before, so once a step fails the rest are
 * skipped and the report names the first step that broke.
 */
export function journeySteps() {
  let brokenAt: string | null = null;
  return function journey(name: string, fn: () => Promise<void>) {
    it(name, async (ctx) => {
      if (brokenAt) ctx.skip(`an earlier step failed: ${brokenAt}`);
      try {
        await fn();
      } catch (err) {
        brokenAt = name;
        throw err;
      }
    });
  };
}

/**
 * For a journey file: builds the web app, starts the server and Chromium, seeds the organisation
 * before the file, and stops them all after it.
 */
export function setUpPlansWorld(ready: (world: PlansWorld) => void) {
  let world: PlansWorld | undefined;
  beforeAll(async () => {
    buildWeb();
    const server = await startServer();
    try {
      world = new PlansWorld(server, await launchChromium());
      await world.seed();
      ready(world);
    } catch (err) {
      await server.stop();
      throw err;
    }
  });
  afterAll(async () => {
    await world?.close();
    await world?.browser.close();
    await world?.server.stop();
  });
}
