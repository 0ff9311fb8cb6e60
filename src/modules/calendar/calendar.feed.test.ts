import { createHash, randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie, type TestUser } from "../../../test/factories.js";
import {
  makeCommitment,
  makeMeeting,
  makeNote,
  makePlanCheckin,
  makeSeries,
  makeTalkingPoint,
} from "../../../test/factories-calendar.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { people } from "../org/org.table.js";
import { calendarFeeds } from "./calendar.table.js";

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const cookies = new Map<string, string>();
async function cookieOf(user: TestUser) {
  const known = cookies.get(user.id);
  if (known) return known;
  const cookie = await signInCookie(app, user.email, user.password);
  cookies.set(user.id, cookie);
  return cookie;
}

const asUser = async (user: TestUser, method: string) =>
  send(app, "/api/v1/me/calendar-feed", { method, cookie: await cookieOf(user) });

async function createFeed(user: TestUser) {
  const res = await asUser(user, "POST");
  expect(res.status).toBe(201);
  return (await res.json()) as {
    url: string;
    webcalUrl: string;
    exists: boolean;
    createdAt: string;
  };
}

/** Fetches a feed URL as a calendar app would: no cookie. */
const fetchFeed = (url: string) => app.request(new URL(url).pathname);

async function parsedFeed(url: string) {
  const res = await fetchFeed(url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const text = await res.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((c) => ({
    uid: String(c.getFirstPropertyValue("uid")),
    status: String(c.getFirstPropertyValue("status")),
    event: new ICAL.Event(c),
  }));
  return { text, calendar, events, byUid: (uid: string) => events.find((e) => e.uid === uid) };
}

const auditEvents = async (action: string) =>
  (
    await db.execute<{ data: Record<string, unknown>; actor_id: string }>(
      sql`SELECT data, actor_id FROM audit_events WHERE action = ${action} ORDER BY seq`,
    )
  ).rows;

const auditTotal = async () =>
  (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`)).rows[0]!.n;

// Maya manages Eli (New York), Bo (Berlin) and Pat (UTC), and reports to Sam (skip-level for
// Eli). Hugo is HR for Engineering, Olga HR elsewhere, Ada an admin.
const sam = await makeUser(deps, { name: "Sam Skiplevel" });
const maya = await makeUser(deps, { name: "Maya Manager", managerId: sam.id });
const eli = await makeUser(deps, { name: "Eli Employee", managerId: maya.id });
const bo = await makeUser(deps, { name: "Bo Berlin", managerId: maya.id });
const pat = await makeUser(deps, { name: "Pat Peer", managerId: maya.id });
const hugo = await makeUser(deps, {
  name: "Hugo HR",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const olga = await makeUser(deps, {
  name: "Olga Other-HR",
  department: "Sales",
  roles: ["hr"],
  hrScopeDepartments: ["Sales"],
});
const ada = await makeUser(deps, { name: "Ada Admin", roles: ["admin"] });

const ny = await makeSeries(deps, {
  managerId: maya.id,
  reportId: eli.id,
  timeZone: "America/New_York",
});
const berlin = await makeSeries(deps, {
  managerId: maya.id,
  reportId: bo.id,
  timeZone: "Europe/Berlin",
});
const utc = await makeSeries(deps, { managerId: maya.id, reportId: pat.id, timeZone: "UTC" });
// Tuesdays at 10:00 in New York: 15:00 UTC before summer time starts on 8 March, 14:00 after.
const held = await makeMeeting(deps, {
  seriesId: ny.id,
  scheduledAt: new Date("2026-02-24T15:00:00Z"),
  status: "held",
});
const beforeDst = await makeMeeting(deps, {
  seriesId: ny.id,
  scheduledAt: new Date("2026-03-03T15:00:00Z"),
});
const afterDst = await makeMeeting(deps, {
  seriesId: ny.id,
  scheduledAt: new Date("2026-03-10T14:00:00Z"),
  durationMinutes: 45,
});
const cancelled = await makeMeeting(deps, {
  seriesId: ny.id,
  scheduledAt: new Date("2026-03-17T14:00:00Z"),
  status: "cancelled",
  cancelledById: maya.id,
  cancelledAt: new Date("2026-03-01T10:00:00Z"),
  cancelReason: "CANCEL-REASON-TEXT",
});
const berlinMeeting = await makeMeeting(deps, {
  seriesId: berlin.id,
  scheduledAt: new Date("2026-03-05T09:00:00Z"),
});
const utcMeeting = await makeMeeting(deps, {
  seriesId: utc.id,
  scheduledAt: new Date("2026-03-04T16:30:00Z"),
});
const longAgo = await makeMeeting(deps, {
  seriesId: ny.id,
  scheduledAt: new Date("2025-06-03T14:00:00Z"),
  status: "held",
});
await makeNote(deps, {
  meetingId: held.id,
  authorId: maya.id,
  visibility: "private",
  body: "PRIVATE-NOTE-TEXT",
});
await makeNote(deps, {
  meetingId: held.id,
  authorId: eli.id,
  visibility: "shared",
  body: "SHARED-NOTE-TEXT",
});
await makeTalkingPoint(deps, { seriesId: ny.id, authorId: eli.id, body: "TALKING-POINT-TEXT" });
await makeCommitment(deps, {
  seriesId: ny.id,
  ownerId: eli.id,
  createdById: maya.id,
  dueOn: "2026-03-09",
  body: "COMMITMENT-TEXT",
});

// Eli's success plan (issued, running) has check-ins; a draft plan's check-ins stay off calendars.
const running = await makePlan(deps, {
  employee: eli,
  manager: maya,
  hr: hugo,
  plan: { status: "active", issuedVersion: 1 },
});
const checkin = await makePlanCheckin(deps, { planId: running.plan.id, scheduledOn: "2026-03-16" });
const draft = await makePlan(deps, { employee: bo, manager: maya, hr: hugo });
const draftCheckin = await makePlanCheckin(deps, {
  planId: draft.plan.id,
  scheduledOn: "2026-03-18",
});

describe("managing your calendar feed", () => {
  it("makes a private URL shown once, keeps only its SHA-256, and records the event", async () => {
    expect(await (await asUser(eli, "GET")).json()).toEqual({ exists: false, createdAt: null });
    const created = await createFeed(eli);
    const token = /^http:\/\/headway\.test\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(
      created.url,
    )?.[1];
    expect(token).toBeDefined();
    expect(created).toMatchObject({
      exists: true,
      createdAt: "2026-03-02T09:00:00.000Z",
      webcalUrl: `webcal://headway.test/calendar/${token}.ics`,
    });

    const status = await asUser(eli, "GET");
    const body = await status.text();
    expect(JSON.parse(body)).toEqual({ exists: true, createdAt: "2026-03-02T09:00:00.000Z" });
    expect(body).not.toContain(token!);

    const rows = await db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, eli.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token!).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token!);

    const [event] = await auditEvents("calendar_feed.created");
    expect(event).toMatchObject({ actor_id: eli.id, data: { personId: eli.id, replaced: false } });
    expect(JSON.stringify(await auditEvents("calendar_feed.created"))).not.toContain(token!);
  });

  it("replaces the URL when asked again: the old one stops working at once", async () => {
    const first = await createFeed(pat);
    expect((await fetchFeed(first.url)).status).toBe(200);
    const second = await createFeed(pat);
    expect(second.url).not.toBe(first.url);
    expect((await fetchFeed(first.url)).status).toBe(404);
    expect((await fetchFeed(second.url)).status).toBe(200);
    const live = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM calendar_feeds WHERE person_id = ${pat.id} AND revoked_at IS NULL`,
    );
    expect(live.rows[0]!.n).toBe(1);
    const events = (await auditEvents("calendar_feed.created")).filter(
      (e) => e.actor_id === pat.id,
    );
    expect(events.map((e) => e.data.replaced)).toEqual([false, true]);
  });

  it("revokes: the URL answers 404, the status says none, and the revocation is recorded", async () => {
    const feed = await createFeed(bo);
    const res = await asUser(bo, "DELETE");
    expect(res.status).toBe(204);
    const gone = await fetchFeed(feed.url);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: "calendar_feed.not_found" } });
    expect(await (await asUser(bo, "GET")).json()).toEqual({ exists: false, createdAt: null });
    const [event] = (await auditEvents("calendar_feed.revoked")).filter(
      (e) => e.actor_id === bo.id,
    );
    expect(event!.data).toEqual({ personId: bo.id });
  });

  it("answers 404 to revoking when there is no feed, and changes nothing", async () => {
    await cookieOf(hugo); // signing in is an event of its own
    const before = await auditTotal();
    const res = await asUser(hugo, "DELETE");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "calendar_feed.not_found" } });
    expect(await auditTotal()).toBe(before);
  });

  it("without a session, every feed endpoint answers 401 and changes nothing", async () => {
    const before = await auditTotal();
    const feeds = await db.select().from(calendarFeeds);
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await send(app, "/api/v1/me/calendar-feed", { method });
      expect(res.status, method).toBe(401);
    }
    expect(await auditTotal()).toBe(before);
    expect(await db.select().from(calendarFeeds)).toEqual(feeds);
  });

  it("lets nobody else — peer, manager, skip-level, HR in and out of scope, admin — see or revoke your feed", async () => {
    const eliFeed = await createFeed(eli);
    const live = () =>
      db
        .select()
        .from(calendarFeeds)
        .where(sql`${calendarFeeds.personId} = ${eli.id} AND ${calendarFeeds.revokedAt} IS NULL`);
    const eliRows = await live();
    // Each sees their own status only (Pat made one above; the others have none).
    for (const [other, exists] of [
      [pat, true],
      [maya, false],
      [sam, false],
      [hugo, false],
      [olga, false],
      [ada, false],
    ] as const) {
      expect((await (await asUser(other, "GET")).json()).exists, other.name).toBe(exists);
      // A DELETE is about the caller's own feed only.
      await asUser(other, "DELETE");
      expect((await fetchFeed(eliFeed.url)).status, other.name).toBe(200);
    }
    expect(await live()).toEqual(eliRows);
  });
});

describe("the feed", () => {
  it("gives each 1:1 in its series' zone, right on both sides of New York's change to summer time", async () => {
    const feed = await parsedFeed((await createFeed(eli)).url);
    const zones = feed.calendar.getAllSubcomponents("vtimezone");
    expect(zones.map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["America/New_York"]);

    const before = feed.byUid(`meeting-${beforeDst.id}@headway`)!.event;
    expect(before.startDate.zone?.tzid).toBe("America/New_York");
    expect([before.startDate.hour, before.startDate.minute]).toEqual([10, 0]);
    expect(before.startDate.toJSDate().toISOString()).toBe("2026-03-03T15:00:00.000Z");
    expect(before.endDate.toJSDate().toISOString()).toBe("2026-03-03T15:30:00.000Z");
    expect(before.summary).toBe("1:1 with Maya Manager");

    const after = feed.byUid(`meeting-${afterDst.id}@headway`)!.event;
    expect(after.startDate.zone?.tzid).toBe("America/New_York");
    expect([after.startDate.hour, after.startDate.minute]).toEqual([10, 0]);
    expect(after.startDate.toJSDate().toISOString()).toBe("2026-03-10T14:00:00.000Z");
    expect(after.endDate.toJSDate().toISOString()).toBe("2026-03-10T14:45:00.000Z");

    const past = feed.byUid(`meeting-${held.id}@headway`)!;
    expect(past.status).toBe("CONFIRMED");
    expect(past.event.startDate.toJSDate().toISOString()).toBe("2026-02-24T15:00:00.000Z");
  });

  it("shows a cancelled 1:1 as cancelled, and leaves out what is too long ago", async () => {
    const feed = await parsedFeed((await createFeed(eli)).url);
    const c = feed.byUid(`meeting-${cancelled.id}@headway`)!;
    expect(c.status).toBe("CANCELLED");
    expect(c.event.summary).toBe("Cancelled: 1:1 with Maya Manager");
    expect(c.event.startDate.toJSDate().toISOString()).toBe("2026-03-17T14:00:00.000Z");
    expect(feed.byUid(`meeting-${longAgo.id}@headway`)).toBeUndefined();
  });

  it("gives the manager every series' meetings, each in its own zone, named after the other person", async () => {
    const feed = await parsedFeed((await createFeed(maya)).url);
    expect(
      feed.calendar
        .getAllSubcomponents("vtimezone")
        .map((z) => z.getFirstPropertyValue("tzid"))
        .sort(),
    ).toEqual(["America/New_York", "Europe/Berlin"]);
    const b = feed.byUid(`meeting-${berlinMeeting.id}@headway`)!.event;
    expect(b.summary).toBe("1:1 with Bo Berlin");
    expect(b.startDate.zone?.tzid).toBe("Europe/Berlin");
    expect([b.startDate.hour, b.startDate.minute]).toEqual([10, 0]);
    expect(b.startDate.toJSDate().toISOString()).toBe("2026-03-05T09:00:00.000Z");
    const u = feed.byUid(`meeting-${utcMeeting.id}@headway`)!.event;
    expect(u.startDate.zone?.tzid).toBe("UTC");
    expect(u.startDate.toJSDate().toISOString()).toBe("2026-03-04T16:30:00.000Z");
    expect(feed.byUid(`meeting-${beforeDst.id}@headway`)!.event.summary).toBe(
      "1:1 with Eli Employee",
    );
  });

  it("has the check-ins of an issued plan as all-day events, for the employee and the manager, never a draft's", async () => {
    for (const [user, other] of [
      [eli, "Maya Manager"],
      [maya, "Eli Employee"],
    ] as const) {
      const feed = await parsedFeed((await createFeed(user)).url);
      const c = feed.byUid(`checkin-${checkin.id}@headway`)!.event;
      expect(c.startDate.isDate).toBe(true);
      expect(c.startDate.toString()).toBe("2026-03-16");
      expect(c.endDate.toString()).toBe("2026-03-17");
      expect(c.summary).toBe(`Check-in with ${other}`);
      expect(feed.byUid(`checkin-${draftCheckin.id}@headway`)).toBeUndefined();
    }
    const hr = await parsedFeed((await createFeed(hugo)).url);
    expect(hr.events).toHaveLength(0);
  });

  it("never shows someone else's meetings through another person's token", async () => {
    const patFeed = await parsedFeed((await createFeed(pat)).url);
    expect(patFeed.events.map((e) => e.uid)).toEqual([`meeting-${utcMeeting.id}@headway`]);
    expect(patFeed.text).not.toContain("Eli Employee");
    expect(patFeed.text).not.toContain("Bo Berlin");
    const eliFeed = await parsedFeed((await createFeed(eli)).url);
    for (const id of [berlinMeeting.id, utcMeeting.id])
      expect(eliFeed.byUid(`meeting-${id}@headway`)).toBeUndefined();
    // Seeing someone's record in the app is not being in their 1:1s.
    for (const other of [sam, hugo, olga, ada]) {
      const feed = await parsedFeed((await createFeed(other)).url);
      expect(feed.events, other.name).toHaveLength(0);
    }
  });

  it("carries no note, agenda, commitment or cancellation text", async () => {
    for (const user of [eli, maya]) {
      const { text } = await parsedFeed((await createFeed(user)).url);
      for (const secret of [
        "PRIVATE-NOTE-TEXT",
        "SHARED-NOTE-TEXT",
        "TALKING-POINT-TEXT",
        "COMMITMENT-TEXT",
        "CANCEL-REASON-TEXT",
      ])
        expect(text, `${user.name}: ${secret}`).not.toContain(secret);
    }
  });

  it("answers 404 to unknown, malformed and revoked tokens, and to a deactivated person's", async () => {
    const random = randomBytes(32).toString("base64url");
    for (const path of [
      `/calendar/${random}.ics`,
      `/calendar/${random}`,
      "/calendar/short.ics",
      `/calendar/${random}.ics.ics`,
      "/calendar/.ics",
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
    }
    const leaver = await makeUser(deps, { name: "Lee Leaver", managerId: maya.id });
    const feed = await createFeed(leaver);
    expect((await fetchFeed(feed.url)).status).toBe(200);
    await db.update(people).set({ active: false }).where(eq(people.id, leaver.id));
    expect((await fetchFeed(feed.url)).status).toBe(404);
  });

  it("does not need, nor use, a session: a signed-in person's cookie does not open another's feed", async () => {
    const random = randomBytes(32).toString("base64url");
    const res = await send(app, `/calendar/${random}.ics`, { cookie: await cookieOf(eli) });
    expect(res.status).toBe(404);
  });
});
