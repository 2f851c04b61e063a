import type { RunMutation, RunStore } from "../ports/run-store.js";
import type { RunContext } from "./run-context.js";

/**
 * Group commit: every change made during one turn of the event loop, across all runs, is written
 * in one transaction. Work that depends on a change (dispatching a queued step, answering a caller)
 * is registered with `afterCommit` and runs only once that change is durable.
 */
export class GroupCommitter {
  private readonly dirty = new Map<string, RunContext>();
  private callbacks: (() => void)[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly onCommitFailed: (runs: RunContext[], error: unknown) => void,
    private readonly onCommitted: (runs: RunContext[]) => void,
  ) {}

  touch(context: RunContext): void {
    this.dirty.set(context.id, context);
    this.schedule();
  }

  afterCommit(callback: () => void): void {
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
    const mutations = runs.map((run) => run.takeMutation()).filter((mutation): mutation is RunMutation => mutation !== null);
    this.flushing = (async () => {
      let committed = false;
      try {
        if (mutations.length > 0) await this.store.commit(mutations);
        committed = true;
      } catch (error) {
        this.onCommitFailed(runs, error);
      } finally {
        this.flushing = null;
      }
      if (committed) {
        for (const callback of callbacks) callback();
        this.onCommitted(runs);
      }
      if (this.dirty.size > 0 || this.callbacks.length > 0) this.schedule();
    })();
    return this.flushing;
  }
}
