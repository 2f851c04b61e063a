import { limits } from "../definition/limits";
import type { StepError } from "../definition/statuses";
import { classifyError } from "../errors";
import { evaluateExpression } from "../expressions/evaluate";
import { isActiveStatus, settleRun } from "../scheduling/settle";
import type { RunContext } from "./run-context";
import { unstorable } from "./storable";

/** What settling a run needs of the progress loop. */
export interface SettleHost {
  now(): Date;
  isCurrent(context: RunContext): boolean;
  /** True once `stop()` began: an isolated evaluation fails when the evaluator closes, and that is no outcome. */
  isStopping(): boolean;
  touch(context: RunContext): void;
}

/**
 * Ends a running run when `settleRun` says it is over: failed at once, or completed once its output
 * expression is evaluated (async, so the run is marked `finishing` meanwhile).
 */
export function settle(host: SettleHost, context: RunContext): void {
  if (context.run.status !== "running" || context.finishing) return;
  // The common case, called after every step: one still active, so `settleRun` would answer
  // "progressing". Checked over the rows alone, without the facts `settleRun` reads of each step.
  for (const row of context.steps.values()) if (isActiveStatus(row.status)) return;
  const settlement = settleRun(context.settleFacts());
  if (settlement.kind === "failed") {
    const first = settlement.failedSteps[0];
    const error: StepError = first
      ? { kind: context.step(first).error?.kind ?? "permanent", message: `step "${first}" failed: ${context.step(first).error?.message ?? "unknown error"}` }
      : { kind: "permanent", message: "no step can progress" };
    context.moveRun("failed", { error, finishedAt: host.now() }, "run.failed", { error, failedSteps: settlement.failedSteps });
    host.touch(context);
  } else if (settlement.kind === "completed") {
    context.finishing = true;
    void finishRun(host, context);
  }
}

/** Commits `run.completed` with the run's output, or `run.failed` when the output expression fails. */
async function finishRun(host: SettleHost, context: RunContext): Promise<void> {
  let output: unknown;
  let error: StepError | null = null;
  try {
    output = context.definition.output === undefined ? defaultOutput(context) : await evaluateExpression(context.definition.output, context.scope());
  } catch (thrown) {
    error = { ...classifyError(thrown), message: `output expression: ${classifyError(thrown).message}` };
  }
  const refusal = error ? null : unstorable(output, limits.collectedOutputBytes);
  if (refusal) error = { kind: "permanent", message: `run output: ${refusal}` };
  context.finishing = false;
  if (host.isStopping() || !host.isCurrent(context) || context.run.status !== "running") return;
  if (error) context.moveRun("failed", { error, finishedAt: host.now() }, "run.failed", { error, failedSteps: [] });
  else context.moveRun("completed", { output, error: null, finishedAt: host.now() }, "run.completed", { output });
  host.touch(context);
}

/** Without an `output` expression a run's output is the outputs of its completed end steps. */
function defaultOutput(context: RunContext): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [stepId, edges] of context.graph.outgoing) {
    const row = context.step(stepId);
    if (edges.length === 0 && (row.status === "completed" || row.status === "resolved")) output[stepId] = row.output;
  }
  return output;
}
