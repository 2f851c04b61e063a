import { EngineActionError } from "../errors-api";
import type { RunStore, StoredRun } from "../ports/run-store";
import type { CommitFeed } from "./commit-feed";
import type { LiveRuns } from "./live-runs";
import type { RunContext } from "./run-context";

/**
 * Resolves once the run needs nobody but an operator: completed, failed, cancelled, or running
 * with nothing left to do but wait for an approval.
 */
export function waitForRun(runId: string, runs: LiveRuns, store: RunStore, feed: CommitFeed): Promise<StoredRun> {
  return new Promise((resolve, reject) => {
    const check = async () => {
      const context = runs.get(runId);
      if (context && (!waitsOnlyForOperator(context) || context.hasUncommitted())) return;
      // Quiet with nothing uncommitted: the mirror equals the database, no need to read it back.
      if (context) return finish(context.snapshot());
      const settled = runs.settled(runId);
      if (settled) return finish(settled);
      const stored = await store.loadRun(runId);
      if (!stored) return reject(new EngineActionError("NOT_FOUND", `run ${runId} not found`));
      if (stored.run.status !== "running" && stored.run.status !== "pending") return finish(stored);
      const live = runs.get(runId);
      if (live && waitsOnlyForOperator(live) && !live.hasUncommitted()) finish(stored);
    };
    const unwatch = feed.watch(runId, () => void check().catch(reject));
    const finish = (stored: StoredRun) => {
      unwatch();
      resolve(stored);
    };
    void check().catch(reject);
  });
}

/** Nothing can happen without an operator: no step queued, running, retrying, or on a timer/child. */
export function waitsOnlyForOperator(context: RunContext): boolean {
  if (context.finishing || context.inFlight.size > 0) return false;
  if (context.run.status !== "running") return true;
  for (const row of context.steps.values()) {
    if (row.status === "queued" || row.status === "running" || row.status === "retrying") return false;
    if (row.status === "waiting" && (row.state as { reason?: string } | null)?.reason !== "approval") return false;
  }
  return true;
}
