import "server-only";
import { secretsKeyProblem, secretsKeysFromEnv } from "@/server/secrets/secrets-key";
import type { TeamContext } from "../../trpc";
import { maxSecretsPerTeam } from "./set.schema";

export interface SecretSummary {
  name: string;
  updatedAt: Date;
  updatedBy: { id: string; name: string } | null;
  /**
   * Which configured key decrypts it: `previous` means it still needs the rotated-out key (save it
   * again to move it to the current one), `unknown` that no configured key can.
   */
  key: "current" | "previous" | "unknown";
}

export interface SecretList {
  secrets: SecretSummary[];
  /** Owners may save and delete; everyone else reads the names. */
  canEdit: boolean;
  /** Why secrets cannot be saved or used on this server (the key is missing or invalid), or null. */
  keyProblem: string | null;
  limit: number;
}

/** The team's secret names, A→Z: never a value or ciphertext, for any role. */
export async function listSecrets({ ctx }: { ctx: TeamContext }): Promise<SecretList> {
  const rows = await ctx.db.teamSecret.findMany({
    where: { teamId: ctx.membership.teamId },
    orderBy: { name: "asc" },
    select: { name: true, updatedAt: true, keyId: true, updatedBy: { select: { id: true, name: true } } },
  });
  const keyProblem = secretsKeyProblem();
  const keys = keyProblem ? null : secretsKeysFromEnv();
  const keyOf = (keyId: string): SecretSummary["key"] => (keyId === keys?.current.id ? "current" : keyId === keys?.previous?.id ? "previous" : "unknown");
  return {
    secrets: rows.map((row) => ({ name: row.name, updatedAt: row.updatedAt, updatedBy: row.updatedBy, key: keyOf(row.keyId) })),
    canEdit: ctx.membership.role === "owner",
    keyProblem,
    limit: maxSecretsPerTeam,
  };
}
