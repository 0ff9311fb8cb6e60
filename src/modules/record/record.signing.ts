import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { canonicalJson } from "./record.rules.js";

// Ed25519 signatures over canonical JSON: checkpoints of the audit chain and copies of a person's
// record. The private key lives outside the database (a file, HEADWAY_SIGNING_KEY_FILE), so
// someone who can rewrite the database, and even knows the server secret that seals the chain's
// head, still cannot sign a history of their own.

export type SigningKey = {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as PEM (SPKI), to hand to whoever checks a signature. */
  publicKeyPem: string;
  /** SHA-256 of the public key (DER), hex: the key's full fingerprint. */
  fingerprint: string;
  /** The first 16 hex digits of the fingerprint: a short name for the key. */
  keyId: string;
};

const keys = new Map<string, SigningKey>();

function describePublicKey(publicKey: KeyObject) {
  const der = publicKey.export({ type: "spki", format: "der" });
  const fingerprint = createHash("sha256").update(der).digest("hex");
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    fingerprint,
    keyId: fingerprint.slice(0, 16),
  };
}

/** The signing key from its PEM (the configuration's `signingKeyPem`); parsed once per process. */
export function signingKeyOf(privateKeyPem: string): SigningKey {
  const known = keys.get(privateKeyPem);
  if (known) return known;
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new Error("The signing key is not an Ed25519 key.");
  const publicKey = createPublicKey(privateKey);
  const key = { privateKey, publicKey, ...describePublicKey(publicKey) };
  keys.set(privateKeyPem, key);
  return key;
}

/** A public key given as PEM, described the same way; null when it is not an Ed25519 key. */
export function publicKeyOf(
  pem: string,
): (Omit<SigningKey, "privateKey" | "publicKey"> & { publicKey: KeyObject }) | null {
  try {
    const publicKey = createPublicKey(pem);
    if (publicKey.asymmetricKeyType !== "ed25519") return null;
    return { publicKey, ...describePublicKey(publicKey) };
  } catch {
    return null;
  }
}

/** Signs the canonical JSON of `payload`; the signature is base64. */
export function signPayload(key: SigningKey, payload: unknown): string {
  return sign(null, Buffer.from(canonicalJson(payload), "utf8"), key.privateKey).toString("base64");
}

/** Whether `signature` (base64) is `publicKey`'s signature of the canonical JSON of `payload`. */
export function verifyPayload(publicKey: KeyObject, payload: unknown, signature: string): boolean {
  if (typeof signature !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  const bytes = Buffer.from(signature, "base64");
  if (bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(canonicalJson(payload), "utf8"), publicKey, bytes);
  } catch {
    return false;
  }
}

export const sha256Hex = (data: string | Uint8Array) =>
  createHash("sha256")
    .update(typeof data === "string" ? Buffer.from(data, "utf8") : data)
    .digest("hex");

/** What anyone may know of the signing key: the public half and its fingerprint. */
export function describeSigningKey(privateKeyPem: string) {
  const key = signingKeyOf(privateKeyPem);
  return {
    algorithm: "Ed25519" as const,
    publicKey: key.publicKeyPem,
    fingerprint: key.fingerprint,
    keyId: key.keyId,
  };
}
