import type pg from "pg";
import { expiredCachePurgeBatch, type StepCacheEntry, type StepCacheKey, type StepCacheScope } from "../../../engine/ports/run-store";
import { pgTimestamp, utcTimestampTypes } from "./pg-types";
import { encodeOptionalJson } from "./row-codec";
import { decodeCacheRecord } from "./step-cache-sqlite";

/**
 * The `step_cache` rows of a commit, as a CTE for the commit statement (`pg-commit.ts`): the cache
 * entries are written in the same statement, so the same transaction, as the step's completion.
 */
export const cacheColumns = ["team_id", "workflow_key", "step_id", "key_hash", "output", "source_run_id", "created_at", "expires_at"] as const;

/**
 * Also deletes a bounded batch of entries expired at the newest entry's `created_at` (see
 * `expiredCachePurgeBatch`), except those this statement writes (a row changed twice in one
 * statement keeps one change, unpredictably), skipping rows a concurrent commit is deleting.
 */
export function upsertCacheCte(firstParameter: number): string {
  const arrays = cacheColumns.map((name, i) => `$${firstParameter + i}::${name.endsWith("_at") ? "timestamp" : "text"}[]`);
  const [teams, workflows, steps, hashes] = arrays;
  const createdAt = arrays[cacheColumns.indexOf("created_at")]!;
  return `upserted_cache AS (
  INSERT INTO step_cache (${cacheColumns.join(", ")}) SELECT * FROM unnest(${arrays.join(", ")})
  ON CONFLICT (team_id, workflow_key, step_id, key_hash) DO UPDATE SET output = excluded.output,
    source_run_id = excluded.source_run_id, created_at = excluded.created_at, expires_at = excluded.expires_at
), purged_cache AS (
  DELETE FROM step_cache WHERE ctid IN (
    SELECT ctid FROM step_cache
    WHERE expires_at <= (SELECT max(at) FROM unnest(${createdAt}) AS made (at))
      AND (team_id, workflow_key, step_id, key_hash) NOT IN (SELECT * FROM unnest(${teams}, ${workflows}, ${steps}, ${hashes}))
    ORDER BY expires_at LIMIT ${expiredCachePurgeBatch} FOR UPDATE SKIP LOCKED
  )
)`;
}

/** One array per column of `cacheColumns`; a later entry for the same key replaces an earlier one (ON CONFLICT meets a key once). */
export function cacheArrays(entries: readonly StepCacheEntry[]): unknown[][] {
  const byKey = new Map(entries.map((entry) => [[entry.teamId, entry.workflowKey, entry.stepId, entry.keyHash].join("\u0000"), entry]));
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
  return [
    rows.map((entry) => entry.teamId),
    rows.map((entry) => entry.workflowKey),
    rows.map((entry) => entry.stepId),
    rows.map((entry) => entry.keyHash),
    rows.map((entry) => encodeOptionalJson(entry.output)),
    rows.map((entry) => entry.sourceRunId),
    rows.map((entry) => pgTimestamp(entry.createdAt)),
    rows.map((entry) => pgTimestamp(entry.expiresAt)),
  ];
}

export async function readPgStepCache(pool: pg.Pool, key: StepCacheKey, now: Date): Promise<StepCacheEntry | null> {
  const result = await pool.query<{ output: string | null; source_run_id: string; created_at: Date; expires_at: Date }>({
    name: "orka_read_step_cache",
    text: `SELECT output, source_run_id, created_at, expires_at FROM step_cache
           WHERE team_id = $1 AND workflow_key = $2 AND step_id = $3 AND key_hash = $4 AND expires_at > $5::timestamp`,
    values: [key.teamId, key.workflowKey, key.stepId, key.keyHash, pgTimestamp(now)],
    types: utcTimestampTypes,
  });
  const record = result.rows[0];
  return record ? decodeCacheRecord(key, record, (date) => date) : null;
}

export async function clearPgStepCache(pool: pg.Pool, scope: StepCacheScope): Promise<number> {
  const result = await pool.query("DELETE FROM step_cache WHERE team_id = $1 AND workflow_key = $2 AND step_id = $3", [scope.teamId, scope.workflowKey, scope.stepId]);
  return result.rowCount ?? 0;
}
