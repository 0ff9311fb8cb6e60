import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc, sql } from "drizzle-orm";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../test/factories.js";
import {
  createTestDeps,
  send,
  TEST_MASTER_KEY,
  TEST_SECRET,
  TEST_SIGNING_KEY_PEM,
  testApp,
} from "../../test/helpers.js";
import { GENESIS_HASH, hashEvent, sealHead } from "../modules/record/record.rules.js";
import { verifyAuditTrail } from "../modules/record/record.service.js";
import { auditEvents } from "../modules/record/record.table.js";

// `headway audit checkpoint`, `headway audit verify --checkpoint` and `headway record
// verify-export` as an operator runs them: a child process on this file's database, with the
// same server secret, master key and signing key as the app that wrote it.

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "headway-record-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deps = await createTestDeps();
// Some history before the checkpoint.
await makeUser(deps);
await makeUser(deps);
const keyFile = path.join(dir, "signing.key");
writeFileSync(keyFile, TEST_SIGNING_KEY_PEM, { mode: 0o600 });

const blank = [
  "PORT",
  "HOST",
  "BASE_URL",
  "HEADWAY_EMBEDDED_DB_PORT",
  "SMTP_HOST",
  "SMTP_PORT",
  "SMTP_SECURE",
  "SMTP_USER",
  "SMTP_PASSWORD",
  "MAIL_FROM",
  "LOG_LEVEL",
  "HEADWAY_MASTER_KEY_FILE",
  "HEADWAY_CHECKPOINT_EMAILS",
];

type Result = { code: number | null; stdout: string; stderr: string };

function headway(args: string[], extraEnv: Record<string, string> = {}): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of blank) env[name] = "";
  Object.assign(env, {
    DATABASE_URL: deps.databaseUrl,
    HEADWAY_DATA_DIR: path.join(dir, "data"),
    HEADWAY_SECRET: TEST_SECRET,
    HEADWAY_MASTER_KEY: TEST_MASTER_KEY.toString("base64"),
    HEADWAY_SIGNING_KEY_FILE: keyFile,
    ...extraEnv,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/headway.js"), ...args], {
      cwd: dir,
      env,
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
    child.stdin.end();
  });
}

describe("headway audit checkpoint and verify --checkpoint", () => {
  const file = path.join(dir, "checkpoint.json");

  it("signs the head into a file, refuses to overwrite it, and the log is proved to extend it", async () => {
    const made = await headway(["audit", "checkpoint", "--out", file]);
    expect(made.code, made.stderr).toBe(0);
    const signed = JSON.parse(readFileSync(file, "utf8"));
    expect(made.stdout).toContain(`signed checkpoint ${signed.checkpoint.sequence} `);
    expect(made.stdout).toContain(`written to ${file}`);
    expect(made.stdout).toContain("-----BEGIN PUBLIC KEY-----");

    const again = await headway(["audit", "checkpoint", "--out", file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`headway: ${file} already exists; add --force to replace it\n`);

    const verified = await headway(["audit", "verify", "--checkpoint", file]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(
      new RegExp(
        `^ok: the log \\(\\d+ events\\) extends checkpoint ${signed.checkpoint.sequence} `,
      ),
    );
  });

  it("catches a history rewritten with the server secret, which plain verify passes", async () => {
    // More history after the checkpoint, then the event the checkpoint names is rewritten and
    // every later hash recomputed and re-sealed, as someone holding the server secret could.
    await makeUser(deps);
    const { sequence } = JSON.parse(readFileSync(file, "utf8")).checkpoint;
    const rows = await deps.database.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    await deps.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      let prevHash = rows.find((r) => r.seq === sequence - 1)?.hash ?? GENESIS_HASH;
      for (const row of rows.filter((r) => r.seq >= sequence)) {
        const data = row.seq === sequence ? { ...row.data, note: "rewritten" } : row.data;
        const hash = hashEvent({ ...row, data, prevHash });
        await tx.execute(
          sql`UPDATE audit_events SET data = ${JSON.stringify(data)}::jsonb, prev_hash = ${prevHash}, hash = ${hash} WHERE seq = ${row.seq}`,
        );
        prevHash = hash;
      }
      const last = rows.at(-1)!.seq;
      const seal = sealHead({ seq: last, hash: prevHash, secret: TEST_SECRET });
      await tx.execute(
        sql`UPDATE audit_head SET seq = ${last}, hash = ${prevHash}, seal = ${seal}`,
      );
    });
    // The chain and its seal verify: plain `audit verify` is fooled.
    expect(await verifyAuditTrail({ db: deps.database.db, secret: TEST_SECRET })).toMatchObject({
      ok: true,
    });
    const anchored = await headway(["audit", "verify", "--checkpoint", file]);
    expect(anchored.code).toBe(1);
    expect(anchored.stdout).toBe(
      `failed: the log no longer extends checkpoint ${sequence}: event ${sequence} has a different hash — history was rewritten\n`,
    );
  });

  it("says in one line when the checkpoint file is not JSON", async () => {
    const garbled = path.join(dir, "garbled.json");
    writeFileSync(garbled, "not json");
    const bad = await headway(["audit", "verify", "--checkpoint", garbled]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `headway: ${garbled} is not a Headway audit checkpoint (it is not JSON)\n`,
    );
  });
});

describe("headway record verify-export", () => {
  it("confirms a downloaded record, and names what changed in an edited copy", async () => {
    // A fresh log, so the chain verifies (the test above rewrote this one): a new database.
    const fresh = await createTestDeps();
    const freshApp = testApp(fresh);
    const person = await makeUser(fresh, { name: "Rosa Record" });
    const cookie = await signInCookie(freshApp, person.email, person.password);
    const res = await send(freshApp, "/api/v1/me/record.zip", { cookie });
    expect(res.status).toBe(200);
    const zip = new Uint8Array(await res.arrayBuffer());
    const genuine = path.join(dir, "record.zip");
    writeFileSync(genuine, zip);
    const files = unzipSync(zip);
    const edited = strFromU8(files["record.json"]!).replace("Rosa Record", "Rosa Rekord");
    const tampered = path.join(dir, "edited.zip");
    writeFileSync(tampered, zipSync({ ...files, "record.json": strToU8(edited) }));

    const env = { DATABASE_URL: fresh.databaseUrl };
    const ok = await headway(["record", "verify-export", genuine], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^ok: record\.json and record\.pdf signed .* still holds its audit head, event \d+\n$/,
    );
    const bad = await headway(["record", "verify-export", tampered], env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(
      "failed: record.json was changed after it was signed: its SHA-256 does not match\n",
    );
    expect(existsSync(genuine)).toBe(true);
  });
});
