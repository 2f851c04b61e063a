import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { issueWebhookToken, type IssuedWebhook } from "@/server/triggers/webhooks";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "../workflows/workflow-access";
import type { WorkflowRefInput } from "./workflow-ref.schema";

/** Creates the workflow's webhook, or replaces its token (the old URL stops working). The token is in this answer only. */
export async function rotateWebhook({ ctx, input }: { ctx: TeamContext; input: WorkflowRefInput }): Promise<IssuedWebhook> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  return ctx.db.$transaction(async (tx) => {
    const replaced = (await tx.workflowWebhook.count({ where: { workflowId: workflow.id } })) > 0;
    const issued = await issueWebhookToken(tx, workflow.id);
    const target = { type: "webhook", id: workflow.id, label: workflow.name } as const;
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "webhook.rotated", target, detail: { workflowId: workflow.id, replaced } });
    return issued;
  });
}
