import "server-only";
import { parseDefinitionText, ValidationError } from "@/engine/definition";
import type { TeamContext } from "../../trpc";
import { rememberDraftValidation, validateDraftOf } from "./draft-validation";
import { writeDraft, type SavedDraft } from "./draft-write";
import { findTeamWorkflow } from "./workflow-access";
import type { ImportDefinitionInput } from "./import.schema";

/**
 * Replaces the draft with imported text. Stricter than a save: any issue refuses the import and
 * stores nothing. The parsed value is stored as written (not with defaults applied) so that
 * export → import → export is byte-identical.
 */
export async function importDefinition({ ctx, input }: { ctx: TeamContext; input: ImportDefinitionInput }): Promise<SavedDraft> {
  const parsed = parseDefinitionText(input.text, input.format);
  if (!parsed.ok) throw new ValidationError(parsed.issues, "import refused");
  const validation = validateDraftOf(await findTeamWorkflow(ctx, input.workflowId), parsed.value);
  if (!validation.ok) throw new ValidationError(validation.issues, "import refused");
  const { draftRevision, updatedAt, workflow, text } = await writeDraft(ctx, {
    workflowId: input.workflowId,
    draft: parsed.value,
    baseRevision: input.baseRevision,
    force: input.force,
    audit: { action: "workflow.imported", detail: { format: input.format, steps: validation.definition.steps.length } },
  });
  rememberDraftValidation(workflow, text, validation);
  return { draftRevision, updatedAt };
}
