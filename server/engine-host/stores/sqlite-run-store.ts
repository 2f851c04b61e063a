import type Database from "better-sqlite3";
import type { RunEvent } from "../../../engine/definition/run-events";
import type { RunMutation, RunNode, RunRow, RunStore, StepCacheEntry, StepCacheKey, StepCacheScope, StoredRun } from "../../../engine/ports/run-store";
import { migrateSqlite } from "../../db/migrate";
import { openSqlite, walAutocheckpointPages } from "../../db/sqlite";
import type { BreakerRow } from "../../../engine/scheduling/breaker";
import { LeaseLostError, type CommitFence } from "../../../engine/ports/leases";
import { decodeBreaker, latestBreakers } from "./breaker-rows";
import type { Logger } from "../../../engine/runtime/logger";
import { systemNow, systemNowMs } from "../../../engine/runtime/system-clock";
import { startCheckpointer, type Checkpointer } from "./sqlite-checkpointer";
import { SqliteLeaseStore } from "./sqlite-leases";
import { assembleRuns, decodeEvent, decodeNode, decodeRun, decodeStep } from "./row-codec";
import { splitStartRecords } from "./start-records";
import { prepareStatements, readSqliteDate, type SqliteStatements } from "./sqlite-statements";
import { prepareStepCacheStatements } from "./step-cache-sqlite";

/**
 * RunStore on the embedded database through better-sqlite3. The driver is synchronous, so every
 * method finishes before it returns and concurrent calls serialise on the event loop.
 *
 * @example
 * const store = SqliteRunStore.open("data/orka.db");
 * await store.commit([{ run, steps: [], events: [] }]);
 */
export class SqliteRunStore implements RunStore {
  readonly #db: Database.Database;
  readonly #ownsDatabase: boolean;
  readonly #sql: SqliteStatements;
  readonly #cache: ReturnType<typeof prepareStepCacheStatements>;
  readonly #writeBatch: Database.Transaction<(mutations: readonly RunMutation[], fence: CommitFence | null) => void>;
  readonly leases: SqliteLeaseStore;
  readonly #readRun: (runId: string) => StoredRun | null;
  readonly #readRuns: (runIds: readonly string[]) => StoredRun[];
  #checkpointer: Checkpointer | null = null;

  /** Uses an open, migrated database; `close()` closes it only when `ownsDatabase`. */
  constructor(db: Database.Database, options: { ownsDatabase?: boolean } = {}) {
    // The connection that commits runs WAL checkpoints inline, fsync included. At SQLite's default
    // (1,000 pages ≈ 4 MB) a busy engine stalls on one every few group commits; 10,000 pages
    // (≈ 40 MB of WAL) lets rewrites of hot index pages coalesce (+50% transitions/s measured).
    db.pragma(`wal_autocheckpoint = ${walAutocheckpointPages}`);
    this.#db = db;
    this.#ownsDatabase = options.ownsDatabase ?? false;
    this.#sql = prepareStatements(db);
    this.#cache = prepareStepCacheStatements(db);
    this.leases = new SqliteLeaseStore(db);
    this.#writeBatch = db.transaction((mutations, fence) => {
      // Fencing, inside the write transaction: nothing of this commit is applied once the lease is lost.
      const heldAt = systemNow();
      if (fence && !this.leases.isHeld(fence.epoch, heldAt)) throw new LeaseLostError(fence.epoch);
      writeMutations(this.#sql, mutations, fence?.epoch ?? null);
      this.#cache.write(mutations.flatMap((mutation) => mutation.cache ?? []));
      // No other writer could take the lease over meanwhile: however long this took, it is renewed.
      // A short commit leaves that to the renewal timer (one statement less on every commit).
      if (fence?.leaseMs && systemNowMs() - heldAt.getTime() > fence.leaseMs / 4) this.leases.renewHeld(fence.epoch, fence.leaseMs, heldAt);
    });
    this.#readRun = db.transaction((runId) => readRun(this.#sql, runId));
    this.#readRuns = db.transaction((runIds) => readRuns(this.#sql, runIds));
  }

  /**
   * Opens (creating if needed) and migrates the database file; the store owns the connection. With
   * `backgroundCheckpoints` (the server's engine), a worker thread checkpoints the WAL
   * (`startCheckpointer`), so commits seldom do it inline.
   */
  static open(filename: string, options: { backgroundCheckpoints?: { logger: Pick<Logger, "error"> } } = {}): SqliteRunStore {
    const db = openSqlite(filename);
    try {
      migrateSqlite(db);
    } catch (error) {
      db.close();
      throw error;
    }
    const store = new SqliteRunStore(db, { ownsDatabase: true });
    if (options.backgroundCheckpoints && filename !== ":memory:") store.#checkpointer = startCheckpointer(filename, options.backgroundCheckpoints.logger);
    return store;
  }

  /** The connection that commits: the one SQLite writer, also for the front door's reads (server/triggers/start-catalog.ts). */
  get database(): Database.Database {
    return this.#db;
  }

  async commit(mutations: readonly RunMutation[], fence: CommitFence | null = null): Promise<void> {
    // IMMEDIATE takes the write lock up front: a deferred transaction that has to upgrade while
    // another connection (Prisma) writes gets SQLITE_BUSY at once instead of waiting busy_timeout.
    if (mutations.length > 0) this.#writeBatch.immediate(mutations, fence);
  }

  async loadRun(runId: string): Promise<StoredRun | null> {
    return this.#readRun(runId);
  }

  async loadRuns(runIds: readonly string[]): Promise<StoredRun[]> {
    return runIds.length === 0 ? [] : this.#readRuns(runIds);
  }

  async listActiveRunIds(): Promise<string[]> {
    return this.#sql.selectActiveRunIds();
  }

  async listEvents(runId: string, afterSeq: number, limit?: number): Promise<RunEvent[]> {
    return this.#sql.selectEvents(runId, afterSeq, limit).map((record) => decodeEvent(record, readSqliteDate));
  }

  async listChildRuns(parentRunId: string, parentStepId?: string): Promise<RunRow[]> {
    return this.#sql
      .selectChildRuns(parentRunId, parentStepId ?? null)
      .map((record) => decodeRun(record, readSqliteDate));
  }

  async listChildNodes(parentRunIds: readonly string[]): Promise<RunNode[]> {
    return parentRunIds.length === 0 ? [] : this.#sql.selectChildNodes(parentRunIds).map(decodeNode);
  }

  async countTreeRuns(rootRunId: string): Promise<number> {
    return this.#sql.countTreeRuns(rootRunId);
  }

  async listBreakers(): Promise<BreakerRow[]> {
    return this.#sql.selectBreakers().map((record) => decodeBreaker(record, readSqliteDate));
  }

  async readStepCache(key: StepCacheKey, now: Date): Promise<StepCacheEntry | null> {
    return this.#cache.read(key, now);
  }

  async clearStepCache(scope: StepCacheScope): Promise<number> {
    return this.#cache.clear(scope);
  }

  async close(): Promise<void> {
    await this.#checkpointer?.stop();
    if (this.#ownsDatabase && this.#db.open) this.#db.close();
  }
}

/**
 * Runs first, then steps, then events, so a mutation may carry steps for a run that another
 * mutation of the same batch creates; a later row for the same key replaces an earlier one.
 */
function writeMutations(sql: SqliteStatements, mutations: readonly RunMutation[], owner: number | null): void {
  for (const mutation of mutations) if (mutation.run) sql.upsertRun(mutation.run, owner);
  for (const mutation of mutations) for (const step of mutation.steps) sql.upsertStep(step);
  sql.insertEvents(mutations.flatMap((mutation) => mutation.events));
  if (mutations.some((mutation) => mutation.breakers?.length)) {
    for (const row of latestBreakers(mutations.flatMap((mutation) => mutation.breakers ?? []))) sql.upsertBreaker(row);
  }
  if (mutations.some((mutation) => mutation.startRecords)) {
    const { audit, webhooksUsed } = splitStartRecords(mutations);
    for (const entry of audit) sql.insertAudit(entry);
    for (const used of webhooksUsed) sql.markWebhookUsed(used);
  }
}

function readRun(sql: SqliteStatements, runId: string): StoredRun | null {
  const record = sql.selectRun(runId);
  if (!record) return null;
  return {
    run: decodeRun(record, readSqliteDate),
    steps: sql.selectSteps(runId).map((step) => decodeStep(step, readSqliteDate)),
    lastSeq: sql.selectLastSeq(runId),
  };
}

function readRuns(sql: SqliteStatements, runIds: readonly string[]): StoredRun[] {
  const runs = sql.selectRuns(runIds).map((record) => decodeRun(record, readSqliteDate));
  const steps = sql.selectStepsOfRuns(runIds).map((record) => decodeStep(record, readSqliteDate));
  const lastSeqs = new Map(sql.selectLastSeqs(runIds).map((row) => [row.run_id, row.last_seq]));
  return assembleRuns(runIds, runs, steps, lastSeqs);
}
