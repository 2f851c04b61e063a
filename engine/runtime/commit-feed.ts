import type { Logger } from "./logger";
import type { RunContext } from "./run-context";

/** Who hears about commits: watchers of one run (engine callers) and listeners of all (event feeds). */
export class CommitFeed {
  private readonly watchers = new Map<string, Set<(context: RunContext) => void>>();
  private readonly listeners = new Set<(runIds: readonly string[]) => void>();

  constructor(private readonly logger: Logger) {}

  /** Calls `listener` after each commit that touched the run; returns the function that stops it. */
  watch(runId: string, listener: (context: RunContext) => void): () => void {
    let set = this.watchers.get(runId);
    if (!set) this.watchers.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.watchers.delete(runId);
    };
  }

  /** Calls `listener` after each commit that made events durable, with their run ids; returns an unsubscribe. */
  onCommitted(listener: (runIds: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  runCommitted(context: RunContext): void {
    for (const listener of this.watchers.get(context.id) ?? []) listener(context);
  }

  eventsCommitted(runIds: readonly string[]): void {
    for (const listener of this.listeners) {
      // A listener is someone else's code (an event feed): its failure must not stop the loop.
      try {
        listener(runIds);
      } catch (error) {
        this.logger.error("a commit listener failed", error);
      }
    }
  }
}
