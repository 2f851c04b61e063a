import { reconcileChildren } from "./children";
import type { RunContext } from "./run-context";
import type { Runtime } from "./runtime";

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

/**
 * Picks up every unfinished run after a restart: steps left `running` by a dead process are
 * re-queued with the same attempt (so the same idempotency key), queued steps are dispatched,
 * durable timers re-armed, children reconciled, and progress re-evaluated from the committed state.
 *
 * Runs are taken in batches, each committed before the next is read: a synchronous store (SQLite)
 * would otherwise hold the event loop for the whole recovery, and the process could answer nothing.
 */
export async function recoverAll(runtime: Runtime, { batchSize = defaultBatchSize, onProgress }: RecoveryOptions = {}): Promise<number> {
  const ids = await runtime.options.store.listActiveRunIds();
  const progress = { resumed: 0, total: ids.length };
  onProgress?.({ ...progress });
  for (let start = 0; start < ids.length && !runtime.stopped; start += batchSize) {
    const contexts = await Promise.all(ids.slice(start, start + batchSize).map((id) => loadOrSkip(runtime, id)));
    if (runtime.stopped) break;
    for (const context of contexts) {
      if (!context || !isUnfinished(context)) continue;
      resume(runtime, context);
      progress.resumed++;
    }
    await new Promise<void>((resolve) => runtime.committer.afterCommit(() => resolve()));
    onProgress?.({ ...progress });
  }
  return progress.resumed;
}

export async function recoverRun(runtime: Runtime, runId: string): Promise<void> {
  const context = await runtime.load(runId);
  if (context && isUnfinished(context)) resume(runtime, context);
}

/** One run that cannot be read back (a definition that no longer parses) must not keep the others down. */
function loadOrSkip(runtime: Runtime, runId: string): Promise<RunContext | null> {
  return runtime.load(runId).catch((error: unknown) => {
    runtime.options.logger.error(`run ${runId} could not be loaded for recovery; it stays as it is`, error);
    return null;
  });
}

function isUnfinished(context: RunContext): boolean {
  return context.run.status === "running" || context.run.status === "pending";
}

/**
 * Idempotent for a run this process already works on: between batches an earlier run's progress
 * can load and start a later one (a parent reconciling its children), so a step whose handler is
 * in flight here is left alone; only one left `running` by a dead process is re-queued.
 */
function resume(runtime: Runtime, context: RunContext): void {
  if (context.run.status === "pending") {
    if (!context.run.parentRunId) runtime.begin(context); // a child waits for its parent to start it
    return;
  }
  for (const [stepId, row] of context.steps) {
    switch (row.status) {
      case "running":
        if (context.inFlight.has(stepId)) break;
        context.moveStep(stepId, "queued", { queuedAt: runtime.now() }, "step.requeued", {
          attempt: row.attempt,
          reason: "the process running it stopped; running it again",
        });
        runtime.committer.afterCommit(() => runtime.dispatch(context, stepId));
        break;
      case "queued":
        runtime.committer.afterCommit(() => runtime.dispatch(context, stepId));
        break;
      case "retrying":
        runtime.armTimer(context.id, stepId, row.wakeAt ?? runtime.now());
        break;
      case "waiting": {
        const reason = (row.state as { reason?: string } | null)?.reason;
        if (reason === "delay") runtime.armTimer(context.id, stepId, row.wakeAt ?? runtime.now());
        if (reason === "children") runtime.committer.afterCommit(() => void reconcileChildren(runtime, context.id, stepId));
        break;
      }
    }
  }
  runtime.progress(context, context.graph.order);
}
