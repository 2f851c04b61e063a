import "server-only";
import type { TeamContext } from "../../trpc";
import { bulkRunAction } from "./bulk-cancel.handler";
import type { BulkRunActionInput, BulkRunActionResult } from "./bulk-cancel.schema";

/**
 * Retries failed runs of the team: every failed step of each gets a new attempt through the
 * engine's `retryStep` (the first one resumes the run), recorded as done by the caller.
 */
export function bulkRetryRuns({ ctx, input }: { ctx: TeamContext; input: BulkRunActionInput }): Promise<BulkRunActionResult> {
  return bulkRunAction<string[]>(ctx, input, {
    async check(runs) {
      const failedRuns = runs.filter((run) => run.status === "failed").map((run) => run.id);
      const failedSteps = await ctx.db.stepRun.findMany({
        where: { runId: { in: failedRuns }, status: "failed" },
        orderBy: [{ finishedAt: "asc" }, { stepId: "asc" }],
        select: { runId: true, stepId: true },
      });
      const stepsOf = new Map<string, string[]>();
      for (const { runId, stepId } of failedSteps) stepsOf.set(runId, [...(stepsOf.get(runId) ?? []), stepId]);
      return runs.map((run) => {
        if (run.status !== "failed") return { runId: run.id, reason: "not failed" };
        const steps = stepsOf.get(run.id) ?? [];
        return steps.length ? { runId: run.id, plan: steps } : { runId: run.id, reason: "without a failed step" };
      });
    },
    // One step at a time: each retry reloads the run, and a run that failed again in between is
    // resumed again by the next one.
    async act(engine, runId, steps, actor) {
      for (const stepId of steps) await engine.retryStep(runId, stepId, actor);
    },
    audit: (steps) => ({ action: "run.step_retried", detail: { stepIds: steps } }),
  });
}
