import type pg from "pg";
import type { RunEvent } from "../../../engine/definition/run-events";
import type { RunMutation, RunNode, RunRow, RunStore, StepCacheEntry, StepCacheKey, StepCacheScope, StoredRun } from "../../../engine/ports/run-store";
import { migratePostgres } from "../../db/migrate";
import { LeaseLostError, type CommitFence } from "../../../engine/ports/leases";
import { toBatch } from "./pg-batch";
import { PgLeaseStore } from "./pg-leases";
import { commitBatch } from "./pg-commit";
import * as sql from "./pg-queries";
import { withPgClient } from "./pg-clients";
import { runScript } from "./pg-script";
import { createPgPool } from "./pg-types";
import type { BreakerRow } from "../../../engine/scheduling/breaker";
import { decodeBreaker } from "./breaker-rows";
import { clearPgStepCache, readPgStepCache } from "./step-cache-pg";
import { listenOn } from "../pg-channel-listener";
import { assembleRuns, decodeEvent, decodeNode, decodeRun, decodeStep, type RunRecord, type StepRecord } from "./row-codec";

const asDate = (value: Date) => value;

/** SQLSTATE `orka_commit_guard` raises when the committing lease is no longer held. */
const leaseLostCode = "OL001";
/** Notified by the `circuit_breakers_notify` trigger whenever a statement writes breakers. */
const breakersChannel = "orka_breakers";

/**
 * RunStore on PostgreSQL through a `pg.Pool`. `commit` is one set-based statement (so one
 * transaction) on one pooled connection; concurrent calls run on separate connections.
 *
 * @example
 * const store = await PgRunStore.open("postgres://postgres@127.0.0.1:5432/orka");
 * await store.commit([{ run, steps: [], events: [] }]);
 */
export class PgRunStore implements RunStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly leases: PgLeaseStore;
  readonly #breakerListeners = new Set<() => void>();
  #breakerChannel: { close(): Promise<void> } | null = null;

  /** Uses a pool on a migrated database; `close()` ends it only when `ownsPool`. */
  constructor(pool: pg.Pool, options: { ownsPool?: boolean } = {}) {
    this.#pool = pool;
    this.#ownsPool = options.ownsPool ?? false;
    this.leases = new PgLeaseStore(pool);
  }

  /** Creates a pool on `url` and migrates the database; the store owns the pool. */
  static async open(url: string, poolConfig: pg.PoolConfig = {}): Promise<PgRunStore> {
    const pool = createPgPool(url, poolConfig);
    try {
      await withPgClient(pool, (client) => migratePostgres(client));
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgRunStore(pool, { ownsPool: true });
  }

  /** The store's pool, also for the front door's reads (server/triggers/start-catalog.ts). */
  get pool(): pg.Pool {
    return this.#pool;
  }

  async commit(mutations: readonly RunMutation[], fence: CommitFence | null = null): Promise<void> {
    const batch = toBatch(mutations);
    if (batch.runs.length + batch.steps.length + batch.events.length + batch.audit.length + batch.webhooksUsed.length + batch.breakers.length + batch.cache.length === 0) return;
    try {
      await commitBatch(this.#pool, batch, fence);
    } catch (error) {
      if (fence && (error as { code?: string }).code === leaseLostCode) throw new LeaseLostError(fence.epoch);
      throw error;
    }
  }

  /** One snapshot, so the steps and `lastSeq` belong to the same commit as the run row; one round trip (`runScript`). */
  async loadRun(runId: string): Promise<StoredRun | null> {
    return (await this.loadRuns([runId]))[0] ?? null;
  }

  async loadRuns(runIds: readonly string[]): Promise<StoredRun[]> {
    if (runIds.length === 0) return [];
    const [, runs, steps, lastSeqs] = await runScript(this.#pool, [`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`, ...sql.loadRunsScript(runIds)]);
    return assembleRuns(
      runIds,
      (runs!.rows as RunRecord<Date>[]).map((record) => decodeRun(record, asDate)),
      (steps!.rows as StepRecord<Date>[]).map((record) => decodeStep(record, asDate)),
      new Map((lastSeqs!.rows as { run_id: string; last_seq: number | null }[]).map((row) => [row.run_id, row.last_seq ?? 0])),
    );
  }

  async listActiveRunIds(): Promise<string[]> {
    return sql.selectActiveRunIds(this.#pool);
  }

  async listEvents(runId: string, afterSeq: number, limit?: number): Promise<RunEvent[]> {
    const records = await sql.selectEvents(this.#pool, runId, afterSeq, limit ?? null);
    return records.map((record) => decodeEvent(record, asDate));
  }

  async listChildRuns(parentRunId: string, parentStepId?: string): Promise<RunRow[]> {
    const records = await sql.selectChildRuns(this.#pool, parentRunId, parentStepId ?? null);
    return records.map((record) => decodeRun(record, asDate));
  }

  async listChildNodes(parentRunIds: readonly string[]): Promise<RunNode[]> {
    if (parentRunIds.length === 0) return [];
    return (await sql.selectChildNodes(this.#pool, parentRunIds)).map(decodeNode);
  }

  async countTreeRuns(rootRunId: string): Promise<number> {
    return sql.countTreeRuns(this.#pool, rootRunId);
  }

  async listBreakers(): Promise<BreakerRow[]> {
    return (await sql.selectBreakers(this.#pool)).map((record) => decodeBreaker(record, asDate));
  }

  onBreakersChanged(listener: () => void): () => void {
    this.#breakerListeners.add(listener);
    this.#breakerChannel ??= listenOn(this.#pool.options, breakersChannel, () => this.#breakerListeners.forEach((each) => each()));
    return () => this.#breakerListeners.delete(listener);
  }

  async readStepCache(key: StepCacheKey, now: Date): Promise<StepCacheEntry | null> {
    return readPgStepCache(this.#pool, key, now);
  }

  async clearStepCache(scope: StepCacheScope): Promise<number> {
    return clearPgStepCache(this.#pool, scope);
  }

  async close(): Promise<void> {
    await this.#breakerChannel?.close();
    await this.leases.close();
    if (this.#ownsPool && !this.#pool.ended) await this.#pool.end();
  }
}

