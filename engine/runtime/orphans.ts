import type { RunStore, StoredRun } from "../ports/run-store";
import type { LiveRuns } from "./live-runs";
import type { RunContext } from "./run-context";

const batchSize = 200;

/**
 * The child runs among `contexts` whose parent no longer waits for them: the parent run is gone or
 * settled, or its step moved on (cancelled, resolved, failed). A process that stopped while it was
 * cancelling a tree leaves such runs `running`; recovery cancels them instead of resuming them,
 * with every run below them among `contexts`.
 * Parents are read in batches, from memory where they are.
 */
export async function findOrphans(contexts: readonly RunContext[], runs: LiveRuns, store: RunStore): Promise<Set<string>> {
  const children = contexts.filter((context) => context.run.parentRunId !== null);
  /** `parentRunId/stepId` of every parent step that waits for children. */
  const waiting = new Set<string>();
  const unread = new Set<string>();
  for (const child of children) {
    const live = runs.get(child.run.parentRunId!);
    if (live) addWaiting(waiting, live.run, live.steps.values());
    else unread.add(child.run.parentRunId!);
  }
  const missing = [...unread];
  for (let start = 0; start < missing.length; start += batchSize)
    for (const stored of await store.loadRuns(missing.slice(start, start + batchSize))) addWaiting(waiting, stored.run, stored.steps);
  const orphans = new Set(children.filter((child) => !waiting.has(`${child.run.parentRunId}/${child.run.parentStepId}`)).map((child) => child.id));
  // Below an orphan everything is orphaned too, though its own parent still waits: parents first.
  for (const child of [...children].sort((a, b) => a.run.depth - b.run.depth)) if (orphans.has(child.run.parentRunId!)) orphans.add(child.id);
  return orphans;
}

function addWaiting(waiting: Set<string>, run: StoredRun["run"], steps: Iterable<StoredRun["steps"][number]>): void {
  if (run.status !== "running") return;
  for (const step of steps) if (step.status === "waiting") waiting.add(`${run.id}/${step.stepId}`);
}
