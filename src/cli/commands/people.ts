import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { parsePeopleCsv } from "../../modules/org/org.csv.js";
import { commitImport, exportPeopleCsv, previewImport } from "../../modules/org/org.service.js";
import { CliError, CliExit, cliActor, fileProblem, withDeps } from "../context.js";
import { count, examples } from "../format.js";

type Preview = Awaited<ReturnType<typeof previewImport>>;

function readCsv(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${fileProblem(err)}.`);
  }
}

export function formatPreview(file: string, preview: Preview): string {
  const { summary, problems, rows } = preview;
  const out = [
    `${file}: ${count(rows.length, "person", "people")}`,
    `  to create  ${summary.create}`,
    `  to update  ${summary.update}`,
    `  unchanged  ${summary.unchanged}`,
    `  problems   ${summary.problems}`,
  ];
  if (problems.length) {
    out.push("", "Problems:");
    for (const p of problems) out.push(`  line ${p.line}, ${p.field}: ${p.message}`);
    return out.join("\n");
  }
  const changes = rows.filter((r) => r.action !== "unchanged");
  if (changes.length) {
    out.push("", "Changes:");
    for (const r of changes) {
      const what = r.action === "update" ? `: ${r.changedFields.join(", ")}` : "";
      out.push(`  line ${r.line}  ${r.action}  ${r.name} <${r.email}>${what}`);
    }
  }
  return out.join("\n");
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerPeople(program: Command) {
  const importCommand = program
    .command("import")
    .summary("import people from CSV")
    .description("Import data into Headway.")
    .addHelpText("after", examples([["headway import people org.csv", "preview an import"]]));

  importCommand
    .command("people")
    .summary("preview and import people from a CSV file")
    .description(
      "Import or update people from a CSV file. Shows a preview first (who is created, updated or unchanged, and every problem with its line number); writes nothing while the file has a problem; asks before writing, or writes at once with --yes. People are matched by employee id, then by email, so importing the same file twice changes nothing.",
    )
    .argument("<file>", "a CSV file with a header row: email and name at least")
    .option("-y, --yes", "import without asking (needed when not run in a terminal)")
    .addHelpText(
      "after",
      `
Columns: employee_id, email, name, title, department, location, hire_date (YYYY-MM-DD),
manager_email or manager_employee_id, roles (admin;hr;ld), hr_scope (all, or departments
separated by ;), demographic_<anything> (optional, seen only by HR in scope).
${examples([
  ["headway import people org.csv", "preview, then confirm in the terminal"],
  ["headway import people org.csv --yes", "import without asking (scripts, CI)"],
])}`,
    )
    .action(async (file: string, opts: { yes?: boolean }) => {
      const csv = readCsv(file);
      await withDeps(async (deps) => {
        const preview = await previewImport(deps, { actor: cliActor, csv });
        console.log(formatPreview(file, preview));
        const { summary } = preview;
        if (summary.problems > 0) {
          console.error(
            `headway: the file has ${count(summary.problems, "problem")}; nothing was imported. Fix them and run the command again.`,
          );
          throw new CliExit(1);
        }
        const changes = summary.create + summary.update;
        if (changes === 0) {
          console.log("\nEveryone in the file is already up to date; nothing to import.");
          return;
        }
        const people = count(changes, "person", "people");
        if (!opts.yes) {
          if (!process.stdin.isTTY) {
            console.log(`\nNothing was imported yet. Re-run with --yes to import ${people}.`);
            return;
          }
          if (!(await confirm(`\nImport ${people}? [y/N] `))) {
            console.log("Nothing was imported.");
            return;
          }
        }
        const done = await commitImport(deps, { actor: cliActor, csv });
        console.log(
          `\nImported: ${done.create} created, ${done.update} updated, ${done.unchanged} unchanged.`,
        );
      });
    });

  const exportCommand = program
    .command("export")
    .summary("export people as CSV")
    .description("Export data from Headway.")
    .addHelpText("after", examples([["headway export people > org.csv", "export everyone"]]));

  exportCommand
    .command("people")
    .summary("export everyone as CSV")
    .description(
      "Export everyone as CSV, in the format `headway import people` reads (without demographic columns). Cells that a spreadsheet would run as a formula are neutralised.",
    )
    .option("-o, --out <file>", "write to this file instead of standard output")
    .addHelpText(
      "after",
      examples([
        ["headway export people > org.csv", "CSV on standard output"],
        ["headway export people --out org.csv", "write a file"],
      ]),
    )
    .action(async (opts: { out?: string }) => {
      await withDeps(async (deps) => {
        const csv = await exportPeopleCsv(deps, { actor: cliActor });
        if (!opts.out) {
          process.stdout.write(csv);
          return;
        }
        try {
          writeFileSync(opts.out, csv);
        } catch (err) {
          throw new CliError(`cannot write ${opts.out}: ${fileProblem(err)}.`);
        }
        const people = parsePeopleCsv(csv).length;
        console.error(`Wrote ${count(people, "person", "people")} to ${opts.out}.`);
      });
    });
}
