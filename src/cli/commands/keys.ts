import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { type Command, Option } from "commander";
import type { Config } from "../../config.js";
import {
  destroyRetiredKeys,
  keyStatus,
  rewrapDataKeys,
  rotateDataKeys,
} from "../../modules/keys/keys.rotate.js";
import type { FieldCount } from "../../modules/keys/keys.sweep.js";
import { CliError, fileProblem, withDeps } from "../context.js";
import { count, examples, table } from "../format.js";

/** "3 values (one_on_one_notes.body 2, concerns.subject 1)". */
function values(counts: FieldCount[]): string {
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (!total) return "0 values";
  return `${count(total, "value")} (${counts.map((c) => `${c.field} ${c.count}`).join(", ")})`;
}

const versions = (list: number[]) =>
  `${list.length === 1 ? "data key" : "data keys"} ${list.join(", ")}`;

/** Where the master key in use comes from, as the configuration says. */
function masterKeySource(config: Config): string {
  if (process.env.HEADWAY_MASTER_KEY) return "HEADWAY_MASTER_KEY";
  if (process.env.HEADWAY_MASTER_KEY_FILE)
    return `HEADWAY_MASTER_KEY_FILE=${path.resolve(process.env.HEADWAY_MASTER_KEY_FILE)}`;
  return `${path.join(config.dataDir, "master.key")}, in the data dir`;
}

/** A master key file: 32 random bytes in base64, as `openssl rand -base64 32` makes them. */
function readMasterKeyFile(file: string): Buffer {
  let content: string;
  try {
    content = readFileSync(file, "utf8").trim();
  } catch (err) {
    throw new CliError(
      `cannot read ${file} (${fileProblem(err)}); make a key with: openssl rand -base64 32 > ${file}`,
    );
  }
  const key = Buffer.from(content, "base64");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(content) || key.length !== 32)
    throw new CliError(
      `${file} is not a master key (32 bytes in base64, as made by: openssl rand -base64 32)`,
    );
  return key;
}

export function registerKeys(program: Command) {
  const keys = program
    .command("keys")
    .summary("the encryption keys: status, rotation, a new master key")
    .description(
      "Private notes, confidential HR threads and protected activities are encrypted in the database (AES-256-GCM) with data keys, which are themselves encrypted (wrapped) by the master key. The master key is never in the database: HEADWAY_MASTER_KEY_FILE, HEADWAY_MASTER_KEY, or master.key in the data dir. Without it the encrypted records cannot be read, by anyone: back it up apart from the database.",
    )
    .addHelpText(
      "after",
      examples([
        ["headway keys status", "which keys exist and what each one encrypts"],
        ["headway keys rotate", "move everything to a new data key"],
      ]),
    );

  keys
    .command("status")
    .summary("data keys, the master key that wraps them, and values per key")
    .description(
      "Lists the data keys (version, active or retired, which master key wraps them) and, for each encrypted field, how many values each key encrypts and how many are still stored in clear. Reads only.",
    )
    .addHelpText("after", examples([["headway keys status", "show the keys"]]))
    .action(async () => {
      await withDeps(async (deps) => {
        const status = await keyStatus(deps);
        console.log(`Master key in use: ${status.masterKeyId} (${masterKeySource(deps.config)}).`);
        if (!process.env.HEADWAY_MASTER_KEY && !process.env.HEADWAY_MASTER_KEY_FILE)
          console.log(
            "A copy of the data dir holds both the data and its key: move the key out with `headway keys rotate --new-master-key-file FILE`.",
          );
        console.log("");
        console.log(
          table(
            ["data key", "status", "wrapped by", "created", "retired"],
            status.keys.map((k) => [
              String(k.version),
              k.inUse ? "active, in use" : k.status,
              k.masterKeyId === status.masterKeyId
                ? `${k.masterKeyId} (configured)`
                : k.masterKeyId,
              k.createdAt.toISOString(),
              k.retiredAt?.toISOString() ?? "",
            ]),
          ),
        );
        const known = new Set(status.keys.map((k) => k.version));
        const shown = [
          ...new Set([
            ...status.keys.map((k) => k.version),
            ...status.fields.flatMap((f) => Object.keys(f.byVersion).map(Number)),
          ]),
        ].sort((a, b) => b - a);
        console.log("");
        console.log(
          table(
            [
              "encrypted field",
              ...shown.map((v) => (known.has(v) ? `key ${v}` : `key ${v} (missing)`)),
              "in clear",
            ],
            status.fields.map((f) => [
              f.field,
              ...shown.map((v) => String(f.byVersion[v] ?? 0)),
              String(f.plaintext),
            ]),
          ),
        );
        const retired = status.keys.filter((k) => k.status === "retired");
        const inUse = status.keys.find((k) => k.inUse)?.version;
        const stale = status.fields.some((f) =>
          Object.entries(f.byVersion).some(([v, n]) => Number(v) !== inUse && n > 0),
        );
        if (retired.length && !stale)
          console.log(
            `\nNothing is left under ${versions(retired.map((k) => k.version))}: \`headway keys rotate --destroy-retired\` deletes them.`,
          );
        if (status.fields.some((f) => f.plaintext))
          console.log(
            "\nSome values are still in clear (written by an older version): the next start, or `headway keys rotate`, encrypts them.",
          );
      });
    });

  keys
    .command("rotate")
    .summary("re-encrypt everything under a new data key, or move to a new master key")
    .description(
      "Without options: creates a new data key, re-encrypts every encrypted value under it (in batches, each recorded in the audit trail) and retires the older keys. Retired keys stay, so values another running instance sealed with one a moment before still read; --destroy-retired re-encrypts anything still under a retired key and then deletes the retired keys. --new-master-key-file re-wraps every data key under the master key in FILE, in one transaction, and prints what to change in the configuration of every instance. Safe to run while the server runs.",
    )
    .addOption(
      new Option(
        "--destroy-retired",
        "re-encrypt what is left under retired data keys, then delete them (no new key)",
      ),
    )
    .addOption(
      new Option(
        "--new-master-key-file <file>",
        "re-wrap the data keys under the master key in this file (make one with: openssl rand -base64 32 > FILE)",
      ).conflicts("destroyRetired"),
    )
    .addHelpText(
      "after",
      examples([
        ["headway keys rotate", "a new data key; the old one retired"],
        ["headway keys rotate --destroy-retired", "later: delete the retired keys"],
        [
          "openssl rand -base64 32 > /etc/headway/master.key && chmod 600 /etc/headway/master.key\n  $ headway keys rotate --new-master-key-file /etc/headway/master.key",
          "move to a new master key kept outside the data dir",
        ],
      ]),
    )
    .action(async (options: { destroyRetired?: boolean; newMasterKeyFile?: string }) => {
      if (options.newMasterKeyFile) {
        const file = path.resolve(options.newMasterKeyFile);
        const newMasterKey = readMasterKeyFile(file);
        await withDeps(async (deps) => {
          const done = await rewrapDataKeys(deps, { newMasterKey });
          console.log(
            `Re-wrapped ${versions(done.versions)} under master key ${done.to} (was ${done.from.join(", ")}).`,
          );
          console.log(
            "Every instance (servers and the CLI) now needs the new master key. In their configuration:",
          );
          console.log(`  HEADWAY_MASTER_KEY_FILE=${file}`);
          if (process.env.HEADWAY_MASTER_KEY) console.log("  and remove HEADWAY_MASTER_KEY");
          console.log(
            "then restart them. Keep the old master key for as long as you keep backups made before now: they need it.",
          );
          if ((statSync(file).mode & 0o077) !== 0)
            console.log(`Note: other users can read ${file}; run: chmod 600 ${file}`);
        });
        return;
      }
      await withDeps(async (deps) => {
        if (options.destroyRetired) {
          const done = await destroyRetiredKeys(deps);
          if (!done.destroyed.length) {
            console.log("No retired data keys: nothing to destroy.");
            return;
          }
          console.log(`Re-encrypted ${values(done.resealed)} still under retired keys.`);
          console.log(`Destroyed ${versions(done.destroyed)}.`);
          return;
        }
        const done = await rotateDataKeys(deps);
        if (done.sealed.length) console.log(`Encrypted ${values(done.sealed)} stored in clear.`);
        console.log(
          `Created data key ${done.version}; re-encrypted ${values(done.resealed)} under it.`,
        );
        if (done.retired.length)
          console.log(
            `Retired ${versions(done.retired)}: kept, so a value another instance sealed with ${done.retired.length === 1 ? "it" : "them"} meanwhile still reads. Delete later with: headway keys rotate --destroy-retired`,
          );
      });
    });
}
