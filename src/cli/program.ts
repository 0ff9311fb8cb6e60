import { readFileSync } from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { projectRoot } from "../paths.js";
import { registerAdmin } from "./commands/admin.js";
import { registerAudit } from "./commands/audit.js";
import { registerDemo } from "./commands/demo.js";
import { registerKeys } from "./commands/keys.js";
import { registerMigrate } from "./commands/migrate.js";
import { registerOutbox } from "./commands/outbox.js";
import { registerPeople } from "./commands/people.js";
import { registerRecord } from "./commands/record.js";
import { registerReminders } from "./commands/reminders.js";
import { registerRetention } from "./commands/retention.js";
import { registerReview } from "./commands/review.js";
import { registerToken } from "./commands/token.js";
import { examples } from "./format.js";

const { version } = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
  version: string;
};

/** The `headway` command tree. Building it has no side effects; actions open the database. */
export function createProgram(): Command {
  const program = new Command("headway")
    .description(
      "Headway from the command line: database migrations, admins and setup, CSV import and export, the demo organisation, API tokens, audit verification, the mail outbox, check-in reminders and the plan review.\n\nWorks whether or not the server is running: with the embedded PostgreSQL it joins the running one or starts it for the length of the command; with DATABASE_URL it uses that database. Settings come from the environment and .env, as for the server.",
    )
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .helpCommand("help [command]", "show help for a command")
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      // Usage errors read like every other failure: one line starting with "headway:".
      outputError: (message, write) => write(message.replace(/^error: /, "headway: ")),
    })
    .addHelpText(
      "after",
      examples([
        ["headway demo", "create a demo organisation to try Headway"],
        ["headway import people org.csv", "preview, then import, your organisation"],
        ["headway create-admin --email ada@example.com --name 'Ada Lovelace'", "add an admin"],
        ["headway audit verify", "check the audit trail"],
        ["headway <command> --help", "more about a command"],
      ]),
    );

  registerMigrate(program);
  registerAdmin(program);
  registerPeople(program);
  registerDemo(program);
  registerToken(program);
  registerAudit(program);
  registerRecord(program);
  registerKeys(program);
  registerOutbox(program);
  registerReminders(program);
  registerRetention(program);
  registerReview(program);
  return program;
}
