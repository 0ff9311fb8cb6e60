import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { serverEntry } from "../../../bin/build.js";
import { actorFor, makePlan } from "../../../test/factories.js";
import { createTestDeps, TEST_SECRET } from "../../../test/helpers.js";
import { masterKeyId } from "../../config.js";
import { addPrivateNote, getPlanDetail } from "../plans/plans.service.js";
import { dataKeys } from "./keys.table.js";

// `headway keys …` as an operator runs it: a child process against this file's database, with
// the master key in a file named by HEADWAY_MASTER_KEY_FILE.

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "headway-keys-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyFile(name: string, key: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600 });
  return file;
}

const firstKey = randomBytes(32);
const deps = await createTestDeps({ config: { masterKey: firstKey } });
let currentKeyFile = keyFile("first.key", firstKey);

/** Every setting Headway reads, blanked so neither this shell nor a .env file leaks in. */
const settings = [
  "PORT",
  "HOST",
  "BASE_URL",
  "HEADWAY_DATA_DIR",
  "DATABASE_URL",
  "HEADWAY_EMBEDDED_DB_PORT",
  "HEADWAY_SECRET",
  "SMTP_HOST",
  "LOG_LEVEL",
  "HEADWAY_MASTER_KEY",
  "HEADWAY_MASTER_KEY_FILE",
  "HEADWAY_SIGNING_KEY_FILE",
  "HEADWAY_CHECKPOINT_EMAILS",
];

type Result = { code: number | null; stdout: string; stderr: string };

function run(args: string[], env: Record<string, string> = {}): Promise<Result> {
  const full: NodeJS.ProcessEnv = { ...process.env };
  for (const name of settings) full[name] = "";
  Object.assign(full, {
    DATABASE_URL: deps.databaseUrl,
    HEADWAY_DATA_DIR: path.join(dir, "data"),
    HEADWAY_SECRET: TEST_SECRET,
    HEADWAY_MASTER_KEY_FILE: currentKeyFile,
    ...env,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: full, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    child.on("error", reject);
    // A server that wrongly started would never end on its own.
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

const headway = (args: string[], env?: Record<string, string>) =>
  run([path.join(root, "bin/headway.js"), ...args], env);

const keyRows = () => deps.database.db.select().from(dataKeys).orderBy(asc(dataKeys.version));

const { plan, manager } = await makePlan(deps);
const secret = "Private: check in about the workload after the reorganisation.";
await addPrivateNote(deps, { actor: await actorFor(deps, manager.id), id: plan.id, body: secret });
const readNotes = async () =>
  (
    await getPlanDetail(deps, { actor: await actorFor(deps, manager.id), id: plan.id })
  ).privateNotes.map((n) => n.body);

// Each run starts Node and compiles the CLI: a few seconds on a busy machine.
const slow = { timeout: 180_000 };

describe("headway keys status", slow, () => {
  it("lists the data keys, the master key that wraps them, and the values under each key", async () => {
    const { code, stdout, stderr } = await headway(["keys", "status"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const id = masterKeyId(firstKey);
    expect(stdout).toContain(
      `Master key in use: ${id} (HEADWAY_MASTER_KEY_FILE=${currentKeyFile}).`,
    );
    expect(stdout).toMatch(new RegExp(`^1 +active, in use +${id} \\(configured\\) +\\d{4}-`, "m"));
    expect(stdout).toMatch(/^encrypted field +key 1 +in clear$/m);
    expect(stdout).toMatch(/^plan_private_notes\.body +1 +0$/m);
    expect(stdout).toMatch(/^one_on_one_notes\.body +0 +0$/m);
  });
});

describe("headway keys rotate", slow, () => {
  it("re-encrypts everything under a new data key and retires the old one; --destroy-retired deletes it later", async () => {
    const rotated = await headway(["keys", "rotate"]);
    expect(rotated.stderr).toBe("");
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain(
      "Created data key 2; re-encrypted 1 value (plan_private_notes.body 1) under it.",
    );
    expect(rotated.stdout).toContain("Retired data key 1:");
    expect((await keyRows()).map((k) => [k.version, k.status])).toEqual([
      [1, "retired"],
      [2, "active"],
    ]);
    expect(await readNotes()).toEqual([secret]);

    const status = await headway(["keys", "status"]);
    expect(status.stdout).toMatch(/^plan_private_notes\.body +1 +0 +0$/m);
    expect(status.stdout).toMatch(/^1 +retired /m);
    expect(status.stdout).toContain(
      "Nothing is left under data key 1: `headway keys rotate --destroy-retired` deletes them.",
    );

    const destroyed = await headway(["keys", "rotate", "--destroy-retired"]);
    expect(destroyed.code).toBe(0);
    expect(destroyed.stdout).toContain("Destroyed data key 1.");
    expect((await keyRows()).map((k) => k.version)).toEqual([2]);
    expect(await readNotes()).toEqual([secret]);

    const again = await headway(["keys", "rotate", "--destroy-retired"]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe("No retired data keys: nothing to destroy.");
  });

  it("re-wraps the data keys under a new master key and says what to change; the old key then stops Headway in one line", async () => {
    const secondKey = randomBytes(32);
    const secondFile = keyFile("second.key", secondKey);
    const moved = await headway(["keys", "rotate", "--new-master-key-file", secondFile]);
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain(
      `Re-wrapped data key 2 under master key ${masterKeyId(secondKey)} (was ${masterKeyId(firstKey)}).`,
    );
    expect(moved.stdout).toContain(`  HEADWAY_MASTER_KEY_FILE=${secondFile}\n`);
    expect(moved.stdout).not.toContain("remove HEADWAY_MASTER_KEY");
    expect((await keyRows()).map((k) => k.masterKeyId)).toEqual([masterKeyId(secondKey)]);

    // Still configured with the old key: refused, in one line naming both keys.
    const refused = await headway(["keys", "status"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trimEnd().split("\n")).toEqual([
      `headway: Data key 2 was wrapped by master key ${masterKeyId(secondKey)}, but the configured master key is ${masterKeyId(firstKey)}. Set HEADWAY_MASTER_KEY_FILE (or HEADWAY_MASTER_KEY) to the key this installation was set up with.`,
    ]);

    // The server refuses to start the same way.
    const server = await run(["--enable-source-maps", serverEntry], {
      PORT: "39917",
    });
    expect(server.code).toBe(1);
    expect(server.stderr.trimEnd().split("\n")).toEqual([refused.stderr.trimEnd()]);

    currentKeyFile = secondFile;
    const status = await headway(["keys", "status"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Master key in use: ${masterKeyId(secondKey)}`);
  });

  it("says in one line when the new master key file is missing or not a key, and changes nothing", async () => {
    const before = await keyRows();
    const missing = await headway([
      "keys",
      "rotate",
      "--new-master-key-file",
      path.join(dir, "nope.key"),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trimEnd().split("\n")).toEqual([
      `headway: cannot read ${path.join(dir, "nope.key")} (no such file); make a key with: openssl rand -base64 32 > ${path.join(dir, "nope.key")}`,
    ]);
    const garbage = path.join(dir, "garbage.key");
    writeFileSync(garbage, "not a key at all\n");
    const bad = await headway(["keys", "rotate", "--new-master-key-file", garbage]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trimEnd().split("\n")).toEqual([
      `headway: ${garbage} is not a master key (32 bytes in base64, as made by: openssl rand -base64 32)`,
    ]);
    expect(await keyRows()).toEqual(before);
  });

  it("refuses --destroy-retired together with --new-master-key-file as a usage error", async () => {
    const both = await headway([
      "keys",
      "rotate",
      "--destroy-retired",
      "--new-master-key-file",
      currentKeyFile,
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^headway: option .* cannot be used with option/);
  });
});
