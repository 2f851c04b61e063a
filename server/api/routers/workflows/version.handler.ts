import "server-only";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { GetVersionInput } from "./version.schema";
import { parseDraft } from "./workflow-access";

export interface VersionDetail {
  id: string;
  number: number;
  createdAt: Date;
  definition: unknown;
}

/** One immutable published definition of a workflow of the caller's team. */
export async function getVersion({ ctx, input }: { ctx: TeamContext; input: GetVersionInput }): Promise<VersionDetail> {
  const version = await ctx.db.workflowVersion.findFirst({
    where: { number: input.number, workflow: { id: input.workflowId, teamId: ctx.membership.teamId } },
    select: { id: true, number: true, createdAt: true, definition: true },
  });
  if (!version) throw new NotFoundError(`version ${input.number}`);
  return { ...version, definition: parseDraft(version.definition) };
}
