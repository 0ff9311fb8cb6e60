import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makePlan } from "../../../test/factories.js";
import { makeSeries, oneOnOnePeople } from "../../../test/factories-oneonones.js";
import { createTestDeps, testApp } from "../../../test/helpers.js";

// The promise: a database dump alone does not reveal private notes or protected activities.

const deps = await createTestDeps();
const app = testApp(deps);
const marker = (what: string) => `${what}-${randomBytes(8).toString("hex")}`;

/**
 * The whole database as text: `pg_dump` when one of the server's version is installed, else
 * every row of every table read as text (all columns, jsonb included).
 */
async function dumpDatabase(): Promise<string> {
  const run = spawnSync("pg_dump", ["--data-only", "--no-owner", deps.databaseUrl], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.status === 0 && run.stdout.includes("PostgreSQL database dump")) return run.stdout;
  const pool = deps.database.pool;
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  expect(tables.length).toBeGreaterThan(20);
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
    parts.push(`-- ${name}`, ...rows.map((r) => r.row));
  }
  return parts.join("\n");
}

describe("a database dump", () => {
  it("does not reveal a private 1:1 note, a plan private note or a protected activity, which their readers still see", async () => {
    const fx = await oneOnOnePeople(deps, app);
    const s = await makeSeries(fx);
    const meetingUrl = `/api/v1/one-on-ones/${s.series.id}/meetings/${s.upcoming[0].id}`;

    // A private 1:1 note, written and then edited; a shared one for contrast.
    const firstDraft = marker("private-one-on-one-first");
    const privateNote = marker("private-one-on-one");
    const sharedNote = marker("shared-one-on-one");
    const written = await fx.as("manager", `${meetingUrl}/notes`, {
      body: { visibility: "private", body: firstDraft },
    });
    expect(written.status).toBe(201);
    const edited = await fx.as(
      "manager",
      `/api/v1/one-on-ones/${s.series.id}/notes/${(await written.json()).id}`,
      {
        method: "PATCH",
        body: { body: privateNote },
      },
    );
    expect(edited.status).toBe(200);
    expect((await edited.json()).body).toBe(privateNote);
    const shared = await fx.as("manager", `${meetingUrl}/notes`, {
      body: { visibility: "shared", body: sharedNote },
    });
    expect(shared.status).toBe(201);

    // A manager's private note on a plan.
    const { plan } = await makePlan(deps, {
      manager: fx.manager,
      employee: fx.report,
      hr: fx.hrIn,
    });
    const planNote = marker("plan-private-note");
    const noted = await fx.as("manager", `/api/v1/plans/${plan.id}/private-notes`, {
      body: { body: planNote },
    });
    expect(noted.status).toBe(201);
    expect((await noted.json()).body).toBe(planNote);

    // A protected activity, recorded by HR.
    const activityNote = marker("protected-activity");
    const recorded = await fx.as("hrIn", `/api/v1/people/${fx.report.id}/protected-activities`, {
      body: { kind: "accommodation_request", occurredOn: "2026-01-17", note: activityNote },
    });
    expect(recorded.status).toBe(201);

    // Their readers see them as written.
    const meeting = await (await fx.as("manager", meetingUrl)).json();
    expect(meeting.notes.map((n: { body: string }) => n.body).sort()).toEqual(
      [privateNote, sharedNote].sort(),
    );
    const planView = await (await fx.as("manager", `/api/v1/plans/${plan.id}`)).json();
    expect(planView.privateNotes.map((n: { body: string }) => n.body)).toEqual([planNote]);
    const activities = await (
      await fx.as("hrIn", `/api/v1/people/${fx.report.id}/protected-activities`)
    ).json();
    expect(activities.items).toMatchObject([
      { kind: "accommodation_request", occurredOn: "2026-01-17", note: activityNote },
    ]);

    const dump = await dumpDatabase();
    // The dump does hold the notes' table: the shared note is there in clear.
    expect(dump).toContain(sharedNote);
    for (const secret of [firstDraft, privateNote, planNote, activityNote, "accommodation_request"])
      expect(dump).not.toContain(secret);
    // The date is encrypted too: the row shows that HR recorded something, not what or when.
    const [activityRow] = (
      await deps.database.pool.query<{ row: string }>(
        "SELECT t::text AS row FROM protected_activities t",
      )
    ).rows;
    expect(activityRow!.row).not.toContain("2026-01-17");
    expect(activityRow!.row).toMatch(/hw1:1:/);
  });
});

describe("the API", () => {
  it("never sends one person's private note to the other side, encrypted or not", async () => {
    const fx = await oneOnOnePeople(deps, app);
    const s = await makeSeries(fx, {}, { reportId: fx.peer.id });
    const meetingUrl = `/api/v1/one-on-ones/${s.series.id}/meetings/${s.upcoming[0].id}`;
    const res = await fx.as("manager", `${meetingUrl}/notes`, {
      body: { visibility: "private", body: marker("private") },
    });
    expect(res.status).toBe(201);
    const asPeer = await (await fx.as("peer", meetingUrl)).text();
    expect(asPeer).not.toContain("hw1:");
    expect(JSON.parse(asPeer).notes).toEqual([]);
  });
});
