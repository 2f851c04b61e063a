import "server-only";
import { NotFoundError } from "@/server/api/errors";
import type { Db } from "@/server/db/create-prisma-client";

/**
 * What a team may see: the built-ins (no team), any team's public templates, and its own
 * team-only ones. Everything else answers "not found", exactly like an id that does not exist.
 */
export function visibleTemplatesWhere(teamId: string) {
  return { OR: [{ teamId: null }, { visibility: "public" }, { teamId }] };
}

export function isVisibleTo(template: { teamId: string | null; visibility: string }, teamId: string): boolean {
  return template.teamId === null || template.visibility === "public" || template.teamId === teamId;
}

/** The template if the team may see it; NOT_FOUND otherwise (another team's team-only template included). */
export async function findVisibleTemplate(db: Pick<Db, "template">, teamId: string, templateId: string) {
  const template = await db.template.findFirst({
    where: { AND: [{ id: templateId }, visibleTemplatesWhere(teamId)] },
    select: { id: true, teamId: true, builtinKey: true, title: true, description: true, visibility: true, latestVersion: true },
  });
  if (!template) throw new NotFoundError("template");
  return template;
}

/** The latest version's snapshot; every template has one (publishing creates both in one transaction). */
export async function latestTemplateVersion(db: Pick<Db, "templateVersion">, template: { id: string; latestVersion: number }) {
  return db.templateVersion.findUniqueOrThrow({
    where: { templateId_number: { templateId: template.id, number: template.latestVersion } },
    select: { number: true, definition: true, triggers: true },
  });
}
