import "server-only";
import type { Db } from "@/server/db/create-prisma-client";
import { isVisibleTo } from "./visibility";

/** The template a workflow was made from, as the designer shows it ("newer template version available"). */
export interface TemplateOrigin {
  id: string;
  title: string;
  /** The template version the workflow copied. */
  version: number;
  latestVersion: number;
}

/** null when the workflow was not made from a template, the template is gone, or the team can no longer see it. */
export async function templateOrigin(db: Pick<Db, "workflow">, teamId: string, workflowId: string): Promise<TemplateOrigin | null> {
  const workflow = await db.workflow.findFirst({
    where: { id: workflowId, teamId },
    select: { templateVersion: true, template: { select: { id: true, title: true, latestVersion: true, teamId: true, visibility: true } } },
  });
  const template = workflow?.template;
  if (!template || workflow.templateVersion === null || !isVisibleTo(template, teamId)) return null;
  return { id: template.id, title: template.title, version: workflow.templateVersion, latestVersion: template.latestVersion };
}
