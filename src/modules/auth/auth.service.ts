import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Actor, Role } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { queueMail } from "../mail/mail.service.js";
import {
  countReports,
  findManagerChain,
  findPersonByEmail,
  findPersonById,
  getOrgSettings,
  type PersonRow,
} from "../org/org.repository.js";
import { people } from "../org/org.table.js";
import { countRecentEvents } from "../record/record.service.js";
import {
  burnPasswordCheck,
  hashPassword,
  newToken,
  tokenHash,
  verifyPassword,
} from "./auth.crypto.js";
import {
  API_TOKEN_PREFIX,
  addDays,
  addMinutes,
  INVITE_DAYS,
  isExpired,
  passwordProblems,
  RESET_MINUTES,
  SESSION_DAYS,
} from "./auth.rules.js";
import { apiTokens, credentials, oneTimeTokens, sessions } from "./auth.table.js";

export type PersonActor = Extract<Actor, { kind: "person" }>;

// ---------- who is acting ----------

export async function loadActor(db: DbOrTx, person: PersonRow): Promise<PersonActor> {
  const settings = await getOrgSettings(db);
  const roles: Role[] = ["employee", ...(person.roles as Role[])];
  if ((await countReports(db, person.id)) > 0) roles.push("manager");
  return {
    kind: "person",
    personId: person.id,
    name: person.name,
    roles,
    hrScope: { all: person.hrScopeAll, departments: person.hrScopeDepartments },
    policy: { skipLevelVisible: settings.skipLevelVisible },
  };
}

export async function resolveSession(deps: Deps, token: string, now: Date) {
  const [row] = await deps.database.db
    .select({ session: sessions, person: people })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, now)));
  if (!row?.person.active) return null;
  return { sessionId: row.session.id, actor: await loadActor(deps.database.db, row.person) };
}

export async function resolveApiToken(deps: Deps, token: string, now: Date) {
  const [row] = await deps.database.db
    .select({ token: apiTokens, person: people })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(and(eq(apiTokens.tokenHash, tokenHash(token)), isNull(apiTokens.revokedAt)));
  if (!row?.person.active) return null;
  if (row.token.expiresAt && isExpired({ expiresAt: row.token.expiresAt, now })) return null;
  return { actor: await loadActor(deps.database.db, row.person) };
}

// ---------- rate limiting ----------

/**
 * Failed sign-ins are audit events, and the limit counts them: one record, shared by every app
 * instance, written in the same transaction as everything else. 10 failures per account and
 * address, or 100 per address, within 15 minutes, pause sign-in for that key.
 */
export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 100;
export const MAX_RESET_MAILS_PER_HOUR = 5;

function rateLimited(retryMs: number) {
  const minutes = Math.max(1, Math.ceil(retryMs / 60_000));
  return new AppError(
    "auth.rate_limited",
    `Too many sign-in attempts. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or reset your password.`,
    { retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) },
  );
}

/** Advisory-lock namespace of sign-in attempts (second key: the account key's hash). */
const SIGN_IN_LOCK = 724314;

const accountKey = (email: string, ip: string) => tokenHash(`${email.trim().toLowerCase()}|${ip}`);

async function assertNotLimited(
  db: DbOrTx,
  { email, ip, now }: { email: string; ip: string; now: Date },
) {
  const since = addMinutes(now, -SIGN_IN_WINDOW_MINUTES);
  const windowMs = SIGN_IN_WINDOW_MINUTES * 60_000;
  const checks = [
    { field: "account", value: accountKey(email, ip), max: MAX_FAILURES_PER_ACCOUNT },
    { field: "ip", value: ip, max: MAX_FAILURES_PER_ADDRESS },
  ];
  for (const check of checks) {
    const { count, oldest } = await countRecentEvents(db, {
      action: "auth.sign_in_failed",
      since,
      dataField: check.field,
      dataValue: check.value,
    });
    if (count >= check.max && oldest)
      throw rateLimited(oldest.getTime() + windowMs - now.getTime());
  }
}

// ---------- sessions ----------

export type NewSession = { token: string; expiresAt: Date };

async function startSession(
  tx: DbOrTx,
  { personId, now, userAgent, ip }: { personId: string; now: Date; userAgent: string; ip: string },
): Promise<NewSession & { id: string }> {
  const token = newToken();
  const expiresAt = addDays(now, SESSION_DAYS);
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: tokenHash(token),
      personId,
      createdAt: now,
      expiresAt,
      userAgent: userAgent.slice(0, 300),
      ip,
    })
    .returning({ id: sessions.id });
  return { token, expiresAt, id: row!.id };
}

const invalidCredentials = () =>
  new AppError(
    "auth.invalid_credentials",
    "That email and password do not match. Check both, or reset your password.",
  );

/** Same answer, and about the same time, whether the account is missing, inactive or the password wrong. */
export async function signIn(
  deps: Deps,
  {
    email,
    password,
    ip,
    userAgent,
  }: { email: string; password: string; ip: string; userAgent: string },
) {
  const person = await findPersonByEmail(deps.database.db, email);
  const [credential] = person
    ? await deps.database.db.select().from(credentials).where(eq(credentials.personId, person.id))
    : [];
  const outcome = await write(deps, async (w) => {
    // Attempts on one account from one address are checked one at a time: a burst sent all at
    // once would otherwise pass the count before any of its failures were recorded.
    await w.tx.execute(
      sql`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK}, hashtext(${accountKey(email, ip)}))`,
    );
    await assertNotLimited(w.tx, { email, ip, now: w.now });
    let ok = false;
    if (person?.active && credential) ok = await verifyPassword(credential.passwordHash, password);
    else await burnPasswordCheck(password);
    if (!ok || !person) {
      await w.audit({
        actor: { kind: "system", label: "sign-in" },
        action: "auth.sign_in_failed",
        subjectType: "person",
        subjectId: person?.id ?? null,
        // The attempted address is kept only as a digest: a typo'd password in the email field stays secret.
        data: { account: accountKey(email, ip), ip },
      });
      return null;
    }
    const session = await startSession(w.tx, { personId: person.id, now: w.now, userAgent, ip });
    await w.audit({
      actor: await loadActor(w.tx, person),
      action: "auth.signed_in",
      subjectType: "person",
      subjectId: person.id,
      data: { sessionId: session.id, ip },
    });
    return { person, session };
  });
  if (!outcome) throw invalidCredentials();
  return outcome;
}

export async function signOut(
  deps: Deps,
  { actor, sessionId }: { actor: PersonActor; sessionId: string },
) {
  await write(deps, async (w) => {
    await w.tx.delete(sessions).where(eq(sessions.id, sessionId));
    await w.audit({
      actor,
      action: "auth.signed_out",
      subjectType: "person",
      subjectId: actor.personId,
      data: { sessionId },
    });
  });
}

// ---------- first run ----------

export async function isSetupNeeded(db: DbOrTx): Promise<boolean> {
  const result = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM people p JOIN credentials c ON c.person_id = p.id
    WHERE 'admin' = ANY(p.roles) AND p.active`);
  return (result.rows[0]?.n ?? 0) === 0;
}

/** Issues a fresh one-time setup link (older unused ones stop working). Null once an admin exists. */
export async function issueSetupLink(deps: Deps): Promise<{ url: string; expiresAt: Date } | null> {
  if (!(await isSetupNeeded(deps.database.db))) return null;
  return write(deps, async (w) => {
    await w.tx
      .update(oneTimeTokens)
      .set({ usedAt: w.now })
      .where(and(eq(oneTimeTokens.purpose, "setup"), isNull(oneTimeTokens.usedAt)));
    const token = newToken();
    const expiresAt = addMinutes(w.now, deps.config.setupTokenTtlMinutes);
    await w.tx
      .insert(oneTimeTokens)
      .values({ purpose: "setup", tokenHash: tokenHash(token), createdAt: w.now, expiresAt });
    await w.audit({
      actor: { kind: "system", label: "server" },
      action: "setup.link_issued",
      subjectType: "setup",
      data: { expiresAt: expiresAt.toISOString() },
    });
    return { url: `${deps.config.baseUrl}/setup?token=${token}`, expiresAt };
  });
}

async function takeOneTimeToken(
  w: { tx: DbOrTx; now: Date },
  { token, purposes }: { token: string; purposes: (typeof oneTimeTokens.$inferSelect.purpose)[] },
) {
  const [row] = await w.tx
    .select()
    .from(oneTimeTokens)
    .where(eq(oneTimeTokens.tokenHash, tokenHash(token)))
    .for("update");
  if (!row || !purposes.includes(row.purpose)) {
    throw new AppError("auth.link_invalid", "This link is not valid. Ask for a new one.");
  }
  if (row.usedAt)
    throw new AppError("auth.link_used", "This link has already been used. Ask for a new one.");
  if (isExpired({ expiresAt: row.expiresAt, now: w.now })) {
    throw new AppError("auth.link_expired", "This link has expired. Ask for a new one.");
  }
  await w.tx.update(oneTimeTokens).set({ usedAt: w.now }).where(eq(oneTimeTokens.id, row.id));
  return row;
}

function assertPassword(password: string, email?: string) {
  const problems = passwordProblems({ password, email });
  if (problems.length) {
    throw new AppError(
      "validation.failed",
      problems.join(" "),
      problems.map((message) => ({ path: "password", message })),
    );
  }
}

export async function completeSetup(
  deps: Deps,
  input: {
    token: string;
    name: string;
    email: string;
    password: string;
    ip: string;
    userAgent: string;
  },
) {
  assertPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  return write(deps, async (w) => {
    await w.tx.execute(sql`SELECT pg_advisory_xact_lock(724312)`);
    if (!(await isSetupNeeded(w.tx)))
      throw new AppError("auth.setup_done", "Headway is already set up. Sign in instead.");
    await takeOneTimeToken(w, { token: input.token, purposes: ["setup"] });
    const existing = await findPersonByEmail(w.tx, input.email);
    const [person] = existing
      ? await w.tx
          .update(people)
          .set({
            roles: [...new Set([...existing.roles, "admin"])],
            name: input.name,
            active: true,
            updatedAt: w.now,
          })
          .where(eq(people.id, existing.id))
          .returning()
      : await w.tx
          .insert(people)
          .values({ email: input.email, name: input.name, roles: ["admin"] })
          .returning();
    await w.tx
      .insert(credentials)
      .values({ personId: person!.id, passwordHash, updatedAt: w.now })
      .onConflictDoUpdate({
        target: credentials.personId,
        set: { passwordHash, updatedAt: w.now },
      });
    const session = await startSession(w.tx, {
      personId: person!.id,
      now: w.now,
      userAgent: input.userAgent,
      ip: input.ip,
    });
    const actor = await loadActor(w.tx, person!);
    await w.audit({
      actor,
      action: "setup.completed",
      subjectType: "person",
      subjectId: person!.id,
      data: { email: person!.email },
    });
    return { person: person!, session };
  });
}

// ---------- invitations and password reset ----------

async function sendSetPasswordLink(
  deps: Deps,
  w: Parameters<Parameters<typeof write>[1]>[0],
  { person, purpose }: { person: PersonRow; purpose: "invite" | "password_reset" },
) {
  const token = newToken();
  const expiresAt =
    purpose === "invite" ? addDays(w.now, INVITE_DAYS) : addMinutes(w.now, RESET_MINUTES);
  await w.tx.insert(oneTimeTokens).values({
    purpose,
    tokenHash: tokenHash(token),
    personId: person.id,
    createdAt: w.now,
    expiresAt,
  });
  const url = `${deps.config.baseUrl}/reset-password?token=${token}`;
  const settings = await getOrgSettings(w.tx);
  await queueMail(deps, w, {
    to: person.email,
    subject:
      purpose === "invite"
        ? `You're invited to Headway at ${settings.name}`
        : "Reset your Headway password",
    text:
      purpose === "invite"
        ? `Hello ${person.name},\n\n${settings.name} uses Headway for 1:1s, feedback and growth.\nChoose a password to sign in (the link works for ${INVITE_DAYS} days):\n\n${url}\n`
        : `Hello ${person.name},\n\nSomeone asked to reset your Headway password. If it was you, choose a new one here (the link works for ${RESET_MINUTES} minutes):\n\n${url}\n\nIf it wasn't you, ignore this message: your password is unchanged.\n`,
  });
  return { url, expiresAt };
}

/** Always the same answer, so the form cannot be used to find out who has an account. */
export async function requestPasswordReset(
  deps: Deps,
  { email, ip }: { email: string; ip: string },
) {
  const person = await findPersonByEmail(deps.database.db, email);
  if (!person?.active) return;
  // A cap per person stops the form from being used to flood someone's inbox.
  const recent = await countRecentEvents(deps.database.db, {
    action: "auth.password_reset_requested",
    since: addMinutes(deps.clock(), -60),
    subjectId: person.id,
  });
  if (recent.count >= MAX_RESET_MAILS_PER_HOUR) return;
  await write(deps, async (w) => {
    await sendSetPasswordLink(deps, w, { person, purpose: "password_reset" });
    await w.audit({
      actor: { kind: "system", label: "password reset" },
      action: "auth.password_reset_requested",
      subjectType: "person",
      subjectId: person.id,
      data: { ip },
    });
  });
}

export async function completePasswordReset(
  deps: Deps,
  { token, password }: { token: string; password: string },
) {
  return write(deps, async (w) => {
    const row = await takeOneTimeToken(w, { token, purposes: ["password_reset", "invite"] });
    const person = row.personId ? await findPersonById(w.tx, row.personId) : null;
    if (!person?.active)
      throw new AppError("auth.link_invalid", "This link is not valid. Ask for a new one.");
    assertPassword(password, person.email);
    const passwordHash = await hashPassword(password);
    await w.tx
      .insert(credentials)
      .values({ personId: person.id, passwordHash, updatedAt: w.now })
      .onConflictDoUpdate({
        target: credentials.personId,
        set: { passwordHash, updatedAt: w.now },
      });
    // A new password ends every existing session: whoever had the old one is signed out.
    const ended = await w.tx
      .delete(sessions)
      .where(eq(sessions.personId, person.id))
      .returning({ id: sessions.id });
    await w.audit({
      actor: await loadActor(w.tx, person),
      action: row.purpose === "invite" ? "auth.invitation_accepted" : "auth.password_reset",
      subjectType: "person",
      subjectId: person.id,
      data: { sessionsEnded: ended.length },
    });
    return person;
  });
}

/** An admin sends a person a link to choose their password. */
export async function invitePerson(
  deps: Deps,
  { actor, personId }: { actor: Actor; personId: string },
) {
  return write(deps, async (w) => {
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
    if (!person.active)
      throw new AppError("person.inactive", "This person is inactive; reactivate them first.");
    const [credential] = await w.tx
      .select()
      .from(credentials)
      .where(eq(credentials.personId, person.id));
    const link = await sendSetPasswordLink(deps, w, {
      person,
      purpose: credential ? "password_reset" : "invite",
    });
    await w.audit({
      actor,
      action: credential ? "auth.password_reset_sent" : "auth.invitation_sent",
      subjectType: "person",
      subjectId: person.id,
      data: { to: person.email },
    });
    return link;
  });
}

/** Invites, in one go, every active person who has never chosen a password. */
export async function inviteEveryoneWithoutAccount(deps: Deps, { actor }: { actor: Actor }) {
  if (!can(actor, "org.invite", { type: "org" }))
    throw new AppError("person.forbidden", "Only admins can invite people.");
  return write(deps, async (w) => {
    const rows = await w.tx.execute<{ id: string }>(sql`
      SELECT p.id FROM people p LEFT JOIN credentials c ON c.person_id = p.id
      WHERE p.active AND c.person_id IS NULL ORDER BY p.name`);
    for (const { id } of rows.rows) {
      const person = (await findPersonById(w.tx, id))!;
      await sendSetPasswordLink(deps, w, { person, purpose: "invite" });
    }
    await w.audit({
      actor,
      action: "auth.invitations_sent",
      subjectType: "org",
      data: { count: rows.rows.length },
    });
    return { invited: rows.rows.length };
  });
}

/** CLI: makes someone an admin (creating them if needed) and returns a link to choose a password. */
export async function createAdmin(deps: Deps, { email, name }: { email: string; name: string }) {
  return write(deps, async (w) => {
    const existing = await findPersonByEmail(w.tx, email);
    const [person] = existing
      ? await w.tx
          .update(people)
          .set({
            roles: [...new Set([...existing.roles, "admin"])],
            active: true,
            updatedAt: w.now,
          })
          .where(eq(people.id, existing.id))
          .returning()
      : await w.tx
          .insert(people)
          .values({ email, name, roles: ["admin"] })
          .returning();
    const link = await sendSetPasswordLink(deps, w, { person: person!, purpose: "invite" });
    await w.audit({
      actor: { kind: "system", label: "cli" },
      action: "auth.admin_created",
      subjectType: "person",
      subjectId: person!.id,
      data: { email, existed: Boolean(existing) },
    });
    return { person: person!, link };
  });
}

/** Sets a password directly; for the demo organisation and the CLI only. */
export async function setPasswords(
  deps: Deps,
  { personIds, password }: { personIds: string[]; password: string },
) {
  assertPassword(password);
  const passwordHash = await hashPassword(password);
  await write(deps, async (w) => {
    for (const personId of personIds) {
      await w.tx
        .insert(credentials)
        .values({ personId, passwordHash, updatedAt: w.now })
        .onConflictDoUpdate({
          target: credentials.personId,
          set: { passwordHash, updatedAt: w.now },
        });
    }
    await w.audit({
      actor: { kind: "system", label: "cli" },
      action: "auth.passwords_set",
      subjectType: "org",
      data: { count: personIds.length },
    });
  });
}

/**
 * Gives each person this password unless it already is theirs, so running it twice writes
 * nothing the second time (the demo organisation is idempotent). Returns how many were set.
 */
export async function ensurePasswords(
  deps: Deps,
  { personIds, password }: { personIds: string[]; password: string },
): Promise<{ changed: number }> {
  assertPassword(password);
  const rows = personIds.length
    ? await deps.database.db
        .select()
        .from(credentials)
        .where(inArray(credentials.personId, personIds))
    : [];
  const stored = new Map(rows.map((r) => [r.personId, r.passwordHash]));
  const matches = await Promise.all(
    personIds.map(async (id) => {
      const hash = stored.get(id);
      return hash ? verifyPassword(hash, password) : false;
    }),
  );
  const stale = personIds.filter((_, i) => !matches[i]);
  if (stale.length) await setPasswords(deps, { personIds: stale, password });
  return { changed: stale.length };
}

export async function hasCredential(db: DbOrTx, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: credentials.personId })
    .from(credentials)
    .where(eq(credentials.personId, personId));
  return Boolean(row);
}

// ---------- personal API tokens ----------

export async function createApiToken(
  deps: Deps,
  {
    actor,
    personId,
    name,
    expiresInDays,
  }: { actor: Actor; personId: string; name: string; expiresInDays?: number | null },
) {
  if (!can(actor, "api_token.create", { type: "api_token", ownerId: personId }))
    throw notFound("person");
  return write(deps, async (w) => {
    const person = await findPersonById(w.tx, personId);
    if (!person?.active) throw notFound("person");
    const token = newToken(API_TOKEN_PREFIX);
    const [row] = await w.tx
      .insert(apiTokens)
      .values({
        personId,
        name,
        tokenHash: tokenHash(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        createdAt: w.now,
        expiresAt: expiresInDays ? addDays(w.now, expiresInDays) : null,
      })
      .returning();
    await w.audit({
      actor,
      action: "api_token.created",
      subjectType: "api_token",
      subjectId: row!.id,
      data: { personId, name },
    });
    return { token, ...presentToken(row!) };
  });
}

export function presentToken(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiTokens(db: DbOrTx, { personId }: { personId: string }) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(presentToken);
}

export async function revokeApiToken(
  deps: Deps,
  { actor, tokenId }: { actor: Actor; tokenId: string },
) {
  return write(deps, async (w) => {
    const [row] = /^[0-9a-f-]{36}$/i.test(tokenId)
      ? await w.tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId)).for("update")
      : [];
    if (!row || !can(actor, "api_token.revoke", { type: "api_token", ownerId: row.personId }))
      throw notFound("api_token");
    if (!row.revokedAt)
      await w.tx.update(apiTokens).set({ revokedAt: w.now }).where(eq(apiTokens.id, row.id));
    await w.audit({
      actor,
      action: "api_token.revoked",
      subjectType: "api_token",
      subjectId: row.id,
      data: { personId: row.personId },
    });
  });
}
