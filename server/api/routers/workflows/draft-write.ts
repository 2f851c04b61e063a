import "server-only";
import { TRPCError } from "@trpc/server";
import { limits, ValidationError } from "@/engine/definition";
import { formatBytes } from "@/engine/definition/validate";
import { workflowTarget } from "@/server/audit/audit-targets";
import { personActor, recordAudit, type AuditEntry } from "@/server/audit/record-audit";
import type { TeamContext } from "../../trpc";
import { findTeamWorkflow, type StoredWorkflow } from "./workflow-access";

export interface DraftWrite {
  workflowId: string;
  draft: unknown;
  baseRevision: number;
  /** Overwrite whatever revision is stored (the "overwrite" answer to a conflict): skips the check. */
  force?: boolean;
  /** Recorded in the write's transaction, so only a write that happened is in the log (plain saves are not recorded). */
  audit?: Pick<AuditEntry, "action" | "detail">;
}

export interface SavedDraft {
  draftRevision: number;
  updatedAt: Date;
}

/** What `writeDraft` returns: the saved revision, and which workflow it is (for validating the draft as that workflow). */
export interface WrittenDraft extends SavedDraft {
  workflow: Pick<StoredWorkflow, "id" | "namespace" | "name">;
  /** The draft as stored (for remembering its validation: `rememberDraftValidation`). */
  text: string;
}

/**
 * Replaces the draft only if nobody saved since `baseRevision`, and records the caller as the one
 * who changed it. The check and the write are one conditional UPDATE: reading the revision first
 * and writing after would lose a concurrent save. The read after it shares the transaction, or a
 * save landing in between would be reported as ours.
 */
export async function writeDraft(ctx: TeamContext, { workflowId, draft, baseRevision, force = false, audit }: DraftWrite): Promise<WrittenDraft> {
  const text = serializeDraft(draft);
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.workflow.updateMany({
      where: { id: workflowId, teamId: ctx.membership.teamId, ...(!force && { draftRevision: baseRevision }) },
      data: { draft: text, draftRevision: { increment: 1 }, draftUpdatedById: ctx.membership.userId, updatedAt: new Date() },
    });
    const workflow = await findTeamWorkflow({ db: tx, membership: ctx.membership }, workflowId);
    if (count === 0) throw staleRevisionError(workflow);
    if (audit) await recordAudit(tx, { teamId: ctx.membership.teamId, actor: personActor(ctx.session), target: workflowTarget(workflow), ...audit });
    return { draftRevision: workflow.draftRevision, updatedAt: workflow.updatedAt, workflow: { id: workflow.id, namespace: workflow.namespace, name: workflow.name }, text };
  });
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

/** "the draft was changed by Ada Lovelace at 2026-11-23T12:00:00.000Z (revision 4) — reload or overwrite" */
export function staleRevisionError(workflow: Pick<StoredWorkflow, "draftRevision" | "draftUpdatedBy" | "updatedAt">): TRPCError {
  const by = workflow.draftUpdatedBy ? ` by ${workflow.draftUpdatedBy.name}` : "";
  return new TRPCError({
    code: "CONFLICT",
    message: `the draft was changed${by} at ${workflow.updatedAt.toISOString()} (revision ${workflow.draftRevision}) — reload or overwrite`,
  });
}
