import type pg from "pg";
import { utcTimestampTypes } from "./pg-types";
import type { BreakerRecord } from "./breaker-rows";
import type { EventRecord, NodeRecord, RunRecord, StepRecord } from "./row-codec";

/**
 * The reads, one function per statement. Statements are named so each connection parses and plans
 * them once; every query passes `utcTimestampTypes`, so any pool reads timestamps as UTC.
 */

function query<R extends pg.QueryResultRow>(client: pg.ClientBase | pg.Pool, name: string, text: string, values: unknown[]) {
  return client.query<R>({ name, text, values, types: utcTimestampTypes });
}

export async function selectRun(client: pg.ClientBase, runId: string) {
  const result = await query<RunRecord<Date>>(client, "orka_select_run", `SELECT * FROM runs WHERE id = $1`, [runId]);
  return result.rows[0];
}

// COLLATE "C" sorts like SQLite's BINARY, so both stores list in the same order.
export async function selectSteps(client: pg.ClientBase, runId: string) {
  const text = `SELECT * FROM step_runs WHERE run_id = $1 ORDER BY step_id COLLATE "C"`;
  return (await query<StepRecord<Date>>(client, "orka_select_steps", text, [runId])).rows;
}

export async function selectLastSeq(client: pg.ClientBase, runId: string): Promise<number> {
  const text = `SELECT COALESCE(MAX(seq), 0) AS last_seq FROM run_events WHERE run_id = $1`;
  return (await query<{ last_seq: number }>(client, "orka_select_last_seq", text, [runId])).rows[0]!.last_seq;
}

export async function selectActiveRunIds(pool: pg.Pool): Promise<string[]> {
  const text = `SELECT id FROM runs WHERE status IN ('pending', 'running') ORDER BY created_at, id COLLATE "C"`;
  return (await query<{ id: string }>(pool, "orka_select_active_run_ids", text, [])).rows.map((row) => row.id);
}

// LIMIT NULL is PostgreSQL for "no limit".
export async function selectEvents(pool: pg.Pool, runId: string, afterSeq: number, limit: number | null) {
  const text = `SELECT * FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`;
  return (await query<EventRecord<Date>>(pool, "orka_select_events", text, [runId, afterSeq, limit])).rows;
}

export async function selectChildRuns(pool: pg.Pool, parentRunId: string, parentStepId: string | null) {
  const text = `SELECT * FROM runs WHERE parent_run_id = $1 AND ($2::text IS NULL OR parent_step_id = $2)
    ORDER BY parent_index NULLS LAST, created_at, id COLLATE "C"`;
  return (await query<RunRecord<Date>>(pool, "orka_select_child_runs", text, [parentRunId, parentStepId])).rows;
}

export async function selectRuns(client: pg.ClientBase, runIds: readonly string[]) {
  const text = `SELECT * FROM runs WHERE id = ANY($1::text[])`;
  return (await query<RunRecord<Date>>(client, "orka_select_runs", text, [runIds])).rows;
}

export async function selectStepsOfRuns(client: pg.ClientBase, runIds: readonly string[]) {
  const text = `SELECT * FROM step_runs WHERE run_id = ANY($1::text[]) ORDER BY run_id, step_id COLLATE "C"`;
  return (await query<StepRecord<Date>>(client, "orka_select_steps_of_runs", text, [runIds])).rows;
}

// One index lookup per run: `run_id = ANY($1) GROUP BY run_id` got a generic plan (named
// statements switch to one after five runs) that scanned all of run_events, ~0.6 s per batch at 100k events.
export async function selectLastSeqs(client: pg.ClientBase, runIds: readonly string[]): Promise<Map<string, number>> {
  const text = `SELECT ids.run_id, (SELECT MAX(seq) FROM run_events WHERE run_events.run_id = ids.run_id) AS last_seq
    FROM unnest($1::text[]) AS ids (run_id)`;
  const rows = (await query<{ run_id: string; last_seq: number | null }>(client, "orka_select_last_seqs", text, [runIds])).rows;
  return new Map(rows.map((row) => [row.run_id, row.last_seq ?? 0]));
}

export async function selectChildNodes(pool: pg.Pool, parentRunIds: readonly string[]) {
  const text = `SELECT id, parent_run_id, parent_step_id, status FROM runs WHERE parent_run_id = ANY($1::text[])
    ORDER BY parent_run_id COLLATE "C", parent_index NULLS LAST, created_at, id COLLATE "C"`;
  return (await query<NodeRecord>(pool, "orka_select_child_nodes", text, [parentRunIds])).rows;
}

// COUNT(*) is a bigint, which pg hands over as a string.
export async function countTreeRuns(pool: pg.Pool, rootRunId: string): Promise<number> {
  const text = `SELECT COUNT(*)::int AS runs FROM runs WHERE root_run_id = $1`;
  return (await query<{ runs: number }>(pool, "orka_count_tree_runs", text, [rootRunId])).rows[0]!.runs;
}

export async function selectBreakers(pool: pg.Pool) {
  const text = `SELECT * FROM circuit_breakers ORDER BY team_id COLLATE "C", key COLLATE "C"`;
  return (await query<BreakerRecord<Date>>(pool, "orka_select_breakers", text, [])).rows;
}
