/** What a concern is about, in broad terms, for HR's triage. */
export const concernTopics = ["manager", "plan", "colleague", "wellbeing", "other"] as const;
export type ConcernTopic = (typeof concernTopics)[number];

export const concernTopicLabels: Record<ConcernTopic, string> = {
  manager: "My manager",
  plan: "A success plan",
  colleague: "A colleague",
  wellbeing: "My wellbeing",
  other: "Something else",
};

export type ConcernStatus = "open" | "closed";

/** Which side of the thread the reader is on: the employee who raised it, or HR. */
export type ConcernViewer = "employee" | "hr";

/** How the inbox is filtered. */
export const inboxFilters = ["all", "open", "closed"] as const;
export type InboxFilter = (typeof inboxFilters)[number];
