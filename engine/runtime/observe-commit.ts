import type { RunEvent } from "../definition/run-events";
import type { AttemptOutcome, EngineObserver } from "../ports/engine-observer";
import type { RunContext } from "./run-context";
import { callerSpanIdOf, traceIdOfRun } from "./trace-ids";

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
      case "run.cancelled": {
        const status = event.type === "run.completed" ? "completed" : event.type === "run.failed" ? "failed" : "cancelled";
        observer.runFinished(context.definition, status);
        const { run } = context;
        observer.runRecorded?.({ rootRunId: run.rootRunId, traceId: traceIdOfRun(run), callerSpanId: callerSpanIdOf(run), runId: run.id, parentRunId: run.parentRunId, workflow: context.definition, status, startedAt: run.startedAt, endedAt: event.at });
        break;
      }
      default: {
        const outcome = attemptOutcomes[event.type];
        const row = event.stepId ? context.steps.get(event.stepId) : undefined;
        // Cancellations are not timed: a step cancelled while queued or retrying still holds an earlier attempt's start.
        if (!outcome || !row?.startedAt) break;
        const stepType = context.stepsById.get(row.stepId)!.type;
        observer.attemptEnded(stepType, outcome, Math.max(0, event.at.getTime() - row.startedAt.getTime()));
        observer.attemptRecorded?.({
          rootRunId: context.run.rootRunId,
          traceId: traceIdOfRun(context.run),
          runId: context.id,
          stepId: row.stepId,
          stepType,
          attempt: (event.payload.attempt as number | undefined) ?? row.attempt,
          startedAt: row.startedAt,
          endedAt: event.at,
          outcome,
          error: outcome === "completed" ? null : row.error,
        });
      }
    }
  }
}
