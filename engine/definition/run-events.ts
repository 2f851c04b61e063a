/** Run events: the append-only history of a run; `seq` is gap-free and increasing per run. */
export const runEventTypes = [
  "run.started",
  "run.resumed",
  "run.redriven",
  "run.completed",
  "run.failed",
  "run.cancelled",
  "step.queued",
  "step.started",
  "step.retrying",
  "step.waiting",
  "step.completed",
  "step.failed",
  "step.skipped",
  "step.resolved",
  "step.cancelled",
  "step.requeued",
] as const;
export type RunEventType = (typeof runEventTypes)[number];

export interface RunEvent {
  runId: string;
  seq: number;
  type: RunEventType;
  stepId: string | null;
  payload: Record<string, unknown>;
  at: Date;
}
