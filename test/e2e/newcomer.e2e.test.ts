import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import getPort from "get-port";
import pg from "pg";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The newcomer journey, end to end: a real server (its own process, its own database), driven
// through Debian's Chromium the way a person would: setup → import → invite → sign in → my team.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

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

let server: ChildProcess | null = null;
let output = "";
let dataDir = "";
let database: { adminUrl: string; name: string } | null = null;
let baseUrl = "";
let setupLink = "";
let browser: Browser;
let admin: BrowserContext;
let adminPage: Page;
let manager: BrowserContext;
let managerPage: Page;
let invitationLink = "";

/** A fresh database on the PostgreSQL named by TEST_DATABASE_URL, or null to use the embedded one. */
async function createDatabase(): Promise<string | null> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return null;
  const name = `headway_e2e_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  database = { adminUrl, name };
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase() {
  if (!database) return;
  const client = new pg.Client({ connectionString: database.adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Resolves with the one-time setup link the server prints on its first start. */
function waitForSetupLink(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`No setup link within ${timeoutMs} ms. Server output:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/(https?:\/\/\S+\/setup\?token=[\w-]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited early (code ${code}). Output:\n${output}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Serious and critical accessibility violations, in a form that reads well in a failure. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}

beforeAll(async () => {
  // Build the web app from the current sources, so the journey tests what is in the tree.
  const build = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    { cwd: root, encoding: "utf8" },
  );
  if (build.status !== 0) throw new Error(`The web build failed:\n${build.stdout}${build.stderr}`);

  const port = await getPort();
  dataDir = mkdtempSync(path.join(tmpdir(), "headway-e2e-"));
  const databaseUrl = await createDatabase();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    BASE_URL: `http://127.0.0.1:${port}`,
    HEADWAY_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
  };
  delete env.DATABASE_URL;
  delete env.SMTP_HOST;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  server = spawn(process.execPath, [path.join(root, "bin/start.js")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  setupLink = await waitForSetupLink(server, 150_000);
  baseUrl = new URL(setupLink).origin;

  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  admin = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  adminPage = await admin.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (server) await stopServer(server);
  await dropDatabase().catch((err) => console.error("could not drop the e2e database:", err));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
