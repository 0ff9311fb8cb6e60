// The vocabulary of success plans (see docs/domain: "The success plan: three pillars").

export const planStatuses = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "issued",
  "acknowledged",
  "active",
  "paused",
  "extended",
  "closed",
] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const outcomes = ["goals_met", "extended", "moved", "separation", "withdrawn"] as const;
export type Outcome = (typeof outcomes)[number];

export const causeKinds = [
  "unclear_expectations",
  "skill",
  "overload",
  "tools_or_resources",
  "motivation",
  "personal_or_health",
  "relationship_with_manager",
  "process",
] as const;
export type CauseKind = (typeof causeKinds)[number];

export const resourceKinds = [
  "training",
  "mentor",
  "time",
  "tool",
  "coaching",
  "reduced_demand",
] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export const resourceStatuses = ["offered", "in_use", "delivered", "not_delivered"] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

export const evidenceAnswers = ["same", "different"] as const;
export type EvidenceAnswer = (typeof evidenceAnswers)[number];

export const threadKinds = ["clarification", "support"] as const;
export type ThreadKind = (typeof threadKinds)[number];

export const checkinStatuses = ["scheduled", "held", "missed"] as const;
export type CheckinStatus = (typeof checkinStatuses)[number];

export const goalStatuses = ["on_track", "at_risk", "off_track", "met"] as const;
export type GoalStatus = (typeof goalStatuses)[number];

/** Lifecycle moves; each is an audit event `plan.<action>`. */
export const planActions = [
  "submit",
  "request_changes",
  "approve",
  "reopen",
  "issue",
  "acknowledge",
  "start",
  "pause",
  "resume",
  "extend",
  "close",
] as const;
export type PlanAction = (typeof planActions)[number];

export const MAX_GOALS = 5;
export const ALLOWED_CADENCES = [7, 14] as const;

export const labels = {
  status: {
    draft: "Draft",
    in_review: "In HR review",
    changes_requested: "Changes requested",
    approved: "Approved",
    issued: "Issued",
    acknowledged: "Acknowledged",
    active: "Active",
    paused: "Paused",
    extended: "Extended",
    closed: "Closed",
  } satisfies Record<PlanStatus, string>,
  outcome: {
    goals_met: "Goals met",
    extended: "Extended",
    moved: "Moved to another role or team",
    separation: "Separation",
    withdrawn: "Withdrawn",
  } satisfies Record<Outcome, string>,
  cause: {
    unclear_expectations: "Unclear expectations",
    skill: "Missing skill",
    overload: "Overload",
    tools_or_resources: "Missing tools or resources",
    motivation: "Motivation",
    personal_or_health: "A personal or health matter",
    relationship_with_manager: "The relationship with the manager",
    process: "A broken process",
  } satisfies Record<CauseKind, string>,
  resource: {
    training: "Training",
    mentor: "Mentor",
    time: "Time allowance",
    tool: "Tool",
    coaching: "Coaching",
    reduced_demand: "Reduced demand",
  } satisfies Record<ResourceKind, string>,
  resourceStatus: {
    offered: "Offered",
    in_use: "In use",
    delivered: "Delivered",
    not_delivered: "Not delivered",
  } satisfies Record<ResourceStatus, string>,
  goalStatus: {
    on_track: "On track",
    at_risk: "At risk",
    off_track: "Off track",
    met: "Met",
  } satisfies Record<GoalStatus, string>,
} as const;
