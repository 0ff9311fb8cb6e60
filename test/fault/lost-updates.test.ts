import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { makePlan, makeUser, signInCookie, walkPlanTo } from "../factories.js";
import { createTestDeps, send, testApp } from "../helpers.js";
import { documentOf } from "../plan-document.js";

// Fault test 4: twenty clients edit one running plan at once. Optimistic concurrency must turn
// every race into either a saved version or a 409 — never a silent overwrite.

const CLIENTS = 20;
const ATTEMPTS_EACH = 3;

const deps = await createTestDeps();
const app = testApp(deps);
const db = deps.database.db;

const hr = await makeUser(deps, {
  name: "Hana HR",
  department: "People",
  roles: ["hr"],
  hrScopeDepartments: ["Engineering"],
});
const manager = await makeUser(deps, { name: "Max Manager" });
const employee = await makeUser(deps, { name: "Erin Employee", managerId: manager.id });
const { plan } = await makePlan(deps, { employee, manager, hr });
await walkPlanTo(deps, plan.id, "active");

/** Each client has its own session, as twenty browser tabs or devices would. */
const sessions = await Promise.all(
  Array.from({ length: CLIENTS }, () => signInCookie(app, manager.email, manager.password)),
);

type Outcome = { client: number; attempt: number; status: number; marker: string };

/** Loads the plan, changes its standard to say who wrote it, saves with the version it loaded. */
async function edit(client: number, attempt: number): Promise<Outcome> {
  const cookie = sessions[client]!;
  const detail = await (await send(app, `/api/v1/plans/${plan.id}`, { cookie })).json();
  const marker = `Edit by client ${client}, attempt ${attempt}.`;
  const doc = documentOf(detail);
  const res = await send(app, `/api/v1/plans/${plan.id}`, {
    method: "PUT",
    cookie,
    body: { ...doc, standard: `${doc.standard.split(" Edit by")[0]} ${marker}` },
  });
  await res.arrayBuffer();
  return { client, attempt, status: res.status, marker };
}

describe("twenty clients editing one plan at the same moment", () => {
  it("every successful write is a version in the history, and every other write got 409", async () => {
    const outcomes: Outcome[] = [];
    for (let attempt = 0; attempt < ATTEMPTS_EACH; attempt++)
      outcomes.push(
        ...(await Promise.all(Array.from({ length: CLIENTS }, (_, c) => edit(c, attempt)))),
      );

    const saved = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 409);
    expect(saved.length + refused.length, JSON.stringify(outcomes)).toBe(outcomes.length);
    // Each round raced: at least one write won it, and most lost.
    expect(saved.length).toBeGreaterThanOrEqual(ATTEMPTS_EACH);
    expect(refused.length).toBeGreaterThan(outcomes.length / 2);

    const versions = await db.execute<{ number: number; standard: string }>(sql`
      SELECT number, snapshot->>'standard' AS standard FROM plan_versions
      WHERE plan_id = ${plan.id} ORDER BY number`);
    // Version 1 was issued; each saved edit made exactly one more, holding that edit's text.
    expect(versions.rows.map((v) => v.number)).toEqual(
      Array.from({ length: saved.length + 1 }, (_, i) => i + 1),
    );
    for (const s of saved)
      expect(
        versions.rows.filter((v) => v.standard.includes(s.marker)),
        s.marker,
      ).toHaveLength(1);
    // A refused edit left no trace in the history.
    for (const r of refused)
      expect(
        versions.rows.some((v) => v.standard.includes(r.marker)),
        r.marker,
      ).toBe(false);

    // Each saved edit is in the audit trail, and the plan's current text is the last saved one.
    const last = versions.rows.at(-1)!;
    const [current] = (
      await db.execute<{ standard: string }>(sql`SELECT standard FROM plans WHERE id = ${plan.id}`)
    ).rows;
    expect(current!.standard).toBe(last.standard);
  });
});
