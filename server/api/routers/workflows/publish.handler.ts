import "server-only";
import { TRPCError } from "@trpc/server";
import { sameDefinition, ValidationError } from "@/engine/definition";
import { workflowTarget } from "@/server/audit/audit-targets";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import type { TeamContext } from "../../trpc";
import { validateStoredDraft } from "./draft-validation";
import { staleRevisionError } from "./draft-write";
import type { PublishWorkflowInput } from "./publish.schema";
import { findTeamWorkflow, parseDraft } from "./workflow-access";

/**
 * Freezes the draft as the next numbered version, remembering which draft revision it was so the
 * designer can tell whether the draft holds unpublished changes. Invalid drafts are refused with their
 * issues, and a draft equal to the latest version (keys in any order) with "nothing changed since vN":
 * versions are for changes, test runs are for trying a draft.
 */
export async function publishWorkflow({ ctx, input }: { ctx: TeamContext; input: PublishWorkflowInput }): Promise<{ versionId: string; number: number }> {
  return ctx.db.$transaction(async (tx) => {
    const workflow = await findTeamWorkflow({ db: tx, membership: ctx.membership }, input.workflowId);
    if (workflow.draftRevision !== input.baseRevision) throw staleRevisionError(workflow);
    const validation = validateStoredDraft(workflow, workflow.draft, parseDraft(workflow.draft));
    if (!validation.ok) throw new ValidationError(validation.issues, "the draft cannot be published");
    const latest = await tx.workflowVersion.findFirst({ where: { workflowId: workflow.id }, orderBy: { number: "desc" }, select: { number: true, definition: true } });
    if (latest && sameDefinition(JSON.parse(latest.definition), validation.definition))
      throw new TRPCError({ code: "CONFLICT", message: unchangedSinceMessage(latest.number) });
    const version = await tx.workflowVersion.create({
      data: {
        workflowId: workflow.id,
        number: (latest?.number ?? 0) + 1,
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

export function unchangedSinceMessage(versionNumber: number): string {
  return `nothing changed since v${versionNumber}`;
}
