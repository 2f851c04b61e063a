import "server-only";
import type { TeamContext } from "../../trpc";

export interface ApiKeySummary {
  id: string;
  name: string;
  /** `orka_` and the key's first characters: enough to recognise it, never enough to use it. */
  prefix: string;
  createdAt: Date;
  /** To the minute. */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { id: string; name: string } | null;
}

/** The team's keys, newest first, revoked ones included (they stay listed as a record). */
export async function listApiKeys({ ctx }: { ctx: TeamContext }): Promise<ApiKeySummary[]> {
  return ctx.db.apiKey.findMany({
    where: { teamId: ctx.membership.teamId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { id: true, name: true } } },
  });
}
