import "server-only";
import { hasRole } from "@/server/roles";
import { isTemplateTag, templateLimits, type TemplateTag, type TemplateVisibility } from "@/server/templates/template-rules";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "../workflows/workflow-access";
import type { TemplateForWorkflowInput } from "./for-workflow.schema";

export interface TemplatePublishForm {
  /** The team's template already published from this workflow: publishing again adds a version to it. */
  existing: { id: string; title: string; description: string; tags: TemplateTag[]; visibility: TemplateVisibility; latestVersion: number } | null;
  /** The workflow's latest published version (what would be published); null when never published. */
  workflowVersion: number | null;
  /** Only owners may choose `public`. */
  canPublishPublic: boolean;
  limits: typeof templateLimits;
}

/** What the designer's "Publish as template" form starts from. */
export async function templateForWorkflow({ ctx, input }: { ctx: TeamContext; input: TemplateForWorkflowInput }): Promise<TemplatePublishForm> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const existing = await ctx.db.template.findFirst({
    where: { teamId: ctx.membership.teamId, sourceWorkflowId: workflow.id },
    select: { id: true, title: true, description: true, visibility: true, latestVersion: true, tags: { select: { tag: true }, orderBy: { tag: "asc" } } },
  });
  const latest = await ctx.db.workflowVersion.findFirst({ where: { workflowId: workflow.id }, orderBy: { number: "desc" }, select: { number: true } });
  return {
    existing: existing && {
      ...existing,
      tags: existing.tags.map((row) => row.tag).filter(isTemplateTag),
      visibility: existing.visibility === "public" ? "public" : "team",
    },
    workflowVersion: latest?.number ?? null,
    canPublishPublic: hasRole(ctx.membership.role, "owner"),
    limits: templateLimits,
  };
}
