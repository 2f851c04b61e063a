import "server-only";
import { requireEngine, type TeamContext } from "../../trpc";
import type { CancelRunInput } from "./cancel.schema";
import { actorOf, auditRunAction, requireTeamRun } from "./operator-access";

/**
 * Cancels a pending, running or failed run: running handlers are aborted, unfinished steps and child
 * runs cancelled. A completed or cancelled run is a CONFLICT.
 */
export async function cancelRun({ ctx, input }: { ctx: TeamContext; input: CancelRunInput }): Promise<void> {
  const run = await requireTeamRun(ctx, input.runId);
  const engine = await requireEngine(ctx);
  await engine.cancelRun(input.runId, actorOf(ctx, input.reason));
  await auditRunAction(ctx, run, "run.cancelled", { ...(input.reason && { reason: input.reason }) });
}
