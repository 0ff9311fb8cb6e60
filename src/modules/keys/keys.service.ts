import { randomBytes } from "node:crypto";
import { asc } from "drizzle-orm";
import { AppError } from "../../api/errors.js";
import { masterKeyId } from "../../config.js";
import { type DbOrTx, reusable } from "../../db/client.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import {
  decryptBytes,
  encryptBytes,
  isSealed,
  openWith,
  sealWith,
  versionOf,
} from "./keys.crypto.js";
import { dataKeys } from "./keys.table.js";

/**
 * The fields kept encrypted, each named as the additional authenticated data of its ciphertext
 * (a value copied into another field does not decrypt). Rotation and the start-up sweep walk
 * this list.
 */
export const sealedFields = [
  "one_on_one_notes.body",
  "plan_private_notes.body",
  "protected_activities.kind",
  "protected_activities.occurred_on",
  "protected_activities.note",
  "concerns.subject",
  "concern_messages.body",
  "credentials.totp_secret",
  "auth_settings.oidc_client_secret",
  "diagnoses.notes",
  "diagnoses.employee_answers",
  "mentoring_sessions.topic",
] as const;
export type SealedField = (typeof sealedFields)[number];

/** Encrypts and decrypts fields with the organisation's data keys. Synchronous once loaded. */
export type Keyring = {
  /** Encrypts under the newest data key. */
  seal(field: SealedField, plaintext: string): string;
  /** Decrypts; a value written before encryption was switched on is returned as it is. */
  open(field: SealedField, value: string): string;
  /** The data key version new values are sealed with. */
  activeVersion: number;
};

type Deps_ = Pick<Deps, "database" | "config" | "clock" | "logger">;

const WRAP_AAD = "headway.data_key";

export function wrapDataKey({ masterKey, dataKey }: { masterKey: Buffer; dataKey: Buffer }) {
  return encryptBytes({ key: masterKey, plaintext: dataKey, aad: WRAP_AAD });
}

export function unwrapDataKey({
  masterKey,
  wrapped,
  version,
  wrappedBy,
}: {
  masterKey: Buffer;
  wrapped: string;
  version: number;
  wrappedBy: string;
}): Buffer {
  try {
    return decryptBytes({ key: masterKey, boxed: wrapped, aad: WRAP_AAD });
  } catch {
    throw new AppError(
      "keys.master_key_mismatch",
      `Data key ${version} was wrapped by master key ${wrappedBy}, but the configured master key is ${masterKeyId(masterKey)}. Set HEADWAY_MASTER_KEY_FILE (or HEADWAY_MASTER_KEY) to the key this installation was set up with.`,
    );
  }
}

/**
 * Unwrapped keys by row id, per database: a key is unwrapped once per process. A data key never
 * changes once made (moving to a new master key re-wraps it, the key inside stays), so a running
 * instance keeps working through a re-wrap until it is restarted with the new master key.
 */
const unwrapped = new WeakMap<object, Map<string, Buffer>>();

const allDataKeys = reusable("keys_all", (db) =>
  db.select().from(dataKeys).orderBy(asc(dataKeys.version)),
);

/**
 * `lock`: inside a write, the rows are read FOR KEY SHARE, so destroying a retired key waits for
 * every transaction that may still be sealing with it (and sees what it wrote). Retiring a key
 * or re-wrapping it does not conflict with that lock; only deleting does.
 */
async function loadKeys(deps: Deps_, db: DbOrTx, { lock = false }: { lock?: boolean } = {}) {
  const rows = lock
    ? await db.select().from(dataKeys).orderBy(asc(dataKeys.version)).for("key share")
    : await allDataKeys(db, {});
  let cache = unwrapped.get(deps.database);
  if (!cache) {
    cache = new Map();
    unwrapped.set(deps.database, cache);
  }
  const byVersion = new Map<number, Buffer>();
  let active = 0;
  for (const row of rows) {
    let key = cache.get(row.id);
    if (!key) {
      key = unwrapDataKey({
        masterKey: deps.config.masterKey,
        wrapped: row.wrappedKey,
        version: row.version,
        wrappedBy: row.masterKeyId,
      });
      cache.set(row.id, key);
    }
    byVersion.set(row.version, key);
    if (row.status === "active") active = Math.max(active, row.version);
  }
  return { byVersion, active };
}

/** Creates a data key with the next version and makes it the active one; returns its version. */
export async function createDataKey(
  deps: Deps_,
  { reason }: { reason: "first_use" | "rotation" },
): Promise<number> {
  return write(deps, async (w) => {
    const dataKey = randomBytes(32);
    const [last] = await w.tx
      .select({ version: dataKeys.version })
      .from(dataKeys)
      .orderBy(asc(dataKeys.version))
      .then((rows) => rows.slice(-1));
    const version = (last?.version ?? 0) + 1;
    await w.tx.insert(dataKeys).values({
      version,
      wrappedKey: wrapDataKey({ masterKey: deps.config.masterKey, dataKey }),
      masterKeyId: masterKeyId(deps.config.masterKey),
      status: "active",
      createdAt: w.now,
    });
    await w.audit({
      actor: { kind: "system", label: "keys" },
      action: "keys.data_key_created",
      subjectType: "data_key",
      subjectId: String(version),
      data: { version, reason, masterKeyId: masterKeyId(deps.config.masterKey) },
    });
    return version;
  });
}

/**
 * Makes sure the organisation has a data key: the server, the CLI and the tests call it once,
 * after migrating, so no request ever has to create one in the middle of its own transaction.
 */
export async function ensureDataKey(deps: Deps_): Promise<void> {
  const { active } = await loadKeys(deps, deps.database.db);
  if (active > 0) return;
  try {
    await createDataKey(deps, { reason: "first_use" });
  } catch (err) {
    // Another instance created it at the same moment (unique version): theirs will do.
    if ((err as { code?: string }).code !== "23505") throw err;
  }
}

/**
 * The keyring, read with `db` (pass the transaction inside a write, so a rotation committed
 * meanwhile is seen consistently). Seal and open are synchronous once it is loaded.
 */
export async function keyringFor(deps: Deps_, db: DbOrTx = deps.database.db): Promise<Keyring> {
  const inWrite = db !== deps.database.db;
  let { byVersion, active } = await loadKeys(deps, db, { lock: inWrite });
  if (active === 0) {
    if (inWrite)
      throw new AppError(
        "internal.no_data_key",
        "No data key exists yet: start the server or run `headway migrate` once.",
      );
    await ensureDataKey(deps);
    ({ byVersion, active } = await loadKeys(deps, db));
  }
  const activeKey = byVersion.get(active) as Buffer;
  return {
    activeVersion: active,
    seal(field, plaintext) {
      return sealWith({ key: activeKey, version: active, plaintext, aad: field });
    },
    open(field, value) {
      if (!isSealed(value)) return value;
      const version = versionOf(value);
      const key = byVersion.get(version);
      if (!key)
        throw new AppError(
          "keys.unknown_version",
          `A record is encrypted with data key ${version}, which this installation does not have.`,
        );
      try {
        return openWith({ key, sealed: value, aad: field });
      } catch {
        throw new AppError(
          "keys.decrypt_failed",
          `A record in ${field} could not be decrypted: it was altered, or belongs to another field.`,
        );
      }
    },
  };
}
