import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inArray } from "drizzle-orm";
import fc from "fast-check";
import getPort from "get-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/modules/auth/auth.service.js";
import { oneOnOneTalkingPoints } from "../../src/modules/oneonones/oneonones.table.js";
import { verifyAuditTrail } from "../../src/modules/record/record.service.js";
import { makeUser } from "../factories.js";
import { createTestDeps, type TestDeps } from "../helpers.js";
import { startServer } from "./server-process.js";

// Fault test 3: the server is killed with SIGKILL at random moments during a stream of writes,
// 50 times. After each restart every write the server acknowledged is there, and the audit
// trail still verifies (no half-written event, no broken link, no seal behind the log).

const RESTARTS = Number(process.env.HEADWAY_CRASH_RESTARTS ?? 50);
const WRITERS = 4;

let deps: TestDeps;
let dataDir: string;
let token: string;
let reportId: string;

beforeAll(async () => {
  deps = await createTestDeps();
  dataDir = mkdtempSync(path.join(tmpdir(), "headway-crash-"));
  const manager = await makeUser(deps, { name: "Maya Manager" });
  const report = await makeUser(deps, { name: "Riley Report", managerId: manager.id });
  reportId = report.id;
  ({ token } = await createApiToken(deps, {
    actor: { kind: "system", label: "test" },
    personId: manager.id,
    name: "crash test",
  }));
});

const api = (baseUrl: string, path: string, body?: unknown) =>
  fetch(`${baseUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A weekly 1:1 from next Monday (the server runs on the real clock), and its first meeting. */
async function firstMeeting(baseUrl: string): Promise<string> {
  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
  const created = await api(baseUrl, "/api/v1/one-on-ones", {
    reportId,
    cadence: "weekly",
    weekday: 1,
    startTime: "09:00",
    durationMinutes: 30,
    timeZone: "Europe/Berlin",
    startsOn: monday.toISOString().slice(0, 10),
  });
  if (created.status !== 201) throw new Error(`no series: ${await created.text()}`);
  const s = (await created.json()) as { series: { id: string }; upcoming: { id: string }[] };
  return `/api/v1/one-on-ones/${s.series.id}/meetings/${s.upcoming[0]!.id}/agenda`;
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Adds talking points until the server stops answering; returns the ids it acknowledged. */
async function writeUntilDown(
  baseUrl: string,
  agenda: string,
  writer: number,
  run: number,
  acknowledged: string[],
): Promise<void> {
  for (let n = 0; ; n++) {
    let res: Response;
    try {
      res = await api(baseUrl, agenda, { body: `Run ${run}, writer ${writer}, point ${n}` });
    } catch {
      return; // the connection died with the server
    }
    if (res.status !== 201) {
      const body = await res.text().catch(() => "");
      throw new Error(`a write was refused with ${res.status}: ${body}`);
    }
    const body = (await res.json().catch(() => null)) as { id?: string } | null;
    // A 201 whose body never arrived was not acknowledged to the client.
    if (body?.id) acknowledged.push(body.id);
  }
}

describe("a server killed with SIGKILL in the middle of a stream of writes", () => {
  it(`keeps every acknowledged write and a verifiable audit trail across ${RESTARTS} crashes`, {
    timeout: 900_000,
  }, async () => {
    // Kill moments drawn by fast-check from a fixed seed: after a number of acknowledged writes
    // and a few more milliseconds, so kills land mid-stream however fast the machine is.
    const moments = fc.sample(
      fc.record({ after: fc.integer({ min: 0, max: 12 }), ms: fc.integer({ min: 0, max: 40 }) }),
      { numRuns: RESTARTS, seed: 6 },
    );
    const port = await getPort();
    const setup = await startServer({ deps, port, dataDir });
    const agenda = await firstMeeting(setup.baseUrl);
    await setup.stop();
    const all: string[] = [];
    let midWrite = 0;
    for (const [run, moment] of moments.entries()) {
      const server = await startServer({ deps, port, dataDir });
      const acknowledged: string[] = [];
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        writeUntilDown(server.baseUrl, agenda, w, run, acknowledged),
      );
      while (acknowledged.length < moment.after) await sleep(1);
      await sleep(moment.ms);
      const before = await deps.database.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()",
      );
      if ((before.rows[0]?.n ?? 0) > 0) midWrite += 1;
      await server.kill();
      await Promise.all(writers);
      all.push(...acknowledged);

      // PostgreSQL has rolled back whatever the dead server left open once it sees the socket close.
      const found = acknowledged.length
        ? await deps.database.db
            .select({ id: oneOnOneTalkingPoints.id })
            .from(oneOnOneTalkingPoints)
            .where(inArray(oneOnOneTalkingPoints.id, acknowledged))
        : [];
      expect(found.length, `run ${run}: acknowledged writes missing`).toBe(acknowledged.length);
      const verified = await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret });
      expect(verified, `run ${run}`).toMatchObject({ ok: true });
    }
    // The test did what it says: writes were acknowledged, and kills landed mid-write.
    expect(all.length).toBeGreaterThan(RESTARTS);
    expect(midWrite).toBeGreaterThan(RESTARTS / 2);
    const stored = await deps.database.db
      .select({ id: oneOnOneTalkingPoints.id })
      .from(oneOnOneTalkingPoints)
      .where(inArray(oneOnOneTalkingPoints.id, all));
    expect(stored).toHaveLength(all.length);
  });
});
