import type { StoredRun } from "../../engine/index";

/** The one JSON object `orka run` prints: a contract tested from outside the project. */
export function runReport({ run, steps }: StoredRun) {
  return {
    runId: run.id,
    status: run.status,
    output: run.output ?? null,
    steps: Object.fromEntries(
      steps.map((step) => [
        step.stepId,
        {
          status: step.status,
          attempts: step.attempt,
          output: step.output ?? null,
          error: step.error ? { kind: step.error.kind, message: step.error.message } : null,
          startedAt: step.startedAt?.toISOString() ?? null,
          finishedAt: step.finishedAt?.toISOString() ?? null,
        },
      ]),
    ),
  };
}

export function exitCodeOf(run: StoredRun): number {
  return run.run.status === "completed" ? 0 : 1;
}
