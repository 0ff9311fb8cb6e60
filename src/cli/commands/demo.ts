import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { passwordProblems } from "../../modules/auth/auth.rules.js";
import { ensurePasswords } from "../../modules/auth/auth.service.js";
import { seedDemoEnablement } from "../../modules/org/org.demo.enablement.js";
import {
  DEMO_ANCHOR_EMAIL,
  DEMO_ORG_NAME,
  DEMO_PASSWORD,
  demoAnchorDate,
  demoCatalogue,
  demoEmail,
  demoMentors,
  demoPeople,
  demoRoleLabel,
  renderDemoCsv,
  situationLabels,
} from "../../modules/org/org.demo.js";
import { findPersonByEmail } from "../../modules/org/org.repository.js";
import { commitImport, previewImport } from "../../modules/org/org.service.js";
import { CliExit, cliActor, withDeps } from "../context.js";
import { count, examples, table } from "../format.js";
import { formatPreview } from "./people.js";

function demoPassword(value: string): string {
  const problems = passwordProblems({ password: value });
  if (problems.length) throw new InvalidArgumentError(problems.join(" "));
  return value;
}

export function registerDemo(program: Command) {
  program
    .command("demo")
    .summary("create the demo organisation (idempotent)")
    .description(
      `Create the demo organisation "${DEMO_ORG_NAME}": ${demoPeople.length} people in Customer Support, Engineering and Sales, with department heads and team managers, plus a small Operations team (the CEO, two HR partners — one for the whole organisation, one for Engineering — L&D and an admin). Some of them are in situations Headway is for: missed deadlines, friction with customers, a new technology to learn, new hires. L&D's catalogue holds ${demoCatalogue.length} courses, workshops (with dates), tools and guides, and ${demoMentors.length} people volunteer as mentors. Everyone gets the same password. Running it again changes nothing.`,
    )
    .option(
      "--password <password>",
      "the password for every demo person",
      demoPassword,
      DEMO_PASSWORD,
    )
    .addHelpText(
      "after",
      examples([
        ["headway demo", `create the demo organisation (password "${DEMO_PASSWORD}")`],
        ["headway demo --password 'a-longer-secret-phrase'", "choose the demo password"],
      ]),
    )
    .action(async (opts: { password: string }) => {
      await withDeps(async (deps) => {
        const db = deps.database.db;
        const today = deps.clock().toISOString().slice(0, 10);
        const anchorPerson = await findPersonByEmail(db, DEMO_ANCHOR_EMAIL);
        const anchor = demoAnchorDate({ today, anchorHireDate: anchorPerson?.hireDate ?? null });
        const csv = renderDemoCsv({ anchor });

        const preview = await previewImport(deps, { actor: cliActor, csv });
        if (preview.problems.length) {
          console.log(formatPreview("the demo organisation", preview));
          console.error(
            "headway: the demo organisation clashes with people already in Headway; nothing was changed.",
          );
          throw new CliExit(1);
        }
        const { create, update } = preview.summary;
        if (create + update > 0) await commitImport(deps, { actor: cliActor, csv });

        const ids: string[] = [];
        for (const p of demoPeople) {
          const row = await findPersonByEmail(db, demoEmail(p));
          if (row) ids.push(row.id);
        }
        const { changed } = await ensurePasswords(deps, {
          personIds: ids,
          password: opts.password,
        });

        // L&D's catalogue and the volunteer mentors, once the people are in.
        const enablement = await seedDemoEnablement(deps, { actor: cliActor, anchor });

        if (create + update + changed + enablement.items + enablement.mentors === 0) {
          console.log(
            `The demo organisation "${DEMO_ORG_NAME}" is already in place; nothing changed.`,
          );
        } else {
          const parts = [
            create ? `created ${count(create, "person", "people")}` : null,
            update ? `updated ${count(update, "person", "people")}` : null,
            changed ? `set the password of ${count(changed, "person", "people")}` : null,
            enablement.items
              ? `added ${count(enablement.items, "catalogue resource")} (${count(enablement.dates, "workshop date")})`
              : null,
            enablement.mentors ? `added ${count(enablement.mentors, "mentor")}` : null,
          ].filter(Boolean);
          console.log(`Demo organisation "${DEMO_ORG_NAME}": ${parts.join(", ")}.`);
        }

        const nameOf = new Map(demoPeople.map((p) => [p.employeeId, p]));
        const shown = demoPeople.filter((p) => p.situation || demoRoleLabel(p) !== "employee");
        console.log(
          `\nSign in at ${deps.config.baseUrl} as any of these people, with the password "${opts.password}":\n`,
        );
        console.log(
          table(
            ["EMAIL", "NAME", "ROLE", "SITUATION"],
            shown.map((p) => [
              demoEmail(p),
              p.name,
              demoRoleLabel(p),
              p.situation ? situationLabels[p.situation.kind] : "",
            ]),
          ),
        );
        const others = demoPeople.length - shown.length;
        if (others > 0)
          console.log(`…and ${count(others, "more employee")} with the same password.`);

        console.log("\nSituations:");
        for (const p of demoPeople) {
          if (!p.situation) continue;
          const manager = p.managerId ? nameOf.get(p.managerId) : undefined;
          console.log(
            `  ${p.name}, ${p.title} (${p.department}) — ${situationLabels[p.situation.kind]}: ${p.situation.summary}${manager ? ` Manager: ${manager.name} <${demoEmail(manager)}>.` : ""}`,
          );
        }
      });
    });
}
