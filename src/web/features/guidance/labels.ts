import type { GuidanceMoment } from "./types";

/** Where each card appears, in the words L&D would use. */
export const momentLabel: Record<GuidanceMoment, string> = {
  "plan.start": "Starting a plan",
  "plan.evidence": "Writing evidence",
  "plan.standard": "No standard written",
  "plan.prohibitions": "Goals that say what not to do",
  "checkin.early_win": "An early win at a check-in",
  "checkin.confidence": "Falling confidence at a check-in",
};
