import getPort from "get-port";
import pino from "pino";
import { describe, expect, inject, it } from "vitest";
import { testConfig } from "../../test/helpers.js";
import { AppError } from "../api/errors.js";
import { openDatabase } from "./client.js";

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
