import type { RunStatus, StepError, StepStatus } from "../definition/statuses";
import type { RunEvent } from "../definition/run-events";

/** A run as persisted (table `runs`). JSON columns are parsed values here. */
export interface RunRow {
  id: string;
  teamId: string | null;
  workflowId: string | null;
  workflowVersionId: string | null;
  parentRunId: string | null;
  parentStepId: string | null;
  parentIndex: number | null;
  /** The top-level run of this run's tree (sub-workflow and map children); its own id at the top. */
  rootRunId: string;
  /** Levels of sub-workflow/map nesting above this run: 0 at the top. */
  depth: number;
  status: RunStatus;
  /** The pinned definition snapshot (orka/v1), so a run never depends on a mutable draft. */
  definition: unknown;
  input: unknown;
  output: unknown;
  error: StepError | null;
  vars: Record<string, unknown>;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
  /** A test run of a draft (from the designer): never started by a trigger. Absent means false. */
  test?: boolean;
  /** Test runs only: outputs used instead of running these steps (fixed when the run starts). */
  pins?: PinnedOutputs | null;
}

/** Step id → the output (and, for a branching step, the branch) a test run uses instead of running it. */
export type PinnedOutputs = Record<string, { output: unknown; branch?: string }>;

/** One step of one run (table `step_runs`, key `(runId, stepId)`). */
export interface StepRunRow {
  runId: string;
  stepId: string;
  status: StepStatus;
  /** 1-based number of the current or last attempt; 0 before the first. */
  attempt: number;
  /** Attempts before this value do not count against the retry policy (an operator retried). */
  retryFrom: number;
  /**
   * How many times recovery found the current attempt `running` after its process stopped (0 on a
   * fresh attempt). Recovery quarantines the step instead of running the attempt a third time.
   */
  interruptions: number;
  branch: string | null;
  output: unknown;
  error: StepError | null;
  /** Handler-owned durable state (child runs of a map, approval details). */
  state: unknown;
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** When a retrying or waiting step is due (durable timer). */
  wakeAt: Date | null;
  updatedAt: Date;
  /**
   * What the step's last attempt sent and received, for people reading the run: an http step's
   * request and response, capped and with secret values redacted. Absent for steps that record none.
   */
  detail?: unknown;
}

/** Everything that changes for one run in one commit. Rows are written whole (upsert). */
export interface RunMutation {
  run?: RunRow;
  steps: StepRunRow[];
  events: RunEvent[];
}

export interface StoredRun {
  run: RunRow;
  steps: StepRunRow[];
  /** Highest event `seq` of the run (0 when none). */
  lastSeq: number;
}

/** Where a run sits in its tree, without its definition or data. */
export interface RunNode {
  id: string;
  parentRunId: string | null;
  parentStepId: string | null;
  status: RunStatus;
}

/**
 * Durable home of run state. Every method is atomic; `commit` writes all mutations in one
 * transaction and resolves only once it is durable (group commit is the caller's batching).
 *
 * @example
 * await store.commit([{ run, steps, events }]);
 * const stored = await store.loadRun(run.id);
 */
export interface RunStore {
  commit(mutations: readonly RunMutation[]): Promise<void>;
  loadRun(runId: string): Promise<StoredRun | null>;
  /** Several runs at once (a bounded batch, a few hundred ids); unknown ids are left out, order is not kept. */
  loadRuns(runIds: readonly string[]): Promise<StoredRun[]>;
  /** Ids of runs that are `pending` or `running`: what recovery must pick up. */
  listActiveRunIds(): Promise<string[]>;
  /** Events of a run with `seq > afterSeq`, ascending, at most `limit`. */
  listEvents(runId: string, afterSeq: number, limit?: number): Promise<RunEvent[]>;
  /** Direct children of a run (sub-workflow and map steps). */
  listChildRuns(parentRunId: string, parentStepId?: string): Promise<RunRow[]>;
  /** The direct children of several runs (a bounded batch of parents), as nodes: for walking a tree without loading it. */
  listChildNodes(parentRunIds: readonly string[]): Promise<RunNode[]>;
  /** How many runs have `rootRunId` as their root, the root included (an indexed count). */
  countTreeRuns(rootRunId: string): Promise<number>;
  close(): Promise<void>;
}
