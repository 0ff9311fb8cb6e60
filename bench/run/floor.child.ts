// Child process: the floor. A bare node:http server with a plain pg Pool of the app's size that,
// for each request, replays the statements the app sent for that path (captured by
// capture.child.ts) in order on one pooled connection, and answers with the rows of the last
// statement that returned rows, as JSON. No framework, no authentication, no validation, no
// mapping: what is left is the database work and the HTTP round trip, which the app cannot
// avoid. The app ÷ floor ratio is the cost of everything else.
//
// Input: DATABASE_URL, PORT, FLOOR_POOL_MAX, and the path of a JSON file of captures in argv[2].

import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import pg from "pg";
import type { Capture, WireValue } from "./types.js";

type Replay = {
  text: string;
  values: (string | Buffer | null)[];
  rowMode?: "array";
  name?: string;
};

// drizzle reads dates, timestamps and intervals as text and maps them itself; the floor skips
// the mapping but, like drizzle, does not parse them into Date objects either.
const { builtins } = pg.types;
const asText = new Set<number>([
  builtins.TIMESTAMPTZ,
  builtins.TIMESTAMP,
  builtins.DATE,
  builtins.INTERVAL,
]);
const types = {
  getTypeParser: ((id: number, format?: "text" | "binary") =>
    asText.has(id) ? (value: string) => value : pg.types.getTypeParser(id, format)) as never,
};

function fromWire(value: WireValue): string | Buffer | null {
  if (value !== null && typeof value === "object") return Buffer.from(value.base64, "base64");
  return value;
}

const captures = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Capture[];
const routes = new Map<string, Replay[]>(
  captures.map((c) => [
    c.path,
    c.statements.map((s) => ({
      text: s.text,
      values: s.values.map(fromWire),
      ...(s.rowMode ? { rowMode: s.rowMode } : {}),
      ...(s.name ? { name: s.name } : {}),
    })),
  ]),
);

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.FLOOR_POOL_MAX ?? 10),
});
pool.on("error", () => {});

function send(res: import("node:http").ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

const server = createServer((req, res) => {
  if (req.url === "/healthz") return send(res, 200, '{"status":"ok"}');
  const statements = routes.get(req.url ?? "");
  if (!statements) return send(res, 404, '{"error":"no such path"}');
  void (async () => {
    const client = await pool.connect().catch((err: Error) => err);
    if (client instanceof Error) return send(res, 503, JSON.stringify({ error: client.message }));
    let failed = false;
    try {
      let rows: unknown[] = [];
      for (const statement of statements) {
        const result = await client.query({ ...statement, types });
        if (result.fields?.length) rows = result.rows;
      }
      send(res, 200, JSON.stringify(rows));
    } catch (err) {
      failed = true;
      await client.query("ROLLBACK").catch(() => {});
      send(res, 500, JSON.stringify({ error: (err as Error).message }));
    } finally {
      client.release(failed);
    }
  })();
});

server.listen(Number(process.env.PORT), "127.0.0.1");
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  });
