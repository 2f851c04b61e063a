import "server-only";
import { ValidationError } from "@/engine/definition";
import { workflowTarget } from "@/server/audit/audit-targets";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import type { TeamContext } from "../../trpc";
import { validateDraftOf } from "./draft-validation";
import { staleRevisionError } from "./draft-write";
import type { PublishWorkflowInput } from "./publish.schema";
import { findTeamWorkflow, parseDraft } from "./workflow-access";

/**
 * Freezes the draft as the next numbered version, remembering which draft revision it was so the
 * designer can tell whether the draft holds unpublished changes. Invalid drafts are refused with their issues.
 */
export async function publishWorkflow({ ctx, input }: { ctx: TeamContext; input: PublishWorkflowInput }): Promise<{ versionId: string; number: number }> {
  return ctx.db.$transaction(async (tx) => {
    const workflow = await findTeamWorkflow({ db: tx, membership: ctx.membership }, input.workflowId);
    if (workflow.draftRevision !== input.baseRevision) throw staleRevisionError(workflow);
    const validation = validateDraftOf(workflow, parseDraft(workflow.draft));
    if (!validation.ok) throw new ValidationError(validation.issues, "the draft cannot be published");
    const latest = await tx.workflowVersion.aggregate({ where: { workflowId: workflow.id }, _max: { number: true } });
    const version = await tx.workflowVersion.create({
      data: {
        workflowId: workflow.id,
        number: (latest._max.number ?? 0) + 1,
        definition: JSON.stringify(validation.definition),
        authorId: ctx.membership.userId,
        sourceRevision: workflow.draftRevision,
      },
      select: { id: true, number: true },
    });
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "workflow.published", target: workflowTarget(workflow), detail: { version: version.number } });
    return { versionId: version.id, number: version.number };
  });
}
