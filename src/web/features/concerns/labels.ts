import type { ProtectedActivityKind } from "../../../modules/review/review.types";
import type { BadgeTone } from "../../ui";

export { concernTopicLabels, concernTopics } from "../../../modules/concerns/concerns.types";
export { protectedActivityKinds } from "../../../modules/review/review.types";

export const statusLabel = { open: "Open", closed: "Closed" } as const;
export const statusTone: Record<"open" | "closed", BadgeTone> = {
  open: "accent",
  closed: "neutral",
};

export const activityLabel: Record<ProtectedActivityKind, string> = {
  complaint: "Complaint",
  grievance: "Grievance",
  promotion_request: "Promotion request",
  transfer_request: "Transfer request",
  leave: "Leave",
  accommodation_request: "Accommodation request",
};

/** "Hannah Cole", "Hannah Cole and Ravi Shah", "A, B and C". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
