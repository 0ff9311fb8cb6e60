import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import getPort from "get-port";
import pg from "pg";
import { type Browser, chromium, type Page } from "playwright-core";

// What every end-to-end journey needs: the web app built from the tree, a real server in its own
// process on its own database (a fresh one on TEST_DATABASE_URL, else embedded in a temp data
// dir), and Debian's Chromium.

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type RunningServer = {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The one-time link to create the first admin, printed on the first start. */
  setupLink: string;
  /** Everything the server has printed so far. */
  output(): string;
  /** The environment the server runs with: CLI commands given it act on the same database. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
};

/** Builds the web app from the current sources, so a journey tests what is in the tree. */
export function buildWeb() {
  const build = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    { cwd: root, encoding: "utf8" },
  );
  if (build.status !== 0) throw new Error(`The web build failed:\n${build.stdout}${build.stderr}`);
}

/** A fresh database on the PostgreSQL named by TEST_DATABASE_URL, or null to use the embedded one. */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return null;
  const name = `headway_e2e_${randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Resolves with the one-time setup link the server prints on its first start. */
function waitForSetupLink(
  child: ChildProcess,
  log: { text: string },
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`No setup link within ${timeoutMs} ms. Server output:\n${log.text}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      log.text += chunk.toString();
      const match = log.text.match(/(https?:\/\/\S+\/setup\?token=[\w-]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      log.text += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited early (code ${code}). Output:\n${log.text}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
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

/**
 * Starts `node bin/start.js` on a free port with a fresh temp data dir (and a fresh database when
 * TEST_DATABASE_URL is set) and waits for its setup link. `stop()` ends it with SIGTERM and
 * removes what it made.
 */
export async function startServer({ timeoutMs = 150_000 } = {}): Promise<RunningServer> {
  const port = await getPort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "headway-e2e-"));
  const database = await createDatabase();
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
  if (database) env.DATABASE_URL = database.url;
  const child = spawn(process.execPath, [path.join(root, "bin/start.js")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = { text: "" };
  const cleanUp = async () => {
    await stopChild(child);
    await database?.drop().catch((err) => console.error("could not drop the e2e database:", err));
    rmSync(dataDir, { recursive: true, force: true });
  };
  let setupLink: string;
  try {
    setupLink = await waitForSetupLink(child, log, timeoutMs);
  } catch (err) {
    await cleanUp();
    throw err;
  }
  return {
    baseUrl: new URL(setupLink).origin,
    setupLink,
    output: () => log.text,
    env,
    stop: cleanUp,
  };
}

/** Debian's Chromium, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/** Serious and critical accessibility violations, in a form that reads well in a failure. */
export async function seriousViolations(page: Page) {
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
