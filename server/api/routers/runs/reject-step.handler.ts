import "server-only";
import { requireEngine, type TeamContext } from "../../trpc";
import { actorOf, auditRunAction, requireTeamRun } from "./operator-access";
import type { RejectStepInput } from "./reject-step.schema";

/** Rejects a waiting approval step: it completes on its `rejected` branch. */
export async function rejectStep({ ctx, input }: { ctx: TeamContext; input: RejectStepInput }): Promise<void> {
  const run = await requireTeamRun(ctx, input.runId);
  const engine = await requireEngine(ctx);
  await engine.rejectStep(input.runId, input.stepId, { comment: input.comment }, actorOf(ctx));
  await auditRunAction(ctx, run, "run.step_rejected", { stepId: input.stepId, ...(input.comment && { comment: input.comment }) });
}
