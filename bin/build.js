// The two builds `npm start` runs when they are missing or older than their sources:
// the web app (Vite, into dist/web) and the server (esbuild, one ES module in dist/server).
// `npm run build` runs both unconditionally.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const webEntry = path.join(root, "dist/web/index.html");
export const serverEntry = path.join(root, "dist/server/server.js");

/** The newest modification time under a folder, skipping the folders `skip` names. */
function newest(dir, skip = new Set()) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip.has(full)) continue;
    latest = Math.max(latest, entry.isDirectory() ? newest(full, skip) : statSync(full).mtimeMs);
  }
  return latest;
}

function olderThan(built, sourceTime) {
  return !existsSync(built) || sourceTime > statSync(built).mtimeMs;
}

export function webIsStale() {
  return olderThan(webEntry, newest(path.join(root, "src/web")));
}

/** The server is built from everything in src except the web app (package.json: dependencies). */
export function serverIsStale() {
  const sources = Math.max(
    newest(path.join(root, "src"), new Set([path.join(root, "src/web")])),
    statSync(path.join(root, "package.json")).mtimeMs,
  );
  return olderThan(serverEntry, sources);
}

export function buildWeb() {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    { cwd: root, stdio: "inherit" },
  );
  if (result.status !== 0) throw new Error("the web build failed (its errors are above)");
}

/**
 * The server's TypeScript as one ES module: no TypeScript loader and no module-by-module
 * resolution at start-up. Dependencies stay in node_modules (imported, not copied in).
 */
export async function buildServer() {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [path.join(root, "src/server.ts")],
    outfile: serverEntry,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    sourcesContent: false,
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    buildWeb();
    await buildServer();
  } catch (err) {
    console.error(`headway: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
