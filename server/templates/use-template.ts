import "server-only";
import { validateDefinition, ValidationError } from "@/engine/definition";
import { workflowNameSchema, workflowNamespaceSchema } from "@/server/api/routers/workflows/workflow-input";
import { recordAudit, type AuditActor } from "@/server/audit/record-audit";
import type { Db } from "@/server/db/create-prisma-client";
import { hashSecret, newSecret } from "@/server/triggers/secrets";
import { parseTemplateTriggers } from "./template-triggers";
import { findVisibleTemplate, latestTemplateVersion } from "./visibility";

export interface UseTemplateRequest {
  teamId: string;
  actor: AuditActor & { id: string };
  templateId: string;
  /** The new workflow's name; the template definition's name (snake_cased) when absent. Made unique with `_2`, `_3`, … */
  name?: string;
}

export interface MadeWorkflow {
  id: string;
  name: string;
  namespace: string;
  templateVersion: number;
  /** Schedules recreated from the template, all disabled. */
  schedules: number;
  /** A fresh webhook was issued (its URL is obtained by rotating it: the token is shown to nobody). */
  webhook: boolean;
}

/**
 * A new workflow of the team from the template's latest version: the snapshot as its draft and as
 * published version 1, so it runs as is. Schedules come back disabled with fresh ids, a webhook
 * with a fresh token; no secret value is ever part of a template (only `$secrets.NAME` references).
 */
export async function createWorkflowFromTemplate(db: Db, request: UseTemplateRequest): Promise<MadeWorkflow> {
  return db.$transaction(async (tx) => {
    const template = await findVisibleTemplate(tx, request.teamId, request.templateId);
    const version = await latestTemplateVersion(tx, template);
    const snapshot = JSON.parse(version.definition) as Record<string, unknown>;
    const namespace = workflowNamespaceSchema.safeParse(snapshot.namespace).data ?? "default";
    const name = await freeName(tx, request.teamId, namespace, request.name ?? toWorkflowName(snapshot.name));
    const definition = { ...snapshot, name, namespace };
    const validation = validateDefinition(definition);
    if (!validation.ok) throw new ValidationError(validation.issues, `template "${template.title}" no longer validates`);
    const json = JSON.stringify(definition);
    const description = typeof snapshot.description === "string" ? snapshot.description.slice(0, 2000) : template.description;
    const workflow = await tx.workflow.create({
      data: {
        teamId: request.teamId,
        name,
        namespace,
        description,
        draft: json,
        draftUpdatedById: request.actor.id,
        templateId: template.id,
        templateVersion: version.number,
        versions: { create: { number: 1, definition: json, authorId: request.actor.id, sourceRevision: 0 } },
      },
      select: { id: true },
    });
    const triggers = parseTemplateTriggers(version.triggers);
    for (const schedule of triggers.schedules)
      await tx.schedule.create({
        data: { workflowId: workflow.id, cron: schedule.cron, timezone: schedule.timezone, input: JSON.stringify(schedule.input ?? {}), enabled: false, nextRunAt: null },
      });
    if (triggers.webhook) await tx.workflowWebhook.create({ data: { workflowId: workflow.id, tokenHash: hashSecret(newSecret()) } });

    await recordAudit(tx, {
      teamId: request.teamId,
      actor: request.actor,
      action: "workflow.created",
      target: { type: "workflow", id: workflow.id, label: name },
      detail: { templateId: template.id, templateVersion: version.number },
    });
    await recordAudit(tx, {
      teamId: request.teamId,
      actor: request.actor,
      action: "template.used",
      target: { type: "template", id: template.id, label: template.title },
      detail: { workflowId: workflow.id, version: version.number },
    });
    return { id: workflow.id, name, namespace, templateVersion: version.number, schedules: triggers.schedules.length, webhook: triggers.webhook };
  });
}

/** A definition's display name as a workflow name (snake_case, room left for a `_NN` suffix). */
export function toWorkflowName(value: unknown): string {
  const words = (typeof value === "string" ? value : "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  const name = /^[a-z]/.test(words) ? words : words ? `workflow_${words}` : "workflow";
  return name.slice(0, 90).replace(/_+$/, "");
}

async function freeName(db: Pick<Db, "workflow">, teamId: string, namespace: string, wanted: string): Promise<string> {
  const base = workflowNameSchema.parse(wanted);
  const taken = await db.workflow.findMany({ where: { teamId, namespace, name: { startsWith: base } }, select: { name: true } });
  const names = new Set(taken.map((workflow) => workflow.name));
  if (!names.has(base)) return base;
  const stem = base.slice(0, 95);
  for (let suffix = 2; ; suffix++) if (!names.has(`${stem}_${suffix}`)) return `${stem}_${suffix}`;
}
