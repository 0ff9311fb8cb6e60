import { eq, sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import getPort from "get-port";
import pino from "pino";
import { describe, expect, inject, it } from "vitest";
import { freshDatabase, testConfig } from "../../test/helpers.js";
import { AppError } from "../api/errors.js";
import { connect, openDatabase, reusable } from "./client.js";

const logger = pino({ level: "silent" });

describe("opening an external database (DATABASE_URL)", () => {
  it("connects to a reachable PostgreSQL", async () => {
    const database = await openDatabase({
      config: testConfig({ databaseUrl: inject("adminUrl") }),
      logger,
      role: "cli",
    });
    try {
      expect(database.kind).toBe("external");
      expect((await database.pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });

  it("refuses an unreachable one with one line naming DATABASE_URL, and no password in it", async () => {
    const port = await getPort();
    const error = await openDatabase({
      config: testConfig({ databaseUrl: `postgres://someone:hunter2@127.0.0.1:${port}/headway` }),
      logger,
      role: "server",
    }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).message;
    expect(message).toMatch(/^DATABASE_URL: cannot connect to that PostgreSQL \(.*ECONNREFUSED/);
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("\n");
  });
});

describe("a reusable query (a named prepared statement)", () => {
  it("answers each call with its own values, prepared once on the pool and run plainly inside a transaction", async () => {
    const fresh = await freshDatabase();
    // One connection, so the statement it prepared can be seen from the pool.
    const database = connect({ url: fresh.url, kind: "external", poolSize: 1 });
    try {
      const { db } = database;
      await db.execute(sql`CREATE TABLE things (id int PRIMARY KEY, name text NOT NULL)`);
      await db.execute(sql`INSERT INTO things VALUES (1, 'one'), (2, 'two')`);
      const things = pgTable("things", { id: integer().primaryKey(), name: text().notNull() });
      const thingById = reusable("test_thing_by_id", (d) =>
        d
          .select({ name: things.name })
          .from(things)
          .where(eq(things.id, sql.placeholder("id"))),
      );
      expect(await thingById(db, { id: 1 })).toEqual([{ name: "one" }]);
      expect(await thingById(db, { id: 2 })).toEqual([{ name: "two" }]);
      expect(await thingById(db, { id: 3 })).toEqual([]);
      const prepared = await database.pool.query(
        "SELECT statement FROM pg_prepared_statements WHERE name = 'test_thing_by_id'",
      );
      expect(prepared.rows).toHaveLength(1);
      // Inside a transaction it runs on the transaction's connection: it sees the uncommitted row.
      let seen: unknown = null;
      await db
        .transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO things VALUES (3, 'three')`);
          seen = await thingById(tx, { id: 3 });
          tx.rollback();
        })
        .catch(() => {});
      expect(seen).toEqual([{ name: "three" }]);
      expect(await thingById(db, { id: 3 })).toEqual([]);
    } finally {
      await database.close();
      await fresh.close();
    }
  });
});
