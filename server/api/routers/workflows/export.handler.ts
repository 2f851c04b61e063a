import "server-only";
import { stringify as stringifyYaml } from "yaml";
import type { TeamContext } from "../../trpc";
import type { ExportDefinitionInput } from "./export.schema";
import { findTeamWorkflow, parseDraft } from "./workflow-access";

/** The draft as a file. The JSON form is canonical: importing it and exporting again gives the same bytes. */
export async function exportDefinition({ ctx, input }: { ctx: TeamContext; input: ExportDefinitionInput }): Promise<{ filename: string; text: string }> {
  const workflow = await findTeamWorkflow(ctx, input.workflowId);
  const draft = parseDraft(workflow.draft);
  const text = input.format === "json" ? `${JSON.stringify(draft, null, 2)}\n` : stringifyYaml(draft);
  return { filename: `${workflow.namespace}.${workflow.name}.orka.${input.format}`, text };
}
