import { reconcileChildren } from "./children";
import type { RunContext } from "./run-context";
import type { Runtime } from "./runtime";

/**
 * Picks up every unfinished run after a restart: steps left `running` by a dead process are
 * re-queued with the same attempt (so the same idempotency key), queued steps are dispatched,
 * durable timers re-armed, children reconciled, and progress re-evaluated from the committed state.
 */
export async function recoverAll(runtime: Runtime): Promise<number> {
  const ids = await runtime.options.store.listActiveRunIds();
  const contexts: RunContext[] = [];
  for (const id of ids) {
    const context = await runtime.load(id);
    if (context) contexts.push(context);
  }
  for (const context of contexts) resume(runtime, context);
  return contexts.length;
}

export async function recoverRun(runtime: Runtime, runId: string): Promise<void> {
  const context = await runtime.load(runId);
  if (context && (context.run.status === "running" || context.run.status === "pending")) resume(runtime, context);
}

function resume(runtime: Runtime, context: RunContext): void {
  if (context.run.status === "pending") {
    if (!context.run.parentRunId) runtime.begin(context); // a child waits for its parent to start it
    return;
  }
  for (const [stepId, row] of context.steps) {
    switch (row.status) {
      case "running":
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
