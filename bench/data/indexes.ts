import type pg from "pg";

// Loading into a table without its secondary indexes and foreign keys, then building them once,
// is several times faster than maintaining them row by row. The definitions are read from the
// catalog before they are dropped and re-created from exactly those definitions; afterwards the
// catalog is read again and must match, or the load is rolled back.

export type Definitions = {
  indexes: { table: string; name: string; def: string }[];
  foreignKeys: { table: string; name: string; def: string }[];
};

export async function readDefinitions(
  client: pg.PoolClient,
  tables: readonly string[],
): Promise<Definitions> {
  const indexes = await client.query<{ table: string; name: string; def: string }>(
    `SELECT c.relname AS "table", i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY($1) AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
      ORDER BY 1, 2`,
    [tables],
  );
  const foreignKeys = await client.query<{ table: string; name: string; def: string }>(
    `SELECT c.relname AS "table", k.conname AS name, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND k.contype = 'f' AND c.relname = ANY($1)
      ORDER BY 1, 2`,
    [tables],
  );
  return { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Drops the foreign keys, then the secondary indexes (primary keys and constraints stay). */
export async function dropDefinitions(client: pg.PoolClient, defs: Definitions) {
  for (const fk of defs.foreignKeys)
    await client.query(`ALTER TABLE public.${ident(fk.table)} DROP CONSTRAINT ${ident(fk.name)}`);
  for (const index of defs.indexes) await client.query(`DROP INDEX public.${ident(index.name)}`);
}

/** Builds the indexes, then validates and adds the foreign keys; checks the catalog matches. */
export async function restoreDefinitions(
  client: pg.PoolClient,
  defs: Definitions,
  tables: readonly string[],
) {
  for (const index of defs.indexes) await client.query(index.def);
  for (const fk of defs.foreignKeys)
    await client.query(
      `ALTER TABLE public.${ident(fk.table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.def}`,
    );
  const after = await readDefinitions(client, tables);
  if (JSON.stringify(after) !== JSON.stringify(defs))
    throw new Error(
      "The indexes and foreign keys after loading differ from those before it; the load was rolled back.",
    );
}
