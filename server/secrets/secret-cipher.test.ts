import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-cipher";
import { secretsKeyProblem, secretsKeysFromEnv, SecretsKeyError } from "./secrets-key";

const base64Key = randomBytes(32).toString("base64");
const hexKey = randomBytes(32).toString("hex");
const owner = { teamId: "team_1", name: "TOKEN" };

describe("secretsKeysFromEnv", () => {
  it("reads a 32-byte key as base64 (standard or URL-safe, padding optional) or as 64 hex digits", () => {
    const fromBase64 = secretsKeysFromEnv({ ORKA_SECRETS_KEY: ` ${base64Key}\n` });
    expect(fromBase64.current.key).toEqual(Buffer.from(base64Key, "base64"));
    expect(fromBase64.current.id).toMatch(/^[0-9a-f]{16}$/);
    expect(fromBase64.previous).toBeNull();
    const urlSafe = Buffer.from(base64Key, "base64").toString("base64url");
    expect(secretsKeysFromEnv({ ORKA_SECRETS_KEY: urlSafe }).current.id).toBe(fromBase64.current.id);
    expect(secretsKeysFromEnv({ ORKA_SECRETS_KEY: hexKey }).current.key).toEqual(Buffer.from(hexKey, "hex"));
  });

  it("names the key by a fingerprint that does not reveal it and differs per key", () => {
    const keys = secretsKeysFromEnv({ ORKA_SECRETS_KEY: base64Key, ORKA_SECRETS_KEY_PREVIOUS: hexKey });
    expect(keys.previous!.id).not.toBe(keys.current.id);
    expect(base64Key + Buffer.from(base64Key, "base64").toString("hex")).not.toContain(keys.current.id);
  });

  it("says how to make a key when it is missing, and what is wrong when it is invalid", () => {
    expect(() => secretsKeysFromEnv({})).toThrow(SecretsKeyError);
    expect(secretsKeyProblem({})).toBe(
      "ORKA_SECRETS_KEY is not set: team secrets are encrypted with it; generate one with `openssl rand -base64 32`, set it in the server's environment and restart the server",
    );
    expect(secretsKeyProblem({ ORKA_SECRETS_KEY: "  " })).toMatch(/^ORKA_SECRETS_KEY is not set/);
    for (const invalid of ["hunter2", randomBytes(16).toString("base64"), randomBytes(31).toString("hex"), `${hexKey}00`]) {
      expect(secretsKeyProblem({ ORKA_SECRETS_KEY: invalid })).toMatch(/^ORKA_SECRETS_KEY is not a valid key: it must be 32 random bytes written as base64 \(44 characters\) or hex \(64 digits\); generate one with/);
    }
    expect(secretsKeyProblem({ ORKA_SECRETS_KEY: base64Key, ORKA_SECRETS_KEY_PREVIOUS: "old" })).toMatch(/^ORKA_SECRETS_KEY_PREVIOUS is not a valid key/);
    expect(secretsKeyProblem({ ORKA_SECRETS_KEY: base64Key })).toBeNull();
  });
});

describe("encryptSecret / decryptSecret", () => {
  const keys = secretsKeysFromEnv({ ORKA_SECRETS_KEY: base64Key });

  it("round-trips any text, with a fresh IV each time and no plaintext in the stored form", () => {
    const value = "Bearer tøken ✓ ".repeat(500);
    const first = encryptSecret(keys, owner, value);
    const second = encryptSecret(keys, owner, value);
    expect(first.keyId).toBe(keys.current.id);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(Buffer.from(first.ciphertext, "base64").length).toBe(12 + 16 + Buffer.byteLength(value));
    expect(first.ciphertext).not.toContain("tøken");
    expect(decryptSecret(keys, owner, first)).toBe(value);
    expect(decryptSecret(keys, owner, second)).toBe(value);
  });

  it("refuses a value that was altered, truncated, or moved to another team or name", () => {
    const stored = encryptSecret(keys, owner, "s3cr3t");
    const bytes = Buffer.from(stored.ciphertext, "base64");
    bytes[bytes.length - 1]! ^= 1;
    const altered = { ...stored, ciphertext: bytes.toString("base64") };
    const message = "secret TOKEN cannot be decrypted: its stored value was altered or belongs to another secret; save the secret again";
    expect(() => decryptSecret(keys, owner, altered)).toThrow(new SecretsKeyError(message));
    expect(() => decryptSecret(keys, owner, { ...stored, ciphertext: "AAAA" })).toThrow(message);
    expect(() => decryptSecret(keys, { ...owner, teamId: "team_2" }, stored)).toThrow(SecretsKeyError);
    expect(() => decryptSecret(keys, { ...owner, name: "OTHER" }, stored)).toThrow("secret OTHER cannot be decrypted");
  });

  it("decrypts what the previous key saved after a rotation, and says which key is missing otherwise", () => {
    const old = secretsKeysFromEnv({ ORKA_SECRETS_KEY: hexKey });
    const stored = encryptSecret(old, owner, "from before");
    const rotated = secretsKeysFromEnv({ ORKA_SECRETS_KEY: base64Key, ORKA_SECRETS_KEY_PREVIOUS: hexKey });
    expect(decryptSecret(rotated, owner, stored)).toBe("from before");
    expect(encryptSecret(rotated, owner, "new").keyId).toBe(rotated.current.id);
    expect(() => decryptSecret(keys, owner, stored)).toThrow(
      `secret TOKEN was saved with key ${old.current.id}, which is neither ORKA_SECRETS_KEY (${keys.current.id}) nor ORKA_SECRETS_KEY_PREVIOUS (not set): set that key as ORKA_SECRETS_KEY_PREVIOUS, or save the secret again`,
    );
  });
});
