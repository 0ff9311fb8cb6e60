import { eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { DiscussionResource, PersonResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx, Tx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
import { checkWording } from "../review/review.language.js";
import {
  type DiscussionRow,
  findDiscussionById,
  findDiscussionForUpdate,
  findDiscussionsOfEmployee,
  findNames,
  findSharedDiscussions,
} from "./growth.repository.js";
import { DISCUSSION_ACKNOWLEDGE_MEANING, discussionDateProblems, isoDay } from "./growth.rules.js";
import { findSubject, invalid, personRef } from "./growth.service.js";
import { documentedDiscussions } from "./growth.table.js";

// Documented performance discussions: the lighter step before a plan, and the right tool for
// behaviour issues. Written by the direct manager or HR in scope while a draft; once shared, the
// record stands: the employee acknowledges receipt and answers in their own words. Their answer
// stays theirs to change after acknowledging, because acknowledging is receipt, not the end of
// their say; every change is in the audit log.

export { findSharedDiscussions };

function resourceOf(d: DiscussionRow, employee: PersonResource): DiscussionResource {
  return {
    type: "discussion",
    employeeId: d.employeeId,
    managerId: d.managerId,
    employeeDepartment: employee.department,
    employeeManagerChain: employee.managerChain,
    status: d.status,
  };
}

/** Whether the actor writes this discussion's side of the record (were it still a draft). */
const writesRecord = (actor: PersonActor, r: DiscussionResource) =>
  can(actor, "discussion.edit", { ...r, status: "draft" });

function presentDiscussion(
  d: DiscussionRow,
  names: Map<string, string>,
  resource: DiscussionResource,
  actor: PersonActor,
) {
  const isEmployee = actor.personId === d.employeeId;
  return {
    id: d.id,
    employee: personRef(d.employeeId, names),
    manager: personRef(d.managerId, names),
    occurredOn: d.occurredOn,
    whatHappened: d.whatHappened,
    impact: d.impact,
    expectation: d.expectation,
    employeeResponse: d.employeeResponse,
    followUpOn: d.followUpOn,
    status: d.status,
    sharedAt: d.sharedAt?.toISOString() ?? null,
    acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    /** "Impact, not emotion" hints for whoever writes the record; never blocks, never shown to the employee. */
    hints: isEmployee
      ? null
      : { whatHappened: checkWording(d.whatHappened), impact: checkWording(d.impact) },
    abilities: {
      edit: can(actor, "discussion.edit", resource),
      share: can(actor, "discussion.edit", resource),
      respond: can(actor, "discussion.respond", resource),
      acknowledge: can(actor, "discussion.respond", resource) && d.status === "shared",
    },
  };
}
export type Discussion = ReturnType<typeof presentDiscussion>;

async function present(db: DbOrTx, d: DiscussionRow, employee: PersonResource, actor: PersonActor) {
  const names = await findNames(db, [d.employeeId, d.managerId]);
  return presentDiscussion(d, names, resourceOf(d, employee), actor);
}

export async function listDiscussions(
  deps: Deps,
  { actor, personId }: { actor: PersonActor; personId: string },
) {
  const db = deps.database.db;
  const subject = await findSubject(db, personId);
  if (!subject) throw notFound("person");
  const rows = (await findDiscussionsOfEmployee(db, subject.person.id)).filter((d) =>
    can(actor, "discussion.view", resourceOf(d, subject.resource)),
  );
  const create = can(actor, "discussion.create", subject.resource);
  if (!rows.length && !create && !can(actor, "coaching.view", subject.resource))
    throw notFound("person");
  const names = await findNames(
    db,
    rows.flatMap((d) => [d.employeeId, d.managerId]),
  );
  return {
    items: rows.map((d) => presentDiscussion(d, names, resourceOf(d, subject.resource), actor)),
    abilities: { create },
  };
}
export type DiscussionList = Awaited<ReturnType<typeof listDiscussions>>;

export type DiscussionInput = {
  occurredOn: string;
  whatHappened: string;
  impact: string;
  expectation: string;
  followUpOn: string | null;
};

export async function createDiscussion(
  deps: Deps,
  { actor, personId, input }: { actor: PersonActor; personId: string; input: DiscussionInput },
): Promise<Discussion> {
  const { row, employee } = await write(deps, async (w) => {
    const subject = await findSubject(w.tx, personId);
    if (!subject) throw notFound("person");
    const { person, resource } = subject;
    if (!can(actor, "discussion.create", resource)) {
      if (!can(actor, "coaching.view", resource)) throw notFound("person");
      throw new AppError(
        "discussion.forbidden",
        "Only the person's direct manager or HR covering their department documents a discussion with them.",
      );
    }
    const problems = discussionDateProblems({ ...input, today: isoDay(w.now) });
    if (problems.length) throw invalid(problems);
    // HR documents it on the manager's record of the relationship; with no manager, on their own.
    const managerId =
      person.managerId && person.managerId !== person.id ? person.managerId : actor.personId;
    const [row] = await w.tx
      .insert(documentedDiscussions)
      .values({
        employeeId: person.id,
        managerId,
        ...input,
        status: "draft",
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "discussion.created",
      subjectType: "discussion",
      subjectId: row!.id,
      data: { employeeId: person.id, managerId, occurredOn: input.occurredOn },
      change: input,
    });
    return { row: row!, employee: resource };
  });
  return present(deps.database.db, row, employee, actor);
}

async function loadDiscussion(db: DbOrTx, actor: PersonActor, id: string) {
  const d = await findDiscussionById(db, id);
  return visible(db, actor, d);
}

async function lockDiscussion(tx: Tx, actor: PersonActor, id: string) {
  const d = await findDiscussionForUpdate(tx, id);
  return visible(tx, actor, d);
}

async function visible(db: DbOrTx, actor: PersonActor, d: DiscussionRow | null) {
  if (!d) throw notFound("discussion");
  const subject = await findSubject(db, d.employeeId);
  if (!subject) throw notFound("discussion");
  const resource = resourceOf(d, subject.resource);
  if (!can(actor, "discussion.view", resource)) throw notFound("discussion");
  return { d, employee: subject.resource, resource };
}

export async function getDiscussion(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<Discussion> {
  const db = deps.database.db;
  const { d, employee } = await loadDiscussion(db, actor, id);
  return present(db, d, employee, actor);
}

/** A change to the record itself: only its writers, only while a draft, only from the latest version. */
function checkWritable(
  actor: PersonActor,
  d: DiscussionRow,
  r: DiscussionResource,
  version: number,
) {
  if (!writesRecord(actor, r))
    throw new AppError(
      "discussion.forbidden",
      "Only the manager and HR in scope write this record; you can add your response to it.",
    );
  if (d.status !== "draft")
    throw new AppError(
      "discussion.invalid_transition",
      "This discussion has been shared with the employee: the record stands as they received it. Document a new discussion for anything further.",
    );
  if (d.version !== version)
    throw new AppError(
      "discussion.conflict",
      "Someone changed this discussion since you opened it. Nothing was saved: the current version is attached — review it and make your change again.",
      { currentVersion: d.version },
    );
}

/** A stale write answers 409 with the discussion as it now stands. */
async function withCurrent<T>(deps: Deps, actor: PersonActor, id: string, fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.code === "discussion.conflict") {
      const current = await getDiscussion(deps, { actor, id }).catch(() => null);
      throw new AppError(err.code, err.message, {
        ...(err.details as Record<string, unknown>),
        discussion: current,
      });
    }
    throw err;
  }
}

const fields = ["occurredOn", "whatHappened", "impact", "expectation", "followUpOn"] as const;

export async function updateDiscussion(
  deps: Deps,
  {
    actor,
    id,
    input,
  }: { actor: PersonActor; id: string; input: Partial<DiscussionInput> & { version: number } },
): Promise<Discussion> {
  const db = deps.database.db;
  const changedIn = (d: DiscussionRow) =>
    fields.filter((k) => input[k] !== undefined && input[k] !== d[k]);
  return withCurrent(deps, actor, id, async () => {
    // Saving what is already there changes nothing and records nothing.
    const before = await loadDiscussion(db, actor, id);
    checkWritable(actor, before.d, before.resource, input.version);
    if (changedIn(before.d).length === 0) return present(db, before.d, before.employee, actor);
    const { row, employee } = await write(deps, async (w) => {
      const { d, employee, resource } = await lockDiscussion(w.tx, actor, id);
      checkWritable(actor, d, resource, input.version);
      const changed = changedIn(d);
      const next = { ...d, ...Object.fromEntries(changed.map((k) => [k, input[k]])) };
      const problems = discussionDateProblems({
        occurredOn: next.occurredOn,
        followUpOn: next.followUpOn,
        today: isoDay(w.now),
      });
      if (problems.length) throw invalid(problems);
      const set = Object.fromEntries(changed.map((k) => [k, input[k]]));
      const [row] = await w.tx
        .update(documentedDiscussions)
        .set({ ...set, version: d.version + 1, updatedAt: w.now })
        .where(eq(documentedDiscussions.id, d.id))
        .returning();
      await w.audit({
        actor,
        action: "discussion.edited",
        subjectType: "discussion",
        subjectId: d.id,
        data: { employeeId: d.employeeId, fields: changed, version: d.version + 1 },
        change: set,
      });
      return { row: row!, employee };
    });
    return present(db, row, employee, actor);
  });
}

export async function shareDiscussion(
  deps: Deps,
  { actor, id, version }: { actor: PersonActor; id: string; version: number },
): Promise<{ discussion: Discussion; message: string }> {
  return withCurrent(deps, actor, id, async () => {
    const { row, employee, name } = await write(deps, async (w) => {
      const { d, employee, resource } = await lockDiscussion(w.tx, actor, id);
      checkWritable(actor, d, resource, version);
      const [row] = await w.tx
        .update(documentedDiscussions)
        .set({ status: "shared", sharedAt: w.now, version: d.version + 1, updatedAt: w.now })
        .where(eq(documentedDiscussions.id, d.id))
        .returning();
      await w.audit({
        actor,
        action: "discussion.shared",
        subjectType: "discussion",
        subjectId: d.id,
        data: { employeeId: d.employeeId, version: d.version + 1 },
      });
      await notify(deps, w, {
        personIds: [d.employeeId],
        kind: "discussion.shared",
        title: `${actor.name} shared the record of your conversation on ${d.occurredOn}`,
        body: `Read what was written down, add your response in your own words, and acknowledge that you received it. ${DISCUSSION_ACKNOWLEDGE_MEANING}`,
        link: `/discussions/${d.id}`,
        subjectType: "discussion",
        subjectId: d.id,
      });
      const names = await findNames(w.tx, [d.employeeId]);
      return { row: row!, employee, name: names.get(d.employeeId) ?? "The employee" };
    });
    return {
      discussion: await present(deps.database.db, row, employee, actor),
      message: `Shared with ${name}, who has been told and asked to acknowledge receipt. The record no longer changes.`,
    };
  });
}

/** The employee confirms receipt: not agreement. Acknowledging twice changes nothing. */
export async function acknowledgeDiscussion(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<{ discussion: Discussion; message: string }> {
  const db = deps.database.db;
  const before = await loadDiscussion(db, actor, id);
  if (!can(actor, "discussion.respond", before.resource))
    throw new AppError(
      "discussion.forbidden",
      "Only the employee the discussion is about acknowledges receiving it.",
    );
  if (before.d.status === "acknowledged")
    return {
      discussion: await present(db, before.d, before.employee, actor),
      message: DISCUSSION_ACKNOWLEDGE_MEANING,
    };
  const { row, employee } = await write(deps, async (w) => {
    const { d, employee } = await lockDiscussion(w.tx, actor, id);
    const [row] = await w.tx
      .update(documentedDiscussions)
      .set({
        status: "acknowledged",
        acknowledgedAt: d.acknowledgedAt ?? w.now,
        version: d.version + 1,
        updatedAt: w.now,
      })
      .where(eq(documentedDiscussions.id, d.id))
      .returning();
    await w.audit({
      actor,
      action: "discussion.acknowledged",
      subjectType: "discussion",
      subjectId: d.id,
      data: { employeeId: d.employeeId, version: d.version + 1 },
    });
    await notify(deps, w, {
      personIds: [d.managerId],
      kind: "discussion.acknowledged",
      title: `${actor.name} acknowledged receiving the record of your conversation on ${d.occurredOn}`,
      body: "Acknowledging confirms receipt, not agreement.",
      link: `/discussions/${d.id}`,
      subjectType: "discussion",
      subjectId: d.id,
    });
    return { row: row!, employee };
  });
  return {
    discussion: await present(db, row, employee, actor),
    message: DISCUSSION_ACKNOWLEDGE_MEANING,
  };
}

/**
 * The employee's response in their own words. It can be written and changed once the record is
 * shared, before and after acknowledging; the manager is told (by email the first time).
 */
export async function respondToDiscussion(
  deps: Deps,
  { actor, id, response }: { actor: PersonActor; id: string; response: string },
): Promise<Discussion> {
  const db = deps.database.db;
  const before = await loadDiscussion(db, actor, id);
  if (!can(actor, "discussion.respond", before.resource))
    throw new AppError(
      "discussion.forbidden",
      "Only the employee the discussion is about writes the response.",
    );
  if (before.d.employeeResponse === response) return present(db, before.d, before.employee, actor);
  const { row, employee } = await write(deps, async (w) => {
    const { d, employee, resource } = await lockDiscussion(w.tx, actor, id);
    if (!can(actor, "discussion.respond", resource))
      throw new AppError(
        "discussion.forbidden",
        "Only the employee the discussion is about writes the response.",
      );
    const first = d.employeeResponse === "";
    const [row] = await w.tx
      .update(documentedDiscussions)
      .set({ employeeResponse: response, version: d.version + 1, updatedAt: w.now })
      .where(eq(documentedDiscussions.id, d.id))
      .returning();
    // Their words are in the record; the log keeps only a digest of them.
    await w.audit({
      actor,
      action: "discussion.responded",
      subjectType: "discussion",
      subjectId: d.id,
      data: { employeeId: d.employeeId, first, version: d.version + 1 },
      change: { employeeResponse: response },
    });
    await notify(deps, w, {
      personIds: [d.managerId],
      kind: "discussion.responded",
      title: `${actor.name} ${first ? "responded to" : "changed their response to"} the record of your conversation on ${d.occurredOn}`,
      link: `/discussions/${d.id}`,
      subjectType: "discussion",
      subjectId: d.id,
      email: first,
    });
    return { row: row!, employee };
  });
  return present(db, row, employee, actor);
}
