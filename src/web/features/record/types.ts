// Response types of the record export API, from the server's own code (type-only imports).
import type { JSONParsed } from "hono/utils/types";
import type { listRecordExports } from "../../../modules/record/record.export";
import type { describeSigningKey } from "../../../modules/record/record.signing";

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;

export type RecordExports = Wire<typeof listRecordExports>;
export type SigningKey = Wire<typeof describeSigningKey>;
