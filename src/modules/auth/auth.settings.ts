import { eq } from "drizzle-orm";
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
