import "server-only";
import { requireEngine, type TeamContext } from "../../trpc";
import { actorOf, auditRunAction, requireTeamRun } from "./operator-access";
import type { ResolveStepInput } from "./resolve-step.schema";

/**
 * Ends a failed or waiting step by hand with the given output (and branch, for a branching step);
 * the run continues from there, a failed run resumes. The engine refuses a step in another state
 * (CONFLICT) and a missing or foreign branch (BAD_REQUEST).
 */
export async function resolveStep({ ctx, input }: { ctx: TeamContext; input: ResolveStepInput }): Promise<void> {
  const run = await requireTeamRun(ctx, input.runId);
  const engine = await requireEngine(ctx);
  await engine.resolveStep(input.runId, input.stepId, { output: input.output, branch: input.branch }, actorOf(ctx, input.reason));
  await auditRunAction(ctx, run, "run.step_resolved", { stepId: input.stepId, ...(input.branch && { branch: input.branch }), ...(input.reason && { reason: input.reason }) });
}
