import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { RevokeApiKeyInput } from "./api-keys.schema";

/** Revokes a key of the caller's team at once; revoking a revoked key keeps its first revocation time. */
export async function revokeApiKey({ ctx, input }: { ctx: TeamContext; input: RevokeApiKeyInput }): Promise<{ id: string; revokedAt: Date }> {
  const db = ctx.db;
  const key = await db.apiKey.findFirst({ where: { id: input.apiKeyId, teamId: ctx.membership.teamId }, select: { id: true, name: true, prefix: true, revokedAt: true } });
  if (!key) throw new NotFoundError("API key");
  if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
  // Revoking a revoked key changes nothing, so it is recorded once, here.
  const revoked = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: { id: true, revokedAt: true } });
    const target = { type: "api_key", id: key.id, label: key.name } as const;
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "api_key.revoked", target, detail: { prefix: key.prefix } });
    return row;
  });
  return { id: revoked.id, revokedAt: revoked.revokedAt! };
}
