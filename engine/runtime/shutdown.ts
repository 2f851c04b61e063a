import type { LiveRuns } from "./live-runs";

/** What a graceful shutdown did with the step handlers it found running. */
export interface ShutdownReport {
  /** Handlers aborted at the deadline, their steps put back to `queued` (same attempt) for another process. */
  released: number;
}

/** A step handed back on shutdown; the step row says why, and another process runs the same attempt again. */
export const releasedOnShutdownReason = "the process running it shut down; running it again";

/**
 * Aborts every handler still running and puts its step back to `queued` with the same attempt (so
 * the same idempotency key): the process is shutting down and another one runs it. Unlike a step
 * found `running` after a crash, this is no interruption that counts towards quarantine: the
 * process did not die of it. The caller commits; the aborted handlers' results are dropped, since
 * their steps are no longer `running`.
 */
export function releaseHandlersInFlight(runs: LiveRuns, now: Date, touch: (context: ReturnType<LiveRuns["withHandlersInFlight"]>[number]) => void): number {
  let released = 0;
  for (const context of runs.withHandlersInFlight()) {
    for (const [stepId, controller] of context.inFlight) {
      controller.abort(new Error("engine shutting down"));
      const row = context.step(stepId);
      if (row.status !== "running") continue;
      context.moveStep(stepId, "queued", { queuedAt: now }, "step.requeued", { attempt: row.attempt, reason: releasedOnShutdownReason });
      released++;
    }
    touch(context);
  }
  return released;
}
