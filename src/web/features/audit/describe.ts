import { formatDateTime } from "../../lib/format";
import type { AuditEvent } from "../../types";

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
  { value: "record.", label: "Own record exports" },
  { value: "audit.", label: "Audit checkpoints" },
  { value: "scim.", label: "Provisioning" },
  { value: "keys.", label: "Encryption keys" },
  { value: "retention.", label: "Retention" },
  { value: "legal_hold.", label: "Legal holds" },
  { value: "concern.", label: "Confidential threads (no names, no text)" },
  { value: "review.", label: "Plan review policy" },
  { value: "api_token.", label: "API tokens" },
  { value: "mail.", label: "Email" },
  { value: "setup.", label: "Setup" },
];

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

/** A one-line summary of an event's non-confidential data. */
export function summarise(event: AuditEvent): string {
  const d = (event.data ?? {}) as Record<string, unknown>;
  switch (event.action) {
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
};
