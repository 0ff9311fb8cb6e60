import type { Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";
import { registerDiscussionRoutes } from "./growth.discussions.routes.js";
import { registerGrowthGoalRoutes } from "./growth.goals.routes.js";
import { registerOnboardingRoutes } from "./growth.onboarding.routes.js";
import { registerProfileRoutes } from "./growth.profile.routes.js";

export function registerGrowthRoutes(app: Router, deps: Deps) {
  registerProfileRoutes(app, deps);
  registerGrowthGoalRoutes(app, deps);
  registerOnboardingRoutes(app, deps);
  registerDiscussionRoutes(app, deps);
}
