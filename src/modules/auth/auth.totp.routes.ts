import type { Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";

export function registerTotpRoutes(_app: Router, _deps: Deps) {}
