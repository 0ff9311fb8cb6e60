export const mentorshipStatuses = [
  "requested",
  "active",
  "declined",
  "ended",
  "withdrawn",
] as const;
export type MentorshipStatus = (typeof mentorshipStatuses)[number];

/** Statuses that take one of the mentor's places. */
export const placeTaking: readonly MentorshipStatus[] = ["requested", "active"];
