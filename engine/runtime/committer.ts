import type { EngineObserver } from "../ports/engine-observer";
import type { CommitFence } from "../ports/leases";
import type { RunMutation, RunStore } from "../ports/run-store";
import { observeCommitted } from "./observe-commit";
import type { RunContext } from "./run-context";

/**
 * Group commit: every change made during one turn of the event loop, across all runs, is written
 * in one transaction. Work that depends on a change (dispatching a queued step, answering a caller)
 * is registered with `afterCommit` and runs only once that change is durable.
 */
export class GroupCommitter {
  private readonly dirty = new Map<string, RunContext>();
  private callbacks: ((commitError?: unknown) => void)[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;

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
  ) {}

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
    while (this.flushing || this.scheduled || this.dirty.size > 0 || this.callbacks.length > 0) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.scheduled = false;
    const runs = [...this.dirty.values()];
    this.dirty.clear();
    const callbacks = this.callbacks;
    this.callbacks = [];
    // Hazard: `write` may finish synchronously (nothing to commit); reset `flushing` in `finally`,
    // which runs after this assignment, or it would stay set forever and stall every later commit.
    this.flushing = this.write(runs, callbacks).finally(() => {
      this.flushing = null;
      if (this.dirty.size > 0 || this.callbacks.length > 0) this.schedule();
    });
    return this.flushing;
  }

  private async write(runs: RunContext[], callbacks: ((commitError?: unknown) => void)[]): Promise<void> {
    const mutations: RunMutation[] = [];
    const written: RunContext[] = [];
    for (const run of runs) {
      const mutation = run.takeMutation();
      if (!mutation) continue;
      mutations.push(mutation);
      written.push(run);
    }
    // After the runs' own: `written[i]` pairs with `mutations[i]`.
    const shared = this.takeShared();
    if (shared) mutations.push(shared);
    const startedAt = this.observer && mutations.length > 0 ? performance.now() : 0;
    try {
      if (mutations.length > 0) await this.store.commit(mutations, this.fence());
    } catch (error) {
      if (this.observer) observeSafely(() => this.observer!.commit(mutations.length, countEvents(mutations), performance.now() - startedAt, true));
      this.onCommitFailed(runs, error);
      for (const callback of callbacks) callback(error);
      return;
    }
    const observer = this.observer;
    if (observer && mutations.length > 0) {
      const durationMs = performance.now() - startedAt;
      observeSafely(() => {
        observer.commit(mutations.length, countEvents(mutations), durationMs, false);
        for (let i = 0; i < written.length; i++) observeCommitted(observer, written[i]!, mutations[i]!.events);
      });
    }
    for (const callback of callbacks) callback();
    this.onCommitted(runs, mutations.filter((mutation) => mutation.events.length > 0).map((mutation) => mutation.events[0]!.runId));
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
