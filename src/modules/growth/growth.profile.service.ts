import { and, asc, eq } from "drizzle-orm";
import { can } from "../../access/access.policy.js";
import type { PersonResource } from "../../access/access.types.js";
import { AppError, notFound } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { findPeopleByIds, findPersonById, type PersonRow } from "../org/org.repository.js";
import { personResource } from "../org/org.service.js";
import { profileEntries, profileFields } from "./growth.table.js";

// The coaching profile: the employee's story, goals and ways of working, in their own words and in
// their manager's observations. Each author keeps one entry per field, and every entry shows who
// wrote it. Audit `data` names the field; the words themselves stay in `change`.

export type ProfileField = (typeof profileFields)[number];
type EntryRow = typeof profileEntries.$inferSelect;

type FieldInfo =
  | { label: string; kind: "text"; poles: null }
  | { label: string; kind: "scale"; poles: { low: string; high: string } };

/** Labels for the UI; a dimension's scale runs from its low pole (-2) to its high pole (2). */
export const profileFieldInfo: Record<ProfileField, FieldInfo> = {
  story: { label: "Their story: how they got here", kind: "text", poles: null },
  long_term_goals: { label: "Long-term goals", kind: "text", poles: null },
  strengths: { label: "Strengths observed", kind: "text", poles: null },
  feedback_preference: { label: "How they like to receive feedback", kind: "text", poles: null },
  people_vs_things: {
    label: "People or things",
    kind: "scale",
    poles: { low: "People", high: "Things" },
  },
  introvert_vs_extrovert: {
    label: "Introvert or extrovert",
    kind: "scale",
    poles: { low: "Introvert", high: "Extrovert" },
  },
  tactical_vs_strategic: {
    label: "Tactical or strategic",
    kind: "scale",
    poles: { low: "Tactical", high: "Strategic" },
  },
  manager_vs_individual: {
    label: "Manager or individual contributor",
    kind: "scale",
    poles: { low: "Manager", high: "Individual contributor" },
  },
};

type AuthorRole = "self" | "manager" | "other";

function roleOf(authorId: string, person: PersonResource): AuthorRole {
  if (authorId === person.id) return "self";
  if (authorId === person.managerChain[0]) return "manager";
  return "other";
}

const roleOrder: Record<AuthorRole, number> = { self: 0, manager: 1, other: 2 };

function presentProfile(
  actor: PersonActor,
  person: PersonRow,
  resource: PersonResource,
  rows: EntryRow[],
  authors: Map<string, PersonRow>,
) {
  const entriesOf = (field: ProfileField) =>
    rows
      .filter((r) => r.field === field)
      .map((r) => ({ row: r, role: roleOf(r.authorId, resource) }))
      // The employee's own words first, then their manager's observations, then earlier ones.
      .sort(
        (a, b) =>
          roleOrder[a.role] - roleOrder[b.role] ||
          b.row.updatedAt.getTime() - a.row.updatedAt.getTime(),
      )
      .map(({ row, role }) => ({
        id: row.id,
        author: { id: row.authorId, name: authors.get(row.authorId)?.name ?? "Unknown" },
        authorRole: role,
        mine: row.authorId === actor.personId,
        body: row.body,
        scale: row.scale,
        updatedAt: row.updatedAt.toISOString(),
      }));
  return {
    person: { id: person.id, name: person.name },
    fields: profileFields.map((field) => ({
      field,
      ...profileFieldInfo[field],
      entries: entriesOf(field),
    })),
    abilities: { edit: can(actor, "coaching.edit", resource) },
  };
}
export type CoachingProfile = ReturnType<typeof presentProfile>;

async function loadVisible(db: DbOrTx, actor: PersonActor, personId: string) {
  const person = await findPersonById(db, personId);
  if (!person) throw notFound("coaching profile", "coaching_profile.not_found");
  const resource = await personResource(db, person);
  if (!can(actor, "coaching.view", resource))
    throw notFound("coaching profile", "coaching_profile.not_found");
  return { person, resource };
}

async function loadEditable(db: DbOrTx, actor: PersonActor, personId: string) {
  const loaded = await loadVisible(db, actor, personId);
  if (!can(actor, "coaching.edit", loaded.resource))
    throw new AppError(
      "coaching_profile.forbidden",
      "The coaching profile is written by the employee and their direct manager.",
    );
  if (!loaded.person.active)
    throw new AppError(
      "person.inactive.conflict",
      `${loaded.person.name} is no longer active in Headway: their profile is kept as it was. Nothing was saved.`,
    );
  return loaded;
}

async function read(db: DbOrTx, actor: PersonActor, person: PersonRow, resource: PersonResource) {
  const rows = await db
    .select()
    .from(profileEntries)
    .where(eq(profileEntries.personId, person.id))
    .orderBy(asc(profileEntries.updatedAt), asc(profileEntries.id));
  const authors = await findPeopleByIds(db, [...new Set(rows.map((r) => r.authorId))]);
  return presentProfile(actor, person, resource, rows, new Map(authors.map((a) => [a.id, a])));
}

export async function getCoachingProfile(
  deps: Deps,
  { actor, personId }: { actor: PersonActor; personId: string },
): Promise<CoachingProfile> {
  const db = deps.database.db;
  const { person, resource } = await loadVisible(db, actor, personId);
  return read(db, actor, person, resource);
}

async function findOwnEntry(db: DbOrTx, personId: string, field: ProfileField, authorId: string) {
  const [row] = await db
    .select()
    .from(profileEntries)
    .where(
      and(
        eq(profileEntries.personId, personId),
        eq(profileEntries.field, field),
        eq(profileEntries.authorId, authorId),
      ),
    );
  return row ?? null;
}

/**
 * Writes the actor's own entry for one field; an empty body without a scale removes it. Only the
 * working-style dimensions take a scale (-2 … 2).
 */
export async function saveProfileEntry(
  deps: Deps,
  {
    actor,
    personId,
    field,
    body,
    scale,
  }: {
    actor: PersonActor;
    personId: string;
    field: ProfileField;
    body: string;
    scale?: number | null | undefined;
  },
): Promise<CoachingProfile> {
  const info = profileFieldInfo[field];
  if (info.kind === "text" && scale !== undefined && scale !== null)
    throw new AppError(
      "validation.failed",
      `"${info.label}" is written in words; it has no scale.`,
      [{ path: "scale", message: "Leave the scale out for this field." }],
    );
  const removing = body === "" && (scale === undefined || scale === null);
  const db = deps.database.db;
  if (removing) {
    const { person, resource } = await loadEditable(db, actor, personId);
    // Nothing of the actor's to remove: nothing to write, nothing to record.
    if (!(await findOwnEntry(db, person.id, field, actor.personId)))
      return read(db, actor, person, resource);
  }
  const { person, resource } = await write(deps, async (w) => {
    const loaded = await loadEditable(w.tx, actor, personId);
    const role = roleOf(actor.personId, loaded.resource);
    if (removing) {
      const [removed] = await w.tx
        .delete(profileEntries)
        .where(
          and(
            eq(profileEntries.personId, loaded.person.id),
            eq(profileEntries.field, field),
            eq(profileEntries.authorId, actor.personId),
          ),
        )
        .returning();
      await w.audit({
        actor,
        action: "coaching_profile.entry_removed",
        subjectType: "person",
        subjectId: loaded.person.id,
        data: { field, entryId: removed?.id ?? null, authorRole: role },
        change: { field, body: removed?.body ?? "", scale: removed?.scale ?? null },
      });
      return loaded;
    }
    const [row] = await w.tx
      .insert(profileEntries)
      .values({
        personId: loaded.person.id,
        field,
        authorId: actor.personId,
        body,
        scale: scale ?? null,
        updatedAt: w.now,
      })
      .onConflictDoUpdate({
        target: [profileEntries.personId, profileEntries.field, profileEntries.authorId],
        set: { body, scale: scale ?? null, updatedAt: w.now },
      })
      .returning();
    await w.audit({
      actor,
      action: "coaching_profile.entry_saved",
      subjectType: "person",
      subjectId: loaded.person.id,
      data: { field, entryId: row!.id, authorRole: role },
      change: { field, body, scale: scale ?? null },
    });
    return loaded;
  });
  return read(db, actor, person, resource);
}
