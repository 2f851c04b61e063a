import "server-only";
import { validateDefinition, type ValidationIssue } from "@/engine/definition";
import type { TeamContext } from "../../trpc";
import { writeDraft, type SavedDraft } from "./draft-write";
import type { SaveDraftInput } from "./save-draft.schema";

export async function saveDraft({ ctx, input }: { ctx: TeamContext; input: SaveDraftInput }): Promise<SavedDraft & { issues: ValidationIssue[] }> {
  const saved = await writeDraft(ctx, input);
  return { ...saved, issues: validateDefinition(input.draft).issues };
}
