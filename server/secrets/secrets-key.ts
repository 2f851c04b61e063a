import { createHash } from "node:crypto";

/** The environment variable holding the key that encrypts team secrets, and the one it replaced. */
export const secretsKeyVariable = "ORKA_SECRETS_KEY";
export const previousSecretsKeyVariable = "ORKA_SECRETS_KEY_PREVIOUS";

const howToGenerate = "generate one with `openssl rand -base64 32`, set it in the server's environment and restart the server";

/** A key for AES-256-GCM and its fingerprint, stored beside each value it encrypts. */
export interface SecretsKey {
  id: string;
  key: Buffer;
}

export interface SecretsKeys {
  current: SecretsKey;
  /** Still decrypts values saved before a rotation; new values always use `current`. */
  previous: SecretsKey | null;
}

/** The secrets key is missing or wrong, or a stored value cannot be decrypted: a setup problem, never a value. */
export class SecretsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretsKeyError";
  }
}

/**
 * The keys from the environment, read on each call (cheap) so a restarted server with a new key
 * needs nothing else. Throws `SecretsKeyError` saying how to fix it when the key is missing or invalid.
 *
 * @example
 * const { current } = secretsKeysFromEnv({ ORKA_SECRETS_KEY: "q2mJ…=" }); // current.id: "5f1c0b2a9e7d4c31"
 */
export function secretsKeysFromEnv(env: Record<string, string | undefined> = process.env): SecretsKeys {
  const current = env[secretsKeyVariable]?.trim();
  if (!current) throw new SecretsKeyError(`${secretsKeyVariable} is not set: team secrets are encrypted with it; ${howToGenerate}`);
  const previous = env[previousSecretsKeyVariable]?.trim();
  return { current: parseSecretsKey(current, secretsKeyVariable), previous: previous ? parseSecretsKey(previous, previousSecretsKeyVariable) : null };
}

/** Why secrets cannot be saved or read on this server, or null when the keys are fine. */
export function secretsKeyProblem(env: Record<string, string | undefined> = process.env): string | null {
  try {
    secretsKeysFromEnv(env);
    return null;
  } catch (error) {
    if (error instanceof SecretsKeyError) return error.message;
    throw error;
  }
}

/** 32 bytes written as 64 hex digits or as base64 (standard or URL-safe, padding optional). */
function parseSecretsKey(text: string, variable: string): SecretsKey {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, "base64") : null;
  if (key?.length !== 32) throw new SecretsKeyError(`${variable} is not a valid key: it must be 32 random bytes written as base64 (44 characters) or hex (64 digits); ${howToGenerate}`);
  return { id: fingerprint(key), key };
}

/** Names the key without revealing it: which key a value was saved with, for rotation. */
function fingerprint(key: Buffer): string {
  return createHash("sha256").update("orka-secrets-key\u0000").update(key).digest("hex").slice(0, 16);
}
