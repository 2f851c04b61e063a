import { EngineActionError, type RunEvent, type RunStore, type StoredRun } from "../../engine/index";
import { getRunEventFeed, type RunEventFeed } from "./run-event-feed";

export interface WaitThroughEventsOptions {
  /** Where the run is read after each batch of its events (any store on the run's database). */
  store: Pick<RunStore, "loadRun">;
  /** Default: the process's feed (`getRunEventFeed`), which hears of other processes' commits. */
  feed?: RunEventFeed;
  signal?: AbortSignal;
  /**
   * The run was just committed by this process with no events (a start for a worker): it is not
   * settled yet, so it is not read first, and it is read again only after an event that can settle
   * it (see `mayHaveSettled`) instead of after every batch: one read of the run in all, at its end.
   */
  fresh?: boolean;
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
export async function waitForRunThroughEvents(runId: string, { store, feed = getRunEventFeed(), signal, fresh = false }: WaitThroughEventsOptions): Promise<StoredRun> {
  // Subscribe before reading the run: a commit in between then arrives as a batch, never lost.
  const subscription = await feed.subscribe(runId, signal, { fromStart: fresh });
  const batches = subscription[Symbol.asyncIterator]();
  // Every event of the run arrives (none is missed before the subscription): only some can settle it.
  const followsEveryEvent = subscription.fromStart;
  const sawWaiting = { value: false };
  try {
    let read = !followsEveryEvent;
    for (;;) {
      if (read) {
        const stored = await store.loadRun(runId);
        if (!stored) throw new EngineActionError("NOT_FOUND", `run ${runId} not found`);
        if (isSettled(stored)) return stored;
      }
      const next = await batches.next();
      if (next.done) {
        signal?.throwIfAborted();
        throw new Error(`stopped waiting for run ${runId}: the run event feed closed`);
      }
      read = !followsEveryEvent || mayHaveSettled(next.value, sawWaiting);
    }
  } finally {
    subscription.close();
    await batches.return?.();
  }
}

/**
 * Whether a run whose every event since its start was seen may be settled after `events`: it ended
 * (completed, failed, cancelled), or a step of it waits (for an approval, or a timer), from then on
 * after every batch, because a run with an approval waiting is settled once its other steps finish,
 * which any event can tell. A run with no step waiting is settled only by an event that ends it.
 */
function mayHaveSettled(events: readonly RunEvent[], sawWaiting: { value: boolean }): boolean {
  let ended = false;
  for (const event of events) {
    if (event.type === "step.waiting") sawWaiting.value = true;
    else if (event.type === "run.completed" || event.type === "run.failed" || event.type === "run.cancelled") ended = true;
  }
  return ended || sawWaiting.value;
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
