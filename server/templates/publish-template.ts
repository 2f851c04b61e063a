import "server-only";
import { TRPCError } from "@trpc/server";
import { NotFoundError } from "@/server/api/errors";
import { recordAudit, type AuditActor } from "@/server/audit/record-audit";
import type { Db } from "@/server/db/create-prisma-client";
import { hasRole, type Role } from "@/server/roles";
import type { TemplateTag, TemplateVisibility } from "./template-rules";
import { snapshotTriggers } from "./template-triggers";

export interface PublishTemplateRequest {
  teamId: string;
  role: Role;
  actor: AuditActor & { id: string };
  workflowId: string;
  /** A published version number of the workflow; its latest when absent. */
  version?: number;
  title: string;
  description: string;
  tags: TemplateTag[];
  visibility: TemplateVisibility;
}

export interface PublishedTemplate {
  templateId: string;
  /** The template version this publish created (1 for a new template). */
  version: number;
  republished: boolean;
}

/**
 * A public template is shown to every team of the installation: that is the team owner's call, as
 * membership is. Checked before anything is read, so a refused publish changes nothing.
 */
export function checkMayPublish(role: Role, visibility: TemplateVisibility): void {
  if (visibility === "public" && !hasRole(role, "owner"))
    throw new TRPCError({ code: "FORBIDDEN", message: "only team owners can publish a public template (it is shown to every team); choose team visibility" });
}

/**
 * Snapshots a published workflow version (and its triggers, without tokens) as a template of the
 * team. The team's template already published from this workflow is republished instead: a new
 * TemplateVersion and the new title, description, tags and visibility. Workflows made from older
 * versions keep their copies.
 */
export async function publishTemplate(db: Db, request: PublishTemplateRequest): Promise<PublishedTemplate> {
  checkMayPublish(request.role, request.visibility);
  return db.$transaction(async (tx) => {
    const workflow = await tx.workflow.findFirst({ where: { id: request.workflowId, teamId: request.teamId }, select: { id: true, name: true } });
    if (!workflow) throw new NotFoundError("workflow");
    const source = await tx.workflowVersion.findFirst({
      where: { workflowId: workflow.id, ...(request.version !== undefined && { number: request.version }) },
      orderBy: { number: "desc" },
      select: { number: true, definition: true },
    });
    if (!source && request.version !== undefined) throw new NotFoundError(`version ${request.version} of workflow "${workflow.name}"`);
    if (!source)
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: `workflow "${workflow.name}" has no published version — publish it first, then publish it as a template` });

    const existing = await tx.template.findFirst({ where: { teamId: request.teamId, sourceWorkflowId: workflow.id }, select: { id: true, latestVersion: true } });
    const number = (existing?.latestVersion ?? 0) + 1;
    const fields = { title: request.title, description: request.description, visibility: request.visibility, latestVersion: number };
    const tags = { create: request.tags.map((tag) => ({ tag })) };
    const template = existing
      ? await tx.template.update({ where: { id: existing.id }, data: { ...fields, tags: { deleteMany: {}, ...tags } }, select: { id: true } })
      : await tx.template.create({ data: { ...fields, teamId: request.teamId, sourceWorkflowId: workflow.id, tags }, select: { id: true } });
    await tx.templateVersion.create({
      data: {
        templateId: template.id,
        number,
        definition: source.definition,
        triggers: JSON.stringify(await snapshotTriggers(tx, workflow.id)),
        sourceVersion: source.number,
        publishedById: request.actor.id,
      },
    });
    await recordAudit(tx, {
      teamId: request.teamId,
      actor: request.actor,
      action: "template.published",
      target: { type: "template", id: template.id, label: request.title },
      detail: { version: number, workflowId: workflow.id, workflowVersion: source.number, visibility: request.visibility },
    });
    return { templateId: template.id, version: number, republished: existing !== null };
  });
}
