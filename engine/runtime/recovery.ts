import type { RunStore } from "../ports/run-store";
import { circuitOpenReason } from "./breakers";
import type { ChildRuns } from "./children";
import type { GroupCommitter } from "./committer";
import type { StepDispatcher } from "./dispatcher";
import type { ClaimedTreeRun, LiveRuns } from "./live-runs";
import type { Logger } from "./logger";
import { findOrphans } from "./orphans";
import { requeueInterrupted } from "./quarantine";
import type { RunContext } from "./run-context";
import type { StepTimers } from "./step-timers";

/** What recovery needs of the progress loop. */
export interface RecoveryHost {
  now(): Date;
  begin(context: RunContext): void;
  progress(context: RunContext, changed: Iterable<string>): void;
  isStopping(): boolean;
  cancelRun(context: RunContext, payload: Record<string, unknown>): void;
  holdForBreakerAgain(context: RunContext, stepId: string, key: string): void;
}

export interface RecoveryProgress {
  /** Runs resumed so far. */
  resumed: number;
  /** Unfinished runs found when recovery began. */
  total: number;
}

export interface RecoveryOptions {
  /** Runs loaded and resumed per turn; each batch is committed before the next is loaded. Default 100. */
  batchSize?: number;
  /** Called once the unfinished runs are counted, then after each batch. */
  onProgress?: (progress: RecoveryProgress) => void;
}

const defaultBatchSize = 100;

/** Runs of trees a claim took; `owns`: whether a tree is still this process's to hold (asks no database; see `LiveRuns.loadClaimed`). */
export interface ClaimedRuns {
  runs: readonly ClaimedTreeRun[];
  owns(rootRunId: string): boolean;
}

/**
 * Picks up unfinished runs from the database: after a restart every one, after a failed commit the
 * runs of that commit. Steps left `running` by a dead process are re-queued with the same attempt
 * (so the same idempotency key), queued steps are dispatched, durable timers re-armed, children
 * reconciled, and progress re-evaluated from the committed state.
 */
export class Recovery {
  constructor(
    private readonly host: RecoveryHost,
    private readonly runs: LiveRuns,
    private readonly store: RunStore,
    private readonly committer: GroupCommitter,
    private readonly timers: StepTimers,
    private readonly children: ChildRuns,
    private readonly dispatcher: StepDispatcher,
    private readonly logger: Logger,
  ) {}

  /**
   * Recovers every unfinished run; resolves with how many. Runs are taken in batches, each
   * committed before the next is read: a synchronous store (SQLite) would otherwise hold the event
   * loop for the whole recovery, and the process could answer nothing meanwhile.
   */
  async recoverAll({ batchSize = defaultBatchSize, onProgress }: RecoveryOptions = {}): Promise<number> {
    const ids = await this.store.listActiveRunIds();
    const progress = { resumed: 0, total: ids.length };
    onProgress?.({ ...progress });
    for (let start = 0; start < ids.length && !this.host.isStopping(); start += batchSize) {
      progress.resumed += await this.resumeBatch(ids.slice(start, start + batchSize));
      onProgress?.({ ...progress });
    }
    return progress.resumed;
  }

  /**
   * Claims trees `batchSize` at a time with `claim` and resumes their unfinished runs, until a claim
   * takes every tree there was (fewer runs than trees asked for); resolves with how many runs it
   * resumed. `total` in the progress reports is every unfinished run in the database when it began,
   * other processes' included. Each full batch is committed before the next claim; with `background`,
   * a last batch is not waited for (its runs go on while the claim loop is free to claim again).
   */
  async claimAll(claim: (maxTrees: number) => Promise<ClaimedRuns>, { batchSize = defaultBatchSize, onProgress }: RecoveryOptions = {}, background = false): Promise<number> {
    const progress = { resumed: 0, total: onProgress ? (await this.store.listActiveRunIds()).length : 0 };
    onProgress?.({ ...progress });
    while (!this.host.isStopping()) {
      const claimed = await claim(batchSize);
      if (claimed.runs.length === 0) break;
      const more = claimed.runs.length >= batchSize;
      progress.resumed += await this.resumeClaimed(claimed, batchSize, more || !background);
      onProgress?.({ ...progress });
      if (!more) break;
    }
    return progress.resumed;
  }

  /** Resumes runs of trees this process just took over (their previous process stopped), in batches, each read in one query. */
  async resumeClaimed(claimed: ClaimedRuns, batchSize = defaultBatchSize, waitForCommit = true): Promise<number> {
    let resumed = 0;
    for (let start = 0; start < claimed.runs.length && !this.host.isStopping(); start += batchSize) {
      const contexts = await this.runs.loadClaimed(claimed.runs.slice(start, start + batchSize), claimed.owns, (runId, error) =>
        this.logger.error(`run ${runId} could not be loaded for recovery; it stays as it is`, error),
      );
      if (this.host.isStopping()) break;
      const unfinished = contexts.filter(isUnfinished);
      await this.resumeAll(unfinished, { restarted: true });
      if (waitForCommit) await new Promise<void>((resolve) => this.committer.afterCommit(() => resolve()));
      resumed += unfinished.length;
    }
    return resumed;
  }

  /** Loads, resumes and commits one batch; the commit lets the event loop turn before the next is read. */
  private async resumeBatch(ids: readonly string[]): Promise<number> {
    const contexts = await Promise.all(ids.map((id) => this.loadOrSkip(id)));
    if (this.host.isStopping()) return 0;
    const unfinished = contexts.filter((context): context is RunContext => context !== null && isUnfinished(context));
    await this.resumeAll(unfinished, { restarted: true });
    await new Promise<void>((resolve) => this.committer.afterCommit(() => resolve()));
    return unfinished.length;
  }

  /** Picks a run up again after its commit failed (this process did not stop). */
  async recoverRun(runId: string): Promise<void> {
    const context = await this.runs.load(runId);
    if (context && isUnfinished(context)) await this.resumeAll([context], { restarted: false });
  }

  /** One run that cannot be read back (a definition that no longer parses) must not keep the others down. */
  private loadOrSkip(runId: string): Promise<RunContext | null> {
    return this.runs.load(runId).catch((error: unknown) => {
      this.logger.error(`run ${runId} could not be loaded for recovery; it stays as it is`, error);
      return null;
    });
  }

  /** Child runs whose parent no longer waits for them (a tree cancellation cut short) are cancelled, not resumed. */
  private async resumeAll(contexts: RunContext[], how: { restarted: boolean }): Promise<void> {
    const orphans = await findOrphans(contexts, this.runs, this.store);
    for (const context of contexts) {
      if (!orphans.has(context.id)) this.resume(context, how);
      else if (context.run.status === "pending" || context.run.status === "running") {
        context.cancelledWithParent = true;
        this.host.cancelRun(context, { reason: "its parent run no longer waits for it" });
      }
    }
  }

  /**
   * Idempotent for a run this process already works on: between batches an earlier run's progress
   * can load and start a later one (a parent reconciling its children), so a step whose handler is
   * in flight here is left alone; only one left `running` by a dead process is re-queued.
   */
  private resume(context: RunContext, { restarted }: { restarted: boolean }): void {
    if (context.run.status === "pending") {
      if (!context.run.parentRunId) this.host.begin(context); // a child waits for its parent to start it
      return;
    }
    for (const [stepId, row] of context.steps) {
      switch (row.status) {
        case "running":
          if (context.inFlight.has(stepId)) break;
          if (requeueInterrupted(context, stepId, { restarted, now: this.host.now() })) this.committer.afterCommit(() => this.dispatcher.dispatch(context, stepId));
          break;
        case "queued":
          this.committer.afterCommit(() => this.dispatcher.dispatch(context, stepId));
          break;
        case "retrying":
          this.timers.arm(context.id, stepId, row.wakeAt ?? this.host.now());
          break;
        case "waiting": {
          const reason = (row.state as { reason?: string } | null)?.reason;
          if (reason === "delay" || reason === circuitOpenReason) this.timers.arm(context.id, stepId, row.wakeAt ?? this.host.now());
          if (reason === circuitOpenReason) this.host.holdForBreakerAgain(context, stepId, (row.state as { breaker: string }).breaker);
          if (reason === "children") this.committer.afterCommit(() => void this.children.reconcile(context.id, stepId));
          break;
        }
      }
    }
    this.host.progress(context, context.graph.order);
  }
}

function isUnfinished(context: RunContext): boolean {
  return context.run.status === "running" || context.run.status === "pending";
}
