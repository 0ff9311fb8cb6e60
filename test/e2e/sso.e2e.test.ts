import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type TestOidcProvider } from "../oidc-provider.js";
import {
  buildWeb,
  launchChromium,
  type RunningServer,
  seriousViolations,
  startServer,
} from "./harness.js";

// Single sign-on, end to end: an admin connects Headway to a real OpenID provider in the
// settings, a person signs in with the button on the sign-in page, and with "SSO only" the
// password form waits behind the break-glass link.

const adminPassword = "break glass only when the provider is down";
const people = [
  "employee_id,email,name,title,department,location,hire_date,manager_email,roles,hr_scope",
  "E1,sam.sso@example.com,Sam Sso,Engineer,Engineering,London,2024-01-08,,,",
].join("\n");

let server: RunningServer | null = null;
let idp: TestOidcProvider | null = null;
let baseUrl = "";
let browser: Browser;
let admin: BrowserContext;
let adminPage: Page;

beforeAll(async () => {
  buildWeb();
  server = await startServer();
  baseUrl = server.baseUrl;
  idp = await startOidcProvider({
    redirectUri: `${baseUrl}/api/v1/auth/oidc/callback`,
    accounts: [
      { sub: "sam-at-idp", email: "sam.sso@example.com", emailVerified: true, name: "Sam Sso" },
      { sub: "stranger", email: "stranger@example.com", emailVerified: true },
    ],
  });
  browser = await launchChromium();
  admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  adminPage = await admin.newPage();
});

afterAll(async () => {
  await browser?.close();
  await idp?.close();
  await server?.stop();
});

/** Signs in at the test provider's login page as `login` (it asks no password). */
async function loginAtProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === idp!.issuer);
  await page.getByLabel("Login").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("Single sign-on", () => {
  it("an admin connects Headway to the identity provider in the settings", async () => {
    const page = adminPage;
    await page.goto(server!.setupLink);
    await page.getByLabel("Your name").fill("Alex Admin");
    await page.getByLabel("Work email").fill("alex.admin@example.com");
    await page.getByLabel("Password", { exact: true }).fill(adminPassword);
    await page.getByRole("button", { name: "Create admin and continue" }).click();
    await page.getByRole("heading", { name: "Welcome, Alex" }).waitFor();
    const imported = await page.evaluate(async (csv) => {
      const res = await fetch("/api/v1/imports/people/commit", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ csv }),
      });
      return res.status;
    }, people);
    expect(imported).toBe(200);

    await page.goto(`${baseUrl}/settings#sign-in`);
    const panel = page.locator("#sign-in");
    await panel.getByText("Single sign-on off").waitFor();
    await expect
      .poll(() => panel.getByLabel("Redirect (callback) URL").inputValue())
      .toBe(`${baseUrl}/api/v1/auth/oidc/callback`);

    await panel.getByLabel("Issuer").fill(idp!.issuer);
    await panel.getByRole("button", { name: "Test connection" }).click();
    await panel.getByText(`Headway reached the provider at ${idp!.issuer}.`).waitFor();
    await panel.getByLabel("Client ID").fill(idp!.clientId);
    await panel.getByLabel("Client secret").fill(idp!.clientSecret);
    await panel.getByLabel("Button label").fill("Sign in with Example ID");
    await panel.getByRole("button", { name: "Save sign-in settings" }).click();
    await panel.getByText("Saved.").waitFor();
    await panel.getByText("Single sign-on on").waitFor();
    // The secret is not shown again, even to the admin who typed it.
    expect(await panel.getByLabel("Client secret").inputValue()).toBe("");
    expect(await page.content()).not.toContain(idp!.clientSecret);

    const results = await new AxeBuilder({ page }).include("#sign-in").analyze();
    expect(
      results.violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
    ).toEqual([]);
  });

  it("a person signs in with the button on the sign-in page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole("link", { name: "Sign in with Example ID" }).click();
    await loginAtProvider(page, "sam.sso@example.com");
    await page.waitForURL(`${baseUrl}/`);
    const me = await (await page.request.get(`${baseUrl}/api/v1/me`)).json();
    expect(me.person.name).toBe("Sam Sso");
    await context.close();
  });

  it("someone without a Headway account is told why, and is not signed in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in?next=/team`);
    await page.getByRole("link", { name: "Sign in with Example ID" }).click();
    await loginAtProvider(page, "stranger@example.com");
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.getByText("No Headway account for you yet").waitFor();
    expect((await page.request.get(`${baseUrl}/api/v1/me`)).status()).toBe(401);
    await context.close();
  });

  it("with SSO only, the password form waits behind the break-glass link", async () => {
    const panel = adminPage.locator("#sign-in");
    await panel.getByLabel("SSO only").check();
    await panel
      .getByLabel("Break-glass admin")
      .selectOption({ label: "Alex Admin (alex.admin@example.com)" });
    await panel.getByRole("button", { name: "Save sign-in settings" }).click();
    await panel.getByText("SSO only", { exact: true }).first().waitFor();
    await panel.getByText("Saved.").waitFor();

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole("link", { name: "Sign in with Example ID" }).waitFor();
    await page.getByText("Your organisation signs in with single sign-on only.").waitFor();
    expect(await page.getByLabel("Email").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Break-glass sign-in" }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")))
      .toBe("email");
    await page.getByLabel("Email").fill("alex.admin@example.com");
    await page.getByLabel("Password", { exact: true }).fill(adminPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "Welcome, Alex" }).waitFor();
    await context.close();
  });
});
