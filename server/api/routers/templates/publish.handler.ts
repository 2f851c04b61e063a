import "server-only";
import { personActor } from "@/server/audit/record-audit";
import { publishTemplate, type PublishedTemplate } from "@/server/templates/publish-template";
import type { TeamContext } from "../../trpc";
import type { PublishTemplateInput } from "./publish.schema";

/** Publishes (or republishes, as the next template version) a published workflow version as the team's template. */
export async function publishTemplateHandler({ ctx, input }: { ctx: TeamContext; input: PublishTemplateInput }): Promise<PublishedTemplate> {
  return publishTemplate(ctx.db, {
    ...input,
    teamId: ctx.membership.teamId,
    role: ctx.membership.role,
    actor: { ...personActor(ctx.session), id: ctx.membership.userId },
  });
}
