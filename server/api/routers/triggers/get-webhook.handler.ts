import "server-only";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "../workflows/workflow-access";
import type { WorkflowRefInput } from "./workflow-ref.schema";

export interface WebhookInfo {
  exists: boolean;
  createdAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * Whether the workflow has a webhook. Never its URL: only the token's hash is stored, so the URL
 * is shown once, by `rotateWebhook`, and a lost one is replaced by rotating again.
 */
export async function getWebhook({ ctx, input }: { ctx: TeamContext; input: WorkflowRefInput }): Promise<WebhookInfo> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const webhook = await ctx.db.workflowWebhook.findUnique({
    where: { workflowId: workflow.id },
    select: { createdAt: true, lastUsedAt: true },
  });
  return { exists: webhook !== null, createdAt: webhook?.createdAt ?? null, lastUsedAt: webhook?.lastUsedAt ?? null };
}
