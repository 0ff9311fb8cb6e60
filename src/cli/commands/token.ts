import type { Command } from "commander";
import { AppError } from "../../api/errors.js";
import { isExpired } from "../../modules/auth/auth.rules.js";
import { createApiToken, listApiTokens, revokeApiToken } from "../../modules/auth/auth.service.js";
import { findPersonByEmail } from "../../modules/org/org.repository.js";
import { CliError, cliActor, withDeps } from "../context.js";
import { emailAddress, examples, nonEmpty, table, wholeNumber } from "../format.js";

async function personByEmail(db: Parameters<typeof findPersonByEmail>[0], email: string) {
  const person = await findPersonByEmail(db, email);
  if (!person) throw new CliError(`no one in Headway has the email ${email}.`);
  return person;
}

export function registerToken(program: Command) {
  const token = program
    .command("token")
    .summary("create, list and revoke personal API tokens")
    .description(
      "Personal API tokens: send one as `Authorization: Bearer <token>` to use the API as that person.",
    )
    .addHelpText(
      "after",
      examples([
        ["headway token create --email ada@example.com", "create a token"],
        ["headway token list --email ada@example.com", "list someone's tokens"],
        ["headway token revoke 3f0c…", "revoke a token"],
      ]),
    );

  token
    .command("create")
    .summary("create a token and print it once")
    .description(
      "Create a personal API token for someone. The token is printed once, alone on standard output, so it can be piped; Headway keeps only its hash.",
    )
    .requiredOption("--email <email>", "whose token it is", emailAddress)
    .option("--name <name>", "what the token is for", nonEmpty, "cli")
    .option(
      "--expires-days <days>",
      "expire after this many days (default: never)",
      wholeNumber(1, 3650),
    )
    .addHelpText(
      "after",
      examples([
        [
          'headway token create --email ada@example.com --name "nightly report" --expires-days 90',
          "a token that expires in 90 days",
        ],
        [
          'TOKEN=$(headway token create --email ada@example.com)\n  $ curl -H "Authorization: Bearer $TOKEN" http://localhost:3000/api/v1/me',
          "use it with curl",
        ],
      ]),
    )
    .action(async (opts: { email: string; name: string; expiresDays?: number }) => {
      await withDeps(async (deps) => {
        const person = await personByEmail(deps.database.db, opts.email);
        const created = await createApiToken(deps, {
          actor: cliActor,
          personId: person.id,
          name: opts.name,
          expiresInDays: opts.expiresDays ?? null,
        });
        process.stdout.write(`${created.token}\n`);
        console.error(
          `Created API token ${created.id} ("${created.name}") for ${person.name}${created.expiresAt ? `, expiring ${created.expiresAt}` : ""}. It is shown only this once. Send it as: Authorization: Bearer <token>`,
        );
      });
    });

  token
    .command("list")
    .summary("list someone's tokens")
    .description(
      "List someone's API tokens (never the tokens themselves: only their first characters).",
    )
    .requiredOption("--email <email>", "whose tokens to list", emailAddress)
    .addHelpText(
      "after",
      examples([["headway token list --email ada@example.com", "list Ada's tokens"]]),
    )
    .action(async (opts: { email: string }) => {
      await withDeps(async (deps) => {
        const person = await personByEmail(deps.database.db, opts.email);
        const tokens = await listApiTokens(deps.database.db, { personId: person.id });
        if (tokens.length === 0) {
          console.log(`${person.name} has no API tokens.`);
          return;
        }
        const now = deps.clock();
        console.log(
          table(
            ["ID", "NAME", "STARTS WITH", "CREATED", "EXPIRES", "STATUS"],
            tokens.map((t) => [
              t.id,
              t.name,
              `${t.prefix}…`,
              t.createdAt,
              t.expiresAt ?? "never",
              t.revokedAt
                ? `revoked ${t.revokedAt}`
                : t.expiresAt && isExpired({ expiresAt: new Date(t.expiresAt), now })
                  ? "expired"
                  : "active",
            ]),
          ),
        );
      });
    });

  token
    .command("revoke")
    .summary("revoke a token")
    .description("Revoke an API token at once; requests that use it are refused from then on.")
    .argument("<id>", "the token's id, from `headway token list`")
    .addHelpText(
      "after",
      examples([["headway token revoke 0b8e5c8e-4d5f-4a43-9a49-1f0f6f7c2a10", "revoke one token"]]),
    )
    .action(async (id: string) => {
      await withDeps(async (deps) => {
        try {
          await revokeApiToken(deps, { actor: cliActor, tokenId: id });
        } catch (err) {
          if (err instanceof AppError && err.code === "api_token.not_found")
            throw new CliError(
              `no API token has the id ${id}; see headway token list --email <email>.`,
            );
          throw err;
        }
        console.log(`Revoked API token ${id}.`);
      });
    });
}
