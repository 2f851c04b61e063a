import "server-only";
import { previewRedrive, redriveRun, type RedriveOutcome } from "@/server/runs/redrive-run";
import { requireEngine, type TeamContext } from "../../trpc";
import { actorOf, auditRunAction } from "./operator-access";
import type { RedriveInput, RedrivePreviewInput } from "./redrive.schema";

/**
 * Continues a failed or cancelled run on a published version of its workflow (the latest unless
 * one is named): completed steps whose ids still exist keep their outputs, the rest run under the
 * new definition. Asking again once it is on that version changes nothing (`redriven: false`).
 */
export async function redrive({ ctx, input }: { ctx: TeamContext; input: RedriveInput }): Promise<RedriveOutcome> {
  const engine = await requireEngine(ctx);
  const { workflowName, ...outcome } = await redriveRun(ctx.db, engine, ctx.membership.teamId, input.runId, input.version ?? "latest", actorOf(ctx, input.reason));
  if (outcome.redriven)
    await auditRunAction(ctx, { id: input.runId, workflowName }, "run.redriven", { version: outcome.version, ...(input.reason && { reason: input.reason }) });
  return outcome;
}

/** What `redrive` would keep, re-run, add and drop, without changing anything. */
export function redrivePreview({ ctx, input }: { ctx: TeamContext; input: RedrivePreviewInput }) {
  return previewRedrive(ctx.db, ctx.membership.teamId, input.runId, input.version ?? "latest");
}
