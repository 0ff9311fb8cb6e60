import { randomInt } from "node:crypto";
import { and, count, eq, isNull } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { can } from "../../access/access.policy.js";
import type { Actor } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { keyringFor } from "../keys/keys.service.js";
import { findManagerChain, findPersonById } from "../org/org.repository.js";
import { tokenHash, verifyPassword } from "./auth.crypto.js";
import {
  formatRecoveryCode,
  isEnrolmentOnly,
  isExpired,
  isFreshStep,
  normaliseRecoveryCode,
  normaliseTotpCode,
  RECOVERY_CODE_COUNT,
  SESSION_METHODS,
} from "./auth.rules.js";
import {
  accountKey,
  assertNotLimited,
  assertSecondFactorNotLimited,
  endOtherSessions,
  lockAccount,
  type PersonActor,
  SECOND_FACTOR_FAILED,
  startSignedInSession,
} from "./auth.service.js";
import { findAuthSettings } from "./auth.settings.js";
import { credentials, oneTimeTokens, sessions, totpRecoveryCodes } from "./auth.table.js";

// A time-based one-time password (RFC 6238) as the second factor of password accounts. Codes
// come from otpauth; the secret is sealed with the organisation's data key.

/** What every authenticator app understands: SHA-1, six digits, 30-second steps. */
const TOTP_PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
const SECRET_FIELD = "credentials.totp_secret";

/** The time step a code belongs to, if it is right within one step either side of now (clock drift). */
export function matchTotp({
  secret,
  code,
  now,
}: {
  secret: string;
  code: string;
  now: Date;
}): number | null {
  const token = normaliseTotpCode(code);
  if (!token) return null;
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secret),
    ...TOTP_PARAMS,
    timestamp: now.getTime(),
    window: 1,
  });
  if (delta === null) return null;
  return TOTP.counter({ period: TOTP_PARAMS.period, timestamp: now.getTime() }) + delta;
}

/** The code an authenticator would show at `now` (tests, and nothing else, need it). */
export function totpCodeAt({ secret, now }: { secret: string; now: Date }): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    ...TOTP_PARAMS,
    timestamp: now.getTime(),
  });
}

const wrongCode = () =>
  new AppError(
    "auth.invalid_code",
    "That code did not work. Enter the 6-digit code your authenticator app shows now (it changes every 30 seconds, and each code works once), or one of your recovery codes.",
    [{ path: "code", message: "That code did not work. Enter the code your app shows now." }],
  );

const challengeInvalid = () =>
  new AppError(
    "auth.challenge_invalid",
    "This sign-in has expired or was already completed. Sign in again with your email and password.",
  );

async function lockedCredential(tx: DbOrTx, personId: string) {
  const [row] = await tx
    .select()
    .from(credentials)
    .where(eq(credentials.personId, personId))
    .for("update");
  return row ?? null;
}

// ---------- recovery codes ----------

/** No 0/o, 1/l/i: codes are read off paper. 31 symbols, 12 of them: about 59 bits each. */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 12; i++) code += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return code;
}

/** Replaces the person's recovery codes; the new ones are returned once and kept only as SHA-256. */
async function replaceRecoveryCodes(w: Write, personId: string): Promise<string[]> {
  await w.tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.personId, personId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await w.tx.insert(totpRecoveryCodes).values(
    codes.map((code) => ({
      personId,
      codeHash: tokenHash(code),
      createdAt: w.now,
    })),
  );
  return codes.map(formatRecoveryCode);
}

async function countRecoveryCodesLeft(db: DbOrTx, personId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.personId, personId), isNull(totpRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Uses up a recovery code; false if it is not one of the person's unused codes. */
async function spendRecoveryCode(w: Write, { personId, code }: { personId: string; code: string }) {
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) return false;
  const [row] = await w.tx
    .update(totpRecoveryCodes)
    .set({ usedAt: w.now })
    .where(
      and(
        eq(totpRecoveryCodes.personId, personId),
        eq(totpRecoveryCodes.codeHash, tokenHash(normalised)),
        isNull(totpRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: totpRecoveryCodes.id });
  return Boolean(row);
}

/** Checks a current code, once: the accepted step is remembered so the same code is refused after. */
async function spendTotpCode(
  w: Write,
  {
    credential,
    secret,
    code,
  }: { credential: typeof credentials.$inferSelect; secret: string; code: string },
) {
  const step = matchTotp({ secret, code, now: w.now });
  if (step === null || !isFreshStep({ step, lastStep: credential.totpLastStep })) return false;
  await w.tx
    .update(credentials)
    .set({ totpLastStep: step })
    .where(eq(credentials.personId, credential.personId));
  return true;
}

async function recordWrongCode(
  w: Write,
  {
    actor,
    personId,
    email,
    ip,
    step,
  }: { actor: Actor; personId: string; email: string; ip: string; step: string },
) {
  await w.audit({
    actor,
    action: SECOND_FACTOR_FAILED,
    subjectType: "person",
    subjectId: personId,
    data: { account: accountKey(email, ip), ip, step },
  });
}

// ---------- the person's own second factor ----------

export type TwoFactorStatus = {
  /** Whether the person has a Headway password (single sign-on accounts have none). */
  passwordAccount: boolean;
  enabled: boolean;
  enabledAt: string | null;
  /** A secret was made but not confirmed with a code yet. */
  pending: boolean;
  /** The organisation requires a second factor for password sign-in. */
  required: boolean;
  recoveryCodesLeft: number;
  /** This session may do nothing but set up the second factor (and sign out). */
  enrolmentOnly: boolean;
};

export async function getTwoFactorStatus(
  deps: Deps,
  { actor, sessionId }: { actor: PersonActor; sessionId: string | null },
): Promise<TwoFactorStatus> {
  const db = deps.database.db;
  const [credential] = await db
    .select()
    .from(credentials)
    .where(eq(credentials.personId, actor.personId));
  const [session] = sessionId
    ? await db.select({ method: sessions.method }).from(sessions).where(eq(sessions.id, sessionId))
    : [];
  const settings = await findAuthSettings(db);
  return {
    passwordAccount: Boolean(credential),
    enabled: Boolean(credential?.totpEnabledAt),
    enabledAt: credential?.totpEnabledAt?.toISOString() ?? null,
    pending: Boolean(credential?.totpSecret && !credential.totpEnabledAt),
    required: settings.requireTotp,
    recoveryCodesLeft: credential?.totpEnabledAt
      ? await countRecoveryCodesLeft(db, actor.personId)
      : 0,
    enrolmentOnly: Boolean(session && isEnrolmentOnly(session.method)),
  };
}

export type TotpEnrolment = {
  /** The secret in base32, for typing into an app by hand. */
  secret: string;
  /** The otpauth:// URI the QR code holds. */
  uri: string;
  /** The QR code as an SVG data URL. */
  qrCode: string;
};

/** Makes a new secret (replacing any unconfirmed one) and returns it as a QR code and a key. */
export async function startTotpEnrolment(
  deps: Deps,
  { actor }: { actor: PersonActor },
): Promise<TotpEnrolment> {
  const secret = new Secret({ size: 20 });
  const person = await findPersonById(deps.database.db, actor.personId);
  const uri = new TOTP({
    issuer: "Headway",
    label: person?.email ?? actor.name,
    secret,
    ...TOTP_PARAMS,
  }).toString();
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  await write(deps, async (w) => {
    const credential = await lockedCredential(w.tx, actor.personId);
    if (!credential)
      throw new AppError(
        "totp.no_password",
        "You sign in with single sign-on, where your identity provider asks for any second step; Headway has no password of yours to protect.",
      );
    if (credential.totpEnabledAt)
      throw new AppError(
        "totp.exists",
        "Two-step sign-in is already on. Turn it off first to move it to another authenticator app.",
      );
    const keys = await keyringFor(deps, w.tx);
    await w.tx
      .update(credentials)
      .set({ totpSecret: keys.seal(SECRET_FIELD, secret.base32), totpLastStep: null })
      .where(eq(credentials.personId, actor.personId));
    await w.audit({
      actor,
      action: "auth.totp_enrolment_started",
      subjectType: "person",
      subjectId: actor.personId,
    });
  });
  return {
    secret: secret.base32,
    uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

/**
 * A first right code turns the second factor on and returns ten recovery codes, shown once.
 * Other sessions end (the sign-in rules changed); this one stays, with its restriction lifted.
 */
export async function confirmTotpEnrolment(
  deps: Deps,
  {
    actor,
    sessionId,
    code,
    ip,
  }: { actor: PersonActor; sessionId: string | null; code: string; ip: string },
) {
  const person = await findPersonById(deps.database.db, actor.personId);
  if (!person) throw notFound("person");
  const outcome = await write(deps, async (w) => {
    const credential = await lockedCredential(w.tx, actor.personId);
    await assertSecondFactorNotLimited(w.tx, { personId: actor.personId, now: w.now });
    if (!credential?.totpSecret || credential.totpEnabledAt)
      throw new AppError(
        "totp.not_started",
        credential?.totpEnabledAt
          ? "Two-step sign-in is already on."
          : "Start setting up two-step sign-in first: a new QR code is made for you.",
      );
    const secret = (await keyringFor(deps, w.tx)).open(SECRET_FIELD, credential.totpSecret);
    if (!(await spendTotpCode(w, { credential, secret, code }))) {
      await recordWrongCode(w, {
        actor,
        personId: person.id,
        email: person.email,
        ip,
        step: "confirm",
      });
      return null;
    }
    await w.tx
      .update(credentials)
      .set({ totpEnabledAt: w.now })
      .where(eq(credentials.personId, person.id));
    const recoveryCodes = await replaceRecoveryCodes(w, person.id);
    const sessionsEnded = await endOtherSessions(w.tx, { personId: person.id, keep: sessionId });
    if (sessionId)
      await w.tx
        .update(sessions)
        .set({ method: SESSION_METHODS.passwordTotp })
        .where(and(eq(sessions.id, sessionId), eq(sessions.method, SESSION_METHODS.enrolTotp)));
    await w.audit({
      actor,
      action: "auth.totp_enabled",
      subjectType: "person",
      subjectId: person.id,
      data: { sessionsEnded },
    });
    return { recoveryCodes };
  });
  if (!outcome) throw wrongCode();
  return outcome;
}

type Proof = { code?: string | null; password?: string | null };

/** A current code or the password: what it takes to turn the second factor off or renew codes. */
async function proveIt(
  w: Write,
  {
    deps,
    actor,
    proof,
    ip,
    step,
  }: { deps: Deps; actor: PersonActor; proof: Proof; ip: string; step: string },
) {
  const person = await findPersonById(w.tx, actor.personId);
  if (!person) throw notFound("person");
  await lockAccount(w.tx, { email: person.email, ip });
  const credential = await lockedCredential(w.tx, person.id);
  await assertNotLimited(w.tx, { email: person.email, ip, now: w.now });
  await assertSecondFactorNotLimited(w.tx, { personId: person.id, now: w.now });
  if (!credential?.totpEnabledAt || !credential.totpSecret)
    throw new AppError("totp.not_enabled", "Two-step sign-in is not on.");
  let ok = false;
  if (proof.code) {
    const secret = (await keyringFor(deps, w.tx)).open(SECRET_FIELD, credential.totpSecret);
    ok = await spendTotpCode(w, { credential, secret, code: proof.code });
  } else if (proof.password) {
    ok = await verifyPassword(credential.passwordHash, proof.password);
  }
  if (!ok) await recordWrongCode(w, { actor, personId: person.id, email: person.email, ip, step });
  return ok ? person : null;
}

const wrongProof = (proof: Proof) =>
  proof.code
    ? wrongCode()
    : new AppError("validation.failed", "That is not your current password.", [
        { path: "password", message: "That is not your current password." },
      ]);

/**
 * Turns the second factor off. Other sessions end. If the organisation requires one, this
 * session goes back to "set it up first".
 */
export async function disableTotp(
  deps: Deps,
  {
    actor,
    sessionId,
    proof,
    ip,
  }: { actor: PersonActor; sessionId: string | null; proof: Proof; ip: string },
) {
  const outcome = await write(deps, async (w) => {
    const person = await proveIt(w, { deps, actor, proof, ip, step: "disable" });
    if (!person) return null;
    await w.tx
      .update(credentials)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(credentials.personId, person.id));
    await w.tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.personId, person.id));
    const sessionsEnded = await endOtherSessions(w.tx, { personId: person.id, keep: sessionId });
    const settings = await findAuthSettings(w.tx);
    if (settings.requireTotp && sessionId)
      await w.tx
        .update(sessions)
        .set({ method: SESSION_METHODS.enrolTotp })
        .where(and(eq(sessions.id, sessionId), eq(sessions.method, SESSION_METHODS.passwordTotp)));
    await w.audit({
      actor,
      action: "auth.totp_disabled",
      subjectType: "person",
      subjectId: person.id,
      data: { sessionsEnded },
    });
    return { enrolmentOnly: settings.requireTotp };
  });
  if (!outcome) throw wrongProof(proof);
  return outcome;
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(
  deps: Deps,
  { actor, proof, ip }: { actor: PersonActor; proof: Proof; ip: string },
) {
  const outcome = await write(deps, async (w) => {
    const person = await proveIt(w, { deps, actor, proof, ip, step: "recovery_codes" });
    if (!person) return null;
    const recoveryCodes = await replaceRecoveryCodes(w, person.id);
    await w.audit({
      actor,
      action: "auth.recovery_codes_replaced",
      subjectType: "person",
      subjectId: person.id,
    });
    return { recoveryCodes };
  });
  if (!outcome) throw wrongProof(proof);
  return outcome;
}

// ---------- the second step of sign-in ----------

/**
 * Completes a password sign-in with a current code or a recovery code. The challenge is used up
 * by success only: a mistyped code can be tried again, within the rate limit.
 */
export async function completeTotpSignIn(
  deps: Deps,
  {
    challenge,
    code,
    recoveryCode,
    ip,
    userAgent,
    replacesSessionId,
  }: {
    challenge: string;
    code?: string | null;
    recoveryCode?: string | null;
    ip: string;
    userAgent: string;
    replacesSessionId: string | null;
  },
) {
  const outcome = await write(deps, async (w) => {
    const [row] = await w.tx
      .select()
      .from(oneTimeTokens)
      .where(eq(oneTimeTokens.tokenHash, tokenHash(challenge)))
      .for("update");
    if (
      row?.purpose !== "totp_challenge" ||
      row.usedAt ||
      !row.personId ||
      isExpired({ expiresAt: row.expiresAt, now: w.now })
    )
      throw challengeInvalid();
    const person = await findPersonById(w.tx, row.personId);
    if (!person?.active) throw challengeInvalid();
    await lockAccount(w.tx, { email: person.email, ip });
    const credential = await lockedCredential(w.tx, person.id);
    await assertNotLimited(w.tx, { email: person.email, ip, now: w.now });
    await assertSecondFactorNotLimited(w.tx, { personId: person.id, now: w.now });
    if (!credential?.totpEnabledAt || !credential.totpSecret) throw challengeInvalid();
    let ok = false;
    if (code) {
      const secret = (await keyringFor(deps, w.tx)).open(SECRET_FIELD, credential.totpSecret);
      ok = await spendTotpCode(w, { credential, secret, code });
    } else if (recoveryCode) {
      ok = await spendRecoveryCode(w, { personId: person.id, code: recoveryCode });
    }
    if (!ok) {
      await recordWrongCode(w, {
        actor: { kind: "system", label: "sign-in" },
        personId: person.id,
        email: person.email,
        ip,
        step: "sign_in",
      });
      return null;
    }
    await w.tx.update(oneTimeTokens).set({ usedAt: w.now }).where(eq(oneTimeTokens.id, row.id));
    const session = await startSignedInSession(w, {
      person,
      method: SESSION_METHODS.passwordTotp,
      ip,
      userAgent,
      replacesSessionId,
    });
    const recoveryCodesLeft = await countRecoveryCodesLeft(w.tx, person.id);
    if (!code)
      await w.audit({
        actor: { kind: "system", label: "sign-in" },
        action: "auth.recovery_code_used",
        subjectType: "person",
        subjectId: person.id,
        data: { left: recoveryCodesLeft },
      });
    return { person, session, recoveryCodesLeft };
  });
  if (!outcome) throw wrongCode();
  return outcome;
}

// ---------- admins ----------

/**
 * An admin turns off someone's second factor (a lost phone and lost recovery codes). Their
 * sessions end; they set it up again at their next sign-in if the organisation requires it.
 */
export async function resetTwoFactor(
  deps: Deps,
  { actor, personId }: { actor: Actor; personId: string },
) {
  await write(deps, async (w) => {
    const person = await findPersonById(w.tx, personId);
    if (!person) throw notFound("person");
    const chain = await findManagerChain(w.tx, person.id);
    if (
      !can(actor, "person.send_password_reset", {
        type: "person",
        id: person.id,
        department: person.department,
        managerChain: chain,
      })
    )
      throw notFound("person");
    const credential = await lockedCredential(w.tx, person.id);
    if (!credential?.totpEnabledAt && !credential?.totpSecret)
      throw new AppError("totp.not_enabled", `${person.name} has no two-step sign-in to reset.`);
    await w.tx
      .update(credentials)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(credentials.personId, person.id));
    await w.tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.personId, person.id));
    const sessionsEnded = await endOtherSessions(w.tx, { personId: person.id, keep: null });
    await w.audit({
      actor,
      action: "auth.totp_reset",
      subjectType: "person",
      subjectId: person.id,
      data: { sessionsEnded },
    });
  });
}
