// Mentoring: mentor profiles, suggestions, requests, and the brief session log.
// CONTRACT (used by catalogue attach and the diagnostic guide): keep these signatures.
import type { DbOrTx } from "../../db/client.js";
import type { Write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";

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
  _db: DbOrTx,
  _input: { menteeId: string; skills: string[]; limit?: number },
): Promise<MentorSuggestion[]> {
  throw new Error("not implemented yet");
}

/**
 * Asks a mentor, inside the caller's write (it records its own audit event and notifies the
 * mentor without naming any plan). Throws AppError "mentor.no_capacity" (409) when the mentor has
 * no free place, "mentor.not_available" when they are not an active mentor, "mentor.in_chain"
 * when they manage the mentee.
 */
export async function requestMentorshipIn(
  _deps: Deps,
  _w: Write,
  _input: {
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
  throw new Error("not implemented yet");
}
