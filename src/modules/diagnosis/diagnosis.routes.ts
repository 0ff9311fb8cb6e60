import type { Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";

export function registerDiagnosisRoutes(_app: Router, _deps: Deps) {}
