import type pg from "pg";
import { utcTimestampTypes } from "./pg-types";
import type { BreakerRecord } from "./breaker-rows";
import type { EventRecord, NodeRecord, RunRecord } from "./row-codec";
import { sqlTextArray } from "./pg-script";

/**
 * The reads, one function per statement. Statements are named so each connection parses and plans
 * them once; every query passes `utcTimestampTypes`, so any pool reads timestamps as UTC.
 */

function query<R extends pg.QueryResultRow>(client: pg.ClientBase | pg.Pool, name: string, text: string, values: unknown[]) {
  return client.query<R>({ name, text, values, types: utcTimestampTypes });
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

/**
 * The statements of a load (`PgRunStore.loadRuns`, run as one script after `SET TRANSACTION … REPEATABLE
 * READ`): the runs, their steps, and each run's last event `seq` (one index lookup per run; a
 * `GROUP BY run_id` over `run_id = ANY(…)` scanned all of run_events under a generic plan).
 * COLLATE "C" sorts like SQLite's BINARY, so both stores list in the same order.
 */
export function loadRunsScript(runIds: readonly string[]): string[] {
  const ids = sqlTextArray(runIds);
  return [
    `SELECT * FROM runs WHERE id = ANY(${ids})`,
    `SELECT * FROM step_runs WHERE run_id = ANY(${ids}) ORDER BY run_id, step_id COLLATE "C"`,
    `SELECT ids.run_id, (SELECT MAX(seq) FROM run_events WHERE run_events.run_id = ids.run_id) AS last_seq FROM unnest(${ids}) AS ids (run_id)`,
  ];
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
