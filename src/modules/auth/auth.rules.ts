// Pure rules of sign-in: password policy, token format, expiry.

export const SESSION_DAYS = 14;
export const RESET_MINUTES = 60;
export const INVITE_DAYS = 7;
export const API_TOKEN_PREFIX = "hw_";

/** NIST SP 800-63B: length over composition rules; refuse the obvious. */
export function passwordProblems({
  password,
  email,
}: {
  password: string;
  email?: string;
}): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push("Use at least 10 characters.");
  if (password.length > 200) problems.push("Use at most 200 characters.");
  if (email && password.toLowerCase().includes(email.toLowerCase().split("@")[0] ?? "\u0000"))
    problems.push("Do not use your email address in your password.");
  if (/^(.)\1+$/.test(password)) problems.push("Do not repeat one character.");
  return problems;
}

export function isExpired({ expiresAt, now }: { expiresAt: Date; now: Date }): boolean {
  return expiresAt.getTime() <= now.getTime();
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

export function addDays(date: Date, days: number): Date {
  return addMinutes(date, days * 24 * 60);
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX) && value.length > API_TOKEN_PREFIX.length + 20;
}
