import "server-only";
import type { TeamContext } from "../../trpc";
import { writeDraft, type SavedDraft } from "./draft-write";
import type { RestoreVersionInput } from "./restore-version.schema";
import { getVersion } from "./version.handler";

/** Makes a published version the draft again, under the same stale-revision check as a save. */
export async function restoreVersion({ ctx, input }: { ctx: TeamContext; input: RestoreVersionInput }): Promise<SavedDraft> {
  const version = await getVersion({ ctx, input });
  const { draftRevision, updatedAt } = await writeDraft(ctx, {
    workflowId: input.workflowId,
    draft: version.definition,
    baseRevision: input.baseRevision,
    audit: { action: "workflow.version_restored", detail: { version: version.number } },
  });
  return { draftRevision, updatedAt };
}
