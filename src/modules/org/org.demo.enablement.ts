import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../../access/access.types.js";
import type { DbOrTx } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { catalogueItems, catalogueSessions } from "../catalogue/catalogue.table.js";
import { mentorProfiles } from "../mentoring/mentoring.table.js";
import { demoCatalogue, demoMentors, demoWorkshopDate } from "./org.demo.js";
import { people } from "./org.table.js";

// `headway demo`, after the people: L&D's catalogue (with workshop dates) and the volunteer
// mentors, written to the same tables L&D's pages write, each with its audit event. Idempotent:
// an item already in the catalogue (same kind, title and provider) or a person who already has a
// mentor profile is left as it is, so a second run writes nothing and records nothing.

export type DemoEnablementResult = { items: number; dates: number; mentors: number };

async function catalogueItemExists(db: DbOrTx, item: (typeof demoCatalogue)[number]) {
  const [row] = await db
    .select({ id: catalogueItems.id })
    .from(catalogueItems)
    .where(
      and(
        eq(catalogueItems.kind, item.kind),
        sql`lower(${catalogueItems.title}) = lower(${item.title})`,
        sql`lower(${catalogueItems.provider}) = lower(${item.provider})`,
      ),
    );
  return Boolean(row);
}

/** The demo mentors who are in Headway and have no mentor profile yet, with their person ids. */
async function missingMentors(db: DbOrTx) {
  const missing: { personId: string; mentor: (typeof demoMentors)[number] }[] = [];
  for (const mentor of demoMentors) {
    const [person] = await db
      .select({ id: people.id, profile: mentorProfiles.personId })
      .from(people)
      .leftJoin(mentorProfiles, eq(mentorProfiles.personId, people.id))
      .where(eq(people.employeeId, mentor.employeeId));
    if (person && !person.profile) missing.push({ personId: person.id, mentor });
  }
  return missing;
}

async function missingItems(db: DbOrTx) {
  const missing: (typeof demoCatalogue)[number][] = [];
  for (const item of demoCatalogue) if (!(await catalogueItemExists(db, item))) missing.push(item);
  return missing;
}

/**
 * Adds what is missing of the demo catalogue and mentors. `anchor` (YYYY-MM-DD) is the demo's
 * first day: workshop dates count from it, so they are upcoming when the demo is first made.
 */
export async function seedDemoEnablement(
  deps: Deps,
  { actor, anchor }: { actor: Actor; anchor: string },
): Promise<DemoEnablementResult> {
  const db = deps.database.db;
  // Nothing to add: no transaction, no event (a second run changes nothing).
  if ((await missingItems(db)).length === 0 && (await missingMentors(db)).length === 0)
    return { items: 0, dates: 0, mentors: 0 };

  return write(deps, async (w) => {
    const result: DemoEnablementResult = { items: 0, dates: 0, mentors: 0 };
    for (const item of await missingItems(w.tx)) {
      const [row] = await w.tx
        .insert(catalogueItems)
        .values({
          kind: item.kind,
          title: item.title,
          provider: item.provider,
          link: item.link,
          description: item.description,
          durationHours: item.durationHours,
          format: item.format,
          skills: item.skills,
          causes: item.causes,
          createdById: null,
          createdAt: w.now,
          updatedAt: w.now,
        })
        .returning();
      await w.audit({
        actor,
        action: "catalogue.item_created",
        subjectType: "catalogue_item",
        subjectId: row!.id,
        data: { kind: row!.kind, version: row!.version, via: "demo" },
        change: row,
      });
      result.items += 1;
      for (const date of item.dates ?? []) {
        const { startsAt, endsAt } = demoWorkshopDate(date, anchor);
        const [session] = await w.tx
          .insert(catalogueSessions)
          .values({
            itemId: row!.id,
            startsAt,
            endsAt,
            location: date.location,
            seats: date.seats,
            createdAt: w.now,
          })
          .returning();
        await w.audit({
          actor,
          action: "catalogue.session_added",
          subjectType: "catalogue_item",
          subjectId: row!.id,
          data: { sessionId: session!.id, seats: session!.seats },
          change: session,
        });
        result.dates += 1;
      }
    }
    for (const { personId, mentor } of await missingMentors(w.tx)) {
      const [profile] = await w.tx
        .insert(mentorProfiles)
        .values({
          personId,
          skills: mentor.skills,
          capacity: mentor.capacity,
          availability: mentor.availability,
          bio: mentor.bio,
          active: true,
          addedById: null,
          createdAt: w.now,
          updatedAt: w.now,
        })
        .returning();
      await w.audit({
        actor,
        action: "mentor.profile_saved",
        subjectType: "mentor_profile",
        subjectId: personId,
        data: { personId, created: true, via: "demo" },
        change: profile,
      });
      result.mentors += 1;
    }
    // Someone else added the same between the check and here: still one event for the write.
    if (result.items + result.mentors === 0)
      await w.audit({
        actor,
        action: "catalogue.imported",
        subjectType: "catalogue",
        data: { create: 0, update: 0, unchanged: demoCatalogue.length, via: "demo" },
      });
    return result;
  });
}
