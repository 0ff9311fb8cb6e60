// Response types come from the server's own code (type-only imports: nothing of the server is
// bundled). JSONParsed turns what a service returns into what arrives over the wire (Date → string).
import type { JSONParsed } from "hono/utils/types";
import type { Action, HrScope, Role } from "../access/access.types";
import type {
  createApiToken,
  inviteEveryoneWithoutAccount,
  invitePerson,
  isSetupNeeded,
  listApiTokens,
  PersonActor,
} from "../modules/auth/auth.service";
import type { findOutbox, Mailer } from "../modules/mail/mail.service";
import type { listMyNotifications } from "../modules/notify/notify.routes";
import type {
  commitImport,
  getMyTeam,
  getPersonPage,
  getSettings,
  listDepartments,
  listDirectory,
  PersonCard,
  presentPlan,
} from "../modules/org/org.service";
import type {
  getPlanDetail,
  getVersionChanges,
  listPlans,
  PlanDocumentInput as PlanDocumentInputType,
} from "../modules/plans/plans.service";
import type {
  CauseKind,
  CheckinStatus,
  GoalStatus,
  Outcome,
  PlanAction,
  PlanStatus,
  ResourceKind,
  ResourceStatus,
  ThreadKind,
} from "../modules/plans/plans.types";
import type { findAuditEvents, verifyAuditTrail } from "../modules/record/record.service";
import type {
  getPlanReview,
  getPolicy,
  PriorNotice as PriorNoticeType,
  ProtectedActivity as ProtectedActivityType,
} from "../modules/review/review.service";
import type {
  PlanForReview,
  PriorNoticeKind,
  ProtectedActivityKind,
} from "../modules/review/review.types";

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type { Action, PersonCard, Role };

export type Abilities = Partial<Record<Action, boolean>>;

export type Me = {
  person: Pick<PersonCard, "id" | "name" | "email" | "title" | "department">;
  roles: PersonActor["roles"];
  hrScope: HrScope;
  abilities: Abilities;
};

export type SetupStatus = { needed: Wire<typeof isSetupNeeded> };
export type Directory = Wire<typeof listDirectory>;
export type Department = Wire<typeof listDepartments>[number];
export type PersonPage = Wire<typeof getPersonPage>;
export type PersonRecord = NonNullable<PersonPage["record"]>;
export type Team = Wire<typeof getMyTeam>;
export type TeamMember = Team["direct"][number];
export type OrgSettings = Wire<typeof getSettings>;
export type ImportPreview = JSONParsed<ReturnType<typeof presentPlan>>;
export type ImportProblem = ImportPreview["problems"][number];
export type ImportSummary = Wire<typeof commitImport>;
export type ApiToken = Wire<typeof listApiTokens>[number];
export type NewApiToken = Wire<typeof createApiToken>;
export type InvitationSent = Pick<Wire<typeof invitePerson>, "expiresAt">;
export type InvitationsSent = Wire<typeof inviteEveryoneWithoutAccount>;
export type AuditEvent = Wire<typeof findAuditEvents>[number];
export type AuditPage = { items: AuditEvent[]; nextBefore: number | null };
export type AuditVerification = Wire<typeof verifyAuditTrail>;
export type OutboxMessage = Wire<typeof findOutbox>[number];
export type Outbox = { transport: Mailer["transport"]; items: OutboxMessage[] };

// ---------- success plans ----------
export type {
  CauseKind,
  CheckinStatus,
  GoalStatus,
  Outcome,
  PlanAction,
  PlanStatus,
  ResourceKind,
  ResourceStatus,
  ThreadKind,
};

export type PlanList = Wire<typeof listPlans>;
export type PlanSummary = PlanList["items"][number];
export type PlanDetail = Wire<typeof getPlanDetail>;
export type PlanInfo = PlanDetail["plan"];
export type PlanEvidence = PlanDetail["evidence"][number];
export type PlanCause = PlanDetail["causes"][number];
export type PlanGoal = PlanDetail["goals"][number];
export type PlanResource = PlanGoal["resources"][number];
export type PlanMilestone = PlanGoal["milestones"][number];
/** HR's decision on a submitted plan (approve or request changes). */
export type PlanReviewDecision = PlanDetail["reviews"][number];
export type PlanVersion = PlanDetail["versions"][number];
export type PlanThread = PlanDetail["threads"][number];
export type PlanActionItem = PlanDetail["actionItems"][number];
export type PlanAchievement = PlanDetail["achievements"][number];
export type PlanResponse = PlanDetail["responses"][number];
export type PlanCheckin = PlanDetail["checkins"][number];
export type GoalProgress = PlanDetail["goalProgress"][number];
export type PlanPrivateNote = PlanDetail["privateNotes"][number];
export type PlanChanges = Wire<typeof getVersionChanges>;
export type PlanDocumentInput = PlanDocumentInputType;

export type Notifications = Wire<typeof listMyNotifications>;
export type AppNotification = Notifications["items"][number];

// ---------- the plan review (guardrails) ----------
export type { PriorNoticeKind, ProtectedActivityKind };
/** The review of a plan or of an unsaved draft: findings, HR's overrides, a summary. */
export type PlanReview = Wire<typeof getPlanReview>;
export type ReviewFinding = PlanReview["findings"][number];
export type Severity = ReviewFinding["severity"];
/** What the review takes: a draft as the editor holds it, nothing saved. */
export type DraftForReview = Omit<PlanForReview, "issued" | "checkinDates">;
export type PriorNotice = JSONParsed<PriorNoticeType>;
export type PlanPriorNotice = PlanDetail["priorNotice"][number];
export type PlanOverride = PlanDetail["overrides"][number];
export type ProtectedActivity = JSONParsed<ProtectedActivityType>;
export type ReviewPolicy = Wire<typeof getPolicy>;
