import { EngineActionError } from "../errors-api";
import type { EngineObserver } from "../ports/engine-observer";
import { LeaseLostError, parkedOwner, type ClaimedRun, type CommitFence, type LeaseHolder, type LeaseStore, type RunOwner } from "../ports/leases";
import type { ClaimedTreeRun } from "./live-runs";
import type { Logger } from "./logger";
import type { ClaimedRuns, RecoveryOptions } from "./recovery";

export interface OwnershipOptions {
  /** How long a lease lasts unrenewed (renewed every third of it): the bound on a takeover after a crash. */
  leaseMs: number;
  /** How often unowned and orphaned trees are looked for (PostgreSQL also wakes on NOTIFY). */
  claimIntervalMs: number;
  /** False: this engine takes only the runs it starts and those an operator acts on through it. */
  claim: boolean;
  holder: LeaseHolder;
}

/** What ownership needs of the progress loop. */
export interface OwnershipHost {
  /** Claims with `claim` until it took every claimable tree, resuming what it claims (`Recovery.claimAll`); resolves with how many runs. */
  claimAll(claim: (maxTrees: number) => Promise<ClaimedRuns>, options: RecoveryOptions | undefined, background: boolean): Promise<number>;
  /** Resumes the unfinished runs of trees just claimed (as recovery after a restart); resolves with how many. */
  resumeClaimed(claimed: ClaimedRuns): Promise<number>;
  /** Whether a run of the tree is in memory here. */
  holdsInMemory(rootRunId: string): boolean;
  /** The lease is gone: every run in memory is dropped unapplied, handlers aborted, timers cleared. */
  dropAll(): void;
  isStopping(): boolean;
}

/**
 * Trees a pass of the claim loop takes per round trip. Fairness: a full round waits for its commit
 * before the next claim, so the claims of the other engines (woken by the same NOTIFY) interleave and
 * take their share, instead of one engine taking a whole backlog (and all its side effects) at once.
 */
const backgroundClaimTrees = 25;

/** Who holds a run's tree, as `engine.ownerOf` tells it; `mine`: this engine. */
export type RunOwnership = RunOwner & { mine: boolean };

/**
 * This engine's lease and the run trees it holds (engine/ports/leases.ts). Registers a lease,
 * renews it, claims unowned and orphaned trees in a loop, and when the lease turns out lost (a
 * renewal refused, a commit fenced) drops everything in memory, registers a new lease and claims
 * afresh. `owned` is this process's cache of the trees it holds; the database decides.
 */
export class Ownership {
  private epoch: number | null = null;
  private readonly owned = new Set<string>();
  private readonly parking = new Map<string, Promise<void>>();
  private renewTimer: NodeJS.Timeout | null = null;
  private claimTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => void) | null = null;
  private claiming: Promise<number> | null = null;
  private claimAgain = false;
  private recovering: Promise<void> | null = null;
  private claimStopped = false;
  /** When a claim pass next checks that every tree this lease holds is in memory (`resumeMissing`). */
  private missingDueAt = 0;

  constructor(
    private readonly leases: LeaseStore,
    private readonly host: OwnershipHost,
    private readonly options: OwnershipOptions,
    private readonly logger: Logger,
    private readonly observer?: EngineObserver,
  ) {}

  /** The fence of this engine's commits (the lease it holds or held last: a lost one fails them). */
  fence(): CommitFence | null {
    return this.epoch === null ? null : { epoch: this.epoch, leaseMs: this.options.leaseMs };
  }

  /** Registers the lease and claims every tree there is to claim; resolves with how many runs resumed. */
  async start(recovery?: RecoveryOptions): Promise<number> {
    await this.register();
    this.renewTimer = setInterval(() => void this.renew(), Math.max(1, Math.floor(this.options.leaseMs / 3)));
    this.renewTimer.unref?.();
    if (!this.options.claim) return 0;
    const resumed = await this.claimPass(recovery, false);
    this.claimTimer = setInterval(() => this.wake(), this.options.claimIntervalMs);
    this.claimTimer.unref?.();
    this.unlisten = this.leases.onClaimable?.(() => this.wake()) ?? null;
    return resumed;
  }

  /**
   * Resolves once no lease recovery is under way (at once when none is): what starts a run or
   * acts on one waits for the new lease rather than act under one that lapsed.
   */
  async settled(): Promise<void> {
    while (this.recovering) await this.recovering;
  }

  /** Whether the lease is being recovered now (lost, not registered anew yet). */
  get isRecovering(): boolean {
    return this.recovering !== null;
  }

  /** A tree this engine started: its runs are its own (not while recovering: `settled` first). */
  adopt(rootRunId: string): void {
    if (this.epoch !== null && !this.recovering) this.owned.add(rootRunId);
  }

  /** The tree left memory: the next load asks the database again. */
  forget(rootRunId: string): void {
    this.owned.delete(rootRunId);
  }

  /**
   * Whether this engine may hold a run of the tree in memory (it holds the tree). While the lease is
   * being recovered, never, as `claimed` says of a claim's runs: the database still names the lapsed
   * epoch as the owner, but that lease may be taken over any moment, and what is loaded now would be
   * committed under the new one. The trees are claimed again (and loaded) once it is registered.
   */
  async holds(rootRunId: string): Promise<boolean> {
    const epoch = this.epoch;
    if (epoch === null) return true;
    if (this.recovering) return false;
    if (this.owned.has(rootRunId)) return true;
    const owner = await this.leases.ownerOf(rootRunId);
    // Lost (and perhaps registered anew) while asking: the answer was about the old lease.
    if (owner?.epoch !== epoch || this.epoch !== epoch || this.recovering) return false;
    this.owned.add(rootRunId);
    return true;
  }

  async ownerOf(runId: string): Promise<RunOwnership | null> {
    const owner = await this.leases.ownerOf(runId);
    return owner && { ...owner, mine: owner.epoch !== null && owner.epoch === this.epoch };
  }

  /**
   * Before an operator's action: takes the run's tree when nobody live holds it (unowned, parked, its
   * owner's lease expired) and resumes it here. Refuses (CONFLICT) when another live process holds it:
   * only the owner may change a run.
   */
  async claimForAction(runId: string): Promise<void> {
    if (this.epoch === null) return;
    await this.settled(); // the lapsed epoch still owns the tree in the database: under the new one it is claimed
    let owner = await this.leases.ownerOf(runId);
    if (!owner) return; // unknown: the action answers NOT_FOUND
    const parking = this.parking.get(owner.rootRunId);
    if (parking) {
      await parking;
      owner = (await this.leases.ownerOf(runId))!;
    }
    if (owner.epoch === this.epoch) return void this.owned.add(owner.rootRunId);
    if (owner.lease && owner.epoch !== parkedOwner)
      throw new EngineActionError("CONFLICT", `run ${runId} is run by another engine process (${owner.lease.kind} pid ${owner.lease.pid} on ${owner.lease.host}); act on it there`);
    const claimed = await this.withLease(async (epoch) => this.claimed(epoch, await this.leases.claim(epoch, 1, [owner.rootRunId])));
    if ((await this.leases.ownerOf(runId))?.epoch !== this.epoch) throw new EngineActionError("CONFLICT", `run ${runId} was just taken by another engine process; try again`);
    this.owned.add(owner.rootRunId);
    if (claimed.runs.length > 0) await this.host.resumeClaimed(claimed);
  }

  /** A top-level run that only waits for an operator leaves this process: anyone may take it when one acts. */
  park(rootRunId: string): void {
    if (this.epoch === null || this.parking.has(rootRunId)) return;
    const epoch = this.epoch;
    this.owned.delete(rootRunId);
    const parking = this.leases
      .release(epoch, { rootRunIds: [rootRunId], park: true })
      .catch((error: unknown) => this.logger.error(`run ${rootRunId} could not be parked; it stays with this engine process`, error))
      .finally(() => this.parking.delete(rootRunId));
    this.parking.set(rootRunId, parking);
  }

  /** Claims again soon (a NOTIFY, the interval, a run released here). */
  wake(): void {
    if (this.claimStopped || this.host.isStopping() || this.epoch === null) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    void this.claimPass(undefined, true).catch((error: unknown) => this.logger.error("claiming runs failed; trying again", error));
  }

  /** A commit or claim was fenced: this process lost its lease. */
  lost(error: LeaseLostError): void {
    if (error.epoch !== this.epoch || this.recovering) return;
    this.logger.error(`engine lease ${error.epoch} was lost (taken over after it expired); dropping its runs and registering again`);
    this.recovering = (async () => {
      this.host.dropAll();
      this.owned.clear();
      for (;;) {
        if (this.host.isStopping()) return;
        try {
          await this.register();
          break;
        } catch (registerError) {
          this.logger.error("registering a new engine lease failed; trying again", registerError);
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
      if (this.options.claim) this.wake();
    })().finally(() => (this.recovering = null));
  }

  /** No more claims (a graceful stop: in-flight steps may still finish and commit). */
  stopClaiming(): void {
    this.claimStopped = true;
    if (this.claimTimer) clearInterval(this.claimTimer);
    this.unlisten?.();
  }

  /** Releases every tree (claimable at once by others) and deletes the lease. */
  async drop(): Promise<void> {
    this.stopClaiming();
    if (this.renewTimer) clearInterval(this.renewTimer);
    await Promise.allSettled([...this.parking.values(), this.claiming]);
    const epoch = this.epoch;
    if (epoch === null) return;
    await this.leases.drop(epoch).catch((error: unknown) => this.logger.error(`engine lease ${epoch} could not be released; its runs are taken over once it expires`, error));
  }

  private async register(): Promise<void> {
    this.epoch = await this.leases.register(this.options.holder, this.options.leaseMs);
  }

  private async renew(): Promise<void> {
    const epoch = this.epoch;
    if (epoch === null || this.recovering) return;
    try {
      if (!(await this.leases.renew(epoch, this.options.leaseMs))) this.lost(new LeaseLostError(epoch));
    } catch (error) {
      // The database is unreachable: the next renewal tries again; commits fail meanwhile anyway.
      this.logger.error(`renewing engine lease ${epoch} failed`, error);
    }
  }

  /**
   * Claims batch after batch until nothing is left, again at once when woken meanwhile; one pass at a
   * time. `background`: a pass of the claim loop (not `start`'s), which does not wait for its last
   * batch's commit. Whether every held tree is in memory is checked once a claim interval, not on
   * every pass: it reads all the lease's trees, and only a failed load leaves one out.
   */
  private claimPass(recovery: RecoveryOptions | undefined, background: boolean): Promise<number> {
    this.claiming ??= (async () => {
      let resumed = 0;
      do {
        this.claimAgain = false;
        if (this.claimStopped || this.host.isStopping()) break;
        const claim = (maxTrees: number) => this.withLease(async (epoch) => this.claimed(epoch, await this.leases.claim(epoch, maxTrees)));
        resumed += await this.host.claimAll(claim, recovery ?? (background ? { batchSize: backgroundClaimTrees } : undefined), background);
        if (Date.now() >= this.missingDueAt) {
          this.missingDueAt = Date.now() + this.options.claimIntervalMs;
          resumed += await this.resumeMissing();
        }
      } while (this.claimAgain);
      return resumed;
    })().finally(() => (this.claiming = null));
    return this.claiming;
  }

  /**
   * Trees this lease holds that have no run in memory here: claimed while the database failed half-way
   * (a batch that could not be loaded), or a reload that failed. Resumed again, or they would wait for ever.
   */
  private async resumeMissing(): Promise<number> {
    const epoch = this.epoch;
    if (epoch === null || this.recovering) return 0;
    const held = await this.leases.heldRuns(epoch);
    const missing = held.filter(({ rootRunId }) => !this.host.holdsInMemory(rootRunId) && !this.parking.has(rootRunId));
    if (missing.length === 0) return 0;
    this.logger.info(`resuming ${missing.length} run(s) this engine holds but had not in memory`);
    return this.host.resumeClaimed(this.claimed(epoch, missing));
  }

  /** Runs a claim under `epoch` took: their trees are this engine's while that lease is (not lost since), and join `owned`. */
  private claimed(epoch: number, runs: readonly (ClaimedTreeRun & Partial<Pick<ClaimedRun, "takenOver">>)[]): ClaimedRuns {
    const takenOver = new Set(runs.filter((run) => run.takenOver).map((run) => run.rootRunId)).size;
    if (takenOver > 0) this.observer?.treesTakenOver?.(takenOver);
    return {
      runs,
      owns: (rootRunId) => {
        if (this.epoch !== epoch || this.recovering) return false;
        this.owned.add(rootRunId);
        return true;
      },
    };
  }

  private async withLease<T>(use: (epoch: number) => Promise<T>): Promise<T> {
    await this.recovering;
    const epoch = this.epoch!;
    try {
      return await use(epoch);
    } catch (error) {
      if (error instanceof LeaseLostError) this.lost(error);
      throw error;
    }
  }

}
