import type {
  CauseKind,
  GoalStatus,
  Outcome,
  PlanAction,
  PlanStatus,
  ResourceKind,
  ResourceStatus,
} from "../../types";
import type { BadgeTone } from "../../ui";

// Words for the plan vocabulary, as the people using Headway read them.

export const statusLabel: Record<PlanStatus, string> = {
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
};

export const statusTone: Record<PlanStatus, BadgeTone> = {
  draft: "neutral",
  in_review: "warning",
  changes_requested: "warning",
  approved: "accent",
  issued: "accent",
  acknowledged: "accent",
  active: "success",
  paused: "neutral",
  extended: "success",
  closed: "neutral",
};

export const statusOrder: PlanStatus[] = [
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
];

export const outcomeLabel: Record<Outcome, string> = {
  goals_met: "Goals met",
  extended: "Extended",
  moved: "Moved to another role or team",
  separation: "Separation",
  withdrawn: "Withdrawn",
};

export const causeLabel: Record<CauseKind, string> = {
  unclear_expectations: "Unclear expectations",
  skill: "Missing skill",
  overload: "Overload",
  tools_or_resources: "Missing tools or resources",
  motivation: "Motivation",
  personal_or_health: "A personal or health matter",
  relationship_with_manager: "The relationship with the manager",
  process: "A broken process",
};

export const causeHint: Record<CauseKind, string> = {
  unclear_expectations: "The standard was never written down or shared.",
  skill: "They have not yet learned how to do this well.",
  overload: "Too much work for the time there is.",
  tools_or_resources: "Something they need to do the job is missing.",
  motivation: "The work no longer connects with what they want.",
  personal_or_health: "Something outside work is weighing on them.",
  relationship_with_manager: "Trust or communication with you is strained.",
  process: "The way the work is organised gets in the way.",
};

export const resourceLabel: Record<ResourceKind, string> = {
  training: "Training",
  mentor: "Mentor",
  time: "Time allowance",
  tool: "Tool",
  coaching: "Coaching",
  reduced_demand: "Reduced demand",
};

export const resourceStatusLabel: Record<ResourceStatus, string> = {
  offered: "Offered",
  in_use: "In use",
  delivered: "Delivered",
  not_delivered: "Not delivered",
};

export const resourceStatusTone: Record<ResourceStatus, BadgeTone> = {
  offered: "neutral",
  in_use: "accent",
  delivered: "success",
  not_delivered: "danger",
};

export const goalStatusLabel: Record<GoalStatus, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  met: "Met",
};

export const goalStatusTone: Record<GoalStatus, BadgeTone> = {
  on_track: "success",
  at_risk: "warning",
  off_track: "danger",
  met: "success",
};

/** Button names for lifecycle moves (the acknowledgement has its own banner). */
export const actionLabel: Record<PlanAction, string> = {
  submit: "Submit to HR",
  request_changes: "Request changes",
  approve: "Approve",
  reopen: "Reopen as draft",
  issue: "Issue plan",
  acknowledge: "Acknowledge receipt",
  start: "Start plan",
  pause: "Pause plan",
  resume: "Resume plan",
  extend: "Extend plan",
  close: "Close plan",
};

export const planTitle = (employeeName: string) => `Success plan for ${employeeName}`;

/** "evidence:<id>" → a readable name of the section a response is attached to. */
export function sectionName(
  section: string,
  plan: { evidence: { id: string; title: string }[]; goals: { id: string; description: string }[] },
): string {
  if (section === "standard") return "The standard";
  if (section === "diagnosis") return "Diagnosis";
  if (section === "schedule") return "Schedule";
  const [kind, id] = section.split(":");
  if (kind === "evidence")
    return `Evidence: ${plan.evidence.find((e) => e.id === id)?.title ?? "an item"}`;
  if (kind === "goal")
    return `Goal: ${plan.goals.find((g) => g.id === id)?.description ?? "a goal"}`;
  return section;
}
