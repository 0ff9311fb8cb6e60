import type { Command } from "commander";
import { verifyAuditTrail } from "../../modules/record/record.service.js";
import { CliExit, withDeps } from "../context.js";
import { examples } from "../format.js";

export function registerAudit(program: Command) {
  const audit = program
    .command("audit")
    .summary("verify the audit trail")
    .description("The tamper-evident audit trail.")
    .addHelpText("after", examples([["headway audit verify", "check the whole trail"]]));

  audit
    .command("verify")
    .summary("check the hash chain: ok N events, or the first broken event")
    .description(
      "Check the audit trail's hash chain from the first event to the sealed head. Prints `ok N events` and exits 0, or names the first broken event and exits 1 (an edited event, a removed one, or a removed tail). Needs the same HEADWAY_SECRET (or data dir) as the server.",
    )
    .addHelpText(
      "after",
      examples([
        ["headway audit verify", "verify the trail"],
        ["headway audit verify || alert-the-team", "use it in a nightly check"],
      ]),
    )
    .action(async () => {
      await withDeps(async (deps) => {
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
}
