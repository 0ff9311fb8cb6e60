import type { Command } from "commander";
import { runPlanReminders } from "../../modules/plans/plans.reminders.js";
import { runCoachingReminders } from "../../modules/reminders/reminders.service.js";
import { CliExit, withDeps } from "../context.js";
import { count, examples } from "../format.js";

export function registerReminders(program: Command) {
  const reminders = program
    .command("reminders")
    .summary("send due reminders now")
    .description(
      "Reminders of success-plan check-ins and of coaching: 1:1s, commitments, feedback requests and onboarding stages. The server sends them every 5 minutes through its job queue; this runs the same passes on demand.",
    )
    .addHelpText("after", examples([["headway reminders run", "send what is due now"]]));

  reminders
    .command("run")
    .summary("send what is due and mark missed check-ins, once")
    .description(
      'One pass of every reminder: "Check-in due tomorrow" to the employee and the manager, and check-ins whose day passed without being held marked missed (both sides are told); engagement signals on running plans (the manager is asked to talk first, HR is told, once per signal); "1:1 tomorrow" to both sides (and a nudge when the agenda is empty); commitments due tomorrow or overdue, to their owner; feedback requested, and a follow-up after 3 days; onboarding stages due within 3 days, to the new hire and the manager. Safe to run while the server runs, or from several places at once: each reminder goes out once.',
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
        const plan = await runPlanReminders(deps);
        const coaching = await runCoachingReminders(deps);
        console.log(
          `${count(plan.dueReminders, "check-in reminder")} sent, ${count(plan.missed, "check-in")} marked missed, ${count(coaching.total, "coaching reminder")} sent.`,
        );
        if (plan.engagementSignals > 0)
          console.log(
            `  engagement signals raised (the manager asked to talk first, HR told): ${plan.engagementSignals}`,
          );
        if (coaching.total > 0)
          console.log(
            [
              `  1:1s tomorrow: ${coaching["oneonone.upcoming"]} (agenda empty: ${coaching.agendaEmpty})`,
              `  commitments due: ${coaching["commitment.due"]}, overdue: ${coaching["commitment.overdue"]}`,
              `  feedback requested: ${coaching["feedback.requested"]}, follow-ups: ${coaching["feedback.request_reminder"]}`,
              `  onboarding stages due: ${coaching["onboarding.stage_due"]}`,
            ].join("\n"),
          );
        if (coaching.failed > 0) {
          console.error(
            `${count(coaching.failed, "reminder")} could not be sent (see the log); the next pass tries again.`,
          );
          throw new CliExit(1);
        }
      });
    });
}
