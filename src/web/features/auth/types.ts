// Response types of sign-in, sessions and two-step sign-in, from the server's own code
// (type-only imports).
import type { JSONParsed } from "hono/utils/types";
import type { SignInAnswer } from "../../../modules/auth/auth.routes";
import type { SessionView as SessionViewType } from "../../../modules/auth/auth.service";
import type {
  TotpEnrolment as TotpEnrolmentType,
  TwoFactorStatus as TwoFactorStatusType,
} from "../../../modules/auth/auth.totp";

export type { SignInAnswer };
export type SessionView = JSONParsed<SessionViewType>;
export type TwoFactorStatus = JSONParsed<TwoFactorStatusType>;
export type TotpEnrolment = JSONParsed<TotpEnrolmentType>;
export type RecoveryCodes = { recoveryCodes: string[] };

export const twoFactorKey = ["me", "totp"] as const;
export const sessionsKey = ["me", "sessions"] as const;
