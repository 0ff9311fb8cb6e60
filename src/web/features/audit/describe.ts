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
  }
  return Object.entries(d)
    .filter(([k, v]) => !hiddenKeys.has(k) && !(typeof v === "string" && opaque.test(v)))
    .map(([k, v]) => `${k.replace(/([A-Z])/g, " $1").toLowerCase()}: ${show(v)}`)
    .join("; ");
}
