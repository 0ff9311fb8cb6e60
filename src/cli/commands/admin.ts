import type { Command } from "commander";
import { createAdmin, issueSetupLink } from "../../modules/auth/auth.service.js";
import { withDeps } from "../context.js";
import { emailAddress, examples, nonEmpty } from "../format.js";

export function registerAdmin(program: Command) {
  program
    .command("create-admin")
    .summary("make someone an admin and print their link to choose a password")
    .description(
      "Make someone an admin (adding them if they are not in Headway yet) and print a one-time link for them to choose a password. The link is also sent by email, or kept in the outbox when SMTP is not set up.",
    )
    .requiredOption("--email <email>", "their email address", emailAddress)
    .requiredOption("--name <name>", "their full name (used when they are new)", nonEmpty)
    .addHelpText(
      "after",
      examples([
        [
          'headway create-admin --email ada@example.com --name "Ada Lovelace"',
          "add an admin and print their link",
        ],
      ]),
    )
    .action(async (opts: { email: string; name: string }) => {
      await withDeps(async (deps) => {
        const { person, link } = await createAdmin(deps, opts);
        const delivery =
          deps.mailer.transport === "smtp"
            ? `It was also emailed to ${person.email}.`
            : "It is also in the outbox (headway outbox).";
        console.log(
          `${person.name} <${person.email}> is an admin.\nSend them this one-time link to choose a password (it works until ${link.expiresAt.toISOString()}):\n\n  ${link.url}\n\n${delivery}`,
        );
      });
    });

  program
    .command("setup-link")
    .summary("print a fresh first-run setup link")
    .description(
      "Print a fresh one-time link to create the first admin in the browser (older setup links stop working). Once an admin exists, says that setup is done.",
    )
    .addHelpText(
      "after",
      examples([["headway setup-link", "get a new first-run link when the old one has expired"]]),
    )
    .action(async () => {
      await withDeps(async (deps) => {
        const setup = await issueSetupLink(deps);
        if (!setup) {
          console.log(
            "Setup is done: an admin can already sign in. To add another admin, run: headway create-admin --email E --name N",
          );
          return;
        }
        console.log(
          `Open this one-time link to create the first admin (it works until ${setup.expiresAt.toISOString()}):\n\n  ${setup.url}`,
        );
      });
    });
}
