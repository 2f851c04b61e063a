import type Database from "better-sqlite3";
import { expiredCachePurgeBatch, type StepCacheEntry, type StepCacheKey, type StepCacheScope } from "../../../engine/ports/run-store";
import { decodeJson, encodeOptionalJson } from "./row-codec";
import { readSqliteDate, sqliteDate } from "./sqlite-statements";

interface CacheRecord {
  output: string | null;
  source_run_id: string;
  created_at: string;
  expires_at: string;
}

const upsertSql = `
INSERT INTO step_cache (team_id, workflow_key, step_id, key_hash, output, source_run_id, created_at, expires_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (team_id, workflow_key, step_id, key_hash) DO UPDATE SET output = excluded.output,
  source_run_id = excluded.source_run_id, created_at = excluded.created_at, expires_at = excluded.expires_at`;
// Dates are stored as fixed-width UTC text (`…+00:00`), so comparing the text compares the instants.
const selectSql = `
SELECT output, source_run_id, created_at, expires_at FROM step_cache
WHERE team_id = ? AND workflow_key = ? AND step_id = ? AND key_hash = ? AND expires_at > ?`;
const deleteSql = `DELETE FROM step_cache WHERE team_id = ? AND workflow_key = ? AND step_id = ?`;
const purgeSql = `DELETE FROM step_cache WHERE rowid IN (SELECT rowid FROM step_cache WHERE expires_at <= ? ORDER BY expires_at LIMIT ${expiredCachePurgeBatch})`;

/** The `step_cache` statements of the SQLite store, prepared once per connection. */
export function prepareStepCacheStatements(db: Database.Database) {
  const upsert = db.prepare(upsertSql);
  const select = db.prepare<unknown[], CacheRecord>(selectSql);
  const remove = db.prepare(deleteSql);
  const purge = db.prepare(purgeSql);
  const upsertOne = (entry: StepCacheEntry) =>
    upsert.run(entry.teamId, entry.workflowKey, entry.stepId, entry.keyHash, encodeOptionalJson(entry.output), entry.sourceRunId, sqliteDate(entry.createdAt), sqliteDate(entry.expiresAt));
  return {
    /** Inside the commit's transaction: the entries, then a bounded batch of expired ones deleted (see `expiredCachePurgeBatch`). */
    write: (entries: readonly StepCacheEntry[]) => {
      if (entries.length === 0) return;
      entries.forEach(upsertOne);
      purge.run(sqliteDate(newestCreatedAt(entries)));
    },
    read: (key: StepCacheKey, now: Date): StepCacheEntry | null => {
      const record = select.get(key.teamId, key.workflowKey, key.stepId, key.keyHash, sqliteDate(now));
      return record ? decodeCacheRecord(key, record, readSqliteDate) : null;
    },
    clear: (scope: StepCacheScope): number => remove.run(scope.teamId, scope.workflowKey, scope.stepId).changes,
  };
}

export function decodeCacheRecord<D>(key: StepCacheKey, record: { output: string | null; source_run_id: string; created_at: D; expires_at: D }, readDate: (value: D) => Date): StepCacheEntry {
  return {
    ...key,
    output: decodeJson(record.output),
    sourceRunId: record.source_run_id,
    createdAt: readDate(record.created_at),
    expiresAt: readDate(record.expires_at),
  };
}

/** The time a commit's cache entries were made as of: what "expired" means for its purge. */
export function newestCreatedAt(entries: readonly StepCacheEntry[]): Date {
  return new Date(entries.reduce((newest, entry) => Math.max(newest, entry.createdAt.getTime()), -Infinity));
}
