// Pure rules of sign-in: password policy, token format, expiry.

/** The hard ceiling of any session; the absolute timeout an admin sets (at most 30 days) ends it sooner. */
export const SESSION_DAYS = 30;
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

// ---------- sessions ----------

/** How a session was started; the method decides what it may do. */
export const SESSION_METHODS = {
  password: "password",
  passwordTotp: "password+totp",
  /** Password accepted, but the organisation requires a second factor the person has not set up. */
  enrolTotp: "password:enrol_totp",
  oidc: "oidc",
} as const;

/** A session that may only set up its second factor (and sign out). */
export function isEnrolmentOnly(method: string): boolean {
  return method === SESSION_METHODS.enrolTotp;
}

/** `last_seen_at` is written at most this often: one write a minute, not one per request. */
export const LAST_SEEN_REFRESH_MS = 60_000;

export function needsLastSeenRefresh({ lastSeenAt, now }: { lastSeenAt: Date; now: Date }) {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_REFRESH_MS;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export type SessionEnd = { reason: "idle" | "absolute"; message: string };

/**
 * OWASP ASVS 3.3: a session ends after a time without activity (idle) and after a fixed time
 * whatever happens (absolute). The longest-standing limit is reported first.
 */
export function sessionEnd({
  createdAt,
  lastSeenAt,
  now,
  idleMinutes,
  absoluteHours,
}: {
  createdAt: Date;
  lastSeenAt: Date;
  now: Date;
  idleMinutes: number;
  absoluteHours: number;
}): SessionEnd | null {
  if (now.getTime() - createdAt.getTime() >= absoluteHours * 3_600_000)
    return {
      reason: "absolute",
      message: `Your session ended after ${plural(absoluteHours, "hour")}; sign in again.`,
    };
  if (now.getTime() - lastSeenAt.getTime() >= idleMinutes * 60_000)
    return {
      reason: "idle",
      message: `Your session ended after ${plural(idleMinutes, "minute")} without activity; sign in again.`,
    };
  return null;
}

// ---------- second factor ----------

/** A pending sign-in waits this long for its second factor. */
export const TOTP_CHALLENGE_MINUTES = 5;
export const RECOVERY_CODE_COUNT = 10;

/** Six digits, spaces allowed ("123 456"); anything else is not a code. */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** Recovery codes are compared without case, spaces or dashes ("ABCD-EFGH" = "abcdefgh"). */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Shown in groups of four for reading aloud and typing: "k7mq-2xhv-9tfa". */
export function formatRecoveryCode(raw: string): string {
  return raw.match(/.{1,4}/g)?.join("-") ?? raw;
}

/**
 * RFC 6238 §5.2: a code is accepted once. A step at or before the last accepted one is a replay
 * (or an older code seen after a newer one) and is refused.
 */
export function isFreshStep({ step, lastStep }: { step: number; lastStep: number | null }) {
  return lastStep === null || step > lastStep;
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are one address. */
function plainAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

/**
 * The address a request came from. From a trusted proxy, the right-most X-Forwarded-For address
 * that is not itself a trusted proxy (the left-most ones are whatever the client chose to send);
 * from anyone else, the socket's address, whatever headers it sent.
 */
export function clientAddress({
  socket,
  forwardedFor,
  trustedProxies,
}: {
  socket: string | undefined;
  forwardedFor: string | undefined;
  trustedProxies: readonly string[];
}): string {
  if (!socket) return "unknown";
  const trusted = new Set(trustedProxies.map(plainAddress));
  const from = plainAddress(socket);
  if (!trusted.has(from) || !forwardedFor) return from;
  const hops = forwardedFor
    .split(",")
    .map((h) => plainAddress(h))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i]!;
  return hops[0] ?? from;
}
