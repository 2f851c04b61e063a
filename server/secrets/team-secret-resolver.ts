import { PermanentError, type SecretResolver } from "../../engine/index";
import type { Db } from "../db/create-prisma-client";
import { decryptSecret } from "./secret-cipher";
import { SecretsKeyError, secretsKeysFromEnv } from "./secrets-key";

/**
 * The engine's `SecretResolver` on the app's database: reads only the named rows of the team and
 * decrypts them on this server. A missing or wrong key, or an altered value, fails the step for
 * good (retrying cannot fix it) with a message that names the secret, never its value.
 *
 * @example
 * createEngine({ store, secrets: teamSecretResolver(db) });
 */
export function teamSecretResolver(db: Pick<Db, "teamSecret">, env: Record<string, string | undefined> = process.env): SecretResolver {
  return {
    async resolve(teamId, names) {
      const rows = await db.teamSecret.findMany({ where: { teamId, name: { in: [...names] } }, select: { name: true, ciphertext: true, keyId: true } });
      if (rows.length === 0) return {};
      try {
        const keys = secretsKeysFromEnv(env);
        return Object.fromEntries(rows.map((row) => [row.name, decryptSecret(keys, { teamId, name: row.name }, row)]));
      } catch (error) {
        if (error instanceof SecretsKeyError) throw new PermanentError(error.message);
        throw error;
      }
    },
  };
}
