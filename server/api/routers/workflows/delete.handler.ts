import "server-only";
import { TRPCError } from "@trpc/server";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { DeleteWorkflowInput } from "./delete.schema";

/** Deletes the workflow with its versions. Runs keep their versions (Restrict), so a run version blocks the delete. */
export async function deleteWorkflow({ ctx, input }: { ctx: TeamContext; input: DeleteWorkflowInput }): Promise<{ id: string }> {
  try {
    const { count } = await ctx.db.workflow.deleteMany({ where: { id: input.workflowId, teamId: ctx.membership.teamId } });
    if (count === 0) throw new NotFoundError("workflow");
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2003")
      throw new TRPCError({ code: "CONFLICT", message: "the workflow has runs of its versions; delete the runs first" });
    throw error;
  }
  return { id: input.workflowId };
}
