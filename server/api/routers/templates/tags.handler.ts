import "server-only";
import { templateTags, type TemplateTag } from "@/server/templates/template-rules";
import { visibleTemplatesWhere } from "@/server/templates/visibility";
import type { TeamContext } from "../../trpc";

export interface TagCount {
  tag: TemplateTag;
  /** Templates the caller's team can see with this tag. */
  count: number;
}

/** The whole vocabulary in its fixed order (tags no template uses yet count 0), for filters and the publish form. */
export async function listTemplateTags({ ctx }: { ctx: TeamContext }): Promise<TagCount[]> {
  const rows = await ctx.db.templateTag.findMany({ where: { template: visibleTemplatesWhere(ctx.membership.teamId) }, select: { tag: true } });
  const counts = new Map<string, number>();
  for (const { tag } of rows) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return templateTags.map((tag) => ({ tag, count: counts.get(tag) ?? 0 }));
}
