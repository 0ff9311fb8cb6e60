import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDeps, type TestDeps } from "../../../test/helpers.js";
import { catalogueItems, catalogueSessions } from "../catalogue/catalogue.table.js";
import { mentorProfiles } from "../mentoring/mentoring.table.js";
import { auditEvents } from "../record/record.table.js";
import { seedDemoEnablement } from "./org.demo.enablement.js";
import { demoCatalogue, demoMentors, renderDemoCsv } from "./org.demo.js";
import { commitImport } from "./org.service.js";
import { people } from "./org.table.js";

const cli = { kind: "system", label: "cli" } as const;
const anchor = "2026-03-02";
let deps: TestDeps;

const countOf = async (table: typeof catalogueItems | typeof catalogueSessions) =>
  (await deps.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const events = async () =>
  (await deps.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;

beforeAll(async () => {
  deps = await createTestDeps();
  await commitImport(deps, { actor: cli, csv: renderDemoCsv({ anchor }) });
});

describe("the demo's catalogue and mentors", () => {
  it("adds every catalogue resource with its workshop dates and every mentor, each with an audit event", async () => {
    const before = await events();
    const result = await seedDemoEnablement(deps, { actor: cli, anchor });
    const dates = demoCatalogue.reduce((n, item) => n + (item.dates?.length ?? 0), 0);
    expect(result).toEqual({
      items: demoCatalogue.length,
      dates,
      mentors: demoMentors.length,
    });
    expect(await countOf(catalogueItems)).toBe(demoCatalogue.length);
    expect(await countOf(catalogueSessions)).toBe(dates);
    expect(await events()).toBe(before + demoCatalogue.length + dates + demoMentors.length);

    const actions = await deps.database.db
      .select({ action: auditEvents.action, n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(sql`${auditEvents.action} IN ('catalogue.item_created', 'catalogue.session_added')`)
      .groupBy(auditEvents.action);
    expect(Object.fromEntries(actions.map((a) => [a.action, a.n]))).toEqual({
      "catalogue.item_created": demoCatalogue.length,
      "catalogue.session_added": dates,
    });
  });

  it("dates the workshops after the demo's first day, within the seats it names", async () => {
    const rows = await deps.database.db.select().from(catalogueSessions);
    for (const s of rows) {
      expect(s.startsAt.getTime()).toBeGreaterThan(Date.parse(`${anchor}T00:00:00Z`));
      expect(s.endsAt!.getTime()).toBeGreaterThan(s.startsAt.getTime());
      expect(s.seats).toBeGreaterThan(0);
    }
  });

  it("makes the mentors the demo people it names, with their skills and places", async () => {
    const rows = await deps.database.db
      .select({ employeeId: people.employeeId, profile: mentorProfiles })
      .from(mentorProfiles)
      .innerJoin(people, eq(people.id, mentorProfiles.personId));
    expect(rows.map((r) => r.employeeId).sort()).toEqual(
      demoMentors.map((m) => m.employeeId).sort(),
    );
    for (const r of rows) {
      const mentor = demoMentors.find((m) => m.employeeId === r.employeeId)!;
      expect(r.profile).toMatchObject({
        skills: mentor.skills,
        capacity: mentor.capacity,
        active: true,
      });
    }
  });

  it("changes nothing and records nothing when run again", async () => {
    const before = await events();
    expect(await seedDemoEnablement(deps, { actor: cli, anchor: "2026-09-30" })).toEqual({
      items: 0,
      dates: 0,
      mentors: 0,
    });
    expect(await events()).toBe(before);
    expect(await countOf(catalogueItems)).toBe(demoCatalogue.length);
  });
});
