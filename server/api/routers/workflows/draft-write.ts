import "server-only";
import { TRPCError } from "@trpc/server";
import { limits, ValidationError } from "@/engine/definition";
import { formatBytes } from "@/engine/definition/validate";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow } from "./workflow-access";

export interface DraftWrite {
  workflowId: string;
  draft: unknown;
  baseRevision: number;
}

export interface SavedDraft {
  draftRevision: number;
  updatedAt: Date;
}

/**
 * Replaces the draft only if nobody saved since `baseRevision`. The check and the write are one
 * conditional UPDATE: reading the revision first and writing after would lose a concurrent save.
 */
export async function writeDraft(ctx: TeamContext, { workflowId, draft, baseRevision }: DraftWrite): Promise<SavedDraft> {
  const text = serializeDraft(draft);
  const { count } = await ctx.db.workflow.updateMany({
    where: { id: workflowId, teamId: ctx.membership.teamId, draftRevision: baseRevision },
    data: { draft: text, draftRevision: { increment: 1 }, updatedAt: new Date() },
  });
  const workflow = await findTeamWorkflow(ctx, workflowId);
  if (count === 0) throw staleRevisionError(workflow);
  return { draftRevision: workflow.draftRevision, updatedAt: workflow.updatedAt };
}

/** Drafts may be invalid definitions, but they are always JSON objects within the size limit. */
export function serializeDraft(draft: unknown): string {
  if (typeof draft !== "object" || draft === null || Array.isArray(draft))
    throw new ValidationError([{ path: "draft", message: "a draft is a JSON object" }], "draft refused");
  const text = JSON.stringify(draft);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > limits.definitionBytes)
    throw new ValidationError(
      [{ path: "draft", message: `draft is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.definitionBytes)}` }],
      "draft refused",
    );
  return text;
}

// Drafts have no per-user author column yet, so the message can name when, not who.
export function staleRevisionError(workflow: { draftRevision: number; updatedAt: Date }): TRPCError {
  return new TRPCError({
    code: "CONFLICT",
    message: `the draft was changed at ${workflow.updatedAt.toISOString()} (revision ${workflow.draftRevision}) — reload or overwrite`,
  });
}
