import pg from "pg";
import { LeaseLostError, parkedOwner, type ClaimedRun, type LeaseHolder, type LeaseStore, type RunOwner } from "../../../engine/ports/leases";
import { hostIdentity, processAlive } from "../../../engine/runtime/host-identity";
import { listenOn } from "../pg-channel-listener";
import { claimedRun, decodeOwner, type ClaimedRecord, type OwnerRecord } from "./row-codec";
import { runScript, sqlInt, sqlTextArray } from "./pg-script";
import { utcTimestampTypes } from "./pg-types";

/**
 * Leases on PostgreSQL (see engine/ports/leases.ts), one function per statement. Every expiry is
 * computed by the database clock: `now()` in UTC, as the `TIMESTAMP(3)` columns hold it. A lease of
 * a dead process on the claimer's own machine is taken over at once (`expireDeadNeighbours`).
 */
const databaseNow = `(now() AT TIME ZONE 'UTC')`;
const millis = (parameter: string) => `${parameter}::int * interval '1 millisecond'`;
/** The channel an engine is woken on when runs become claimable (see `orka_commit_guard`). */
export const claimableChannel = "orka_claimable";

/** SQLSTATE `orka_claim_trees` and `orka_commit_guard` raise when the lease is no longer held. */
const leaseLostCode = "OL001";

/** How often a claim looks for leases of dead processes on this machine (the first claim always does). */
const neighbourCheckMs = 1000;

export class PgLeaseStore implements LeaseStore {
  readonly #claimableListeners = new Set<() => void>();
  #claimableChannel: { close(): Promise<void> } | null = null;
  #neighboursDueAt = 0;

  constructor(private readonly pool: pg.Pool) {}

  async register(holder: LeaseHolder, leaseMs: number): Promise<number> {
    const text = `INSERT INTO engine_leases (kind, host, pid, created_at, expires_at)
      VALUES ($1, $2, $3, ${databaseNow}, ${databaseNow} + ${millis("$4")}) RETURNING epoch`;
    const result = await this.pool.query<{ epoch: number }>(text, [holder.kind, holder.host, holder.pid, leaseMs]);
    return result.rows[0]!.epoch;
  }

  async renew(epoch: number, leaseMs: number): Promise<boolean> {
    const text = `UPDATE engine_leases SET expires_at = ${databaseNow} + ${millis("$2")} WHERE epoch = $1 AND expires_at > ${databaseNow}`;
    const result = await this.pool.query({ name: "orka_renew_lease", text, values: [epoch, leaseMs] });
    return result.rowCount === 1;
  }

  /**
   * One round trip: hold the lease, delete expired leases, take the trees, list their unfinished runs.
   * The claim loop's claims call `orka_claim_trees` (prisma/postgres/migrations/…_claim_trees_function)
   * as a named statement, so a connection plans it once; an operator's claim of named trees is a script
   * (`runScript`) of the same statements, planned each time (it is rare). Dead neighbours' leases are
   * looked for at most once a `neighbourCheckMs` (the first claim always), with statements of their own
   * before the claim.
   */
  async claim(epoch: number, maxTrees: number, rootRunIds?: readonly string[]): Promise<ClaimedRun[]> {
    if (Date.now() >= this.#neighboursDueAt) {
      await expireDeadNeighbours(this.pool, epoch);
      this.#neighboursDueAt = Date.now() + neighbourCheckMs;
    }
    if (!rootRunIds) return this.claimUnowned(epoch, maxTrees);
    const held = `EXISTS (SELECT 1 FROM engine_leases WHERE epoch = ${sqlInt(epoch)} AND expires_at > ${databaseNow})`;
    const [lease, , claimed] = await runScript(this.pool, [
      // Holding the lease FOR KEY SHARE until the end: nobody deletes it meanwhile, so the claim below sees it as this statement did.
      `SELECT 1 FROM engine_leases WHERE epoch = ${sqlInt(epoch)} AND expires_at > ${databaseNow} FOR KEY SHARE`,
      // Deleting an expired lease waits for its holder's commit in flight (it holds the row FOR KEY
      // SHARE): after this, that holder can commit nothing, and what it did commit is visible below.
      `DELETE FROM engine_leases WHERE expires_at <= ${databaseNow}`,
      claimTreesStatement(epoch, maxTrees, rootRunIds ?? null, held),
    ]);
    if (lease!.rowCount !== 1) throw new LeaseLostError(epoch);
    return (claimed!.rows as ClaimedRecord[]).map(claimedRun);
  }

  private async claimUnowned(epoch: number, maxTrees: number): Promise<ClaimedRun[]> {
    try {
      const text = `SELECT id, root_run_id, tree_runs, previous_owner FROM orka_claim_trees($1, $2)`;
      const result = await this.pool.query<ClaimedRecord>({ name: "orka_claim_trees", text, values: [epoch, maxTrees] });
      return result.rows.map(claimedRun);
    } catch (error) {
      if ((error as { code?: string }).code === leaseLostCode) throw new LeaseLostError(epoch);
      throw error;
    }
  }

  async release(epoch: number, { rootRunIds, park = false }: { rootRunIds?: readonly string[]; park?: boolean } = {}): Promise<void> {
    const text = `WITH released AS (
      UPDATE runs SET owner_epoch = $2 WHERE owner_epoch = $1 AND status IN ('pending', 'running') AND ($3::text[] IS NULL OR id = ANY($3::text[])) RETURNING id
    ) SELECT orka_commit_guard(NULL, NOT $4::bool AND EXISTS (SELECT 1 FROM released))`;
    await this.pool.query(text, [epoch, park ? parkedOwner : null, rootRunIds ?? null, park]);
  }

  async drop(epoch: number): Promise<void> {
    const text = `WITH released AS (UPDATE runs SET owner_epoch = NULL WHERE owner_epoch = $1 AND status IN ('pending', 'running') RETURNING id),
      dropped AS (DELETE FROM engine_leases WHERE epoch = $1)
      SELECT orka_commit_guard(NULL, EXISTS (SELECT 1 FROM released))`;
    await this.pool.query(text, [epoch]);
  }

  async ownerOf(runId: string): Promise<RunOwner | null> {
    const text = `SELECT root.id AS root_run_id, root.owner_epoch, lease.kind, lease.host, lease.pid, lease.expires_at
      FROM runs run JOIN runs root ON root.id = COALESCE(run.root_run_id, run.id)
      LEFT JOIN engine_leases lease ON lease.epoch = root.owner_epoch AND lease.expires_at > ${databaseNow}
      WHERE run.id = $1`;
    const result = await this.pool.query<OwnerRecord<Date>>({ text, values: [runId], types: utcTimestampTypes });
    const row = result.rows[0];
    return row ? decodeOwner(runId, row, (date) => date) : null;
  }

  async heldRuns(epoch: number): Promise<{ rootRunId: string; runId: string }[]> {
    const text = `SELECT run.root_run_id, run.id FROM runs root JOIN runs run ON run.root_run_id = root.id
      WHERE root.owner_epoch = $1 AND root.status IN ('pending', 'running') AND run.status IN ('pending', 'running')
      ORDER BY run.depth, run.created_at, run.id COLLATE "C"`;
    const result = await this.pool.query<{ root_run_id: string; id: string }>({ name: "orka_held_runs", text, values: [epoch] });
    return result.rows.map((row) => ({ rootRunId: row.root_run_id, runId: row.id }));
  }

  /**
   * One connection LISTENs on `orka_claimable` for every claim loop of the store (`listenOn`). A
   * dropped connection loses notifications; once it is back the listeners are woken once, so what
   * was missed meanwhile is claimed then.
   */
  onClaimable(listener: () => void): () => void {
    this.#claimableListeners.add(listener);
    this.#claimableChannel ??= listenOn(this.pool.options, claimableChannel, () => this.#claimableListeners.forEach((each) => each()));
    return () => this.#claimableListeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.#claimableChannel?.close();
  }
}

/** Leases of this machine (`hostIdentity`) whose process is gone go at once, not after they expire. */
async function expireDeadNeighbours(client: pg.Pool, epoch: number): Promise<void> {
  const text = `SELECT epoch, pid FROM engine_leases WHERE host = $1 AND epoch <> $2`;
  const leases = (await client.query<{ epoch: number; pid: number }>({ name: "orka_neighbour_leases", text, values: [hostIdentity(), epoch] })).rows;
  const dead = leases.filter((lease) => !processAlive(lease.pid)).map((lease) => lease.epoch);
  if (dead.length > 0) await client.query(`DELETE FROM engine_leases WHERE epoch = ANY($1::int[])`, [dead]);
}

/**
 * Takes trees with an unfinished run whose root has no live owner, and lists the unfinished runs of
 * the trees taken, parents first, each with its tree's size. `SKIP LOCKED`: a root another claimer or its owner's commit has
 * locked is passed over, not waited for. Named trees (an operator acts on them) are taken finished
 * or not (a failed run is retried, redriven), parked ones included. `held`: the lease is still
 * held (nothing is taken otherwise). One statement: the runs listed are read in the snapshot it
 * began with, taken after the script's earlier statements (an expired holder's commits included).
 */
function claimTreesStatement(epoch: number, maxTrees: number, rootRunIds: readonly string[] | null, held: string): string {
  const roots = rootRunIds ? sqlTextArray(rootRunIds) : "NULL::text[]";
  const mine = sqlInt(epoch);
  return `WITH candidates AS (
      SELECT root.id, root.owner_epoch AS previous_owner FROM runs root
      WHERE ${held}
        AND (${roots} IS NULL AND root.id IN (SELECT root_run_id FROM runs WHERE status IN ('pending', 'running')) OR root.id = ANY(${roots}))
        AND (root.owner_epoch IS NULL
          OR (root.owner_epoch = ${parkedOwner} AND ${roots} IS NOT NULL)
          OR (root.owner_epoch <> ${parkedOwner} AND root.owner_epoch <> ${mine}
            AND NOT EXISTS (SELECT 1 FROM engine_leases lease WHERE lease.epoch = root.owner_epoch)))
      ORDER BY root.created_at, root.id COLLATE "C" LIMIT ${sqlInt(maxTrees)}
      FOR UPDATE OF root SKIP LOCKED
    ), claimed AS (
      UPDATE runs SET owner_epoch = ${mine} FROM candidates WHERE runs.id = candidates.id RETURNING runs.id, candidates.previous_owner
    )
    SELECT run.id, run.root_run_id, (SELECT COUNT(*)::int FROM runs tree WHERE tree.root_run_id = run.root_run_id) AS tree_runs, claimed.previous_owner
    FROM runs run JOIN claimed ON claimed.id = run.root_run_id WHERE run.status IN ('pending', 'running')
    ORDER BY run.depth, run.created_at, run.id COLLATE "C"`;
}
