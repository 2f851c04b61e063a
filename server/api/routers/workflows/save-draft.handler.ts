import "server-only";
import type { ValidationIssue } from "@/engine/definition";
import type { TeamContext } from "../../trpc";
import { rememberDraftValidation, validateDraftOf } from "./draft-validation";
import { writeDraft, type SavedDraft } from "./draft-write";
import type { SaveDraftInput } from "./save-draft.schema";

export async function saveDraft({ ctx, input }: { ctx: TeamContext; input: SaveDraftInput }): Promise<SavedDraft & { issues: ValidationIssue[] }> {
  const { workflow, text, ...saved } = await writeDraft(ctx, input);
  const validation = validateDraftOf(workflow, input.draft);
  rememberDraftValidation(workflow, text, validation);
  return { ...saved, issues: validation.issues };
}
