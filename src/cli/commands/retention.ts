import type { Command } from "commander";
import { type RetentionReport, runRetention } from "../../modules/retention/retention.service.js";
import { cliActor, withDeps } from "../context.js";
import { count, examples, table } from "../format.js";

/** The report of a run as a table, one row per record type, and a closing sentence. */
export function formatRetentionReport(report: RetentionReport): string {
  const verb = report.dryRun ? "would erase" : "erased";
  const rows = report.items.map((item) => [
    item.label,
    item.months === null ? "for ever" : count(item.months, "month"),
    item.cutoff ? item.cutoff.slice(0, 10) : "—",
    item.cutoff ? String(item.erased) : "—",
    item.cutoff ? String(item.held) : "—",
  ]);
  const when = `${report.at.slice(0, 10)} ${report.at.slice(11, 16)} UTC`;
  const head = report.dryRun
    ? `Dry run at ${when}: nothing was changed.`
    : `Retention run at ${when}.`;
  const records = count(report.erased, "record");
  const held = report.held
    ? ` ${count(report.held, "record")} past ${report.held === 1 ? "its" : "their"} period ${report.held === 1 ? "is" : "are"} kept by a legal hold.`
    : "";
  const summary = report.dryRun
    ? `${records} would be erased.${held}`
    : `${records} erased.${held}`;
  return [
    head,
    "",
    table(["Record type", "Kept for", "Cut-off", capitalise(verb), "Kept by hold"], rows),
    "",
    summary,
  ].join("\n");
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function registerRetention(program: Command) {
  const retention = program
    .command("retention")
    .summary("erase records past their retention period")
    .description(
      "Retention periods per record type are set in Settings → Retention (admins and organisation-wide HR). Records past their period are erased unless a legal hold is on someone they concern; deactivated people are anonymised. The audit trail is never touched.",
    )
    .addHelpText(
      "after",
      examples([
        ["headway retention run --dry-run", "see what would be erased now"],
        ["headway retention run", "erase it"],
      ]),
    );

  retention
    .command("run")
    .summary("erase what is past its period now (or, with --dry-run, show it)")
    .description(
      "For each record type: the period, the cut-off date, how many records are erased and how many a legal hold keeps. Each batch of up to 500 records is one transaction with one `retention.erased` audit event (type, count, cut-off). With --dry-run nothing is changed and no event is recorded. Safe to run while the server runs, for example daily from cron.",
    )
    .option("--dry-run", "show what would be erased; change nothing")
    .addHelpText(
      "after",
      examples([
        ["headway retention run --dry-run", "preview"],
        ["17 3 * * * cd /srv/headway && headway retention run", "a daily crontab line"],
      ]),
    )
    .action(async (options: { dryRun?: boolean }) => {
      await withDeps(async (deps) => {
        const report = await runRetention(deps, {
          actor: cliActor,
          dryRun: Boolean(options.dryRun),
        });
        console.log(formatRetentionReport(report));
      });
    });
}
