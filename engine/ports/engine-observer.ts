import type { RunStatus, StepError } from "../definition/statuses";

/** The workflow a run belongs to, as its pinned definition names it. */
export interface WorkflowName {
  namespace: string;
  name: string;
}

/** How a step attempt ended, as far as metrics care. */
export type AttemptOutcome = "completed" | "failed" | "retrying";

/** One step attempt as committed, for tracing. */
export interface AttemptRecord {
  rootRunId: string;
  /** The run tree's trace (`traceIdOfRun`). */
  traceId: string;
  runId: string;
  stepId: string;
  stepType: string;
  attempt: number;
  startedAt: Date;
  endedAt: Date;
  outcome: AttemptOutcome;
  error: StepError | null;
}

/** One finished run as committed, for tracing. */
export interface RunRecord {
  rootRunId: string;
  /** The run tree's trace (`traceIdOfRun`). */
  traceId: string;
  /** A top-level run started with a `traceparent`: the caller's span, the parent of the run's span. */
  callerSpanId: string | null;
  runId: string;
  parentRunId: string | null;
  workflow: WorkflowName;
  status: Extract<RunStatus, "completed" | "failed" | "cancelled">;
  startedAt: Date | null;
  endedAt: Date;
}

/**
 * Where the engine reports what it made durable, for metrics (the server implements it with
 * prom-client). Called after each group commit, once per event of interest, on the engine's hot
 * path: an implementation only updates counters and must not throw or allocate much.
 *
 * @example
 * createEngine({ store, observer: { commit() {}, runStarted() {}, runFinished() {}, attemptEnded(type, outcome, ms) { histogram.observe(ms) } } });
 */
export interface EngineObserver {
  /** A group commit wrote `runs` runs and `events` events in `durationMs`, or failed. */
  commit(runs: number, events: number, durationMs: number, failed: boolean): void;
  runStarted(workflow: WorkflowName): void;
  runFinished(workflow: WorkflowName, status: Extract<RunStatus, "completed" | "failed" | "cancelled">): void;
  /** A step attempt ended; `durationMs` from its `step.started` to this event. */
  attemptEnded(stepType: string, outcome: AttemptOutcome, durationMs: number): void;
  /** A claim took `trees` run trees over from leases that are gone (expired, or their process died). */
  treesTakenOver?(trees: number): void;
  /** For tracing: the whole attempt (a record is made per call only when this is set). */
  attemptRecorded?(record: AttemptRecord): void;
  /** For tracing: the whole run, once it finished. */
  runRecorded?(record: RunRecord): void;
}
