/** Roles a person can be granted. "manager" is derived: anyone with reports is one. */
export const grantedRoles = ["admin", "hr", "ld"] as const;
export type GrantedRole = (typeof grantedRoles)[number];
export type Role = GrantedRole | "manager" | "employee";

export type HrScope = { all: boolean; departments: string[] };

/** Who is acting. The CLI and the setup flow act as `system`. */
export type Actor =
  | {
      kind: "person";
      personId: string;
      name: string;
      roles: Role[];
      hrScope: HrScope;
      /** Organisation policy that widens or narrows what people see. */
      policy: { skipLevelVisible: boolean };
    }
  | { kind: "system"; label: string };

/** What can() needs to know about a person to decide: department and the chain of managers above them. */
export type PersonResource = {
  type: "person";
  id: string;
  department: string;
  /** Manager ids from the direct manager upward. */
  managerChain: string[];
  /** Roles granted to the person (admin, hr, ld); absent means none. */
  grantedRoles?: readonly string[];
};

export type TokenResource = { type: "api_token"; ownerId: string };
export type OrgResource = { type: "org" };
export type AuditResource = { type: "audit" };

/** A success plan, with what can() needs: who it is about and where it stands. */
export type PlanResource = {
  type: "plan";
  employeeId: string;
  managerId: string;
  hrPartnerId: string | null;
  /** The employee's department and management chain (direct manager first). */
  employeeDepartment: string;
  employeeManagerChain: string[];
  status: string;
  /** Whether the plan was ever issued to the employee: one withdrawn before that stays hidden. */
  everIssued: boolean;
  /**
   * Sealed after closing with its goals met: only the employee, HR in scope and (while
   * `sealedManagerAccess`) the manager who ran it may see it. Computed at load with the clock.
   */
  sealed?: boolean;
  sealedManagerAccess?: boolean;
};

/** Creating a plan for someone: the person it would be about. */
export type PlanSubjectResource = { type: "plan_subject"; person: PersonResource };

/** A 1:1 series: the two people in it, and where the report sits. */
export type SeriesResource = {
  type: "series";
  managerId: string;
  reportId: string;
  /** Ended on a reporting change: kept to read, closed to anything new. */
  ended: boolean;
  reportDepartment: string;
  /** The report's management chain, direct manager first. */
  reportManagerChain: string[];
};

/** One piece of written feedback. */
export type FeedbackResource = {
  type: "feedback";
  giverId: string;
  recipientId: string;
  recipientDepartment: string;
  visibility: "shared" | "draft" | "hr";
};

/** A documented performance discussion. */
export type DiscussionResource = {
  type: "discussion";
  employeeId: string;
  managerId: string;
  employeeDepartment: string;
  employeeManagerChain: string[];
  status: "draft" | "shared" | "acknowledged";
};

/**
 * A concern raised with HR in confidence: who raised it, whom it is about, and where the
 * employee sits (HR in scope reads it; nobody in the employee's management chain ever does).
 */
export type ConcernResource = {
  type: "concern";
  employeeId: string;
  aboutPersonId: string | null;
  employeeDepartment: string;
  /** The employee's management chain, direct manager first. */
  employeeManagerChain: string[];
};

/** A mentoring relationship: the mentor, the mentee, and who asked for it. */
export type MentorshipResource = {
  type: "mentorship";
  mentorId: string;
  menteeId: string;
  requestedById: string;
  status: "requested" | "active" | "declined" | "ended" | "withdrawn";
};

/** A root-cause diagnosis: the conversation a manager (or HR) runs with a report. */
export type DiagnosisResource = {
  type: "diagnosis";
  employeeId: string;
  managerId: string;
  employeeDepartment: string;
  employeeManagerChain: string[];
  status: "in_progress" | "completed";
};

export type Resource =
  | PersonResource
  | TokenResource
  | OrgResource
  | AuditResource
  | PlanResource
  | PlanSubjectResource
  | SeriesResource
  | FeedbackResource
  | DiscussionResource
  | ConcernResource
  | MentorshipResource
  | DiagnosisResource;

export const actions = [
  "person.view_card",
  "person.view_record",
  "person.view_demographics",
  "person.update",
  "person.update_demographics",
  "person.manage_access",
  "person.send_password_reset",
  "org.view_settings",
  "org.update_settings",
  "org.import",
  "org.export",
  "org.manage_access",
  "org.invite",
  "audit.view",
  "audit.view_all",
  "mail.view_outbox",
  "plan.create",
  "plan.view",
  "plan.edit",
  "plan.submit",
  "plan.review",
  "plan.issue",
  "plan.acknowledge",
  "plan.respond",
  "plan.answer_thread",
  "plan.record_checkin",
  "plan.manage",
  "plan.private_note",
  "plan.view_queue",
  "plan.view_review",
  "plan.override_finding",
  "person.view_protected_activities",
  "person.record_protected_activity",
  "org.update_review_policy",
  // Coaching, on a person: their profile, growth goals, onboarding plan, 1:1 health.
  "coaching.view",
  "coaching.edit",
  "coaching.view_health",
  "oneonone.create",
  "feedback.give",
  "feedback.request",
  "onboarding.manage",
  "discussion.create",
  // On a 1:1 series.
  "oneonone.view",
  "oneonone.participate",
  "oneonone.manage",
  // On feedback.
  "feedback.view",
  "feedback.reply",
  "feedback.edit",
  // On a documented discussion.
  "discussion.view",
  "discussion.edit",
  "discussion.respond",
  "api_token.create",
  "api_token.revoke",
  // Trust: the confidential channel, the person's own record, legal holds.
  "concern.raise",
  "record.export",
  "person.place_legal_hold",
  // On a concern.
  "concern.view",
  "concern.reply",
  "concern.close",
  "concern.record_protected_activity",
  // On the organisation.
  "concern.view_inbox",
  "org.manage_retention",
  "org.manage_sign_in",
  "org.manage_provisioning",
  // Enablement, on the organisation: L&D's catalogue, mentors, guidance counts, sealing policy.
  "catalogue.view",
  "catalogue.manage",
  "catalogue.view_stats",
  "mentor.manage",
  "guidance.view_stats",
  "org.manage_sealing",
  // On a person: mentoring for them, a diagnosis with them, their own mentor profile.
  "mentoring.suggest",
  "mentoring.request",
  "mentoring.volunteer",
  "diagnosis.create",
  "diagnosis.list",
  // On a mentorship.
  "mentorship.view",
  "mentorship.respond",
  "mentorship.log_session",
  "mentorship.end",
  // On a diagnosis.
  "diagnosis.view",
  "diagnosis.edit",
  // On a plan: when someone won't engage.
  "plan.view_engagement",
  "plan.record_engagement_talk",
  // Insight, on the organisation: aggregates for HR and L&D; names and plans for HR alone.
  "insight.view",
  "insight.view_named",
  "insight.view_fairness",
  "org.manage_insight",
] as const;
export type Action = (typeof actions)[number];
