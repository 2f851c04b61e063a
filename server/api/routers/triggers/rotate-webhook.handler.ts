import "server-only";
import { issueWebhookToken, type IssuedWebhook } from "@/server/triggers/webhooks";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "../workflows/workflow-access";
import type { WorkflowRefInput } from "./workflow-ref.schema";

/** Creates the workflow's webhook, or replaces its token (the old URL stops working). The token is in this answer only. */
export async function rotateWebhook({ ctx, input }: { ctx: TeamContext; input: WorkflowRefInput }): Promise<IssuedWebhook> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  return issueWebhookToken(ctx.db, workflow.id);
}
