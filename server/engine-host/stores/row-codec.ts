import type { RunEvent, RunEventType } from "../../../engine/definition/run-events";
import type { RunStatus, StepError, StepStatus } from "../../../engine/definition/statuses";
import type { PinnedOutputs, PreviousVersion, RunNode, RunRow, StepRunRow, StoredRun } from "../../../engine/ports/run-store";
import type { ClaimedRun, RunOwner } from "../../../engine/ports/leases";

/**
 * Column values shared by the SQLite and PostgreSQL adapters. JSON columns are TEXT holding JSON
 * (the Prisma model says `String`); timestamps are encoded per database by the adapter.
 */

/** `undefined` and `null` are both stored as SQL NULL and read back as `null`. */
export function encodeOptionalJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** For NOT NULL JSON columns: an absent value is stored as the JSON text `null`. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

// Every run of a published version carries the same definition object, and a run's row is
// written on each of its commits: its JSON is made once per object (definitions are never mutated).
const definitionTexts = new WeakMap<object, string>();

/** `encodeJson` of a run's definition, remembered per definition object. */
export function encodeDefinition(definition: unknown): string {
  if (typeof definition !== "object" || definition === null) return encodeJson(definition);
  let text = definitionTexts.get(definition);
  if (text === undefined) definitionTexts.set(definition, (text = encodeJson(definition)));
  return text;
}

export function decodeJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/** Raw `runs` row as both drivers return it; `D` is the driver's timestamp type. */
export interface RunRecord<D> {
  id: string;
  team_id: string | null;
  workflow_id: string | null;
  workflow_version_id: string | null;
  parent_run_id: string | null;
  parent_step_id: string | null;
  parent_index: number | null;
  /** Null only in rows no engine wrote (the migration fills it in for runs before it). */
  root_run_id: string | null;
  depth: number;
  status: string;
  definition: string;
  input: string;
  output: string | null;
  error: string | null;
  vars: string;
  previous_versions: string;
  created_at: D;
  started_at: D | null;
  finished_at: D | null;
  updated_at: D;
  /** SQLite returns 0/1, PostgreSQL a boolean. */
  test: boolean | number;
  pins: string | null;
  trace_parent: string | null;
}

/** The columns of `runs` that place a run in its tree. */
export interface NodeRecord {
  id: string;
  parent_run_id: string | null;
  parent_step_id: string | null;
  status: string;
}

export function decodeNode(record: NodeRecord): RunNode {
  return { id: record.id, parentRunId: record.parent_run_id, parentStepId: record.parent_step_id, status: record.status as RunStatus };
}

/**
 * Puts the rows of a batched load together per run, in the order of `runIds` (unknown ids left
 * out); `steps` may come in any order.
 */
export function assembleRuns(runIds: readonly string[], runs: RunRow[], steps: StepRunRow[], lastSeqs: Map<string, number>): StoredRun[] {
  const stepsByRun = new Map<string, StepRunRow[]>();
  for (const step of steps) {
    const list = stepsByRun.get(step.runId);
    if (list) list.push(step);
    else stepsByRun.set(step.runId, [step]);
  }
  const byId = new Map(runs.map((run) => [run.id, run]));
  const stored: StoredRun[] = [];
  for (const id of new Set(runIds)) {
    const run = byId.get(id);
    if (run) stored.push({ run, steps: stepsByRun.get(id) ?? [], lastSeq: lastSeqs.get(id) ?? 0 });
  }
  return stored;
}

export interface StepRecord<D> {
  run_id: string;
  step_id: string;
  status: string;
  attempt: number;
  retry_from: number;
  interruptions: number;
  branch: string | null;
  output: string | null;
  error: string | null;
  state: string | null;
  queued_at: D | null;
  started_at: D | null;
  finished_at: D | null;
  wake_at: D | null;
  updated_at: D;
  detail: string | null;
}

export interface EventRecord<D> {
  run_id: string;
  seq: number;
  type: string;
  step_id: string | null;
  payload: string;
  at: D;
}

type ReadDate<D> = (value: D) => Date;

function optionalDate<D>(value: D | null, readDate: ReadDate<D>): Date | null {
  return value === null ? null : readDate(value);
}

export function decodeRun<D>(record: RunRecord<D>, readDate: ReadDate<D>): RunRow {
  return {
    id: record.id,
    teamId: record.team_id,
    workflowId: record.workflow_id,
    workflowVersionId: record.workflow_version_id,
    parentRunId: record.parent_run_id,
    parentStepId: record.parent_step_id,
    parentIndex: record.parent_index,
    rootRunId: record.root_run_id ?? record.id,
    depth: record.depth,
    status: record.status as RunStatus,
    definition: JSON.parse(record.definition),
    input: JSON.parse(record.input),
    output: decodeJson(record.output),
    error: decodeJson(record.error) as StepError | null,
    vars: JSON.parse(record.vars) as Record<string, unknown>,
    previousVersions: JSON.parse(record.previous_versions ?? "[]") as PreviousVersion[],
    createdAt: readDate(record.created_at),
    startedAt: optionalDate(record.started_at, readDate),
    finishedAt: optionalDate(record.finished_at, readDate),
    updatedAt: readDate(record.updated_at),
    test: Boolean(record.test),
    pins: decodeJson(record.pins) as PinnedOutputs | null,
    traceParent: record.trace_parent ?? null,
  };
}

export function decodeStep<D>(record: StepRecord<D>, readDate: ReadDate<D>): StepRunRow {
  return {
    runId: record.run_id,
    stepId: record.step_id,
    status: record.status as StepStatus,
    attempt: record.attempt,
    retryFrom: record.retry_from,
    interruptions: record.interruptions,
    branch: record.branch,
    output: decodeJson(record.output),
    error: decodeJson(record.error) as StepError | null,
    state: decodeJson(record.state),
    queuedAt: optionalDate(record.queued_at, readDate),
    startedAt: optionalDate(record.started_at, readDate),
    finishedAt: optionalDate(record.finished_at, readDate),
    wakeAt: optionalDate(record.wake_at, readDate),
    updatedAt: readDate(record.updated_at),
    detail: decodeJson(record.detail),
  };
}

export function decodeEvent<D>(record: EventRecord<D>, readDate: ReadDate<D>): RunEvent {
  return {
    runId: record.run_id,
    seq: record.seq,
    type: record.type as RunEventType,
    stepId: record.step_id,
    payload: JSON.parse(record.payload) as Record<string, unknown>,
    at: readDate(record.at),
  };
}

/** A row of a store's `ownerOf` query: the run's root, its owner's epoch, and that lease while it is held (else its columns are null). */
export interface OwnerRecord<D> {
  root_run_id: string;
  owner_epoch: number | null;
  kind: string | null;
  host: string | null;
  pid: number | null;
  expires_at: D | null;
}

export function decodeOwner<D>(runId: string, record: OwnerRecord<D>, readDate: ReadDate<D>): RunOwner {
  const lease =
    record.kind === null ? null : { epoch: record.owner_epoch!, kind: record.kind, host: record.host!, pid: record.pid!, expiresAt: readDate(record.expires_at!) };
  return { runId, rootRunId: record.root_run_id, epoch: record.owner_epoch, lease };
}

/** A row of a store's claim query (`LeaseStore.claim`). */
export interface ClaimedRecord {
  id: string;
  root_run_id: string;
  tree_runs: number;
  /** The root's owner before the claim: null (nobody), 0 (parked) or the epoch of a lease that is gone. */
  previous_owner: number | null;
}

export const claimedRun = (record: ClaimedRecord): ClaimedRun => ({
  runId: record.id,
  rootRunId: record.root_run_id,
  treeRuns: Number(record.tree_runs),
  takenOver: Number(record.previous_owner ?? 0) > 0,
});
