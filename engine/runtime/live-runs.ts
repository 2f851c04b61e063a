import type { RunStore, StoredRun } from "../ports/run-store";
import { RunContext } from "./run-context";
import type { RunTrees } from "./run-trees";

/**
 * How many settled runs `settled()` remembers, and how many of their step rows in all: the entry
 * only spares a waiter that asks just after the run left memory one read of the store, so its
 * bound is what it may cost. By runs alone, 1,024 runs of 100 steps held ~55 MB of the heap (and
 * the V8 heap grows to a multiple of what it holds): `npm run bench`, W2.
 */
const recentlySettledLimit = { runs: 1024, steps: 8192 };

/** A run of a tree this process claimed; `treeRuns`: the tree's size when the claim read it. */
export interface ClaimedTreeRun {
  runId: string;
  rootRunId: string;
  treeRuns?: number;
}

/**
 * The runs this process holds in memory, one context per run, plus the final states of the runs
 * that left memory last, so a caller waiting on one need not read it back. Every run held here
 * keeps its tree's size in `RunTrees`.
 */
export class LiveRuns {
  private readonly contexts = new Map<string, RunContext>();
  private readonly loading = new Map<string, Promise<RunContext | null>>();
  private readonly recentlySettled = new Map<string, StoredRun>();
  /** Step rows of the runs in `recentlySettled`. */
  private recentlySettledSteps = 0;
  /**
   * Counts `evictAll`s: a read that began before one (the lease was lost while it was on its way)
   * is not held when it arrives, whatever the ownership check then says.
   */
  private generation = 0;

  constructor(
    private readonly store: RunStore,
    private readonly now: () => Date,
    private readonly trees: RunTrees,
    /** Whether this process holds the run's tree (its lease owns it): a run of a tree it does not hold is never loaded. */
    private readonly holds: (rootRunId: string) => Promise<boolean> = async () => true,
  ) {}

  get(runId: string): RunContext | undefined {
    return this.contexts.get(runId);
  }

  /** Runs held in memory now. */
  get size(): number {
    return this.contexts.size;
  }

  has(runId: string): boolean {
    return this.contexts.has(runId);
  }

  /** Holds a run created in this process (not in the database until the next commit). */
  add(context: RunContext): void {
    this.contexts.set(context.id, context);
    this.trees.attachNew(context.run);
  }

  /** False once the run was evicted or replaced by a reloaded context: its old mirror must not act. */
  isCurrent(context: RunContext): boolean {
    return this.contexts.get(context.id) === context;
  }

  /** The in-memory context of a run, loading it from the store when needed; null when unknown or not this process's. */
  async load(runId: string): Promise<RunContext | null> {
    const known = this.contexts.get(runId);
    if (known) return known;
    this.forgetSettled(runId); // loaded to change it: the snapshot goes stale
    let pending = this.loading.get(runId);
    if (!pending) {
      const generation = this.generation;
      const loading = this.store
        .loadRun(runId)
        .then((stored) => (stored ? this.hold(stored, generation) : null))
        .finally(() => {
          if (this.loading.get(runId) === loading) this.loading.delete(runId);
        });
      this.loading.set(runId, loading);
      pending = loading;
    }
    return pending;
  }

  /** Several runs at once: those in memory as they are, the rest read in one batch; unknown ids left out. */
  async loadMany(runIds: readonly string[]): Promise<RunContext[]> {
    const contexts: RunContext[] = [];
    const elsewhere: Promise<RunContext | null>[] = [];
    const missing: string[] = [];
    for (const runId of new Set(runIds)) {
      const known = this.contexts.get(runId);
      const loading = this.loading.get(runId);
      if (known) contexts.push(known);
      else if (loading) elsewhere.push(loading);
      else missing.push(runId);
    }
    for (const runId of missing) this.forgetSettled(runId);
    const generation = this.generation;
    for (const stored of await this.store.loadRuns(missing)) {
      const context = await this.hold(stored, generation);
      if (context) contexts.push(context);
    }
    for (const context of await Promise.all(elsewhere)) if (context) contexts.push(context);
    return contexts;
  }

  /**
   * Runs of trees a claim just took, read in one batch. `owns` tells, without asking the database,
   * whether a run's tree is still this process's (the claim's lease was not lost since); each run is
   * held or skipped on its own: one that cannot be read back (`failed`) must not keep the others
   * down. In the order given (parents first).
   */
  async loadClaimed(claimed: readonly ClaimedTreeRun[], owns: (rootRunId: string) => boolean, failed: (runId: string, error: unknown) => void): Promise<RunContext[]> {
    const treeRuns = new Map<string, number>();
    for (const run of claimed) if (run.treeRuns !== undefined) treeRuns.set(run.rootRunId, run.treeRuns);
    const runIds = [...new Set(claimed.map((run) => run.runId))];
    const missing = runIds.filter((runId) => !this.contexts.has(runId) && !this.loading.has(runId));
    const generation = this.generation;
    let stored: StoredRun[] = [];
    try {
      stored = await this.store.loadRuns(missing);
    } catch (error) {
      for (const runId of missing) failed(runId, error);
    }
    const byId = new Map(stored.map((run) => [run.run.id, run]));
    const contexts = await Promise.all(
      runIds.map(async (runId) => {
        const read = byId.get(runId);
        if (!read) return this.contexts.get(runId) ?? (await this.loading.get(runId)?.catch(() => null)) ?? null;
        this.recentlySettled.delete(runId);
        try {
          return await this.hold(read, generation, owns, treeRuns.get(read.run.rootRunId));
        } catch (error) {
          failed(runId, error);
          return null;
        }
      }),
    );
    return contexts.filter((context): context is RunContext => context !== null);
  }

  /** Puts `next` in the place of the run's current context (a redrive rebuilt it on a new definition). */
  replace(next: RunContext): void {
    if (!this.contexts.has(next.id)) throw new Error(`run ${next.id} is not in memory`);
    this.contexts.set(next.id, next);
  }

  /** Lets a settled run whose every change is committed leave memory; the database has it all. */
  release(context: RunContext): void {
    this.drop(context.id);
    this.rememberSettled(context.snapshot());
  }

  /** Forgets a run whose mirror can no longer be trusted (its commit failed); the next `load` reads it back. */
  evict(runId: string): void {
    this.drop(runId);
  }

  /** The committed final state of a run that left memory lately, if it is still remembered. */
  settled(runId: string): StoredRun | undefined {
    return this.recentlySettled.get(runId);
  }

  /** The runs with a step handler in flight. */
  withHandlersInFlight(): RunContext[] {
    return [...this.contexts.values()].filter((context) => context.inFlight.size > 0);
  }

  /** Aborts every handler in flight, in every run. */
  abortAll(reason: Error): void {
    for (const context of this.contexts.values()) for (const controller of context.inFlight.values()) controller.abort(reason);
  }

  /** Forgets every run (this process lost its lease): nothing held here may act again, nor any read on its way. */
  evictAll(): void {
    this.generation++;
    this.loading.clear();
    for (const runId of [...this.contexts.keys()]) this.drop(runId);
    this.recentlySettled.clear();
    this.recentlySettledSteps = 0;
  }

  /**
   * The context for a run read from the store, unless another read put one in memory first; null when
   * another process holds its tree, or when every run was evicted since the read began (`generation`).
   */
  private async hold(stored: StoredRun, generation: number, owns?: (rootRunId: string) => boolean, treeRuns?: number): Promise<RunContext | null> {
    if (!this.contexts.has(stored.run.id) && !(owns ? owns(stored.run.rootRunId) : await this.holds(stored.run.rootRunId))) return null;
    if (generation !== this.generation) return this.contexts.get(stored.run.id) ?? null;
    const context = new RunContext(stored, this.now);
    await this.trees.attach(stored.run.rootRunId, treeRuns); // its tree is counted before the run can start children
    const existing = this.contexts.get(stored.run.id);
    if (existing || generation !== this.generation) {
      this.trees.detach(stored.run.rootRunId);
      return existing ?? null;
    }
    this.contexts.set(stored.run.id, context);
    return context;
  }

  /** Remembers a settled run's final state, forgetting the oldest ones beyond the limits. */
  private rememberSettled(stored: StoredRun): void {
    this.forgetSettled(stored.run.id);
    this.recentlySettled.set(stored.run.id, stored);
    this.recentlySettledSteps += stored.steps.length;
    while (this.recentlySettled.size > recentlySettledLimit.runs || (this.recentlySettledSteps > recentlySettledLimit.steps && this.recentlySettled.size > 1)) {
      this.forgetSettled(this.recentlySettled.keys().next().value!);
    }
  }

  private forgetSettled(runId: string): void {
    const stored = this.recentlySettled.get(runId);
    if (!stored) return;
    this.recentlySettled.delete(runId);
    this.recentlySettledSteps -= stored.steps.length;
  }

  private drop(runId: string): void {
    const context = this.contexts.get(runId);
    if (!context) return;
    this.contexts.delete(runId);
    this.trees.detach(context.run.rootRunId);
  }
}
