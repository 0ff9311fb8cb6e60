// Mentoring: mentor profiles, suggestions, requests, and the brief session log.
// CONTRACT (used by catalogue attach and the diagnostic guide): keep these signatures.
import { and, eq, inArray, sql } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { MentorshipResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { growthGoalResources } from "../growth/growth.table.js";
import { keyringFor } from "../keys/keys.service.js";
import { notify } from "../notify/notify.service.js";
import {
  findManagerChain,
  findPeopleByIds,
  findPersonById,
  isUuid,
  type PersonRow,
} from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import { planResources } from "../plans/plans.table.js";
import {
  countMentoringOf,
  countPlacesTaken,
  countSessionsByMentorship,
  findMentorProfile,
  findMentorProfiles,
  findMentorshipById,
  findMentorshipsOf,
  findSessions,
  lockMentorProfile,
  lockMentorship,
  type MentorshipRow,
} from "./mentoring.repository.js";
import {
  endStatusFor,
  MAX_MESSAGE,
  MAX_SESSION_TOPIC,
  MAX_TOPIC,
  normalizeSkills,
  rankMentors,
  requestProblem,
  sessionDateProblem,
} from "./mentoring.rules.js";
import { mentoringSessions, mentorships } from "./mentoring.table.js";
import { type MentorshipStatus, placeTaking } from "./mentoring.types.js";

export type MentorSuggestion = {
  mentor: { id: string; name: string; title: string; department: string };
  skills: string[];
  /** The asked-for skills this mentor has. */
  matchingSkills: string[];
  freeCapacity: number;
  availability: string;
};

/**
 * Mentors for a mentee: active profiles with a free place, never the mentee, never anyone in the
 * mentee's management chain; best skill match first, then most free places.
 */
export async function suggestMentors(
  db: DbOrTx,
  input: { menteeId: string; skills: string[]; limit?: number },
): Promise<MentorSuggestion[]> {
  const rows = await findMentorProfiles(db, { onlyAvailable: true });
  const managerChain = await findManagerChain(db, input.menteeId);
  const ranked = rankMentors({
    candidates: rows.map((r) => ({
      id: r.person.id,
      name: r.person.name,
      skills: r.profile.skills,
      capacity: r.profile.capacity,
      placesTaken: r.placesTaken,
      row: r,
    })),
    menteeId: input.menteeId,
    managerChain,
    skills: input.skills,
  });
  return ranked.slice(0, input.limit ?? 20).map((c) => ({
    mentor: {
      id: c.row.person.id,
      name: c.row.person.name,
      title: c.row.person.title,
      department: c.row.person.department,
    },
    skills: c.row.profile.skills,
    matchingSkills: c.matchingSkills,
    freeCapacity: c.freeCapacity,
    availability: c.row.profile.availability,
  }));
}

/**
 * Asks a mentor, inside the caller's write (it records its own audit event and notifies the
 * mentor without naming any plan). Throws AppError "mentor.no_capacity" (409) when the mentor has
 * no free place, "mentor.not_available" when they are not an active mentor, "mentor.in_chain"
 * when they manage the mentee.
 */
export async function requestMentorshipIn(
  deps: Deps,
  w: Write,
  input: {
    actor: PersonActor;
    mentorId: string;
    menteeId: string;
    topic: string;
    skills: string[];
    message?: string;
    planResourceId?: string | null;
    growthResourceId?: string | null;
  },
): Promise<{ id: string }> {
  const { actor } = input;
  if (!isUuid(input.menteeId)) throw notFound("person");
  if (!isUuid(input.mentorId))
    throw new AppError(
      "mentor.not_available",
      "That mentor is not in the mentor directory. Choose one from the suggestions.",
    );
  const mentee = await findPersonById(w.tx, input.menteeId);
  if (!mentee?.active) throw notFound("person");
  const menteeResource = await personResource(w.tx, mentee);
  if (!can(actor, "mentoring.request", menteeResource)) throw notFound("person");

  const skills = normalizeSkills(input.skills);
  const topic = input.topic.trim() || skills.join(", ");
  if (!topic)
    throw new AppError(
      "mentorship.invalid",
      "Say what the mentoring is for: a topic or at least one skill.",
    );
  if (topic.length > MAX_TOPIC)
    throw new AppError(
      "mentorship.invalid",
      `Keep the topic under ${MAX_TOPIC} characters; the details can go in the message.`,
    );
  const message = (input.message ?? "").trim();
  if (message.length > MAX_MESSAGE)
    throw new AppError("mentorship.invalid", `Keep the message under ${MAX_MESSAGE} characters.`);

  // The lock: concurrent requests for the same mentor take places one after another, so the
  // count below sees every place already taken and the last place cannot be given twice.
  const profile =
    input.mentorId === input.menteeId ? null : await lockMentorProfile(w.tx, input.mentorId);
  const mentor = await findPersonById(w.tx, input.mentorId);
  const problem = requestProblem({
    mentorId: input.mentorId,
    menteeId: input.menteeId,
    managerChain: menteeResource.managerChain,
    profile,
    mentorActive: mentor?.active ?? false,
    placesTaken: profile ? await countPlacesTaken(w.tx, input.mentorId) : 0,
  });
  const mentorName = mentor?.name ?? "This person";
  switch (problem) {
    case "mentor.self":
      throw new AppError(
        "mentor.self",
        "Nobody can mentor themselves: choose someone else as the mentor.",
      );
    case "mentor.in_chain":
      throw new AppError(
        "mentor.in_chain",
        `${mentorName} is in ${mentee.name}'s management chain. A mentor must come from outside it: choose another mentor.`,
      );
    case "mentor.not_available":
      throw new AppError(
        "mentor.not_available",
        `${mentorName} is not taking mentees through Headway. Choose another mentor from the suggestions.`,
      );
    case "mentor.no_capacity":
      throw new AppError(
        "mentor.no_capacity",
        `${mentorName} has no free mentoring place right now. Choose another mentor, or ask L&D to find one.`,
      );
  }

  const [running] = await w.tx
    .select({ id: mentorships.id, status: mentorships.status })
    .from(mentorships)
    .where(
      and(
        eq(mentorships.mentorId, input.mentorId),
        eq(mentorships.menteeId, input.menteeId),
        inArray(mentorships.status, [...placeTaking]),
      ),
    );
  if (running)
    throw new AppError(
      "mentorship.exists",
      running.status === "active"
        ? `${mentorName} already mentors ${mentee.name}. Log sessions on the Mentoring page.`
        : `${mentorName} has already been asked to mentor ${mentee.name} and has not answered yet.`,
    );

  // A linked goal resource must be about this mentee; a stray id is simply not linked.
  const planResourceId = input.planResourceId ?? null;
  const growthResourceId = input.growthResourceId ?? null;
  if (planResourceId) {
    const [r] = await w.tx
      .select({ id: planResources.id })
      .from(planResources)
      .where(eq(planResources.id, planResourceId));
    if (!r) throw notFound("resource");
  }
  if (growthResourceId) {
    const [r] = await w.tx
      .select({ id: growthGoalResources.id })
      .from(growthGoalResources)
      .where(eq(growthGoalResources.id, growthResourceId));
    if (!r) throw notFound("resource");
  }

  const [row] = await w.tx
    .insert(mentorships)
    .values({
      mentorId: input.mentorId,
      menteeId: input.menteeId,
      requestedById: actor.personId,
      status: "requested",
      topic,
      skills,
      message,
      planResourceId,
      growthResourceId,
      createdAt: w.now,
    })
    .returning({ id: mentorships.id });
  const id = (row as { id: string }).id;
  await w.audit({
    actor,
    action: "mentorship.requested",
    subjectType: "mentorship",
    subjectId: id,
    data: {
      mentorshipId: id,
      mentorId: input.mentorId,
      menteeId: input.menteeId,
      ...(planResourceId ? { planResourceId } : {}),
      ...(growthResourceId ? { growthResourceId } : {}),
    },
    change: { topic, skills, message },
  });
  // The mentor learns who and what, never why: no plan, goal or diagnosis is named.
  await notify(deps, w, {
    personIds: [input.mentorId].filter((p) => p !== actor.personId),
    kind: "mentorship.requested",
    title: `Mentoring request: ${mentee.name} — ${topic}`,
    body: "Open your Mentoring page to accept or decline.",
    link: "/mentoring",
    subjectType: "mentorship",
    subjectId: id,
  });
  if (actor.personId !== input.menteeId)
    await notify(deps, w, {
      personIds: [input.menteeId],
      kind: "mentorship.requested_for_you",
      title: `${mentorName} was asked to mentor you: ${topic}`,
      body: "You will hear when they answer.",
      link: "/mentoring",
      subjectType: "mentorship",
      subjectId: id,
    });
  return { id };
}

/** Asks a mentor from the Mentoring page or a person's page (not from a goal). */
export async function requestMentorship(
  deps: Deps,
  {
    actor,
    input,
  }: {
    actor: PersonActor;
    input: { mentorId: string; menteeId: string; topic: string; skills: string[]; message: string };
  },
) {
  const { id } = await write(deps, (w) => requestMentorshipIn(deps, w, { actor, ...input }));
  return getMentorship(deps, { actor, id });
}

// ---------- mentorships: reading ----------

export function mentorshipResourceOf(row: MentorshipRow): MentorshipResource {
  return {
    type: "mentorship",
    mentorId: row.mentorId,
    menteeId: row.menteeId,
    requestedById: row.requestedById,
    status: row.status,
  };
}

type PersonRef = { id: string; name: string; title: string; department: string };

const ref = (id: string, people: Map<string, PersonRow>): PersonRef => {
  const p = people.get(id);
  return {
    id,
    name: p?.name ?? "Someone",
    title: p?.title ?? "",
    department: p?.department ?? "",
  };
};

async function peopleOf(db: DbOrTx, rows: MentorshipRow[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.mentorId, r.menteeId, r.requestedById]))];
  return new Map((await findPeopleByIds(db, ids)).map((p) => [p.id, p]));
}

function presentMentorship(
  actor: PersonActor,
  row: MentorshipRow,
  people: Map<string, PersonRow>,
  sessions: { count: number; lastHeldOn: string | null },
) {
  const resource = mentorshipResourceOf(row);
  const isMentor = actor.personId === row.mentorId;
  return {
    id: row.id,
    mentor: ref(row.mentorId, people),
    mentee: ref(row.menteeId, people),
    requestedBy: ref(row.requestedById, people),
    status: row.status,
    topic: row.topic,
    skills: row.skills,
    message: row.message,
    declineReason: row.declineReason,
    createdAt: row.createdAt.toISOString(),
    respondedAt: row.respondedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    sessionCount: sessions.count,
    lastSessionOn: sessions.lastHeldOn,
    abilities: {
      respond: can(actor, "mentorship.respond", resource),
      logSession: can(actor, "mentorship.log_session", resource),
      end:
        can(actor, "mentorship.end", resource) &&
        endStatusFor({ status: row.status, isMentor }) !== null,
    },
  };
}
export type MentorshipView = ReturnType<typeof presentMentorship>;

/** The actor's mentorships: as mentor, as mentee, and those they asked for someone else. */
export async function listMyMentorships(deps: Deps, { actor }: { actor: PersonActor }) {
  const db = deps.database.db;
  const rows = await findMentorshipsOf(db, actor.personId);
  const people = await peopleOf(db, rows);
  const counts = await countSessionsByMentorship(
    db,
    rows.map((r) => r.id),
  );
  const present = (r: MentorshipRow) =>
    presentMentorship(actor, r, people, counts.get(r.id) ?? { count: 0, lastHeldOn: null });
  return {
    asMentor: rows.filter((r) => r.mentorId === actor.personId).map(present),
    asMentee: rows.filter((r) => r.menteeId === actor.personId).map(present),
    asked: rows
      .filter(
        (r) =>
          r.requestedById === actor.personId &&
          r.mentorId !== actor.personId &&
          r.menteeId !== actor.personId,
      )
      .map(present),
  };
}

async function loadVisible(db: DbOrTx, actor: PersonActor, id: string) {
  if (!isUuid(id)) throw notFound("mentorship");
  const row = await findMentorshipById(db, id);
  if (!row || !can(actor, "mentorship.view", mentorshipResourceOf(row)))
    throw notFound("mentorship");
  return row;
}

/**
 * One mentorship. The session log (dates and topics) is the mentor's and the mentee's alone;
 * the person who asked (a manager) sees the status and how many sessions were held.
 */
export async function getMentorship(deps: Deps, { actor, id }: { actor: PersonActor; id: string }) {
  const db = deps.database.db;
  const row = await loadVisible(db, actor, id);
  return presentDetail(deps, db, actor, row);
}

async function presentDetail(deps: Deps, db: DbOrTx, actor: PersonActor, row: MentorshipRow) {
  const people = await peopleOf(db, [row]);
  const counts = await countSessionsByMentorship(db, [row.id]);
  const view = presentMentorship(
    actor,
    row,
    people,
    counts.get(row.id) ?? { count: 0, lastHeldOn: null },
  );
  const inIt = actor.personId === row.mentorId || actor.personId === row.menteeId;
  let sessions:
    | { id: string; heldOn: string; topic: string; author: PersonRef; createdAt: string }[]
    | null = null;
  if (inIt) {
    const rows = await findSessions(db, row.id);
    const keyring = rows.length ? await keyringFor(deps, db) : null;
    const authors = new Map(
      (await findPeopleByIds(db, [...new Set(rows.map((s) => s.authorId))])).map((p) => [p.id, p]),
    );
    sessions = rows.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      topic: keyring ? keyring.open("mentoring_sessions.topic", s.topic) : "",
      author: ref(s.authorId, authors),
      createdAt: s.createdAt.toISOString(),
    }));
  }
  return { ...view, sessions };
}

// ---------- mentorships: answering, ending, logging ----------

async function lockVisible(w: Write, actor: PersonActor, id: string) {
  if (!isUuid(id)) throw notFound("mentorship");
  const row = await lockMentorship(w.tx, id);
  if (!row || !can(actor, "mentorship.view", mentorshipResourceOf(row)))
    throw notFound("mentorship");
  return row;
}

function refuse(row: MentorshipRow, what: string): never {
  throw new AppError(
    "mentorship.invalid_transition",
    `This mentorship is ${statusWords[row.status]}: ${what}`,
  );
}

const statusWords: Record<MentorshipStatus, string> = {
  requested: "waiting for the mentor's answer",
  active: "running",
  declined: "declined",
  ended: "ended",
  withdrawn: "withdrawn",
};

export async function respondToMentorship(
  deps: Deps,
  {
    actor,
    id,
    answer,
    reason,
  }: { actor: PersonActor; id: string; answer: "accept" | "decline"; reason?: string },
) {
  const row = await write(deps, async (w) => {
    const row = await lockVisible(w, actor, id);
    const resource = mentorshipResourceOf(row);
    if (!can(actor, "mentorship.respond", resource)) {
      if (actor.personId !== row.mentorId)
        throw new AppError(
          "mentorship.forbidden",
          "Only the person asked to be the mentor can accept or decline.",
        );
      refuse(row, "there is nothing to answer.");
    }
    const people = await peopleOf(w.tx, [row]);
    const mentee = people.get(row.menteeId)?.name ?? "your report";
    const others = [row.requestedById, row.menteeId].filter((p) => p !== actor.personId);
    if (answer === "accept") {
      const [updated] = await w.tx
        .update(mentorships)
        .set({ status: "active", respondedAt: w.now })
        .where(eq(mentorships.id, row.id))
        .returning();
      // The goal's resource is now in use: the support promised is being given.
      if (row.planResourceId) {
        const changed = await w.tx
          .update(planResources)
          .set({ status: "in_use" })
          .where(and(eq(planResources.id, row.planResourceId), eq(planResources.status, "offered")))
          .returning({ goalId: planResources.goalId });
        // The plan changed under anyone editing it: their next save must see the new version,
        // not write "offered" back over the mentor's acceptance.
        if (changed[0])
          await w.tx.execute(
            sql`UPDATE plans SET version = version + 1, updated_at = ${w.now}
                 WHERE id = (SELECT plan_id FROM plan_goals WHERE id = ${changed[0].goalId})`,
          );
      }
      if (row.growthResourceId)
        await w.tx
          .update(growthGoalResources)
          .set({ status: "in_use" })
          .where(
            and(
              eq(growthGoalResources.id, row.growthResourceId),
              eq(growthGoalResources.status, "offered"),
            ),
          );
      await w.audit({
        actor,
        action: "mentorship.accepted",
        subjectType: "mentorship",
        subjectId: row.id,
        data: {
          mentorshipId: row.id,
          mentorId: row.mentorId,
          menteeId: row.menteeId,
          ...(row.planResourceId ? { planResourceId: row.planResourceId } : {}),
          ...(row.growthResourceId ? { growthResourceId: row.growthResourceId } : {}),
        },
      });
      await notify(deps, w, {
        personIds: others,
        kind: "mentorship.accepted",
        title: `${actor.name} will mentor ${mentee}: ${row.topic}`,
        body: "Agree a first session together; either of you can log it briefly on the Mentoring page.",
        link: "/mentoring",
        subjectType: "mentorship",
        subjectId: row.id,
      });
      return updated as MentorshipRow;
    }
    const declineReason = (reason ?? "").trim();
    const [updated] = await w.tx
      .update(mentorships)
      .set({ status: "declined", respondedAt: w.now, declineReason })
      .where(eq(mentorships.id, row.id))
      .returning();
    await w.audit({
      actor,
      action: "mentorship.declined",
      subjectType: "mentorship",
      subjectId: row.id,
      data: {
        mentorshipId: row.id,
        mentorId: row.mentorId,
        menteeId: row.menteeId,
        withReason: declineReason.length > 0,
      },
      change: { declineReason },
    });
    await notify(deps, w, {
      personIds: others,
      kind: "mentorship.declined",
      title: `${actor.name} cannot mentor ${mentee} now: choose another mentor`,
      body: declineReason
        ? `Their reason: ${declineReason}`
        : "Find another mentor in the suggestions, or ask L&D.",
      link: "/mentoring",
      subjectType: "mentorship",
      subjectId: row.id,
    });
    return updated as MentorshipRow;
  });
  return presentDetail(deps, deps.database.db, actor, row);
}

/**
 * A mentorship that ends after at least one logged session was support given: the goal resource
 * it was asked from, still in use, becomes delivered (on a plan, a new version, so no one editing
 * it writes "in use" back). Ended with no session logged, the resource stays as it was, for the
 * manager to judge. A closed plan's record stays as it was closed.
 */
async function recordSupportGiven(w: Write, actor: PersonActor, row: MentorshipRow) {
  if (!row.planResourceId && !row.growthResourceId) return;
  if (!(await countSessionsByMentorship(w.tx, [row.id])).get(row.id)?.count) return;
  const because = { mentorshipId: row.id, because: "mentorship.ended" };
  if (row.planResourceId) {
    const [changed] = await w.tx
      .update(planResources)
      .set({ status: "delivered" })
      .where(
        and(
          eq(planResources.id, row.planResourceId),
          eq(planResources.status, "in_use"),
          sql`(SELECT p.status FROM plans p JOIN plan_goals g ON g.plan_id = p.id
                WHERE g.id = ${planResources.goalId}) <> 'closed'`,
        ),
      )
      .returning({ goalId: planResources.goalId });
    if (changed) {
      const planId = (
        await w.tx.execute<{ id: string }>(
          sql`UPDATE plans SET version = version + 1, updated_at = ${w.now}
               WHERE id = (SELECT plan_id FROM plan_goals WHERE id = ${changed.goalId})
           RETURNING id`,
        )
      ).rows[0]!.id;
      await w.audit({
        actor,
        action: "plan.resource_status_set",
        subjectType: "plan",
        subjectId: planId,
        data: { resourceId: row.planResourceId, from: "in_use", to: "delivered", ...because },
      });
    }
  }
  if (row.growthResourceId) {
    const [changed] = await w.tx
      .update(growthGoalResources)
      .set({ status: "delivered", updatedAt: w.now })
      .where(
        and(
          eq(growthGoalResources.id, row.growthResourceId),
          eq(growthGoalResources.status, "in_use"),
        ),
      )
      .returning({ goalId: growthGoalResources.goalId });
    if (changed)
      await w.audit({
        actor,
        action: "growth_goal.resource_updated",
        subjectType: "growth_goal",
        subjectId: changed.goalId,
        data: {
          personId: row.menteeId,
          resourceId: row.growthResourceId,
          from: "in_use",
          to: "delivered",
          ...because,
        },
      });
  }
}

/** Ends a running mentorship (mentor or mentee), or withdraws an unanswered request. */
export async function endMentorship(deps: Deps, { actor, id }: { actor: PersonActor; id: string }) {
  const row = await write(deps, async (w) => {
    const row = await lockVisible(w, actor, id);
    const isMentor = actor.personId === row.mentorId;
    const next = endStatusFor({ status: row.status, isMentor });
    if (!can(actor, "mentorship.end", mentorshipResourceOf(row)) || !next) {
      if (row.status === "requested" && isMentor) refuse(row, "accept or decline it instead.");
      if (row.status === "active")
        throw new AppError(
          "mentorship.forbidden",
          "Only the mentor and the mentee can end a running mentorship.",
        );
      refuse(row, "there is nothing to end.");
    }
    const [updated] = await w.tx
      .update(mentorships)
      .set({ status: next, endedAt: w.now })
      .where(eq(mentorships.id, row.id))
      .returning();
    await w.audit({
      actor,
      action: next === "ended" ? "mentorship.ended" : "mentorship.withdrawn",
      subjectType: "mentorship",
      subjectId: row.id,
      data: { mentorshipId: row.id, mentorId: row.mentorId, menteeId: row.menteeId },
    });
    if (next === "ended") await recordSupportGiven(w, actor, row);
    const people = await peopleOf(w.tx, [row]);
    const mentor = people.get(row.mentorId)?.name ?? "The mentor";
    const mentee = people.get(row.menteeId)?.name ?? "the mentee";
    await notify(deps, w, {
      personIds: [row.mentorId, row.menteeId, row.requestedById].filter(
        (p) => p !== actor.personId,
      ),
      kind: next === "ended" ? "mentorship.ended" : "mentorship.withdrawn",
      title:
        next === "ended"
          ? `${actor.name} ended the mentoring of ${mentee} by ${mentor}`
          : `${actor.name} withdrew the mentoring request to ${mentor}`,
      link: "/mentoring",
      subjectType: "mentorship",
      subjectId: row.id,
    });
    return updated as MentorshipRow;
  });
  return presentDetail(deps, deps.database.db, actor, row);
}

/** Logs a session briefly: the day and a sealed topic. Mentor and mentee alone read it. */
export async function logSession(
  deps: Deps,
  {
    actor,
    id,
    input,
  }: { actor: PersonActor; id: string; input: { heldOn: string; topic: string } },
) {
  const row = await write(deps, async (w) => {
    const row = await lockVisible(w, actor, id);
    if (!can(actor, "mentorship.log_session", mentorshipResourceOf(row))) {
      if (actor.personId !== row.mentorId && actor.personId !== row.menteeId)
        throw notFound("mentorship");
      refuse(row, "sessions are logged while it runs.");
    }
    const topic = input.topic.trim();
    if (!topic)
      throw new AppError("mentoring_session.invalid", "Say in a few words what you talked about.");
    if (topic.length > MAX_SESSION_TOPIC)
      throw new AppError(
        "mentoring_session.invalid",
        `Keep the topic under ${MAX_SESSION_TOPIC} characters: a brief note is enough.`,
      );
    const dateProblem = sessionDateProblem(input.heldOn, w.now.toISOString().slice(0, 10));
    if (dateProblem) throw new AppError("mentoring_session.invalid", dateProblem);
    const keyring = await keyringFor(deps, w.tx);
    const [session] = await w.tx
      .insert(mentoringSessions)
      .values({
        mentorshipId: row.id,
        heldOn: input.heldOn,
        topic: keyring.seal("mentoring_sessions.topic", topic),
        authorId: actor.personId,
        createdAt: w.now,
      })
      .returning({ id: mentoringSessions.id });
    await w.audit({
      actor,
      action: "mentorship.session_logged",
      subjectType: "mentorship",
      subjectId: row.id,
      data: { mentorshipId: row.id, sessionId: (session as { id: string }).id },
      change: { sessionId: (session as { id: string }).id, heldOn: input.heldOn },
    });
    return row;
  });
  return presentDetail(deps, deps.database.db, actor, row);
}

// ---------- the person page ----------

/** Counts about a person's mentoring for their page: never a topic, never a name. */
export async function getMentoringSummary(
  deps: Deps,
  { actor, personId }: { actor: PersonActor; personId: string },
) {
  const db = deps.database.db;
  if (!isUuid(personId)) throw notFound("person");
  const person = await findPersonById(db, personId);
  if (!person) throw notFound("person");
  if (!can(actor, "coaching.view_health", await personResource(db, person)))
    throw notFound("person");
  const since = new Date(deps.clock().getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const counts = await countMentoringOf(db, personId, since);
  const profile = await findMentorProfile(db, personId);
  return {
    personId,
    ...counts,
    isMentor: Boolean(profile?.active),
  };
}
