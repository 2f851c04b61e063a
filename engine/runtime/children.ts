import { limits } from "../definition/limits";
import type { StepError } from "../definition/statuses";
import type { RunStore } from "../ports/run-store";
import type { StepOutcome } from "../steps/handler";
import { ChildCancellation, type ChildCancellationHost } from "./child-cancellation";
import type { LiveRuns } from "./live-runs";
import type { Logger } from "./logger";
import { newRunRows } from "./new-run";
import { RunContext } from "./run-context";
import type { Completion } from "./runtime";
import { unstorable } from "./storable";

interface ChildrenState {
  reason: "children";
  collect: "single" | "array";
  total: number;
  maxConcurrency: number;
}

/** What child runs need of the progress loop. */
export interface ChildRunsHost extends ChildCancellationHost {
  now(): Date;
  begin(context: RunContext): void;
  touch(context: RunContext): void;
  settle(context: RunContext): void;
  fail(context: RunContext, stepId: string, error: StepError, extra: Record<string, unknown>): void;
  complete(context: RunContext, stepId: string, completion: Completion): void;
}

/**
 * Sub-workflow and map steps wait on child runs. Children are ordinary runs that point at their
 * parent step; all are created `pending` in the parent's commit and started `maxConcurrency` at a
 * time. The parent step is reconciled from the database after each child settles, so a crash
 * between a child's end and the parent's update is repaired by recovery doing the same.
 */
export class ChildRuns {
  /** The reconciliation running or last run per parent step (`runId/stepId`). */
  private readonly reconciling = new Map<string, Promise<void>>();
  private readonly cancellation: ChildCancellation;
  private stopped = false;

  constructor(
    private readonly host: ChildRunsHost,
    private readonly runs: LiveRuns,
    private readonly store: RunStore,
    private readonly logger: Logger,
  ) {
    this.cancellation = new ChildCancellation(host, runs, store, logger);
  }

  start(context: RunContext, stepId: string, outcome: Extract<StepOutcome, { type: "children" }>): void {
    const state: ChildrenState = { reason: "children", collect: outcome.collect, total: outcome.children.length, maxConcurrency: outcome.maxConcurrency };
    context.moveStep(stepId, "waiting", { state }, "step.waiting", { reason: "children", total: state.total });
    if (state.total === 0) return this.host.complete(context, stepId, { output: [] });
    outcome.children.forEach((child, index) => {
      const rows = newRunRows(
        { ...child, teamId: context.run.teamId, traceParent: context.run.traceParent, parent: { runId: context.id, stepId, index, rootRunId: context.run.rootRunId, depth: context.run.depth, test: context.run.test } },
        this.host.now(),
      );
      const childContext = RunContext.fresh(rows, this.host.now, child.definition);
      this.runs.add(childContext);
      if (index < state.maxConcurrency) this.host.begin(childContext);
      this.host.touch(childContext);
    });
    this.host.touch(context);
  }

  /** Cancels the unfinished child runs of a step that stops waiting for them, and everything below them. */
  cancel(context: RunContext, stepId: string, payload: Record<string, unknown>): void {
    if ((context.step(stepId).state as ChildrenState | null)?.reason === "children") this.cancellation.enqueue(context.id, stepId, payload);
  }

  /** Resolves once every cancellation of child runs asked for so far is done. */
  cancellationsDone(): Promise<void> {
    return this.cancellation.idle();
  }

  stop(): void {
    this.stopped = true;
    this.cancellation.stop();
  }

  /** Called once a run's terminal or failed state is committed: its parent step may move on. */
  settled(run: RunContext): void {
    if (run.run.parentRunId && !run.cancelledWithParent) void this.reconcile(run.run.parentRunId, run.run.parentStepId!);
  }

  /**
   * Brings a waiting parent step in line with its children. Serialised per parent step: two children
   * settling in one commit would otherwise both count the same running children and start one too many.
   */
  reconcile(parentRunId: string, stepId: string): Promise<void> {
    const key = `${parentRunId}/${stepId}`;
    const next = (this.reconciling.get(key) ?? Promise.resolve()).then(() => this.reconcileNow(parentRunId, stepId));
    const settled = next.catch((error) => {
      this.logger.error(`reconciling children of ${key} failed; trying again in a second`, error);
      // Otherwise the parent step would wait for children that finished (the database did not answer).
      if (!this.stopped) setTimeout(() => void this.reconcile(parentRunId, stepId), 1000).unref();
    });
    this.reconciling.set(key, settled);
    void settled.then(() => {
      if (this.reconciling.get(key) === settled) this.reconciling.delete(key);
    });
    return settled;
  }

  private async reconcileNow(parentRunId: string, stepId: string): Promise<void> {
    const parent = await this.runs.load(parentRunId);
    if (!parent || parent.run.status !== "running") return;
    const row = parent.step(stepId);
    const state = row.state as ChildrenState | null;
    if (row.status !== "waiting" || state?.reason !== "children") return;
    const stored = await this.store.listChildRuns(parentRunId, stepId);
    if (!this.runs.isCurrent(parent) || parent.step(stepId) !== row) return; // changed while reading
    const children = stored.map((child) => this.runs.get(child.id)?.run ?? child).sort((a, b) => a.parentIndex! - b.parentIndex!);
    const broken = children.find((child) => child.status === "failed" || child.status === "cancelled");
    if (broken) {
      const message = `child run ${broken.id} (item ${broken.parentIndex}) ${broken.status}${broken.error ? `: ${clip(broken.error.message)}` : ""}`;
      this.cancel(parent, stepId, { reason: `sibling ${broken.id} ${broken.status}` });
      return this.fail(parent, stepId, { kind: broken.status === "cancelled" ? "cancelled" : "permanent", message }, { childRunId: broken.id });
    }
    if (children.length === state.total && children.every((child) => child.status === "completed")) {
      const outputs = children.map((child) => child.output);
      const output = state.collect === "single" ? outputs[0] : outputs;
      const refusal = unstorable(output, limits.collectedOutputBytes);
      if (refusal) return this.fail(parent, stepId, { kind: "permanent", message: `the child runs' ${refusal}` }, {});
      this.host.complete(parent, stepId, { output, extra: { childRunIds: children.map((child) => child.id) } });
      this.host.touch(parent);
      return;
    }
    await this.startWaiting(children, state.maxConcurrency);
  }

  private fail(parent: RunContext, stepId: string, error: StepError, extra: Record<string, unknown>): void {
    this.host.fail(parent, stepId, error, { ...extra, error: { ...error, kind: "permanent" } });
    this.host.touch(parent);
  }

  /** Starts pending children while fewer than `maxConcurrency` run. */
  private async startWaiting(children: { id: string; status: string }[], maxConcurrency: number): Promise<void> {
    let running = children.filter((child) => child.status === "running").length;
    for (const child of children) {
      if (running >= maxConcurrency) break;
      if (child.status !== "pending") continue;
      const context = await this.runs.load(child.id);
      if (context && context.run.status === "pending") {
        this.host.begin(context);
        running++;
      }
    }
  }
}

/** A child's error inside its parent's: clipped, or a chain of failures would grow with every level. */
function clip(message: string): string {
  return message.length > 1_000 ? `${message.slice(0, 1_000)}…` : message;
}
