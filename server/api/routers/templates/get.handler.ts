import "server-only";
import { secretNamesInDefinition } from "@/engine/definition";
import { hasRole } from "@/server/roles";
import { NotFoundError } from "../../errors";
import { parseTemplateTriggers } from "@/server/templates/template-triggers";
import { toWorkflowName } from "@/server/templates/use-template";
import { visibleTemplatesWhere } from "@/server/templates/visibility";
import type { TeamContext } from "../../trpc";
import type { TemplateRefInput } from "./template-ref.schema";
import { parseSnapshot, stepCountOf, templateSummarySelect, toTemplateSummary, type TemplateSummary } from "./template-summary";

export interface TemplateVersionSummary {
  number: number;
  createdAt: Date;
  /** null for built-ins and once the account is gone. */
  publishedBy: { id: string; name: string } | null;
  /** The source workflow's version it snapshots (null for built-ins). */
  sourceVersion: number | null;
}

export interface TemplateDetail extends TemplateSummary {
  /** The latest version's orka/v1 definition, for the read-only preview. */
  definition: unknown;
  stepCount: number;
  /** Newest first. */
  versions: TemplateVersionSummary[];
  /** Team secrets the definition reads (`$secrets.NAME`): a workflow made from it needs them to run. */
  secretNames: string[];
  /** What "use" recreates: schedules (disabled) and a webhook with a fresh token. */
  triggers: { schedules: number; webhook: boolean };
  /** The caller may make a workflow from it (editor or owner). */
  canUse: boolean;
  /** The caller's team published it and the caller is an editor or owner; built-ins never. */
  canDelete: boolean;
  /** The name "use" gives the new workflow when none is chosen (before a taken name gets `_2`). */
  suggestedName: string;
}

/** One template the team may see, with its latest snapshot; anything else is NOT_FOUND. */
export async function getTemplate({ ctx, input }: { ctx: TeamContext; input: TemplateRefInput }): Promise<TemplateDetail> {
  const teamId = ctx.membership.teamId;
  const row = await ctx.db.template.findFirst({
    where: { AND: [{ id: input.templateId }, visibleTemplatesWhere(teamId)] },
    select: {
      ...templateSummarySelect,
      versions: {
        orderBy: { number: "desc" },
        select: { number: true, createdAt: true, sourceVersion: true, definition: true, triggers: true, publishedBy: { select: { id: true, name: true } } },
      },
    },
  });
  if (!row) throw new NotFoundError("template");
  const { versions, ...template } = row;
  const latest = versions.find((version) => version.number === template.latestVersion) ?? versions[0];
  const definition = parseSnapshot(latest?.definition ?? "null");
  const triggers = parseTemplateTriggers(latest?.triggers ?? "{}");
  const summary = toTemplateSummary(template, teamId);
  const editor = hasRole(ctx.membership.role, "editor");
  return {
    ...summary,
    definition,
    stepCount: stepCountOf(definition),
    versions: versions.map(({ number, createdAt, publishedBy, sourceVersion }) => ({ number, createdAt, publishedBy, sourceVersion })),
    secretNames: secretNamesInDefinition(definition),
    triggers: { schedules: triggers.schedules.length, webhook: triggers.webhook },
    canUse: editor,
    canDelete: editor && summary.mine,
    suggestedName: toWorkflowName((definition as { name?: unknown } | null)?.name),
  };
}
