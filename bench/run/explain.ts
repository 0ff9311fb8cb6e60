// Where a request's database time goes: EXPLAIN ANALYZE of each captured statement, with its
// captured parameters, inside a transaction that is rolled back (so a captured write changes
// nothing). Each statement runs twice and the second, warm, timing is kept.

import pg from "pg";
import type { Capture, Statement, WireValue } from "./types.js";

export type ExplainedStatement = {
  index: number;
  text: string;
  values: WireValue[];
  planningMs: number;
  executionMs: number;
  plan: string;
};

export type Explained = {
  key: Capture["key"];
  /** Sum of planning + execution of every statement: the request's database time, serially. */
  totalMs: number;
  statements: ExplainedStatement[];
};

const CONTROL = /^\s*(begin|commit|rollback|set|show|savepoint|release)\b/i;

function fromWire(value: WireValue): string | Buffer | null {
  if (value !== null && typeof value === "object") return Buffer.from(value.base64, "base64");
  return value;
}

async function explainOne(client: pg.Client, statement: Statement) {
  const { rows } = await client.query<{ "QUERY PLAN": string }>({
    text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
    values: statement.values.map(fromWire),
  });
  const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
  const ms = (label: string) =>
    Number(plan.match(new RegExp(`${label} Time: ([\\d.]+) ms`))?.[1] ?? Number.NaN);
  return { plan, planningMs: ms("Planning"), executionMs: ms("Execution") };
}

export async function explainCaptures({
  databaseUrl,
  captures,
}: {
  databaseUrl: string;
  captures: Capture[];
}): Promise<Explained[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const explained: Explained[] = [];
  try {
    for (const capture of captures) {
      const statements: ExplainedStatement[] = [];
      for (const [index, statement] of capture.statements.entries()) {
        if (CONTROL.test(statement.text)) continue;
        await client.query("BEGIN");
        try {
          await explainOne(client, statement);
          const warm = await explainOne(client, statement);
          statements.push({ index, text: statement.text, values: statement.values, ...warm });
        } catch (err) {
          statements.push({
            index,
            text: statement.text,
            values: statement.values,
            planningMs: Number.NaN,
            executionMs: Number.NaN,
            plan: `EXPLAIN failed: ${(err as Error).message}`,
          });
        } finally {
          await client.query("ROLLBACK");
        }
      }
      const totalMs = statements.reduce(
        (sum, s) => sum + (Number.isNaN(s.executionMs) ? 0 : s.planningMs + s.executionMs),
        0,
      );
      explained.push({ key: capture.key, totalMs, statements });
    }
  } finally {
    await client.end();
  }
  return explained;
}
