import { eq } from "drizzle-orm";
import { AppError } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { authSettings } from "./auth.table.js";

export type AuthSettingsRow = typeof authSettings.$inferSelect;

/** How people sign in; the defaults until an admin saves settings. */
export const defaultAuthSettings: Omit<AuthSettingsRow, "updatedAt"> & { updatedAt: Date | null } =
  {
    id: 1,
    oidcIssuer: null,
    oidcClientId: null,
    oidcClientSecret: null,
    oidcButtonLabel: "Sign in with single sign-on",
    ssoOnly: false,
    breakGlassPersonId: null,
    requireTotp: false,
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    updatedAt: null,
  };

export type AuthSettings = typeof defaultAuthSettings;

/** The sign-in settings (the client secret still encrypted). */
export async function findAuthSettings(db: DbOrTx): Promise<AuthSettings> {
  const [row] = await db.select().from(authSettings).where(eq(authSettings.id, 1));
  return row ?? defaultAuthSettings;
}

/** What an admin may set the session timeouts to (OWASP ASVS: idle and absolute limits). */
export const SESSION_LIMITS = {
  idleMinutes: { min: 5, max: 480 },
  absoluteHours: { min: 1, max: 720 },
} as const;

export const BUTTON_LABEL_MAX = 60;

/** Single sign-on can be used once the provider, the client id and its secret are all set. */
export function isOidcConfigured(
  settings: Pick<AuthSettings, "oidcIssuer" | "oidcClientId" | "oidcClientSecret">,
): boolean {
  return Boolean(settings.oidcIssuer && settings.oidcClientId && settings.oidcClientSecret);
}

/**
 * Called first thing in password sign-in: with "SSO only" on, passwords work for the break-glass
 * admin alone (the way in when the identity provider is down). Everyone else, known or not, gets
 * the same answer.
 */
export async function assertPasswordSignInAllowed(db: DbOrTx, person: { id: string } | null) {
  const settings = await findAuthSettings(db);
  if (!settings.ssoOnly) return;
  if (person && person.id === settings.breakGlassPersonId) return;
  throw new AppError(
    "auth.sso_only.forbidden",
    `Your organisation signs in with single sign-on only. Use the "${settings.oidcButtonLabel}" button instead of a password.`,
  );
}
