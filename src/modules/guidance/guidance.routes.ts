import type { Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";

export function registerGuidanceRoutes(_app: Router, _deps: Deps) {}
