import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makeUser, signInCookie } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { write } from "../../db/transaction.js";
import { notify } from "./notify.service.js";

const deps = await createTestDeps();
const app = testApp(deps);

async function tell(personId: string, title: string) {
  await write(deps, async (w) => {
    await notify(deps, w, { personIds: [personId], kind: "test", title, link: "/", email: false });
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "test.told",
      subjectType: "person",
    });
  });
  deps.advance(1000);
}

describe("notifications", () => {
  it("lists your own notifications, newest first, with the unread count", async () => {
    const ada = await makeUser(deps, { name: "Ada" });
    const bob = await makeUser(deps, { name: "Bob" });
    await tell(ada.id, "First");
    await tell(ada.id, "Second");
    await tell(bob.id, "For Bob");
    const cookie = await signInCookie(app, ada.email, ada.password);
    const res = await send(app, "/api/v1/notifications", { cookie });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.unread).toBe(2);
    expect(body.items.map((n: { title: string }) => n.title)).toEqual(["Second", "First"]);
    expect((await send(app, "/api/v1/notifications?limit=0", { cookie })).status).toBe(400);
    expect((await send(app, "/api/v1/notifications")).status).toBe(401);
  });

  it("marks only your own notifications read, by id or all, and records it", async () => {
    const ada = await makeUser(deps, { name: "Ada Two" });
    const bob = await makeUser(deps, { name: "Bob Two" });
    await tell(ada.id, "One");
    await tell(ada.id, "Two");
    await tell(bob.id, "Bob's");
    const adaCookie = await signInCookie(app, ada.email, ada.password);
    const bobCookie = await signInCookie(app, bob.email, bob.password);
    const [bobsOwn] = (
      await (await send(app, "/api/v1/notifications", { cookie: bobCookie })).json()
    ).items;
    const [newest] = (
      await (await send(app, "/api/v1/notifications", { cookie: adaCookie })).json()
    ).items;

    const marked = await send(app, "/api/v1/notifications/read", {
      cookie: adaCookie,
      body: { ids: [newest.id, bobsOwn.id] },
    });
    expect(await marked.json()).toEqual({ marked: 1, unread: 1 });
    const unread = await (
      await send(app, "/api/v1/notifications?unread=true", { cookie: adaCookie })
    ).json();
    expect(unread.items.map((n: { title: string }) => n.title)).toEqual(["One"]);
    expect(
      (await (await send(app, "/api/v1/notifications", { cookie: bobCookie })).json()).unread,
    ).toBe(1);

    expect(
      await (
        await send(app, "/api/v1/notifications/read", { cookie: adaCookie, body: { all: true } })
      ).json(),
    ).toEqual({ marked: 1, unread: 0 });
    const bad = await send(app, "/api/v1/notifications/read", { cookie: adaCookie, body: {} });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe("ids");
    const events = await deps.database.db.execute<{ data: { count: number } }>(
      sql`SELECT data FROM audit_events WHERE action = 'notification.read' AND actor_id = ${ada.id} ORDER BY seq`,
    );
    expect(events.rows.map((r) => r.data.count)).toEqual([1, 1]);
  });
});
