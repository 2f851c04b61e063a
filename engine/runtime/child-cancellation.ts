import type { RunStore } from "../ports/run-store";
import type { LiveRuns } from "./live-runs";
import type { Logger } from "./logger";
import type { RunContext } from "./run-context";

/** What cancelling child runs needs of the progress loop. */
export interface ChildCancellationHost {
  cancelRun(context: RunContext, payload: Record<string, unknown>): void;
  /** Resolves once everything changed so far is committed. */
  durable(): Promise<void>;
}

interface StoppedStep {
  runId: string;
  stepId: string;
  payload: Record<string, unknown>;
}

/** Parent steps, and child runs, handled per batch: one listing, one load and one commit each. */
const batchSize = 200;
const maxRetryDelayMs = 10_000;

/**
 * Cancels the child runs of steps that stopped waiting for them (cancelled, resolved, failed) and,
 * through their own steps, every run below, however deep or wide the tree. A work list, never a
 * recursion: a tree of 20,000 runs is walked in batches of 200 with the event loop turning between
 * them, and the children are found in the database (`listChildNodes`), not among the runs that
 * happen to be in memory. A cancelled run's waiting steps put their own children on the list.
 */
export class ChildCancellation {
  private readonly work: StoppedStep[] = [];
  private draining: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly host: ChildCancellationHost,
    private readonly runs: LiveRuns,
    private readonly store: RunStore,
    private readonly logger: Logger,
  ) {}

  /** Cancels the unfinished child runs of this step, after the step's own change is committed. */
  enqueue(runId: string, stepId: string, payload: Record<string, unknown>): void {
    if (this.stopped) return; // recovery finds the children of a stopped step on the next start
    this.work.push({ runId, stepId, payload });
    this.draining ??= this.drain();
  }

  /** Resolves once the work list is empty: every child run asked for so far is cancelled. */
  idle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  stop(): void {
    this.stopped = true;
  }

  private async drain(): Promise<void> {
    let failures = 0;
    try {
      while (this.work.length > 0 && !this.stopped) {
        const batch = this.work.splice(0, batchSize);
        try {
          await this.cancelChildrenOf(batch);
          failures = 0;
        } catch (error) {
          if (failures++ === 0) this.logger.error("cancelling child runs failed; trying again", error);
          this.work.unshift(...batch);
          await delay(Math.min(100 * 2 ** failures, maxRetryDelayMs));
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      // In the same turn as the last look at the work list, so an `enqueue` after it starts a new drain.
      this.draining = null;
    }
  }

  private async cancelChildrenOf(steps: StoppedStep[]): Promise<void> {
    // Children created in the turn their parent step stopped are committed with it: wait for that
    // commit, or the listing below would miss them.
    await this.host.durable();
    if (this.stopped) return;
    const byStep = new Map(steps.map((step) => [`${step.runId}/${step.stepId}`, step]));
    const nodes = await this.store.listChildNodes([...new Set(steps.map((step) => step.runId))]);
    const targets = nodes.filter((node) => isUnfinished(node.status) && byStep.has(`${node.parentRunId}/${node.parentStepId}`));
    for (let start = 0; start < targets.length && !this.stopped; start += batchSize) {
      const chunk = targets.slice(start, start + batchSize);
      const contexts = await this.runs.loadMany(chunk.map((node) => node.id));
      const parentOf = new Map(chunk.map((node) => [node.id, byStep.get(`${node.parentRunId}/${node.parentStepId}`)!]));
      for (const context of contexts) {
        if (!isUnfinished(context.run.status)) continue;
        context.cancelledWithParent = true;
        this.host.cancelRun(context, parentOf.get(context.id)!.payload);
      }
      await this.host.durable();
    }
  }
}

/** A failed child keeps its failure: it already ended, and its error is why its parent step failed. */
function isUnfinished(status: string): boolean {
  return status === "pending" || status === "running";
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
