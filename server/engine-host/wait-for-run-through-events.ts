import { EngineActionError, type RunStore, type StoredRun } from "../../engine/index";
import { getRunEventFeed, type RunEventFeed } from "./run-event-feed";

export interface WaitThroughEventsOptions {
  /** Where the run is read after each batch of its events (any store on the run's database). */
  store: Pick<RunStore, "loadRun">;
  /** Default: the process's feed (`getRunEventFeed`), which hears of other processes' commits. */
  feed?: RunEventFeed;
  signal?: AbortSignal;
}

/**
 * `engine.waitForRun` for a run executed by any process: resolves with the run once it needs
 * nobody but an operator (completed, failed, cancelled, or running with nothing left but approvals),
 * reading it again after each batch of its events the feed delivers. Needs no engine in this
 * process (a web server with `ORKA_ENGINE=off`); on PostgreSQL the events arrive by NOTIFY, so
 * there is no poll delay. Rejects with NOT_FOUND for an unknown run, and when `signal` aborts.
 *
 * @example
 * const { run } = await waitForRunThroughEvents(runId, { store });
 */
export async function waitForRunThroughEvents(runId: string, { store, feed = getRunEventFeed(), signal }: WaitThroughEventsOptions): Promise<StoredRun> {
  // Subscribe before reading the run: a commit in between then arrives as a batch, never lost.
  const subscription = await feed.subscribe(runId, signal);
  const batches = subscription[Symbol.asyncIterator]();
  try {
    for (;;) {
      const stored = await store.loadRun(runId);
      if (!stored) throw new EngineActionError("NOT_FOUND", `run ${runId} not found`);
      if (isSettled(stored)) return stored;
      if ((await batches.next()).done) {
        signal?.throwIfAborted();
        throw new Error(`stopped waiting for run ${runId}: the run event feed closed`);
      }
    }
  } finally {
    subscription.close();
    await batches.return?.();
  }
}

/** What `engine.waitForRun` waits for, judged from the committed rows alone. */
export function isSettled({ run, steps }: StoredRun): boolean {
  if (run.status !== "running" && run.status !== "pending") return true;
  if (run.status === "pending") return false;
  return steps.every((step) => {
    if (step.status === "queued" || step.status === "running" || step.status === "retrying") return false;
    return step.status !== "waiting" || (step.state as { reason?: string } | null)?.reason === "approval";
  });
}
