import { EngineActionError, type RunStore, type StoredRun } from "../../engine/index";
import type { RunEventFeed } from "./run-event-feed";

/**
 * `Engine.waitForRun` for a run another process executes (`ORKA_ENGINE=off`): resolves once the
 * committed rows say nothing but an operator can move the run, re-reading it whenever the event
 * feed delivers new events of it (so it is as prompt as the feed: within its poll interval, or at
 * once where the feed hears of other processes' commits).
 */
export async function waitForRunInDatabase(runId: string, store: Pick<RunStore, "loadRun">, feed: Pick<RunEventFeed, "subscribe">): Promise<StoredRun> {
  const subscription = await feed.subscribe(runId); // before the first read, or a commit in between wakes nobody
  const batches = subscription[Symbol.asyncIterator]();
  try {
    for (;;) {
      const stored = await store.loadRun(runId);
      if (!stored) throw new EngineActionError("NOT_FOUND", `run ${runId} not found`);
      if (needsOnlyAnOperator(stored)) return stored;
      if ((await batches.next()).done) throw new Error(`stopped waiting for run ${runId}: the run event feed closed`);
    }
  } finally {
    subscription.close();
  }
}

/** Finished, or running with nothing to do but wait for approvals; a `pending` run is not begun yet. */
function needsOnlyAnOperator({ run, steps }: StoredRun): boolean {
  if (run.status === "pending") return false;
  if (run.status !== "running") return true;
  return steps.every((step) => {
    if (step.status === "queued" || step.status === "running" || step.status === "retrying") return false;
    return step.status !== "waiting" || (step.state as { reason?: string } | null)?.reason === "approval";
  });
}
