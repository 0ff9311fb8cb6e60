import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's folder: the nearest above this module that holds package.json (src/ when run
 * through tsx, dist/server/ when run from the built server or CLI), whatever the working
 * directory is. Migrations, the built web app and the version are found from here.
 */
export const projectRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("headway: cannot find the project folder (package.json)");
    dir = parent;
  }
  return dir;
})();
