import type { Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";

// Plan outcomes, causes and resources, fairness, and the insight settings.
export function registerInsightPlanRoutes(_app: Router, _deps: Deps) {}
