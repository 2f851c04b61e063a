import "server-only";
import { requireEngine, type TeamContext } from "../../trpc";
import { actorOf, auditRunAction, requireTeamRun } from "./operator-access";
import type { RetryStepInput } from "./retry-step.schema";

/**
 * Gives a failed step new attempts (a fresh retry budget); a failed run resumes. Resolves once the
 * change is committed. The engine refuses a step that did not fail (CONFLICT) or does not exist
 * (NOT_FOUND).
 */
export async function retryStep({ ctx, input }: { ctx: TeamContext; input: RetryStepInput }): Promise<void> {
  const run = await requireTeamRun(ctx, input.runId);
  const engine = await requireEngine(ctx);
  await engine.retryStep(input.runId, input.stepId, actorOf(ctx, input.reason));
  await auditRunAction(ctx, run, "run.step_retried", { stepId: input.stepId, ...(input.reason && { reason: input.reason }) });
}
