import "server-only";
import { requireEngine, type TeamContext } from "../../trpc";
import type { ApproveStepInput } from "./approve-step.schema";
import { actorOf, auditRunAction, requireTeamRun } from "./operator-access";

/** Approves a waiting approval step: it completes on its `approved` branch. */
export async function approveStep({ ctx, input }: { ctx: TeamContext; input: ApproveStepInput }): Promise<void> {
  const run = await requireTeamRun(ctx, input.runId);
  const engine = await requireEngine(ctx);
  await engine.approveStep(input.runId, input.stepId, { output: input.output, comment: input.comment }, actorOf(ctx));
  await auditRunAction(ctx, run, "run.step_approved", { stepId: input.stepId, ...(input.comment && { comment: input.comment }) });
}
