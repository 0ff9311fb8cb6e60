import { and, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Actor, Role } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import { type DbOrTx, reusable } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { queueMail } from "../mail/mail.service.js";
import {
  findManagerChain,
  findPersonByEmail,
  findPersonById,
  getOrgSettings,
  isUuid,
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
import { checkPassword, type PasswordContext } from "./auth.passwords.js";
import {
  API_TOKEN_PREFIX,
  addDays,
  addMinutes,
  INVITE_DAYS,
  isExpired,
  needsLastSeenRefresh,
  passwordProblems,
  RESET_MINUTES,
  SESSION_DAYS,
  SESSION_METHODS,
  type SessionEnd,
  sessionEnd,
  TOTP_CHALLENGE_MINUTES,
} from "./auth.rules.js";
import {
  assertPasswordSignInAllowed,
  defaultAuthSettings,
  findAuthSettings,
} from "./auth.settings.js";
import { apiTokens, authSettings, credentials, oneTimeTokens, sessions } from "./auth.table.js";

export type PersonActor = Extract<Actor, { kind: "person" }>;

// ---------- who is acting ----------

/**
 * What an actor needs besides their person row, as two columns any query on `people` can carry:
 * the organisation's policy and whether they manage anyone. The sign-in lookups select them with
 * the person, so a request learns who is asking in one round trip.
 */
const actorFacts = {
  skipLevelVisible: sql<boolean | null>`(SELECT skip_level_visible FROM org_settings WHERE id = 1)`,
  manages: sql<boolean>`EXISTS (SELECT 1 FROM people m WHERE m.manager_id = "people"."id" AND m.active)`,
};

function actorOf(
  person: PersonRow,
  facts: { skipLevelVisible: boolean | null; manages: boolean },
): PersonActor {
  const roles: Role[] = ["employee", ...(person.roles as Role[])];
  if (facts.manages) roles.push("manager");
  return {
    kind: "person",
    personId: person.id,
    name: person.name,
    roles,
    hrScope: { all: person.hrScopeAll, departments: person.hrScopeDepartments },
    // No settings row yet: the default (skip-level reports visible).
    policy: { skipLevelVisible: facts.skipLevelVisible ?? true },
  };
}

export async function loadActor(db: DbOrTx, person: PersonRow): Promise<PersonActor> {
  const [facts] = await db.select(actorFacts).from(people).where(eq(people.id, person.id));
  return actorOf(person, facts ?? { skipLevelVisible: null, manages: false });
}

/** A live session by its token's hash, with its person, the sign-in settings and actorFacts. */
const findSession = reusable("auth_session", (db) =>
  db
    .select({ session: sessions, person: people, settings: authSettings, ...actorFacts })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .leftJoin(authSettings, eq(authSettings.id, 1))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder("hash")),
        gt(sessions.expiresAt, sql.placeholder("now")),
      ),
    ),
);

/** A personal API token by its hash, with its person and actorFacts. */
const findApiToken = reusable("auth_api_token", (db) =>
  db
    .select({ token: apiTokens, person: people, ...actorFacts })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(
      and(
        eq(apiTokens.tokenHash, sql.placeholder("hash")),
        isNull(apiTokens.revokedAt),
        // A SCIM token provisions people over /scim/v2 and acts as nobody here.
        eq(apiTokens.kind, "personal"),
      ),
    ),
);

export type ResolvedSession = {
  sessionId: string;
  /** How it was started (SESSION_METHODS); an enrolment-only session may do little. */
  method: string;
  /** Null when the session has ended. */
  actor: PersonActor | null;
  /** Why the session ended (idle or absolute timeout), or null while it is live. */
  ended: SessionEnd | null;
};

/**
 * The session behind a cookie, with the sign-in settings' idle and absolute timeouts applied. An
 * ended session still names its row, so a new sign-in in that browser replaces it.
 */
export async function resolveSession(
  deps: Deps,
  token: string,
  now: Date,
): Promise<ResolvedSession | null> {
  const db = deps.database.db;
  const [row] = await findSession(db, { hash: tokenHash(token), now: now.toISOString() });
  if (!row?.person.active) return null;
  const settings = row.settings ?? defaultAuthSettings;
  const ended = sessionEnd({
    createdAt: row.session.createdAt,
    lastSeenAt: row.session.lastSeenAt,
    now,
    idleMinutes: settings.sessionIdleMinutes,
    absoluteHours: settings.sessionAbsoluteHours,
  });
  const base = { sessionId: row.session.id, method: row.session.method };
  if (ended) return { ...base, actor: null, ended };
  if (needsLastSeenRefresh({ lastSeenAt: row.session.lastSeenAt, now })) {
    // Session bookkeeping, not a record of anything a person did: no audit event (see
    // docs/decisions.md). At most one write a minute per session.
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, row.session.id), lt(sessions.lastSeenAt, now)));
  }
  return { ...base, actor: actorOf(row.person, row), ended: null };
}

export async function resolveApiToken(deps: Deps, token: string, now: Date) {
  const [row] = await findApiToken(deps.database.db, { hash: tokenHash(token) });
  if (!row?.person.active) return null;
  if (row.token.expiresAt && isExpired({ expiresAt: row.token.expiresAt, now })) return null;
  return { actor: actorOf(row.person, row) };
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

function rateLimited(retryMs: number, what: "sign-in" | "code" = "sign-in") {
  const minutes = Math.max(1, Math.ceil(retryMs / 60_000));
  const wait = `Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again`;
  return new AppError(
    "auth.rate_limited",
    what === "code"
      ? `Too many wrong codes. ${wait}, or use one of your recovery codes.`
      : `Too many sign-in attempts. ${wait}, or reset your password.`,
    { retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) },
  );
}

/** Advisory-lock namespace of sign-in attempts (second key: the account key's hash). */
const SIGN_IN_LOCK = 724314;

export const accountKey = (email: string, ip: string) =>
  tokenHash(`${email.trim().toLowerCase()}|${ip}`);

/** Checks on one account from one address run one at a time, so a burst cannot outrun its count. */
export async function lockAccount(tx: DbOrTx, { email, ip }: { email: string; ip: string }) {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(${SIGN_IN_LOCK}, hashtext(${accountKey(email, ip)}))`,
  );
}

/**
 * Wrong second-factor codes are counted per person, from every address: whoever tries them
 * already has the password. The same window and limit as password attempts.
 */
export const SECOND_FACTOR_FAILED = "auth.second_factor_failed";

export async function assertSecondFactorNotLimited(
  db: DbOrTx,
  { personId, now }: { personId: string; now: Date },
) {
  const { count, oldest } = await countRecentEvents(db, {
    action: SECOND_FACTOR_FAILED,
    since: addMinutes(now, -SIGN_IN_WINDOW_MINUTES),
    subjectId: personId,
  });
  if (count >= MAX_FAILURES_PER_ACCOUNT && oldest)
    throw rateLimited(oldest.getTime() + SIGN_IN_WINDOW_MINUTES * 60_000 - now.getTime(), "code");
}

export async function assertNotLimited(
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

/**
 * A new session with a fresh token. The one the browser had before (`replacesSessionId`) is
 * deleted: the session id changes at every sign-in (OWASP ASVS 3.2.1), so a token planted or
 * seen before sign-in is worth nothing after it.
 */
export async function startSession(
  tx: DbOrTx,
  {
    personId,
    now,
    userAgent,
    ip,
    method = SESSION_METHODS.password,
    replacesSessionId = null,
  }: {
    personId: string;
    now: Date;
    userAgent: string;
    ip: string;
    method?: string;
    replacesSessionId?: string | null;
  },
): Promise<NewSession & { id: string }> {
  if (replacesSessionId) await tx.delete(sessions).where(eq(sessions.id, replacesSessionId));
  // The person's ended sessions go too: they act for nobody, and nothing else removes them.
  const settings = await findAuthSettings(tx);
  await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.personId, personId),
        or(
          lte(sessions.expiresAt, now),
          lte(sessions.createdAt, addMinutes(now, -settings.sessionAbsoluteHours * 60)),
          lte(sessions.lastSeenAt, addMinutes(now, -settings.sessionIdleMinutes)),
        ),
      ),
    );
  const token = newToken();
  const expiresAt = addDays(now, SESSION_DAYS);
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: tokenHash(token),
      personId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      method,
      userAgent: userAgent.slice(0, 300),
      ip,
    })
    .returning({ id: sessions.id });
  return { token, expiresAt, id: row!.id };
}

/** Ends a person's other sessions (after a password or second-factor change); keeps `keep`. */
export async function endOtherSessions(
  tx: DbOrTx,
  { personId, keep }: { personId: string; keep: string | null },
): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(
      keep
        ? and(eq(sessions.personId, personId), ne(sessions.id, keep))
        : eq(sessions.personId, personId),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/**
 * Starts a session for a person who has proved who they are (single sign-on uses it), ending
 * the session the browser already had, and records the sign-in with its method.
 */
export async function startSignedInSession(
  w: Write,
  {
    person,
    method,
    ip,
    userAgent,
    replacesSessionId,
  }: {
    person: PersonRow;
    method: string;
    ip: string;
    userAgent: string;
    replacesSessionId: string | null;
  },
) {
  const session = await startSession(w.tx, {
    personId: person.id,
    now: w.now,
    userAgent,
    ip,
    method,
    replacesSessionId,
  });
  await w.audit({
    actor: await loadActor(w.tx, person),
    action: "auth.signed_in",
    subjectType: "person",
    subjectId: person.id,
    data: { sessionId: session.id, ip, method },
  });
  return session;
}

const invalidCredentials = () =>
  new AppError(
    "auth.invalid_credentials",
    "That email and password do not match. Check both, or reset your password.",
  );

export type SignInOutcome =
  | {
      kind: "session";
      person: PersonRow;
      session: NewSession & { id: string };
      /** The organisation requires a second factor this person has not set up yet. */
      mustEnrolTotp: boolean;
    }
  | { kind: "totp"; challenge: string; expiresAt: Date };

/**
 * Same answer, and about the same time, whether the account is missing, inactive or the password
 * wrong. With a second factor on, a right password gives a short-lived challenge, not a session.
 */
export async function signIn(
  deps: Deps,
  {
    email,
    password,
    ip,
    userAgent,
    replacesSessionId = null,
  }: {
    email: string;
    password: string;
    ip: string;
    userAgent: string;
    /** The session the browser already had, ended when a new one starts. */
    replacesSessionId?: string | null;
  },
): Promise<SignInOutcome> {
  const person = await findPersonByEmail(deps.database.db, email);
  await assertPasswordSignInAllowed(deps.database.db, person);
  const [credential] = person
    ? await deps.database.db.select().from(credentials).where(eq(credentials.personId, person.id))
    : [];
  const outcome = await write(deps, async (w): Promise<SignInOutcome | null> => {
    // Attempts on one account from one address are checked one at a time: a burst sent all at
    // once would otherwise pass the count before any of its failures were recorded.
    await lockAccount(w.tx, { email, ip });
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
    if (credential?.totpEnabledAt) {
      // The password was right; the session waits for the second factor.
      const challenge = newToken();
      const expiresAt = addMinutes(w.now, TOTP_CHALLENGE_MINUTES);
      await w.tx.insert(oneTimeTokens).values({
        purpose: "totp_challenge",
        tokenHash: tokenHash(challenge),
        personId: person.id,
        createdAt: w.now,
        expiresAt,
        data: { method: SESSION_METHODS.passwordTotp },
      });
      await w.audit({
        actor: { kind: "system", label: "sign-in" },
        action: "auth.second_factor_requested",
        subjectType: "person",
        subjectId: person.id,
        data: { ip },
      });
      return { kind: "totp", challenge, expiresAt };
    }
    const settings = await findAuthSettings(w.tx);
    const method = settings.requireTotp ? SESSION_METHODS.enrolTotp : SESSION_METHODS.password;
    const session = await startSignedInSession(w, {
      person,
      method,
      ip,
      userAgent,
      replacesSessionId,
    });
    return { kind: "session", person, session, mustEnrolTotp: settings.requireTotp };
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

// ---------- one's own sessions ----------

export type SessionView = {
  id: string;
  current: boolean;
  method: string;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
};

/** The person's live sessions (ended ones are left out), most recently used first. */
export async function listMySessions(
  deps: Deps,
  { actor, currentSessionId }: { actor: PersonActor; currentSessionId: string | null },
): Promise<SessionView[]> {
  const db = deps.database.db;
  const now = deps.clock();
  const settings = await findAuthSettings(db);
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.personId, actor.personId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  return rows
    .filter(
      (r) =>
        !sessionEnd({
          createdAt: r.createdAt,
          lastSeenAt: r.lastSeenAt,
          now,
          idleMinutes: settings.sessionIdleMinutes,
          absoluteHours: settings.sessionAbsoluteHours,
        }),
    )
    .map((r) => ({
      id: r.id,
      current: r.id === currentSessionId,
      method: r.method,
      userAgent: r.userAgent,
      ip: r.ip,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
    }));
}

/** Signs out one of one's own sessions (a lost laptop); anyone else's is "not found". */
export async function revokeMySession(
  deps: Deps,
  { actor, sessionId }: { actor: PersonActor; sessionId: string },
) {
  await write(deps, async (w) => {
    const [row] = isUuid(sessionId)
      ? await w.tx
          .delete(sessions)
          .where(and(eq(sessions.id, sessionId), eq(sessions.personId, actor.personId)))
          .returning({ id: sessions.id })
      : [];
    if (!row) throw notFound("session");
    await w.audit({
      actor,
      action: "auth.session_revoked",
      subjectType: "person",
      subjectId: actor.personId,
      data: { sessionId },
    });
  });
}

/** Signs out everywhere but here. */
export async function signOutOtherSessions(
  deps: Deps,
  { actor, currentSessionId }: { actor: PersonActor; currentSessionId: string | null },
) {
  return write(deps, async (w) => {
    const ended = await endOtherSessions(w.tx, {
      personId: actor.personId,
      keep: currentSessionId,
    });
    await w.audit({
      actor,
      action: "auth.other_sessions_ended",
      subjectType: "person",
      subjectId: actor.personId,
      data: { count: ended },
    });
    return { ended };
  });
}

const wrongCurrentPassword = () =>
  new AppError("validation.failed", "That is not your current password.", [
    {
      path: "currentPassword",
      message:
        "That is not your current password. If you have forgotten it, sign out and reset it.",
    },
  ]);

/**
 * A signed-in person changes their password, proving the current one (a session left open is
 * not enough). Their other sessions end; this one stays.
 */
export async function changePassword(
  deps: Deps,
  {
    actor,
    sessionId,
    currentPassword,
    newPassword,
    ip,
  }: {
    actor: PersonActor;
    sessionId: string | null;
    currentPassword: string;
    newPassword: string;
    ip: string;
  },
) {
  const db = deps.database.db;
  const person = await findPersonById(db, actor.personId);
  const [credential] = person
    ? await db.select().from(credentials).where(eq(credentials.personId, person.id))
    : [];
  if (!person || !credential)
    throw new AppError(
      "auth.no_password",
      "You sign in with single sign-on, so there is no Headway password to change.",
    );
  await assertStrongPassword(db, {
    password: newPassword,
    name: person.name,
    email: person.email,
    path: "newPassword",
  });
  const passwordHash = await hashPassword(newPassword);
  const outcome = await write(deps, async (w) => {
    await lockAccount(w.tx, { email: person.email, ip });
    await assertNotLimited(w.tx, { email: person.email, ip, now: w.now });
    if (!(await verifyPassword(credential.passwordHash, currentPassword))) {
      // Counted with failed sign-ins: an open session must not become a way to guess the password.
      await w.audit({
        actor,
        action: "auth.sign_in_failed",
        subjectType: "person",
        subjectId: person.id,
        data: { account: accountKey(person.email, ip), ip, step: "password_change" },
      });
      return null;
    }
    if (await verifyPassword(credential.passwordHash, newPassword)) {
      throw new AppError("validation.failed", "Choose a new password.", [
        { path: "newPassword", message: "That is your current password; choose a new one." },
      ]);
    }
    await w.tx
      .update(credentials)
      .set({ passwordHash, updatedAt: w.now })
      .where(eq(credentials.personId, person.id));
    const sessionsEnded = await endOtherSessions(w.tx, { personId: person.id, keep: sessionId });
    await w.audit({
      actor,
      action: "auth.password_changed",
      subjectType: "person",
      subjectId: person.id,
      data: { sessionsEnded },
    });
    return { sessionsEnded };
  });
  if (!outcome) throw wrongCurrentPassword();
  return outcome;
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

function refusePassword(problems: string[], path: string) {
  if (problems.length) {
    throw new AppError(
      "validation.failed",
      problems.join(" "),
      problems.map((message) => ({ path, message })),
    );
  }
}

/** The basic rules only: passwords an operator sets from the command line (the demo). */
function assertPassword(password: string, email?: string) {
  refusePassword(passwordProblems({ password, email }), "password");
}

/**
 * The full policy for a password a person chooses (setup, invitation, reset, change): also not a
 * common or breached-pattern password, and not built on their name or the organisation's.
 */
export async function assertStrongPassword(
  db: DbOrTx,
  {
    password,
    name,
    email,
    path = "password",
  }: { password: string; name?: string; email?: string; path?: string },
) {
  const context: PasswordContext = {
    name,
    email,
    organisationName: (await getOrgSettings(db)).name,
  };
  refusePassword(checkPassword(password, context).problems, path);
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
    replacesSessionId?: string | null;
  },
) {
  return write(deps, async (w) => {
    await w.tx.execute(sql`SELECT pg_advisory_xact_lock(724312)`);
    if (!(await isSetupNeeded(w.tx)))
      throw new AppError("auth.setup_done", "Headway is already set up. Sign in instead.");
    await takeOneTimeToken(w, { token: input.token, purposes: ["setup"] });
    // Checked once the link is known to be good: the estimate costs time nobody else may spend.
    await assertStrongPassword(w.tx, input);
    const passwordHash = await hashPassword(input.password);
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
      replacesSessionId: input.replacesSessionId,
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
    await assertStrongPassword(w.tx, { password, name: person.name, email: person.email });
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

const credentialOf = reusable("auth_credential_of", (db) =>
  db
    .select({ id: credentials.personId })
    .from(credentials)
    .where(eq(credentials.personId, sql.placeholder("personId"))),
);

export async function hasCredential(db: DbOrTx, personId: string): Promise<boolean> {
  const [row] = await credentialOf(db, { personId });
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
    .where(and(eq(apiTokens.personId, personId), eq(apiTokens.kind, "personal")))
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
