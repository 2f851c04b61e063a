import "server-only";
import { issueApiKey } from "@/server/triggers/api-keys";
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
  const issued = await issueApiKey(ctx.db, { teamId: ctx.membership.teamId, name: input.name, createdById: ctx.membership.userId });
  return { id: issued.id, name: input.name, key: issued.key, prefix: issued.prefix, createdAt: issued.createdAt };
}
