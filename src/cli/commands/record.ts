import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { strFromU8, unzipSync } from "fflate";
import { verifyRecordCopy } from "../../modules/record/record.export.js";
import { CliError, CliExit, fileProblem, withDeps } from "../context.js";
import { examples } from "../format.js";
import { readJsonFile } from "./audit.js";

type Copy = { record: unknown; signature: unknown; pdf: Uint8Array | null; what: string };

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${fileProblem(err)}`);
  }
}

/** A downloaded zip: record.json, record.pdf and signature.json. */
function fromZip(file: string, bytes: Uint8Array): Copy {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new CliError(`${file} is not a readable zip`);
  }
  const json = (name: string) => {
    const entry = entries[name];
    if (!entry) throw new CliError(`${file} has no ${name}: it is not a Headway record download`);
    try {
      return JSON.parse(strFromU8(entry)) as unknown;
    } catch {
      throw new CliError(`${name} in ${file} is not JSON`);
    }
  };
  return {
    record: json("record.json"),
    signature: json("signature.json"),
    pdf: entries["record.pdf"] ?? null,
    what: entries["record.pdf"] ? "record.json and record.pdf" : "record.json",
  };
}

/**
 * record.json with signature.json (named, or beside it) and record.pdf when beside it; or the
 * API's JSON answer, which carries both the record and its signature.
 */
function fromJson(file: string, opts: { signature?: string; pdf?: string }): Copy {
  const parsed = readJsonFile(file, "a Headway record") as Record<string, unknown> | null;
  const dir = path.dirname(file);
  const pdfFile = opts.pdf ?? path.join(dir, "record.pdf");
  const pdf = opts.pdf || existsSync(pdfFile) ? readBytes(pdfFile) : null;
  if (
    !opts.signature &&
    parsed &&
    typeof parsed === "object" &&
    "record" in parsed &&
    "signature" in parsed
  )
    return { record: parsed.record, signature: parsed.signature, pdf, what: "the record" };
  const signatureFile = opts.signature ?? path.join(dir, "signature.json");
  if (!opts.signature && !existsSync(signatureFile))
    throw new CliError(`no signature.json beside ${file}; name it with --signature FILE`);
  return {
    record: parsed,
    signature: readJsonFile(signatureFile, "a Headway record signature"),
    pdf,
    what: "record.json",
  };
}

export function registerRecord(program: Command) {
  const record = program
    .command("record")
    .summary("check a copy of a person's record")
    .description(
      "A person's own record, as they download it from their account page (record.json, record.pdf and signature.json in a zip).",
    )
    .addHelpText(
      "after",
      examples([
        ["headway record verify-export headway-record-ada-2026-03-02.zip", "check a copy"],
      ]),
    );

  record
    .command("verify-export")
    .summary("check that a record copy is genuine and its history still stands")
    .description(
      "Check a copy of a person's record: signature.json is this installation's Ed25519 signature, record.json and record.pdf are exactly what was signed, and the audit trail still holds the audit head the copy names and verifies up to today (so the history behind the copy was not rewritten). Give the downloaded zip, or record.json (signature.json and record.pdf are read from beside it unless named). Prints `ok: …` and exits 0, or every problem and exits 1.",
    )
    .argument("<file>", "the downloaded .zip, or record.json")
    .option("--signature <file>", "signature.json, when it is not beside record.json")
    .option("--pdf <file>", "record.pdf, when it is not beside record.json")
    .addHelpText(
      "after",
      examples([
        ["headway record verify-export headway-record-ada-2026-03-02.zip", "the download"],
        ["headway record verify-export record.json --signature sig.json", "unpacked files"],
      ]),
    )
    .action(async (file: string, opts: { signature?: string; pdf?: string }) => {
      const bytes = file.toLowerCase().endsWith(".zip") ? readBytes(file) : null;
      const copy = bytes ? fromZip(file, bytes) : fromJson(file, opts);
      await withDeps(async (deps) => {
        const result = await verifyRecordCopy(deps, copy);
        if (result.ok) {
          console.log(result.message);
          return;
        }
        for (const problem of result.problems) console.log(`failed: ${problem}`);
        throw new CliExit(1);
      });
    });
}
