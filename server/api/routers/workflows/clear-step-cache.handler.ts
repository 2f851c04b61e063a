import "server-only";
import { requireEngine, type TeamContext } from "../../trpc";
import type { ClearStepCacheInput } from "./clear-step-cache.schema";
import { findTeamWorkflow } from "./workflow-access";

/** Deletes the cached outputs of one step of a workflow of the caller's team: its next run computes afresh. */
export async function clearStepCache({ ctx, input }: { ctx: TeamContext; input: ClearStepCacheInput }): Promise<{ cleared: number }> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const engine = await requireEngine(ctx);
  const cleared = await engine.clearStepCache({ teamId: ctx.membership.teamId, workflowKey: workflow.id, stepId: input.stepId });
  return { cleared };
}
