import "server-only";
import { workflowTarget } from "@/server/audit/audit-targets";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import type { TeamContext } from "../../trpc";
import type { DuplicateWorkflowInput } from "./duplicate.schema";
import { findTeamWorkflow, parseDraft } from "./workflow-access";

/** A copy of the draft as a new workflow named `<name>_copy` (or `_copy_2`, …); versions stay with the original. */
export async function duplicateWorkflow({ ctx, input }: { ctx: TeamContext; input: DuplicateWorkflowInput }): Promise<{ id: string; name: string }> {
  const original = await findTeamWorkflow(ctx, input.workflowId);
  const name = await freeCopyName(ctx, original.namespace, original.name);
  const draft = parseDraft(original.draft);
  const copiedDraft = typeof draft === "object" && draft !== null && !Array.isArray(draft) ? { ...draft, name } : draft;
  return ctx.db.$transaction(async (tx) => {
    const copy = await tx.workflow.create({
      data: { teamId: ctx.membership.teamId, name, namespace: original.namespace, description: original.description, draft: JSON.stringify(copiedDraft) },
      select: { id: true, name: true },
    });
    const detail = { namespace: original.namespace, duplicatedFrom: { id: original.id, name: original.name } };
    await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), action: "workflow.created", target: workflowTarget(copy), detail });
    return copy;
  });
}

async function freeCopyName(ctx: TeamContext, namespace: string, name: string): Promise<string> {
  const base = `${name}_copy`;
  const taken = await ctx.db.workflow.findMany({
    where: { teamId: ctx.membership.teamId, namespace, name: { startsWith: base } },
    select: { name: true },
  });
  const names = new Set(taken.map((workflow) => workflow.name));
  if (!names.has(base)) return base;
  for (let suffix = 2; ; suffix++) if (!names.has(`${base}_${suffix}`)) return `${base}_${suffix}`;
}
