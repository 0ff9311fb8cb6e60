import type { Command } from "commander";
import { findOutbox } from "../../modules/mail/mail.service.js";
import { withDeps } from "../context.js";
import { count, examples, wholeNumber } from "../format.js";

export function registerOutbox(program: Command) {
  program
    .command("outbox")
    .summary("print the email Headway has sent or holds")
    .description(
      "Print the email Headway has sent or holds, newest first. Without SMTP settings, mail stays here (invitations, password resets), and this is how to read it.",
    )
    .option("-n, --limit <n>", "how many messages to print", wholeNumber(1, 1000), 20)
    .addHelpText(
      "after",
      examples([
        ["headway outbox", "the 20 newest messages"],
        ["headway outbox --limit 1", "just the newest"],
      ]),
    )
    .action(async (opts: { limit: number }) => {
      await withDeps(async (deps) => {
        const messages = await findOutbox({ db: deps.database.db, limit: opts.limit });
        if (messages.length === 0) {
          console.log("The outbox is empty: Headway has not sent any email yet.");
          return;
        }
        const blocks = messages.map((m) => {
          const status = m.sentAt
            ? `sent over SMTP ${m.sentAt.toISOString()}`
            : m.transport === "outbox"
              ? "kept in the outbox (no SMTP configured)"
              : `not sent yet${m.error ? `: ${m.error}` : ""}`;
          return [
            `To:      ${m.to}`,
            `Subject: ${m.subject}`,
            `Date:    ${m.createdAt.toISOString()}`,
            `Status:  ${status}`,
            "",
            m.text.trimEnd().replace(/^(?=.)/gm, "  "),
          ].join("\n");
        });
        console.log(blocks.join(`\n\n${"─".repeat(60)}\n\n`));
        console.log(`\n${count(messages.length, "message")}, newest first.`);
      });
    });
}
