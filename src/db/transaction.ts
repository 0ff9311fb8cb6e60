import { AppError } from "../api/errors.js";
import type { Deps } from "../deps.js";
import { type AuditInput, recordEvent } from "../modules/record/record.service.js";
import type { Tx } from "./client.js";

export type Write = {
  tx: Tx;
  now: Date;
  /** Records an audit event in this transaction. */
  audit(input: AuditInput): Promise<void>;
  /** Runs in the background after a successful commit (e.g. deliver queued mail). */
  afterCommit(fn: () => Promise<void>): void;
};

const inFlight = new Set<Promise<void>>();

/** Waits for background after-commit work; called before shutting down, and by tests. */
export async function settleBackgroundTasks(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

/**
 * Every write goes through here: one transaction, and the transaction is refused unless it
 * recorded at least one audit event. That makes "no write without its event" a rule the code keeps.
 */
export async function write<T>(
  deps: Pick<Deps, "database" | "config" | "clock" | "logger">,
  fn: (w: Write) => Promise<T>,
): Promise<T> {
  const after: (() => Promise<void>)[] = [];
  const result = await deps.database.db.transaction(async (tx) => {
    const now = deps.clock();
    let events = 0;
    const w: Write = {
      tx,
      now,
      async audit(input) {
        await recordEvent(tx, { secret: deps.config.secret, now, input });
        events += 1;
      },
      afterCommit(fn) {
        after.push(fn);
      },
    };
    const value = await fn(w);
    if (events === 0)
      throw new AppError(
        "internal.unaudited_write",
        "A write was attempted without an audit event.",
      );
    return value;
  });
  // After-commit work (mail delivery) runs in the background: an answer must not wait for it,
  // nor reveal through its timing that there was any (a reset mail sent only for real accounts).
  for (const fn of after) {
    const task: Promise<void> = fn()
      .catch((err) => deps.logger.error({ err }, "after-commit task failed"))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }
  return result;
}
