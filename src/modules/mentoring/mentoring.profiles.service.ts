import { eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import { AppError, notFound } from "../../api/errors.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { notify } from "../notify/notify.service.js";
import { findPersonById, isUuid } from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import {
  findMentorProfiles,
  type MentorListRow,
  type MentorProfileRow,
} from "./mentoring.repository.js";
import { freeCapacityOf, normalizeSkills } from "./mentoring.rules.js";
import { suggestMentors } from "./mentoring.service.js";
import { mentorProfiles } from "./mentoring.table.js";

// Mentor profiles: people volunteer (or L&D adds them), with skills, places and availability.
// The directory is open to everyone, like the catalogue: anyone may look for a mentor.

function presentProfile(
  profile: MentorProfileRow,
  person: MentorListRow["person"],
  placesTaken: number,
) {
  return {
    person: {
      id: person.id,
      name: person.name,
      title: person.title,
      department: person.department,
    },
    skills: profile.skills,
    capacity: profile.capacity,
    freeCapacity: freeCapacityOf(profile.capacity, placesTaken),
    placesTaken,
    availability: profile.availability,
    bio: profile.bio,
    /** A profile that is switched off, or whose person has left, is not suggested nor asked. */
    active: profile.active && person.active,
    profileActive: profile.active,
    version: profile.version,
    updatedAt: profile.updatedAt.toISOString(),
  };
}
export type MentorProfileView = ReturnType<typeof presentProfile>;

/** The mentor directory: active mentors for everyone; L&D and admins also see inactive ones. */
export async function listMentors(
  deps: Deps,
  { actor, skill, q }: { actor: PersonActor; skill?: string; q?: string },
) {
  const manage = can(actor, "mentor.manage", { type: "org" });
  const rows = await findMentorProfiles(deps.database.db, { onlyAvailable: !manage, skill, q });
  return {
    items: rows.map((r) => presentProfile(r.profile, r.person, r.placesTaken)),
    abilities: { manage },
  };
}

async function profileOf(deps: Deps, personId: string) {
  const [row] = await findMentorProfiles(deps.database.db, { onlyAvailable: false, personId });
  return row ? presentProfile(row.profile, row.person, row.placesTaken) : null;
}

export async function getMyMentorProfile(deps: Deps, { actor }: { actor: PersonActor }) {
  return { profile: await profileOf(deps, actor.personId) };
}

export type MentorProfileInput = {
  skills: string[];
  capacity: number;
  availability: string;
  bio: string;
  active: boolean;
  version?: number;
};

const fields = ["skills", "capacity", "availability", "bio", "active"] as const;

/**
 * Saves a person's mentor profile: their own, or anyone's for L&D and admins ("add a mentor").
 * A profile with 0 places stays in the directory as "not taking mentees now".
 */
export async function saveMentorProfile(
  deps: Deps,
  { actor, personId, input }: { actor: PersonActor; personId: string; input: MentorProfileInput },
) {
  if (!isUuid(personId)) throw notFound("person");
  const skills = normalizeSkills(input.skills);
  for (const s of skills)
    if (s.length > 60)
      throw new AppError(
        "mentor_profile.invalid",
        `"${s.slice(0, 30)}…" is too long for a skill tag: keep each under 60 characters.`,
      );
  if (skills.length > 30)
    throw new AppError("mentor_profile.invalid", "List at most 30 skills: the ones you know best.");
  if (input.active && skills.length === 0)
    throw new AppError(
      "mentor_profile.invalid",
      "Add at least one skill, so people can find the right mentor.",
    );
  await write(deps, async (w) => {
    const person = await findPersonById(w.tx, personId);
    if (!person) throw notFound("person");
    if (!can(actor, "mentoring.volunteer", await personResource(w.tx, person)))
      throw notFound("person");
    if (!person.active)
      throw new AppError(
        "mentor_profile.invalid",
        `${person.name} no longer works here, so they cannot be added as a mentor.`,
      );
    const [current] = await w.tx
      .select()
      .from(mentorProfiles)
      .where(eq(mentorProfiles.personId, personId))
      .for("update");
    const values = {
      skills,
      capacity: input.capacity,
      availability: input.availability.trim(),
      bio: input.bio.trim(),
      active: input.active,
    };
    if (current) {
      if (input.version !== undefined && input.version !== current.version)
        throw new AppError(
          "mentor_profile.conflict",
          "This mentor profile was changed since you opened it. Nothing was saved: reload it and make your change again.",
          { currentVersion: current.version },
        );
      const changed = fields.filter(
        (k) => JSON.stringify(values[k]) !== JSON.stringify(current[k]),
      );
      await w.tx
        .update(mentorProfiles)
        .set({ ...values, version: current.version + 1, updatedAt: w.now })
        .where(eq(mentorProfiles.personId, personId));
      await w.audit({
        actor,
        action: "mentor.profile_saved",
        subjectType: "mentor_profile",
        subjectId: personId,
        data: { personId, created: false, fields: changed },
        change: values,
      });
      return;
    }
    await w.tx.insert(mentorProfiles).values({
      personId,
      ...values,
      addedById: actor.personId,
      createdAt: w.now,
      updatedAt: w.now,
    });
    await w.audit({
      actor,
      action: "mentor.profile_saved",
      subjectType: "mentor_profile",
      subjectId: personId,
      data: { personId, created: true, fields: [...fields] },
      change: values,
    });
    if (personId !== actor.personId)
      await notify(deps, w, {
        personIds: [personId],
        kind: "mentor.profile_added",
        title: `${actor.name} added you to the mentor directory`,
        body: "Check your skills, places and availability on the Mentoring page; you can change them or switch them off at any time.",
        link: "/mentoring",
        subjectType: "mentor_profile",
        subjectId: personId,
      });
  });
  return { profile: await profileOf(deps, personId) };
}

/** Suggestions for a person, for those who may look for a mentor for them. */
export async function suggestionsFor(
  deps: Deps,
  { actor, personId, skills }: { actor: PersonActor; personId: string; skills: string[] },
) {
  const db = deps.database.db;
  if (!isUuid(personId)) throw notFound("person");
  const person = await findPersonById(db, personId);
  if (!person) throw notFound("person");
  if (!can(actor, "mentoring.suggest", await personResource(db, person))) throw notFound("person");
  return { items: await suggestMentors(db, { menteeId: personId, skills }) };
}
