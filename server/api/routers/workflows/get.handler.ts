import "server-only";
import { validateDefinition, type ValidationIssue } from "@/engine/definition";
import type { TeamContext } from "../../trpc";
import type { GetWorkflowInput } from "./get.schema";
import { findTeamWorkflow, parseDraft } from "./workflow-access";

export interface WorkflowDetail {
  id: string;
  name: string;
  namespace: string;
  description: string;
  draft: unknown;
  draftRevision: number;
  updatedAt: Date;
  /** Problems in the draft ([] when it could be published). */
  issues: ValidationIssue[];
  latestVersion: number | null;
}

export async function getWorkflow({ ctx, input }: { ctx: TeamContext; input: GetWorkflowInput }): Promise<WorkflowDetail> {
  const { draft: text, ...workflow } = await findTeamWorkflow(ctx, input.workflowId);
  const draft = parseDraft(text);
  const latest = await ctx.db.workflowVersion.findFirst({
    where: { workflowId: workflow.id },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return { ...workflow, draft, issues: validateDefinition(draft).issues, latestVersion: latest?.number ?? null };
}
