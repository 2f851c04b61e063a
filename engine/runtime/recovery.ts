import type { RunStore } from "../ports/run-store";
import type { ChildRuns } from "./children";
import type { GroupCommitter } from "./committer";
import type { StepDispatcher } from "./dispatcher";
import type { LiveRuns } from "./live-runs";
import { findOrphans } from "./orphans";
import { requeueInterrupted } from "./quarantine";
import type { RunContext } from "./run-context";
import type { StepTimers } from "./step-timers";

/** What recovery needs of the progress loop. */
export interface RecoveryHost {
  now(): Date;
  begin(context: RunContext): void;
  progress(context: RunContext, changed: Iterable<string>): void;
  cancelRun(context: RunContext, payload: Record<string, unknown>): void;
}

/**
 * Picks up unfinished runs from the database: after a restart every one, after a failed commit the
 * runs of that commit. Steps left `running` by a dead process are re-queued with the same attempt
 * (so the same idempotency key), queued steps are dispatched, durable timers re-armed, children
 * reconciled, and progress re-evaluated from the committed state.
 */
export class Recovery {
  constructor(
    private readonly host: RecoveryHost,
    private readonly runs: LiveRuns,
    private readonly store: RunStore,
    private readonly committer: GroupCommitter,
    private readonly timers: StepTimers,
    private readonly children: ChildRuns,
    private readonly dispatcher: StepDispatcher,
  ) {}

  /** Recovers every unfinished run; resolves with how many. */
  async recoverAll(): Promise<number> {
    const ids = await this.store.listActiveRunIds();
    const contexts: RunContext[] = [];
    for (const id of ids) {
      const context = await this.runs.load(id);
      if (context) contexts.push(context);
    }
    await this.resumeAll(contexts, { restarted: true });
    return contexts.length;
  }

  /** Picks a run up again after its commit failed (this process did not stop). */
  async recoverRun(runId: string): Promise<void> {
    const context = await this.runs.load(runId);
    if (context && (context.run.status === "running" || context.run.status === "pending")) await this.resumeAll([context], { restarted: false });
  }

  /** Child runs whose parent no longer waits for them (a tree cancellation cut short) are cancelled, not resumed. */
  private async resumeAll(contexts: RunContext[], how: { restarted: boolean }): Promise<void> {
    const orphans = await findOrphans(contexts, this.runs, this.store);
    for (const context of contexts) {
      if (!orphans.has(context.id)) this.resume(context, how);
      else if (context.run.status === "pending" || context.run.status === "running") {
        context.cancelledWithParent = true;
        this.host.cancelRun(context, { reason: "its parent run no longer waits for it" });
      }
    }
  }

  private resume(context: RunContext, { restarted }: { restarted: boolean }): void {
    if (context.run.status === "pending") {
      if (!context.run.parentRunId) this.host.begin(context); // a child waits for its parent to start it
      return;
    }
    for (const [stepId, row] of context.steps) {
      switch (row.status) {
        case "running":
          if (requeueInterrupted(context, stepId, { restarted, now: this.host.now() })) this.committer.afterCommit(() => this.dispatcher.dispatch(context, stepId));
          break;
        case "queued":
          this.committer.afterCommit(() => this.dispatcher.dispatch(context, stepId));
          break;
        case "retrying":
          this.timers.arm(context.id, stepId, row.wakeAt ?? this.host.now());
          break;
        case "waiting": {
          const reason = (row.state as { reason?: string } | null)?.reason;
          if (reason === "delay") this.timers.arm(context.id, stepId, row.wakeAt ?? this.host.now());
          if (reason === "children") this.committer.afterCommit(() => void this.children.reconcile(context.id, stepId));
          break;
        }
      }
    }
    this.host.progress(context, context.graph.order);
  }
}
