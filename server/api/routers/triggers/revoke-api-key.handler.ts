import "server-only";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { RevokeApiKeyInput } from "./api-keys.schema";

/** Revokes a key of the caller's team at once; revoking a revoked key keeps its first revocation time. */
export async function revokeApiKey({ ctx, input }: { ctx: TeamContext; input: RevokeApiKeyInput }): Promise<{ id: string; revokedAt: Date }> {
  const db = ctx.db;
  const key = await db.apiKey.findFirst({ where: { id: input.apiKeyId, teamId: ctx.membership.teamId }, select: { id: true, revokedAt: true } });
  if (!key) throw new NotFoundError("API key");
  if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
  const revoked = await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: { id: true, revokedAt: true } });
  return { id: revoked.id, revokedAt: revoked.revokedAt! };
}
