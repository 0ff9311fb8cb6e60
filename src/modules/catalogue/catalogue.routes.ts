import type { Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";

export function registerCatalogueRoutes(_app: Router, _deps: Deps) {}
