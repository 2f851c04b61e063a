import type Database from "better-sqlite3";
import { LeaseLostError, parkedOwner, type ClaimedRun, type LeaseHolder, type LeaseStore, type RunOwner } from "../../../engine/ports/leases";
import { hostIdentity, processAlive } from "../../../engine/runtime/host-identity";
import { systemNowMs } from "../../../engine/runtime/system-clock";
import { claimedRun, decodeOwner, type ClaimedRecord, type OwnerRecord } from "./row-codec";
import { readSqliteDate, sqliteDate } from "./sqlite-statements";

/**
 * Leases on the embedded database (see engine/ports/leases.ts). SQLite has no server, so its clock
 * is this machine's, the same for every process that can open the file. A lease of this machine
 * whose process is gone (a SIGKILLed server) is taken over at once instead of after it expires
 * (`processAlive`); a recycled pid only delays that until expiry.
 */
export class SqliteLeaseStore implements LeaseStore {
  readonly #sql: ReturnType<typeof prepareLeaseStatements>;
  readonly #claim: Database.Transaction<(epoch: number, maxTrees: number, rootRunIds: readonly string[] | null) => ClaimedRun[]>;

  constructor(db: Database.Database) {
    const sql = prepareLeaseStatements(db);
    this.#sql = sql;
    this.#claim = db.transaction((epoch, maxTrees, rootRunIds) => {
      const now = sqliteDate(new Date());
      if (!sql.held.get(epoch, now)) throw new LeaseLostError(epoch);
      sql.expire.run(now);
      for (const lease of sql.others.all(hostIdentity(), epoch)) if (!processAlive(lease.pid)) sql.remove.run(lease.epoch);
      const roots = sql.candidates.all({ epoch, roots: rootRunIds ? JSON.stringify(rootRunIds) : null, limit: maxTrees });
      for (const root of roots) sql.own.run(epoch, root.id);
      if (roots.length === 0) return [];
      const previousOwner = new Map(roots.map((root) => [root.id, root.previous_owner]));
      return sql.activeRunsOf.all(JSON.stringify(roots.map((root) => root.id))).map((record) => claimedRun({ ...record, previous_owner: previousOwner.get(record.root_run_id) ?? null }));
    });
  }

  /** Whether the lease is held (at `at`, default now); the store's commit checks it inside its write transaction. */
  isHeld(epoch: number, at = new Date()): boolean {
    return Boolean(this.#sql.held.get(epoch, sqliteDate(at)));
  }

  /** Renews, from now, a lease that was held at `heldAt` (inside the write transaction that checked it then). */
  renewHeld(epoch: number, leaseMs: number, heldAt: Date): void {
    this.#sql.renew.run(sqliteDate(new Date(systemNowMs() + leaseMs)), epoch, sqliteDate(heldAt));
  }

  async register(holder: LeaseHolder, leaseMs: number): Promise<number> {
    const now = new Date();
    const result = this.#sql.register.run(holder.kind, holder.host, holder.pid, sqliteDate(now), sqliteDate(new Date(now.getTime() + leaseMs)));
    return Number(result.lastInsertRowid);
  }

  async renew(epoch: number, leaseMs: number): Promise<boolean> {
    const now = new Date();
    return this.#sql.renew.run(sqliteDate(new Date(now.getTime() + leaseMs)), epoch, sqliteDate(now)).changes === 1;
  }

  async claim(epoch: number, maxTrees: number, rootRunIds?: readonly string[]): Promise<ClaimedRun[]> {
    return this.#claim.immediate(epoch, maxTrees, rootRunIds ?? null);
  }

  async release(epoch: number, { rootRunIds, park = false }: { rootRunIds?: readonly string[]; park?: boolean } = {}): Promise<void> {
    this.#sql.release.run({ owner: park ? parkedOwner : null, epoch, roots: rootRunIds ? JSON.stringify(rootRunIds) : null });
  }

  async drop(epoch: number): Promise<void> {
    this.#sql.drop(epoch);
  }

  async heldRuns(epoch: number): Promise<{ rootRunId: string; runId: string }[]> {
    return this.#sql.heldRuns.all(epoch).map((row) => ({ rootRunId: row.root_run_id, runId: row.id }));
  }

  async ownerOf(runId: string): Promise<RunOwner | null> {
    const row = this.#sql.ownerOf.get(sqliteDate(new Date()), runId);
    return row ? decodeOwner(runId, row, readSqliteDate) : null;
  }
}

function prepareLeaseStatements(db: Database.Database) {
  const register = db.prepare(`INSERT INTO engine_leases (kind, host, pid, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`);
  const renew = db.prepare(`UPDATE engine_leases SET expires_at = ? WHERE epoch = ? AND expires_at > ?`);
  const held = db.prepare<[number, string], { epoch: number }>(`SELECT epoch FROM engine_leases WHERE epoch = ? AND expires_at > ?`);
  const expire = db.prepare(`DELETE FROM engine_leases WHERE expires_at <= ?`);
  const others = db.prepare<[string, number], { epoch: number; pid: number }>(`SELECT epoch, pid FROM engine_leases WHERE host = ? AND epoch <> ?`);
  const remove = db.prepare(`DELETE FROM engine_leases WHERE epoch = ?`);
  // Trees with an unfinished run and no live owner; named trees finished or not, parked ones included.
  const candidates = db
    .prepare<[{ epoch: number; roots: string | null; limit: number }], { id: string; previous_owner: number | null }>(
      `SELECT root.id, root.owner_epoch AS previous_owner FROM runs root
       WHERE (@roots IS NULL AND root.id IN (SELECT root_run_id FROM runs WHERE status IN ('pending', 'running'))
         OR root.id IN (SELECT value FROM json_each(@roots)))
         AND (root.owner_epoch IS NULL
           OR (root.owner_epoch = ${parkedOwner} AND @roots IS NOT NULL)
           OR (root.owner_epoch <> ${parkedOwner} AND root.owner_epoch <> @epoch
             AND NOT EXISTS (SELECT 1 FROM engine_leases lease WHERE lease.epoch = root.owner_epoch)))
       ORDER BY root.created_at, root.id LIMIT @limit`,
    );
  const own = db.prepare(`UPDATE runs SET owner_epoch = ? WHERE id = ?`);
  const activeRunsOf = db.prepare<[string], Omit<ClaimedRecord, "previous_owner">>(
    `SELECT id, root_run_id, (SELECT COUNT(*) FROM runs tree WHERE tree.root_run_id = runs.root_run_id) AS tree_runs
     FROM runs WHERE root_run_id IN (SELECT value FROM json_each(?)) AND status IN ('pending', 'running') ORDER BY depth, created_at, id`,
  );
  const release = db.prepare(`UPDATE runs SET owner_epoch = @owner WHERE owner_epoch = @epoch AND status IN ('pending', 'running') AND (@roots IS NULL OR id IN (SELECT value FROM json_each(@roots)))`);
  const releaseAll = db.prepare(`UPDATE runs SET owner_epoch = NULL WHERE owner_epoch = ? AND status IN ('pending', 'running')`);
  const ownerOf = db.prepare<[string, string], OwnerRecord<string>>(
    `SELECT root.id AS root_run_id, root.owner_epoch, lease.kind, lease.host, lease.pid, lease.expires_at
     FROM runs run JOIN runs root ON root.id = COALESCE(run.root_run_id, run.id)
     LEFT JOIN engine_leases lease ON lease.epoch = root.owner_epoch AND lease.expires_at > ?
     WHERE run.id = ?`,
  );
  const heldRuns = db.prepare<[number], { root_run_id: string; id: string }>(
    `SELECT run.root_run_id, run.id FROM runs root JOIN runs run ON run.root_run_id = root.id
     WHERE root.owner_epoch = ? AND root.status IN ('pending', 'running') AND run.status IN ('pending', 'running')
     ORDER BY run.depth, run.created_at, run.id`,
  );
  return {
    heldRuns,
    register,
    renew,
    held,
    expire,
    others,
    remove,
    candidates,
    own,
    activeRunsOf,
    release,
    ownerOf,
    drop: db.transaction((epoch: number) => {
      releaseAll.run(epoch);
      remove.run(epoch);
    }),
  };
}
