import type pg from "pg";
import type { RunEvent } from "../../../engine/definition/run-events";
import type { CommitFence } from "../../../engine/ports/leases";
import type { RunRow, StepRunRow } from "../../../engine/ports/run-store";
import type { BreakerRow } from "../../../engine/scheduling/breaker";
import { breakerUpsertTail } from "./breaker-rows";
import type { Batch } from "./pg-batch";
import { optionalPgTimestamp, pgTimestamp } from "./pg-types";
import { encodeDefinition, encodeJson, encodeOptionalJson } from "./row-codec";
import type { AuditRecord, WebhookUsedRecord } from "./start-records";
import { cacheArrays, upsertCacheCte } from "./step-cache-pg";

/**
 * A whole commit as ONE set-based statement: each table's rows arrive as one array parameter per
 * column (`unnest`) and the three writes are data-modifying CTEs. A single statement is its own
 * transaction, so a commit costs one round trip and one WAL flush whether it carries 1 transition
 * or 64 (BEGIN + three statements + COMMIT measured ~30% slower at 64 per commit).
 * Foreign keys are checked at the end of the statement, so steps and events may belong to a run
 * the same statement inserts.
 */

interface Column<T> {
  type: "text" | "int" | "bool" | "timestamp";
  value(row: T): unknown;
}
type Columns<T> = Record<string, Column<T>>;

const text = <T>(value: (row: T) => string | null): Column<T> => ({ type: "text", value });
const int = <T>(value: (row: T) => number | null): Column<T> => ({ type: "int", value });
const bool = <T>(value: (row: T) => boolean): Column<T> => ({ type: "bool", value });
const json = <T>(value: (row: T) => unknown): Column<T> => text((row) => encodeJson(value(row)));
const optionalJson = <T>(value: (row: T) => unknown): Column<T> => text((row) => encodeOptionalJson(value(row)));
const timestamp = <T>(value: (row: T) => Date): Column<T> => ({ type: "timestamp", value: (row) => pgTimestamp(value(row)) });
const optionalTimestamp = <T>(value: (row: T) => Date | null): Column<T> => ({
  type: "timestamp",
  value: (row) => optionalPgTimestamp(value(row)),
});

const runColumns: Columns<RunRow> = {
  id: text((run) => run.id),
  team_id: text((run) => run.teamId),
  workflow_id: text((run) => run.workflowId),
  workflow_version_id: text((run) => run.workflowVersionId),
  parent_run_id: text((run) => run.parentRunId),
  parent_step_id: text((run) => run.parentStepId),
  parent_index: int((run) => run.parentIndex),
  root_run_id: text((run) => run.rootRunId),
  depth: int((run) => run.depth),
  status: text((run) => run.status),
  definition: text((run) => encodeDefinition(run.definition)),
  input: json((run) => run.input),
  output: optionalJson((run) => run.output),
  error: optionalJson((run) => run.error),
  vars: json((run) => run.vars ?? {}),
  previous_versions: json((run) => run.previousVersions ?? []),
  created_at: timestamp((run) => run.createdAt),
  started_at: optionalTimestamp((run) => run.startedAt),
  finished_at: optionalTimestamp((run) => run.finishedAt),
  updated_at: timestamp((run) => run.updatedAt),
  test: bool((run) => run.test ?? false),
  pins: optionalJson((run) => run.pins),
  trace_parent: text((run) => run.traceParent ?? null),
};

// Definition, input, parentage (tree root and depth too), team and creation time are fixed at insert: rewriting them would
// resurrect a workflow id that `ON DELETE SET NULL` cleared and fail the whole commit on the FK.
const mutableRunColumns = ["status", "output", "error", "vars", "started_at", "finished_at", "updated_at"];
// A redrive is the exception: when `previous_versions` changes, so do the definition and its version (rewriting the
// definition on every commit would copy it each time).
const redriveColumns = ["definition", "workflow_version_id"]
  .map((name) => `${name} = CASE WHEN excluded.previous_versions <> runs.previous_versions THEN excluded.${name} ELSE runs.${name} END`)
  .concat("previous_versions = excluded.previous_versions")
  .join(", ");

const stepColumns: Columns<StepRunRow> = {
  run_id: text((step) => step.runId),
  step_id: text((step) => step.stepId),
  status: text((step) => step.status),
  attempt: int((step) => step.attempt),
  retry_from: int((step) => step.retryFrom),
  interruptions: int((step) => step.interruptions),
  branch: text((step) => step.branch ?? null),
  output: optionalJson((step) => step.output),
  error: optionalJson((step) => step.error),
  state: optionalJson((step) => step.state),
  queued_at: optionalTimestamp((step) => step.queuedAt),
  started_at: optionalTimestamp((step) => step.startedAt),
  finished_at: optionalTimestamp((step) => step.finishedAt),
  wake_at: optionalTimestamp((step) => step.wakeAt),
  updated_at: timestamp((step) => step.updatedAt),
  detail: optionalJson((step) => step.detail),
};
const stepKeyColumns = ["run_id", "step_id"];

const eventColumns: Columns<RunEvent> = {
  run_id: text((event) => event.runId),
  seq: int((event) => event.seq),
  type: text((event) => event.type),
  step_id: text((event) => event.stepId ?? null),
  payload: json((event) => event.payload ?? {}),
  at: timestamp((event) => event.at),
};

/** `extra`: one more column whose array is parameter `extra.parameter` (the runs' owner, given per commit). */
function insertFromArrays(table: string, columns: Columns<never>, firstParameter: number, extra?: { name: string; parameter: number; type: string }): string {
  const names = Object.keys(columns);
  const arrays = names.map((name, i) => `$${firstParameter + i}::${columns[name]!.type}[]`);
  if (extra) {
    names.push(extra.name);
    arrays.push(`$${extra.parameter}::${extra.type}[]`);
  }
  return `INSERT INTO ${table} (${names.join(", ")}) SELECT * FROM unnest(${arrays.join(", ")})`;
}

function overwrite(names: readonly string[]): string {
  return names.map((name) => `${name} = excluded.${name}`).join(", ");
}

// Start records (engine/ports/run-store.ts `StartRecord`): the application's rows written in a run's first commit.
const auditColumns: Columns<AuditRecord> = {
  id: text((entry) => entry.id),
  team_id: text((entry) => entry.teamId),
  actor_id: text((entry) => entry.actorId),
  actor_name: text((entry) => entry.actorName),
  action: text((entry) => entry.action),
  target_type: text((entry) => entry.targetType),
  target_id: text((entry) => entry.targetId),
  target_label: text((entry) => entry.targetLabel),
  detail: text((entry) => entry.detail),
  created_at: timestamp((entry) => entry.createdAt),
};
/**
 * A webhook's `last_used_at` is rewritten only when it is this much older than the start's: every start
 * of one webhook would otherwise rewrite the same row in every commit (and concurrent commits would
 * queue on its lock). A skipped stamp's row keeps one at most this much older.
 */
export const webhookUsedResolutionMs = 1000;
const webhookUsedColumns: Columns<WebhookUsedRecord> = {
  workflow_id: text((used) => used.workflowId),
  at: timestamp((used) => used.at),
};

const stepsFrom = 1 + Object.keys(runColumns).length;
const eventsFrom = stepsFrom + Object.keys(stepColumns).length;
const auditFrom = eventsFrom + Object.keys(eventColumns).length;
const webhooksUsedFrom = auditFrom + Object.keys(auditColumns).length;
// The fence: the runs' owners (inserted top-level runs take the committing lease, never rewritten by
// a commit: claims move them), the lease epoch `orka_commit_guard` checks, and whether to wake claimers.
const fenceFrom = webhooksUsedFrom + Object.keys(webhookUsedColumns).length;
const stepValueColumns = Object.keys(stepColumns).filter((name) => !stepKeyColumns.includes(name));
const upsertRunsAndSteps = `
WITH upserted_runs AS (
  ${insertFromArrays("runs", runColumns, 1, { name: "owner_epoch", parameter: fenceFrom, type: "int" })}
  ON CONFLICT (id) DO UPDATE SET ${overwrite(mutableRunColumns)}, ${redriveColumns}
), upserted_steps AS (
  ${insertFromArrays("step_runs", stepColumns, stepsFrom)}
  ON CONFLICT (${stepKeyColumns.join(", ")}) DO UPDATE SET ${overwrite(stepValueColumns)}
)`;
// The guard is the main query, so it runs (and takes its lease FOR KEY SHARE) before the CTEs, which
// are run to completion after it: a claimer takes the lease row, then the runs, in the same order.
const insertEventsAndStartRecords = `, inserted_events AS (
  ${insertFromArrays("run_events", eventColumns, eventsFrom)}
), inserted_audit AS (
  ${insertFromArrays("audit_events", auditColumns, auditFrom)}
), used_webhooks AS (
  UPDATE workflow_webhooks SET last_used_at = used.at
  FROM unnest($${webhooksUsedFrom}::text[], $${webhooksUsedFrom + 1}::timestamp[]) AS used (workflow_id, at)
  WHERE workflow_webhooks.workflow_id = used.workflow_id
    AND (last_used_at IS NULL OR last_used_at < used.at - interval '${webhookUsedResolutionMs} milliseconds')
)
SELECT orka_commit_guard($${fenceFrom + 1}::int, $${fenceFrom + 2}::bool)`;

const breakerColumns: Columns<BreakerRow> = {
  team_id: text((row) => row.teamId),
  key: text((row) => row.key),
  state: text((row) => row.state),
  failures: int((row) => row.failures),
  window_started_at: optionalTimestamp((row) => row.windowStartedAt),
  open_until: optionalTimestamp((row) => row.openUntil),
  trial_by: text((row) => row.trialBy),
  trial_started_at: optionalTimestamp((row) => row.trialStartedAt),
  last_error: text((row) => row.lastError),
  updated_at: timestamp((row) => row.updatedAt),
};
const optionalFrom = fenceFrom + 3;
const upsertBreakersCte = (from: number) => `upserted_breakers AS (
  ${insertFromArrays("circuit_breakers", breakerColumns, from)}
  ${breakerUpsertTail}
)`;

/**
 * The commit statement, with one more CTE for each rare kind of row the batch has: circuit breakers
 * that changed, outputs of steps that declare `cache`. Each variant is a named statement, so a
 * connection plans each once; most commits use the plain one.
 */
function commitStatement(withBreakers: boolean, withCache: boolean): { name: string; text: string } {
  const ctes: string[] = [];
  let next = optionalFrom;
  if (withBreakers) {
    ctes.push(upsertBreakersCte(next));
    next += Object.keys(breakerColumns).length;
  }
  if (withCache) ctes.push(upsertCacheCte(next));
  const name = `orka_commit_batch${withBreakers ? "_breakers" : ""}${withCache ? "_cached" : ""}`;
  return { name, text: `${upsertRunsAndSteps}${ctes.map((cte) => `, ${cte}`).join("")}${insertEventsAndStartRecords}` };
}
const commitStatements = [commitStatement(false, false), commitStatement(false, true), commitStatement(true, false), commitStatement(true, true)];

/** One array per column, in the order of `columns`; `null` elements become SQL NULL. */
function toArrays<T>(rows: readonly T[], columns: Columns<T>): unknown[][] {
  return Object.values(columns).map((column) => rows.map((row) => column.value(row)));
}

/** Named, so each pooled connection parses and plans the statement once. */
export async function commitBatch(pool: pg.Pool, { runs, steps, events, breakers, audit, webhooksUsed, cache }: Batch, fence: CommitFence | null = null): Promise<void> {
  const owner = fence?.epoch ?? null;
  const values = [
    ...toArrays(runs, runColumns),
    ...toArrays(steps, stepColumns),
    ...toArrays(events, eventColumns),
    ...toArrays(audit, auditColumns),
    ...toArrays(webhooksUsed, webhookUsedColumns),
    runs.map((run) => (run.id === run.rootRunId ? owner : null)),
    owner,
    // A new top-level run with no owner waits for a claimer: wake them when this commit is durable.
    owner === null && runs.some((run) => run.id === run.rootRunId && run.status === "pending"),
  ];
  if (breakers.length > 0) values.push(...toArrays(breakers, breakerColumns));
  if (cache.length > 0) values.push(...cacheArrays(cache));
  const statement = commitStatements[(breakers.length > 0 ? 2 : 0) + (cache.length > 0 ? 1 : 0)]!;
  await pool.query({ ...statement, values });
}
