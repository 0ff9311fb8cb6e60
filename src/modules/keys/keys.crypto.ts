import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM with a random 96-bit IV per value. `aad` binds a ciphertext to where it belongs
 * (a table and column), so a value copied into another column does not decrypt.
 */
export function encryptBytes({
  key,
  plaintext,
  aad,
}: {
  key: Buffer;
  plaintext: Buffer;
  aad: string;
}): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString("base64url")).join(".");
}

/** Throws when the key is wrong or the value was altered (GCM's tag does not match). */
export function decryptBytes({
  key,
  boxed,
  aad,
}: {
  key: Buffer;
  boxed: string;
  aad: string;
}): Buffer {
  const [iv, tag, ciphertext] = boxed.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !ciphertext || iv.length !== 12 || tag.length !== 16)
    throw new Error("not an encrypted value");
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** Every encrypted field starts with this, then the data key's version. */
export const SEALED_PREFIX = "hw1:";

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

/** `hw1:<version>:<iv>.<tag>.<ciphertext>` */
export function sealWith({
  key,
  version,
  plaintext,
  aad,
}: {
  key: Buffer;
  version: number;
  plaintext: string;
  aad: string;
}): string {
  return `${SEALED_PREFIX}${version}:${encryptBytes({ key, plaintext: Buffer.from(plaintext, "utf8"), aad })}`;
}

/** The data key version a sealed value was encrypted with. */
export function versionOf(sealed: string): number {
  const version = Number(sealed.slice(SEALED_PREFIX.length).split(":", 1)[0]);
  if (!Number.isInteger(version) || version < 1) throw new Error("not an encrypted value");
  return version;
}

export function openWith({ key, sealed, aad }: { key: Buffer; sealed: string; aad: string }) {
  const boxed = sealed.slice(sealed.indexOf(":", SEALED_PREFIX.length) + 1);
  return decryptBytes({ key, boxed, aad }).toString("utf8");
}
