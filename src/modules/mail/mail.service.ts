import { and, desc, eq, isNull, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Config } from "../../config.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { mailMessages } from "./mail.table.js";

export type OutgoingMail = { to: string; subject: string; text: string };

/** The one mailer: SMTP when configured, else the in-app outbox. */
export type Mailer = {
  transport: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

export function createMailer({ config }: { config: Pick<Config, "smtp" | "mailFrom"> }): Mailer {
  const smtp = config.smtp;
  if (!smtp) return { transport: "outbox", async send() {}, close() {} };
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: 10_000,
  });
  return {
    transport: "smtp",
    async send(mail) {
      await transporter.sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Queues a message in the caller's transaction (so it exists only if the write commits) and
 * delivers it over SMTP after the commit. Without SMTP it stays in the outbox.
 */
export async function queueMail(deps: Deps, w: Write, mail: OutgoingMail): Promise<void> {
  const [row] = await w.tx
    .insert(mailMessages)
    .values({ ...mail, createdAt: w.now, transport: deps.mailer.transport })
    .returning({ id: mailMessages.id });
  if (deps.mailer.transport === "smtp") w.afterCommit(() => deliverOne(deps, row!.id));
}

async function deliverOne(deps: Deps, id: string): Promise<void> {
  await write(deps, async (w) => {
    // SKIP LOCKED: with several app instances, each message is delivered by one of them.
    const [message] = await w.tx
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.id, id), isNull(mailMessages.sentAt)))
      .for("update", { skipLocked: true });
    if (!message) {
      await w.audit({
        actor: { kind: "system", label: "mailer" },
        action: "mail.skipped",
        subjectType: "mail",
        subjectId: id,
      });
      return;
    }
    try {
      await deps.mailer.send(message);
      await w.tx
        .update(mailMessages)
        .set({ sentAt: w.now, error: null })
        .where(eq(mailMessages.id, id));
      await w.audit({
        actor: { kind: "system", label: "mailer" },
        action: "mail.sent",
        subjectType: "mail",
        subjectId: id,
        data: { to: message.to, subject: message.subject },
      });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      deps.logger.warn({ err, id }, "mail delivery failed; will retry");
      await w.tx.update(mailMessages).set({ error }).where(eq(mailMessages.id, id));
      await w.audit({
        actor: { kind: "system", label: "mailer" },
        action: "mail.failed",
        subjectType: "mail",
        subjectId: id,
        data: { to: message.to, error },
      });
    }
  });
}

/** Retries SMTP messages left unsent (a crash, a down relay). */
export async function deliverPending(deps: Deps): Promise<number> {
  if (deps.mailer.transport !== "smtp") return 0;
  const pending = await deps.database.db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(and(eq(mailMessages.transport, "smtp"), isNull(mailMessages.sentAt)))
    .limit(100);
  for (const { id } of pending) await deliverOne(deps, id);
  return pending.length;
}

export async function findOutbox({ db, limit }: { db: DbOrTx; limit: number }) {
  return db
    .select()
    .from(mailMessages)
    .orderBy(desc(mailMessages.createdAt), sql`${mailMessages.id}`)
    .limit(limit);
}

export type { Logger };
