import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// `headway goals check` and `headway plan check` as other tools run them: a child process, text
// in, JSON out. Neither needs a database.

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "headway-review-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Result = { code: number | null; stdout: string; stderr: string };

function headway(args: string[], input = ""): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/headway.js"), ...args], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "" },
      stdio: ["pipe", "pipe", "pipe"],
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
    child.stdin.end(input);
  });
}

const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
};

const lines = (out: string) =>
  out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("headway goals check", () => {
  it("writes one JSON object per goal, in order, skipping blank lines, and exits 0", async () => {
    const { code, stdout } = await headway(
      ["goals", "check"],
      "Be more positive with customers\n\n   \nReply to every customer email within 4 business hours\r\n",
    );
    expect(code).toBe(0);
    const results = lines(stdout);
    expect(results.map((r) => r.text)).toEqual([
      "Be more positive with customers",
      "Reply to every customer email within 4 business hours",
    ]);
    expect(results.map((r) => r.verdict)).toEqual(["flag", "ok"]);
    expect(Object.keys(results[0]!)).toEqual(["text", "verdict", "findings"]);
    const finding = (results[0]!.findings as Record<string, string>[]).find(
      (f) => f.code === "goal.trait_based",
    );
    expect(Object.keys(finding!)).toEqual(["code", "severity", "message", "suggestion"]);
    expect(finding?.suggestion?.length).toBeGreaterThan(20);
  });

  it("reads goals from a file", async () => {
    const goals = file("goals.txt", "Improve communication\nNever make mistakes\n");
    const { code, stdout } = await headway(["goals", "check", goals]);
    expect(code).toBe(0);
    expect(lines(stdout).map((r) => r.verdict)).toEqual(["flag", "flag"]);
  });

  it("says so in one line when the file cannot be read", async () => {
    const { code, stderr, stdout } = await headway(["goals", "check", "missing.txt"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe("headway: cannot read missing.txt: no such file.");
  });
});

describe("headway plan check", () => {
  const example = readFileSync(path.join(root, "docs/examples/plan-check.json"), "utf8");

  it("reviews the README's example: warnings on the trait-based goal, no blocker, exit 0", async () => {
    const { code, stdout } = await headway(["plan", "check", file("plan.json", example)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/0 blockers/);
    expect(stdout).toContain("goal.trait_based  (goals.1.description)");
  });

  it("exits 1 and lists the blocker first when the plan is too short, in JSON when asked", async () => {
    const plan = JSON.parse(example);
    plan.plan.endDate = "2026-03-27";
    plan.plan.goals[0].dueDate = "2026-03-27";
    const { code, stdout } = await headway([
      "plan",
      "check",
      file("short.json", JSON.stringify(plan)),
      "--json",
    ]);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as { blockers: number; findings: { code: string }[] };
    expect(out.blockers).toBe(1);
    expect(out.findings[0]!.code).toBe("plan.too_short");
  });

  it("applies the file's policy", async () => {
    const plan = JSON.parse(example);
    plan.policy = { minPlanDays: 60 };
    const { code, stdout } = await headway([
      "plan",
      "check",
      file("strict.json", JSON.stringify(plan)),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain("plan.too_short");
  });

  it.each([
    ["not JSON", "{ plan: ", /is not valid JSON/],
    [
      "a plan with a bad date",
      JSON.stringify({ plan: { startDate: "soon" } }),
      /plan\.startDate: Use a date/,
    ],
    ["an unknown key", JSON.stringify({ plan: {}, extra: 1 }), /extra/],
  ])("exits 2 with a clear message for %s", async (_, text, message) => {
    const { code, stderr } = await headway(["plan", "check", file("bad.json", text)]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
