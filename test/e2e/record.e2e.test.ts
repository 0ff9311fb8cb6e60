import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { afterAll, describe, expect } from "vitest";
import { root, seriousViolations } from "./harness.js";
import { journeySteps, type PlansWorld, screenshot, setUpPlansWorld, who } from "./plans-seed.js";

// The employee's own record, end to end: from their account page they download everything
// Headway holds about them (a zip of record.json, record.pdf and signature.json); the card then
// says when they last did; `headway record verify-export` confirms the copy against the running
// installation; and the admin sees the export in the audit trail.

let world: PlansWorld;
let employee: Page;
let zipFile = "";
const dir = mkdtempSync(path.join(tmpdir(), "headway-record-e2e-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

setUpPlansWorld((w) => {
  world = w;
});

const journey = journeySteps();

const recordCard = (page: Page) =>
  page
    .getByRole("main")
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: "Your record", exact: true }) });

describe("Your record: download, check, and see it in the audit trail", () => {
  journey("the employee downloads their record from their account page", async () => {
    employee = await world.signedIn(who.employee);
    await employee.goto(`${world.server.baseUrl}/account`);
    const card = recordCard(employee);
    await card.getByText("You have not exported it yet.").waitFor();
    await card.getByText("Your confidential threads with HR").waitFor();
    expect(await seriousViolations(employee)).toEqual([]);

    const [download] = await Promise.all([
      employee.waitForEvent("download"),
      card.getByRole("button", { name: "Download my record (.zip)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^headway-record-sofia-rossi-\d{4}-\d{2}-\d{2}\.zip$/,
    );
    zipFile = path.join(dir, download.suggestedFilename());
    await download.saveAs(zipFile);
    await card.getByText(/^Last exported /).waitFor();
    await card.getByText(/Your record was downloaded/).waitFor();
    await screenshot(employee, "record-01-account-card");

    const files = unzipSync(new Uint8Array(readFileSync(zipFile)));
    expect(Object.keys(files).sort()).toEqual(["record.json", "record.pdf", "signature.json"]);
    const record = JSON.parse(strFromU8(files["record.json"]!));
    expect(record.person.email).toBe(who.employee);
    expect(record.auditEvents.at(-1)).toMatchObject({ action: "record.exported" });
  });

  journey("the copy verifies against the running installation", async () => {
    const check = spawnSync(
      process.execPath,
      [path.join(root, "bin/headway.js"), "record", "verify-export", zipFile],
      { cwd: root, env: world.server.env, encoding: "utf8" },
    );
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^ok: record\.json and record\.pdf signed /);
  });

  journey("the admin sees the export in the audit trail", async () => {
    const admin = await world.signedIn("alex.admin@example.com");
    await admin.goto(`${world.server.baseUrl}/audit`);
    await admin.getByLabel("Kind of event").selectOption({ label: "Own record exports" });
    const row = admin.getByRole("row").filter({ hasText: "Own record exported" });
    await row.getByText("Downloaded as a zip: record, PDF and signature").waitFor();
    await row.getByRole("link", { name: "Sofia Rossi" }).first().waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
  });
});
