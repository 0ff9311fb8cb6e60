import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  launchChromium,
  type RunningServer,
  seriousViolations,
  startServer,
} from "./harness.js";

// Passwords and two-step sign-in, end to end: the policy's verdict while typing, setting up an
// authenticator app, signing in with a recovery code and with a code, and an organisation that
// requires a second factor leading someone without one to set it up before anything else.

const email = "alex.admin@example.com";
const password = "lantern quietly orbit river";

let server: RunningServer | null = null;
let baseUrl = "";
let browser: Browser;
let page: Page;
let recoveryCodes: string[] = [];
let secret = "";
/** The time step of the last code used: the server takes each step once. */
let lastStep = -1;

const step = () => Math.floor(Date.now() / 30_000);

/** The code an authenticator app would show now, waiting for a step not used yet. */
async function nextCode(): Promise<string> {
  while (step() <= lastStep) await new Promise((r) => setTimeout(r, 500));
  lastStep = step();
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  });
}

/** Scans nothing: reads the key shown for typing in by hand, then enters the first code. */
async function setUpAuthenticator(p: Page) {
  await p.getByRole("img", { name: "QR code to add Headway to your authenticator app" }).waitFor();
  await p.getByText("Cannot scan it? Enter a key instead").click();
  const key = await p.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/).textContent();
  secret = key!.replaceAll(" ", "");
  lastStep = -1;
  await p.getByLabel("Code from the app").fill(await nextCode());
  await p.getByRole("button", { name: "Turn on" }).click();
  await p.getByText("Two-step sign-in is on.").waitFor();
  recoveryCodes = (await p.getByRole("list", { name: "Recovery codes" }).innerText())
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);
  expect(recoveryCodes).toHaveLength(10);
}

async function signInWithPassword(p: Page) {
  await p.goto(`${baseUrl}/sign-in`);
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password", { exact: true }).fill(password);
  await p.getByRole("button", { name: "Sign in", exact: true }).click();
}

beforeAll(async () => {
  buildWeb();
  server = await startServer();
  baseUrl = server.baseUrl;
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("Passwords and two-step sign-in", () => {
  it("setup says why a common password is refused, and takes a strong one", async () => {
    await page.goto(server!.setupLink);
    await page.getByLabel("Your name").fill("Alex Admin");
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("Password123!");
    await page
      .getByText(/^It is one of the most common passwords/)
      .first()
      .waitFor();
    await page.getByRole("button", { name: "Create admin and continue" }).click();
    // The server refuses it in the same words, on the field; the reason is not said twice.
    await expect
      .poll(() => page.getByLabel("Password", { exact: true }).getAttribute("aria-invalid"))
      .toBe("true");
    expect(await page.getByText(/^It is one of the most common passwords/).count()).toBe(1);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByText("Good: this password will be accepted.").waitFor();
    await page.getByRole("button", { name: "Create admin and continue" }).click();
    await page.getByRole("heading", { name: "Welcome, Alex" }).waitFor();
  });

  it("sets up an authenticator app on the account page and keeps the recovery codes", async () => {
    await page.goto(`${baseUrl}/account`);
    const card = page.locator("section", {
      has: page.getByRole("heading", { name: "Two-step sign-in" }),
    });
    await card.getByText("Off", { exact: true }).waitFor();
    await card.getByRole("button", { name: "Set up two-step sign-in" }).click();
    await setUpAuthenticator(page);
    const download = page.waitForEvent("download");
    await card.getByRole("button", { name: "Download as .txt" }).click();
    expect((await download).suggestedFilename()).toBe("headway-recovery-codes.txt");
    const done = card.getByRole("button", { name: "Done" });
    expect(await done.isDisabled()).toBe(true);
    await card.getByLabel("I have saved these codes somewhere safe").check();
    await done.click();
    await card.getByText("On", { exact: true }).waitFor();
    await card.getByText("10 of 10 recovery codes left.").waitFor();
    const sessions = page.locator("section", {
      has: page.getByRole("heading", { name: "Where you are signed in" }),
    });
    await sessions.getByText("This browser").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("asks for a code after the password; a recovery code works once instead", async () => {
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await signInWithPassword(page);
    await page.getByRole("heading", { name: "Two-step sign-in" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(recoveryCodes[0]!.toUpperCase());
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "You used a recovery code" }).waitFor();
    await page.getByText("You have 9 recovery codes left.", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Welcome, Alex" }).waitFor();
  });

  it("when the organisation requires it, turning it off leads straight to setting it up again", async () => {
    const status = await page.evaluate(async () => {
      const res = await fetch("/api/v1/settings/sign-in", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ requireTotp: true }),
      });
      return res.status;
    });
    expect(status).toBe(200);

    await page.goto(`${baseUrl}/account`);
    const card = page.locator("section", {
      has: page.getByRole("heading", { name: "Two-step sign-in" }),
    });
    await card.getByText("Required by your organisation").waitFor();
    await card.getByRole("button", { name: "Turn off" }).click();
    await card.getByLabel("Your password", { exact: true }).check();
    await card.getByLabel("Password", { exact: true }).fill(password);
    await card.getByRole("button", { name: "Turn off two-step sign-in" }).click();

    await page.getByRole("heading", { name: "Set up two-step sign-in" }).waitFor();
    await page.getByText("Your organisation requires a second step").waitFor();
    await setUpAuthenticator(page);
    await page.getByLabel("I have saved these codes somewhere safe").check();
    await page.getByRole("button", { name: "Continue to Headway" }).click();
    await page.getByRole("heading", { name: "Your account" }).waitFor();
  });

  it("signs in with a code from the app", async () => {
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await signInWithPassword(page);
    await page.getByLabel("Code from your authenticator app").fill(await nextCode());
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { name: "Welcome, Alex" }).waitFor();
  });
});
