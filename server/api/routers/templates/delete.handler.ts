import "server-only";
import { TRPCError } from "@trpc/server";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { findVisibleTemplate } from "@/server/templates/visibility";
import type { TeamContext } from "../../trpc";
import type { TemplateRefInput } from "./template-ref.schema";

/**
 * Deletes one of the team's templates and its versions. Workflows made from it keep their copies
 * (their link is cleared). A template the team cannot see is NOT_FOUND; a built-in or another
 * team's public template is visible but not the caller's to delete: FORBIDDEN.
 */
export async function deleteTemplate({ ctx, input }: { ctx: TeamContext; input: TemplateRefInput }): Promise<{ id: string }> {
  const teamId = ctx.membership.teamId;
  return ctx.db.$transaction(async (tx) => {
    const template = await findVisibleTemplate(tx, teamId, input.templateId);
    if (template.teamId === null) throw new TRPCError({ code: "FORBIDDEN", message: "built-in templates cannot be deleted" });
    if (template.teamId !== teamId) throw new TRPCError({ code: "FORBIDDEN", message: "only the team that published a template can delete it" });
    await tx.template.delete({ where: { id: template.id } });
    await recordAudit(tx, {
      teamId,
      actor: personActor(ctx.session),
      action: "template.deleted",
      target: { type: "template", id: template.id, label: template.title },
      detail: { latestVersion: template.latestVersion },
    });
    return { id: template.id };
  });
}
