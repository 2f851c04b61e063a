import "server-only";
import { workflowTarget } from "@/server/audit/audit-targets";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import type { TeamContext } from "../../trpc";
import type { RenameWorkflowInput } from "./rename.schema";
import { duplicateNameError, findTeamWorkflow, isUniqueViolation, parseDraft } from "./workflow-access";

export interface RenamedWorkflow {
  name: string;
  description: string;
  draftRevision: number;
  updatedAt: Date;
}

/**
 * Renames the workflow and the draft's own `name`. Changing the draft moves its revision, so an
 * editor still holding the old draft cannot silently save the old name back.
 */
export async function renameWorkflow({ ctx, input }: { ctx: TeamContext; input: RenameWorkflowInput }): Promise<RenamedWorkflow> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const draft = parseDraft(workflow.draft);
  const renamedDraft = typeof draft === "object" && draft !== null && !Array.isArray(draft) ? { ...draft, name: input.name } : draft;
  try {
    return await ctx.db.$transaction(async (tx) => {
      const renamed = await tx.workflow.update({
        where: { id: workflow.id },
        data: {
          name: input.name,
          ...(input.description !== undefined && { description: input.description }),
          draft: JSON.stringify(renamedDraft),
          draftRevision: { increment: 1 },
          draftUpdatedById: ctx.membership.userId,
        },
        select: { name: true, description: true, draftRevision: true, updatedAt: true },
      });
      const detail = { from: workflow.name, to: renamed.name, ...(input.description !== undefined && { descriptionChanged: input.description !== workflow.description }) };
      await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "workflow.renamed", target: workflowTarget({ id: workflow.id, name: renamed.name }), detail });
      return renamed;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateNameError(workflow.namespace, input.name);
    throw error;
  }
}
