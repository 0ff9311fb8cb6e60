// Pure mentoring rules: skill tags, free places, and how suggestions are ranked.
import type { MentorshipStatus } from "./mentoring.types.js";

export const MAX_CAPACITY = 20;
export const MAX_SKILLS = 30;
export const MAX_SKILL_LENGTH = 60;
export const MAX_SESSION_TOPIC = 500;
export const MAX_TOPIC = 200;
export const MAX_MESSAGE = 2000;

/** Skill tags as people type them: trimmed, one space, no empties, no case-duplicates. */
export function normalizeSkills(input: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of input.flatMap((s) => s.split(","))) {
    const skill = raw.trim().replace(/\s+/g, " ");
    if (!skill) continue;
    const key = skill.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(skill);
  }
  return out;
}

/** Free places: capacity less the mentorships that hold a place (asked or running), never below 0. */
export function freeCapacityOf(capacity: number, placesTaken: number): number {
  return Math.max(0, capacity - placesTaken);
}

/** The asked-for skills a mentor has (case-insensitive), in the mentor's own spelling. */
export function matchingSkillsOf(mentorSkills: readonly string[], wanted: readonly string[]) {
  const want = new Set(wanted.map((s) => s.trim().toLowerCase()).filter(Boolean));
  return mentorSkills.filter((s) => want.has(s.trim().toLowerCase()));
}

export type MentorCandidate = {
  id: string;
  name: string;
  skills: string[];
  capacity: number;
  placesTaken: number;
};

/**
 * Who may be suggested to a mentee, best first. Never the mentee, never anyone in the mentee's
 * management chain (a mentor must be safe to speak freely to, and outside the reporting line),
 * never a full mentor. With skills asked for, only mentors who match at least one; ranked by
 * matches, then free places, then name.
 */
export function rankMentors<C extends MentorCandidate>(input: {
  candidates: readonly C[];
  menteeId: string;
  managerChain: readonly string[];
  skills: readonly string[];
}): (C & { matchingSkills: string[]; freeCapacity: number })[] {
  const excluded = new Set([input.menteeId, ...input.managerChain]);
  const wanted = normalizeSkills(input.skills);
  return input.candidates
    .filter((c) => !excluded.has(c.id))
    .map((c) => ({
      ...c,
      matchingSkills: matchingSkillsOf(c.skills, wanted),
      freeCapacity: freeCapacityOf(c.capacity, c.placesTaken),
    }))
    .filter((c) => c.freeCapacity > 0 && (wanted.length === 0 || c.matchingSkills.length > 0))
    .sort(
      (a, b) =>
        b.matchingSkills.length - a.matchingSkills.length ||
        b.freeCapacity - a.freeCapacity ||
        a.name.localeCompare(b.name) ||
        a.id.localeCompare(b.id),
    );
}

/** What a request to this mentor would run into, or null when a place can be taken. */
export function requestProblem(input: {
  mentorId: string;
  menteeId: string;
  managerChain: readonly string[];
  profile: { active: boolean; capacity: number } | null;
  mentorActive: boolean;
  placesTaken: number;
}): "mentor.self" | "mentor.in_chain" | "mentor.not_available" | "mentor.no_capacity" | null {
  if (input.mentorId === input.menteeId) return "mentor.self";
  if (input.managerChain.includes(input.mentorId)) return "mentor.in_chain";
  if (!input.profile?.active || !input.mentorActive) return "mentor.not_available";
  if (freeCapacityOf(input.profile.capacity, input.placesTaken) <= 0) return "mentor.no_capacity";
  return null;
}

/** The mentorship states a mentorship may move to, by what was asked. */
export function endStatusFor(input: {
  status: MentorshipStatus;
  isMentor: boolean;
}): "ended" | "withdrawn" | null {
  if (input.status === "active") return "ended";
  if (input.status === "requested" && !input.isMentor) return "withdrawn";
  return null;
}

/** A session date: a real calendar day, not after today (in the organisation's UTC day). */
export function sessionDateProblem(heldOn: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) return "Give the date as YYYY-MM-DD.";
  const d = new Date(`${heldOn}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== heldOn)
    return "That date does not exist.";
  if (heldOn > today)
    return "A session can only be logged once it has been held: pick today or an earlier day.";
  return null;
}
