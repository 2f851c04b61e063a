import type { StepOutcome } from "../steps/handler";
import { newRunRows } from "./new-run";
import { RunContext } from "./run-context";
import type { Runtime } from "./runtime";

interface ChildrenState {
  reason: "children";
  collect: "single" | "array";
  total: number;
  maxConcurrency: number;
}

/**
 * Sub-workflow and map steps wait on child runs. Children are ordinary runs that point at their
 * parent step; all are created `pending` in the parent's commit and started `maxConcurrency` at a
 * time. The parent step is reconciled from the database after each child settles, so a crash
 * between a child's end and the parent's update is repaired by recovery doing the same.
 */
export function installChildren(runtime: Runtime): void {
  runtime.startChildren = (context, stepId, outcome: Extract<StepOutcome, { type: "children" }>) => {
    const state: ChildrenState = { reason: "children", collect: outcome.collect, total: outcome.children.length, maxConcurrency: outcome.maxConcurrency };
    context.moveStep(stepId, "waiting", { state }, "step.waiting", { reason: "children", total: state.total });
    if (state.total === 0) return runtime.complete(context, stepId, [], null, null);
    outcome.children.forEach((child, index) => {
      const rows = newRunRows({ ...child, teamId: context.run.teamId, parent: { runId: context.id, stepId, index } }, runtime.now());
      const childContext = RunContext.fresh(rows, runtime.now, child.definition);
      runtime.contexts.set(childContext.id, childContext);
      if (index < state.maxConcurrency) runtime.begin(childContext);
      runtime.touch(childContext);
    });
    runtime.touch(context);
  };

  runtime.cancelChildrenOf = (context, stepId, payload) => {
    for (const child of runtime.contexts.values()) {
      if (child.run.parentRunId !== context.id || child.run.parentStepId !== stepId) continue;
      if (child.run.status === "pending" || child.run.status === "running" || child.run.status === "failed") cancelRun(runtime, child, payload);
    }
  };

  runtime.onRunSettled = (child) => {
    if (child.run.parentRunId) void reconcileChildren(runtime, child.run.parentRunId, child.run.parentStepId!);
  };
}

/** Cancels a run and everything in it that has not finished. */
export function cancelRun(runtime: Runtime, context: RunContext, payload: Record<string, unknown>): void {
  for (const [stepId, row] of context.steps) {
    if (["pending", "queued", "running", "retrying", "waiting"].includes(row.status)) runtime.cancelStepInternal(context, stepId, payload);
  }
  context.moveRun("cancelled", { finishedAt: runtime.now() }, "run.cancelled", payload);
  runtime.touch(context);
}

const reconciling = new WeakMap<Runtime, Map<string, Promise<void>>>();

/**
 * Brings a waiting parent step in line with its children. Serialised per parent step: two children
 * settling in one commit would otherwise both count the same running children and start one too many.
 */
export function reconcileChildren(runtime: Runtime, parentRunId: string, stepId: string): Promise<void> {
  let queue = reconciling.get(runtime);
  if (!queue) reconciling.set(runtime, (queue = new Map()));
  const key = `${parentRunId}/${stepId}`;
  const next = (queue.get(key) ?? Promise.resolve()).then(() => reconcileNow(runtime, parentRunId, stepId));
  const settled = next.catch((error) => runtime.options.logger.error(`reconciling children of ${key} failed`, error));
  queue.set(key, settled);
  void settled.then(() => {
    if (queue.get(key) === settled) queue.delete(key);
  });
  return settled;
}

async function reconcileNow(runtime: Runtime, parentRunId: string, stepId: string): Promise<void> {
  const parent = await runtime.load(parentRunId);
  if (!parent || parent.run.status !== "running") return;
  const row = parent.step(stepId);
  const state = row.state as ChildrenState | null;
  if (row.status !== "waiting" || state?.reason !== "children") return;
  const stored = await runtime.options.store.listChildRuns(parentRunId, stepId);
  if (!runtime.isCurrent(parent) || parent.step(stepId) !== row) return; // changed while reading
  const children = stored.map((child) => runtime.contexts.get(child.id)?.run ?? child).sort((a, b) => a.parentIndex! - b.parentIndex!);
  const broken = children.find((child) => child.status === "failed" || child.status === "cancelled");
  if (broken) {
    const message = `child run ${broken.id} (item ${broken.parentIndex}) ${broken.status}${broken.error ? `: ${broken.error.message}` : ""}`;
    runtime.cancelChildrenOf(parent, stepId, { reason: `sibling ${broken.id} ${broken.status}` });
    parent.moveStep(stepId, "failed", { error: { kind: broken.status === "cancelled" ? "cancelled" : "permanent", message }, finishedAt: runtime.now() }, "step.failed", {
      attempt: row.attempt,
      error: { kind: "permanent", message },
      childRunId: broken.id,
    });
    runtime.settle(parent);
    runtime.touch(parent);
    return;
  }
  if (children.length === state.total && children.every((child) => child.status === "completed")) {
    const outputs = children.map((child) => child.output);
    runtime.complete(parent, stepId, state.collect === "single" ? outputs[0] : outputs, null, null, true, { childRunIds: children.map((child) => child.id) });
    runtime.touch(parent);
    return;
  }
  let running = children.filter((child) => child.status === "running").length;
  for (const child of children) {
    if (running >= state.maxConcurrency) break;
    if (child.status !== "pending") continue;
    const context = await runtime.load(child.id);
    if (context && context.run.status === "pending") {
      runtime.begin(context);
      running++;
    }
  }
}
