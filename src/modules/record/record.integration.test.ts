import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDeps } from "../../../test/helpers.js";
import { write } from "../../db/transaction.js";
import { verifyAuditTrail } from "./record.service.js";

const deps = await createTestDeps();
const system = { kind: "system", label: "test" } as const;

async function recordSome(n: number) {
  for (let i = 0; i < n; i++) {
    await write(deps, (w) =>
      w.audit({ actor: system, action: "test.event", subjectType: "test", data: { i } }),
    );
  }
}

describe("the audit trail", () => {
  it("verifies an untouched chain and counts its events", async () => {
    // The test set-up already recorded the organisation's first data key.
    const before = await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret });
    await recordSome(5);
    expect(await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret })).toEqual({
      ok: true,
      count: before.count + 5,
    });
  });

  it("refuses UPDATE, DELETE and TRUNCATE of events", async () => {
    await expect(
      deps.database.db.execute(sql`UPDATE audit_events SET action = 'x'`),
    ).rejects.toThrow();
    await expect(deps.database.db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
    await expect(deps.database.db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();
  });

  it("refuses a write that records no audit event, and keeps nothing of it", async () => {
    await expect(
      write(deps, async (w) => {
        await w.tx.execute(sql`UPDATE org_settings SET name = 'sneaky'`);
      }),
    ).rejects.toThrow(/audit/);
    const rows = await deps.database.db.execute<{ name: string }>(
      sql`SELECT name FROM org_settings`,
    );
    expect(rows.rows[0]?.name).not.toBe("sneaky");
  });
});

/** A fresh log of four events, changed the way a database superuser could (triggers off), then verified. */
async function verifyAfterTampering(statement: ReturnType<typeof sql>) {
  const d = await createTestDeps();
  for (let i = 0; i < 4; i++)
    await write(d, (w) =>
      w.audit({ actor: system, action: "test.event", subjectType: "test", data: { i } }),
    );
  await d.database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
  return verifyAuditTrail({ db: d.database.db, secret: d.config.secret });
}

describe("audit verification catches tampering", () => {
  it.each([
    {
      kind: "an edited event",
      statement: sql`UPDATE audit_events SET data = '{"i": 99}' WHERE seq = 2`,
      seq: 2,
      problem: /altered/,
    },
    {
      kind: "a removed event in the middle",
      statement: sql`DELETE FROM audit_events WHERE seq = 3`,
      seq: 3,
      problem: /missing/,
    },
    {
      kind: "a removed tail",
      statement: sql`DELETE FROM audit_events WHERE seq >= 3`,
      seq: 3,
      problem: /removed from the end/,
    },
    {
      kind: "a forged head",
      statement: sql`UPDATE audit_head SET seq = 2`,
      seq: 2,
      problem: /not sealed/,
    },
  ])("names $kind", async ({ statement, seq, problem }) => {
    const result = await verifyAfterTampering(statement);
    expect(result).toMatchObject({ ok: false, seq });
    expect(result.ok ? "" : result.problem).toMatch(problem);
  });
});
