import "server-only";
import { sameDefinition, type ValidationIssue } from "@/engine/definition";
import { hasRole } from "@/server/roles";
import { templateOrigin, type TemplateOrigin } from "@/server/templates/template-origin";
import type { TeamContext } from "../../trpc";
import { validateStoredDraft } from "./draft-validation";
import type { GetWorkflowInput } from "./get.schema";
import { findTeamWorkflow, parseDraft } from "./workflow-access";

export interface WorkflowDetail {
  id: string;
  name: string;
  namespace: string;
  description: string;
  draft: unknown;
  draftRevision: number;
  /** Who wrote the current draft revision (null before the first save or once the account is gone). */
  draftUpdatedBy: { id: string; name: string } | null;
  updatedAt: Date;
  /** Problems in the draft ([] when it could be published). */
  issues: ValidationIssue[];
  latestVersion: number | null;
  /** The latest version was published from this very draft revision, or equals the draft: nothing to publish. */
  draftIsPublished: boolean;
  /** The caller may edit, publish and restore (editor or owner); the server checks again on every write. */
  canEdit: boolean;
  /** The template it was made from (null when none, deleted or no longer visible): the designer says when a newer version exists. */
  template: TemplateOrigin | null;
}

export async function getWorkflow({ ctx, input }: { ctx: TeamContext; input: GetWorkflowInput }): Promise<WorkflowDetail> {
  const { draft: text, ...workflow } = await findTeamWorkflow(ctx, input.workflowId);
  const draft = parseDraft(text);
  const latest = await ctx.db.workflowVersion.findFirst({
    where: { workflowId: workflow.id },
    orderBy: { number: "desc" },
    select: { number: true, sourceRevision: true, definition: true },
  });
  const validation = validateStoredDraft(workflow, text, draft);
  const unchanged = latest !== null && (latest.sourceRevision === workflow.draftRevision || (validation.ok && sameDefinition(JSON.parse(latest.definition), validation.definition)));
  return {
    ...workflow,
    draft,
    issues: validation.issues,
    latestVersion: latest?.number ?? null,
    draftIsPublished: unchanged,
    canEdit: hasRole(ctx.membership.role, "editor"),
    template: await templateOrigin(ctx.db, ctx.membership.teamId, workflow.id),
  };
}
