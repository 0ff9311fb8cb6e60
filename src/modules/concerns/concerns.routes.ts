import type { Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";

export function registerConcernRoutes(_app: Router, _deps: Deps) {}
