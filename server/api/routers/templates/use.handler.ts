import "server-only";
import { personActor } from "@/server/audit/record-audit";
import { createWorkflowFromTemplate, type MadeWorkflow } from "@/server/templates/use-template";
import type { TeamContext } from "../../trpc";
import type { UseTemplateInput } from "./use.schema";

/** A new workflow in the caller's team from the template's latest version, published as version 1. */
export async function useTemplateHandler({ ctx, input }: { ctx: TeamContext; input: UseTemplateInput }): Promise<MadeWorkflow> {
  return createWorkflowFromTemplate(ctx.db, {
    ...input,
    teamId: ctx.membership.teamId,
    actor: { ...personActor(ctx.session), id: ctx.membership.userId },
  });
}
