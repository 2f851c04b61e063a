import "server-only";
import { TRPCError } from "@trpc/server";
import { workflowTarget } from "@/server/audit/audit-targets";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { DeleteWorkflowInput } from "./delete.schema";

/** Deletes the workflow with its versions. Runs keep their versions (Restrict), so a run version blocks the delete. */
export async function deleteWorkflow({ ctx, input }: { ctx: TeamContext; input: DeleteWorkflowInput }): Promise<{ id: string }> {
  try {
    await ctx.db.$transaction(async (tx) => {
      const workflow = await tx.workflow.findFirst({ where: { id: input.workflowId, teamId: ctx.membership.teamId }, select: { id: true, name: true } });
      const { count } = await tx.workflow.deleteMany({ where: { id: input.workflowId, teamId: ctx.membership.teamId } });
      if (!workflow || count === 0) throw new NotFoundError("workflow");
      await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "workflow.deleted", target: workflowTarget(workflow) });
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2003")
      throw new TRPCError({ code: "CONFLICT", message: "the workflow has runs of its versions; delete the runs first" });
    throw error;
  }
  return { id: input.workflowId };
}
