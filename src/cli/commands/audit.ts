import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  type SignedCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from "../../modules/record/record.checkpoint.js";
import { verifyAuditTrail } from "../../modules/record/record.service.js";
import { CliError, CliExit, fileProblem, withDeps } from "../context.js";
import { examples } from "../format.js";

/** Reads a JSON file the operator names; a missing or garbled one is one line, exit 1. */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${fileProblem(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not ${what} (it is not JSON)`);
  }
}

function describeCheckpoint(signed: SignedCheckpoint): string {
  const { sequence, headHash, at } = signed.checkpoint;
  return `signed checkpoint ${sequence} (event ${sequence}, hash ${headHash}) at ${at} with key ${signed.keyId}`;
}

export function registerAudit(program: Command) {
  const audit = program
    .command("audit")
    .summary("verify the audit trail and sign checkpoints of it")
    .description(
      "The tamper-evident audit trail: verify its hash chain, and sign checkpoints of its head with the Ed25519 signing key (kept outside the database) so a rewritten or truncated history is caught later.",
    )
    .addHelpText(
      "after",
      examples([
        ["headway audit verify", "check the whole trail"],
        ["headway audit checkpoint --out /backup/checkpoint-$(date +%F).json", "sign the head"],
        ["headway audit verify --checkpoint /backup/checkpoint-2026-03-01.json", "prove it"],
      ]),
    );

  audit
    .command("verify")
    .summary("check the hash chain: ok N events, or the first broken event")
    .description(
      "Check the audit trail's hash chain from the first event to the sealed head. Prints `ok N events` and exits 0, or names the first broken event and exits 1 (an edited event, a removed one, or a removed tail). Needs the same HEADWAY_SECRET (or data dir) as the server.\n\nWith --checkpoint FILE (made by `headway audit checkpoint`), it also proves the log still extends that checkpoint: the signature is this installation's, and the event it names is still there with the same hash. That catches a history rewritten or cut short by someone who knows the server secret, which the chain alone cannot.",
    )
    .option("--checkpoint <file>", "a signed checkpoint the log must still extend")
    .addHelpText(
      "after",
      examples([
        ["headway audit verify", "verify the trail"],
        ["headway audit verify --checkpoint checkpoint.json", "and that it extends a checkpoint"],
        ["headway audit verify || alert-the-team", "use it in a nightly check"],
      ]),
    )
    .action(async (opts: { checkpoint?: string }) => {
      const file = opts.checkpoint
        ? readJsonFile(opts.checkpoint, "a Headway audit checkpoint")
        : undefined;
      await withDeps(async (deps) => {
        if (file !== undefined) {
          const result = await verifyCheckpoint(deps, { file });
          if (result.ok) {
            console.log(result.message);
            return;
          }
          for (const problem of result.problems) console.log(`failed: ${problem}`);
          throw new CliExit(1);
        }
        const result = await verifyAuditTrail({
          db: deps.database.db,
          secret: deps.config.secret,
        });
        if (result.ok) {
          console.log(`ok ${result.count} events`);
          return;
        }
        console.log(`broken at event ${result.seq}: ${result.problem}`);
        throw new CliExit(1);
      });
    });

  audit
    .command("checkpoint")
    .summary("sign the head of the audit trail and keep it outside the database")
    .description(
      "Verify the audit trail, then sign its head — {sequence, head hash, time} — with the Ed25519 signing key (HEADWAY_SIGNING_KEY_FILE, or audit-signing.key in the data dir). The signed checkpoint is printed as JSON, written to --out FILE, and/or emailed to HEADWAY_CHECKPOINT_EMAILS with --email. Keep it somewhere the database's administrators cannot change; later, `headway audit verify --checkpoint FILE` proves the log still extends it. Signing is recorded as an audit event. A broken trail is not signed (exit 1).",
    )
    .option("-o, --out <file>", "write the checkpoint to this file (JSON)")
    .option("-f, --force", "replace the --out file if it exists")
    .option("--email", "email the checkpoint to HEADWAY_CHECKPOINT_EMAILS")
    .addHelpText(
      "after",
      examples([
        ["headway audit checkpoint > checkpoint.json", "print it and keep it yourself"],
        ["headway audit checkpoint --out /mnt/worm/checkpoint-$(date +%F).json", "to a file"],
        ["headway audit checkpoint --email", "to the configured recipients (nightly, from cron)"],
      ]),
    )
    .action(async (opts: { out?: string; force?: boolean; email?: boolean }) => {
      if (opts.out && !opts.force && existsSync(opts.out))
        throw new CliError(`${opts.out} already exists; add --force to replace it`);
      await withDeps(async (deps) => {
        const { signed, recipients } = await signCheckpoint(deps, {
          email: Boolean(opts.email),
          keep: (checkpoint) => {
            if (!opts.out) return;
            try {
              writeFileSync(opts.out, `${JSON.stringify(checkpoint, null, 2)}\n`, {
                flag: opts.force ? "w" : "wx",
                mode: 0o644,
              });
            } catch (err) {
              throw new CliError(`cannot write ${opts.out}: ${fileProblem(err)}`);
            }
          },
        });
        // Without --out and --email, standard output is the checkpoint itself (to redirect);
        // what was done goes to standard error.
        const toStdout = Boolean(opts.out || opts.email);
        const say = (line: string) => (toStdout ? console.log(line) : console.error(line));
        if (!toStdout) console.log(JSON.stringify(signed, null, 2));
        say(describeCheckpoint(signed));
        if (opts.out) say(`written to ${opts.out}`);
        if (recipients.length)
          say(
            deps.mailer.transport === "smtp"
              ? `emailed to ${recipients.join(", ")}`
              : `queued for ${recipients.join(", ")} in the outbox (no SMTP configured: see headway outbox)`,
          );
        say(`public key ${signed.keyId}:\n${signed.publicKey.trimEnd()}`);
      });
    });
}
