import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { issueApiKey } from "@/server/api/rest/api-keys";
import type { TeamContext } from "../../trpc";
import type { CreateApiKeyInput } from "./api-keys.schema";

export interface CreatedApiKey {
  id: string;
  name: string;
  /** The whole key, in this answer only: only its hash is stored. */
  key: string;
  prefix: string;
  createdAt: Date;
}

/** A new key for the REST API acting for the caller's team (with an editor's rights: start and read runs). */
export async function createApiKey({ ctx, input }: { ctx: TeamContext; input: CreateApiKeyInput }): Promise<CreatedApiKey> {
  const issued = await ctx.db.$transaction(async (tx) => {
    const key = await issueApiKey(tx, { teamId: ctx.membership.teamId, name: input.name, createdById: ctx.membership.userId });
    const target = { type: "api_key", id: key.id, label: input.name } as const;
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "api_key.created", target, detail: { prefix: key.prefix } });
    return key;
  });
  return { id: issued.id, name: input.name, key: issued.key, prefix: issued.prefix, createdAt: issued.createdAt };
}
