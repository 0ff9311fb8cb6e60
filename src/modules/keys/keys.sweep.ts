import { type SQL, sql } from "drizzle-orm";
import { type Write, write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { AuditInput } from "../record/record.service.js";
import { SEALED_PREFIX } from "./keys.crypto.js";
import {
  ensureDataKey,
  type Keyring,
  keyringFor,
  type SealedField,
  sealedFields,
} from "./keys.service.js";

type Deps_ = Pick<Deps, "database" | "config" | "clock" | "logger">;

/** Who the key maintenance is recorded as in the audit trail. */
export const keysActor = { kind: "system", label: "keys" } as const;

/**
 * Rows of a sealed field that hold a value meant to be encrypted. Most fields are encrypted in
 * every row; a 1:1 note only when it is private (shared notes are read by both sides, in clear).
 */
const scopes: Partial<Record<SealedField, SQL>> = {
  "one_on_one_notes.body": sql`"visibility" = 'private'`,
};

/** Where a sealed field lives: its table, column and the table's primary key (name and type). */
export type FieldLocation = {
  field: SealedField;
  table: string;
  column: string;
  key: string;
  keyType: string;
  scope: SQL;
};

const identifier = /^[a-z_][a-z0-9_]*$/;

/** Reads the primary key of each sealed field's table from the catalog, so any field can be walked. */
export async function locateFields(deps: Deps_): Promise<FieldLocation[]> {
  const located: FieldLocation[] = [];
  for (const field of sealedFields) {
    const [table, column] = field.split(".") as [string, string];
    if (!identifier.test(table) || !identifier.test(column))
      throw new Error(`sealed field ${field} is not a table.column name`);
    const { rows } = await deps.database.pool.query<{ name: string; type: string }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = to_regclass($1) AND i.indisprimary`,
      [`public.${table}`],
    );
    if (rows.length !== 1)
      throw new Error(`sealed field ${field}: its table needs a one-column primary key`);
    located.push({
      field,
      table,
      column,
      key: rows[0]!.name,
      keyType: rows[0]!.type,
      scope: scopes[field] ?? sql`TRUE`,
    });
  }
  return located;
}

/** Which values of a field a pass re-seals. */
export type Which =
  /** Values written before encryption was switched on (or by an older version). */
  | { plaintext: true }
  /** Encrypted values not under `version` (the active data key). */
  | { notUnder: number }
  /** Encrypted values under any of these versions. */
  | { under: number[] };

function condition(at: FieldLocation, which: Which): SQL {
  const col = sql.identifier(at.column);
  // An empty value stays as it is: it says nothing a ciphertext's length would not, and some
  // fields use it for "none".
  if ("plaintext" in which) return sql`${col} NOT LIKE ${`${SEALED_PREFIX}%`} AND ${col} <> ''`;
  if ("notUnder" in which)
    return sql`${col} LIKE ${`${SEALED_PREFIX}%`} AND ${col} NOT LIKE ${`${SEALED_PREFIX}${which.notUnder}:%`}`;
  if (!which.under.length) return sql`FALSE`;
  return sql`(${sql.join(
    which.under.map((v) => sql`${col} LIKE ${`${SEALED_PREFIX}${v}:%`}`),
    sql` OR `,
  )})`;
}

/**
 * Seals (or re-seals under the active data key) up to `limit` values of one field, in the
 * caller's transaction, in primary key order from `after` (so each batch walks the key's index
 * instead of the whole table). The rows are locked, so a value changed meanwhile is not
 * overwritten. Returns the primary keys of the rows it changed, in order.
 */
export async function sealBatch(
  tx: Write["tx"],
  keys: Keyring,
  at: FieldLocation,
  which: Which,
  { limit, after = null }: { limit: number; after?: string | null },
): Promise<string[]> {
  const table = sql.identifier(at.table);
  const col = sql.identifier(at.column);
  const key = sql.identifier(at.key);
  const from = after === null ? sql`TRUE` : sql`${key} > ${after}::${sql.raw(at.keyType)}`;
  const { rows } = await tx.execute<{ k: string; v: string }>(
    sql`SELECT ${key}::text AS k, ${col} AS v FROM ${table}
         WHERE ${from} AND ${col} IS NOT NULL AND ${condition(at, which)} AND ${at.scope}
         ORDER BY ${key} LIMIT ${limit} FOR UPDATE`,
  );
  if (!rows.length) return [];
  const values = rows.map((r) => ({
    k: r.k,
    v: keys.seal(at.field, "plaintext" in which ? r.v : keys.open(at.field, r.v)),
  }));
  // One statement per batch; the key type comes from the catalog (e.g. uuid, integer).
  await tx.execute(
    sql`UPDATE ${table} SET ${col} = v.v
          FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(k text, v text)
         WHERE ${table}.${key} = v.k::${sql.raw(at.keyType)}`,
  );
  return values.map((v) => v.k);
}

/** Nothing left to do in this pass: ends a batch's transaction without a write. */
class NothingLeft extends Error {}

const retryable = new Set(["40P01", "40001"]);

/** Runs a batch's transaction again when PostgreSQL broke a deadlock or a serialization clash. */
export async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).code;
      const causeCode = (err as { cause?: { code?: string } }).cause?.code;
      if (attempt >= 5 || !retryable.has(code ?? causeCode ?? "")) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

export type FieldCount = { field: SealedField; count: number };

/**
 * Walks every sealed field in batches, each batch its own transaction with its own audit event,
 * so a long pass neither holds locks for long nor loses what it did if it stops half-way.
 * `which` is asked afresh for each batch, inside its transaction (the active key may change).
 */
export async function walkSealedFields(
  deps: Deps_,
  {
    which,
    audit,
    batchSize = 200,
  }: {
    which: (keys: Keyring) => Which;
    audit: (input: {
      field: SealedField;
      count: number;
      ids: string[];
      keys: Keyring;
    }) => AuditInput;
    batchSize?: number;
  },
): Promise<FieldCount[]> {
  const counts: FieldCount[] = [];
  for (const at of await locateFields(deps)) {
    let count = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await withRetry(() =>
        write(deps, async (w) => {
          const keys = await keyringFor(deps, w.tx);
          const ids = await sealBatch(w.tx, keys, at, which(keys), { limit: batchSize, after });
          if (!ids.length) throw new NothingLeft();
          await w.audit(audit({ field: at.field, count: ids.length, ids, keys }));
          return ids;
        }).catch((err) => {
          if (err instanceof NothingLeft) return [];
          throw err;
        }),
      );
      // A short batch is not proof of the end (rows changed meanwhile drop out): stop at none.
      if (!ids.length) break;
      count += ids.length;
      after = ids.at(-1)!;
    }
    if (count) counts.push({ field: at.field, count });
  }
  return counts;
}

/**
 * Encrypts values written before encryption was switched on (rows from an older version, or
 * written by an older instance during an upgrade). One audit event per batch.
 */
export async function sealPlaintext(
  deps: Deps_,
  { batchSize }: { batchSize?: number } = {},
): Promise<FieldCount[]> {
  const counts = await walkSealedFields(deps, {
    batchSize,
    which: () => ({ plaintext: true }),
    audit: ({ field, count, ids, keys }) => ({
      actor: keysActor,
      action: "keys.plaintext_sealed",
      subjectType: "data_key",
      subjectId: String(keys.activeVersion),
      data: { field, count },
      change: { field, ids, version: keys.activeVersion },
    }),
  });
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (total)
    deps.logger.info(
      { fields: counts },
      `encrypted ${total} value${total === 1 ? "" : "s"} written before encryption`,
    );
  return counts;
}

/**
 * What the server, the CLI and the tests run once after migrating: make sure a data key exists,
 * then encrypt anything still stored in clear.
 */
export async function prepareKeys(deps: Deps_): Promise<void> {
  await ensureDataKey(deps);
  await sealPlaintext(deps);
}
