import "server-only";
import { TRPCError } from "@trpc/server";
import { secretsKeysFromEnv, SecretsKeyError, type SecretsKeys } from "@/server/secrets/secrets-key";

/**
 * The server's secrets keys, or PRECONDITION_FAILED with the fix ("ORKA_SECRETS_KEY is not set: …"):
 * a setup problem of this server that the person saving a secret must be told about.
 */
export function requireSecretsKeys(env: Record<string, string | undefined> = process.env): SecretsKeys {
  try {
    return secretsKeysFromEnv(env);
  } catch (error) {
    if (error instanceof SecretsKeyError) throw new TRPCError({ code: "PRECONDITION_FAILED", message: error.message, cause: error });
    throw error;
  }
}
