import type { EngineObserver } from "../ports/engine-observer";
import type { CommitFence } from "../ports/leases";
import type { RunMutation, RunStore } from "../ports/run-store";
import { observeCommitted } from "./observe-commit";
import type { RunContext } from "./run-context";

/**
 * Group commit: every change made during one turn of the event loop, across all runs, is written
 * in one transaction. Work that depends on a change (dispatching a queued step, answering a caller)
 * is registered with `afterCommit` and runs only once that change is durable.
 *
 * A store that commits on several connections (`RunStore.commitConcurrency`, PostgreSQL) gets up to
 * that many commits in flight: a commit waits mostly for its WAL flush, and commits in flight
 * together share one. A commit starts beside others only when none of its runs is in one of them
 * and it carries no shared rows (breakers), so a run's commits, and breaker rows, reach the
 * database in the order they were made; otherwise it waits until those in flight are done.
 * Callbacks run in commit order, each only after every earlier commit ended too, so `afterCommit`
 * still means "everything changed before this call is durable (or its commit failed)".
 */
export class GroupCommitter {
  private readonly dirty = new Map<string, RunContext>();
  private callbacks: ((commitError?: unknown) => void)[] = [];
  private scheduled = false;
  /** The commits in flight, oldest first: each one's write (resolves with its error) and its end (callbacks run, bookkeeping done). */
  private readonly flights = new Map<Promise<unknown>, Promise<void>>();
  private readonly inFlightRuns = new Set<string>();
  /** A commit with shared rows is in flight: nothing starts beside it. */
  private sharedInFlight = false;
  /** Settles once the callbacks of the newest commit started have run (each commit's wait after the previous one's). */
  private lastCallbacks: Promise<void> = Promise.resolve();
  private readonly maxInFlight: number;

  constructor(
    private readonly store: RunStore,
    private readonly onCommitFailed: (runs: RunContext[], error: unknown) => void,
    /** `withEvents`: ids of the runs whose events this commit made durable. */
    private readonly onCommitted: (runs: RunContext[], withEvents: string[]) => void,
    /** Rows that belong to no run (circuit breakers), written in the same transaction as the runs'. */
    private readonly takeShared: () => RunMutation | null = () => null,
    private readonly observer?: EngineObserver,
    /** The lease every commit is fenced by (null: none, the engine holds no lease). */
    private readonly fence: () => CommitFence | null = () => null,
  ) {
    this.maxInFlight = Math.max(1, Math.floor(store.commitConcurrency ?? 1));
  }

  touch(context: RunContext): void {
    this.dirty.set(context.id, context);
    this.schedule();
  }

  /** `callback` runs once the changes made so far are durable, or with the error if that commit failed. */
  afterCommit(callback: (commitError?: unknown) => void): void {
    this.callbacks.push(callback);
    this.schedule();
  }

  /** Resolves once everything touched so far is committed. */
  async drain(): Promise<void> {
    for (;;) {
      // Only a flush of something: an empty one beside those in flight would keep `flights` from ever emptying.
      if ((this.scheduled || this.dirty.size > 0 || this.callbacks.length > 0) && this.flush()) continue;
      if (this.flights.size === 0) break;
      await Promise.race(this.flights.values());
    }
    await this.lastCallbacks;
  }

  private schedule(): void {
    if (this.scheduled) return;
    if (this.flights.size > 0 && !this.canStartBeside()) return; // a commit ending schedules again
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Whether a commit of what is dirty now may start while others are in flight (see the class comment). */
  private canStartBeside(): boolean {
    if (this.flights.size >= this.maxInFlight || this.sharedInFlight) return false;
    for (const id of this.dirty.keys()) if (this.inFlightRuns.has(id)) return false;
    return true;
  }

  /** Starts a commit of everything dirty, unless it has to wait for those in flight; false then. */
  private flush(): boolean {
    this.scheduled = false;
    if (this.flights.size > 0 && !this.canStartBeside()) return false;
    const runs = [...this.dirty.values()];
    this.dirty.clear();
    const callbacks = this.callbacks;
    this.callbacks = [];
    const mutations: RunMutation[] = [];
    const written: RunContext[] = [];
    for (const run of runs) {
      const mutation = run.takeMutation();
      if (!mutation) continue;
      mutations.push(mutation);
      written.push(run);
    }
    // After the runs' own: `written[i]` pairs with `mutations[i]`. Shared rows are written after every commit in flight ended.
    const shared = this.takeShared();
    if (shared) mutations.push(shared);
    const earlier = shared ? [...this.flights.keys()] : [];
    if (shared) this.sharedInFlight = true;
    for (const run of runs) this.inFlightRuns.add(run.id);
    const outcome = Promise.all(earlier).then(() => this.write(runs, written, mutations));
    // Callbacks in commit order: an earlier commit's changes are durable (or failed) before a later one's callbacks run.
    const callbacksDone = (this.lastCallbacks = Promise.all([outcome, this.lastCallbacks.catch(() => {})]).then(([error]) => {
      for (const callback of callbacks) callback(error);
      if (error === undefined) {
        this.onCommitted(runs, mutations.filter((mutation) => mutation.events.length > 0).map((mutation) => mutation.events[0]!.runId));
      }
    }));
    const flight: Promise<void> = callbacksDone.finally(() => {
      this.flights.delete(outcome);
      if (shared) this.sharedInFlight = false;
      for (const run of runs) this.inFlightRuns.delete(run.id);
      if (this.dirty.size > 0 || this.callbacks.length > 0) this.schedule();
    });
    this.flights.set(outcome, flight);
    return true;
  }

  /** Writes one commit; resolves with its error (undefined when it is durable), never rejects. */
  private async write(runs: RunContext[], written: RunContext[], mutations: RunMutation[]): Promise<unknown> {
    const startedAt = this.observer && mutations.length > 0 ? performance.now() : 0;
    try {
      if (mutations.length > 0) await this.store.commit(mutations, this.fence());
    } catch (error) {
      if (this.observer) observeSafely(() => this.observer!.commit(mutations.length, countEvents(mutations), performance.now() - startedAt, true));
      this.onCommitFailed(runs, error);
      return error ?? new Error("commit failed");
    }
    const observer = this.observer;
    if (observer && mutations.length > 0) {
      const durationMs = performance.now() - startedAt;
      observeSafely(() => {
        observer.commit(mutations.length, countEvents(mutations), durationMs, false);
        for (let i = 0; i < written.length; i++) observeCommitted(observer, written[i]!, mutations[i]!.events);
      });
    }
    return undefined;
  }
}

/** Metrics must never stop the loop: a throwing observer would leave every caller of a commit waiting. */
function observeSafely(report: () => void): void {
  try {
    report();
  } catch {
    // nothing counted; the commit itself stands
  }
}

function countEvents(mutations: readonly RunMutation[]): number {
  let events = 0;
  for (const mutation of mutations) events += mutation.events.length;
  return events;
}
