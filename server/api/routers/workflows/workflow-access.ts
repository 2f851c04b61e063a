import "server-only";
import { TRPCError } from "@trpc/server";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";

/** Enough of a context to read a workflow, inside a transaction or not. */
export type WorkflowReader = { db: Pick<TeamContext["db"], "workflow">; membership: TeamContext["membership"] };

const workflowSelect = {
  id: true,
  name: true,
  namespace: true,
  description: true,
  draft: true,
  draftRevision: true,
  draftUpdatedBy: { select: { id: true, name: true } },
  updatedAt: true,
} as const;

export interface StoredWorkflow {
  id: string;
  name: string;
  namespace: string;
  description: string;
  draft: string;
  draftRevision: number;
  /** Who wrote the current draft revision; null before anyone saved, or once their account is gone. */
  draftUpdatedBy: { id: string; name: string } | null;
  updatedAt: Date;
}

/** The workflow if it belongs to the caller's team; another team's id answers "not found" like an unknown one. */
export async function findTeamWorkflow(ctx: WorkflowReader, workflowId: string): Promise<StoredWorkflow> {
  const workflow = await ctx.db.workflow.findFirst({ where: { id: workflowId, teamId: ctx.membership.teamId }, select: workflowSelect });
  if (!workflow) throw new NotFoundError("workflow");
  return workflow;
}

/** Drafts are written only by these procedures, but a hand-edited row must not break reads. */
export function parseDraft(draft: string): unknown {
  try {
    return JSON.parse(draft) as unknown;
  } catch {
    return null;
  }
}

/** Prisma's unique-constraint violation, matched by shape (see errors.ts). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export function duplicateNameError(namespace: string, name: string): TRPCError {
  return new TRPCError({ code: "CONFLICT", message: `a workflow named "${name}" already exists in namespace "${namespace}"` });
}
