import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { people } from "../org/org.table.js";

/** A person's sign-in credential. Only an argon2id hash is stored. */
export const credentials = pgTable("credentials", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  passwordHash: text("password_hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  /** The TOTP secret (encrypted); set while enrolling, in use once `totpEnabledAt` is set. */
  totpSecret: text("totp_secret"),
  totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
  /** The last time step a code was accepted for: a code is good once. */
  totpLastStep: integer("totp_last_step"),
});

/** One-use recovery codes for the second factor; only their SHA-256 is kept. */
export const totpRecoveryCodes = pgTable(
  "totp_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("totp_recovery_codes_person_idx").on(t.personId)],
);

/**
 * How people sign in, set by admins; one row. The OIDC client secret is encrypted. With
 * `ssoOnly`, passwords are refused for everyone but the break-glass admin.
 */
export const authSettings = pgTable("auth_settings", {
  id: integer("id").primaryKey().default(1),
  oidcIssuer: text("oidc_issuer"),
  oidcClientId: text("oidc_client_id"),
  /** Encrypted. */
  oidcClientSecret: text("oidc_client_secret"),
  oidcButtonLabel: text("oidc_button_label").notNull().default("Sign in with single sign-on"),
  ssoOnly: boolean("sso_only").notNull().default(false),
  breakGlassPersonId: uuid("break_glass_person_id").references(() => people.id, {
    onDelete: "set null",
  }),
  requireTotp: boolean("require_totp").notNull().default(false),
  sessionIdleMinutes: integer("session_idle_minutes").notNull().default(30),
  sessionAbsoluteHours: integer("session_absolute_hours").notNull().default(12),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A person's identity at an OpenID provider (issuer + subject), linked at first SSO sign-in. */
export const personIdentities = pgTable(
  "person_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("person_identities_issuer_subject_idx").on(t.issuer, t.subject),
    index("person_identities_person_idx").on(t.personId),
  ],
);

/** Browser sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Refreshed as the session is used (at most once a minute); the idle timeout counts from it. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** How the person signed in: "password", "password+totp", "oidc". */
    method: text("method").notNull().default("password"),
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull().default(""),
  },
  (t) => [index("sessions_person_idx").on(t.personId)],
);

/** Personal API tokens for automation (`Authorization: Bearer hw_…`); revocable. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters, shown so a person can tell tokens apart. */
    prefix: text("prefix").notNull(),
    /** "personal" acts as its owner; "scim" may only call the SCIM provisioning API. */
    kind: text("kind", { enum: ["personal", "scim"] })
      .notNull()
      .default("personal"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_person_idx").on(t.personId)],
);

/** One-time links: first-admin setup, invitations and password reset. Only the SHA-256 of the token is kept. */
export const oneTimeTokens = pgTable("one_time_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  purpose: text("purpose", {
    enum: ["setup", "password_reset", "invite", "totp_challenge", "oidc_login"],
  }).notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  personId: uuid("person_id").references(() => people.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  /** What the step needs later (an OIDC nonce and PKCE verifier; a pending sign-in's method). */
  data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
});
