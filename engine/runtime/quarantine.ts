import type { StepError } from "../definition/statuses";
import type { StepRunRow } from "../ports/run-store";
import { failedStep } from "./failure-route";
import type { RunContext } from "./run-context";

/**
 * Process stops one attempt of a step may live through. A step that takes its process down (a
 * native crash, memory exhaustion, a handler that kills the process) would otherwise be resumed by
 * recovery on every start and take the process down again, for ever. Two, so that one ordinary
 * restart (a deploy, a crash elsewhere) still resumes the step.
 */
export const interruptionsBeforeQuarantine = 2;

export const quarantineError: StepError = {
  kind: "permanent",
  message: "quarantined: the server stopped twice while this step was running; not resumed again — retry it when fixed",
};

/**
 * What recovery does with a step it finds `running`, left so by a process that stopped:
 * `requeue` it (same attempt, same idempotency key), or `quarantine` it (fail it, permanent).
 * `row.interruptions` counts the stops this attempt already lived through; this is one more.
 */
export function interruptedStep(row: Pick<StepRunRow, "interruptions">): "requeue" | "quarantine" {
  return row.interruptions + 1 >= interruptionsBeforeQuarantine ? "quarantine" : "requeue";
}

/**
 * Re-queues a step left `running` (same attempt, so the same idempotency key) and returns true, or
 * quarantines it and returns false. Only a process that stopped counts (`restarted`), not a run
 * reloaded after one of its commits failed.
 */
export function requeueInterrupted(context: RunContext, stepId: string, { restarted, now }: { restarted: boolean; now: Date }): boolean {
  const row = context.step(stepId);
  if (restarted && interruptedStep(row) === "quarantine") {
    // Recovery's progress afterwards takes a handled failure's error branch or goes past it (optional).
    const route = failedStep(context, stepId, quarantineError);
    const patch = { error: quarantineError, finishedAt: now, interruptions: row.interruptions + 1, ...route.patch };
    context.moveStep(stepId, "failed", patch, "step.failed", { attempt: row.attempt, error: quarantineError, quarantined: true, ...route.payload });
    return false;
  }
  const interruptions = row.interruptions + (restarted ? 1 : 0);
  context.moveStep(stepId, "queued", { queuedAt: now, interruptions }, "step.requeued", {
    attempt: row.attempt,
    reason: "the process running it stopped; running it again",
  });
  return true;
}
