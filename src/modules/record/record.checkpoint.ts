import { z } from "zod";
import type { Actor } from "../../access/access.types.js";
import { AppError } from "../../api/errors.js";
import type { DbOrTx } from "../../db/client.js";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { queueMail } from "../mail/mail.service.js";
import { GENESIS_HASH } from "./record.rules.js";
import { findEventAt, findLastEvent, verifyAuditTrail } from "./record.service.js";
import { publicKeyOf, signingKeyOf, signPayload, verifyPayload } from "./record.signing.js";

// Signed checkpoints anchor the audit chain outside the database. The chain and its sealed head
// catch an edited, removed or cut-off event, but someone holding the server secret could rewrite
// history and seal the new head. A checkpoint signed with the Ed25519 key (kept in a file, not in
// the database) and stored elsewhere (a file the operator keeps, an email) says "event N had
// hash H at time T": a log that no longer has exactly that event at N has been rewritten or cut.

export type Checkpoint = { sequence: number; headHash: string; at: string };

/** The file a checkpoint is written to, and mailed as. */
export type SignedCheckpoint = {
  checkpoint: Checkpoint;
  /** Ed25519 over the canonical JSON of `checkpoint`, base64. */
  signature: string;
  /** The public key (PEM) that checks the signature. */
  publicKey: string;
  keyId: string;
};

const hash = z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex");

export const SignedCheckpointSchema = z.object({
  checkpoint: z.object({
    sequence: z.number().int().min(0),
    headHash: hash,
    at: z.string().min(1),
  }),
  signature: z.string().min(1),
  publicKey: z.string().min(1),
  keyId: z.string().min(1),
});

type CheckDeps = Pick<Deps, "database" | "config">;

/**
 * Whether the log still holds event `sequence` with exactly `hash`: a problem sentence, or null.
 * Together with a chain that verifies from the first event to the head, this proves the log
 * extends the anchored history.
 */
export async function checkLogExtends(
  db: DbOrTx,
  { sequence, hash: expected, what }: { sequence: number; hash: string; what: string },
): Promise<string | null> {
  if (sequence === 0)
    return expected === GENESIS_HASH ? null : `${what} names event 0 with a hash it cannot have`;
  const event = await findEventAt(db, sequence);
  if (!event) {
    const last = await findLastEvent(db);
    if (last.seq < sequence)
      return `the log is shorter than ${what} — truncated: it ends at event ${last.seq}, ${what} was made at event ${sequence}`;
    return `the log no longer extends ${what}: event ${sequence} is missing — history was rewritten`;
  }
  if (event.hash !== expected)
    return `the log no longer extends ${what}: event ${sequence} has a different hash — history was rewritten`;
  return null;
}

/** The outcome of a check: what holds, or every problem found, each one sentence. */
export type CheckResult = { ok: true; message: string } | { ok: false; problems: string[] };

/**
 * Signs the head of the audit chain after verifying the chain up to it. Refuses a broken chain:
 * a checkpoint must never vouch for a history that has already been tampered with. Records
 * `audit.checkpoint_signed` (and queues the mail to `checkpointRecipients` when `email`) in one
 * transaction; `keep` runs inside it, so a checkpoint that could not be written is not recorded.
 */
export async function signCheckpoint(
  deps: Deps,
  {
    email = false,
    keep,
    actor = { kind: "system", label: "cli" },
  }: {
    email?: boolean;
    keep?: (signed: SignedCheckpoint) => void | Promise<void>;
    actor?: Actor;
  } = {},
): Promise<{ signed: SignedCheckpoint; recipients: string[] }> {
  const recipients = email ? deps.config.checkpointRecipients : [];
  if (email && recipients.length === 0)
    throw new AppError(
      "audit.no_checkpoint_recipients",
      "No one to email the checkpoint to: set HEADWAY_CHECKPOINT_EMAILS to a comma-separated list of addresses.",
    );
  const key = signingKeyOf(deps.config.signingKeyPem);
  const chain = await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret });
  if (!chain.ok)
    throw new AppError(
      "audit.chain_broken",
      `The audit trail is broken at event ${chain.seq} (${chain.problem}); no checkpoint was signed. Run \`headway audit verify\` and investigate first.`,
    );
  return write(deps, async (w) => {
    // Events 1…count verified above; the log is append-only, so event `count` is still there.
    const head =
      chain.count === 0 ? { seq: 0, hash: GENESIS_HASH } : await findEventAt(w.tx, chain.count);
    if (!head) throw new AppError("audit.chain_broken", "The audit trail changed while signing.");
    const checkpoint: Checkpoint = {
      sequence: head.seq,
      headHash: head.hash,
      at: w.now.toISOString(),
    };
    const signed: SignedCheckpoint = {
      checkpoint,
      signature: signPayload(key, checkpoint),
      publicKey: key.publicKeyPem,
      keyId: key.keyId,
    };
    await w.audit({
      actor,
      action: "audit.checkpoint_signed",
      subjectType: "audit",
      subjectId: String(checkpoint.sequence),
      data: {
        sequence: checkpoint.sequence,
        headHash: checkpoint.headHash,
        keyId: key.keyId,
        emailed: recipients.length,
      },
      change: signed,
    });
    for (const to of recipients) await mailCheckpoint(deps, w, { to, signed });
    await keep?.(signed);
    return { signed, recipients };
  });
}

async function mailCheckpoint(
  deps: Deps,
  w: Write,
  { to, signed }: { to: string; signed: SignedCheckpoint },
) {
  const { sequence, headHash, at } = signed.checkpoint;
  await queueMail(deps, w, {
    to,
    subject: `Headway audit checkpoint ${sequence}`,
    text: [
      `A signed checkpoint of Headway's audit trail: event ${sequence}, hash ${headHash}, signed ${at} with key ${signed.keyId}.`,
      "",
      "Keep this message. To prove later that the audit trail was not rewritten or cut short since this moment, save the JSON below to a file and run:",
      "",
      "    headway audit verify --checkpoint checkpoint.json",
      "",
      "-----BEGIN HEADWAY CHECKPOINT-----",
      JSON.stringify(signed, null, 2),
      "-----END HEADWAY CHECKPOINT-----",
      "",
    ].join("\n"),
  });
}

/**
 * Whether the signature on a checkpoint is this installation's, and the log still extends it:
 * event `sequence` exists with exactly `headHash`, and the chain verifies from the first event to
 * the head. Every problem found is named.
 */
export async function verifyCheckpoint(
  deps: CheckDeps,
  { file }: { file: unknown },
): Promise<CheckResult> {
  const parsed = SignedCheckpointSchema.safeParse(file);
  if (!parsed.success)
    return {
      ok: false,
      problems: [
        "the file is not a Headway audit checkpoint (it needs checkpoint.sequence, checkpoint.headHash, checkpoint.at, signature, publicKey and keyId)",
      ],
    };
  const { checkpoint, signature, publicKey } = parsed.data;
  const key = signingKeyOf(deps.config.signingKeyPem);
  const named = publicKeyOf(publicKey);
  if (named && named.fingerprint !== key.fingerprint)
    return {
      ok: false,
      problems: [
        `the checkpoint was signed with key ${named.keyId}, but this installation's signing key is ${key.keyId}: it was not signed here, or the signing key was replaced (set HEADWAY_SIGNING_KEY_FILE to the key in use when it was signed)`,
      ],
    };
  if (!verifyPayload(key.publicKey, checkpoint, signature))
    return {
      ok: false,
      problems: [
        `the signature does not match checkpoint ${checkpoint.sequence}: the file was altered after it was signed, or not signed by this installation`,
      ],
    };
  const problems: string[] = [];
  const extends_ = await checkLogExtends(deps.database.db, {
    sequence: checkpoint.sequence,
    hash: checkpoint.headHash,
    what: `checkpoint ${checkpoint.sequence}`,
  });
  if (extends_) problems.push(extends_);
  const chain = await verifyAuditTrail({ db: deps.database.db, secret: deps.config.secret });
  if (!chain.ok) problems.push(`the chain is broken at event ${chain.seq}: ${chain.problem}`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    message: `ok: the log (${chain.count} events) extends checkpoint ${checkpoint.sequence} signed ${checkpoint.at} with key ${key.keyId}`,
  };
}
