import "server-only";
import { containsText } from "@/server/db/text-search";
import { visibleTemplatesWhere } from "@/server/templates/visibility";
import type { TeamContext } from "../../trpc";
import type { ListTemplatesInput, TemplateScope } from "./list.schema";
import { parseSnapshot, stepCountOf, templateSummarySelect, toTemplateSummary, type TemplateSummary } from "./template-summary";

export interface TemplateCard extends TemplateSummary {
  stepCount: number;
}

/** The gallery: what the team may see (built-ins, public templates, its own), newest first. */
export async function listTemplates({ ctx, input }: { ctx: TeamContext; input: ListTemplatesInput }): Promise<TemplateCard[]> {
  const teamId = ctx.membership.teamId;
  const matches = input?.search ? containsText(ctx.dbProvider, input.search) : undefined;
  const rows = await ctx.db.template.findMany({
    where: {
      AND: [
        visibleTemplatesWhere(teamId),
        scopeWhere(input?.scope ?? "all", teamId),
        matches ? { OR: [{ title: matches }, { description: matches }] } : {},
        input?.tag ? { tags: { some: { tag: input.tag } } } : {},
      ],
    },
    orderBy: [{ updatedAt: "desc" }, { title: "asc" }, { id: "asc" }],
    select: { ...templateSummarySelect, versions: { orderBy: { number: "desc" }, take: 1, select: { definition: true } } },
  });
  return rows.map(({ versions, ...row }) => ({ ...toTemplateSummary(row, teamId), stepCount: stepCountOf(parseSnapshot(versions[0]?.definition ?? "null")) }));
}

function scopeWhere(scope: TemplateScope, teamId: string) {
  if (scope === "team") return { teamId };
  if (scope === "builtin") return { teamId: null };
  return {};
}
