import "server-only";
import type { TeamContext } from "../../trpc";
import type { ListVersionsInput } from "./versions.schema";
import { findTeamWorkflow } from "./workflow-access";

export interface VersionSummary {
  id: string;
  number: number;
  createdAt: Date;
  /** null once the author's account is gone. */
  author: { id: string; name: string } | null;
}

export async function listVersions({ ctx, input }: { ctx: TeamContext; input: ListVersionsInput }): Promise<VersionSummary[]> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  return ctx.db.workflowVersion.findMany({
    where: { workflowId: workflow.id },
    orderBy: { number: "desc" },
    select: { id: true, number: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
}
