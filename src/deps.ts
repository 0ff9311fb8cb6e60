import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import type { Mailer } from "./modules/mail/mail.service.js";

/** Everything a service needs, wired by hand once (server, CLI, tests). */
export type Deps = {
  config: Config;
  database: Database;
  logger: Logger;
  clock: () => Date;
  mailer: Mailer;
};
