import { eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { Actor, ConcernResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx, Tx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { type Keyring, keyringFor } from "../keys/keys.service.js";
import { queueMail } from "../mail/mail.service.js";
import { notify } from "../notify/notify.service.js";
import {
  findHrCovering,
  findManagerChain,
  findPeopleByIds,
  findPersonById,
  type PersonRow,
} from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import { planResourceOf } from "../plans/plans.participation.service.js";
import { findPlanById, findReportingLines } from "../plans/plans.repository.js";
import { findProtectedActivities } from "../review/review.repository.js";
import { recordProtectedActivity } from "../review/review.service.js";
import type { ProtectedActivityKind } from "../review/review.types.js";
import {
  type ConcernRow,
  countMessages,
  findConcernById,
  findConcernForUpdate,
  findConcernsInScope,
  findConcernsRaisedBy,
  findLastLoggedView,
  findMessages,
  findReadAt,
  markRead,
} from "./concerns.repository.js";
import {
  inboxOrder,
  noReaderMessage,
  readersOf,
  shouldLogView,
  VIEW_LOG_INTERVAL_MS,
} from "./concerns.rules.js";
import { concernMessages, concerns } from "./concerns.table.js";
import {
  type ConcernStatus,
  type ConcernTopic,
  type ConcernViewer,
  concernTopicLabels,
  type InboxFilter,
} from "./concerns.types.js";

// The confidential channel to HR. A concern is read by the employee who raised it and by HR in
// scope, never by the person it is about nor by anyone in the employee's management chain (the
// policy's concern rule). What leaves the thread says nothing: notifications and emails carry no
// subject, name or text; audit events carry no person and no topic (`data` is empty, the change
// is kept as a digest), and the employee's own events name no actor, so that the audit browser
// never lists a concern under the employee's name.

/** The actor the audit log names for the employee's own steps: nobody. */
const confidentialChannel: Actor = { kind: "system", label: "Confidential channel" };

function auditActor(actor: PersonActor, row: Pick<ConcernRow, "employeeId">): Actor {
  return actor.personId === row.employeeId ? confidentialChannel : actor;
}

async function audit(
  w: Write,
  actor: PersonActor,
  row: Pick<ConcernRow, "id" | "employeeId">,
  action: string,
  change: Record<string, unknown>,
) {
  await w.audit({
    actor: auditActor(actor, row),
    action,
    subjectType: "hr_record",
    subjectId: row.id,
    data: {},
    change: { concernId: row.id, by: actor.personId, ...change },
  });
}

// ---------- who reads it ----------

export async function concernResourceOf(db: DbOrTx, row: ConcernRow): Promise<ConcernResource> {
  const employee = await findPersonById(db, row.employeeId);
  return {
    type: "concern",
    employeeId: row.employeeId,
    aboutPersonId: row.aboutPersonId,
    employeeDepartment: employee?.department ?? "",
    employeeManagerChain: await findManagerChain(db, row.employeeId),
  };
}

/** The HR people who read a concern now: in scope, and neither about it nor above the employee. */
async function readersFor(db: DbOrTx, resource: ConcernResource): Promise<PersonRow[]> {
  return readersOf(await findHrCovering(db, resource.employeeDepartment), resource);
}

const reader = (p: PersonRow) => ({ id: p.id, name: p.name, title: p.title });

/** Loads a concern the actor may read; anything else is the same 404 as a missing concern. */
async function loadVisible(db: DbOrTx, actor: PersonActor, id: string) {
  const row = await findConcernById(db, id);
  if (!row) throw notFound("concern");
  const resource = await concernResourceOf(db, row);
  if (!can(actor, "concern.view", resource)) throw notFound("concern");
  return { row, resource };
}

async function lockVisible(tx: Tx, actor: PersonActor, id: string) {
  const row = await findConcernForUpdate(tx, id);
  if (!row) throw notFound("concern");
  const resource = await concernResourceOf(tx, row);
  if (!can(actor, "concern.view", resource)) throw notFound("concern");
  return { row, resource };
}

// ---------- presenting ----------

type People = Map<string, PersonRow>;

async function peopleMap(db: DbOrTx, ids: (string | null)[]): Promise<People> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  return new Map((await findPeopleByIds(db, wanted)).map((p) => [p.id, p]));
}

const ref = (people: People, id: string | null) =>
  id ? { id, name: people.get(id)?.name ?? "Someone no longer in Headway" } : null;

function presentSummary(
  row: ConcernRow,
  keys: Keyring,
  people: People,
  counts: { total: number; unread: number } | undefined,
) {
  return {
    id: row.id,
    topic: row.topic as ConcernTopic,
    topicLabel: concernTopicLabels[row.topic as ConcernTopic],
    subject: keys.open("concerns.subject", row.subject),
    status: row.status as ConcernStatus,
    employee: ref(people, row.employeeId)!,
    about: ref(people, row.aboutPersonId),
    createdAt: row.createdAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    messages: counts?.total ?? 0,
    unread: counts?.unread ?? 0,
  };
}
export type ConcernSummary = ReturnType<typeof presentSummary>;

async function buildDetail(
  db: DbOrTx,
  keys: Keyring,
  actor: PersonActor,
  row: ConcernRow,
  resource: ConcernResource,
  previousReadAt: Date | null,
) {
  const messages = await findMessages(db, row.id);
  const readers = await readersFor(db, resource);
  const people = await peopleMap(db, [
    row.employeeId,
    row.aboutPersonId,
    row.closedById,
    ...messages.map((m) => m.authorId),
  ]);
  const viewer: ConcernViewer = actor.personId === row.employeeId ? "employee" : "hr";
  const mayRecord = can(actor, "concern.record_protected_activity", resource);
  const mayClose = can(actor, "concern.close", resource);
  const activities = mayRecord
    ? (await findProtectedActivities(db, row.employeeId, keys)).filter(
        (a) => a.concernId === row.id,
      )
    : [];
  return {
    ...presentSummary(row, keys, people, {
      total: messages.length,
      unread: messages.filter(
        (m) => m.authorId !== actor.personId && (!previousReadAt || m.createdAt > previousReadAt),
      ).length,
    }),
    viewer,
    planId: row.planId,
    closedBy: ref(people, row.closedById),
    /** Who can read this thread now: the employee is shown these names. */
    readers: readers.map(reader),
    messages: messages.map((m) => ({
      id: m.id,
      author: ref(people, m.authorId)!,
      fromHr: m.authorId !== row.employeeId,
      mine: m.authorId === actor.personId,
      isNew: m.authorId !== actor.personId && (!previousReadAt || m.createdAt > previousReadAt),
      body: keys.open("concern_messages.body", m.body),
      createdAt: m.createdAt.toISOString(),
    })),
    protectedActivities: activities.map((a) => ({
      id: a.id,
      kind: a.kind,
      occurredOn: a.occurredOn,
      note: a.note,
      recordedAt: a.recordedAt.toISOString(),
    })),
    abilities: {
      reply: can(actor, "concern.reply", resource) && row.status === "open",
      close: mayClose && row.status === "open",
      reopen: mayClose && row.status === "closed",
      recordProtectedActivity: mayRecord,
    },
  };
}
export type ConcernDetail = Awaited<ReturnType<typeof buildDetail>>;

// ---------- raising a concern ----------

export type NewConcern = {
  topic: ConcernTopic;
  subject: string;
  message: string;
  aboutPersonId?: string | undefined;
  planId?: string | undefined;
};

function invalid(path: string, message: string) {
  return new AppError("validation.failed", message, [{ path, message }]);
}

/** The concern the employee is about to raise, as the policy sees it. */
async function prospectiveResource(
  db: DbOrTx,
  actor: PersonActor,
  aboutPersonId: string | null,
): Promise<{ me: PersonRow; resource: ConcernResource }> {
  const me = await findPersonById(db, actor.personId);
  if (!me) throw notFound("person");
  const mine = await personResource(db, me);
  if (!can(actor, "concern.raise", mine)) throw notFound("person");
  return {
    me,
    resource: {
      type: "concern",
      employeeId: me.id,
      aboutPersonId,
      employeeDepartment: me.department,
      employeeManagerChain: mine.managerChain,
    },
  };
}

/** Before sending: who in HR would read a concern from the signed-in person (none: it cannot be sent). */
export async function previewReaders(
  deps: Deps,
  { actor, aboutPersonId }: { actor: PersonActor; aboutPersonId?: string | undefined },
) {
  const db = deps.database.db;
  const { resource } = await prospectiveResource(db, actor, aboutPersonId ?? null);
  const readers = (await readersFor(db, resource)).map(reader);
  return {
    readers,
    message: readers.length ? null : noReaderMessage({ namedSomeone: Boolean(aboutPersonId) }),
  };
}
export type ReadersPreview = Awaited<ReturnType<typeof previewReaders>>;

export async function raiseConcern(
  deps: Deps,
  { actor, input }: { actor: PersonActor; input: NewConcern },
): Promise<ConcernDetail> {
  return write(deps, async (w) => {
    const aboutPersonId = input.aboutPersonId ?? null;
    if (aboutPersonId === actor.personId)
      throw invalid(
        "aboutPersonId",
        "Leave “who is it about” empty when it is about you: your concern is already yours.",
      );
    if (aboutPersonId && !(await findPersonById(w.tx, aboutPersonId)))
      throw invalid("aboutPersonId", "Choose the person from the directory.");
    if (input.planId) {
      const plan = await findPlanById(w.tx, input.planId);
      if (!plan || !can(actor, "plan.view", await planResourceOf(w.tx, plan)))
        throw invalid("planId", "Choose one of the success plans you can see, or leave it empty.");
    }
    const { me, resource } = await prospectiveResource(w.tx, actor, aboutPersonId);
    const readers = await readersFor(w.tx, resource);
    if (readers.length === 0)
      throw new AppError(
        "concern.no_reader.conflict",
        noReaderMessage({ namedSomeone: Boolean(aboutPersonId) }),
      );
    const keys = await keyringFor(deps, w.tx);
    const [row] = await w.tx
      .insert(concerns)
      .values({
        employeeId: me.id,
        aboutPersonId,
        subject: keys.seal("concerns.subject", input.subject),
        topic: input.topic,
        planId: input.planId ?? null,
        status: "open",
        createdAt: w.now,
        lastMessageAt: w.now,
      })
      .returning();
    const [message] = await w.tx
      .insert(concernMessages)
      .values({
        concernId: row!.id,
        authorId: me.id,
        body: keys.seal("concern_messages.body", input.message),
        createdAt: w.now,
      })
      .returning({ id: concernMessages.id });
    await markRead(w.tx, { concernId: row!.id, personId: me.id, at: w.now });
    await audit(w, actor, row!, "concern.raised", {
      messageId: message!.id,
      topic: input.topic,
      subject: input.subject,
      message: input.message,
      aboutPersonId,
      planId: input.planId ?? null,
    });
    await notify(deps, w, {
      personIds: readers.map((r) => r.id),
      kind: "concern.raised",
      title: "A confidential concern was raised",
      body: "Sign in to read it.",
      link: `/concerns/${row!.id}`,
      subjectType: "concern",
      subjectId: row!.id,
    });
    return buildDetail(w.tx, keys, actor, row!, resource, w.now);
  });
}

// ---------- lists ----------

/** The signed-in person's own concerns: open first, then the latest conversation first. */
export async function listMyConcerns(deps: Deps, { actor }: { actor: PersonActor }) {
  const db = deps.database.db;
  const rows = (await findConcernsRaisedBy(db, actor.personId)).sort(inboxOrder);
  const counts = await countMessages(db, {
    concernIds: rows.map((r) => r.id),
    readerId: actor.personId,
  });
  const people = await peopleMap(db, [actor.personId, ...rows.map((r) => r.aboutPersonId)]);
  const keys = await keyringFor(deps);
  return { items: rows.map((r) => presentSummary(r, keys, people, counts.get(r.id))) };
}

/** HR's inbox: every concern the policy lets this HR person read. */
export async function listInbox(
  deps: Deps,
  { actor, status }: { actor: PersonActor; status: InboxFilter },
) {
  if (!can(actor, "concern.view_inbox", { type: "org" }))
    throw notFound("concern inbox", "concern.not_found");
  const db = deps.database.db;
  const rows = await findConcernsInScope(db, {
    all: actor.hrScope.all,
    departments: actor.hrScope.departments,
    status: status === "all" ? undefined : status,
  });
  const lines = new Map((await findReportingLines(db)).map((p) => [p.id, p.managerId]));
  const chainOf = (id: string) => {
    const chain: string[] = [];
    let next = lines.get(id) ?? null;
    while (next && !chain.includes(next)) {
      chain.push(next);
      next = lines.get(next) ?? null;
    }
    return chain;
  };
  const visible = rows
    .filter(({ concern, employeeDepartment }) =>
      can(actor, "concern.view", {
        type: "concern",
        employeeId: concern.employeeId,
        aboutPersonId: concern.aboutPersonId,
        employeeDepartment,
        employeeManagerChain: chainOf(concern.employeeId),
      }),
    )
    .map((r) => r.concern)
    .sort(inboxOrder);
  const counts = await countMessages(db, {
    concernIds: visible.map((r) => r.id),
    readerId: actor.personId,
  });
  const people = await peopleMap(
    db,
    visible.flatMap((r) => [r.employeeId, r.aboutPersonId]),
  );
  const keys = await keyringFor(deps);
  const items = visible.map((r) => presentSummary(r, keys, people, counts.get(r.id)));
  return {
    items,
    open: items.filter((i) => i.status === "open").length,
    unread: items.filter((i) => i.unread > 0).length,
  };
}

// ---------- one thread ----------

/**
 * One thread. Reading it marks it read; the read is a "who viewed" event at most once per reader
 * per thread per hour (the audit log is asked first, on its subject index).
 */
export async function getConcern(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<ConcernDetail> {
  const db = deps.database.db;
  const { row, resource } = await loadVisible(db, actor, id);
  const previousReadAt = await findReadAt(db, { concernId: row.id, personId: actor.personId });
  const actorId = auditActor(actor, row).kind === "person" ? actor.personId : null;
  const now = deps.clock();
  const lastLogged = await findLastLoggedView(db, {
    concernId: row.id,
    actorId,
    since: new Date(now.getTime() - VIEW_LOG_INTERVAL_MS),
  });
  const unreadSince = !previousReadAt || row.lastMessageAt > previousReadAt;
  if (unreadSince || shouldLogView({ lastLogged, now })) {
    await write(deps, async (w) => {
      // The upsert locks this reader's row: a second tab opening the thread waits, then sees
      // the view this one logged.
      await markRead(w.tx, { concernId: row.id, personId: actor.personId, at: w.now });
      const logged = await findLastLoggedView(w.tx, {
        concernId: row.id,
        actorId,
        since: new Date(w.now.getTime() - VIEW_LOG_INTERVAL_MS),
      });
      await audit(
        w,
        actor,
        row,
        shouldLogView({ lastLogged: logged, now: w.now }) ? "concern.viewed" : "concern.read",
        {},
      );
    });
  }
  return buildDetail(db, await keyringFor(deps), actor, row, resource, previousReadAt);
}

// ---------- writing in the thread ----------

function closedError() {
  return new AppError(
    "concern.closed.conflict",
    "This concern is closed. Reopen it to write in it again; nothing was sent.",
  );
}

export async function replyToConcern(
  deps: Deps,
  { actor, id, body }: { actor: PersonActor; id: string; body: string },
): Promise<ConcernDetail> {
  return write(deps, async (w) => {
    const { row, resource } = await lockVisible(w.tx, actor, id);
    if (!can(actor, "concern.reply", resource)) throw notFound("concern");
    if (row.status !== "open") throw closedError();
    const previousReadAt = await findReadAt(w.tx, { concernId: row.id, personId: actor.personId });
    const keys = await keyringFor(deps, w.tx);
    const [message] = await w.tx
      .insert(concernMessages)
      .values({
        concernId: row.id,
        authorId: actor.personId,
        body: keys.seal("concern_messages.body", body),
        createdAt: w.now,
      })
      .returning({ id: concernMessages.id });
    const [updated] = await w.tx
      .update(concerns)
      .set({ lastMessageAt: w.now })
      .where(eq(concerns.id, row.id))
      .returning();
    await markRead(w.tx, { concernId: row.id, personId: actor.personId, at: w.now });
    await audit(w, actor, row, "concern.replied", { messageId: message!.id, body });
    if (actor.personId === row.employeeId) {
      const readers = await readersFor(w.tx, resource);
      await notify(deps, w, {
        personIds: readers.map((r) => r.id),
        kind: "concern.replied",
        title: "A confidential concern has a new reply",
        body: "Sign in to read it.",
        link: `/concerns/${row.id}`,
        subjectType: "concern",
        subjectId: row.id,
      });
    } else {
      await tellEmployee(deps, w, row);
    }
    return buildDetail(w.tx, keys, actor, updated!, resource, previousReadAt);
  });
}

/**
 * HR answered: the employee is told in the app. The email says less still: the outbox and the
 * mail log are read by admins, so it must not even say that this person has a concern.
 */
async function tellEmployee(deps: Deps, w: Write, row: ConcernRow) {
  const told = await notify(deps, w, {
    personIds: [row.employeeId],
    kind: "concern.replied",
    title: "A confidential concern has a new reply",
    body: "Sign in to read it.",
    link: `/concerns/${row.id}`,
    subjectType: "concern",
    subjectId: row.id,
    email: false,
  });
  const employee = told.length ? await findPersonById(w.tx, row.employeeId) : null;
  if (employee)
    await queueMail(deps, w, {
      to: employee.email,
      subject: "You have a new message in Headway",
      text: `Hello ${employee.name},\n\nYou have a new message in Headway. Sign in to read it: ${deps.config.baseUrl}/notifications\n`,
    });
}

export async function setConcernStatus(
  deps: Deps,
  { actor, id, status }: { actor: PersonActor; id: string; status: ConcernStatus },
): Promise<ConcernDetail> {
  return write(deps, async (w) => {
    const { row, resource } = await lockVisible(w.tx, actor, id);
    if (!can(actor, "concern.close", resource)) throw notFound("concern");
    if (row.status === status)
      throw new AppError(
        "concern.status.conflict",
        status === "closed" ? "This concern is already closed." : "This concern is already open.",
      );
    const [updated] = await w.tx
      .update(concerns)
      .set(
        status === "closed"
          ? { status, closedAt: w.now, closedById: actor.personId }
          : { status, closedAt: null, closedById: null },
      )
      .where(eq(concerns.id, row.id))
      .returning();
    await audit(w, actor, row, status === "closed" ? "concern.closed" : "concern.reopened", {
      from: row.status,
      to: status,
    });
    const previousReadAt = await findReadAt(w.tx, { concernId: row.id, personId: actor.personId });
    return buildDetail(
      w.tx,
      await keyringFor(deps, w.tx),
      actor,
      updated!,
      resource,
      previousReadAt,
    );
  });
}

// ---------- protected activities ----------

/**
 * HR records a protected activity (a complaint, a request…) from the thread: the same record as
 * on the person's page, linked to the concern, read by the plan review's retaliation rule.
 */
export async function recordActivityFromConcern(
  deps: Deps,
  {
    actor,
    id,
    input,
  }: {
    actor: PersonActor;
    id: string;
    input: { kind: ProtectedActivityKind; occurredOn: string; note: string };
  },
) {
  const { row, resource } = await loadVisible(deps.database.db, actor, id);
  if (!can(actor, "concern.record_protected_activity", resource))
    throw new AppError(
      "concern.forbidden",
      "Protected activities are recorded by HR: the record is theirs to keep.",
    );
  return recordProtectedActivity(deps, {
    actor,
    personId: row.employeeId,
    input,
    concernId: row.id,
  });
}
