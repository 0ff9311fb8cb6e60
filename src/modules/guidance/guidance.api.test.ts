import { and, count, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { actorFor, makePerson, makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { auditEvents } from "../record/record.table.js";
import { guidanceCards, handbookArticles } from "./guidance.content.js";
import type {
  GuidanceCardsView,
  GuidanceStatsView,
  HandbookArticleView,
  HandbookListView,
} from "./guidance.service.js";
import { recordCardShown } from "./guidance.service.js";
import { guidanceSeen } from "./guidance.table.js";
import { guidanceMoments } from "./guidance.types.js";

// Guidance through the API: the cards of each moment, a dismissal that holds for one person
// only, showings counted once a day, and counts for L&D that never say who. The clock starts ten
// minutes before midnight (UTC), so "the next day" is one short step away for live sessions.

const deps = await createTestDeps();
deps.setNow(new Date("2026-03-02T23:50:00.000Z"));
const app = testApp(deps);
const db = deps.database.db;

const manager = await makeUser(deps, { name: "Maya Manager" });
const report = await makePerson(deps, { name: "Rui Report", managerId: manager.id });
const other = await makeUser(deps, { name: "Omar Othermanager" });
const ld = await makeUser(deps, { name: "Lee Learning", department: "People", roles: ["ld"] });
const hr = await makeUser(deps, {
  name: "Hana HR",
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const admin = await makeUser(deps, { name: "Ada Admin", department: "IT", roles: ["admin"] });
const people = { manager, other, ld, hr, admin };
type Who = keyof typeof people;
const cookies = Object.fromEntries(
  await Promise.all(
    Object.entries(people).map(async ([k, u]) => [k, await signInCookie(app, u.email, u.password)]),
  ),
) as Record<Who, string>;

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}
const get = (who: Who, path: string) => send(app, path, { cookie: cookies[who] });
const post = (who: Who, path: string) => send(app, path, { cookie: cookies[who], method: "POST" });

async function counts() {
  const [seen] = await db.select({ n: count() }).from(guidanceSeen);
  const [events] = await db.select({ n: count() }).from(auditEvents);
  return { seen: seen!.n, events: events!.n };
}
async function guidanceEvents(action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(action ? eq(auditEvents.action, action) : like(auditEvents.action, "guidance.%"));
}
async function row(personId: string, cardId: string) {
  const [r] = await db
    .select()
    .from(guidanceSeen)
    .where(and(eq(guidanceSeen.personId, personId), eq(guidanceSeen.cardId, cardId)));
  return r;
}

describe("the cards for a moment", () => {
  it.each(guidanceMoments.map((m) => [m]))(
    "%s has its card, with the article it links to",
    async (moment) => {
      const body = await json<GuidanceCardsView>(
        await get("manager", `/api/v1/guidance?moment=${moment}`),
        200,
      );
      const expected = guidanceCards.filter((c) => c.moment === moment);
      expect(body.moment).toBe(moment);
      expect(body.cards.map((c) => c.id)).toEqual(expected.map((c) => c.id));
      const article = handbookArticles.find((a) => a.slug === expected[0]!.handbookSlug)!;
      expect(body.cards[0]).toMatchObject({
        handbookSlug: article.slug,
        handbookTitle: article.title,
      });
    },
  );

  it("the start of a plan asks whether feedback and 1:1s came first", async () => {
    const body = await json<GuidanceCardsView>(
      await get("manager", "/api/v1/guidance?moment=plan.start"),
      200,
    );
    expect(body.cards[0]!.body).toMatch(/written feedback and 1:1s/);
    expect(body.cards[0]!.body).toMatch(/documented discussion/);
  });

  it("an unknown or missing moment is refused with a message naming the moments", async () => {
    for (const path of ["/api/v1/guidance?moment=plan.nonsense", "/api/v1/guidance"]) {
      const body = await json<{ error: { code: string; message: string } }>(
        await get("manager", path),
        400,
      );
      expect(body.error.code).toBe("validation.failed");
      expect(JSON.stringify(body)).toContain("plan.start");
    }
  });

  it("asks who you are first", async () => {
    expect((await send(app, "/api/v1/guidance?moment=plan.start")).status).toBe(401);
    expect(
      (await send(app, "/api/v1/guidance/coaching-first/shown", { method: "POST" })).status,
    ).toBe(401);
  });
});

describe("an unknown card", () => {
  it.each(["shown", "dismiss", "handbook-opened"])(
    "%s: 404 guidance.not_found, and nothing is written",
    async (step) => {
      const before = await counts();
      for (const id of ["no-such-card", "COACHING-FIRST", "coaching-first%20", "x".repeat(500)]) {
        const body = await json<{ error: { code: string } }>(
          await post("manager", `/api/v1/guidance/${id}/${step}`),
          404,
        );
        expect(body.error.code).toBe("guidance.not_found");
      }
      expect(await counts()).toEqual(before);
    },
  );
});

describe("showing a card", () => {
  it("is counted once a day per person and card", async () => {
    const before = (await guidanceEvents("guidance.shown")).length;
    const first = await json<{ counted: boolean }>(
      await post("manager", "/api/v1/guidance/impact-not-emotion/shown"),
      200,
    );
    expect(first.counted).toBe(true);
    deps.advance(5 * 60_000);
    const again = await json<{ counted: boolean }>(
      await post("manager", "/api/v1/guidance/impact-not-emotion/shown"),
      200,
    );
    expect(again.counted).toBe(false);
    expect(await row(manager.id, "impact-not-emotion")).toMatchObject({ timesShown: 1 });
    expect((await guidanceEvents("guidance.shown")).length).toBe(before + 1);

    // Past midnight (UTC): a new day, counted again.
    deps.advance(6 * 60_000);
    const nextDay = await json<{ counted: boolean }>(
      await post("manager", "/api/v1/guidance/impact-not-emotion/shown"),
      200,
    );
    expect(nextDay.counted).toBe(true);
    const r = await row(manager.id, "impact-not-emotion");
    expect(r).toMatchObject({ timesShown: 2 });
    expect(r!.firstShownAt.toISOString()).toBe("2026-03-02T23:50:00.000Z");
    expect(r!.lastShownAt.toISOString()).toBe("2026-03-03T00:01:00.000Z");
    expect((await guidanceEvents("guidance.shown")).length).toBe(before + 2);
  });

  it("counts each person separately", async () => {
    await json(await post("other", "/api/v1/guidance/impact-not-emotion/shown"), 200);
    expect(await row(other.id, "impact-not-emotion")).toMatchObject({ timesShown: 1 });
    expect(await row(manager.id, "impact-not-emotion")).toMatchObject({ timesShown: 2 });
  });
});

describe("dismissing a card", () => {
  it("hides it for that person only, and it stays dismissed", async () => {
    await json(await post("manager", "/api/v1/guidance/coaching-first/shown"), 200);
    const dismissed = await json<{ dismissed: boolean }>(
      await post("manager", "/api/v1/guidance/coaching-first/dismiss"),
      200,
    );
    expect(dismissed.dismissed).toBe(true);

    const mine = await json<GuidanceCardsView>(
      await get("manager", "/api/v1/guidance?moment=plan.start"),
      200,
    );
    expect(mine.cards).toEqual([]);
    const theirs = await json<GuidanceCardsView>(
      await get("other", "/api/v1/guidance?moment=plan.start"),
      200,
    );
    expect(theirs.cards.map((c) => c.id)).toEqual(["coaching-first"]);

    // Later, still dismissed; other moments are unaffected.
    deps.advance(2 * 60_000);
    expect(
      (
        await json<GuidanceCardsView>(
          await get("manager", "/api/v1/guidance?moment=plan.start"),
          200,
        )
      ).cards,
    ).toEqual([]);
    expect(
      (
        await json<GuidanceCardsView>(
          await get("manager", "/api/v1/guidance?moment=plan.evidence"),
          200,
        )
      ).cards.map((c) => c.id),
    ).toEqual(["impact-not-emotion"]);
  });

  it("a second dismissal changes nothing and records nothing", async () => {
    const first = (await row(manager.id, "coaching-first"))!.dismissedAt;
    const before = await counts();
    deps.advance(60_000);
    await json(await post("manager", "/api/v1/guidance/coaching-first/dismiss"), 200);
    expect(await counts()).toEqual(before);
    expect((await row(manager.id, "coaching-first"))!.dismissedAt).toEqual(first);
  });

  it("a card dismissed before it was counted as shown counts as shown once", async () => {
    await json(await post("other", "/api/v1/guidance/reformers-trap/dismiss"), 200);
    expect(await row(other.id, "reformers-trap")).toMatchObject({ timesShown: 1 });
    const again = await json<{ counted: boolean }>(
      await post("other", "/api/v1/guidance/reformers-trap/shown"),
      200,
    );
    expect(again.counted).toBe(false);
  });
});

describe("opening the handbook from a card", () => {
  it("is counted the first time only", async () => {
    const first = await json<{ counted: boolean }>(
      await post("manager", "/api/v1/guidance/impact-not-emotion/handbook-opened"),
      200,
    );
    expect(first.counted).toBe(true);
    const at = (await row(manager.id, "impact-not-emotion"))!.handbookOpenedAt;
    expect(at).not.toBeNull();
    const before = await counts();
    deps.advance(60_000);
    const again = await json<{ counted: boolean }>(
      await post("manager", "/api/v1/guidance/impact-not-emotion/handbook-opened"),
      200,
    );
    expect(again.counted).toBe(false);
    expect(await counts()).toEqual(before);
    expect((await row(manager.id, "impact-not-emotion"))!.handbookOpenedAt).toEqual(at);
  });
});

describe("the audit trail", () => {
  it("records every step under a neutral actor, with only the card id: never who", async () => {
    const events = await guidanceEvents();
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(["guidance.shown", "guidance.dismissed", "guidance.handbook_opened"]),
    );
    for (const e of events) {
      expect(e.actorId).toBeNull();
      expect(e.actorLabel).toBe("Guidance");
      expect(e.subjectType).toBe("guidance_card");
      expect(e.data).toEqual({ cardId: e.subjectId });
    }
    const text = JSON.stringify(events);
    for (const p of [manager, other, report])
      for (const s of [p.id, p.name, p.email]) expect(text).not.toContain(s);
    // Two people shown the same card leave the same trace: the digest does not tell them apart.
    const shown = events.filter(
      (e) => e.action === "guidance.shown" && e.subjectId === "impact-not-emotion",
    );
    expect(new Set(shown.map((e) => e.digest)).size).toBe(1);
  });
});

describe("figures for L&D", () => {
  it("a manager may not read them", async () => {
    const body = await json<{ error: { code: string } }>(
      await get("manager", "/api/v1/guidance/stats"),
      403,
    );
    expect(body.error.code).toBe("guidance.forbidden");
  });

  it("are hidden for a card fewer than five people saw, and say so", async () => {
    // impact-not-emotion: seen by the manager and one other so far.
    const stats = await json<GuidanceStatsView>(await get("ld", "/api/v1/guidance/stats"), 200);
    expect(stats.minimumPeople).toBe(5);
    expect(stats.note).toMatch(/never names/i);
    expect(stats.note).toMatch(/at least 5 people/);
    expect(stats.cards.map((c) => c.cardId)).toEqual(guidanceCards.map((c) => c.id));
    for (const c of stats.cards)
      expect(c).toMatchObject({
        suppressed: true,
        peopleShown: null,
        timesShown: null,
        dismissed: null,
        handbookOpened: null,
      });
  });

  it("are counts only once five people saw a card, for L&D, HR and admins alike", async () => {
    for (const name of ["Third", "Fourth", "Fifth"]) {
      const p = await makePerson(deps, { name: `Quokka ${name} Manager` });
      await recordCardShown(deps, {
        actor: await actorFor(deps, p.id),
        cardId: "impact-not-emotion",
      });
    }
    for (const who of ["ld", "hr", "admin"] as const) {
      const res = await get(who, "/api/v1/guidance/stats");
      const text = await res.clone().text();
      const stats = await json<GuidanceStatsView>(res, 200);
      const card = stats.cards.find((c) => c.cardId === "impact-not-emotion")!;
      expect(card).toEqual({
        cardId: "impact-not-emotion",
        title: "Impact, not emotion",
        moment: "plan.evidence",
        suppressed: false,
        peopleShown: 5,
        timesShown: 6,
        dismissed: 0,
        handbookOpened: 1,
      });
      expect(stats.cards.find((c) => c.cardId === "coaching-first")!.suppressed).toBe(true);
      expect(text).not.toMatch(/Quokka|Maya|Omar/);
      for (const p of [manager, other]) expect(text).not.toContain(p.id);
    }
  });
});

describe("the handbook", () => {
  it("lists every article with its summary", async () => {
    const list = await json<HandbookListView>(await get("manager", "/api/v1/handbook"), 200);
    expect(list.articles.map((a) => a.slug)).toEqual(handbookArticles.map((a) => a.slug));
    expect(list.articles.map((a) => a.slug)).toEqual(
      expect.arrayContaining(["diagnostic-conversation", "when-someone-wont-engage"]),
    );
    for (const a of list.articles) expect(a.summary.length).toBeGreaterThan(20);
  });

  it("gives an article as headings, paragraphs and lists, with what to read next", async () => {
    const a = await json<HandbookArticleView>(
      await get("manager", "/api/v1/handbook/reformers-trap"),
      200,
    );
    expect(a.title).toBe("The reformer's trap");
    expect(a.sections.length).toBeGreaterThanOrEqual(4);
    expect(a.sections.every((s) => Array.isArray(s.bullets))).toBe(true);
    expect(a.related.map((r) => r.slug)).toContain("diagnostic-conversation");
  });

  it("answers 404 for an article that does not exist", async () => {
    const body = await json<{ error: { code: string } }>(
      await get("manager", "/api/v1/handbook/no-such-article"),
      404,
    );
    expect(body.error.code).toBe("handbook.not_found");
    expect((await send(app, "/api/v1/handbook")).status).toBe(401);
  });
});
