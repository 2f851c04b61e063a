import "server-only";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "../workflows/workflow-access";
import type { WorkflowRefInput } from "./workflow-ref.schema";

/** Removes the webhook; its URL answers 404 from now on. Deleting none is not an error. */
export async function deleteWebhook({ ctx, input }: { ctx: TeamContext; input: WorkflowRefInput }): Promise<{ deleted: boolean }> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.workflowWebhook.deleteMany({ where: { workflowId: workflow.id } });
    if (count === 0) return { deleted: false };
    const target = { type: "webhook", id: workflow.id, label: workflow.name } as const;
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "webhook.deleted", target, detail: { workflowId: workflow.id } });
    return { deleted: true };
  });
}
