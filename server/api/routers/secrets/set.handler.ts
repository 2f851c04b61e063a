import "server-only";
import { ValidationError } from "@/engine/definition/issues";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { encryptSecret } from "@/server/secrets/secret-cipher";
import type { TeamContext } from "../../trpc";
import { requireSecretsKeys } from "./secrets-key-check";
import { maxSecretsPerTeam, type SetSecretInput } from "./set.schema";

export interface SavedSecret {
  name: string;
  updatedAt: Date;
  /** False when an existing value was replaced. */
  created: boolean;
}

/**
 * Creates the secret or replaces its value, encrypted under the current key. The answer names it
 * and nothing more: the value is never sent back, and the audit entry records only the name.
 */
export async function setSecret({ ctx, input }: { ctx: TeamContext; input: SetSecretInput }): Promise<SavedSecret> {
  const keys = requireSecretsKeys();
  const teamId = ctx.membership.teamId;
  const stored = encryptSecret(keys, { teamId, name: input.name }, input.value);
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.teamSecret.findUnique({ where: { teamId_name: { teamId, name: input.name } }, select: { id: true } });
    if (!existing && (await tx.teamSecret.count({ where: { teamId } })) >= maxSecretsPerTeam)
      throw new ValidationError([{ path: "name", message: `a team has at most ${maxSecretsPerTeam} secrets: delete one before adding another` }], "too many secrets");
    const data = { ciphertext: stored.ciphertext, keyId: stored.keyId, updatedById: ctx.membership.userId };
    const row = existing
      ? await tx.teamSecret.update({ where: { id: existing.id }, data, select: { id: true, name: true, updatedAt: true } })
      : await tx.teamSecret.create({ data: { ...data, teamId, name: input.name }, select: { id: true, name: true, updatedAt: true } });
    await recordAudit(tx, {
      teamId,
      actor: personActor(ctx.session),
      action: "secret.saved",
      target: { type: "secret", id: row.id, label: row.name },
      detail: { replaced: Boolean(existing) },
    });
    return { name: row.name, updatedAt: row.updatedAt, created: !existing };
  });
}
