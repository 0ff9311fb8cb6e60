import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";

// A tamper-evident log: each event's hash covers its content and the previous hash (a hash chain),
// and the newest link is sealed with a server secret so a removed tail is caught too.

export const GENESIS_HASH = "0".repeat(64);

export type ChainEvent = {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown>;
  digest: string;
  prevHash: string;
};

export type ChainHead = { seq: number; hash: string; seal: string };

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? "null";
}

/** SHA-256 of a change, so what changed can be proved later without keeping it in the log. */
export function digestOf(change: unknown): string {
  return sha256(canonicalJson(change ?? null));
}

export function hashEvent(event: ChainEvent): string {
  return sha256(
    canonicalJson({
      seq: event.seq,
      id: event.id,
      at: event.at.toISOString(),
      actorId: event.actorId,
      actorLabel: event.actorLabel,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      data: event.data,
      digest: event.digest,
      prevHash: event.prevHash,
    }),
  );
}

export function sealHead({
  seq,
  hash,
  secret,
}: {
  seq: number;
  hash: string;
  secret: string;
}): string {
  return createHmac("sha256", secret).update(`${seq}:${hash}`).digest("hex");
}

export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; count: number; seq: number; problem: string };

/**
 * Checks the chain one event at a time, so any length can be verified in constant memory.
 * Catches an edited event (hash), a removed event in the middle (seq gap / broken link) and a
 * removed tail (the sealed head points past the last event).
 */
export function createChainVerifier({ secret }: { secret: string }) {
  let expectedSeq = 1;
  let lastHash = GENESIS_HASH;
  let count = 0;
  let failure: VerifyResult | null = null;

  const fail = (seq: number, problem: string) => {
    failure ??= { ok: false, count, seq, problem };
  };

  return {
    step(event: ChainEvent & { hash: string }) {
      if (failure) return;
      if (event.seq !== expectedSeq) {
        return fail(
          expectedSeq,
          `event ${expectedSeq} is missing (the next event found is ${event.seq})`,
        );
      }
      if (event.prevHash !== lastHash) {
        return fail(event.seq, `event ${event.seq} does not link to event ${event.seq - 1}`);
      }
      if (hashEvent(event) !== event.hash) {
        return fail(event.seq, `event ${event.seq} was altered after it was recorded`);
      }
      count += 1;
      expectedSeq += 1;
      lastHash = event.hash;
    },
    finish(head: ChainHead | null): VerifyResult {
      if (failure) return failure;
      const lastSeq = expectedSeq - 1;
      if (!head) {
        if (count === 0) return { ok: true, count };
        return { ok: false, count, seq: lastSeq, problem: "the sealed head of the log is missing" };
      }
      const expectedSeal = sealHead({ seq: head.seq, hash: head.hash, secret });
      const sealOk =
        expectedSeal.length === head.seal.length &&
        timingSafeEqual(Buffer.from(expectedSeal), Buffer.from(head.seal));
      if (!sealOk) {
        return {
          ok: false,
          count,
          seq: head.seq,
          problem: "the head of the log was not sealed by this server",
        };
      }
      if (head.seq > lastSeq) {
        return {
          ok: false,
          count,
          seq: lastSeq + 1,
          problem: `events ${lastSeq + 1} to ${head.seq} were removed from the end of the log`,
        };
      }
      if (head.seq !== lastSeq || head.hash !== lastHash) {
        return {
          ok: false,
          count,
          seq: head.seq,
          problem: `the head of the log does not match event ${lastSeq}`,
        };
      }
      return { ok: true, count };
    },
  };
}
