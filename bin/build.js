// The two builds `npm start` and `headway` run when they are missing or older than their sources:
// the web app (Vite, into dist/web) and the server with its command line (esbuild, one ES module
// each in dist/server). `npm run build` runs both unconditionally.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const webEntry = path.join(root, "dist/web/index.html");
export const serverEntry = path.join(root, "dist/server/server.js");
export const cliEntry = path.join(root, "dist/server/cli.js");

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

/**
 * The server and the CLI are built from everything in src except the web app (and package.json,
 * for the dependencies).
 */
export function serverIsStale() {
  const sources = Math.max(
    newest(path.join(root, "src"), new Set([path.join(root, "src/web")])),
    statSync(path.join(root, "package.json")).mtimeMs,
  );
  return olderThan(serverEntry, sources) || olderThan(cliEntry, sources);
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
 * The server's TypeScript as one ES module, and the CLI's as another: no TypeScript loader and no
 * module-by-module resolution at start-up. Dependencies stay in node_modules (imported, not
 * copied in). Each file is written under a temporary name and renamed into place, so a process
 * starting meanwhile (or a second build) never reads half a file.
 */
export async function buildServer() {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: {
      server: path.join(root, "src/server.ts"),
      cli: path.join(root, "src/cli/main.ts"),
    },
    outdir: path.dirname(serverEntry),
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    sourcesContent: false,
    logLevel: "warning",
    write: false,
  });
  mkdirSync(path.dirname(serverEntry), { recursive: true });
  // Source maps first: a bundle in place always finds its map.
  const files = [...result.outputFiles].sort(
    (a, b) => Number(b.path.endsWith(".map")) - Number(a.path.endsWith(".map")),
  );
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
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
