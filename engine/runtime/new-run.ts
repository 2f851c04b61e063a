import type { Definition } from "../definition/schema";
import type { PinnedOutputs, RunRow, StepRunRow, StoredRun } from "../ports/run-store";
import { uuidV7 } from "./ids";
import { parseTraceparent } from "./trace-ids";

export interface NewRun {
  definition: Definition;
  input: unknown;
  runId?: string;
  teamId?: string | null;
  workflowId?: string | null;
  workflowVersionId?: string | null;
  /** A test run of a draft, and the outputs it uses instead of running those steps. */
  test?: { pins: PinnedOutputs };
  /** The starting request's W3C `traceparent` (a child run gets its tree's); ignored when invalid. */
  traceParent?: string | null;
  /** A child run: where it hangs in its parent's tree. */
  parent?: { runId: string; stepId: string; index: number; rootRunId: string; depth: number };
}

/** The rows of a run that has not started: the run `pending`, every step `pending`. */
export function newRunRows(spec: NewRun, now: Date): StoredRun {
  const id = spec.runId ?? uuidV7(now.getTime());
  const run: RunRow = {
    id,
    teamId: spec.teamId ?? null,
    workflowId: spec.workflowId ?? null,
    workflowVersionId: spec.workflowVersionId ?? null,
    parentRunId: spec.parent?.runId ?? null,
    parentStepId: spec.parent?.stepId ?? null,
    parentIndex: spec.parent?.index ?? null,
    rootRunId: spec.parent?.rootRunId ?? id,
    depth: spec.parent ? spec.parent.depth + 1 : 0,
    status: "pending",
    definition: spec.definition,
    input: spec.input ?? null,
    output: null,
    error: null,
    vars: {},
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
    test: spec.test !== undefined,
    pins: spec.test?.pins ?? null,
    traceParent: parseTraceparent(spec.traceParent),
  };
  const steps = spec.definition.steps.map((step) => pendingStepRow(id, step.id, 0, now));
  return { run, steps, lastSeq: 0 };
}

/** A step that has not run yet: `attempt` counts the attempts before (0 in a new run, more after a redrive). */
export function pendingStepRow(runId: string, stepId: string, attempt: number, at: Date): StepRunRow {
  return {
    runId,
    stepId,
    status: "pending",
    attempt,
    retryFrom: attempt,
    interruptions: 0,
    branch: null,
    output: null,
    error: null,
    state: null,
    queuedAt: null,
    startedAt: null,
    finishedAt: null,
    wakeAt: null,
    updatedAt: at,
    detail: null,
  };
}
