import type { Command } from "commander";
import { runPlanReminders } from "../../modules/plans/plans.reminders.js";
import { withDeps } from "../context.js";
import { count, examples } from "../format.js";

export function registerReminders(program: Command) {
  const reminders = program
    .command("reminders")
    .summary("send check-in reminders now")
    .description(
      "Check-in reminders of success plans. The server sends them every 15 minutes by itself; this runs the same pass on demand.",
    )
    .addHelpText("after", examples([["headway reminders run", "send what is due now"]]));

  reminders
    .command("run")
    .summary("send due check-in reminders and mark missed check-ins, once")
    .description(
      'One pass of the check-in reminders: "Check-in due tomorrow" to the employee and the manager, and check-ins whose day passed without being held marked missed (both sides are told). Safe to run while the server runs, or from several places at once: each reminder goes out once.',
    )
    .addHelpText(
      "after",
      examples([
        ["headway reminders run", "run one pass now"],
        [
          "DATABASE_URL=postgres://… headway reminders run",
          "against an external database, e.g. from cron",
        ],
      ]),
    )
    .action(async () => {
      await withDeps(async (deps) => {
        const result = await runPlanReminders(deps);
        console.log(
          `${count(result.dueReminders, "check-in reminder")} sent, ${count(result.missed, "check-in")} marked missed.`,
        );
      });
    });
}
