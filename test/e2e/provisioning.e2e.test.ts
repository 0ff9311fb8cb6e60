import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWeb,
  launchChromium,
  type RunningServer,
  seriousViolations,
  startServer,
} from "./harness.js";

// Provisioning, end to end: an admin connects an identity provider in the settings (base URL and
// a SCIM token), the provider pushes people and a group, the admin maps the group to HR, and the
// panel shows what happened. The provider is played by plain HTTP requests, as one would send them.

const adminPassword = "provisioning admin password";

let server: RunningServer | null = null;
let baseUrl = "";
let browser: Browser;
let page: Page;
let scimToken = "";

beforeAll(async () => {
  buildWeb();
  server = await startServer();
  baseUrl = server.baseUrl;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function scim(path: string, method: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/scim/v2${path}`, {
    method,
    headers: {
      authorization: `Bearer ${scimToken}`,
      ...(body === undefined ? {} : { "content-type": "application/scim+json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe("Provisioning with SCIM", () => {
  it("an admin copies the base URL and creates a SCIM token, shown once", async () => {
    await page.goto(server!.setupLink);
    await page.getByLabel("Your name").fill("Pat Admin");
    await page.getByLabel("Work email").fill("pat.admin@example.com");
    await page.getByLabel("Password", { exact: true }).fill(adminPassword);
    await page.getByRole("button", { name: "Create admin and continue" }).click();
    await page.getByRole("heading", { name: "Welcome, Pat" }).waitFor();

    await page.goto(`${baseUrl}/settings#provisioning`);
    const panel = page.locator("#provisioning");
    await expect
      .poll(() => panel.getByLabel("SCIM base URL").inputValue())
      .toBe(`${baseUrl}/scim/v2`);
    await panel.getByText("No groups pushed yet").waitFor();

    await panel.getByLabel("Token name").fill("Okta");
    await panel.getByRole("button", { name: "Create SCIM token" }).click();
    await panel.getByText("SCIM token “Okta” created").waitFor();
    scimToken = await panel.getByLabel("Your new SCIM token").inputValue();
    expect(scimToken).toMatch(/^hw_scim_/);
    await panel.getByRole("button", { name: "Done" }).click();
    await panel.getByRole("cell", { name: "Okta", exact: true }).waitFor();
    expect(await page.content()).not.toContain(scimToken);
  });

  it("the provider pushes people and a group; the admin maps the group to HR in a dialog", async () => {
    const manager = await scim("/Users", "POST", {
      userName: "morgan.lead@example.com",
      name: { givenName: "Morgan", familyName: "Lead" },
      title: "Head of People",
    });
    expect(manager.status).toBe(201);
    const partner = await scim("/Users", "POST", {
      userName: "robin.partner@example.com",
      name: { givenName: "Robin", familyName: "Partner" },
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
        department: "People",
        manager: { value: manager.body!.id },
      },
    });
    expect(partner.status).toBe(201);
    const group = await scim("/Groups", "POST", {
      displayName: "HR Partners",
      members: [{ value: partner.body!.id }],
    });
    expect(group.status).toBe(201);

    await page.reload();
    const panel = page.locator("#provisioning");
    await panel.getByRole("cell", { name: "HR Partners", exact: true }).waitFor();
    await panel.getByRole("button", { name: "Change the role of HR Partners" }).click();
    const dialog = page.getByRole("dialog", { name: "Role for “HR Partners”" });
    await dialog.getByLabel("HR partner").check();
    await dialog.getByLabel("The whole organisation").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Save" }).click();
    await panel
      .getByText("Saved: “HR Partners” gives HR partner · the whole organisation.")
      .waitFor();

    const person = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/people/${id}`);
      return (await res.json()) as { record: { roles: string[] } };
    }, partner.body!.id as string);
    expect(person.record.roles).toContain("hr");

    await panel.getByText("Group mapping changed").waitFor();
    await panel.getByText("User created").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("revoking the token stops the provider at its next request", async () => {
    const panel = page.locator("#provisioning");
    page.once("dialog", (d) => void d.accept());
    await panel.getByRole("button", { name: "Revoke Okta" }).click();
    await panel.getByText(/^Revoked/).waitFor();
    expect((await scim("/Users", "GET")).status).toBe(401);
  });
});
