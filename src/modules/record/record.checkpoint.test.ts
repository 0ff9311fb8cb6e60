import { generateKeyPairSync } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDeps, type TestDeps } from "../../../test/helpers.js";
import { write } from "../../db/transaction.js";
import { mailMessages } from "../mail/mail.table.js";
import { type SignedCheckpoint, signCheckpoint, verifyCheckpoint } from "./record.checkpoint.js";
import { hashEvent, sealHead } from "./record.rules.js";
import { verifyAuditTrail } from "./record.service.js";
import { auditEvents } from "./record.table.js";

const system = { kind: "system", label: "test" } as const;

async function recordSome(deps: TestDeps, n: number) {
  for (let i = 0; i < n; i++)
    await write(deps, (w) =>
      w.audit({ actor: system, action: "test.event", subjectType: "test", data: { i } }),
    );
}

/** Runs statements as a database superuser could: with the append-only triggers switched off. */
async function tamper(
  deps: TestDeps,
  fn: (run: (q: ReturnType<typeof sql>) => Promise<unknown>) => Promise<void>,
) {
  await deps.database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await fn((q) => tx.execute(q));
  });
}

/**
 * What someone holding the server secret can do: change event `seq`, recompute every hash after
 * it, and seal the new head. The chain and its seal then verify.
 */
async function rewriteWithSecret(deps: TestDeps, seq: number) {
  const rows = await deps.database.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  await tamper(deps, async (run) => {
    let prevHash = rows.find((r) => r.seq === seq - 1)!.hash;
    for (const row of rows.filter((r) => r.seq >= seq)) {
      const data = row.seq === seq ? { ...row.data, rewritten: true } : row.data;
      const hash = hashEvent({ ...row, data, prevHash });
      await run(
        sql`UPDATE audit_events SET data = ${JSON.stringify(data)}::jsonb, prev_hash = ${prevHash}, hash = ${hash} WHERE seq = ${row.seq}`,
      );
      prevHash = hash;
    }
    const last = rows.at(-1)!.seq;
    await run(
      sql`UPDATE audit_head SET seq = ${last}, hash = ${prevHash}, seal = ${sealHead({ seq: last, hash: prevHash, secret: deps.config.secret })}`,
    );
  });
}

/** The same, cutting the log after event `keep` and sealing that as the head. */
async function truncateWithSecret(deps: TestDeps, keep: number) {
  const [row] = await deps.database.db.select().from(auditEvents).where(eq(auditEvents.seq, keep));
  await tamper(deps, async (run) => {
    await run(sql`DELETE FROM audit_events WHERE seq > ${keep}`);
    await run(
      sql`UPDATE audit_head SET seq = ${keep}, hash = ${row!.hash}, seal = ${sealHead({ seq: keep, hash: row!.hash, secret: deps.config.secret })}`,
    );
  });
}

/** A fresh log: a few events, a checkpoint, then more events. */
async function loggedAndAnchored() {
  const deps = await createTestDeps();
  await recordSome(deps, 4);
  const { signed } = await signCheckpoint(deps);
  await recordSome(deps, 3);
  return { deps, signed };
}

const check = (deps: TestDeps, file: unknown) => verifyCheckpoint(deps, { file });

describe("signing a checkpoint", () => {
  it("signs the verified head, records that it did, and later verifies against a longer log", async () => {
    const deps = await createTestDeps();
    await recordSome(deps, 3);
    const [last] = await deps.database.db
      .select()
      .from(auditEvents)
      .orderBy(sql`${auditEvents.seq} DESC`)
      .limit(1);
    const { signed } = await signCheckpoint(deps);
    expect(signed.checkpoint).toEqual({
      sequence: last!.seq,
      headHash: last!.hash,
      at: deps.clock().toISOString(),
    });
    expect(signed.publicKey).toContain("BEGIN PUBLIC KEY");
    const [event] = await deps.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "audit.checkpoint_signed"));
    expect(event).toMatchObject({
      seq: last!.seq + 1,
      subjectType: "audit",
      data: { sequence: last!.seq, headHash: last!.hash, keyId: signed.keyId, emailed: 0 },
    });
    await recordSome(deps, 2);
    const result = await check(deps, signed);
    expect(result).toEqual({
      ok: true,
      message: `ok: the log (${last!.seq + 3} events) extends checkpoint ${last!.seq} signed ${signed.checkpoint.at} with key ${signed.keyId}`,
    });
  });

  it("queues the checkpoint by mail to the configured recipients, in the same transaction", async () => {
    const deps = await createTestDeps({
      config: { checkpointRecipients: ["audit@example.com", "board@example.com"] },
    });
    await recordSome(deps, 1);
    const { signed, recipients } = await signCheckpoint(deps, { email: true });
    expect(recipients).toEqual(["audit@example.com", "board@example.com"]);
    const mails = await deps.database.db.select().from(mailMessages);
    expect(mails.map((m) => m.to).sort()).toEqual(["audit@example.com", "board@example.com"]);
    const body = mails[0]!.text;
    const json = body.slice(
      body.indexOf("-----BEGIN HEADWAY CHECKPOINT-----") + 35,
      body.indexOf("-----END HEADWAY CHECKPOINT-----"),
    );
    expect(JSON.parse(json)).toEqual(signed);
    expect(await check(deps, JSON.parse(json))).toMatchObject({ ok: true });
  });

  it("refuses to email when no recipient is configured, and records nothing", async () => {
    const deps = await createTestDeps();
    const before = await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret });
    await expect(signCheckpoint(deps, { email: true })).rejects.toThrow(
      /HEADWAY_CHECKPOINT_EMAILS/,
    );
    expect(await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret })).toEqual(
      before,
    );
  });

  it("refuses to sign a trail that is already broken", async () => {
    const deps = await createTestDeps();
    await recordSome(deps, 3);
    await tamper(deps, (run) =>
      run(sql`UPDATE audit_events SET data = '{"i": 7}' WHERE seq = 2`).then(() => {}),
    );
    await expect(signCheckpoint(deps)).rejects.toThrow(
      /broken at event 2.*no checkpoint was signed/,
    );
  });

  it("records nothing when the checkpoint cannot be kept", async () => {
    const deps = await createTestDeps();
    await recordSome(deps, 2);
    await expect(
      signCheckpoint(deps, {
        keep: () => {
          throw new Error("disk full");
        },
      }),
    ).rejects.toThrow("disk full");
    const signedEvents = await deps.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "audit.checkpoint_signed"));
    expect(signedEvents).toEqual([]);
  });
});

describe("verifying against a checkpoint catches tampering", () => {
  it("an edited event: the chain names it", async () => {
    const { deps, signed } = await loggedAndAnchored();
    await tamper(deps, (run) =>
      run(sql`UPDATE audit_events SET data = '{"i": 99}' WHERE seq = 3`).then(() => {}),
    );
    const result = await check(deps, signed);
    expect(result).toEqual({
      ok: false,
      problems: ["the chain is broken at event 3: event 3 was altered after it was recorded"],
    });
  });

  it("a deleted event in the middle: the chain names the gap", async () => {
    const { deps, signed } = await loggedAndAnchored();
    await tamper(deps, (run) => run(sql`DELETE FROM audit_events WHERE seq = 3`).then(() => {}));
    const result = await check(deps, signed);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^the chain is broken at event 3: event 3 is missing/),
    ]);
  });

  it("a truncated tail: the log is shorter than the checkpoint", async () => {
    const { deps, signed } = await loggedAndAnchored();
    const at = signed.checkpoint.sequence;
    await tamper(deps, (run) =>
      run(sql`DELETE FROM audit_events WHERE seq >= ${at - 1}`).then(() => {}),
    );
    const result = await check(deps, signed);
    expect(result.ok ? [] : result.problems).toEqual([
      `the log is shorter than checkpoint ${at} — truncated: it ends at event ${at - 2}, checkpoint ${at} was made at event ${at}`,
      expect.stringMatching(/removed from the end of the log/),
    ]);
  });

  it("a history rewritten with the server secret passes the chain, but not the checkpoint", async () => {
    const { deps, signed } = await loggedAndAnchored();
    const at = signed.checkpoint.sequence;
    await rewriteWithSecret(deps, at - 2);
    // The chain and its sealed head are consistent again: verify alone is fooled.
    expect(
      await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret }),
    ).toMatchObject({ ok: true });
    expect(await check(deps, signed)).toEqual({
      ok: false,
      problems: [
        `the log no longer extends checkpoint ${at}: event ${at} has a different hash — history was rewritten`,
      ],
    });
  });

  it("a tail cut off and the head re-sealed with the server secret: truncated", async () => {
    const { deps, signed } = await loggedAndAnchored();
    const at = signed.checkpoint.sequence;
    await truncateWithSecret(deps, at - 1);
    expect(
      await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret }),
    ).toMatchObject({ ok: true });
    expect(await check(deps, signed)).toEqual({
      ok: false,
      problems: [
        `the log is shorter than checkpoint ${at} — truncated: it ends at event ${at - 1}, checkpoint ${at} was made at event ${at}`,
      ],
    });
  });

  it("events rewritten after the checkpoint only: the checkpoint still holds, the chain does not", async () => {
    const { deps, signed } = await loggedAndAnchored();
    const last = signed.checkpoint.sequence + 3;
    await tamper(deps, (run) =>
      run(sql`UPDATE audit_events SET action = 'x' WHERE seq = ${last}`).then(() => {}),
    );
    expect(await check(deps, signed)).toEqual({
      ok: false,
      problems: [
        `the chain is broken at event ${last}: event ${last} was altered after it was recorded`,
      ],
    });
  });
});

describe("a checkpoint file that is not genuine", () => {
  it("is refused when its contents were changed after signing", async () => {
    const { deps, signed } = await loggedAndAnchored();
    const forged: SignedCheckpoint = {
      ...signed,
      checkpoint: { ...signed.checkpoint, sequence: signed.checkpoint.sequence - 1 },
    };
    expect(await check(deps, forged)).toEqual({
      ok: false,
      problems: [
        `the signature does not match checkpoint ${forged.checkpoint.sequence}: the file was altered after it was signed, or not signed by this installation`,
      ],
    });
  });

  it("is refused when another key signed it", async () => {
    const { deps, signed } = await loggedAndAnchored();
    const other = generateKeyPairSync("ed25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const elsewhere = await createTestDeps({ config: { signingKeyPem: other } });
    const theirs = (await signCheckpoint(elsewhere)).signed;
    const result = await check(deps, theirs);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(
        /^the checkpoint was signed with key [0-9a-f]{16}, but this installation's signing key is/,
      ),
    ]);
    // Swapping in this installation's public key does not help: the signature is still theirs.
    const swapped = { ...theirs, publicKey: signed.publicKey, keyId: signed.keyId };
    expect((await check(deps, swapped)).ok).toBe(false);
  });

  it("is refused, naming what is needed, when it is not a checkpoint at all", async () => {
    const deps = await createTestDeps();
    for (const file of [null, 42, { checkpoint: { sequence: "1" } }, { hello: "world" }])
      expect(await check(deps, file)).toEqual({
        ok: false,
        problems: [expect.stringMatching(/^the file is not a Headway audit checkpoint/)],
      });
  });
});
