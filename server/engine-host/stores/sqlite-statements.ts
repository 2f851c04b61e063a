import type Database from "better-sqlite3";
import { publishedEventOf } from "../../../engine/definition/published-events";
import type { RunEvent } from "../../../engine/definition/run-events";
import type { RunRow, StepRunRow } from "../../../engine/ports/run-store";
import type { BreakerRow } from "../../../engine/scheduling/breaker";
import { breakerColumnNames, breakerUpsertTail, breakerValues, type BreakerRecord } from "./breaker-rows";
import type { EventRecord, NodeRecord, RunRecord, StepRecord } from "./row-codec";
import { encodeDefinition, encodeJson, encodeOptionalJson } from "./row-codec";
import type { AuditRecord, WebhookUsedRecord } from "./start-records";

/**
 * Prisma's better-sqlite3 adapter stores DateTime as `toISOString()` with `+00:00` for `Z`;
 * writing anything else (epoch numbers, `Z`) makes Prisma misread or mis-sort engine rows.
 */
export function sqliteDate(date: Date): string {
  // One commit writes many rows stamped in the same millisecond: format each millisecond once.
  const time = date.getTime();
  if (time !== lastFormatted.time) lastFormatted = { time, text: date.toISOString().replace("Z", "+00:00") };
  return lastFormatted.text;
}
let lastFormatted = { time: NaN, text: "" };

function optionalSqliteDate(date: Date | null | undefined): string | null {
  return date ? sqliteDate(date) : null;
}

export function readSqliteDate(text: string): Date {
  return new Date(text);
}

// Definition, input, parentage (tree root and depth too), team and creation time are fixed at insert: rewriting them would
// resurrect a workflow id that `ON DELETE SET NULL` cleared and fail the whole commit on the FK.
// A redrive is the exception: when `previous_versions` changes, so do the definition and its version (rewriting the
// definition on every commit would copy it each time).
const upsertRunSql = `
INSERT INTO runs (id, team_id, workflow_id, workflow_version_id, parent_run_id, parent_step_id,
  parent_index, root_run_id, depth, status, definition, input, output, error, vars, previous_versions, created_at,
  started_at, finished_at, updated_at, test, pins, trace_parent, owner_epoch)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, output = excluded.output,
  error = excluded.error, vars = excluded.vars, started_at = excluded.started_at,
  finished_at = excluded.finished_at, updated_at = excluded.updated_at,
  definition = CASE WHEN excluded.previous_versions <> runs.previous_versions THEN excluded.definition ELSE runs.definition END,
  workflow_version_id = CASE WHEN excluded.previous_versions <> runs.previous_versions THEN excluded.workflow_version_id ELSE runs.workflow_version_id END,
  previous_versions = excluded.previous_versions`;

/** `owner`: the lease a new top-level run belongs to (only inserts write it; claims move it). */
function runValues(run: RunRow, owner: number | null): unknown[] {
  return [
    run.id, run.teamId, run.workflowId, run.workflowVersionId, run.parentRunId, run.parentStepId,
    run.parentIndex, run.rootRunId, run.depth, run.status, encodeDefinition(run.definition), encodeJson(run.input),
    encodeOptionalJson(run.output), encodeOptionalJson(run.error), encodeJson(run.vars ?? {}), encodeJson(run.previousVersions ?? []),
    sqliteDate(run.createdAt), optionalSqliteDate(run.startedAt), optionalSqliteDate(run.finishedAt),
    sqliteDate(run.updatedAt), run.test ? 1 : 0, encodeOptionalJson(run.pins), run.traceParent ?? null, run.id === run.rootRunId ? owner : null,
  ];
}

const upsertStepSql = `
INSERT INTO step_runs (run_id, step_id, status, attempt, retry_from, interruptions, branch, output,
  error, state, queued_at, started_at, finished_at, wake_at, updated_at, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id, step_id) DO UPDATE SET status = excluded.status, attempt = excluded.attempt,
  retry_from = excluded.retry_from, interruptions = excluded.interruptions, branch = excluded.branch, output = excluded.output,
  error = excluded.error, state = excluded.state, queued_at = excluded.queued_at,
  started_at = excluded.started_at, finished_at = excluded.finished_at, wake_at = excluded.wake_at,
  updated_at = excluded.updated_at, detail = excluded.detail`;

// Bound from one array per statement, refilled for every row: the driver copies the values into
// SQLite before `run` returns, and a commit writes many rows (a W1 run: 10 steps, 32 events).
const stepParameters: unknown[] = new Array(16);

function stepValues(step: StepRunRow): unknown[] {
  const values = stepParameters;
  values[0] = step.runId;
  values[1] = step.stepId;
  values[2] = step.status;
  values[3] = step.attempt;
  values[4] = step.retryFrom;
  values[5] = step.interruptions;
  values[6] = step.branch ?? null;
  values[7] = encodeOptionalJson(step.output);
  values[8] = encodeOptionalJson(step.error);
  values[9] = encodeOptionalJson(step.state);
  values[10] = optionalSqliteDate(step.queuedAt);
  values[11] = optionalSqliteDate(step.startedAt);
  values[12] = optionalSqliteDate(step.finishedAt);
  values[13] = optionalSqliteDate(step.wakeAt);
  values[14] = sqliteDate(step.updatedAt);
  values[15] = encodeOptionalJson(step.detail);
  return values;
}

const insertEventSql = `
INSERT INTO run_events (run_id, seq, type, step_id, payload, at) VALUES (?, ?, ?, ?, ?, ?)`;
/** Events go in chunks of this many rows per statement: one VM run instead of 32 on the hot path. */
const eventChunk = 32;
const insertEventChunkSql = `
INSERT INTO run_events (run_id, seq, type, step_id, payload, at) VALUES ${Array(eventChunk).fill("(?, ?, ?, ?, ?, ?)").join(", ")}`;

const eventColumns = 6;
const eventChunkParameters: unknown[] = new Array(eventChunk * eventColumns);
const eventParameters: unknown[] = new Array(eventColumns);

/** Writes the event's values into `values` from `offset` (one array per statement, as for steps). */
function putEventValues(values: unknown[], offset: number, event: RunEvent): unknown[] {
  values[offset] = event.runId;
  values[offset + 1] = event.seq;
  values[offset + 2] = event.type;
  values[offset + 3] = event.stepId ?? null;
  values[offset + 4] = encodeJson(event.payload ?? {});
  values[offset + 5] = sqliteDate(event.at);
  return values;
}

// The outbox of event subscriptions (server/subscriptions/README.md), for the published events of a commit whose run's
// team has a subscription, in the commit's transaction. PostgreSQL does this with a trigger on run_events; on SQLite
// a trigger program runs for every inserted event, published or not, which cost ~20 % of a commit's CPU.
const insertOutboxSql = `
INSERT INTO event_outbox (run_id, seq, event, created_at)
SELECT e.value ->> 0, e.value ->> 1, e.value ->> 2, e.value ->> 3 FROM json_each(?) e
WHERE EXISTS (SELECT 1 FROM runs r JOIN event_subscriptions s ON s.team_id = r.team_id WHERE r.id = e.value ->> 0)`;

/** `[runId, seq, published name, at]` of each published event, as one JSON parameter; null when none is published. */
function outboxRowsOf(events: readonly RunEvent[]): string | null {
  let rows: [string, number, string, string][] | null = null;
  for (const event of events) {
    const published = publishedEventOf(event);
    if (published) (rows ??= []).push([event.runId, event.seq, published, sqliteDate(event.at)]);
  }
  return rows && JSON.stringify(rows);
}

// Start records (engine/ports/run-store.ts `StartRecord`): the application's rows written in a run's first commit.
const insertAuditSql = `
INSERT INTO audit_events (id, team_id, actor_id, actor_name, action, target_type, target_id, target_label, detail, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const markWebhookUsedSql = `UPDATE workflow_webhooks SET last_used_at = ? WHERE workflow_id = ?`;

const selectRunSql = `SELECT * FROM runs WHERE id = ?`;
const selectStepsSql = `SELECT * FROM step_runs WHERE run_id = ? ORDER BY step_id`;
const selectLastSeqSql = `SELECT COALESCE(MAX(seq), 0) AS last_seq FROM run_events WHERE run_id = ?`;
const selectActiveRunIdsSql = `
SELECT id FROM runs WHERE status IN ('pending', 'running') ORDER BY created_at, id`;
// LIMIT -1 is SQLite for "no limit".
const selectEventsSql = `
SELECT * FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`;
// Id lists arrive as one JSON array parameter: no limit on host parameters, one prepared statement.
const selectRunsSql = `SELECT * FROM runs WHERE id IN (SELECT value FROM json_each(?))`;
const selectStepsOfRunsSql = `
SELECT * FROM step_runs WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, step_id`;
const selectLastSeqsSql = `
SELECT run_id, MAX(seq) AS last_seq FROM run_events WHERE run_id IN (SELECT value FROM json_each(?)) GROUP BY run_id`;
const selectChildNodesSql = `
SELECT id, parent_run_id, parent_step_id, status FROM runs
WHERE parent_run_id IN (SELECT value FROM json_each(?))
ORDER BY parent_run_id, parent_index NULLS LAST, created_at, id`;
const countTreeRunsSql = `SELECT COUNT(*) FROM runs WHERE root_run_id = ?`;
const selectChildRunsSql = `
SELECT * FROM runs WHERE parent_run_id = ? AND (? IS NULL OR parent_step_id = ?)
ORDER BY parent_index NULLS LAST, created_at, id`;

const upsertBreakerSql = `
INSERT INTO circuit_breakers (${breakerColumnNames.join(", ")}) VALUES (${breakerColumnNames.map(() => "?").join(", ")})
${breakerUpsertTail}`;
const selectBreakersSql = `SELECT * FROM circuit_breakers ORDER BY team_id, key`;

/** Every statement prepared once per connection: preparing on the hot path costs more than running. */
export function prepareStatements(db: Database.Database) {
  const upsertRun = db.prepare(upsertRunSql);
  const upsertStep = db.prepare(upsertStepSql);
  const insertEvent = db.prepare(insertEventSql);
  const insertEventChunk = db.prepare(insertEventChunkSql);
  const selectRun = db.prepare<[string], RunRecord<string>>(selectRunSql);
  const selectSteps = db.prepare<[string], StepRecord<string>>(selectStepsSql);
  const selectLastSeq = db.prepare<[string], { last_seq: number }>(selectLastSeqSql);
  const selectActiveRunIds = db.prepare<[], string>(selectActiveRunIdsSql).pluck();
  const selectEvents = db.prepare<[string, number, number], EventRecord<string>>(selectEventsSql);
  const selectChildRuns = db.prepare<[string, string | null, string | null], RunRecord<string>>(selectChildRunsSql);
  const selectRuns = db.prepare<[string], RunRecord<string>>(selectRunsSql);
  const selectStepsOfRuns = db.prepare<[string], StepRecord<string>>(selectStepsOfRunsSql);
  const selectLastSeqs = db.prepare<[string], { run_id: string; last_seq: number }>(selectLastSeqsSql);
  const selectChildNodes = db.prepare<[string], NodeRecord>(selectChildNodesSql);
  const countTreeRuns = db.prepare<[string], number>(countTreeRunsSql).pluck();
  // Prepared on first use: a database with only the engine's tables never needs them.
  let insertOutbox: Database.Statement | undefined;
  let insertAudit: Database.Statement | undefined;
  let markWebhookUsed: Database.Statement | undefined;
  const upsertBreaker = db.prepare(upsertBreakerSql);
  const selectBreakers = db.prepare<[], BreakerRecord<string>>(selectBreakersSql);
  return {
    upsertBreaker: (row: BreakerRow) => upsertBreaker.run(breakerValues(row, optionalSqliteDate)),
    selectBreakers: () => selectBreakers.all(),
    insertAudit: (entry: AuditRecord) =>
      (insertAudit ??= db.prepare(insertAuditSql)).run(entry.id, entry.teamId, entry.actorId, entry.actorName, entry.action, entry.targetType, entry.targetId,
        entry.targetLabel, entry.detail, sqliteDate(entry.createdAt)),
    markWebhookUsed: (used: WebhookUsedRecord) => (markWebhookUsed ??= db.prepare(markWebhookUsedSql)).run(sqliteDate(used.at), used.workflowId),
    upsertRun: (run: RunRow, owner: number | null) => upsertRun.run(runValues(run, owner)),
    upsertStep: (step: StepRunRow) => upsertStep.run(stepValues(step)),
    insertEvents: (events: readonly RunEvent[]) => {
      let index = 0;
      for (; index + eventChunk <= events.length; index += eventChunk) {
        for (let row = 0; row < eventChunk; row++) putEventValues(eventChunkParameters, row * eventColumns, events[index + row]!);
        insertEventChunk.run(eventChunkParameters);
      }
      for (; index < events.length; index++) insertEvent.run(putEventValues(eventParameters, 0, events[index]!));
      const outbox = outboxRowsOf(events);
      if (outbox) (insertOutbox ??= db.prepare(insertOutboxSql)).run(outbox);
    },
    selectRun: (runId: string) => selectRun.get(runId),
    selectSteps: (runId: string) => selectSteps.all(runId),
    selectLastSeq: (runId: string) => selectLastSeq.get(runId)?.last_seq ?? 0,
    selectActiveRunIds: () => selectActiveRunIds.all(),
    selectEvents: (runId: string, afterSeq: number, limit = -1) => selectEvents.all(runId, afterSeq, limit),
    selectChildRuns: (parentRunId: string, parentStepId: string | null) =>
      selectChildRuns.all(parentRunId, parentStepId, parentStepId),
    selectRuns: (runIds: readonly string[]) => selectRuns.all(JSON.stringify(runIds)),
    selectStepsOfRuns: (runIds: readonly string[]) => selectStepsOfRuns.all(JSON.stringify(runIds)),
    selectLastSeqs: (runIds: readonly string[]) => selectLastSeqs.all(JSON.stringify(runIds)),
    selectChildNodes: (parentRunIds: readonly string[]) => selectChildNodes.all(JSON.stringify(parentRunIds)),
    countTreeRuns: (rootRunId: string) => countTreeRuns.get(rootRunId) ?? 0,
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;
