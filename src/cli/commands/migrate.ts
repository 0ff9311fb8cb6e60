import type { Command } from "commander";
import { withDeps } from "../context.js";
import { count, examples } from "../format.js";

export function registerMigrate(program: Command) {
  program
    .command("migrate")
    .summary("apply database migrations")
    .description(
      "Apply the database migrations that are not applied yet (the server also does this when it starts).",
    )
    .addHelpText(
      "after",
      examples([
        ["headway migrate", "bring the database up to date"],
        [
          "DATABASE_URL=postgres://headway@db.internal/headway headway migrate",
          "migrate an external PostgreSQL",
        ],
      ]),
    )
    .action(async () => {
      await withDeps(async (deps, { migrations }) => {
        const where =
          deps.database.kind === "external"
            ? "the PostgreSQL at DATABASE_URL"
            : "the embedded PostgreSQL";
        if (migrations.applied === 0)
          console.log(
            `The schema is current (${count(migrations.total, "migration")}) in ${where}; nothing to apply.`,
          );
        else
          console.log(
            `Applied ${count(migrations.applied, "migration")} to ${where}; the schema is current (${count(migrations.total, "migration")}).`,
          );
      });
    });
}
