import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import { AppError } from "../../api/errors.js";
import { masterKeyId } from "../../config.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import { SEALED_PREFIX } from "./keys.crypto.js";
import { createDataKey, keyringFor, unwrapDataKey, wrapDataKey } from "./keys.service.js";
import {
  type FieldCount,
  keysActor,
  locateFields,
  sealBatch,
  sealPlaintext,
  walkSealedFields,
  withRetry,
} from "./keys.sweep.js";
import { dataKeys } from "./keys.table.js";

type Deps_ = Pick<Deps, "database" | "config" | "clock" | "logger">;

/** Re-encrypts every encrypted value that is not under the active data key, batch by batch. */
function resealUnderActive(deps: Deps_, { batchSize }: { batchSize?: number }) {
  return walkSealedFields(deps, {
    batchSize,
    which: (keys) => ({ notUnder: keys.activeVersion }),
    audit: ({ field, count, ids, keys }) => ({
      actor: keysActor,
      action: "keys.values_resealed",
      subjectType: "data_key",
      subjectId: String(keys.activeVersion),
      data: { field, count, version: keys.activeVersion },
      change: { field, ids, version: keys.activeVersion },
    }),
  });
}

export type Rotation = {
  /** Values found still in clear and encrypted first. */
  sealed: FieldCount[];
  /** The new data key. */
  version: number;
  resealed: FieldCount[];
  /** Versions retired: they still decrypt until destroyed. */
  retired: number[];
};

/**
 * Rotation: a new data key becomes the active one, every encrypted value is re-encrypted under
 * it, then the older keys are retired. Retired keys are kept: an instance that loaded the keys a
 * moment before the new one existed may still have sealed a value with the old one.
 */
export async function rotateDataKeys(
  deps: Deps_,
  { batchSize }: { batchSize?: number } = {},
): Promise<Rotation> {
  const sealed = await sealPlaintext(deps, { batchSize });
  const version = await createDataKey(deps, { reason: "rotation" });
  const resealed = await resealUnderActive(deps, { batchSize });
  const retired = await write(deps, async (w) => {
    const rows = await w.tx
      .update(dataKeys)
      .set({ status: "retired", retiredAt: w.now })
      .where(and(eq(dataKeys.status, "active"), lt(dataKeys.version, version)))
      .returning({ version: dataKeys.version });
    const versions = rows.map((r) => r.version).sort((a, b) => a - b);
    await w.audit({
      actor: keysActor,
      action: "keys.data_keys_retired",
      subjectType: "data_key",
      subjectId: String(version),
      data: { retired: versions, active: version },
    });
    return versions;
  });
  return { sealed, version, resealed, retired };
}

export type Destruction = { resealed: FieldCount[]; destroyed: number[] };

/**
 * Deletes retired data keys, after re-encrypting whatever is still under them. The last step
 * locks the retired keys' rows: a transaction that loaded the keys to seal something holds a
 * share lock on them until it commits, so nothing sealed with a retired key can appear after the
 * final check.
 */
export async function destroyRetiredKeys(
  deps: Deps_,
  { batchSize }: { batchSize?: number } = {},
): Promise<Destruction> {
  const retiredNow = await deps.database.db
    .select({ version: dataKeys.version })
    .from(dataKeys)
    .where(eq(dataKeys.status, "retired"));
  if (!retiredNow.length) return { resealed: [], destroyed: [] };
  const resealed = await resealUnderActive(deps, { batchSize });
  const fields = await locateFields(deps);
  // Waiting on writers can end in a deadlock PostgreSQL breaks by failing one side: try again.
  const { destroyed, late } = await withRetry(() =>
    write(deps, async (w) => {
      const retired = await w.tx
        .select({ version: dataKeys.version })
        .from(dataKeys)
        .where(eq(dataKeys.status, "retired"))
        .orderBy(asc(dataKeys.version))
        .for("update");
      const versions = retired.map((r) => r.version);
      const keys = await keyringFor(deps, w.tx);
      // Sealed by another instance since the pass above: few, if any; re-sealed here.
      const late: FieldCount[] = [];
      for (const at of fields) {
        let count = 0;
        let after: string | null = null;
        for (;;) {
          const ids = await sealBatch(w.tx, keys, at, { under: versions }, { limit: 500, after });
          if (!ids.length) break;
          count += ids.length;
          after = ids.at(-1)!;
        }
        if (count) {
          late.push({ field: at.field, count });
          await w.audit({
            actor: keysActor,
            action: "keys.values_resealed",
            subjectType: "data_key",
            subjectId: String(keys.activeVersion),
            data: { field: at.field, count, version: keys.activeVersion },
          });
        }
      }
      if (versions.length) await w.tx.delete(dataKeys).where(inArray(dataKeys.version, versions));
      // Recorded even when another run destroyed them first: the request is on the record.
      await w.audit({
        actor: keysActor,
        action: "keys.data_keys_destroyed",
        subjectType: "data_key",
        subjectId: String(keys.activeVersion),
        data: { destroyed: versions },
      });
      return { destroyed: versions, late };
    }),
  );
  for (const { field, count } of late) {
    const found = resealed.find((r) => r.field === field);
    if (found) found.count += count;
    else resealed.push({ field, count });
  }
  return { resealed, destroyed };
}

export type Rewrap = { versions: number[]; from: string[]; to: string };

/**
 * Wraps every data key under a new master key, in one transaction: either all keys move or none
 * do. The data keys themselves stay, so nothing needs re-encrypting; from then on every instance
 * needs the new master key.
 */
export async function rewrapDataKeys(
  deps: Deps_,
  { newMasterKey }: { newMasterKey: Buffer },
): Promise<Rewrap> {
  const to = masterKeyId(newMasterKey);
  if (newMasterKey.length !== 32)
    throw new AppError("keys.invalid", "A master key is 32 bytes (openssl rand -base64 32).");
  if (newMasterKey.equals(deps.config.masterKey))
    throw new AppError(
      "keys.invalid",
      `Master key ${to} is the one in use already: give a new key to move to.`,
    );
  return write(deps, async (w) => {
    // FOR NO KEY UPDATE: does not wait for writers holding the keys' share lock.
    const rows = await w.tx
      .select()
      .from(dataKeys)
      .orderBy(asc(dataKeys.version))
      .for("no key update");
    const from = new Set<string>();
    for (const row of rows) {
      const dataKey = unwrapDataKey({
        masterKey: deps.config.masterKey,
        wrapped: row.wrappedKey,
        version: row.version,
        wrappedBy: row.masterKeyId,
      });
      from.add(row.masterKeyId);
      await w.tx
        .update(dataKeys)
        .set({ wrappedKey: wrapDataKey({ masterKey: newMasterKey, dataKey }), masterKeyId: to })
        .where(eq(dataKeys.id, row.id));
    }
    const versions = rows.map((r) => r.version);
    await w.audit({
      actor: keysActor,
      action: "keys.master_key_changed",
      subjectType: "data_key",
      subjectId: null,
      data: { versions, from: [...from], to },
    });
    return { versions, from: [...from], to };
  });
}

export type KeyStatus = {
  masterKeyId: string;
  keys: {
    version: number;
    status: "active" | "retired";
    /** The newest active key: the one new values are sealed with. */
    inUse: boolean;
    masterKeyId: string;
    createdAt: Date;
    retiredAt: Date | null;
  }[];
  /** Per field: values per data key version, and (non-empty) values still in clear. */
  fields: { field: string; byVersion: Record<number, number>; plaintext: number }[];
};

/** The data keys and how many values each one encrypts, per field. Reads only. */
export async function keyStatus(deps: Deps_): Promise<KeyStatus> {
  const db = deps.database.db;
  const rows = await db.select().from(dataKeys).orderBy(asc(dataKeys.version));
  const inUse = Math.max(0, ...rows.filter((r) => r.status === "active").map((r) => r.version));
  const fields: KeyStatus["fields"] = [];
  for (const at of await locateFields(deps)) {
    const col = sql.identifier(at.column);
    const { rows: counts } = await db.execute<{ version: string; n: number }>(
      sql`SELECT CASE WHEN ${col} LIKE ${`${SEALED_PREFIX}%`} THEN split_part(${col}, ':', 2)
                      ELSE 'plain' END AS version, count(*)::int AS n
            FROM ${sql.identifier(at.table)}
           WHERE ${col} IS NOT NULL AND ${col} <> '' AND ${at.scope}
           GROUP BY 1`,
    );
    const byVersion: Record<number, number> = {};
    let plaintext = 0;
    for (const c of counts) {
      if (c.version === "plain") plaintext += c.n;
      else byVersion[Number(c.version)] = c.n;
    }
    fields.push({ field: at.field, byVersion, plaintext });
  }
  return {
    masterKeyId: masterKeyId(deps.config.masterKey),
    keys: rows.map((r) => ({
      version: r.version,
      status: r.status,
      inUse: r.version === inUse,
      masterKeyId: r.masterKeyId,
      createdAt: r.createdAt,
      retiredAt: r.retiredAt,
    })),
    fields,
  };
}
