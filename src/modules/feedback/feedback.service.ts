import { eq } from "drizzle-orm";
import { can, hrCovers } from "../../access/access.policy.js";
import type { FeedbackResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
import {
  findHrCovering,
  findPeopleByIds,
  findPersonById,
  type PersonRow,
} from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import {
  countReplies,
  type FeedbackReplyRow,
  type FeedbackRequestRow,
  type FeedbackRow,
  findFeedbackAbout,
  findFeedbackById,
  findFeedbackForUpdate,
  findFeedbackGivenBy,
  findOpenRequest,
  findOpenRequestsFor,
  findReplies,
  findRequestById,
  findRequestsBy,
} from "./feedback.repository.js";
import { answerProblem, replyProblem, type SbiField, wordingHints } from "./feedback.rules.js";
import {
  type feedbackKinds,
  feedbackReplies,
  feedbackRequests,
  feedback as feedbackTable,
  type feedbackVisibilities,
} from "./feedback.table.js";

// Written feedback (situation – behaviour – impact), requests for it, and the short thread under
// it. A draft is its author's alone and a feedback shared with HR never reaches its recipient:
// neither is notified, listed for anyone else, nor described in audit `data`.

export type FeedbackKind = (typeof feedbackKinds)[number];
export type FeedbackVisibility = (typeof feedbackVisibilities)[number];

type People = Map<string, PersonRow>;

const ref = (people: People, id: string) => ({ id, name: people.get(id)?.name ?? "Unknown" });

async function peopleMap(db: DbOrTx, ids: string[]): Promise<People> {
  const rows = await findPeopleByIds(db, [...new Set(ids)]);
  return new Map(rows.map((p) => [p.id, p]));
}

function resourceOf(row: FeedbackRow, recipient: PersonRow | undefined): FeedbackResource {
  return {
    type: "feedback",
    giverId: row.giverId,
    recipientId: row.recipientId,
    recipientDepartment: recipient?.department ?? "",
    visibility: row.visibility,
  };
}

function presentItem(actor: PersonActor, row: FeedbackRow, people: People, replyCount: number) {
  const resource = resourceOf(row, people.get(row.recipientId));
  return {
    id: row.id,
    kind: row.kind,
    visibility: row.visibility,
    situation: row.situation,
    behaviour: row.behaviour,
    impact: row.impact,
    giver: ref(people, row.giverId),
    recipient: ref(people, row.recipientId),
    requestId: row.requestId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sharedAt: row.sharedAt?.toISOString() ?? null,
    replyCount,
    abilities: {
      edit: can(actor, "feedback.edit", resource),
      reply: can(actor, "feedback.reply", resource),
    },
  };
}
export type FeedbackItem = ReturnType<typeof presentItem>;

function presentDetail(
  actor: PersonActor,
  row: FeedbackRow,
  people: People,
  replies: FeedbackReplyRow[],
) {
  return {
    ...presentItem(actor, row, people, replies.length),
    // Wording hints are for the person writing; the recipient reads the words as they were sent.
    hints: actor.personId === row.giverId ? wordingHints(row) : [],
    replies: replies.map((r) => ({
      id: r.id,
      author: ref(people, r.authorId),
      body: r.body,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
export type FeedbackDetail = ReturnType<typeof presentDetail>;

async function detail(db: DbOrTx, actor: PersonActor, row: FeedbackRow) {
  const replies = await findReplies(db, row.id);
  const people = await peopleMap(db, [
    row.giverId,
    row.recipientId,
    ...replies.map((r) => r.authorId),
  ]);
  return presentDetail(actor, row, people, replies);
}

function presentRequest(row: FeedbackRequestRow, people: People) {
  return {
    id: row.id,
    requester: ref(people, row.requesterId),
    asked: ref(people, row.askedId),
    about: ref(people, row.aboutId),
    prompt: row.prompt,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}
export type FeedbackRequestView = ReturnType<typeof presentRequest>;

async function presentRequests(db: DbOrTx, rows: FeedbackRequestRow[]) {
  const people = await peopleMap(
    db,
    rows.flatMap((r) => [r.requesterId, r.askedId, r.aboutId]),
  );
  return rows.map((r) => presentRequest(r, people));
}

function inactive(person: PersonRow, doing: string) {
  return new AppError(
    "person.inactive.conflict",
    `${person.name} is no longer active in Headway, so ${doing}. Nothing was saved.`,
  );
}

/** Loads feedback the actor may see; anything else is the same 404 as missing feedback. */
async function loadVisible(db: DbOrTx, actor: PersonActor, row: FeedbackRow | null) {
  if (!row) throw notFound("feedback");
  const recipient = await findPersonById(db, row.recipientId);
  const resource = resourceOf(row, recipient ?? undefined);
  if (!can(actor, "feedback.view", resource)) throw notFound("feedback");
  return { row, recipient: recipient!, resource };
}

function notEditable(actor: PersonActor, row: FeedbackRow) {
  return actor.personId === row.giverId
    ? new AppError(
        "feedback.not_editable.conflict",
        "This feedback has been sent and is part of the record: it cannot change. Reply under it, or give new feedback.",
      )
    : new AppError("feedback.forbidden", "Only the person who wrote a draft can change it.");
}

/** Audit summary: ids and field names; a draft or HR-only feedback says no more than that it exists. */
function auditData(row: FeedbackRow, extra: Record<string, unknown> = {}) {
  return row.visibility === "shared"
    ? {
        feedbackId: row.id,
        recipientId: row.recipientId,
        kind: row.kind,
        visibility: row.visibility,
        ...extra,
      }
    : { feedbackId: row.id, visibility: row.visibility, ...extra };
}

const textOf = (row: FeedbackRow) => ({
  recipientId: row.recipientId,
  kind: row.kind,
  visibility: row.visibility,
  situation: row.situation,
  behaviour: row.behaviour,
  impact: row.impact,
  requestId: row.requestId,
});

/** Tells the recipient once the feedback is shared with them; never for a draft or HR-only. */
async function announceShared(deps: Deps, w: Write, actor: PersonActor, row: FeedbackRow) {
  if (row.visibility === "hr") return announceToHr(deps, w, row);
  if (row.visibility !== "shared") return;
  await notify(deps, w, {
    personIds: [row.recipientId],
    kind: "feedback.received",
    title: `${actor.name} gave you ${row.kind === "recognition" ? "recognition" : "feedback"}`,
    body: "Read it in Headway, and reply if you like.",
    link: `/feedback/${row.id}`,
    subjectType: "feedback",
    subjectId: row.id,
    dedupeKey: `feedback.received:${row.id}`,
  });
}

/**
 * Feedback shared with HR alone reaches the HR partners who may read it (HR covering the
 * recipient's department), never the recipient, and not its giver. Like a concern's notice, it says
 * neither whom it is about nor what it says: admins can read every email in the outbox.
 */
async function announceToHr(deps: Deps, w: Write, row: FeedbackRow) {
  const recipient = await findPersonById(w.tx, row.recipientId);
  if (!recipient) return;
  const readers = (await findHrCovering(w.tx, recipient.department))
    .map((p) => p.id)
    .filter((id) => id !== row.recipientId && id !== row.giverId);
  await notify(deps, w, {
    personIds: readers,
    kind: "feedback.to_hr",
    title: "Feedback was shared with HR",
    body: "It is for HR only. Sign in to read it.",
    link: `/feedback/${row.id}`,
    subjectType: "feedback",
    subjectId: row.id,
    dedupeKey: `feedback.to_hr:${row.id}`,
  });
}

/** Marks the request answered once its answer reaches the person it is about. */
async function answerRequest(
  deps: Deps,
  w: Write,
  actor: PersonActor,
  row: FeedbackRow,
  request: FeedbackRequestRow,
) {
  if (row.visibility !== "shared" || request.status !== "open") return;
  await w.tx
    .update(feedbackRequests)
    .set({ status: "answered", answeredAt: w.now })
    .where(eq(feedbackRequests.id, request.id));
  if (request.requesterId !== row.recipientId) {
    const about = await findPersonById(w.tx, request.aboutId);
    await notify(deps, w, {
      personIds: [request.requesterId].filter((id) => id !== actor.personId),
      kind: "feedback.request_answered",
      title: `${actor.name} answered your request for feedback about ${about?.name ?? "your report"}`,
      link: "/feedback/requests",
      subjectType: "feedback_request",
      subjectId: request.id,
      dedupeKey: `feedback.request_answered:${request.id}`,
    });
  }
}

// ---------- giving and editing ----------

export type NewFeedback = {
  recipientId: string;
  kind: FeedbackKind;
  visibility: FeedbackVisibility;
  situation: string;
  behaviour: string;
  impact: string;
  requestId?: string | undefined;
};

export async function giveFeedback(
  deps: Deps,
  { actor, input }: { actor: PersonActor; input: NewFeedback },
): Promise<FeedbackDetail> {
  const row = await write(deps, async (w) => {
    const recipient = await findPersonById(w.tx, input.recipientId);
    if (!recipient) throw notFound("person");
    if (!can(actor, "feedback.give", await personResource(w.tx, recipient)))
      throw new AppError(
        "feedback.forbidden",
        "Feedback is for someone else: write your own reflections in your coaching profile.",
      );
    if (!recipient.active) throw inactive(recipient, "feedback cannot be given to them");
    let request: FeedbackRequestRow | null = null;
    if (input.requestId) {
      request = await findRequestById(w.tx, input.requestId, { lock: true });
      if (!request || request.askedId !== actor.personId)
        throw notFound("feedback request", "feedback_request.not_found");
      const problem = answerProblem({
        request,
        giverId: actor.personId,
        recipientId: recipient.id,
        visibility: input.visibility,
      });
      if (problem) throw new AppError(problem.code, problem.message);
    }
    const [row] = await w.tx
      .insert(feedbackTable)
      .values({
        giverId: actor.personId,
        recipientId: recipient.id,
        kind: input.kind,
        situation: input.situation,
        behaviour: input.behaviour,
        impact: input.impact,
        visibility: input.visibility,
        requestId: request?.id ?? null,
        sharedAt: input.visibility === "draft" ? null : w.now,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "feedback.given",
      subjectType: "feedback",
      subjectId: row!.id,
      data: auditData(
        row!,
        row!.visibility === "shared" && request ? { requestId: request.id } : {},
      ),
      change: textOf(row!),
    });
    await announceShared(deps, w, actor, row!);
    if (request) await answerRequest(deps, w, actor, row!, request);
    return row!;
  });
  return detail(deps.database.db, actor, row);
}

export type FeedbackPatch = Partial<{
  kind: FeedbackKind;
  visibility: FeedbackVisibility;
  situation: string;
  behaviour: string;
  impact: string;
}>;

/** The author edits a draft, and shares it (with the recipient, or with HR) when it is ready. */
export async function updateFeedback(
  deps: Deps,
  { actor, id, patch }: { actor: PersonActor; id: string; patch: FeedbackPatch },
): Promise<FeedbackDetail> {
  const row = await write(deps, async (w) => {
    const { row, recipient, resource } = await loadVisible(
      w.tx,
      actor,
      await findFeedbackForUpdate(w.tx, id),
    );
    if (!can(actor, "feedback.edit", resource)) throw notEditable(actor, row);
    const visibility = patch.visibility ?? row.visibility;
    const sharing = visibility !== "draft";
    if (sharing && !recipient.active) throw inactive(recipient, "this draft cannot be sent");
    const request = row.requestId
      ? await findRequestById(w.tx, row.requestId, { lock: true })
      : null;
    if (request && visibility === "hr")
      throw new AppError(
        "validation.failed",
        "This draft answers a request, so it goes to the person it is about. To tell HR alone, give new feedback without the request.",
      );
    const fields = (["kind", "situation", "behaviour", "impact"] as const).filter(
      (f) => patch[f] !== undefined && patch[f] !== row[f],
    );
    const [next] = await w.tx
      .update(feedbackTable)
      .set({
        ...(patch.kind ? { kind: patch.kind } : {}),
        ...(patch.situation !== undefined ? { situation: patch.situation } : {}),
        ...(patch.behaviour !== undefined ? { behaviour: patch.behaviour } : {}),
        ...(patch.impact !== undefined ? { impact: patch.impact } : {}),
        visibility,
        sharedAt: sharing ? w.now : null,
        updatedAt: w.now,
      })
      .where(eq(feedbackTable.id, row.id))
      .returning();
    await w.audit({
      actor,
      action: sharing ? "feedback.shared" : "feedback.draft_updated",
      subjectType: "feedback",
      subjectId: row.id,
      data: auditData(next!, { fields }),
      change: textOf(next!),
    });
    await announceShared(deps, w, actor, next!);
    if (request) await answerRequest(deps, w, actor, next!, request);
    return next!;
  });
  return detail(deps.database.db, actor, row);
}

/** The author discards a draft; sent feedback stays. */
export async function deleteDraft(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<{ removed: string }> {
  return write(deps, async (w) => {
    const { row, resource } = await loadVisible(w.tx, actor, await findFeedbackForUpdate(w.tx, id));
    if (!can(actor, "feedback.edit", resource)) throw notEditable(actor, row);
    await w.tx.delete(feedbackTable).where(eq(feedbackTable.id, row.id));
    await w.audit({
      actor,
      action: "feedback.draft_deleted",
      subjectType: "feedback",
      subjectId: row.id,
      data: auditData(row),
      change: textOf(row),
    });
    return { removed: row.id };
  });
}

// ---------- reading ----------

export async function getFeedback(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<FeedbackDetail> {
  const db = deps.database.db;
  const { row } = await loadVisible(db, actor, await findFeedbackById(db, id));
  return detail(db, actor, row);
}

async function presentList(db: DbOrTx, actor: PersonActor, rows: FeedbackRow[]) {
  const people = await peopleMap(
    db,
    rows.flatMap((r) => [r.giverId, r.recipientId]),
  );
  const visible = rows.filter((r) =>
    can(actor, "feedback.view", resourceOf(r, people.get(r.recipientId))),
  );
  const counts = await countReplies(
    db,
    visible.map((r) => r.id),
  );
  return visible.map((r) => presentItem(actor, r, people, counts.get(r.id) ?? 0));
}

/**
 * What the actor may read about one person: for themselves, what was shared with them; for
 * anyone, what they gave; for HR in scope, what was shared with HR.
 */
export async function listFeedbackAbout(
  deps: Deps,
  { actor, about }: { actor: PersonActor; about?: string | undefined },
) {
  const db = deps.database.db;
  const person = await findPersonById(db, about ?? actor.personId);
  if (!person) throw notFound("person");
  const rows = await findFeedbackAbout(db, {
    recipientId: person.id,
    viewerId: actor.personId,
    hr: hrCovers(actor, person.department),
  });
  return {
    person: { id: person.id, name: person.name },
    items: await presentList(db, actor, rows),
  };
}

export async function listFeedbackGiven(deps: Deps, { actor }: { actor: PersonActor }) {
  const db = deps.database.db;
  return { items: await presentList(db, actor, await findFeedbackGivenBy(db, actor.personId)) };
}

// ---------- the thread ----------

export async function replyToFeedback(
  deps: Deps,
  { actor, id, body }: { actor: PersonActor; id: string; body: string },
): Promise<FeedbackDetail> {
  const row = await write(deps, async (w) => {
    const { row, resource } = await loadVisible(w.tx, actor, await findFeedbackForUpdate(w.tx, id));
    if (!can(actor, "feedback.reply", resource))
      throw actor.personId === row.giverId
        ? new AppError(
            "feedback.not_shared.conflict",
            "Only feedback shared with its recipient has a thread: share the draft first.",
          )
        : new AppError(
            "feedback.forbidden",
            "The thread under feedback is between the person who gave it and the person who received it.",
          );
    const replies = await findReplies(w.tx, row.id);
    const problem = replyProblem({
      authorIsGiver: actor.personId === row.giverId,
      recipientHasReplied: replies.some((r) => r.authorId === row.recipientId),
      replies: replies.length,
    });
    if (problem) throw new AppError(problem.code, problem.message);
    const [reply] = await w.tx
      .insert(feedbackReplies)
      .values({ feedbackId: row.id, authorId: actor.personId, body, createdAt: w.now })
      .returning();
    await w.audit({
      actor,
      action: "feedback.replied",
      subjectType: "feedback",
      subjectId: row.id,
      data: { feedbackId: row.id, replyId: reply!.id },
      change: { body },
    });
    await notify(deps, w, {
      personIds: [row.giverId, row.recipientId].filter((p) => p !== actor.personId),
      kind: "feedback.replied",
      title: `${actor.name} replied to ${actor.personId === row.giverId ? "your reply" : "your feedback"}`,
      link: `/feedback/${row.id}`,
      subjectType: "feedback",
      subjectId: row.id,
    });
    return row;
  });
  return detail(deps.database.db, actor, row);
}

// ---------- requests ----------

export async function requestFeedback(
  deps: Deps,
  {
    actor,
    input,
  }: {
    actor: PersonActor;
    input: { askedId: string; aboutId?: string | undefined; prompt: string };
  },
): Promise<FeedbackRequestView> {
  const row = await write(deps, async (w) => {
    const asked = await findPersonById(w.tx, input.askedId);
    if (!asked) throw notFound("person");
    if (!can(actor, "feedback.request", await personResource(w.tx, asked)))
      throw new AppError("feedback.forbidden", "Ask someone else for feedback, not yourself.");
    const aboutId = input.aboutId ?? actor.personId;
    const about = aboutId === actor.personId ? null : await findPersonById(w.tx, aboutId);
    if (about) {
      // Managers gather feedback on their direct reports; nobody asks about anyone else.
      const aboutResource = await personResource(w.tx, about);
      if (aboutResource.managerChain[0] !== actor.personId)
        throw new AppError(
          "feedback_request.forbidden",
          "You can ask for feedback about yourself, or about one of your direct reports.",
        );
      if (about.id === asked.id)
        throw new AppError(
          "validation.failed",
          `${about.name} cannot be asked for feedback about themselves. Ask a colleague who works with them.`,
          [{ path: "askedId", message: "Choose someone other than the person it is about." }],
        );
    } else if (aboutId !== actor.personId) throw notFound("person");
    if (!asked.active) throw inactive(asked, "they cannot be asked for feedback");
    if (about && !about.active) throw inactive(about, "feedback about them cannot be requested");
    if (await findOpenRequest(w.tx, { requesterId: actor.personId, askedId: asked.id, aboutId }))
      throw new AppError(
        "feedback_request.exists",
        `You already asked ${asked.name} for this feedback, and the request is still open.`,
      );
    const [row] = await w.tx
      .insert(feedbackRequests)
      .values({
        requesterId: actor.personId,
        askedId: asked.id,
        aboutId,
        prompt: input.prompt,
        createdAt: w.now,
      })
      .returning();
    await w.audit({
      actor,
      action: "feedback.requested",
      subjectType: "feedback_request",
      subjectId: row!.id,
      data: { requestId: row!.id, askedId: asked.id, aboutId },
      change: { askedId: asked.id, aboutId, prompt: input.prompt },
    });
    await notify(deps, w, {
      personIds: [asked.id],
      kind: "feedback.requested",
      title: about
        ? `${actor.name} asked you for feedback about ${about.name}`
        : `${actor.name} asked you for feedback`,
      body: input.prompt,
      link: "/feedback/requests",
      subjectType: "feedback_request",
      subjectId: row!.id,
      dedupeKey: `feedback.requested:${row!.id}`,
    });
    return row!;
  });
  const [view] = await presentRequests(deps.database.db, [row]);
  return view!;
}

/** Requests waiting on the actor, and the ones they made. */
export async function listRequests(deps: Deps, { actor }: { actor: PersonActor }) {
  const db = deps.database.db;
  return {
    incoming: await presentRequests(db, await findOpenRequestsFor(db, actor.personId)),
    outgoing: await presentRequests(db, await findRequestsBy(db, actor.personId)),
  };
}

export async function declineRequest(
  deps: Deps,
  { actor, id }: { actor: PersonActor; id: string },
): Promise<FeedbackRequestView> {
  const row = await write(deps, async (w) => {
    const request = await findRequestById(w.tx, id, { lock: true });
    if (!request || (request.askedId !== actor.personId && request.requesterId !== actor.personId))
      throw notFound("feedback request", "feedback_request.not_found");
    if (request.askedId !== actor.personId)
      throw new AppError(
        "feedback_request.forbidden",
        "Only the person asked can decline a request.",
      );
    if (request.status !== "open")
      throw new AppError(
        "feedback_request.conflict",
        `This request was already ${request.status}.`,
      );
    const [row] = await w.tx
      .update(feedbackRequests)
      .set({ status: "declined", answeredAt: w.now })
      .where(eq(feedbackRequests.id, request.id))
      .returning();
    await w.audit({
      actor,
      action: "feedback.request_declined",
      subjectType: "feedback_request",
      subjectId: request.id,
      data: { requestId: request.id },
    });
    await notify(deps, w, {
      personIds: [request.requesterId],
      kind: "feedback.request_declined",
      title: `${actor.name} declined your request for feedback`,
      link: "/feedback/requests",
      subjectType: "feedback_request",
      subjectId: request.id,
      email: false,
    });
    return row!;
  });
  const [view] = await presentRequests(deps.database.db, [row]);
  return view!;
}

/** Hints on unsaved text, as the author types. */
export function checkFeedbackWording(text: Partial<Record<SbiField, string>>) {
  return { hints: wordingHints(text) };
}
