import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDeps, TEST_MASTER_KEY, TEST_SECRET } from "../../../test/helpers.js";
import { verifyAuditTrail } from "../record/record.service.js";
import { auditHead } from "../record/record.table.js";
import { countRows, exists, makePair, seedRecords } from "./retention.testing.js";

// `headway retention run` as an operator runs it: a child process against this file's database.

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), "headway-retention-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const deps = await createTestDeps();
const db = deps.database.db;

type Result = { code: number | null; stdout: string; stderr: string };

function headway(args: string[]): Promise<Result> {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ["PATH", "HOME", "LANG", "TMPDIR"]) env[name] = process.env[name];
  Object.assign(env, {
    DATABASE_URL: deps.databaseUrl,
    HEADWAY_DATA_DIR: dataDir,
    HEADWAY_SECRET: TEST_SECRET,
    HEADWAY_MASTER_KEY: TEST_MASTER_KEY.toString("base64"),
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/headway.js"), ...args], {
      cwd: dataDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const rowOf = (stdout: string, label: string) =>
  stdout
    .split("\n")
    .find((l) => l.startsWith(label))
    ?.split(/\s{2,}/);

describe("headway retention run", () => {
  it("with --dry-run prints each type's period, cut-off, what would go and what a hold keeps, and changes nothing", async () => {
    const pair = await makePair(deps, "Cli");
    const ids = await seedRecords(deps, pair, new Date("2015-01-01T00:00:00Z"));
    const [headBefore] = await db.select().from(auditHead);
    const plansBefore = await countRows(deps, "plans");

    const dry = await headway(["retention", "run", "--dry-run"]);
    expect(dry.stderr).not.toMatch(/error/i);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /^Dry run at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: nothing was changed\./,
    );
    expect(dry.stdout).toMatch(/Record type\s+Kept for\s+Cut-off\s+Would erase\s+Kept by hold/);
    const plans = rowOf(dry.stdout, "Closed success plans");
    expect(plans?.[1]).toBe("72 months");
    expect(plans?.[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(plans?.slice(3)).toEqual(["1", "0"]);
    expect(dry.stdout).toMatch(/\d+ records would be erased\./);

    const [headAfter] = await db.select().from(auditHead);
    expect(headAfter).toEqual(headBefore);
    expect(await countRows(deps, "plans")).toBe(plansBefore);

    const run = await headway(["retention", "run"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Retention run at .* UTC\./);
    expect(run.stdout).toMatch(/Record type\s+Kept for\s+Cut-off\s+Erased\s+Kept by hold/);
    expect(rowOf(run.stdout, "Closed success plans")?.slice(3)).toEqual(["1", "0"]);
    expect(await exists(deps, "plans", ids.closed_plans)).toBe(false);
    expect(await verifyAuditTrail({ db, secret: TEST_SECRET })).toMatchObject({ ok: true });
  });
});
