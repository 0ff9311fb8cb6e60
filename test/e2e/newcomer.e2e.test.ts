import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  launchChromium,
  type RunningServer,
  seriousViolations,
  startServer,
} from "./harness.js";

// The newcomer journey, end to end: a real server (its own process, its own database), driven
// through Debian's Chromium the way a person would: setup → import → invite → sign in → my team.

const people = [
  "employee_id,email,name,title,department,location,hire_date,manager_email,roles,hr_scope",
  "E1,dana.whitfield@example.com,Dana Whitfield,Chief Operating Officer,Operations,London,2016-02-01,,,",
  "E2,marcus.lee@example.com,Marcus Lee,Engineering Manager,Engineering,London,2019-05-13,dana.whitfield@example.com,,",
  "E3,sofia.rossi@example.com,Sofia Rossi,Backend Engineer,Engineering,Milan,2021-03-01,marcus.lee@example.com,,",
  "E4,kwame.mensah@example.com,Kwame Mensah,Frontend Engineer,Engineering,Accra,2023-09-18,marcus.lee@example.com,,",
  "E5,lena.fischer@example.com,Lena Fischer,QA Engineer,Engineering,Berlin,2025-01-06,marcus.lee@example.com,,",
  "E6,priya.nair@example.com,Priya Nair,Support Lead,Customer Support,Remote,2020-11-02,dana.whitfield@example.com,,",
  "E7,tom.becker@example.com,Tom Becker,Support Specialist,Customer Support,Remote,2024-04-15,priya.nair@example.com,,",
  "E8,hannah.cole@example.com,Hannah Cole,HR Partner,People,London,2018-07-09,dana.whitfield@example.com,hr,all",
].join("\n");
const managerEmail = "marcus.lee@example.com";
const directReports = ["Sofia Rossi", "Kwame Mensah", "Lena Fischer"];
const adminPassword = "a calm and careful admin";
const managerPassword = "coaching every single week";

let server: RunningServer | null = null;
let baseUrl = "";
let setupLink = "";
let browser: Browser;
let admin: BrowserContext;
let adminPage: Page;
let manager: BrowserContext;
let managerPage: Page;
let invitationLink = "";

beforeAll(async () => {
  buildWeb();
  server = await startServer();
  setupLink = server.setupLink;
  baseUrl = server.baseUrl;
  browser = await launchChromium();
  admin = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  adminPage = await admin.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("A newcomer's first hour with Headway", () => {
  it("runs on the database it was given: external with TEST_DATABASE_URL, else embedded", async () => {
    const health = await (await fetch(`${baseUrl}/healthz`)).json();
    expect(health).toEqual({
      status: "ok",
      database: process.env.TEST_DATABASE_URL ? "external" : "embedded",
    });
  });

  it("creates the first admin from the one-time setup link and lands on the home page", async () => {
    const page = adminPage;
    await page.goto(setupLink);
    await page.getByRole("heading", { name: "Create the first admin" }).waitFor();
    await page.getByLabel("Your name").fill("Alex Admin");
    await page.getByLabel("Work email").fill("alex.admin@example.com");
    await page.getByLabel("Password", { exact: true }).fill(adminPassword);
    await page.getByRole("button", { name: "Create admin and continue" }).click();

    await page.getByRole("heading", { name: "Welcome, Alex" }).waitFor();
    await page.getByText("Import your organisation from a CSV").waitFor();
  });

  it("imports the organisation from a CSV after a preview that writes nothing", async () => {
    const page = adminPage;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Settings" })
      .click();
    await page.getByRole("heading", { name: "Import people" }).waitFor();
    await page.getByLabel("Choose a CSV file").setInputFiles({
      name: "people.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(people),
    });
    await page.getByRole("button", { name: "Preview", exact: true }).click();

    const rows = page.getByRole("table", { name: "Rows in the file" });
    await rows.waitFor();
    await expect.poll(() => rows.getByRole("row").count()).toBe(1 + 8);
    await rows.getByText("Marcus Lee").waitFor();
    await page.getByText("8 new").waitFor();
    await page.getByText("0 problems").waitFor();
    const before = await page.request.get(`${baseUrl}/api/v1/people?limit=1`);
    expect((await before.json()).total).toBe(1);

    await page.getByRole("button", { name: "Confirm import" }).click();
    await page.getByText("Import complete").waitFor();
    await page.getByText("8 added, 0 updated, 0 unchanged.").waitFor();
  });

  it("invites everyone without an account, and the invitations wait in the outbox", async () => {
    const page = adminPage;
    await page.getByRole("button", { name: "Invite everyone without an account" }).click();
    await page.getByText("8 invitations sent.").waitFor();

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Outbox" })
      .click();
    await page.getByRole("heading", { name: "Outbox" }).waitFor();
    const message = page.locator("details", { hasText: `To ${managerEmail}` });
    await message.locator("summary").click();
    const link = message.getByRole("link", { name: /\/reset-password\?token=/ });
    await link.waitFor();
    invitationLink = (await link.getAttribute("href")) ?? "";
    expect(invitationLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=/);
  });

  it("lets the manager choose a password from the invitation and sign in", async () => {
    manager = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    managerPage = await manager.newPage();
    const page = managerPage;
    await page.goto(invitationLink);
    await page.getByRole("heading", { name: "Choose your password" }).waitFor();
    await page.getByLabel("New password").fill(managerPassword);
    await page.getByLabel("Repeat the password").fill(managerPassword);
    await page.getByRole("button", { name: "Save password" }).click();

    await page.getByRole("heading", { name: "Sign in to Headway" }).waitFor();
    await page.getByText("Your password is set. Sign in to continue.").waitFor();
    expect(await page.getByLabel("Email").inputValue()).toBe(managerEmail);
    await page.getByLabel("Password", { exact: true }).fill(managerPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Welcome, Marcus" }).waitFor();
  });

  it("shows the manager their direct reports by name on My team", async () => {
    const page = managerPage;
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "My team" })
      .click();
    await page.getByRole("heading", { name: "My team", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: "Direct reports" });
    await table.waitFor();
    for (const name of directReports)
      await table.getByRole("link", { name, exact: true }).waitFor();
    await expect.poll(() => table.getByRole("row").count()).toBe(1 + directReports.length);
    await expect.poll(() => page.getByText("Tom Becker").count()).toBe(0);
  });

  it("has no serious or critical accessibility problems on the sign-in and team pages", async () => {
    expect(await seriousViolations(managerPage)).toEqual([]);

    const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await visitor.newPage();
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByRole("heading", { name: "Sign in to Headway" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});
