import { isBranded } from "../definition/issues";

/**
 * Run ownership across processes. Each engine process registers a lease (a row with an epoch from a
 * counter and an expiry by the DATABASE clock) and renews it; it owns the run trees whose top-level
 * run carries its epoch. A tree is claimed whole: a run and its child runs share their root's owner,
 * because the engine handles parents and children in memory together.
 *
 * Fencing: every commit of an engine names its epoch (`CommitFence`) and the store checks, in the
 * commit's own transaction, that the lease is still held; a claimer deletes expired leases in the
 * transaction that takes their trees over. So a process that lost its lease cannot apply a
 * transition, and no transition is applied twice.
 */

/** Who commits: an engine's lease, checked in the commit's transaction. */
export interface CommitFence {
  epoch: number;
  /**
   * How long the lease lasts unrenewed. A store whose commits hold the process and every other
   * writer (SQLite: synchronous, under the write lock) renews the lease by it at the end of the
   * commit's transaction: a commit longer than the lease (a map's 10,000 child runs on a slow disk)
   * would otherwise leave it expired, and the renewal due meanwhile refused: the lease lost.
   */
  leaseMs?: number;
}

/** What registered a lease, for operators (and, on SQLite, to see that a process on this host died). */
export interface LeaseHolder {
  /** "server", "worker", "cli". */
  kind: string;
  host: string;
  pid: number;
}

/** `ownerEpoch` of a tree nobody holds and nobody needs to hold: it only waits for an operator. */
export const parkedOwner = 0;

/** Who holds a run's tree. */
export interface RunOwner {
  runId: string;
  rootRunId: string;
  /** null: nobody (claimable); `parkedOwner`: nobody, waiting for an operator; else a lease epoch. */
  epoch: number | null;
  /** The lease of `epoch` while it is held (not expired by the database clock), else null. */
  lease: (LeaseHolder & { epoch: number; expiresAt: Date }) | null;
}

/** An unfinished run of a tree a claim took. */
export interface ClaimedRun {
  runId: string;
  rootRunId: string;
  /** Runs in its tree (finished ones too), as the claim read them: the engine counts trees it holds. */
  treeRuns: number;
  /** Its tree was held by a lease that is gone (expired, or its process died): taken over, not merely claimed. */
  takenOver: boolean;
}

/**
 * The leases and ownership columns of a RunStore.
 *
 * @example
 * const epoch = await store.leases.register({ kind: "worker", host, pid }, 10_000);
 * const claimed = await store.leases.claim(epoch, 100); // active runs of the trees claimed
 */
export interface LeaseStore {
  /** A new lease (a new epoch), expiring `leaseMs` from now by the database clock. */
  register(holder: LeaseHolder, leaseMs: number): Promise<number>;
  /** Extends a lease that has not expired; false when it is gone or expired (then it is lost for good). */
  renew(epoch: number, leaseMs: number): Promise<boolean>;
  /**
   * Deletes expired leases (fencing their holders) and takes over at most `maxTrees` trees that have an
   * unfinished run and no live owner: unowned, or owned by a lease that is gone. With `rootRunIds`, only
   * those trees, finished or not, parked ones included (an operator acts on them). Resolves with the
   * unfinished runs of the trees claimed, parents before children. Throws `LeaseLostError` when
   * `epoch` itself is no longer held.
   */
  claim(epoch: number, maxTrees: number, rootRunIds?: readonly string[]): Promise<ClaimedRun[]>;
  /**
   * Gives up unfinished trees this lease holds (all, or those of `rootRunIds`): unowned, and every engine's
   * claim loop is woken; or parked, when they only wait for an operator.
   */
  release(epoch: number, options?: { rootRunIds?: readonly string[]; park?: boolean }): Promise<void>;
  /** Releases every unfinished tree of the lease (claimable at once; parked ones stay parked) and deletes it. Finished trees keep its epoch, as a record. */
  drop(epoch: number): Promise<void>;
  ownerOf(runId: string): Promise<RunOwner | null>;
  /** The unfinished runs of the unfinished trees `epoch` holds, parents first: a process checks it has them all in memory. */
  heldRuns(epoch: number): Promise<{ rootRunId: string; runId: string }[]>;
  /**
   * Calls `listener` when another process made runs claimable (a run started with no owner, runs
   * released). Optional: without it, claim loops find them on their next pass.
   */
  onClaimable?(listener: () => void): () => void;
}

const leaseLostBrand = Symbol.for("orka.LeaseLostError");

/** A commit or claim named a lease that is no longer held: nothing of it was applied. */
export class LeaseLostError extends Error {
  readonly [leaseLostBrand] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, LeaseLostError, leaseLostBrand, value);
  }

  constructor(readonly epoch: number) {
    super(`engine lease ${epoch} is no longer held; nothing was committed`);
    this.name = "LeaseLostError";
  }
}
