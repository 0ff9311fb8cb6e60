import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { write } from "../../db/transaction.js";
import { growthGoalResources, growthGoals } from "../growth/growth.table.js";
import { planGoals, planResources, plans } from "../plans/plans.table.js";
import { auditEvents } from "../record/record.table.js";
import { type CatalogueItemView, catalogueUsage, findCatalogueItems } from "./catalogue.service.js";
import { catalogueItems, catalogueSessions } from "./catalogue.table.js";

// L&D's catalogue through the API: L&D adds, edits, archives and dates resources; everyone
// searches; usage figures are counts for L&D, HR and admins, never names.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const ld = await makeUser(deps, { name: "Lena Learning", department: "People", roles: ["ld"] });
const fixture = await makePlan(deps, {
  plan: { status: "closed", outcome: "goals_met", closedAt: deps.clock() },
});
const cookies = {
  ld: await signInCookie(app, ld.email, ld.password),
  employee: await signInCookie(app, fixture.employee.email, fixture.employee.password),
  manager: await signInCookie(app, fixture.manager.email, fixture.manager.password),
  hr: await signInCookie(app, fixture.hr.email, fixture.hr.password),
};
type Who = keyof typeof cookies;

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
const get = (who: Who, path: string) => send(app, path, { cookie: cookies[who] });
const post = (who: Who, path: string, body: unknown = {}) =>
  send(app, path, { cookie: cookies[who], body });
const put = (who: Who, path: string, body: unknown) =>
  send(app, path, { cookie: cookies[who], body, method: "PUT" });

async function counts() {
  const [i] = await db.select({ n: count() }).from(catalogueItems);
  const [s] = await db.select({ n: count() }).from(catalogueSessions);
  const [a] = await db.select({ n: count() }).from(auditEvents);
  return { items: i!.n, sessions: s!.n, audit: a!.n };
}

const course = {
  kind: "course",
  title: "SQL for analysts",
  provider: "Learning Co",
  link: "https://learning.example.com/sql",
  description: "Joins, grouping and window functions.",
  durationHours: 6,
  format: "online",
  skills: ["SQL", " Data Analysis ", "sql"],
  causes: ["skill"],
};

let sql: CatalogueItemView;

describe("L&D manages the catalogue", () => {
  it("L&D adds a course; skills are normalised and the addition is audited", async () => {
    sql = await json<CatalogueItemView>(await post("ld", "/api/v1/catalogue/items", course), 201);
    expect(sql).toMatchObject({
      kind: "course",
      kindLabel: "Course",
      skills: ["sql", "data analysis"],
      causes: ["skill"],
      active: true,
      version: 1,
      sessions: [],
    });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, sql.id));
    expect(event).toMatchObject({ action: "catalogue.item_created", actorId: ld.id });
  });

  it("a course link that is not a web address is refused, with nothing changed", async () => {
    const before = await counts();
    const res = await post("ld", "/api/v1/catalogue/items", {
      ...course,
      title: "Another course",
      link: "learning.example.com/sql",
    });
    const body = await json<{ error: { code: string; message: string; details: unknown } }>(
      res,
      400,
    );
    expect(body.error.message).toBe(
      "A link must be a web address starting with https:// or http://",
    );
    expect(body.error.details).toEqual([{ path: "link", message: body.error.message }]);
    expect(await counts()).toEqual(before);
  });

  it("a second resource with the same kind, title and provider is refused", async () => {
    const before = await counts();
    const res = await post("ld", "/api/v1/catalogue/items", {
      ...course,
      title: "sql FOR ANALYSTS",
      provider: "learning co",
    });
    expect((await json<{ error: { code: string } }>(res, 409)).error.code).toBe("catalogue.exists");
    expect(await counts()).toEqual(before);
  });

  it("an employee and a manager cannot add, edit, archive or date anything (404, nothing changed)", async () => {
    const before = await counts();
    for (const who of ["employee", "manager"] as const) {
      for (const res of [
        await post(who, "/api/v1/catalogue/items", { ...course, title: "Mine" }),
        await put(who, `/api/v1/catalogue/items/${sql.id}`, { ...course, version: 1 }),
        await post(who, `/api/v1/catalogue/items/${sql.id}/archive`),
        await post(who, `/api/v1/catalogue/items/${sql.id}/sessions`, {
          startsAt: "2026-05-04T09:00:00Z",
          seats: 3,
        }),
        await post(who, "/api/v1/imports/catalogue/preview", { csv: "kind,title\ncourse,x" }),
        await get(who, "/api/v1/catalogue/usage"),
      ])
        expect(res.status).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });

  it("L&D edits with the current version; a stale version is a 409 and changes nothing", async () => {
    const edited = await json<CatalogueItemView>(
      await put("ld", `/api/v1/catalogue/items/${sql.id}`, {
        ...course,
        version: 1,
        durationHours: 8,
        causes: ["skill", "tools_or_resources"],
      }),
      200,
    );
    expect(edited).toMatchObject({ version: 2, durationHours: 8 });
    const before = await counts();
    const res = await put("ld", `/api/v1/catalogue/items/${sql.id}`, {
      ...course,
      version: 1,
      title: "Lost update",
    });
    expect((await json<{ error: { code: string } }>(res, 409)).error.code).toBe(
      "catalogue.conflict",
    );
    expect(await counts()).toEqual(before);
    sql = edited;
  });
});

describe("everyone searches by skill, root cause, kind and text", () => {
  it("L&D adds a few more resources", async () => {
    for (const r of [
      {
        kind: "workshop",
        title: "Negotiation in practice",
        provider: "Talk Ltd",
        skills: ["negotiation", "sql"],
        causes: ["skill"],
        format: "in_person",
      },
      {
        kind: "tool",
        title: "Query linter",
        provider: "",
        skills: ["sql"],
        causes: ["tools_or_resources"],
        description: "Catches slow queries before review.",
      },
      { kind: "guide", title: "Writing a good standard", skills: ["writing"], causes: ["process"] },
    ])
      await json(await post("ld", "/api/v1/catalogue/items", r), 201);
  });

  const titles = async (who: Who, query: string) =>
    (
      await json<{ items: CatalogueItemView[] }>(
        await get(who, `/api/v1/catalogue/items?${query}`),
        200,
      )
    ).items.map((i) => i.title);

  it("skill and cause match any of several; the best match (most tags shared) comes first", async () => {
    expect(await titles("employee", "skill=SQL&skill=negotiation")).toEqual([
      "Negotiation in practice",
      "Query linter",
      "SQL for analysts",
    ]);
    expect(await titles("employee", "skill=sql&cause=skill,tools_or_resources")).toEqual([
      "SQL for analysts",
      "Negotiation in practice",
      "Query linter",
    ]);
    expect(await titles("manager", "cause=process")).toEqual(["Writing a good standard"]);
  });

  it("text searches title, provider and description, case-insensitively; kind narrows", async () => {
    expect(await titles("employee", "q=slow%20QUERIES")).toEqual(["Query linter"]);
    expect(await titles("employee", "q=talk")).toEqual(["Negotiation in practice"]);
    expect(await titles("employee", "q=%25")).toEqual([]);
    expect(await titles("employee", "kind=guide")).toEqual(["Writing a good standard"]);
  });

  it("the answer says what the reader may do", async () => {
    const employee = await json<{ abilities: Record<string, boolean> }>(
      await get("employee", "/api/v1/catalogue/items"),
      200,
    );
    expect(employee.abilities).toEqual({
      "catalogue.manage": false,
      "catalogue.view_stats": false,
    });
    const l = await json<{ abilities: Record<string, boolean> }>(
      await get("ld", "/api/v1/catalogue/items"),
      200,
    );
    expect(l.abilities).toEqual({ "catalogue.manage": true, "catalogue.view_stats": true });
  });

  it("archived items leave the search; L&D can still list and restore them", async () => {
    const guide = (await findCatalogueItems(db, { q: "good standard", includeArchived: true }))[0]!;
    await json(await post("ld", `/api/v1/catalogue/items/${guide.id}/archive`), 200);
    expect(await titles("employee", "cause=process")).toEqual([]);
    expect(await titles("employee", "cause=process&archived=true")).toEqual([]);
    expect(await titles("ld", "cause=process&archived=true")).toEqual(["Writing a good standard"]);
    expect((await get("employee", `/api/v1/catalogue/items/${guide.id}`)).status).toBe(404);
    const restored = await json<CatalogueItemView>(
      await post("ld", `/api/v1/catalogue/items/${guide.id}/restore`),
      200,
    );
    expect(restored.active).toBe(true);
    const actions = (
      await db.select().from(auditEvents).where(eq(auditEvents.subjectId, guide.id))
    ).map((e) => e.action);
    expect(actions).toEqual([
      "catalogue.item_created",
      "catalogue.item_archived",
      "catalogue.item_restored",
    ]);
  });
});

describe("workshop dates and seats", () => {
  let workshopId: string;
  let upcoming: { id: string };

  it("a date on a course is refused; a workshop takes dates with seats", async () => {
    const before = await counts();
    const res = await post("ld", `/api/v1/catalogue/items/${sql.id}/sessions`, {
      startsAt: "2026-05-04T09:00:00Z",
      seats: 10,
    });
    expect((await json<{ error: { code: string } }>(res, 400)).error.code).toBe(
      "catalogue.invalid",
    );
    expect(await counts()).toEqual(before);

    workshopId = (await findCatalogueItems(db, { kind: "workshop" }))[0]!.id;
    for (const bad of [
      { startsAt: "2026-05-04T09:00:00Z", seats: 0 },
      { startsAt: "2026-05-04T09:00:00Z", endsAt: "2026-05-04T08:00:00Z", seats: 4 },
    ])
      expect((await post("ld", `/api/v1/catalogue/items/${workshopId}/sessions`, bad)).status).toBe(
        400,
      );
    expect(await counts()).toEqual(before);

    upcoming = await json<{ id: string }>(
      await post("ld", `/api/v1/catalogue/items/${workshopId}/sessions`, {
        startsAt: "2026-05-04T09:00:00Z",
        endsAt: "2026-05-04T17:00:00Z",
        location: "Room 4",
        seats: 3,
      }),
      201,
    );
    // A past date and a cancelled one are not offered.
    await json(
      await post("ld", `/api/v1/catalogue/items/${workshopId}/sessions`, {
        startsAt: "2026-01-10T09:00:00Z",
        seats: 3,
      }),
      201,
    );
    const cancelled = await json<{ id: string }>(
      await post("ld", `/api/v1/catalogue/items/${workshopId}/sessions`, {
        startsAt: "2026-06-01T09:00:00Z",
        seats: 3,
      }),
      201,
    );
    await json(await post("ld", `/api/v1/catalogue/sessions/${cancelled.id}/cancel`), 200);
  });

  it("seats taken count plan and growth goal resources naming the date, unless not delivered", async () => {
    const [goal] = await db.select().from(planGoals).where(eq(planGoals.planId, fixture.plan.id));
    await write(deps, async (w) => {
      await w.tx.insert(planResources).values([
        {
          goalId: goal!.id,
          kind: "training",
          description: "Negotiation workshop",
          status: "offered",
          catalogueItemId: workshopId,
          catalogueSessionId: upcoming.id,
        },
        {
          goalId: goal!.id,
          kind: "training",
          description: "Negotiation workshop",
          status: "not_delivered",
          catalogueItemId: workshopId,
          catalogueSessionId: upcoming.id,
        },
      ]);
      const [growth] = await w.tx
        .insert(growthGoals)
        .values({
          personId: fixture.employee.id,
          createdById: fixture.manager.id,
          title: "Negotiate my own deals",
          createdAt: w.now,
          updatedAt: w.now,
        })
        .returning();
      await w.tx.insert(growthGoalResources).values({
        goalId: growth!.id,
        kind: "training",
        description: "Negotiation workshop",
        status: "in_use",
        catalogueItemId: workshopId,
        catalogueSessionId: upcoming.id,
        createdById: fixture.manager.id,
        createdAt: w.now,
        updatedAt: w.now,
      });
      await w.audit({
        actor: { kind: "system", label: "test" },
        action: "test.setup",
        subjectType: "test",
      });
    });
    const { item } = await json<{ item: CatalogueItemView }>(
      await get("employee", `/api/v1/catalogue/items/${workshopId}`),
      200,
    );
    expect(item.sessions).toEqual([
      expect.objectContaining({ id: upcoming.id, seats: 3, seatsTaken: 2, location: "Room 4" }),
    ]);
  });
});

describe("usage: counts for L&D and HR, never a name", () => {
  it("figures count the goals that used an item and the plans that closed with goals met", async () => {
    const [goal] = await db.select().from(planGoals).where(eq(planGoals.planId, fixture.plan.id));
    await write(deps, async (w) => {
      await w.tx.insert(planResources).values([
        {
          goalId: goal!.id,
          kind: "training",
          description: "SQL course",
          status: "delivered",
          catalogueItemId: sql.id,
        },
        {
          goalId: goal!.id,
          kind: "training",
          description: "SQL course, again",
          status: "in_use",
          catalogueItemId: sql.id,
        },
      ]);
      await w.audit({
        actor: { kind: "system", label: "test" },
        action: "test.setup",
        subjectType: "test",
      });
    });
    // A second plan that used it and is still running.
    const running = await makePlan(deps, { plan: { status: "active" } });
    const [goal2] = await db.select().from(planGoals).where(eq(planGoals.planId, running.plan.id));
    await write(deps, async (w) => {
      await w.tx.insert(planResources).values({
        goalId: goal2!.id,
        kind: "training",
        description: "SQL course",
        status: "not_delivered",
        catalogueItemId: sql.id,
      });
      await w.audit({
        actor: { kind: "system", label: "test" },
        action: "test.setup",
        subjectType: "test",
      });
    });

    const res = await get("ld", "/api/v1/catalogue/usage");
    const text = await res.clone().text();
    const usage = await json<{
      items: ({ itemId: string; title: string } & Record<string, unknown>)[];
    }>(res, 200);
    const row = usage.items.find((i) => i.itemId === sql.id)!;
    expect(row).toMatchObject({
      uses: 3,
      delivered: 1,
      notDelivered: 1,
      inUse: 1,
      offered: 0,
      plansUsing: 2,
      plansClosed: 1,
      plansGoalsMet: 1,
      growthGoalsUsing: 0,
    });
    const workshop = usage.items.find((i) => i.title === "Negotiation in practice")!;
    expect(workshop).toMatchObject({ uses: 3, plansUsing: 1, growthGoalsUsing: 1 });
    for (const p of [fixture.employee, fixture.manager, running.employee])
      expect(text).not.toContain(p.name);
    expect(await catalogueUsage(db, { itemIds: [sql.id] })).toEqual([
      expect.objectContaining({ itemId: sql.id, uses: 3, plansGoalsMet: 1 }),
    ]);
  });

  it("HR sees the figures on the item page; an employee sees the item without them", async () => {
    const hr = await json<{ usage: { plansGoalsMet: number } | null }>(
      await get("hr", `/api/v1/catalogue/items/${sql.id}`),
      200,
    );
    expect(hr.usage?.plansGoalsMet).toBe(1);
    const employee = await json<{ usage: unknown }>(
      await get("employee", `/api/v1/catalogue/items/${sql.id}`),
      200,
    );
    expect(employee.usage).toBeNull();
  });

  it("the plan itself is untouched by all this", async () => {
    const [plan] = await db.select().from(plans).where(eq(plans.id, fixture.plan.id));
    expect(plan).toMatchObject({ status: "closed", outcome: "goals_met" });
  });
});
