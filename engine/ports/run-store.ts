import type { RunStatus, StepError, StepStatus } from "../definition/statuses";
import type { RunEvent } from "../definition/run-events";
import type { BreakerRow } from "../scheduling/breaker";
import type { CommitFence, LeaseStore } from "./leases";

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
  /**
   * The versions this run ran on before its current `workflowVersionId`, oldest first: one entry
   * per redrive (absent or empty for a run never redriven). Written whole; when it changes, the
   * stores also rewrite `definition` and `workflowVersionId`, which are otherwise fixed at insert.
   */
  previousVersions?: PreviousVersion[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
  /** A test run of a draft (from the designer): never started by a trigger. Absent means false. */
  test?: boolean;
  /** Test runs only: outputs used instead of running these steps (fixed when the run starts). */
  pins?: PinnedOutputs | null;
  /**
   * The W3C `traceparent` (`00-<trace id>-<span id>-<flags>`) of the request that started this
   * run's tree, copied to every run of the tree, so its trace continues the caller's. Fixed at insert; absent means none.
   */
  traceParent?: string | null;
}

/** A version a run ran on until a redrive moved it to another (`seq` of that `run.redriven` event). */
export interface PreviousVersion {
  workflowVersionId: string | null;
  until: string;
  seq: number;
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

/**
 * What the application embedding the engine records about a run's start (the audit entry, the
 * webhook's last use), written in the same transaction as the run's first rows: a start is never
 * durable without them, and they never exist without the run.
 */
export type StartRecord =
  | {
      kind: "audit";
      id: string;
      teamId: string;
      actorId: string | null;
      actorName: string;
      action: string;
      targetType: string;
      targetId: string | null;
      targetLabel: string;
      /** A JSON object, encoded. */
      detail: string;
      createdAt: Date;
    }
  | { kind: "webhook-used"; workflowId: string; at: Date };

/** Everything that changes for one run in one commit. Rows are written whole (upsert). */
export interface RunMutation {
  run?: RunRow;
  steps: StepRunRow[];
  events: RunEvent[];
  /** Circuit breakers this run's attempts changed, written whole (upsert) in the same transaction. */
  breakers?: BreakerRow[];
  /** Only on a run's first commit, when its starter asked for them (`StartRunRequest.records`). */
  startRecords?: readonly StartRecord[];
  /**
   * Step outputs to cache (steps that declare `cache`), written with the completion; replace any entry of the same key.
   * A commit that writes some also deletes up to `expiredCachePurgeBatch` entries expired at the newest one's `createdAt`.
   */
  cache?: StepCacheEntry[];
}

/**
 * Expired cache entries deleted by one commit that writes cache entries: the table shrinks while the
 * cache is used, and no commit does unbounded work for it (reads ignore expired entries meanwhile).
 */
export const expiredCachePurgeBatch = 100;

/** Where one step's cached outputs live: one workflow's step of one team (table `step_cache`). */
export interface StepCacheScope {
  teamId: string;
  /** The workflow id, or `name:<definition name>` for a run of an unsaved definition. */
  workflowKey: string;
  stepId: string;
}

export interface StepCacheKey extends StepCacheScope {
  /** SHA-256 hex of the evaluated `cache.key`, or of the step's config and what it sees. */
  keyHash: string;
}

export interface StepCacheEntry extends StepCacheKey {
  output: unknown;
  sourceRunId: string;
  createdAt: Date;
  expiresAt: Date;
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
  /**
   * With a `fence`, the commit applies only while that lease is held (checked in the same
   * transaction; else `LeaseLostError`), and the top-level runs it inserts belong to that lease.
   * Without one, they belong to nobody, and engines that claim are woken to take them.
   */
  commit(mutations: readonly RunMutation[], fence?: CommitFence | null): Promise<void>;
  /** Run ownership across processes (see `ports/leases.ts`); without it the engine recovers every unfinished run on start. */
  readonly leases?: LeaseStore;
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
  /**
   * Every circuit breaker (one row per team and target that ever failed), read once when the engine
   * needs the first. Optional so a store wrapper for a test need not forward it: without it every
   * breaker starts closed.
   */
  listBreakers?(): Promise<BreakerRow[]>;
  /**
   * Calls `listener` when another process may have changed breakers (PostgreSQL: NOTIFY from a
   * trigger; also once the listening connection is in place, since a change may have come before).
   * Returns the function that stops listening. Absent where one process owns the database.
   */
  onBreakersChanged?(listener: () => void): () => void;
  /** The cached output under `key` that has not expired at `now`, or null. Read only for steps that declare `cache`. */
  readStepCache(key: StepCacheKey, now: Date): Promise<StepCacheEntry | null>;
  /** Deletes every cached output of one step; resolves with how many there were. */
  clearStepCache(scope: StepCacheScope): Promise<number>;
  close(): Promise<void>;
}
