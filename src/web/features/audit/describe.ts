import { formatDateTime } from "../../lib/format";
import type { AuditEvent, CauseKind } from "../../types";
import { causeLabel } from "../plans/labels";

const actionNames: Record<string, string> = {
  "setup.link_issued": "Setup link issued",
  "setup.completed": "First admin created",
  "auth.signed_in": "Signed in",
  "auth.signed_out": "Signed out",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.password_reset_requested": "Password reset requested",
  "auth.password_reset_sent": "Password reset sent",
  "auth.password_reset": "Password changed",
  "auth.invitation_sent": "Invitation sent",
  "auth.invitations_sent": "Invitations sent",
  "auth.invitation_accepted": "Invitation accepted",
  "auth.admin_created": "Admin created",
  "auth.passwords_set": "Passwords set",
  "person.created": "Person added",
  "person.updated": "Person changed",
  "person.access_changed": "Access changed",
  "person.demographics_updated": "Demographics changed",
  "org.people_imported": "People imported",
  "org.settings_updated": "Settings changed",
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "plan.finding_overridden": "Review blocker overridden",
  "plan.prior_notice_added": "Prior notice recorded",
  "plan.prior_notice_removed": "Prior notice removed",
  "person.protected_activity_recorded": "Protected activity recorded",
  "review.policy_updated": "Review policy changed",
  "mail.sent": "Email sent",
  "mail.failed": "Email failed",
  "mail.skipped": "Email skipped",
  "plan.viewed": "Plan viewed",
  "plan.engagement_talk_recorded": "Engagement conversation recorded",
  "plan.engagement_signal_raised": "Engagement signal: manager asked to talk first",
  "plan.sealed": "Plan sealed",
  "plan.sealed_accessed": "Sealed plan opened",
  "plan.sealed_access_refused": "Sealed plan refused",
  "org.sealing_updated": "Sealed plans: manager's period changed",
  "record.exported": "Own record exported",
  "audit.checkpoint_signed": "Audit checkpoint signed",
  "concern.raised": "Confidential concern raised",
  "concern.replied": "Confidential thread answered",
  "concern.viewed": "Confidential thread viewed",
  "concern.read": "Confidential thread read",
  "concern.closed": "Confidential thread closed",
  "concern.reopened": "Confidential thread reopened",
  "hr.confidential_recorded": "Confidential HR record kept",
  "auth.identity_linked": "Single sign-on identity linked",
  "auth.sso_started": "Single sign-on started",
  "auth.sso_failed": "Single sign-on refused",
  "auth.settings_updated": "Sign-in settings changed",
  "auth.password_changed": "Password changed",
  "auth.second_factor_requested": "Second factor asked for",
  "auth.totp_enrolment_started": "Second factor set-up started",
  "auth.totp_enabled": "Second factor turned on",
  "auth.totp_disabled": "Second factor turned off",
  "auth.totp_reset": "Second factor reset by an admin",
  "auth.recovery_code_used": "Recovery code used",
  "auth.recovery_codes_replaced": "Recovery codes renewed",
  "auth.session_revoked": "Session signed out",
  "auth.other_sessions_ended": "Other sessions signed out",
  "scim.user_created": "Provisioned: person added",
  "scim.user_updated": "Provisioned: person changed",
  "scim.user_linked": "Provisioned: person linked",
  "scim.user_deactivated": "Provisioned: person deactivated",
  "scim.user_reactivated": "Provisioned: person reactivated",
  "scim.group_created": "Provisioned: group added",
  "scim.group_updated": "Provisioned: group changed",
  "scim.group_deleted": "Provisioned: group removed",
  "scim.group_mapped": "Group mapped to a role",
  "scim.token_created": "Provisioning token created",
  "scim.token_revoked": "Provisioning token revoked",
  "keys.data_key_created": "Data key created",
  "keys.data_keys_retired": "Data keys retired",
  "keys.data_keys_destroyed": "Retired data keys destroyed",
  "keys.master_key_changed": "Master key changed",
  "keys.plaintext_sealed": "Older records encrypted",
  "keys.values_resealed": "Records re-encrypted",
  "retention.policy_updated": "Retention periods changed",
  "retention.erased": "Records erased after retention",
  "legal_hold.placed": "Legal hold placed",
  "legal_hold.released": "Legal hold released",
  "diagnosis.started": "Diagnostic conversation started",
  "diagnosis.saved": "Diagnostic conversation saved",
  "diagnosis.completed": "Diagnostic conversation completed",
  "diagnosis.applied": "Diagnosis applied to its plan",
  "diagnosis.consent_withdrawn": "Employee's answers deleted: consent withdrawn",
  "diagnosis.viewed": "Diagnostic conversation viewed",
  "plan.causes_from_diagnosis": "Causes added from a diagnostic conversation",
  "guidance.shown": "Guidance card shown",
  "guidance.dismissed": "Guidance card dismissed",
  "guidance.handbook_opened": "Handbook opened from a guidance card",
  "catalogue.item_created": "Catalogue resource added",
  "catalogue.item_updated": "Catalogue resource changed",
  "catalogue.item_archived": "Catalogue resource archived",
  "catalogue.item_restored": "Catalogue resource restored",
  "catalogue.session_added": "Workshop date added",
  "catalogue.session_cancelled": "Workshop date cancelled",
  "catalogue.imported": "Catalogue imported",
  "mentor.profile_saved": "Mentor profile saved",
  "mentorship.requested": "Mentor asked",
  "mentorship.accepted": "Mentoring accepted",
  "mentorship.declined": "Mentoring declined",
  "mentorship.ended": "Mentoring ended",
  "mentorship.withdrawn": "Mentoring request withdrawn",
  "mentorship.session_logged": "Mentoring session logged",
  "plan.resource_added": "Resource added to a plan goal",
  "growth_goal.resource_added": "Resource added to a growth goal",
  "growth_goal.resource_updated": "Growth goal resource marked",
  "growth_goal.resource_removed": "Resource removed from a growth goal",
};

export function actionName(action: string): string {
  if (actionNames[action]) return actionNames[action];
  const text = action.replace(/[._]+/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Kinds of event to filter by: the part of the action before the dot. */
export const actionPrefixes: { value: string; label: string }[] = [
  { value: "person.", label: "People" },
  { value: "auth.", label: "Sign-in and accounts" },
  { value: "org.", label: "Organisation" },
  { value: "plan.", label: "Success plans" },
  { value: "plan.viewed", label: "Who viewed a plan" },
  { value: "plan.sealed", label: "Sealed plans: sealing, reads and refused attempts" },
  { value: "record.", label: "Own record exports" },
  { value: "audit.", label: "Audit checkpoints" },
  { value: "scim.", label: "Provisioning" },
  { value: "keys.", label: "Encryption keys" },
  { value: "retention.", label: "Retention" },
  { value: "legal_hold.", label: "Legal holds" },
  { value: "concern.", label: "Confidential threads (no names, no text)" },
  { value: "review.", label: "Plan review policy" },
  { value: "diagnosis.", label: "Diagnostic conversations (no notes)" },
  { value: "guidance.", label: "Guidance cards (never who)" },
  { value: "catalogue.", label: "Resource catalogue" },
  { value: "mentorship.", label: "Mentoring (no topics)" },
  { value: "mentor.", label: "Mentor profiles" },
  { value: "api_token.", label: "API tokens" },
  { value: "mail.", label: "Email" },
  { value: "setup.", label: "Setup" },
];

/** What was read of a sealed plan (plans.sealing.service SealedRead). */
const sealedReads: Record<string, string> = {
  plan: "the plan",
  pdf: "the plan's PDF",
  version: "a version of the plan",
  version_changes: "what changed in a version",
  review: "the plan's review",
  prior_notice: "the plan's prior notice",
  participation: "the plan's check-ins and answers",
  engagement: "the plan's engagement record",
  write: "the plan, to change it,",
};

/** Cause keys (never notes) as their labels. */
const causesText = (v: unknown): string =>
  Array.isArray(v) && v.length
    ? v.map((c) => causeLabel[c as CauseKind] ?? String(c)).join(", ")
    : "none";

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
// Ids and digests mean nothing to a reader; the event's own columns already say who and what.
const opaque = /^(?:[0-9a-f]{32,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const hiddenKeys = new Set(["ip", "userAgent", "sessionId", "account"]);

const show = (v: unknown): string => {
  if (typeof v === "string" && isoTime.test(v)) return formatDateTime(v);
  if (v === null || v === undefined || v === "") return "—";
  if (Array.isArray(v)) return v.length ? v.map(show).join(", ") : "none";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
};

/** "engagement.missed_checkins" → "missed checkins". */
const signalName = (code: unknown) =>
  String(code ?? "")
    .replace("engagement.", "")
    .replace(/_/g, " ");

/** A one-line summary of an event's non-confidential data. */
export function summarise(event: AuditEvent): string {
  const d = (event.data ?? {}) as Record<string, unknown>;
  switch (event.action) {
    case "catalogue.imported":
    case "org.people_imported":
      return `${show(d.create)} added, ${show(d.update)} updated, ${show(d.unchanged)} unchanged`;
    case "person.created":
      return d.via === "import" ? `From the import, line ${show(d.line)}` : "";
    case "person.updated":
      return [
        d.via === "import" ? `From the import, line ${show(d.line)}` : null,
        Array.isArray(d.fields) && d.fields.length ? `Changed: ${show(d.fields)}` : null,
      ]
        .filter(Boolean)
        .join(". ");
    case "mentor.profile_saved":
      return d.created
        ? "Added to the mentor directory"
        : Array.isArray(d.fields) && d.fields.length
          ? `Changed: ${show(d.fields)}`
          : "Saved without changes";
    case "mentorship.declined":
      return d.withReason ? "Declined, with a reason for the asker" : "Declined";
    case "mentorship.session_logged":
      return "A session was logged (its topic is kept encrypted, for the mentor and mentee only)";
    case "person.demographics_updated":
      return Array.isArray(d.fields) ? `Fields: ${show(d.fields)}` : "";
    case "auth.sign_in_failed":
      return "Wrong email or password";
    case "person.access_changed":
      return `Roles: ${show(d.roles)}${d.hrScopeAll ? "; HR scope: whole organisation" : Array.isArray(d.hrScopeDepartments) && d.hrScopeDepartments.length ? `; HR scope: ${show(d.hrScopeDepartments)}` : ""}`;
    case "auth.invitations_sent":
    case "auth.passwords_set":
      return `${show(d.count)} ${d.count === 1 ? "person" : "people"}`;
    case "auth.invitation_sent":
    case "auth.password_reset_sent":
      return `To ${show(d.to)}`;
    case "mail.sent":
      return `To ${show(d.to)}: ${show(d.subject)}`;
    case "mail.failed":
      return `To ${show(d.to)}: ${show(d.error)}`;
    case "plan.viewed":
      return "Opened the plan or its PDF (recorded once an hour per reader)";
    case "diagnosis.viewed":
      return "Opened the diagnostic conversation (recorded once an hour per reader)";
    case "diagnosis.saved":
      return [
        Array.isArray(d.fields) && d.fields.length ? `Changed: ${show(d.fields)}` : null,
        d.consent === "given" ? "the employee's consent recorded" : null,
        d.consent === "withdrawn" ? "consent withdrawn, their answers deleted" : null,
      ]
        .filter(Boolean)
        .join("; ");
    case "diagnosis.completed":
      return `Causes: ${causesText(d.causes)}${d.employeeAnswers ? "; with the employee's own answers" : ""}`;
    case "diagnosis.applied":
    case "plan.causes_from_diagnosis":
      return `Added to the plan: ${causesText(d.added)}`;
    case "diagnosis.consent_withdrawn":
      return d.by === "employee" ? "By the employee" : "By the person who ran it";
    case "plan.engagement_talk_recorded": {
      const codes = Array.isArray(d.signals) ? d.signals.map(signalName) : [];
      return codes.length ? `Signals addressed: ${codes.join(", ")}` : "No signal named";
    }
    case "plan.engagement_signal_raised":
      return `${signalName(d.code)} since ${show(d.since)}; ${show(d.notified)} told`;
    case "guidance.shown":
    case "guidance.dismissed":
    case "guidance.handbook_opened":
      return `Card “${show(d.cardId)}” (who saw it is never recorded)`;
    case "plan.sealed":
      return `Closed with its goals met. The manager who ran it may open it until ${show(d.managerUntil)}${
        d.sweep ? " (sealed at start-up: it closed before plans were sealed)" : ""
      }`;
    case "plan.sealed_accessed":
      return `Read ${sealedReads[String(d.what)] ?? "the plan"}${
        d.as ? ` as ${d.as === "hr" ? "HR" : `the ${show(d.as)}`}` : ""
      } (every read of a sealed plan is recorded)`;
    case "plan.sealed_access_refused":
      return `Tried to open ${sealedReads[String(d.what)] ?? "the plan"} and was refused: the plan is sealed`;
    case "plan.resource_added":
    case "growth_goal.resource_added": {
      const what =
        d.kind === "mentor"
          ? "A mentor was asked (they are told the topic, never the plan)"
          : d.catalogueSessionId
            ? "A workshop date from the catalogue"
            : d.catalogueItemId
              ? "A resource from the catalogue"
              : `A resource (${show(d.kind)})`;
      return d.returnedToDraft ? `${what}; the plan went back to draft for HR review` : what;
    }
    case "growth_goal.resource_updated":
      return `Marked ${String(d.to ?? "").replace(/_/g, " ")} (was ${String(d.from ?? "").replace(/_/g, " ")})`;
    case "growth_goal.resource_removed":
      return d.catalogueItemId
        ? "A catalogue resource was taken off the goal"
        : `Kind: ${show(d.kind)}`;
    case "org.sealing_updated":
      return `The manager who ran a sealed plan may open it for ${show(d.managerDays)} days (was ${show(d.previous)})`;
    case "record.exported":
      return d.format === "zip"
        ? "Downloaded as a zip: record, PDF and signature"
        : "Exported as JSON with its signature";
    case "audit.checkpoint_signed":
      return `Signed event ${show(d.sequence)} with key ${show(d.keyId)}${
        typeof d.emailed === "number" && d.emailed > 0
          ? `; emailed to ${d.emailed} ${d.emailed === 1 ? "recipient" : "recipients"}`
          : ""
      }`;
  }
  return Object.entries(d)
    .filter(([k, v]) => !hiddenKeys.has(k) && !(typeof v === "string" && opaque.test(v)))
    .map(([k, v]) => `${k.replace(/([A-Z])/g, " $1").toLowerCase()}: ${show(v)}`)
    .join("; ");
}

/** What a subject type is called in the audit browser ("About …"). */
export const subjectNames: Record<string, string> = {
  org: "the organisation",
  setup: "setup",
  api_token: "an API token",
  session: "a session",
  mail: "an email",
  plan: "a success plan",
  audit: "the audit trail",
  hr_record: "a confidential HR record",
  guidance_card: "a guidance card",
  mentorship: "a mentorship",
  mentor_profile: "a mentor profile",
};
