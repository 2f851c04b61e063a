import "server-only";
import { workflowTarget } from "@/server/audit/audit-targets";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import type { TeamContext } from "../../trpc";
import type { CreateWorkflowInput } from "./create.schema";
import { duplicateNameError, isUniqueViolation } from "./workflow-access";

/** A new workflow whose draft is the smallest valid definition: no steps yet. */
export async function createWorkflow({ ctx, input }: { ctx: TeamContext; input: CreateWorkflowInput }): Promise<{ id: string }> {
  const { name, namespace, description } = input;
  const draft = { format: "orka/v1", name, namespace, steps: [], edges: [] };
  try {
    return await ctx.db.$transaction(async (tx) => {
      const created = await tx.workflow.create({
        data: { teamId: ctx.membership.teamId, name, namespace, description, draft: JSON.stringify(draft), draftUpdatedById: ctx.membership.userId },
        select: { id: true },
      });
      await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "workflow.created", target: workflowTarget({ id: created.id, name }), detail: { namespace } });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateNameError(namespace, name);
    throw error;
  }
}
