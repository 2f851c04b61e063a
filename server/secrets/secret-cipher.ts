import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SecretsKeyError, previousSecretsKeyVariable, secretsKeyVariable, type SecretsKeys } from "./secrets-key";

/** What a secret is bound to: its ciphertext is refused under any other team or name. */
export interface SecretOwner {
  teamId: string;
  name: string;
}

export interface StoredSecret {
  /** base64 of iv (12 bytes) | auth tag (16 bytes) | ciphertext. */
  ciphertext: string;
  keyId: string;
}

const ivBytes = 12;
const tagBytes = 16;

/**
 * AES-256-GCM under the current key, with a fresh random IV per value. The team and name are the
 * associated data, so a ciphertext copied onto another team's or another name's row fails to decrypt.
 *
 * @example
 * const stored = encryptSecret(keys, { teamId, name: "TOKEN" }, "s3cr3t"); // { ciphertext: "…", keyId: keys.current.id }
 */
export function encryptSecret(keys: SecretsKeys, owner: SecretOwner, value: string): StoredSecret {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", keys.current.key, iv);
  cipher.setAAD(associatedData(owner));
  const encrypted = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return { ciphertext: Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString("base64"), keyId: keys.current.id };
}

/** The value, or a `SecretsKeyError` when its key is not configured or the stored bytes were altered. */
export function decryptSecret(keys: SecretsKeys, owner: SecretOwner, stored: StoredSecret): string {
  const key = [keys.current, keys.previous].find((candidate) => candidate?.id === stored.keyId);
  if (!key) {
    const previous = keys.previous ? `${previousSecretsKeyVariable} (${keys.previous.id})` : `${previousSecretsKeyVariable} (not set)`;
    throw new SecretsKeyError(
      `secret ${owner.name} was saved with key ${stored.keyId}, which is neither ${secretsKeyVariable} (${keys.current.id}) nor ${previous}: set that key as ${previousSecretsKeyVariable}, or save the secret again`,
    );
  }
  const bytes = Buffer.from(stored.ciphertext, "base64");
  try {
    if (bytes.length < ivBytes + tagBytes) throw new Error("too short");
    const decipher = createDecipheriv("aes-256-gcm", key.key, bytes.subarray(0, ivBytes));
    decipher.setAuthTag(bytes.subarray(ivBytes, ivBytes + tagBytes));
    decipher.setAAD(associatedData(owner));
    return Buffer.concat([decipher.update(bytes.subarray(ivBytes + tagBytes)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretsKeyError(`secret ${owner.name} cannot be decrypted: its stored value was altered or belongs to another secret; save the secret again`);
  }
}

function associatedData({ teamId, name }: SecretOwner): Buffer {
  return Buffer.from(`orka-secret\u0000${teamId}\u0000${name}`, "utf8");
}
