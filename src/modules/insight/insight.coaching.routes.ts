import type { Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";

// Coaching health by manager, and risk.
export function registerInsightCoachingRoutes(_app: Router, _deps: Deps) {}
