import type {
  Action,
  Actor,
  ConcernResource,
  DiagnosisResource,
  DiscussionResource,
  FeedbackResource,
  MentorshipResource,
  PersonResource,
  PlanResource,
  Resource,
  SeriesResource,
} from "./access.types.js";

type PersonActor = Extract<Actor, { kind: "person" }>;

const has = (actor: PersonActor, role: string) => actor.roles.includes(role as never);

/** HR partners act within their scope: the whole organisation or named departments. */
export function hrCovers(actor: PersonActor, department: string): boolean {
  if (!has(actor, "hr")) return false;
  return actor.hrScope.all || actor.hrScope.departments.includes(department);
}

function isSelf(actor: PersonActor, person: PersonResource) {
  return actor.personId === person.id;
}

function isDirectManager(actor: PersonActor, person: PersonResource) {
  return person.managerChain[0] === actor.personId;
}

function isSkipLevelManager(actor: PersonActor, person: PersonResource) {
  return person.managerChain.indexOf(actor.personId) > 0;
}

function personRule(actor: PersonActor, action: Action, person: PersonResource): boolean {
  switch (action) {
    case "person.view_card":
      // The directory is open to everyone in the organisation: names, titles, who reports to whom.
      return true;
    case "person.view_record":
      return (
        isSelf(actor, person) ||
        isDirectManager(actor, person) ||
        (actor.policy.skipLevelVisible && isSkipLevelManager(actor, person)) ||
        hrCovers(actor, person.department) ||
        has(actor, "admin")
      );
    case "person.view_demographics":
    case "person.update_demographics":
      // Self-declared and for fairness analysis only: the person and HR in scope, not managers, not admins.
      return isSelf(actor, person) || hrCovers(actor, person.department);
    case "person.update":
      // HR may not edit an admin: changing an admin's email would let HR take the account over
      // through a password reset.
      return (
        has(actor, "admin") ||
        (hrCovers(actor, person.department) && !person.grantedRoles?.includes("admin"))
      );
    case "person.view_protected_activities":
    case "person.record_protected_activity":
      // A complaint, a leave, a request: HR in scope alone, never the person's managers (an HR
      // director above them included: the complaint may be about them).
      return (
        !isSelf(actor, person) &&
        !person.managerChain.includes(actor.personId) &&
        hrCovers(actor, person.department)
      );
    case "coaching.view":
      // Profile, growth goals and onboarding: the person, their managers (skip-level read-only
      // where allowed) and HR in scope.
      return (
        isSelf(actor, person) ||
        isDirectManager(actor, person) ||
        (actor.policy.skipLevelVisible && isSkipLevelManager(actor, person)) ||
        hrCovers(actor, person.department)
      );
    case "coaching.edit":
      // The employee writes; their manager adds observations.
      return isSelf(actor, person) || isDirectManager(actor, person);
    case "coaching.view_health":
      // 1:1 cadence and cancellations, commitments kept: counts, never notes.
      return (
        isSelf(actor, person) ||
        isDirectManager(actor, person) ||
        (actor.policy.skipLevelVisible && isSkipLevelManager(actor, person)) ||
        hrCovers(actor, person.department)
      );
    case "oneonone.create":
      return isDirectManager(actor, person);
    case "feedback.give":
    case "feedback.request":
      // Anyone may give feedback to anyone else, or ask them for it.
      return !isSelf(actor, person);
    case "onboarding.manage":
    case "discussion.create":
      return (
        !isSelf(actor, person) &&
        (isDirectManager(actor, person) || hrCovers(actor, person.department))
      );
    case "person.manage_access":
    case "person.send_password_reset":
      return has(actor, "admin") && !isSelf(actor, person);
    case "concern.raise":
    case "record.export":
      // One's own concerns, one's own record: nobody raises or exports on another's behalf.
      return isSelf(actor, person);
    case "person.place_legal_hold":
      // A hold stops erasure; it reveals nothing. HR in scope (not on themselves) and admins.
      return !isSelf(actor, person) && (hrCovers(actor, person.department) || has(actor, "admin"));
    case "mentoring.suggest":
    case "mentoring.request":
      // Finding a mentor for someone: the person themselves, their direct manager, HR in scope.
      return (
        isSelf(actor, person) ||
        isDirectManager(actor, person) ||
        hrCovers(actor, person.department)
      );
    case "mentoring.volunteer":
      // One's own mentor profile; L&D and admins keep anyone's (mentor.manage on the org).
      return isSelf(actor, person) || has(actor, "ld") || has(actor, "admin");
    case "diagnosis.create":
      // The diagnostic conversation is the direct manager's (or HR's in scope), never on oneself.
      return (
        !isSelf(actor, person) &&
        (isDirectManager(actor, person) || hrCovers(actor, person.department))
      );
    case "diagnosis.list":
      // Diagnoses about a person: the person, their direct manager and HR in scope.
      return (
        isSelf(actor, person) ||
        isDirectManager(actor, person) ||
        hrCovers(actor, person.department)
      );
    default:
      return false;
  }
}

/**
 * A confidential concern: the employee who raised it, and HR in scope, but never the person it
 * is about nor anyone in the employee's management chain (an HR director above them included).
 */
function concernRule(actor: PersonActor, action: Action, concern: ConcernResource): boolean {
  const isEmployee = actor.personId === concern.employeeId;
  const isHr =
    !isEmployee &&
    actor.personId !== concern.aboutPersonId &&
    !concern.employeeManagerChain.includes(actor.personId) &&
    hrCovers(actor, concern.employeeDepartment);
  switch (action) {
    case "concern.view":
    case "concern.reply":
    case "concern.close":
      return isEmployee || isHr;
    case "concern.record_protected_activity":
      return isHr;
    default:
      return false;
  }
}

/**
 * Mentoring: mentor and mentee read it; the person who asked for it (a manager) sees that it was
 * asked and answered, never the session log (mentorship.log_session is the two's alone).
 */
function mentorshipRule(actor: PersonActor, action: Action, m: MentorshipResource): boolean {
  const isMentor = actor.personId === m.mentorId;
  const isMentee = actor.personId === m.menteeId;
  const isAsker = actor.personId === m.requestedById;
  switch (action) {
    case "mentorship.view":
      return isMentor || isMentee || isAsker;
    case "mentorship.respond":
      return isMentor && m.status === "requested";
    case "mentorship.log_session":
      return (isMentor || isMentee) && m.status === "active";
    case "mentorship.end":
      // Either of the two ends it; the asker may withdraw a request not yet answered.
      return (
        ((isMentor || isMentee) && (m.status === "active" || m.status === "requested")) ||
        (isAsker && m.status === "requested")
      );
    default:
      return false;
  }
}

/**
 * A diagnosis: the person who ran it and HR in scope; the employee reads what was recorded with
 * them once it is completed. Nobody else in the chain: it may hold a personal or health matter.
 */
function diagnosisRule(actor: PersonActor, action: Action, d: DiagnosisResource): boolean {
  const isEmployee = actor.personId === d.employeeId;
  const isRunner = actor.personId === d.managerId && !isEmployee;
  const isHr = !isEmployee && hrCovers(actor, d.employeeDepartment);
  switch (action) {
    case "diagnosis.view":
      return isRunner || isHr || (isEmployee && d.status === "completed");
    case "diagnosis.edit":
      return isRunner && d.status === "in_progress";
    default:
      return false;
  }
}

/** Statuses in which the employee sees their plan: never a draft or one under review. */
const employeeVisible = ["issued", "acknowledged", "active", "paused", "extended", "closed"];
const running = ["issued", "acknowledged", "active", "paused", "extended"];

/**
 * Success plans are confidential records: the employee (once issued), the plan's manager, their
 * management chain (read-only, where the organisation allows skip-level), and HR in scope.
 * Admins configure Headway; they do not read plans. Peers see nothing.
 */
function planRule(actor: PersonActor, action: Action, plan: PlanResource): boolean {
  const isEmployee = actor.personId === plan.employeeId;
  // A sealed plan: the record survives, the shadow does not. The manager who ran it keeps access
  // for a while; a later manager and the chain above never get it.
  const isManager =
    actor.personId === plan.managerId && (!plan.sealed || plan.sealedManagerAccess === true);
  const isHr = actor.personId !== plan.employeeId && hrCovers(actor, plan.employeeDepartment);
  const isSkipLevel =
    !plan.sealed &&
    actor.personId !== plan.managerId &&
    actor.policy.skipLevelVisible &&
    plan.employeeManagerChain.includes(actor.personId);
  switch (action) {
    case "plan.view":
      return (
        (isEmployee &&
          employeeVisible.includes(plan.status) &&
          (plan.status !== "closed" || plan.everIssued)) ||
        isManager ||
        isHr ||
        isSkipLevel
      );
    case "plan.edit":
    case "plan.submit":
      return isManager && plan.status !== "closed";
    case "plan.review":
      return isHr && !isManager && ["in_review"].includes(plan.status);
    case "plan.issue":
      return (isManager || isHr) && plan.status === "approved";
    case "plan.acknowledge":
      return isEmployee && plan.status !== "closed" && employeeVisible.includes(plan.status);
    case "plan.respond":
      return isEmployee && employeeVisible.includes(plan.status) && plan.status !== "closed";
    case "plan.answer_thread":
      return (isManager || isHr) && plan.status !== "closed";
    case "plan.record_checkin":
      return (isManager || isEmployee) && running.includes(plan.status);
    case "plan.manage":
      return (isManager || isHr) && plan.status !== "closed";
    case "plan.private_note":
      return (isManager || isHr || isSkipLevel) && !isEmployee;
    case "plan.view_review":
      // The review is for the people who write and check the plan, not the employee.
      return (isManager || isHr || isSkipLevel) && !isEmployee;
    case "plan.override_finding":
      // HR lets a plan go ahead despite a blocker, before it reaches the employee; never on
      // a plan they manage themselves, directly or from higher up.
      return (
        isHr &&
        !isManager &&
        !plan.employeeManagerChain.includes(actor.personId) &&
        ["in_review", "changes_requested", "approved"].includes(plan.status)
      );
    case "plan.view_engagement":
      // Support offered beside engagement missing is on the record both sides see.
      return planRule(actor, "plan.view", plan);
    case "plan.record_engagement_talk":
      return (isManager || isHr) && !isEmployee && running.includes(plan.status);
    default:
      return false;
  }
}

/** A 1:1 belongs to the two people in it; nobody else reads its agenda, notes or commitments. */
function seriesRule(actor: PersonActor, action: Action, series: SeriesResource): boolean {
  const inIt = actor.personId === series.managerId || actor.personId === series.reportId;
  switch (action) {
    case "oneonone.view":
      return inIt;
    case "oneonone.participate":
      return inIt && !series.ended;
    case "oneonone.manage":
      // The manager sets the cadence, pauses and resumes the series, until it ends.
      return actor.personId === series.managerId && !series.ended;
    default:
      return false;
  }
}

/**
 * Feedback: its giver always; the recipient once shared; HR in scope when shared with HR.
 * A draft is its author's alone.
 */
function feedbackRule(actor: PersonActor, action: Action, fb: FeedbackResource): boolean {
  const isGiver = actor.personId === fb.giverId;
  const isRecipient = actor.personId === fb.recipientId;
  switch (action) {
    case "feedback.view":
      return (
        isGiver ||
        (isRecipient && fb.visibility === "shared") ||
        (fb.visibility === "hr" && !isRecipient && hrCovers(actor, fb.recipientDepartment))
      );
    case "feedback.reply":
      return fb.visibility === "shared" && (isGiver || isRecipient);
    case "feedback.edit":
      return isGiver && fb.visibility === "draft";
    default:
      return false;
  }
}

/** A documented discussion: the manager and HR in scope; the employee once it is shared. */
function discussionRule(actor: PersonActor, action: Action, d: DiscussionResource): boolean {
  const isEmployee = actor.personId === d.employeeId;
  const isManager = actor.personId === d.managerId;
  const isHr = !isEmployee && hrCovers(actor, d.employeeDepartment);
  const isSkipLevel =
    !isManager && actor.policy.skipLevelVisible && d.employeeManagerChain.includes(actor.personId);
  switch (action) {
    case "discussion.view":
      return (isEmployee && d.status !== "draft") || isManager || isHr || isSkipLevel;
    case "discussion.edit":
      return (isManager || isHr) && d.status === "draft";
    case "discussion.respond":
      return isEmployee && d.status !== "draft";
    default:
      return false;
  }
}

/**
 * The one authorization policy. Pure: everything it needs is in its arguments.
 * Services call it on every read and write; the UI receives its answers as `abilities`.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind === "system") return true;
  switch (resource.type) {
    case "person":
      return personRule(actor, action, resource);
    case "api_token":
      if (action === "api_token.create") return resource.ownerId === actor.personId;
      if (action === "api_token.revoke")
        return resource.ownerId === actor.personId || has(actor, "admin");
      return false;
    case "org":
      switch (action) {
        case "org.view_settings":
          return has(actor, "admin") || has(actor, "hr");
        case "org.update_settings":
        case "org.manage_access":
        case "org.invite":
          // Granting roles and HR scope (one by one or by import) is for admins alone.
          return has(actor, "admin");
        case "org.import":
        case "org.export":
          return has(actor, "admin") || (has(actor, "hr") && actor.hrScope.all);
        case "mail.view_outbox":
          return has(actor, "admin");
        case "plan.view_queue":
          return has(actor, "hr");
        case "concern.view_inbox":
          return has(actor, "hr");
        case "org.manage_retention":
          // Retention is a legal policy: admins and HR for the whole organisation.
          return has(actor, "admin") || (has(actor, "hr") && actor.hrScope.all);
        case "org.manage_sign_in":
        case "org.manage_provisioning":
          return has(actor, "admin");
        case "catalogue.view":
          // The catalogue is open to everyone: anyone may look for a course for themselves.
          return true;
        case "catalogue.manage":
        case "mentor.manage":
          return has(actor, "ld") || has(actor, "admin");
        case "catalogue.view_stats":
        case "guidance.view_stats":
          // Counts only, never a name: L&D, HR and admins.
          return has(actor, "ld") || has(actor, "hr") || has(actor, "admin");
        case "insight.view":
          // Dashboards: HR sees its scope; L&D sees the organisation in aggregate, never a name.
          return has(actor, "hr") || has(actor, "ld");
        case "insight.view_named":
        case "insight.view_fairness":
          // Managers' names, plans at risk and groups recorded by HR: HR alone, within scope.
          return has(actor, "hr");
        case "org.manage_insight":
        case "org.manage_sealing":
        case "org.update_review_policy":
          // The review's thresholds are a fairness policy: admins and HR for the whole organisation.
          return has(actor, "admin") || (has(actor, "hr") && actor.hrScope.all);
        default:
          return false;
      }
    case "plan":
      return planRule(actor, action, resource);
    case "series":
      return seriesRule(actor, action, resource);
    case "feedback":
      return feedbackRule(actor, action, resource);
    case "discussion":
      return discussionRule(actor, action, resource);
    case "concern":
      return concernRule(actor, action, resource);
    case "mentorship":
      return mentorshipRule(actor, action, resource);
    case "diagnosis":
      return diagnosisRule(actor, action, resource);
    case "plan_subject":
      // A manager drafts plans for their own reports; HR in scope may draft one too.
      if (action !== "plan.create") return false;
      return (
        resource.person.id !== actor.personId &&
        (isDirectManager(actor, resource.person) || hrCovers(actor, resource.person.department))
      );
    case "audit":
      if (action === "audit.view") return has(actor, "admin") || has(actor, "hr");
      if (action === "audit.view_all")
        return has(actor, "admin") || (has(actor, "hr") && actor.hrScope.all);
      return false;
  }
}

/** The answers of can() for a list of actions, as sent to the UI. */
export function abilitiesFor<A extends Action>(
  actor: Actor,
  resource: Resource,
  list: readonly A[],
): Record<A, boolean> {
  return Object.fromEntries(list.map((a) => [a, can(actor, a, resource)])) as Record<A, boolean>;
}
