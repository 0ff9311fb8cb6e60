import { describe, expect, it } from "vitest";
import {
  makeSeries,
  type OneOnOneRole,
  oneOnOnePeople,
  oneOnOneRoles,
  snapshot,
  weeklyBerlin,
} from "../../../test/factories-oneonones.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";
import { mailMessages } from "../mail/mail.table.js";
import { notifications } from "../notify/notify.table.js";
import { auditEvents } from "../record/record.table.js";

// Who may do what on a 1:1, endpoint by endpoint, and where private notes may appear: in their
// author's responses, and nowhere else.

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;
deps.setNow(new Date("2026-03-02T09:00:00.000Z"));

const MANAGER_SECRET = "PRIVATE-M-8d1f wondering whether Riley needs a plan";
const REPORT_SECRET = "PRIVATE-R-2c7a interviewing elsewhere next week";

const fx = await oneOnOnePeople(deps, app);
const s = await makeSeries(fx);
const sid: string = s.series.id;
const [m1, m2, m3] = s.upcoming as { id: string }[];
const base = `/api/v1/one-on-ones/${sid}`;
const meeting = (id: string, rest = "") => `${base}/meetings/${id}${rest}`;

async function created(role: OneOnOneRole, path: string, body: unknown) {
  const res = await fx.as(role, path, { body });
  expect(res.status, `${role} ${path}`).toBe(201);
  return res.json();
}

const managerPrivate = await created("manager", meeting(m1!.id, "/notes"), {
  visibility: "private",
  body: MANAGER_SECRET,
});
const reportPrivate = await created("report", meeting(m1!.id, "/notes"), {
  visibility: "private",
  body: REPORT_SECRET,
});
const shared = await created("manager", meeting(m1!.id, "/notes"), {
  visibility: "shared",
  body: "Shared: we agreed to try a weekly demo.",
});
// Private notes on a meeting that will be moved, so they travel.
await created("manager", meeting(m2!.id, "/notes"), {
  visibility: "private",
  body: `${MANAGER_SECRET} (prep)`,
});
await created("report", meeting(m2!.id, "/notes"), {
  visibility: "private",
  body: `${REPORT_SECRET} (prep)`,
});
const reportPoint = await created("report", meeting(m1!.id, "/agenda"), { body: "Remote days" });
const managerPoint = await created("manager", meeting(m1!.id, "/agenda"), { body: "Team budget" });
const commitment = await created("manager", `${base}/commitments`, {
  ownerId: fx.report.id,
  body: "Draft the on-call proposal",
  dueOn: "2026-03-20",
});
// The first meeting is under way.
deps.setNow(new Date("2026-03-09T08:10:00.000Z"));

type Call = [method: string, path: string, body?: unknown];

/** Every endpoint on this series, with a body that would be accepted from someone allowed. */
const seriesCalls: Call[] = [
  ["GET", base],
  ["PATCH", base, { version: 1, status: "paused" }],
  ["GET", meeting(m1!.id)],
  ["POST", meeting(m1!.id, "/hold")],
  ["POST", meeting(m3!.id, "/cancel"), { reason: "Travelling." }],
  ["POST", meeting(m2!.id, "/reschedule"), { scheduledAt: "2026-03-17T14:00:00Z" }],
  ["GET", meeting(m1!.id, "/suggestions")],
  ["POST", meeting(m1!.id, "/agenda"), { body: "Something to discuss" }],
  ["POST", meeting(m1!.id, `/agenda/${reportPoint.id}/discussed`)],
  ["DELETE", `${base}/agenda/${reportPoint.id}`],
  ["POST", meeting(m1!.id, "/notes"), { visibility: "shared", body: "A note" }],
  ["PATCH", `${base}/notes/${shared.id}`, { body: "Edited" }],
  ["DELETE", `${base}/notes/${shared.id}`],
  ["PATCH", `${base}/notes/${managerPrivate.id}`, { body: "Edited" }],
  ["DELETE", `${base}/notes/${managerPrivate.id}`],
  ["POST", `${base}/commitments`, { ownerId: fx.report.id, body: "Do it", dueOn: "2026-03-20" }],
  ["POST", `${base}/commitments/${commitment.id}/status`, { status: "done" }],
];

const outsiders = ["peer", "skip", "hrIn", "hrOut", "admin"] as const;

/** Every response body each person received, for the sweep at the end. */
const seen = new Map<OneOnOneRole, string[]>(oneOnOneRoles.map((r) => [r, []]));
async function call(role: OneOnOneRole, [method, path, body]: Call) {
  const res = await fx.as(role, path, { method, body });
  const text = await res.text();
  seen.get(role)!.push(text);
  return { status: res.status, text };
}

describe("who may do what on a 1:1", () => {
  it("answers every series endpoint with a 404 to a peer, the skip-level manager, HR in and out of scope and an admin, and changes nothing", async () => {
    const before = await snapshot(deps);
    for (const role of outsiders)
      for (const c of seriesCalls) {
        const { status, text } = await call(role, c);
        expect(status, `${role} ${c[0]} ${c[1]}`).toBe(404);
        expect(JSON.parse(text).error.code).toBe("oneonone.not_found");
      }
    // Nor can they start one with the report.
    for (const role of outsiders) {
      const { status } = await call(role, [
        "POST",
        "/api/v1/one-on-ones",
        { reportId: fx.report.id, ...weeklyBerlin },
      ]);
      expect(status, role).toBe(403);
    }
    expect(await snapshot(deps)).toEqual(before);
  });

  it("lets the report take part but not manage: changing the schedule is a 403, the manager's notes and points are not theirs to change", async () => {
    const before = await snapshot(deps);
    const refused: [Call, number][] = [
      [["PATCH", base, { version: 1, status: "paused" }], 403],
      [["PATCH", `${base}/notes/${shared.id}`, { body: "Edited" }], 403],
      [["DELETE", `${base}/notes/${shared.id}`], 403],
      [["PATCH", `${base}/notes/${managerPrivate.id}`, { body: "Edited" }], 404],
      [["DELETE", `${base}/notes/${managerPrivate.id}`], 404],
      [["DELETE", `${base}/agenda/${managerPoint.id}`], 403],
    ];
    for (const [c, status] of refused) expect((await call("report", c)).status, c[1]).toBe(status);
    // And the manager cannot touch the report's private note: it does not exist for them.
    for (const method of ["PATCH", "DELETE"]) {
      const { status } = await call("manager", [
        method,
        `${base}/notes/${reportPrivate.id}`,
        method === "PATCH" ? { body: "Edited" } : undefined,
      ]);
      expect(status).toBe(404);
    }
    expect(await snapshot(deps)).toEqual(before);
  });

  it("lets both people in the 1:1 use every endpoint meant for them", async () => {
    const byReport: Call[] = [
      ["GET", base],
      ["GET", meeting(m1!.id)],
      ["GET", meeting(m1!.id, "/suggestions")],
      ["POST", meeting(m1!.id, "/agenda"), { body: "Career ladder" }],
      ["POST", meeting(m1!.id, `/agenda/${managerPoint.id}/discussed`)],
      ["POST", meeting(m1!.id, "/notes"), { visibility: "shared", body: "Thanks for the time." }],
      [
        "POST",
        `${base}/commitments`,
        { ownerId: fx.manager.id, body: "Send the ladder", dueOn: "2026-03-13" },
      ],
      ["POST", `${base}/commitments/${commitment.id}/status`, { status: "done" }],
      ["POST", meeting(m2!.id, "/reschedule"), { scheduledAt: "2026-03-17T14:00:00Z" }],
      ["POST", meeting(m1!.id, "/hold")],
    ];
    for (const c of byReport) expect((await call("report", c)).status, c[1]).toBeLessThan(300);
    const byManager: Call[] = [
      ["GET", "/api/v1/one-on-ones"],
      ["POST", meeting(m3!.id, "/cancel"), { reason: "Travelling." }],
      ["PATCH", `${base}/notes/${shared.id}`, { body: "Shared: weekly demo, Fridays." }],
      ["DELETE", `${base}/agenda/${managerPoint.id}`],
      ["PATCH", base, { version: 1, startTime: "10:00" }],
    ];
    const results = [];
    for (const c of byManager) results.push((await call("manager", c)).status);
    // A discussed point stays: removing it is refused.
    expect(results).toEqual([200, 200, 200, 409, 200]);
  });
});

describe("private notes", () => {
  it("appear in their author's responses only: not the other side's, not HR's, not an admin's, in no list, notification, email or audit data", async () => {
    // Everyone reads everything they can reach.
    const detail = JSON.parse((await call("manager", ["GET", base])).text);
    const meetingIds: string[] = [...detail.upcoming, ...detail.past].map(
      (m: { id: string }) => m.id,
    );
    for (const role of oneOnOneRoles) {
      const reads: Call[] = [
        ["GET", "/api/v1/one-on-ones"],
        ["GET", "/api/v1/one-on-ones/deck"],
        ["GET", base],
        ...meetingIds.flatMap((id): Call[] => [
          ["GET", meeting(id)],
          ["GET", meeting(id, "/suggestions")],
        ]),
        ["GET", "/api/v1/notifications?limit=100"],
        ["GET", "/api/v1/audit?limit=200"],
        ["GET", "/api/v1/mail/outbox"],
        ["GET", `/api/v1/people/${fx.report.id}`],
        ["GET", `/api/v1/people/${fx.manager.id}`],
        ["GET", `/api/v1/people/${fx.report.id}/record`],
        ["GET", "/api/v1/me"],
      ];
      for (const c of reads) await call(role, c);
    }
    const carrying = (secret: string) =>
      oneOnOneRoles.filter((r) => seen.get(r)!.some((t) => t.includes(secret.slice(0, 14))));
    expect(carrying(MANAGER_SECRET)).toEqual(["manager"]);
    expect(carrying(REPORT_SECRET)).toEqual(["report"]);
    // The prep notes moved with the rescheduled meeting, and are still their authors' alone.
    expect(seen.get("manager")!.some((t) => t.includes(`${MANAGER_SECRET} (prep)`))).toBe(true);
    expect(seen.get("report")!.some((t) => t.includes(`${REPORT_SECRET} (prep)`))).toBe(true);
    // The audit trail was readable (so the check above meant something), and the shared note
    // reached both sides.
    expect(seen.get("admin")!.some((t) => t.includes("oneonone.note_added"))).toBe(true);
    expect(seen.get("report")!.some((t) => t.includes("weekly demo"))).toBe(true);

    const stored = JSON.stringify([
      await db.select().from(notifications),
      await db.select().from(mailMessages),
      await db.select({ data: auditEvents.data }).from(auditEvents),
    ]);
    expect(stored).not.toContain("PRIVATE-M-8d1f");
    expect(stored).not.toContain("PRIVATE-R-2c7a");
  });
});
