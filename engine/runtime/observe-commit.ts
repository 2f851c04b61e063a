import type { RunEvent } from "../definition/run-events";
import type { AttemptOutcome, EngineObserver } from "../ports/engine-observer";
import type { RunContext } from "./run-context";

const attemptOutcomes: Partial<Record<RunEvent["type"], AttemptOutcome>> = {
  "step.completed": "completed",
  "step.failed": "failed",
  "step.retrying": "retrying",
};

/** Tells `observer` what one run's committed events mean: runs started and finished, attempts ended. */
export function observeCommitted(observer: EngineObserver, context: RunContext, events: readonly RunEvent[]): void {
  for (const event of events) {
    switch (event.type) {
      case "run.started":
        observer.runStarted(context.definition);
        break;
      case "run.completed":
      case "run.failed":
      case "run.cancelled":
        observer.runFinished(context.definition, event.type === "run.completed" ? "completed" : event.type === "run.failed" ? "failed" : "cancelled");
        break;
      default: {
        const outcome = attemptOutcomes[event.type];
        const startedAt = event.stepId ? context.steps.get(event.stepId)?.startedAt : null;
        // Cancellations are not timed: a step cancelled while queued or retrying still holds an earlier attempt's start.
        if (!outcome || !startedAt) break;
        observer.attemptEnded(context.stepsById.get(event.stepId!)!.type, outcome, Math.max(0, event.at.getTime() - startedAt.getTime()));
      }
    }
  }
}
