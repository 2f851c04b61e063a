import "server-only";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "../workflows/workflow-access";
import type { WorkflowRefInput } from "./workflow-ref.schema";

/** Removes the webhook; its URL answers 404 from now on. Deleting none is not an error. */
export async function deleteWebhook({ ctx, input }: { ctx: TeamContext; input: WorkflowRefInput }): Promise<{ deleted: boolean }> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const { count } = await ctx.db.workflowWebhook.deleteMany({ where: { workflowId: workflow.id } });
  return { deleted: count > 0 };
}
