import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { checkGoal } from "../../modules/review/review.language.js";
import { PlanCheck } from "../../modules/review/review.schemas.js";
import { checkPlanFile } from "../../modules/review/review.service.js";
import { CliError, CliExit, fileProblem } from "../context.js";
import { count, examples } from "../format.js";

// The review from the command line. Pure: no database, so it runs anywhere, fast.

function readInput(file: string | undefined): string {
  try {
    return file && file !== "-" ? readFileSync(file, "utf8") : readFileSync(0, "utf8");
  } catch (err) {
    throw new CliError(`cannot read ${file ?? "standard input"}: ${fileProblem(err)}.`);
  }
}

function write(line: string) {
  process.stdout.write(`${line}\n`);
}

export function registerReview(program: Command) {
  const goals = program
    .command("goals")
    .summary("check goal statements")
    .description("The goal language checker: can a reasonable employee tell when a goal is met?")
    .addHelpText(
      "after",
      examples([["headway goals check goals.txt", "one JSON result per goal, in order"]]),
    );

  goals
    .command("check [FILE]")
    .summary("check goals, one per line, and print one JSON result per line")
    .description(
      'Reads goals one per line from FILE or standard input and writes one JSON object per line, in order: {"text": "...", "verdict": "ok"|"flag", "findings": [{"code", "severity", "message", "suggestion"}]}. Blank lines are skipped. Exits 0.',
    )
    .addHelpText(
      "after",
      examples([
        ["headway goals check goals.txt", "check every goal in goals.txt"],
        ['echo "Be more positive" | headway goals check', "check one goal"],
      ]),
    )
    .action((file: string | undefined) => {
      for (const line of readInput(file).split(/\r?\n/)) {
        const text = line.trim();
        if (!text) continue;
        const result = checkGoal(text);
        write(
          JSON.stringify({
            text: result.text,
            verdict: result.verdict,
            findings: result.findings.map((f) => ({
              code: f.code,
              severity: f.severity,
              message: f.message,
              suggestion: f.suggestion,
            })),
          }),
        );
      }
    });

  const plan = program
    .command("plan")
    .summary("review a plan draft")
    .description("The plan review, from a file: the same rules the editor and HR see.")
    .addHelpText(
      "after",
      examples([["headway plan check draft.json", "review a draft with its history"]]),
    );

  plan
    .command("check <FILE>")
    .summary("review a plan draft with its history; exit 1 when a blocker is found")
    .description(
      'Reviews the plan in FILE (JSON: {"plan": {...}, "history": {...}, "policy": {...}, "now": "YYYY-MM-DD"}; see the README for an example) and prints its findings, blockers first. Exits 0 when nothing blocks the plan, 1 when a blocker is found, 2 when the file is not valid.',
    )
    .option("--json", "print the findings as JSON")
    .addHelpText(
      "after",
      examples([
        ["headway plan check draft.json", "review a draft"],
        ["headway plan check draft.json --json", "the findings as JSON, for other tools"],
      ]),
    )
    .action((file: string, opts: { json?: boolean }) => {
      // A file that is not a plan exits 2, so "1" always means "a blocker was found".
      const refuse = (message: string): never => {
        console.error(`headway: ${message}`);
        throw new CliExit(2);
      };
      let text = "";
      try {
        text = readInput(file);
      } catch (err) {
        refuse((err as Error).message);
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        refuse(`${file} is not valid JSON: ${(err as Error).message}.`);
      }
      const parsed = PlanCheck.safeParse(raw);
      if (!parsed.success)
        return refuse(
          `${file} is not a plan to check:\n${parsed.error.issues
            .map((i) => `  ${i.path.join(".") || "(file)"}: ${i.message}`)
            .join("\n")}`,
        );
      const { blockers, findings } = checkPlanFile(parsed.data, { now: new Date() });
      if (opts.json) write(JSON.stringify({ blockers, findings }, null, 2));
      else {
        write(
          findings.length
            ? `${count(findings.length, "finding")}, ${count(blockers, "blocker")}:`
            : "No findings: the plan is clear.",
        );
        for (const f of findings) {
          write(`  ${f.severity.padEnd(7)} ${f.code}  (${f.path})`);
          write(`          ${f.message}`);
          if (f.suggestion) write(`          → ${f.suggestion}`);
        }
      }
      if (blockers) throw new CliExit(1);
    });
}
