import { can } from "../../access/access.policy.js";
import type { PersonResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import type { PersonActor } from "../auth/auth.service.js";
import { findPersonById, type PersonRow } from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import type { Problem } from "./growth.rules.js";

// What the growth services share: loading the person a record is about, and field errors.

export function invalid(problems: Problem[]): AppError {
  return new AppError(
    "validation.failed",
    problems.length === 1 ? problems[0]!.message : "Some fields are invalid; see details.",
    problems,
  );
}

export type Subject = { person: PersonRow; resource: PersonResource };

/** The person, with what can() needs; null when there is no such person. */
export async function findSubject(db: DbOrTx, personId: string): Promise<Subject | null> {
  const person = await findPersonById(db, personId);
  if (!person) return null;
  return { person, resource: await personResource(db, person) };
}

/**
 * The person whose coaching records the actor may see (`coaching.view`); anyone else, and a
 * missing person, is the same 404.
 */
export async function loadCoachingSubject(
  db: DbOrTx,
  actor: PersonActor,
  personId: string,
): Promise<Subject> {
  const subject = await findSubject(db, personId);
  if (!subject || !can(actor, "coaching.view", subject.resource)) throw notFound("person");
  return subject;
}

export const personRef = (id: string, names: Map<string, string>) => ({
  id,
  name: names.get(id) ?? "",
});
